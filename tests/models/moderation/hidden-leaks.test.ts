// What a moderator hid stays out of sight of those who may not see it, on the
// paths that used to leak it: notifications (and the bell's count) about a
// thread whose question was hidden, a search result's link to it, a
// knowledge-base article's link back to it, promoting from it, and a comment
// under a hidden answer. Restoring a deleted answer puts the follow-up back on.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { runFollowUps } from "../../../app/models/notify/follow-up.server";
import { createArticle, promotionDraft } from "../../../app/models/kb/kb.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { countUnread, listNotifications, notify, openNotification } from "../../../app/models/notify/notification.server";
import { deletePost, editPost, getPostForEdit, getPostHistory, restorePost } from "../../../app/models/forum/post.server";
import { recordDeflection, recordSearchClick } from "../../../app/models/search/search-log.server";
import { loader as rootLoader } from "../../../app/root";
import { loader as articleLoader } from "../../../app/routes/kb.$slug";
import { action as newArticleAction, loader as newArticleLoader } from "../../../app/routes/kb.new";
import { loader as notificationsLoader } from "../../../app/routes/notifications";
import { loader as openLoader } from "../../../app/routes/notifications.$id";
import { action as editAction, loader as editLoader } from "../../../app/routes/posts.$id.edit";
import { loader as historyLoader } from "../../../app/routes/posts.$id.history";
import { loader as goLoader } from "../../../app/routes/search_.go";
import { articles, notifications, posts, searchQueries, threads } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused } from "../../support/model-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
type User = Awaited<ReturnType<typeof createEstablishedMember>>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Posts a few minutes apart, so the posting limits stay out of the way.
let clock = Date.now() - 20 * DAY;
const tick = () => new Date((clock += 5 * MINUTE));

let asker: User;
let answerer: User;
let watcher: User;
let mod: User;
let otherMod: User;

beforeAll(async () => {
  asker = await createEstablishedMember(db);
  answerer = await createEstablishedMember(db);
  watcher = await createEstablishedMember(db);
  mod = await createEstablishedMember(db, { role: "moderator" });
  otherMod = await createEstablishedMember(db, { role: "moderator" });
});

let titles = 0;
/** A thread with a title no other test uses, answered by `answerer`. */
function answeredThread() {
  titles += 1;
  const title = `Router number ${titles} blinks orange after the firmware update`;
  const thread = createTestThread(db, asker, { title, at: tick() });
  const answer = createTestAnswer(db, answerer, thread.id, undefined, tick());
  const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
  return { thread, answer, question, title };
}

function hide(postId: number) {
  expect(hidePost(db, mod, postId, "Personal details in it", tick()).ok).toBe(true);
}

const threadRow = (id: number) => db.select().from(threads).where(eq(threads.id, id)).get()!;

