// Moderation actions (issue #7, points 5 and 10): lock, pin, move, duplicate,
// hide, suspend — each with its audit entry and its effect on what readers
// see, and each refused to members and visitors, by model and by forged form
// post, with nothing changed.
import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { countUserSessions, readSession, startSession } from "../../../app/auth/session.server";
import { decideFlag, flagPost } from "../../../app/models/moderation/flag.server";
import {
  closeAsDuplicate,
  duplicateLinks,
  hidePost,
  lockThread,
  moveThread,
  pinThread,
  reopenDuplicate,
  suspendUser,
  unhidePost,
  unlockThread,
  unpinThread,
  unsuspendUser,
} from "../../../app/models/moderation/moderation.server";
import { createAnswer, createComment, editPost, getPostHistory, listUserAnswers } from "../../../app/models/forum/post.server";
import { ensureSearchIndex } from "../../../app/models/search/search-index.server";
import { searchContent } from "../../../app/models/search/search.server";
import { castVote } from "../../../app/models/forum/vote.server";
import { findVisibleThread, getThread, getThreadPage, listThreads } from "../../../app/models/forum/thread.server";
import { refusal as policyRefusal } from "../../../app/policy";
import { action as flagsAction, loader as flagsLoader } from "../../../app/routes/mod.flags";
import { action as postAction, loader as postLoader } from "../../../app/routes/mod.posts.$id";
import { action as threadToolsAction, loader as threadToolsLoader } from "../../../app/routes/mod.threads.$id";
import { action as userAction, loader as userLoader } from "../../../app/routes/mod.users.$username";
import { action as threadAction, loader as threadLoader } from "../../../app/routes/t.$id.($slug)";
import type { Db } from "../../../db/client";
import { auditEvents, categories, posts, sessions, threads, users } from "../../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import {
  createEstablishedMember,
  createTestAnswer,
  createTestCategory,
  createTestComment,
  createTestThread,
  createUser,
} from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { threadIdFromReference } from "../../../app/utils/paths";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
const billing = createTestCategory(db, { slug: "billing", name: "Billing" });
const devices = createTestCategory(db, { slug: "devices", name: "Devices" });

const kim = await createUser(db, { username: "mod_kim", displayName: "Kim", role: "moderator" });
const lea = await createUser(db, { username: "mod_lea", displayName: "Léa", role: "moderator" });
const alex = await createUser(db, { username: "admin_alex", displayName: "Alex", role: "admin" });
const asker = await createEstablishedMember(db, { username: "asker_ann" });
const answerer = await createEstablishedMember(db, { username: "answerer_bob" });
const member = await createEstablishedMember(db, { username: "member_cy" });

// Posts a few minutes apart, so the posting limits never get in the way.
let clock = Date.now() - 20 * 60 * 60 * 1000;
const tick = () => new Date((clock += 3 * 60 * 1000));

/** The actor as a fresh request would see them (role, suspension). */
const fresh = (user: { id: number }) => asCurrentUser(db, user.id);

function lastAudit() {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;
}

/** snapshot() plus what suspensions change: the users' rows and their sessions. */
function everything(database: Db) {
  return snapshot(database) + JSON.stringify({ users: database.select().from(users).all(), sessions: database.select().from(sessions).all() });
}

/** A route call (loader or action) that must be refused with `status`, changing nothing. */
async function expectRouteRefused(run: () => Promise<unknown>, status: number) {
  const before = everything(db);
  const response = await settle(run);
  expect(response.status).toBe(status);
  if (status === 302) expect(response.headers.get("Location")).toContain("/login");
  expect(everything(db)).toBe(before);
}

function threadPost(thread: { id: number; slug: string }, fields: Record<string, string>, userId: number | null) {
  return settle(() =>
    threadAction({ request: formRequest(`/t/${thread.id}/${thread.slug}`, fields), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, userId) }),
  );
}

