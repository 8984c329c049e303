// Asking and answering, against a real migrated database: threads, answers,
// comments, their counters, edits and history, deletion, flags and the
// posting limits.
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { countOpenFlags, flagPost, listOpenFlags, resolveFlag } from "../../../app/models/moderation/flag.server";
import { createAnswer, deletePost, editPost, getPostHistory, restorePost } from "../../../app/models/forum/post.server";
import { POSTING_INTERVALS, postingWait } from "../../../app/models/forum/posting-limits.server";
import {
  createThread,
  findVisibleThread,
  getThread,
  getThreadPage,
  listThreads,
  slugify,
  THREADS_PER_PAGE,
} from "../../../app/models/forum/thread.server";
import { castVote } from "../../../app/models/forum/vote.server";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import {
  auditEvents,
  categories,
  flags,
  posts,
  revisions,
  tags,
  threads,
  threadTags,
} from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser, createEstablishedMember } from "../../support/factories";
import { expectRefused as expectRefusedIn, refusal, seededRandom, snapshot as snapshotOf } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

// Posts get explicit, increasing times three minutes apart, so the posting
// limits never get in the way (except in the tests about them) and every
// ordering by time is unambiguous.
let clock = Date.now();
function tick(ms = 3 * 60_000) {
  clock += ms;
  return new Date(clock);
}

/** An established member (created two days ago, with the reputation to vote and comment), or a moderator. */
function member(overrides: Parameters<typeof createUser>[1] = {}) {
  return createEstablishedMember(db, overrides);
}
function moderator() {
  return member({ role: "moderator" });
}

function thread(author: User, overrides: Parameters<typeof createTestThread>[2] = {}) {
  return createTestThread(db, author, { at: tick(), ...overrides });
}
function answer(author: User, threadId: number, body?: string) {
  return createTestAnswer(db, author, threadId, body, tick());
}

function expectRefused(run: () => unknown, status = 403) {
  return expectRefusedIn(db, run, status);
}

function postRow(id: number) {
  return db.select().from(posts).where(eq(posts.id, id)).get()!;
}
function questionOf(threadId: number) {
  return db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;
}
function liveAnswerRows(threadId: number) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.kind, "answer"), isNull(posts.deletedAt)))
    .get()!.n;
}

let asker: User;
let helper: User;
let other: User;
let mod: User;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await member();
  helper = await member();
  other = await member();
  mod = await moderator();
});