describe("notifications about a thread whose question was hidden", () => {
  async function page(userId: number) {
    return bodyOf<{ notifications: { id: number; thread: { title: string } | null }[] }>(
      await settle(() => notificationsLoader({ request: getRequest("/notifications?_data=routes%2Fnotifications"), params: {}, context: contextFor(db, userId) })),
    );
  }
  async function bell(userId: number) {
    const root = await bodyOf(await settle(() => rootLoader({ request: getRequest("/"), params: {}, context: contextFor(db, userId) })));
    return root.unreadNotifications as number;
  }
  /** The user's notifications about this thread, as /notifications lists them. */
  const listed = (userId: number, threadId: number) =>
    listNotifications(db, { ...asker, id: userId }).notifications.filter((n) => n.thread?.id === threadId);

  test("drop out of the list, the page's data, the bell and the opener for those told before the hiding; the asker and staff keep them", async () => {
    const { thread, answer, question, title } = answeredThread();
    // Told before the hiding: a watcher, the asker, a moderator (and the answerer, who caused it, is skipped).
    db.transaction((tx) =>
      notify(tx, [watcher.id, asker.id, otherMod.id], { kind: "comment", actorId: answerer.id, threadId: thread.id, postId: answer.id, now: tick() }),
    );
    const [told] = db.select().from(notifications).where(and(eq(notifications.userId, watcher.id), eq(notifications.threadId, thread.id))).all();
    expect(listed(watcher.id, thread.id)).toHaveLength(1);
    const bellBefore = await bell(watcher.id);

    hide(question.id);

    expect(listed(watcher.id, thread.id)).toEqual([]);
    const watcherPage = await page(watcher.id);
    expect(JSON.stringify(watcherPage)).not.toContain(title);
    expect(await bell(watcher.id)).toBe(bellBefore - 1);
    expect(openNotification(db, watcher, told.id)).toBeNull();
    const opened = await settle(() => openLoader({ request: getRequest(`/notifications/${told.id}`), params: { id: String(told.id) }, context: contextFor(db, watcher.id) }));
    expect(opened.status).toBe(404);

    // The asker and staff still see the thread, so they keep what they were told.
    expect(listed(asker.id, thread.id).map((n) => n.thread!.title)).toContain(title);
    expect(listed(otherMod.id, thread.id).map((n) => n.thread!.title)).toEqual([title]);
    expect(JSON.stringify(await page(otherMod.id))).toContain(title);
  });

  test("the bell counts exactly what the list shows: no hidden thread, hidden answer or deleted thread behind it", async () => {
    const reader = await createEstablishedMember(db);
    const hiddenQuestion = answeredThread();
    const hiddenAnswer = answeredThread();
    const deletedThread = answeredThread();
    const shown = answeredThread();
    for (const { thread, answer } of [hiddenQuestion, hiddenAnswer, deletedThread, shown]) {
      db.transaction((tx) => notify(tx, reader.id, { kind: "answer", actorId: answerer.id, threadId: thread.id, postId: answer.id, now: tick() }));
    }
    expect(countUnread(db, reader.id)).toBe(4);

    hide(hiddenQuestion.question.id);
    hide(hiddenAnswer.answer.id);
    deletePost(db, mod, deletedThread.question.id, tick());

    const list = listNotifications(db, reader).notifications;
    expect(list.map((n) => n.thread!.id)).toEqual([shown.thread.id]);
    expect(countUnread(db, reader.id)).toBe(list.filter((n) => !n.read).length);
    expect(await bell(reader.id)).toBe(1);
  });
});