function threadPage(thread: { id: number; slug: string }, userId: number | null) {
  return settle(() => threadLoader({ request: getRequest(`/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, userId) }));
}

const toolsPost = (threadId: number, fields: Record<string, string>, userId: number | null) =>
  threadToolsAction({ request: formRequest(`/mod/threads/${threadId}`, fields), params: { id: String(threadId) }, context: contextFor(db, userId) });
const toolsPage = (threadId: number, userId: number | null) =>
  threadToolsLoader({ request: getRequest(`/mod/threads/${threadId}`), params: { id: String(threadId) }, context: contextFor(db, userId) });
const hidePostRoute = (postId: number, fields: Record<string, string>, userId: number | null) =>
  postAction({ request: formRequest(`/mod/posts/${postId}`, fields), params: { id: String(postId) }, context: contextFor(db, userId) });
const suspendRoute = (username: string, fields: Record<string, string>, userId: number | null) =>
  userAction({ request: formRequest(`/mod/users/${username}`, fields), params: { username }, context: contextFor(db, userId) });

describe("lock", () => {
  const thread = createTestThread(db, asker, { title: "Router keeps dropping the line at night", at: tick() });
  const answer = createTestAnswer(db, answerer, thread.id, "Change the wifi channel in the router settings page.", tick());

  test("a locked thread refuses new answers and comments from members, says so, and is audited", async () => {
    lockThread(db, kim, thread.id);
    expect(getThread(db, thread.id)!.lockedAt).not.toBeNull();
    expect(lastAudit()).toMatchObject({ actorId: kim.id, action: "thread.lock", targetType: "thread", targetId: thread.id });

    const answerRefused = expectRefused(db, () => createAnswer(db, member, { threadId: thread.id, body: "Try turning it off and on again please." }, tick()));
    expect(await answerRefused.text()).toBe("This thread is locked: it takes no new answers.");
    const commentRefused = expectRefused(db, () => createComment(db, member, { postId: answer.id, body: "Did that work for you?" }));
    expect(await commentRefused.text()).toBe("This thread is locked: it takes no new comments.");

    const page = await bodyOf(await threadPage(thread, member.id));
    expect(page.thread.locked).toBe(true);
    expect(page.canAnswer).toBe(false);
    expect(page.answerRefusal).toBe("This thread is locked: it takes no new answers.");
    // A forged answer post is refused too.
    const before = everything(db);
    expect((await threadPost(thread, { intent: "answer", body: "Forged answer to a locked thread, long enough." }, member.id)).status).toBe(403);
    expect(everything(db)).toBe(before);
  });

  test("staff may still post in a locked thread (to say why)", () => {
    const result = createAnswer(db, kim, { threadId: thread.id, body: "We locked this thread: see the status page for the outage." }, tick());
    expect(result.ok).toBe(true);
  });

  test("locking twice records once; unlocking opens it again", () => {
    const entries = () => db.select().from(auditEvents).where(eq(auditEvents.action, "thread.lock")).all().length;
    const count = entries();
    lockThread(db, lea, thread.id);
    expect(entries()).toBe(count);
    unlockThread(db, kim, thread.id);
    expect(lastAudit()).toMatchObject({ actorId: kim.id, action: "thread.unlock", targetId: thread.id });
    expect(createAnswer(db, member, { threadId: thread.id, body: "Now that it is open: update the firmware too." }, tick()).ok).toBe(true);
  });

  test("the route's lock button posts back to the thread page", async () => {
    const response = await settle(() => toolsPost(thread.id, { intent: "lock", redirectTo: `/t/${thread.id}/${thread.slug}` }, kim.id));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}`);
    expect(getThread(db, thread.id)!.lockedAt).not.toBeNull();
    // Never a redirect off the site.
    const away = await settle(() => toolsPost(thread.id, { intent: "unlock", redirectTo: "//evil.example/" }, kim.id));
    expect(away.headers.get("Location")).toBe(`/mod/threads/${thread.id}`);
  });
});

describe("pin", () => {
  const older = createTestThread(db, asker, { title: "Pinned: how to read your first bill", category: "devices", at: tick() });
  const newer = createTestThread(db, member, { title: "A newer question about my devices", category: "devices", at: tick() });
  const ids = (list: { threads: { id: number }[] }) => list.threads.map((t) => t.id);

  test("a thread pinned in its category comes first there, not on the home page", () => {
    expect(ids(listThreads(db, { categoryId: devices.id, pins: "category" }, "newest", 1))[0]).toBe(newer.id);
    pinThread(db, kim, older.id, "category");
    expect(lastAudit()).toMatchObject({ action: "thread.pin", targetId: older.id, details: JSON.stringify({ where: "category", from: null }) });
    const list = listThreads(db, { categoryId: devices.id, pins: "category" }, "newest", 1);
    expect(ids(list).slice(0, 2)).toEqual([older.id, newer.id]);
    expect(list.threads[0]).toMatchObject({ pinned: true });
    expect(ids(list).filter((id) => id === older.id)).toHaveLength(1);
    expect(ids(listThreads(db, { pins: "home" }, "newest", 1))[0]).not.toBe(older.id);
  });

  test("pinned on the home page: first there and in its category; unpinned: back in its place", () => {
    pinThread(db, kim, older.id, "home");
    expect(ids(listThreads(db, { pins: "home" }, "newest", 1))[0]).toBe(older.id);
    expect(ids(listThreads(db, { categoryId: devices.id, pins: "category" }, "newest", 1))[0]).toBe(older.id);
    const total = listThreads(db, { pins: "home" }, "newest", 1).total;
    expect(total).toBe(listThreads(db, {}, "newest", 1).total);
    unpinThread(db, kim, older.id);
    expect(lastAudit()).toMatchObject({ action: "thread.unpin", targetId: older.id });
    expect(ids(listThreads(db, { pins: "home" }, "newest", 1))[0]).not.toBe(older.id);
    expect(getThread(db, older.id)).toMatchObject({ pinnedIn: null, pinnedAt: null });
  });

  test("the route validates where to pin, beside the field", async () => {
    const response = await settle(() => toolsPost(older.id, { intent: "pin", where: "sidebar" }, kim.id));
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors.where).toBe("Choose where to pin the thread.");
    expect(getThread(db, older.id)!.pinnedIn).toBeNull();
  });
});

