// What a viewer may not see stays out of every page and every loader's data
// that shows threads or posts, for every kind of viewer. The community plants
// deleted and hidden threads, answers and comments (and comments under each),
// each with a word of its own in its text; each page is requested as a
// visitor, a member, the author of what was hidden and a moderator, and a
// planted word may appear only where canSeePost says that viewer may read it.
import { eq } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { deletePost } from "../../app/models/forum/post.server";
import { canSeePost, type Actor } from "../../app/policy";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as categoryLoader } from "../../app/routes/c.$slug";
import { loader as modPostLoader } from "../../app/routes/mod.posts.$id";
import { loader as editLoader } from "../../app/routes/posts.$id.edit";
import { loader as historyLoader } from "../../app/routes/posts.$id.history";
import { action as threadAction, loader as threadLoader } from "../../app/routes/t.$id.($slug)";
import { loader as profileLoader } from "../../app/routes/u.$username";
import { flags, posts, threads } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createEstablishedMember>>;

let author: User;
let moderator: User;
let member: User;
const viewers: { name: string; user: () => User | null }[] = [
  { name: "a visitor", user: () => null },
  { name: "a member", user: () => member },
  { name: "the author", user: () => author },
  { name: "a moderator", user: () => moderator },
];

/** Every planted post: its own word, its thread, and what seeing it depends on. */
type Planted = { word: string; postId: number; threadId: number; threadSlug: string };
const planted: Planted[] = [];

// Each write a minute after the last, past the posting limits.
let clock = Date.now() - 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));

function plant(word: string, make: () => { id: number; threadId: number }) {
  const post = make();
  const thread = db.select().from(threads).where(eq(threads.id, post.threadId)).get()!;
  planted.push({ word, postId: post.id, threadId: thread.id, threadSlug: thread.slug });
  return post;
}

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  author = await createEstablishedMember(db, { username: "author_ada" });
  member = await createEstablishedMember(db, { username: "member_max" });
  const other = await createEstablishedMember(db, { username: "other_otto" });
  moderator = await createUser(db, { username: "mod_mo", role: "moderator" });

  // A live thread whose answers are deleted, hidden, or neither, each with a comment.
  const open = createTestThread(db, other, { title: "Why is my invoice higher this month?", body: "My invoice doubled, wordopenquestion.", at: tick() });
  planted.push({ word: "wordopenquestion", postId: db.select().from(posts).where(eq(posts.threadId, open.id)).get()!.id, threadId: open.id, threadSlug: open.slug });
  const live = plant("wordliveanswer", () => createTestAnswer(db, other, open.id, "Check the roaming line, wordliveanswer.", tick()));
  plant("wordcommentunderlive", () => createTestComment(db, member, live.id, "It was roaming, wordcommentunderlive.", tick()));
  const deleted = plant("worddeletedanswer", () => createTestAnswer(db, author, open.id, "Call the billing team, worddeletedanswer.", tick()));
  plant("wordcommentunderdeleted", () => createTestComment(db, other, deleted.id, "They never answer, wordcommentunderdeleted.", tick()));
  const hidden = plant("wordhiddenanswer", () => createTestAnswer(db, author, open.id, "Buy my pills, wordhiddenanswer.", tick()));
  plant("wordcommentunderhidden", () => createTestComment(db, other, hidden.id, "Is this spam, wordcommentunderhidden?", tick()));
  const hiddenComment = plant("wordhiddencomment", () => createTestComment(db, author, live.id, "Rude remark, wordhiddencomment.", tick()));
  deletePost(db, moderator, deleted.id, tick());
  hidePost(db, moderator, hidden.id, "Spam", tick());
  hidePost(db, moderator, hiddenComment.id, "Rude", tick());

  // A thread whose question a moderator hid, and a deleted thread, each with an answer and a comment.
  const hiddenThread = createTestThread(db, author, { title: "Free phones for everyone here", body: "Click my link, wordhiddenquestion.", at: tick() });
  const hiddenQuestion = db.select().from(posts).where(eq(posts.threadId, hiddenThread.id)).get()!;
  planted.push({ word: "wordhiddenquestion", postId: hiddenQuestion.id, threadId: hiddenThread.id, threadSlug: hiddenThread.slug });
  const answerInHidden = plant("wordanswerinhiddenthread", () => createTestAnswer(db, other, hiddenThread.id, "Do not click it, wordanswerinhiddenthread.", tick()));
  plant("wordcommentinhiddenthread", () => createTestComment(db, member, answerInHidden.id, "Reported, wordcommentinhiddenthread.", tick()));
  hidePost(db, moderator, hiddenQuestion.id, "Spam", tick());

  const goneThread = createTestThread(db, author, { title: "Old question about the former offer", body: "Is the offer still on, worddeletedquestion?", at: tick() });
  const goneQuestion = db.select().from(posts).where(eq(posts.threadId, goneThread.id)).get()!;
  planted.push({ word: "worddeletedquestion", postId: goneQuestion.id, threadId: goneThread.id, threadSlug: goneThread.slug });
  const answerInGone = plant("wordanswerindeletedthread", () => createTestAnswer(db, other, goneThread.id, "It ended in May, wordanswerindeletedthread.", tick()));
  plant("wordcommentindeletedthread", () => createTestComment(db, member, answerInGone.id, "Thanks, wordcommentindeletedthread.", tick()));
  deletePost(db, moderator, goneQuestion.id, tick());
});