describe("a search result's link", () => {
  const go = (threadId: number, userId: number | null = null) =>
    settle(() => goLoader({ request: getRequest(`/search/go?type=thread&id=${threadId}`), params: {}, context: contextFor(db, userId) }));

  test("leads to a visible thread, but to a 404 for a hidden-question or deleted thread (whose address carries its title)", async () => {
    const visible = answeredThread();
    const hidden = answeredThread();
    const deleted = answeredThread();
    hide(hidden.question.id);
    deletePost(db, mod, deleted.question.id, tick());

    const ok = await go(visible.thread.id, watcher.id);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/t/${visible.thread.id}/${visible.thread.slug}`);

    for (const userId of [null, watcher.id]) {
      const refused = await go(hidden.thread.id, userId);
      expect(refused.status).toBe(404);
      expect(refused.headers.get("Location")).toBeNull();
      expect(await refused.text()).not.toContain(hidden.thread.slug);
      expect((await go(deleted.thread.id, userId)).status).toBe(404);
    }
    // No click is counted, no deflection recorded, for a thread nobody may be sent to.
    const logged = db.insert(searchQueries).values({ query: "router blinks orange", resultCount: 1, signedIn: true, createdAt: tick() }).returning().get();
    expect(recordSearchClick(db, logged.id, "thread", hidden.thread.id)).toBeNull();
    expect(db.select().from(searchQueries).where(eq(searchQueries.id, logged.id)).get()!.clickedAt).toBeNull();
    expect(recordDeflection(db, { query: "router blinks orange", kind: "thread", id: hidden.thread.id, signedIn: true })).toBeNull();
  });
});

describe("the knowledge base and a hidden thread", () => {
  function promote(answerId: number) {
    return createArticle(
      db,
      mod,
      { title: `What the orange light means, case ${answerId}`, body: "An orange light means the box is updating: wait ten minutes.", category: "billing", tags: [], note: "", answerId, publish: true },
      tick(),
    );
  }

  async function articlePage(slug: string, userId: number | null) {
    return bodyOf<{ article: { title: string }; source: { title: string; path: string } | null }>(
      await settle(() => articleLoader({ request: getRequest(`/kb/${slug}`), params: { slug }, context: contextFor(db, userId) })),
    );
  }

  test("an article promoted before its question was hidden stays, but its link to the thread shows only to the asker and staff", async () => {
    const { thread, answer, question, title } = answeredThread();
    const result = promote(answer.id);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const slug = result.article.slug;
    expect((await articlePage(slug, null)).source?.title).toBe(title);

    hide(question.id);

    for (const userId of [null, watcher.id, answerer.id]) {
      const seen = await articlePage(slug, userId);
      expect(seen.article.title).toBe(result.article.title);
      expect(seen.source).toBeNull();
      expect(JSON.stringify(seen)).not.toContain(title);
      expect(JSON.stringify(seen)).not.toContain(thread.slug);
    }
    for (const userId of [asker.id, mod.id]) expect((await articlePage(slug, userId)).source?.title).toBe(title);
  });

  test("an answer of a hidden-question thread, or a hidden answer, can't be promoted: a clear refusal, nothing written", async () => {
    const inHiddenThread = answeredThread();
    hide(inHiddenThread.question.id);
    const hiddenAnswer = answeredThread();
    hide(hiddenAnswer.answer.id);
    const articleCount = () => db.select().from(articles).all().length;
    const before = articleCount();

    const cases = [
      { answerId: inHiddenThread.answer.id, message: "This answer's question is hidden by a moderator: unhide the question before promoting the answer." },
      { answerId: hiddenAnswer.answer.id, message: "This answer is hidden by a moderator: unhide it before promoting it." },
    ];
    for (const { answerId, message } of cases) {
      // The model: the editor's starting point and the promotion itself.
      const draft = expectRefused(db, () => promotionDraft(db, mod, answerId), 409);
      expect(await draft.text()).toBe(message);
      expect(promote(answerId)).toEqual({ ok: false, errors: { form: message } });
      // The pages: /kb/new?answer=ID, and a forged POST of the editor with that answer.
      const opened = await settle(() => newArticleLoader({ request: getRequest(`/kb/new?answer=${answerId}`), params: {}, context: contextFor(db, mod.id) }));
      expect(opened.status).toBe(409);
      const fields = { title: "What the orange light means", body: "An orange light means the box is updating: wait ten minutes.", category: "billing", tags: "", note: "", answerId: String(answerId), intent: "publish" };
      const posted = await settle(() => newArticleAction({ request: formRequest("/kb/new", fields), params: {}, context: contextFor(db, mod.id) }));
      expect(posted.status).toBe(409);
      const reply = await bodyOf(posted);
      expect(reply.errors.form).toBe(message);
      expect(reply.values.title).toBe(fields.title);
    }
    expect(articleCount()).toBe(before);
  });
});

describe("a comment under a hidden answer", () => {
  test("its history and its editor are a 404 for those who may not see the answer (model and forged form); staff and the answer's author still open them", async () => {
    const { answer } = answeredThread();
    const commenter = watcher;
    const comment = createTestComment(db, commenter, answer.id, "Did you try the other port on the box?", tick());
    const stranger = await createEstablishedMember(db);
    // Before the hiding, anyone reads its history.
    expect(getPostHistory(db, stranger, comment.id).versions).toHaveLength(1);

    hide(answer.id);

    for (const viewer of [null, stranger, commenter]) {
      expectRefused(db, () => getPostHistory(db, viewer, comment.id), 404);
      const history = await settle(() => historyLoader({ request: getRequest(`/posts/${comment.id}/history`), params: { id: String(comment.id) }, context: contextFor(db, viewer?.id ?? null) }));
      expect(history.status).toBe(404);
    }
    for (const viewer of [stranger, commenter]) {
      expectRefused(db, () => getPostForEdit(db, viewer, comment.id), 404);
      expectRefused(db, () => editPost(db, viewer, comment.id, { body: "Rewritten while hidden", reason: "" }, tick()), 404);
      expectRefused(db, () => deletePost(db, viewer, comment.id, tick()), 404);
      const editor = await settle(() => editLoader({ request: getRequest(`/posts/${comment.id}/edit`), params: { id: String(comment.id) }, context: contextFor(db, viewer.id) }));
      expect(editor.status).toBe(404);
      const run = () => editAction({ request: formRequest(`/posts/${comment.id}/edit`, { body: "Rewritten while hidden", reason: "" }), params: { id: String(comment.id) }, context: contextFor(db, viewer.id) });
      const before = db.select().from(posts).where(eq(posts.id, comment.id)).get();
      expect((await settle(run)).status).toBe(404);
      expect(db.select().from(posts).where(eq(posts.id, comment.id)).get()).toEqual(before);
    }
    for (const viewer of [mod, answerer]) {
      expect(getPostHistory(db, viewer, comment.id).versions).toHaveLength(1);
      const history = await settle(() => historyLoader({ request: getRequest(`/posts/${comment.id}/history`), params: { id: String(comment.id) }, context: contextFor(db, viewer.id) }));
      expect(history.status).toBe(200);
    }
  });
});

describe("restoring a deleted answer", () => {
  test("the thread's first visible answer, restored after the due date, puts the follow-up back on: asked once, at the next run", () => {
    const { thread, answer } = answeredThread();
    const due = threadRow(thread.id).followUpDueAt!;
    expect(due).not.toBeNull();
    deletePost(db, answerer, answer.id, tick());
    runFollowUps(db, new Date(due.getTime() + MINUTE));
    expect(threadRow(thread.id).followUpDueAt).toBeNull();

    restorePost(db, mod, answer.id);
    // Counted from when the answer was written, as when it was first posted.
    expect(threadRow(thread.id).followUpDueAt).toEqual(due);
    runFollowUps(db, new Date(due.getTime() + 2 * MINUTE));
    runFollowUps(db, new Date(due.getTime() + DAY));
    const asked = db.select().from(notifications).where(and(eq(notifications.userId, asker.id), eq(notifications.threadId, thread.id), eq(notifications.kind, "follow_up"))).all();
    expect(asked).toHaveLength(1);
  });

  test("a restored question whose thread the job let go while deleted is put back on too; restoring never moves a due date already set", () => {
    const gone = answeredThread();
    const due = threadRow(gone.thread.id).followUpDueAt!;
    deletePost(db, mod, gone.question.id, tick());
    runFollowUps(db, new Date(due.getTime() + MINUTE));
    expect(threadRow(gone.thread.id).followUpDueAt).toBeNull();
    restorePost(db, mod, gone.question.id);
    expect(threadRow(gone.thread.id).followUpDueAt).toEqual(due);

    // A second answer deleted and restored before the due date leaves it where it was.
    const kept = answeredThread();
    const keptDue = threadRow(kept.thread.id).followUpDueAt!;
    const second = createTestAnswer(db, watcher, kept.thread.id, "Try the reset button for ten seconds.", tick());
    deletePost(db, watcher, second.id, tick());
    restorePost(db, mod, second.id);
    expect(threadRow(kept.thread.id).followUpDueAt).toEqual(keptDue);
  });
});