describe("move", () => {
  const thread = createTestThread(db, asker, { title: "Quasarfrob invoice shows a strange fee", at: tick() });

  test("moves the thread, reindexes it in its new category, and records from and to", () => {
    const inDevices = () => searchContent(db, { q: "quasarfrob", filters: { categoryId: devices.id } }).hits.map((h) => h.id);
    expect(inDevices()).toEqual([]);
    expect(moveThread(db, kim, thread.id, devices.id)).toEqual({ ok: true });
    expect(getThread(db, thread.id)!.categoryId).toBe(devices.id);
    expect(inDevices()).toEqual([thread.id]);
    expect(lastAudit()).toMatchObject({ action: "thread.move", targetId: thread.id, details: JSON.stringify({ from: "Billing", to: "Devices" }) });
  });

  test("an unknown category or the same one is an error beside the field, and changes nothing", async () => {
    const before = everything(db);
    expect(moveThread(db, kim, thread.id, 999_999)).toEqual({ ok: false, errors: { categoryId: "Choose one of the categories." } });
    expect(moveThread(db, kim, thread.id, devices.id)).toEqual({ ok: false, errors: { categoryId: "The thread is already in Devices." } });
    const response = await settle(() => toolsPost(thread.id, { intent: "move", categoryId: "abc" }, kim.id));
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors.categoryId).toBe("Choose one of the categories.");
    expect(everything(db)).toBe(before);
  });
});