/** Whether the viewer may read a planted post, by the pure policy. */
function maySee(viewer: Actor, item: Planted) {
  const post = db.select().from(posts).where(eq(posts.id, item.postId)).get()!;
  const thread = db.select().from(threads).where(eq(threads.id, post.threadId)).get()!;
  const parent = post.parentId === null ? null : db.select().from(posts).where(eq(posts.id, post.parentId)).get()!;
  const seen = (row: { authorId: number; deletedAt: Date | null; hiddenAt: Date | null }) => ({ authorId: row.authorId, deleted: !!row.deletedAt, hidden: !!row.hiddenAt });
  return canSeePost(viewer, seen(post), seen(thread), parent ? seen(parent) : null);
}

type Loader = (args: LoaderFunctionArgs) => unknown;

/** A page's loader data (or its refusal) as text, for one viewer. */
async function loaderText(loader: Loader, pathname: string, params: Record<string, string>, viewer: User | null) {
  const response = await settle(() => loader({ request: getRequest(pathname), params, context: contextFor(db, viewer?.id ?? null) }));
  return { status: response.status, text: response.status < 300 ? await response.text() : "" };
}

/** The planted words a text carries. */
const wordsIn = (text: string) => planted.filter((p) => text.includes(p.word)).map((p) => p.word);

describe("what a viewer may not see stays out of the pages", () => {
  test.each(viewers.map((v) => [v.name, v] as const))("the thread pages, as %s", async (_name, viewer) => {
    const user = viewer.user();
    for (const threadId of new Set(planted.map((p) => p.threadId))) {
      const item = planted.find((p) => p.threadId === threadId)!;
      const { status, text } = await loaderText(threadLoader, `/t/${threadId}/${item.threadSlug}`, { id: String(threadId), slug: item.threadSlug }, user);
      const inThread = planted.filter((p) => p.threadId === threadId);
      const expected = inThread.filter((p) => maySee(user, p)).map((p) => p.word);
      if (status === 404) expect(expected, `thread ${threadId} is a 404 for ${viewer.name} but shows them posts`).toEqual([]);
      else expect(wordsIn(text).sort()).toEqual(expected.sort());
    }
  });

  test.each(viewers.map((v) => [v.name, v] as const))("each post's history, editor and moderation page, as %s", async (_name, viewer) => {
    const user = viewer.user();
    for (const item of planted) {
      const allowed = maySee(user, item);
      const history = await loaderText(historyLoader, `/posts/${item.postId}/history`, { id: String(item.postId) }, user);
      expect(history.status, `history of "${item.word}" for ${viewer.name}`).toBe(allowed ? 200 : 404);
      if (allowed) expect(history.text).toContain(item.word);
      if (user) {
        const editor = await loaderText(editLoader, `/posts/${item.postId}/edit`, { id: String(item.postId) }, user);
        if (!allowed) expect(editor.status, `editor of "${item.word}" for ${viewer.name}`).toBe(404);
        if (editor.text) expect(wordsIn(editor.text).filter((w) => w !== item.word).every((w) => maySee(user, planted.find((p) => p.word === w)!))).toBe(true);
      }
      const moderation = await loaderText(modPostLoader, `/mod/posts/${item.postId}`, { id: String(item.postId) }, user);
      if (user?.role !== "moderator") expect(moderation.status).toBeGreaterThanOrEqual(300);
    }
  });

  test.each(viewers.map((v) => [v.name, v] as const))("the lists and the author's profile, as %s", async (_name, viewer) => {
    const user = viewer.user();
    for (const [loader, pathname, params] of [
      [homeLoader, "/", {}],
      [categoryLoader, "/c/billing", { slug: "billing" }],
      [profileLoader, `/u/${author.username}`, { username: author.username }],
      [profileLoader, `/u/other_otto`, { username: "other_otto" }],
    ] as const) {
      const { text } = await loaderText(loader as Loader, pathname, params, user);
      // Lists show titles and excerpts: no post a visitor may not read may leave a word there.
      for (const word of wordsIn(text)) expect(maySee(null, planted.find((p) => p.word === word)!), `${pathname} shows "${word}" to ${viewer.name}`).toBe(true);
    }
  });

  test("a member can't flag a comment under a deleted answer, and nothing is written", async () => {
    const comment = planted.find((p) => p.word === "wordcommentunderdeleted")!;
    const before = db.select().from(flags).all();
    const response = await settle(() =>
      threadAction({
        request: formRequest(`/t/${comment.threadId}/${comment.threadSlug}`, { intent: "flag", postId: String(comment.postId), reason: "spam" }),
        params: { id: String(comment.threadId), slug: comment.threadSlug },
        context: contextFor(db, member.id),
      }),
    );
    expect(response.status).toBe(404);
    expect(db.select().from(flags).all()).toEqual(before);
  });
});