describe("slugify", () => {
  test.each([
    ["My bill is wrong — again!", "my-bill-is-wrong-again"],
    ["L'été de Zoë: ça ne marche plus", "lete-de-zoe-ca-ne-marche-plus"],
    ["Can’t connect to Wi-Fi", "cant-connect-to-wi-fi"],
    ["   ***   ", "thread"],
  ])("%s → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  test("long titles are cut at 80 characters without a trailing dash", () => {
    const slug = slugify(`${"word ".repeat(40)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("createThread", () => {
  test("an unknown category is a field error and writes nothing", () => {
    const before = snapshotOf(db);
    const result = createThread(db, asker, { title: "Where did my invoice go?", body: "It is not in my account.", category: "no-such-category", tags: ["x"] }, tick());
    expect(result).toEqual({ ok: false, errors: { category: expect.any(String) } });
    expect(snapshotOf(db)).toBe(before);
  });

  test("a visitor may not ask (401)", () => {
    expectRefused(() => createThread(db, null, { title: "Where did my invoice go?", body: "It is not in my account at all.", category: "billing", tags: [] }), 401);
  });

  test("stores the source and its rendered HTML, a slug from the title, and revision 1", () => {
    const at = tick();
    const result = createThread(
      db,
      asker,
      { title: "Prélèvement refusé: l'échéance d'avril?", body: "My **April** direct debit was refused.\n\n<script>alert(1)</script>", category: "billing", tags: [] },
      at,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const created = getThread(db, result.thread.id)!;
    expect(created.slug).toBe("prelevement-refuse-lecheance-davril");
    expect(created.authorId).toBe(asker.id);
    expect(created.answerCount).toBe(0);
    expect(created.lastActivityAt.getTime()).toBe(at.getTime());

    const question = questionOf(created.id);
    expect(question.body).toBe("My **April** direct debit was refused.\n\n<script>alert(1)</script>");
    expect(question.bodyHtml).toContain("<strong>April</strong>");
    expect(question.bodyHtml).not.toContain("<script");

    const history = db.select().from(revisions).where(eq(revisions.postId, question.id)).all();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ editorId: asker.id, title: "Prélèvement refusé: l'échéance d'avril?", body: question.body });
  });

  test("creates new tags and reuses existing ones", () => {
    const first = thread(asker, { tags: ["fibre-t1", "router-t1"] });
    const tagIdsBefore = db.select().from(tags).all();
    const second = thread(helper, { tags: ["fibre-t1", "modem-t1"] });

    const named = (name: string) => db.select().from(tags).where(eq(tags.name, name)).all();
    expect(named("fibre-t1")).toHaveLength(1);
    expect(named("modem-t1")).toHaveLength(1);
    expect(db.select().from(tags).all()).toHaveLength(tagIdsBefore.length + 1);

    const tagNamesOf = (threadId: number) =>
      db
        .select({ name: tags.name })
        .from(threadTags)
        .innerJoin(tags, eq(tags.id, threadTags.tagId))
        .where(eq(threadTags.threadId, threadId))
        .all()
        .map((t) => t.name)
        .sort();
    expect(tagNamesOf(first.id)).toEqual(["fibre-t1", "router-t1"]);
    expect(tagNamesOf(second.id)).toEqual(["fibre-t1", "modem-t1"]);
    expect(getThreadPage(db, null, second.id)!.tags).toEqual(["fibre-t1", "modem-t1"]);
  });
});

describe("listThreads", () => {
  test("sorts newest, active, top, unanswered and unsolved, and reports tags, answers, score and solved", async () => {
    const category = createTestCategory(db, { slug: "sorting", name: "Sorting" });
    const voter1 = await member();
    const voter2 = await member();
    const t1 = thread(asker, { category: "sorting", tags: ["sort-a"] });
    const t2 = thread(asker, { category: "sorting", tags: ["sort-b", "sort-a"] });
    const t3 = thread(helper, { category: "sorting" });
    const t4 = thread(helper, { category: "sorting" });
    const accepted = answer(other, t2.id); // t2 active at t5
    answer(helper, t1.id); // t1 active at t6: the older thread is the more active one
    acceptAnswer(db, asker, accepted.id);
    castVote(db, voter1, questionOf(t3.id).id, "up");
    castVote(db, voter2, questionOf(t3.id).id, "up");
    castVote(db, voter1, questionOf(t4.id).id, "down");

    const ids = (sort: Parameters<typeof listThreads>[2]) => listThreads(db, { categoryId: category.id }, sort, 1).threads.map((t) => t.id);
    expect(ids("newest")).toEqual([t4.id, t3.id, t2.id, t1.id]);
    expect(ids("active")).toEqual([t1.id, t2.id, t4.id, t3.id]);
    // Equal scores: the more recently active first.
    expect(ids("top")).toEqual([t3.id, t1.id, t2.id, t4.id]);
    expect(ids("unanswered")).toEqual([t4.id, t3.id]);
    expect(ids("unsolved")).toEqual([t1.id, t4.id, t3.id]);

    const rows = new Map(listThreads(db, { categoryId: category.id }, "newest", 1).threads.map((t) => [t.id, t]));
    expect(rows.get(t1.id)).toMatchObject({ tags: ["sort-a"], answerCount: 1, score: 0, solved: false, categorySlug: "sorting" });
    expect(rows.get(t2.id)).toMatchObject({ tags: ["sort-a", "sort-b"], answerCount: 1, score: 0, solved: true });
    expect(rows.get(t3.id)).toMatchObject({ tags: [], answerCount: 0, score: 2, solved: false });
    expect(rows.get(t4.id)).toMatchObject({ answerCount: 0, score: -1, solved: false });
  });

  test(`${THREADS_PER_PAGE} per page, with the right total and page count`, async () => {
    const category = createTestCategory(db, { slug: "paging", name: "Paging" });
    const author = await member();
    const created = Array.from({ length: THREADS_PER_PAGE + 1 }, () => thread(author, { category: "paging" }));

    const first = listThreads(db, { categoryId: category.id }, "newest", 1);
    expect(first.threads).toHaveLength(THREADS_PER_PAGE);
    expect(first.total).toBe(THREADS_PER_PAGE + 1);
    expect(first.pageCount).toBe(2);
    expect(first.threads[0]!.id).toBe(created.at(-1)!.id);

    const second = listThreads(db, { categoryId: category.id }, "newest", 2);
    expect(second.threads.map((t) => t.id)).toEqual([created[0]!.id]);
    expect(second.pageCount).toBe(2);

    expect(listThreads(db, { categoryId: category.id }, "newest", 3).threads).toEqual([]);

    // Exactly one page's worth is one page; nothing at all is still one page.
    deletePost(db, author, questionOf(created[0]!.id).id, tick());
    expect(listThreads(db, { categoryId: category.id }, "newest", 1).pageCount).toBe(1);
    const empty = createTestCategory(db, { slug: "empty-paging", name: "Empty" });
    expect(listThreads(db, { categoryId: empty.id }, "newest", 1)).toMatchObject({ threads: [], total: 0, pageCount: 1 });
  });

  test("filters by category and by tag", () => {
    const phones = createTestCategory(db, { slug: "phones", name: "Phones" });
    const inBilling = thread(asker, { tags: ["esim-f"] });
    const inPhones = thread(asker, { category: "phones", tags: ["esim-f"] });
    const untagged = thread(helper, { category: "phones" });

    const byTag = listThreads(db, { tag: "esim-f" }, "newest", 1);
    expect(byTag.threads.map((t) => t.id)).toEqual([inPhones.id, inBilling.id]);
    expect(byTag.total).toBe(2);

    const byCategory = listThreads(db, { categoryId: phones.id }, "newest", 1);
    expect(byCategory.threads.map((t) => t.id)).toEqual([untagged.id, inPhones.id]);
    expect(byCategory.threads.every((t) => t.categorySlug === "phones")).toBe(true);

    expect(listThreads(db, { categoryId: phones.id, tag: "esim-f" }, "newest", 1).threads.map((t) => t.id)).toEqual([inPhones.id]);
    expect(listThreads(db, { tag: "no-such-tag" }, "newest", 1).total).toBe(0);
  });

  test("deleted threads are left out of every sort", () => {
    createTestCategory(db, { slug: "deleting", name: "Deleting" });
    const category = db.select().from(categories).where(eq(categories.slug, "deleting")).get()!;
    const kept = thread(asker, { category: "deleting", tags: ["gone-t"] });
    const gone = thread(asker, { category: "deleting", tags: ["gone-t"] });
    deletePost(db, asker, questionOf(gone.id).id, tick());
    for (const sort of ["newest", "active", "top", "unanswered", "unsolved"] as const) {
      const list = listThreads(db, { categoryId: category.id }, sort, 1);
      expect(list.threads.map((t) => t.id)).toEqual([kept.id]);
      expect(list.total).toBe(1);
    }
    expect(listThreads(db, { tag: "gone-t" }, "newest", 1).threads.map((t) => t.id)).toEqual([kept.id]);
  });
});

describe("answers and counters", () => {
  test("createAnswer counts the answer and moves the thread's last activity", () => {
    const t = thread(asker);
    const at = tick();
    const result = createAnswer(db, helper, { threadId: t.id, body: "Check the **mandate** reference on your bank's side." }, at);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const after = getThread(db, t.id)!;
    expect(after.answerCount).toBe(1);
    expect(after.lastActivityAt.getTime()).toBe(at.getTime());
    expect(after.lastActivityById).toBe(helper.id);
    expect(result.answer.bodyHtml).toContain("<strong>mandate</strong>");
    expect(db.select().from(revisions).where(eq(revisions.postId, result.answer.id)).all()).toHaveLength(1);
  });

  test("answering a thread that does not exist is a 404", () => {
    expectRefused(() => createAnswer(db, helper, { threadId: 999_999, body: "An answer to nothing at all." }, tick()), 404);
  });

  test("deleting an answer uncounts it and restoring counts it again", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    answer(other, t.id);
    expect(getThread(db, t.id)!.answerCount).toBe(2);
    deletePost(db, helper, a.id, tick());
    expect(getThread(db, t.id)!.answerCount).toBe(1);
    restorePost(db, mod, a.id);
    expect(getThread(db, t.id)!.answerCount).toBe(2);
  });

  test("after a random run of answers, deletions and restorations, each count equals the live answer rows", async () => {
    const random = seededRandom(7);
    const writers = [helper, other, await member(), await member()];
    const list = [thread(asker), thread(asker), thread(helper)];
    const answers: { id: number; authorId: number }[] = [];
    for (let step = 0; step < 60; step++) {
      const roll = random();
      const t = list[Math.floor(random() * list.length)]!;
      if (roll < 0.45 || !answers.length) {
        const writer = writers[Math.floor(random() * writers.length)]!;
        answers.push(answer(writer, t.id));
        continue;
      }
      const target = answers[Math.floor(random() * answers.length)]!;
      const deleted = !!postRow(target.id).deletedAt;
      const author = writers.find((w) => w.id === target.authorId)!;
      if (roll < 0.75) {
        // Deleting twice is refused, and refusing changes nothing.
        if (deleted) expectRefused(() => deletePost(db, mod, target.id, tick()));
        else deletePost(db, random() < 0.5 ? author : mod, target.id, tick());
      } else if (deleted) {
        restorePost(db, mod, target.id);
      } else {
        expectRefused(() => restorePost(db, mod, target.id));
      }
      for (const each of list) expect(getThread(db, each.id)!.answerCount).toBe(liveAnswerRows(each.id));
    }
    expect(answers.length).toBeGreaterThan(10);
  });

  test("comments do not count as answers but do move the last activity", () => {
    const t = thread(asker);
    const at = tick();
    createTestComment(db, helper, questionOf(t.id).id, "Which bank is it?", at);
    const after = getThread(db, t.id)!;
    expect(after.answerCount).toBe(0);
    expect(after.lastActivityAt.getTime()).toBe(at.getTime());
  });
});

describe("getThreadPage", () => {
  test("the accepted answer first, then by score, then oldest first", async () => {
    const voters = [await member(), await member(), await member()];
    const t = thread(asker);
    const oldLow = answer(helper, t.id); // score 0, oldest
    const top = answer(other, t.id); // score 2
    const newLow = answer(helper, t.id); // score 0, newer
    const acceptedLow = answer(other, t.id); // score -1, accepted
    const middle = answer(voters[2]!, t.id); // score 1
    castVote(db, voters[0]!, top.id, "up");
    castVote(db, voters[1]!, top.id, "up");
    castVote(db, voters[0]!, middle.id, "up");
    castVote(db, voters[0]!, acceptedLow.id, "down");
    acceptAnswer(db, asker, acceptedLow.id);

    const page = getThreadPage(db, null, t.id)!;
    expect(page.answers.map((a) => a.id)).toEqual([acceptedLow.id, top.id, middle.id, oldLow.id, newLow.id]);
    expect(page.question.id).toBe(questionOf(t.id).id);
  });

  test("comments hang under their post, oldest first; deleted posts only for moderators", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    const q = questionOf(t.id).id;
    const c2 = createTestComment(db, other, a.id, "Second under the answer", tick());
    const c1 = createTestComment(db, asker, q, "Under the question", tick());
    const c3 = createTestComment(db, asker, a.id, "Third under the answer", tick());
    deletePost(db, other, c2.id, tick());

    const visitor = getThreadPage(db, null, t.id)!;
    expect(visitor.commentsByPost[q]!.map((c) => c.id)).toEqual([c1.id]);
    expect(visitor.commentsByPost[a.id]!.map((c) => c.id)).toEqual([c3.id]);

    const staff = getThreadPage(db, mod, t.id)!;
    expect(staff.commentsByPost[a.id]!.map((c) => c.id)).toEqual([c2.id, c3.id]);
  });
});

describe("editing and history", () => {
  test("a member cannot edit someone else's post (403, nothing changes)", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    expectRefused(() => editPost(db, other, a.id, { body: "Vandalised text, long enough to pass.", reason: "" }, tick()));
    expectRefused(() => editPost(db, helper, questionOf(t.id).id, { body: "Rewritten question by someone else.", title: "Someone else's title here", reason: "" }, tick()));
    expectRefused(() => editPost(db, null, a.id, { body: "A visitor's edit, long enough.", reason: "" }, tick()), 401);
  });

  test("a moderator can edit anyone's post; the revision names the moderator and the reason", () => {
    const t = thread(asker);
    const a = answer(helper, t.id, "Call them on 0800 000 000, it's free.");
    const at = tick();
    editPost(db, mod, a.id, { body: "Call them on the number on your bill.", reason: "Removed a phone number" }, at);
    const row = postRow(a.id);
    expect(row.body).toBe("Call them on the number on your bill.");
    expect(row.bodyHtml).toContain("Call them on the number on your bill.");
    expect(row.editedById).toBe(mod.id);
    expect(row.editedAt?.getTime()).toBe(at.getTime());
    const latest = db.select().from(revisions).where(eq(revisions.postId, a.id)).all().at(-1)!;
    expect(latest).toMatchObject({ editorId: mod.id, reason: "Removed a phone number", body: "Call them on the number on your bill." });
  });

  test("every earlier text is kept; the history lists all versions newest first", () => {
    const t = thread(asker, { title: "My router keeps restarting at night", body: "Version one of the question body." });
    const q = questionOf(t.id).id;
    editPost(db, asker, q, { title: "My router restarts every night at 3am", body: "Version two of the question body.", tags: ["router-h"], reason: "More precise" }, tick());
    editPost(db, mod, q, { title: "Router restarts every night at 3am", body: "Version three of the question body.", reason: "Title tidy" }, tick());

    const { versions } = getPostHistory(db, null, q);
    expect(versions.map((v) => v.body)).toEqual([
      "Version three of the question body.",
      "Version two of the question body.",
      "Version one of the question body.",
    ]);
    expect(versions.map((v) => v.title)).toEqual([
      "Router restarts every night at 3am",
      "My router restarts every night at 3am",
      "My router keeps restarting at night",
    ]);
    expect(versions.map((v) => v.editorUsername)).toEqual([mod.username, asker.username, asker.username]);
    expect(versions.map((v) => v.reason)).toEqual(["Title tidy", "More precise", ""]);

    const now = getThread(db, t.id)!;
    expect(now.title).toBe("Router restarts every night at 3am");
    expect(now.slug).toBe("router-restarts-every-night-at-3am");
    expect(getThreadPage(db, null, t.id)!.tags).toEqual(["router-h"]);
  });

  test("the history of a deleted post is hidden from members but not from moderators", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    deletePost(db, helper, a.id, tick());
    expect(refusal(() => getPostHistory(db, other, a.id)).status).toBe(404);
    expect(getPostHistory(db, mod, a.id).versions).toHaveLength(1);
  });
});

describe("deleting and restoring", () => {
  test("a member cannot delete someone else's answer or comment (403, nothing changes)", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    const c = createTestComment(db, helper, a.id, "A comment by the helper", tick());
    expectRefused(() => deletePost(db, other, a.id, tick()));
    expectRefused(() => deletePost(db, asker, a.id, tick()));
    expectRefused(() => deletePost(db, other, c.id, tick()));
    expect(getThread(db, t.id)!.answerCount).toBe(1);
  });

  test("authors delete their own answer and comment, softly", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    const c = createTestComment(db, other, a.id, "Worked for me too", tick());
    const at = tick();
    // The comment first: once its answer is deleted, a comment under it goes with it, out of its author's reach too.
    deletePost(db, other, c.id, at);
    deletePost(db, helper, a.id, at);
    for (const [id, by] of [[a.id, helper.id], [c.id, other.id]] as const) {
      const row = postRow(id);
      expect(row.deletedAt?.getTime()).toBe(at.getTime());
      expect(row.deletedById).toBe(by);
      expect(row.body.length).toBeGreaterThan(0);
    }
    expect(getThread(db, t.id)!.answerCount).toBe(0);
    const page = getThreadPage(db, other, t.id)!;
    expect(page.answers).toEqual([]);
    expect(page.commentsByPost[a.id]).toBeUndefined();
  });

  test("the asker cannot delete a question that has answers; a moderator can, and it is hidden from members", () => {
    const t = thread(asker, { tags: ["hidden-q"] });
    const q = questionOf(t.id).id;
    answer(helper, t.id);
    expectRefused(() => deletePost(db, asker, q, tick()));

    deletePost(db, mod, q, tick());
    expect(getThread(db, t.id)!.deletedAt).not.toBeNull();
    expect(getThread(db, t.id)!.deletedById).toBe(mod.id);
    expect(findVisibleThread(db, asker, t.id)).toBeNull();
    expect(findVisibleThread(db, other, t.id)).toBeNull();
    expect(findVisibleThread(db, null, t.id)).toBeNull();
    expect(getThreadPage(db, asker, t.id)).toBeNull();
    expect(findVisibleThread(db, mod, t.id)?.id).toBe(t.id);
    expect(listThreads(db, { tag: "hidden-q" }, "newest", 1).total).toBe(0);
    expect(listThreads(db, {}, "newest", 1, 1000).threads.map((r) => r.id)).not.toContain(t.id);
  });

  test("the asker may delete their own question while it has no answers", () => {
    const t = thread(asker);
    deletePost(db, asker, questionOf(t.id).id, tick());
    expect(findVisibleThread(db, asker, t.id)).toBeNull();
  });

  test("only moderators restore; a restored question is visible again", () => {
    const t = thread(asker);
    const q = questionOf(t.id).id;
    deletePost(db, asker, q, tick());
    // A deleted post is invisible to members, even its author: they get a 404.
    expectRefused(() => restorePost(db, asker, q), 404);
    expectRefused(() => restorePost(db, other, q), 404);
    expectRefused(() => restorePost(db, null, q), 404);
    restorePost(db, mod, q);
    expect(findVisibleThread(db, other, t.id)?.id).toBe(t.id);
    expect(postRow(q).deletedAt).toBeNull();
  });

  test("answers cannot be added to a deleted question, even by a moderator", () => {
    const t = thread(asker);
    deletePost(db, asker, questionOf(t.id).id, tick());
    expectRefused(() => createAnswer(db, helper, { threadId: t.id, body: "An answer to a deleted question." }, tick()), 404);
    expectRefused(() => createAnswer(db, mod, { threadId: t.id, body: "A moderator answering a deleted question." }, tick()));
  });
});

describe("flags", () => {
  test("once per post per user; the second attempt says so and writes no row", () => {
    const t = thread(asker);
    const a = answer(helper, t.id);
    expect(flagPost(db, other, { postId: a.id, reason: "spam", note: "" })).toEqual({ ok: true });
    const again = flagPost(db, other, { postId: a.id, reason: "offensive", note: "really" });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.form).toMatch(/already flagged/i);
    const rows = db.select().from(flags).where(eq(flags.postId, a.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reporterId: other.id, reason: "spam", status: "open" });
    // Someone else may still flag it.
    expect(flagPost(db, asker, { postId: a.id, reason: "spam", note: "" })).toEqual({ ok: true });
  });

  test("you cannot flag your own post (403), and visitors cannot flag (401)", () => {
    const t = thread(asker);
    expectRefused(() => flagPost(db, asker, { postId: questionOf(t.id).id, reason: "spam", note: "" }));
    expectRefused(() => flagPost(db, null, { postId: questionOf(t.id).id, reason: "spam", note: "" }), 401);
  });

  test("countOpenFlags counts the open ones; only moderators list and resolve them, and resolving is audited", async () => {
    const reporter = await member();
    const t = thread(asker);
    const q = questionOf(t.id).id;
    const a = answer(helper, t.id);
    const openBefore = countOpenFlags(db);
    flagPost(db, reporter, { postId: q, reason: "off-topic", note: "" });
    flagPost(db, reporter, { postId: a.id, reason: "other", note: "Copied from another site" });
    expect(countOpenFlags(db)).toBe(openBefore + 2);

    expectRefused(() => listOpenFlags(db, reporter));
    expectRefused(() => listOpenFlags(db, null), 401);
    const mine = listOpenFlags(db, mod).filter((f) => f.reporterUsername === reporter.username);
    expect(mine.map((f) => f.postId)).toEqual([q, a.id]);
    expect(mine[1]).toMatchObject({ reason: "other", note: "Copied from another site", threadId: t.id, postKind: "answer" });

    const flagId = mine[1]!.id;
    expectRefused(() => resolveFlag(db, reporter, flagId, "dismissed"));
    expectRefused(() => resolveFlag(db, helper, flagId, "actioned"));

    resolveFlag(db, mod, flagId, "dismissed");
    const resolved = db.select().from(flags).where(eq(flags.id, flagId)).get()!;
    expect(resolved.status).toBe("dismissed");
    expect(resolved.resolvedById).toBe(mod.id);
    expect(resolved.resolvedAt).not.toBeNull();
    expect(countOpenFlags(db)).toBe(openBefore + 1);
    expect(listOpenFlags(db, mod).map((f) => f.id)).not.toContain(flagId);

    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.actorId, mod.id), eq(auditEvents.action, "flag.dismissed"))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: "post", targetId: a.id });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ flagId });
  });
});

describe("posting limits", () => {
  test("a new account waits 2 minutes between questions, told how long in words", async () => {
    const newcomer = await createUser(db);
    const start = new Date(Date.now() + 60_000);
    const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    thread(newcomer, { at: start });

    const early = createThread(db, newcomer, { title: "A second question too soon", body: "This one comes a minute later.", category: "billing", tags: [] }, later(60));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.errors.form).toMatch(/^You can post another question in 1 minute\./);

    const sooner = createThread(db, newcomer, { title: "A second question much too soon", body: "This one comes ten seconds later.", category: "billing", tags: [] }, later(10));
    if (!sooner.ok) expect(sooner.errors.form).toMatch(/in 1 minute 50 seconds\./);
    else throw new Error("should have been refused");

    const almost = createThread(db, newcomer, { title: "A second question nearly in time", body: "One second before the limit.", category: "billing", tags: [] }, later(119));
    if (!almost.ok) expect(almost.errors.form).toMatch(/in 1 second\./);
    else throw new Error("should have been refused");

    expect(db.select().from(threads).where(eq(threads.authorId, newcomer.id)).all()).toHaveLength(1);
    const onTime = createThread(db, newcomer, { title: "A second question, in good time", body: "Two minutes have passed now.", category: "billing", tags: [] }, later(POSTING_INTERVALS.newAccount.question));
    expect(onTime.ok).toBe(true);
  });

  test("a new account waits 30 seconds between answers", async () => {
    const newcomer = await createUser(db);
    const t = thread(asker);
    const start = new Date(Date.now() + 60_000);
    createTestAnswer(db, newcomer, t.id, undefined, start);
    const early = createAnswer(db, newcomer, { threadId: t.id, body: "A second answer straight away." }, new Date(start.getTime() + 20_000));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.errors.form).toMatch(/another answer in 10 seconds\./);
    expect(getThread(db, t.id)!.answerCount).toBe(1);
    expect(createAnswer(db, newcomer, { threadId: t.id, body: "A second answer thirty seconds on." }, new Date(start.getTime() + 30_000)).ok).toBe(true);
  });

  test("an established account waits 15 s between questions and 5 s between answers", async () => {
    const regular = await member();
    const start = new Date(Date.now() + 60_000);
    const at = (s: number) => new Date(start.getTime() + s * 1000);
    const first = thread(regular, { at: start });

    expect(postingWait(db, regular, "question", at(10))).toMatch(/another question in 5 seconds\.( Your|$)/);
    expect(postingWait(db, regular, "question", at(10))).not.toMatch(/New accounts/);
    expect(postingWait(db, regular, "question", at(15))).toBeNull();
    const quick = createThread(db, regular, { title: "Another question ten seconds on", body: "Still inside the fifteen seconds.", category: "billing", tags: [] }, at(10));
    expect(quick.ok).toBe(false);
    expect(createThread(db, regular, { title: "Another question fifteen seconds on", body: "Now outside the fifteen seconds.", category: "billing", tags: [] }, at(15)).ok).toBe(true);

    createTestAnswer(db, regular, first.id, undefined, at(20));
    const tooSoon = createAnswer(db, regular, { threadId: first.id, body: "A quick follow-up answer, too quick." }, at(23));
    expect(tooSoon.ok).toBe(false);
    if (!tooSoon.ok) expect(tooSoon.errors.form).toMatch(/another answer in 2 seconds\./);
    expect(createAnswer(db, regular, { threadId: first.id, body: "A follow-up answer, five seconds on." }, at(25)).ok).toBe(true);
  });

  test("questions and answers are limited separately", async () => {
    const newcomer = await createUser(db);
    const start = new Date(Date.now() + 60_000);
    const t = thread(newcomer, { at: start });
    // Asking does not delay answering.
    expect(createAnswer(db, newcomer, { threadId: t.id, body: "Answering my own question right away." }, new Date(start.getTime() + 1000)).ok).toBe(true);
  });
});