describe("duplicates", () => {
  const original = createTestThread(db, asker, { title: "How do I port my number to Nimbus?", at: tick() });
  const duplicate = createTestThread(db, member, { title: "Porting my old number, how does it work?", at: tick() });
  const third = createTestThread(db, answerer, { title: "Number porting takes forever, normal?", at: tick() });

  test("reads a thread number or address", () => {
    expect(threadIdFromReference("123")).toBe(123);
    expect(threadIdFromReference("#45")).toBe(45);
    expect(threadIdFromReference("/t/67/some-title")).toBe(67);
    expect(threadIdFromReference("https://community.example.com/t/89/x?y=1#post-3")).toBe(89);
    expect(threadIdFromReference("http://x/t/90")).toBe(90);
    expect(threadIdFromReference("nonsense")).toBeNull();
    expect(threadIdFromReference("/u/12")).toBeNull();
  });

  test("closing as a duplicate: banner data both ways, no new answers, audited", async () => {
    expect(closeAsDuplicate(db, kim, duplicate.id, `/t/${original.id}/${original.slug}`)).toEqual({ ok: true });
    expect(lastAudit()).toMatchObject({ action: "thread.duplicate", targetId: duplicate.id });
    expect(JSON.parse(lastAudit().details)).toMatchObject({ originalId: original.id });

    expect(duplicateLinks(db, null, getThread(db, duplicate.id)!).original).toEqual({ id: original.id, title: original.title, path: `/t/${original.id}/${original.slug}` });
    expect(duplicateLinks(db, null, getThread(db, original.id)!).duplicates.map((d) => d.id)).toEqual([duplicate.id]);
    const page = await bodyOf(await threadPage(duplicate, null));
    expect(page.duplicateLinks.original.id).toBe(original.id);
    const originalPage = await bodyOf(await threadPage(original, null));
    expect(originalPage.duplicateLinks.duplicates).toEqual([{ id: duplicate.id, title: duplicate.title, path: `/t/${duplicate.id}/${duplicate.slug}` }]);

    const refused = expectRefused(db, () => createAnswer(db, answerer, { threadId: duplicate.id, body: "Call the porting line and give them your PAC." }, tick()));
    expect(await refused.text()).toContain("closed as a duplicate");
  });

  test("clear errors: not a reference, itself, missing, deleted — nothing changes", () => {
    const before = everything(db);
    const error = (ref: string) => {
      const result = closeAsDuplicate(db, kim, third.id, ref);
      return result.ok ? null : result.errors.original;
    };
    expect(error("the one about porting")).toBe("Enter the original thread's number or its address (like /t/123/its-title).");
    expect(error(String(third.id))).toBe("A thread can't be a duplicate of itself.");
    expect(error("987654")).toBe("There is no thread #987654.");
    expect(everything(db)).toBe(before);
  });

  test("chains stay one step long: pointing at a duplicate points at its original", () => {
    expect(closeAsDuplicate(db, kim, third.id, String(duplicate.id))).toEqual({ ok: true });
    expect(getThread(db, third.id)!.duplicateOfId).toBe(original.id);
    // The original itself can't become a duplicate of its own duplicate.
    const loop = closeAsDuplicate(db, kim, original.id, String(third.id));
    expect(loop).toEqual({ ok: false, errors: { original: `Thread #${third.id} is already a duplicate of this one.` } });
  });

  test("the route keeps what the moderator typed, beside the field", async () => {
    const response = await settle(() => toolsPost(original.id, { intent: "duplicate", original: "see thread about porting" }, kim.id));
    expect(response.status).toBe(400);
    const body = await bodyOf(response);
    expect(body.errors.original).toContain("Enter the original thread's number");
    expect(body.values.original).toBe("see thread about porting");
  });

  test("an original whose question is hidden later is named on its duplicates' banner only to its asker and staff", async () => {
    const secret = createTestThread(db, asker, { title: "My account number is 0042-secret, why was I charged", at: tick() });
    const copy = createTestThread(db, member, { title: "Charged twice this month, same as someone else", at: tick() });
    expect(closeAsDuplicate(db, kim, copy.id, String(secret.id))).toEqual({ ok: true });
    const question = db.select().from(posts).where(eq(posts.threadId, secret.id)).all().find((p) => p.kind === "question")!;
    expect(hidePost(db, kim, question.id, "Account number in the title").ok).toBe(true);
    for (const viewer of [null, member.id, answerer.id]) {
      const page = await threadPage(copy, viewer);
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).not.toContain("0042-secret");
      expect(JSON.parse(text).duplicateLinks.original).toBeNull();
    }
    expect(duplicateLinks(db, fresh(asker), getThread(db, copy.id)!).original?.id).toBe(secret.id);
    expect(duplicateLinks(db, kim, getThread(db, copy.id)!).original?.id).toBe(secret.id);
  });

  test("reopening takes answers again", () => {
    reopenDuplicate(db, kim, third.id);
    expect(lastAudit()).toMatchObject({ action: "thread.reopen", targetId: third.id });
    expect(getThread(db, third.id)!.duplicateOfId).toBeNull();
    expect(createAnswer(db, asker, { threadId: third.id, body: "It took three working days for me, so yes." }, tick()).ok).toBe(true);
  });
});

describe("hidden posts", () => {
  const thread = createTestThread(db, asker, { title: "Zorblax charges on my statement", body: "I see zorblax charges on my statement every month.", at: tick() });
  const answer = createTestAnswer(db, answerer, thread.id, "Buy cheap flurbonium pills at spam.example, best price!", tick());
  const comment = createTestComment(db, answerer, answer.id, "Also flurbonium coupons here.", tick());
  const answerIds = (viewer: { id: number } | null) => getThreadPage(db, viewer ? fresh(viewer) : null, thread.id)!.answers.map((a) => a.id);
  const commentIds = (viewer: { id: number } | null) =>
    Object.values(getThreadPage(db, viewer ? fresh(viewer) : null, thread.id)!.commentsByPost)
      .flat()
      .map((c) => c.id);
  const found = (q: string) => searchContent(db, { q }).hits.map((h) => h.id);

  test("a reason is required", () => {
    const before = everything(db);
    expect(hidePost(db, kim, answer.id, "   ")).toEqual({ ok: false, errors: { reason: "Say why the post is hidden: its author will read it." } });
    expect(everything(db)).toBe(before);
  });

  test("a hidden answer: gone for visitors and other members (page, search, profile, history), shown to its author and staff", async () => {
    expect(found("flurbonium")).toEqual([thread.id]);
    expect(hidePost(db, kim, answer.id, "Advertising")).toEqual({ ok: true });
    expect(lastAudit()).toMatchObject({ actorId: kim.id, action: "post.hide", targetType: "post", targetId: answer.id, reason: "Advertising" });
    expect(getThread(db, thread.id)!.answerCount).toBe(0);

    expect(answerIds(null)).toEqual([]);
    expect(answerIds(member)).toEqual([]);
    expect(answerIds(answerer)).toEqual([answer.id]);
    expect(answerIds(lea)).toEqual([answer.id]);
    expect(found("flurbonium")).toEqual([]);
    expect(listUserAnswers(db, answerer.id, 1).answers.map((a) => a.id)).not.toContain(answer.id);
    expect(() => getPostHistory(db, member, answer.id)).toThrow();
    expect(getPostHistory(db, answerer, answer.id).post.id).toBe(answer.id);
    // Its comments go with it.
    expect(commentIds(member)).toEqual([]);

    // The author reads the reason on the page; a visitor's page has no trace of the text.
    const authorPage = await bodyOf(await threadPage(thread, answerer.id));
    expect(authorPage.answers[0]).toMatchObject({ id: answer.id, hiddenReason: "Advertising" });
    expect(authorPage.answers[0].hiddenAt).toBeTruthy();
    const visitorPage = await threadPage(thread, null);
    expect(await visitorPage.text()).not.toContain("flurbonium");
    // Nobody else can act on it.
    expectRefused(db, () => castVote(db, member, answer.id, "up"), 404);
  });

  test("unhiding brings it back everywhere", () => {
    expect(unhidePost(db, kim, answer.id)).toEqual({ ok: true });
    expect(lastAudit()).toMatchObject({ action: "post.unhide", targetId: answer.id });
    expect(answerIds(null)).toEqual([answer.id]);
    expect(found("flurbonium")).toEqual([thread.id]);
    expect(getThread(db, thread.id)!.answerCount).toBe(1);
  });

  test("a hidden comment: seen by its author and staff only", () => {
    hidePost(db, kim, comment.id, "Spam link");
    expect(commentIds(null)).toEqual([]);
    expect(commentIds(member)).toEqual([]);
    expect(commentIds(answerer)).toEqual([comment.id]);
    expect(commentIds(kim)).toEqual([comment.id]);
    unhidePost(db, kim, comment.id);
    expect(commentIds(null)).toEqual([comment.id]);
  });

  test("a hidden question hides the thread from lists and search for everyone but its asker and staff", async () => {
    const question = db.select().from(posts).where(eq(posts.threadId, thread.id)).all().find((p) => p.kind === "question")!;
    const inList = () => listThreads(db, {}, "newest", 1, 100).threads.some((t) => t.id === thread.id);
    expect(inList()).toBe(true);
    hidePost(db, lea, question.id, "Posted personal data");
    expect(inList()).toBe(false);
    expect(listThreads(db, { categoryId: billing.id, pins: "category" }, "newest", 1, 100).threads.some((t) => t.id === thread.id)).toBe(false);
    expect(found("zorblax")).toEqual([]);
    expect(findVisibleThread(db, null, thread.id)).toBeNull();
    expect(findVisibleThread(db, member, thread.id)).toBeNull();
    expect(findVisibleThread(db, answerer, thread.id)).toBeNull();
    expect(findVisibleThread(db, asker, thread.id)?.id).toBe(thread.id);
    expect(findVisibleThread(db, kim, thread.id)?.id).toBe(thread.id);
    expect((await threadPage(thread, null)).status).toBe(404);
    expect((await threadPage(thread, member.id)).status).toBe(404);
    expect((await threadPage(thread, asker.id)).status).toBe(200);
    // Answers on it are out of profiles, and nobody but staff and the asker can answer.
    expect(listUserAnswers(db, answerer.id, 1).answers.map((a) => a.id)).not.toContain(answer.id);
    expectRefused(db, () => createAnswer(db, member, { threadId: thread.id, body: "An answer to a thread I can't see." }, tick()), 404);
    // The index is in step: a restart does not rebuild it.
    expect(ensureSearchIndex(db)).toBe(false);
    unhidePost(db, lea, question.id);
    expect(inList()).toBe(true);
    expect(found("zorblax")).toEqual([thread.id]);
  });

  test("the post page hides with a reason (kept on error) and goes back to the post", async () => {
    const missing = await settle(() => hidePostRoute(answer.id, { intent: "hide", reason: "" }, kim.id));
    expect(missing.status).toBe(400);
    expect((await bodyOf(missing)).errors.reason).toBe("Say why the post is hidden: its author will read it.");
    const done = await settle(() => hidePostRoute(answer.id, { intent: "hide", reason: "Spam again" }, kim.id));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#post-${answer.id}`);
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()).toMatchObject({ hiddenReason: "Spam again", hiddenById: kim.id });
    await settle(() => hidePostRoute(answer.id, { intent: "unhide" }, kim.id));
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.hiddenAt).toBeNull();
  });
});

describe("flags: hide the post", () => {
  const thread = createTestThread(db, asker, { title: "Which plan for a family of four?", at: tick() });
  const answer = createTestAnswer(db, answerer, thread.id, "Rude words that nobody should read here.", tick());

  test("hiding from the flag queue needs a reason, hides the post and closes its flags", async () => {
    flagPost(db, member, { postId: answer.id, reason: "offensive", note: "" });
    flagPost(db, asker, { postId: answer.id, reason: "spam", note: "" });
    const open = db.all<{ id: number }>(sql`select id from flags where post_id = ${answer.id} and status = 'open' order by id`);
    expect(open).toHaveLength(2);

    const noReason = await settle(() => flagsAction({ request: formRequest("/mod/flags", { flagId: String(open[0].id), decision: "hide", reason: "" }), params: {}, context: contextFor(db, kim.id) }));
    expect(noReason.status).toBe(400);
    expect((await bodyOf(noReason)).errors.reason).toBe("Say why the post is hidden: its author will read it.");
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.hiddenAt).toBeNull();

    const result = decideFlag(db, kim, open[0].id, "hide", "Insults");
    expect(result.ok).toBe(true);
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()).toMatchObject({ hiddenReason: "Insults" });
    expect(db.all(sql`select status from flags where post_id = ${answer.id}`)).toEqual([{ status: "actioned" }, { status: "actioned" }]);
    expect(lastAudit()).toMatchObject({ action: "post.hide", targetId: answer.id, reason: "Insults" });
  });
});

describe("staff edits", () => {
  test("a moderator editing someone else's post is audited with the reason; an author's own edit is not", () => {
    const thread = createTestThread(db, asker, { title: "Voicemail PIN reset does not work", at: tick() });
    const answer = createTestAnswer(db, answerer, thread.id, "Dial 123 and follow the menu to reset it.", tick());
    editPost(db, kim, answer.id, { body: "Dial 123, then 4, and follow the menu to reset it.", reason: "Added the menu key" });
    expect(lastAudit()).toMatchObject({ actorId: kim.id, action: "post.edit", targetType: "post", targetId: answer.id, reason: "Added the menu key" });
    const count = db.select().from(auditEvents).all().length;
    editPost(db, answerer, answer.id, { body: "Dial 123, then 4, and follow the spoken menu.", reason: "" });
    expect(db.select().from(auditEvents).all().length).toBe(count);
  });
});

describe("suspension", () => {
  const thread = createTestThread(db, asker, { title: "Suspension test thread about SIM swaps", at: tick() });
  const answer = createTestAnswer(db, answerer, thread.id, "Order a new SIM from the app and activate it.", tick());

  test("who may suspend whom", () => {
    const target = (user: { id: number; role: "member" | "moderator" | "admin" }) => ({ id: user.id, role: user.role });
    expect(policyRefusal(kim, "user.suspend", target(member))).toBeNull();
    expect(policyRefusal(kim, "user.suspend", target(lea))).toBe("Only administrators can suspend staff.");
    expect(policyRefusal(kim, "user.suspend", target(alex))).toBe("Only administrators can suspend staff.");
    expect(policyRefusal(alex, "user.suspend", target(lea))).toBeNull();
    expect(policyRefusal(alex, "user.suspend", target(alex))).toBe("You can't suspend yourself.");
    expect(policyRefusal(member, "user.suspend", target(answerer))).toBe("Only moderators can suspend members.");
    expectRefused(db, () => suspendUser(db, kim, lea.id, { until: new Date(Date.now() + 86_400_000), reason: "No" }));
  });

  test("a suspended member is signed out, can read but not write, and sees why", async () => {
    const cookie = (await startSession(db, member.id, { secure: false })).split(";")[0]!;
    expect(countUserSessions(db, member.id)).toBe(1);
    const until = new Date(Date.now() + 7 * 86_400_000);
    expect(suspendUser(db, kim, member.id, { until, reason: "Repeated insults" })).toEqual({ ok: true });
    expect(lastAudit()).toMatchObject({ actorId: kim.id, action: "user.suspend", targetType: "user", targetId: member.id, reason: "Repeated insults" });
    expect(countUserSessions(db, member.id)).toBe(0);
    expect((await readSession(db, cookie, { secure: false })).user).toBeNull();

    const suspended = fresh(member);
    const refused = expectRefused(db, () => createAnswer(db, suspended, { threadId: thread.id, body: "I am suspended but trying to answer anyway." }, tick()));
    expect(await refused.text()).toMatch(/^Your account is suspended until .+ UTC: Repeated insults$/);
    expectRefused(db, () => createComment(db, suspended, { postId: answer.id, body: "A comment while suspended." }));
    expectRefused(db, () => castVote(db, suspended, answer.id, "up"));
    expectRefused(db, () => flagPost(db, suspended, { postId: answer.id, reason: "spam", note: "" }));
    // Reading still works.
    expect((await threadPage(thread, member.id)).status).toBe(200);
    // A forged post is refused the same way.
    const before = everything(db);
    expect((await threadPost(thread, { intent: "answer", body: "Forged answer while suspended, long enough." }, member.id)).status).toBe(403);
    expect(everything(db)).toBe(before);
  });

  test("the page validates duration and reason, keeps the text, and lifts", async () => {
    const noReason = await settle(() => suspendRoute(member.username, { intent: "suspend", duration: "7", reason: "" }, kim.id));
    expect(noReason.status).toBe(400);
    expect((await bodyOf(noReason)).errors.reason).toBe("Say why: the member reads this reason.");
    const badDate = await settle(() => suspendRoute(member.username, { intent: "suspend", duration: "custom", until: "2001-01-01", reason: "Keep this" }, kim.id));
    const bad = await bodyOf(badDate);
    expect(bad.errors.until).toBe("Choose a day from today on.");
    expect(bad.values.reason).toBe("Keep this");

    const longer = await settle(() => suspendRoute(member.username, { intent: "suspend", duration: "30", reason: "Still insulting" }, kim.id));
    expect(longer.status).toBe(302);
    const row = db.select().from(users).where(eq(users.id, member.id)).get()!;
    expect(row.suspendedUntil!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(row.suspendReason).toBe("Still insulting");

    const page = await bodyOf(await settle(() => userLoader({ request: getRequest(`/mod/users/${member.username}`), params: { username: member.username }, context: contextFor(db, kim.id) })));
    expect(page.member.suspendReason).toBe("Still insulting");
    expect(page.refused).toBeNull();

    expect((await settle(() => suspendRoute(member.username, { intent: "lift" }, lea.id))).status).toBe(302);
    expect(lastAudit()).toMatchObject({ actorId: lea.id, action: "user.unsuspend", targetId: member.id });
    expect(createAnswer(db, fresh(member), { threadId: thread.id, body: "Back again, and this time a helpful answer." }, tick()).ok).toBe(true);
  });

  test("a suspension that has ended refuses nothing", () => {
    db.update(users).set({ suspendedUntil: new Date(Date.now() - 1000), suspendReason: "Old" }).where(eq(users.id, answerer.id)).run();
    expect(policyRefusal(fresh(answerer), "thread.create")).toBeNull();
    expect(unsuspendUser(db, kim, answerer.id)).toEqual({ ok: false, errors: { form: "This member is not suspended." } });
    db.update(users).set({ suspendedUntil: null, suspendReason: "" }).where(eq(users.id, answerer.id)).run();
  });
});

describe("refused to members and visitors", () => {
  const thread = createTestThread(db, asker, { title: "A thread members try to moderate", at: tick() });
  const answer = createTestAnswer(db, answerer, thread.id, "An answer members try to hide from others.", tick());
  const question = db.select().from(posts).where(eq(posts.threadId, thread.id)).all().find((p) => p.kind === "question")!;
  const soon = new Date(Date.now() + 86_400_000);

  test("every model action: 403 for a member, 401 for a visitor, nothing changed", () => {
    for (const [actor, status] of [
      [member, 403],
      [null, 401],
    ] as const) {
      expectRefused(db, () => lockThread(db, actor, thread.id), status);
      expectRefused(db, () => unlockThread(db, actor, thread.id), status);
      expectRefused(db, () => pinThread(db, actor, thread.id, "home"), status);
      expectRefused(db, () => unpinThread(db, actor, thread.id), status);
      expectRefused(db, () => moveThread(db, actor, thread.id, devices.id), status);
      expectRefused(db, () => closeAsDuplicate(db, actor, thread.id, "1"), status);
      expectRefused(db, () => reopenDuplicate(db, actor, thread.id), status);
      expectRefused(db, () => hidePost(db, actor, answer.id, "Because"), status);
      expectRefused(db, () => hidePost(db, actor, question.id, "Because"), status);
      expectRefused(db, () => suspendUser(db, actor, answerer.id, { until: soon, reason: "Because" }), status);
      expectRefused(db, () => unsuspendUser(db, actor, answerer.id), status);
    }
    // Even the post's own author can't hide or unhide it.
    expectRefused(db, () => hidePost(db, answerer, answer.id, "Mine"));
    hidePost(db, kim, answer.id, "Checking unhide refusals");
    expectRefused(db, () => unhidePost(db, answerer, answer.id));
    expectRefused(db, () => unhidePost(db, null, answer.id), 401);
    unhidePost(db, kim, answer.id);
  });

  test("forged form posts to every moderation route: 403 for a member, the sign-in page for a visitor, nothing changed", async () => {
    const forged: [string, (userId: number | null) => Promise<unknown>][] = [
      ["lock", (u) => toolsPost(thread.id, { intent: "lock" }, u)],
      ["pin", (u) => toolsPost(thread.id, { intent: "pin", where: "home" }, u)],
      ["move", (u) => toolsPost(thread.id, { intent: "move", categoryId: String(devices.id) }, u)],
      ["duplicate", (u) => toolsPost(thread.id, { intent: "duplicate", original: "1" }, u)],
      ["bad pin", (u) => toolsPost(thread.id, { intent: "pin", where: "nowhere" }, u)],
      ["hide", (u) => hidePostRoute(answer.id, { intent: "hide", reason: "Forged" }, u)],
      ["hide without reason", (u) => hidePostRoute(answer.id, { intent: "hide", reason: "" }, u)],
      ["suspend", (u) => suspendRoute(answerer.username, { intent: "suspend", duration: "30", reason: "Forged" }, u)],
      ["lift", (u) => suspendRoute(answerer.username, { intent: "lift" }, u)],
      [
        "flag hide",
        (u) =>
          flagsAction({ request: formRequest("/mod/flags", { flagId: "1", decision: "hide", reason: "Forged" }), params: {}, context: contextFor(db, u) }),
      ],
    ];
    // Forms that aren't even complete: refused as members, never answered with field messages.
    const flagForm = (fields: Record<string, string>) => (u: number | null) =>
      flagsAction({ request: formRequest("/mod/flags", fields), params: {}, context: contextFor(db, u) });
    forged.push(
      ["unlock", (u) => toolsPost(thread.id, { intent: "unlock" }, u)],
      ["unpin", (u) => toolsPost(thread.id, { intent: "unpin" }, u)],
      ["reopen", (u) => toolsPost(thread.id, { intent: "reopen" }, u)],
      ["unhide", (u) => hidePostRoute(answer.id, { intent: "unhide" }, u)],
      ["flag dismiss", flagForm({ flagId: "1", decision: "dismiss" })],
      ["flag delete", flagForm({ flagId: "1", decision: "delete" })],
      ["flag hide without reason", flagForm({ flagId: "1", decision: "hide", reason: "" })],
      ["flag without id", flagForm({ decision: "dismiss" })],
    );
    for (const [name, post] of forged) {
      await expectRouteRefused(() => post(member.id), 403).catch((error) => {
        throw new Error(`${name}: ${error}`);
      });
      await expectRouteRefused(() => post(null), 302);
    }
    // A member can't hide their own post through the route either.
    await expectRouteRefused(() => hidePostRoute(answer.id, { intent: "hide", reason: "Mine" }, answerer.id), 403);
  });

  test("the moderation pages: 403 for a member, the sign-in page for a visitor", async () => {
    for (const [userId, status] of [
      [member.id, 403],
      [null, 302],
    ] as const) {
      await expectRouteRefused(() => toolsPage(thread.id, userId), status);
      await expectRouteRefused(() => flagsLoader({ request: getRequest("/mod/flags"), params: {}, context: contextFor(db, userId) }), status);
      await expectRouteRefused(() => postLoader({ request: getRequest(`/mod/posts/${answer.id}`), params: { id: String(answer.id) }, context: contextFor(db, userId) }), status);
      await expectRouteRefused(
        () => userLoader({ request: getRequest(`/mod/users/${answerer.username}`), params: { username: answerer.username }, context: contextFor(db, userId) }),
        status,
      );
    }
  });

  test("staff see the tools; members see no trace of them on the thread page", async () => {
    const staffPage = await bodyOf(await threadPage(thread, kim.id));
    expect(staffPage.modTools).toMatchObject({ id: thread.id, questionId: question.id, askerUsername: asker.username });
    expect(staffPage.answers[0].can.hide).toBe(true);
    const memberPage = await bodyOf(await threadPage(thread, member.id));
    expect(memberPage.modTools).toBeNull();
    expect(memberPage.answers[0].can).not.toHaveProperty("hide");
    const tools = await bodyOf(await settle(() => toolsPage(thread.id, kim.id)));
    expect(tools.thread.id).toBe(thread.id);
    expect(tools.categories.map((c: { id: number }) => c.id)).toEqual(db.select({ id: categories.id }).from(categories).all().map((c) => c.id));
  });

  test("nothing here touched the threads table behind our back", () => {
    expect(db.select().from(threads).where(eq(threads.id, thread.id)).get()).toMatchObject({ lockedAt: null, pinnedIn: null, duplicateOfId: null, categoryId: billing.id });
  });
});
