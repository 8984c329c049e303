// Badges against a real migrated database: each one awarded by the action
// that earns it, once, with one notification; never for accepting your own
// answer; never taken back. Then the pages that show them (loaders and the
// HTML): /badges, the profile, the leaderboard. Questions, answers, votes, acceptances,
// promotions and thanks all go through the model functions; only the pile of
// earlier accepted answers behind "Guru" is written straight to the tables.
import { and, eq, inArray } from "drizzle-orm";
import type { ComponentType } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer, unacceptAnswer } from "../../../app/models/forum/acceptance.server";
import { awardBadge, badgeDirectory } from "../../../app/models/reputation/badge.server";
import { createArticle } from "../../../app/models/kb/kb.server";
import { leaderboard } from "../../../app/models/reputation/leaderboard.server";
import { thankAnswer } from "../../../app/models/reputation/thanks.server";
import { castVote } from "../../../app/models/forum/vote.server";
import type { Privileges } from "../../../app/policy";
import BadgesPage, { loader as badgesLoader } from "../../../app/routes/badges";
import LeaderboardPage, { loader as leaderboardLoader } from "../../../app/routes/leaderboard";
import ProfilePage, { loader as profileLoader } from "../../../app/routes/u.$username";
import { BADGE_KEYS, type BadgeKey } from "../../../app/utils/badges";
import { notifications, posts, threads, userBadges, users } from "../../../db/schema";
import { contextFor, createTestDb, getRequest, settle } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { renderPage } from "../../support/render-page";
import { expectRefused } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
// Accounts are older than the clock's start, so the posting limits stay out of the way.
const established = new Date(Date.now() - 90 * DAY);
let clock = Date.now() - 60 * DAY;
const tick = () => new Date((clock += 60 * 60_000));

const NO_THRESHOLDS: Privileges = { upvote: 0, downvote: 0, comment: 0, editOthers: 0 };
function member(overrides: Parameters<typeof createUser>[1] = {}) {
  return createUser(db, { createdAt: established, ...overrides });
}

let mod: User;
beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  mod = await member({ role: "moderator" });
});

// ---------------------------------------------------------------------------
// Builders and readers.

function ask(author: User) {
  return createTestThread(db, author, { at: tick() });
}
function answer(author: User, threadId: number) {
  return createTestAnswer(db, author, threadId, undefined, tick());
}
function questionPostOf(threadId: number) {
  return db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;
}

/** The user's badges, as keys in the order of BADGES. */
function badgesOf(user: User): BadgeKey[] {
  const held = new Set(db.select({ badge: userBadges.badge }).from(userBadges).where(eq(userBadges.userId, user.id)).all().map((r) => r.badge));
  return BADGE_KEYS.filter((key) => held.has(key));
}
function badgeRow(user: User, badge: BadgeKey) {
  return db.select().from(userBadges).where(and(eq(userBadges.userId, user.id), eq(userBadges.badge, badge))).get();
}
/** The badges the user was told about, one entry per notification, oldest first. */
function badgeNotices(user: User): string[] {
  return db
    .select({ data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), eq(notifications.kind, "badge")))
    .orderBy(notifications.id)
    .all()
    .map((r) => JSON.parse(r.data).badge);
}
function noticesOfKind(user: User, kind: "accepted" | "thanked") {
  return db.select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.kind, kind))).all();
}

/** A page rendered to HTML as the server sends it, before any JavaScript runs. */
async function render(path: string, pattern: string, loader: (args: LoaderFunctionArgs) => Promise<Response>, Component: ComponentType) {
  const page = await renderPage(contextFor(db), path, [{ id: "page", path: pattern, loader, Component }]);
  expect(page.errors).toBeNull();
  return page.html;
}

/** What /badges sends: the directory, dates as strings. */
type Directory = ReturnType<typeof badgeDirectory>;
type DirectoryPage = { badges: (Omit<Directory[number], "holders"> & { holders: { username: string; earnedAt: string }[] })[] };

/** `count` questions by `asker`, each answered by `helper`, the answers' ids in order. */
function answeredQuestions(asker: User, helper: User, count: number) {
  return Array.from({ length: count }, () => answer(helper, ask(asker).id).id);
}

// ---------------------------------------------------------------------------

describe("before anyone earned one", () => {
  test("/badges lists every badge, held by no one", async () => {
    const response = await settle(() => badgesLoader({ request: getRequest("/badges"), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(200);
    const page = await bodyOf<DirectoryPage>(response);
    expect(page.badges.map((b) => [b.key, b.count, b.holders.length, b.more])).toEqual(BADGE_KEYS.map((key) => [key, 0, 0, 0]));
  });
});

describe("awardBadge", () => {
  test("gives a badge once and notifies once, however often it is called", async () => {
    const someone = await member();
    const now = tick();
    expect(db.transaction((tx) => awardBadge(tx, someone.id, "thanked", { now }))).toBe(true);
    expect(db.transaction((tx) => awardBadge(tx, someone.id, "thanked", { now: tick() }))).toBe(false);
    expect(badgesOf(someone)).toEqual(["thanked"]);
    expect(badgeRow(someone, "thanked")!.createdAt).toEqual(now);
    expect(badgeNotices(someone)).toEqual(["thanked"]);
  });
});

describe("First question", () => {
  test("comes with the first question, and the second question gives nothing new", async () => {
    const asker = await member();
    expect(badgesOf(asker)).toEqual([]);
    const first = ask(asker);
    expect(badgesOf(asker)).toEqual(["first_question"]);
    expect(badgeRow(asker, "first_question")!.postId).toBe(questionPostOf(first.id).id);
    expect(badgeNotices(asker)).toEqual(["first_question"]);

    ask(asker);
    expect(badgesOf(asker)).toEqual(["first_question"]);
    expect(badgeNotices(asker)).toEqual(["first_question"]);
    expect(badgeRow(asker, "first_question")!.postId).toBe(questionPostOf(first.id).id);
  });
});

describe("First answer", () => {
  test("comes with the first answer to someone else's question, once", async () => {
    const asker = await member();
    const helper = await member();
    const own = ask(helper);
    answer(helper, own.id);
    expect(badgesOf(helper)).toEqual(["first_question"]);

    const theirs = ask(asker);
    const first = answer(helper, theirs.id);
    expect(badgesOf(helper)).toEqual(["first_question", "first_answer"]);
    expect(badgeRow(helper, "first_answer")!.postId).toBe(first.id);

    answer(helper, ask(asker).id);
    expect(badgeNotices(helper)).toEqual(["first_question", "first_answer"]);
  });

  test("staff earn it too", async () => {
    const staff = await member({ role: "moderator" });
    answer(staff, ask(await member()).id);
    expect(badgesOf(staff)).toEqual(["first_answer"]);
  });
});

describe("acceptance", () => {
  test("the first accepted answer gives Solver and tells its author it was accepted, once", async () => {
    const asker = await member();
    const helper = await member();
    const thread = ask(asker);
    const chosen = answer(helper, thread.id);
    const other = answer(helper, thread.id);

    acceptAnswer(db, asker, chosen.id, tick());
    expect(badgesOf(helper)).toContain("solver");
    expect(badgeRow(helper, "solver")!.postId).toBe(chosen.id);
    expect(noticesOfKind(helper, "accepted")).toEqual([
      expect.objectContaining({ actorId: asker.id, threadId: thread.id, postId: chosen.id }),
    ]);

    // Accepting it again changes nothing; moving the acceptance and back tells each answer's author once, and the badge stays one.
    acceptAnswer(db, asker, chosen.id, tick());
    expect(noticesOfKind(helper, "accepted")).toHaveLength(1);
    acceptAnswer(db, asker, other.id, tick());
    unacceptAnswer(db, asker, other.id);
    expect(badgesOf(helper)).toContain("solver");
    acceptAnswer(db, asker, chosen.id, tick());
    expect(badgeNotices(helper).filter((b) => b === "solver")).toHaveLength(1);
    expect(noticesOfKind(helper, "accepted").map((n) => n.postId)).toEqual([chosen.id, other.id]);
  });

  test("accepting your own answer gives no badge and no notice, even from a moderator", async () => {
    const asker = await member();
    const thread = ask(asker);
    const own = answer(asker, thread.id);
    acceptAnswer(db, asker, own.id, tick());
    expect(badgesOf(asker)).toEqual(["first_question"]);
    expect(noticesOfKind(asker, "accepted")).toEqual([]);

    // A moderator accepting it tells the author, but it still earns nothing (as with reputation).
    const second = answer(asker, ask(asker).id);
    acceptAnswer(db, mod, second.id, tick());
    expect(badgesOf(asker)).toEqual(["first_question"]);
    expect(noticesOfKind(asker, "accepted")).toEqual([expect.objectContaining({ actorId: mod.id, postId: second.id })]);
  });

  test("the 10th accepted answer gives Problem solver, not the 9th; self-accepted and deleted threads do not count", async () => {
    const asker = await member();
    const helper = await member();
    // An own question answered and accepted by its author does not count towards the ten.
    acceptAnswer(db, helper, answer(helper, ask(helper).id).id, tick());
    const answers = answeredQuestions(asker, helper, 11);
    for (const id of answers.slice(0, 9)) acceptAnswer(db, asker, id, tick());
    expect(badgesOf(helper)).toEqual(["first_question", "first_answer", "solver"]);

    // An accepted answer on a deleted thread no longer counts: the 10th acceptance is then only the 9th.
    const first = db.select().from(posts).where(eq(posts.id, answers[0]!)).get()!;
    db.update(threads).set({ deletedAt: tick() }).where(eq(threads.id, first.threadId)).run();
    acceptAnswer(db, asker, answers[9]!, tick());
    expect(badgesOf(helper)).not.toContain("problem_solver");

    acceptAnswer(db, asker, answers[10]!, tick());
    expect(badgesOf(helper)).toEqual(["first_question", "first_answer", "solver", "problem_solver"]);
    expect(badgeRow(helper, "problem_solver")!.postId).toBe(answers[10]);
    expect(badgeNotices(helper)).toEqual(["first_question", "first_answer", "solver", "problem_solver"]);
  });

  test("the 50th accepted answer gives Guru; badges stay when acceptances are taken back", async () => {
    const asker = await member();
    const helper = await member();
    const answers = answeredQuestions(asker, helper, 50);
    // Setup: 48 answers already accepted, written straight to the threads.
    const earlier = db.select({ id: posts.id, threadId: posts.threadId }).from(posts).where(inArray(posts.id, answers.slice(0, 48))).all();
    for (const a of earlier) db.update(threads).set({ acceptedAnswerId: a.id }).where(eq(threads.id, a.threadId)).run();
    expect(badgesOf(helper)).toEqual(["first_answer"]);

    // The 49th acceptance catches up on the badges already deserved, but not Guru.
    acceptAnswer(db, asker, answers[48]!, tick());
    expect(badgesOf(helper)).toEqual(["first_answer", "solver", "problem_solver"]);
    acceptAnswer(db, asker, answers[49]!, tick());
    expect(badgesOf(helper)).toEqual(["first_answer", "solver", "problem_solver", "guru"]);

    unacceptAnswer(db, asker, answers[49]!);
    unacceptAnswer(db, asker, answers[48]!);
    expect(badgesOf(helper)).toEqual(["first_answer", "solver", "problem_solver", "guru"]);
    acceptAnswer(db, asker, answers[49]!, tick());
    expect(badgeNotices(helper)).toEqual(["first_answer", "solver", "problem_solver", "guru"]);
  });
});

describe("Nice answer", () => {
  let voters: (User & { privileges: Privileges })[];
  beforeAll(async () => {
    voters = [];
    for (let i = 0; i < 11; i += 1) voters.push({ ...(await member()), privileges: NO_THRESHOLDS });
  });

  test("comes when an answer's score reaches 10, and stays when it drops back", async () => {
    const asker = await member();
    const helper = await member();
    const thread = ask(asker);
    const good = answer(helper, thread.id);
    for (const voter of voters.slice(0, 9)) castVote(db, voter, good.id, "up", tick());
    expect(badgesOf(helper)).not.toContain("nice_answer");

    castVote(db, voters[9]!, good.id, "up", tick());
    expect(badgesOf(helper)).toContain("nice_answer");
    expect(badgeRow(helper, "nice_answer")!.postId).toBe(good.id);

    castVote(db, voters[9]!, good.id, "up", tick()); // taken back: 9
    expect(badgesOf(helper)).toContain("nice_answer");
    castVote(db, voters[9]!, good.id, "up", tick()); // 10 again
    castVote(db, voters[10]!, good.id, "up", tick()); // 11
    expect(badgeNotices(helper).filter((b) => b === "nice_answer")).toHaveLength(1);
  });

  test("a question scored 10 earns nothing, and a refused vote gives nothing", async () => {
    const asker = await member();
    const thread = ask(asker);
    const question = questionPostOf(thread.id);
    for (const voter of voters.slice(0, 10)) castVote(db, voter, question.id, "up", tick());
    expect(badgesOf(asker)).toEqual(["first_question"]);
    expectRefused(db, () => castVote(db, { ...asker, privileges: NO_THRESHOLDS }, question.id, "up", tick()));
  });
});

describe("Knowledge author", () => {
  function promote(answerId: number, publish: boolean) {
    const result = createArticle(
      db,
      mod,
      { title: "Restarting your box the right way", body: "Unplug it, wait thirty seconds, plug it back in.", category: "billing", tags: [], note: "", answerId, publish },
      tick(),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.article;
  }

  test("comes when an answer of theirs is published in the knowledge base, once", async () => {
    const asker = await member();
    const helper = await member();
    const [draftFrom, publishedFrom, laterFrom] = answeredQuestions(asker, helper, 3);
    promote(draftFrom!, false);
    expect(badgesOf(helper)).not.toContain("knowledge_author");

    promote(publishedFrom!, true);
    expect(badgesOf(helper)).toContain("knowledge_author");
    expect(badgeRow(helper, "knowledge_author")!.postId).toBe(publishedFrom);

    promote(laterFrom!, true);
    expect(badgeNotices(helper).filter((b) => b === "knowledge_author")).toHaveLength(1);
  });
});

describe("Thanked", () => {
  test("comes with the brand's first thanks, with the thanks' own notice", async () => {
    const asker = await member();
    const helper = await member();
    const [first, second] = answeredQuestions(asker, helper, 2);
    expect(thankAnswer(db, mod, first!, tick())).toBe(true);
    expect(badgesOf(helper)).toContain("thanked");
    expect(noticesOfKind(helper, "thanked")).toHaveLength(1);

    expect(thankAnswer(db, mod, first!, tick())).toBe(false);
    expect(thankAnswer(db, mod, second!, tick())).toBe(true);
    expect(noticesOfKind(helper, "thanked")).toHaveLength(2);
    expect(badgeNotices(helper).filter((b) => b === "thanked")).toHaveLength(1);
    expect(badgeRow(helper, "thanked")!.postId).toBe(first);
  });
});

// ---------------------------------------------------------------------------
// The pages.

describe("/badges", () => {
  test("lists every badge with its count and most recent holders, capped with the rest counted", async () => {
    // Fresh holders of "Guru", written straight in: only the listing is under test.
    const holders: User[] = [];
    for (let i = 0; i < 4; i += 1) holders.push(await member());
    const base = Date.now() + DAY;
    db.insert(userBadges)
      .values(holders.map((h, i) => ({ userId: h.id, badge: "guru", createdAt: new Date(base + i * 1000) })))
      .run();
    const guruCount = db.select().from(userBadges).where(eq(userBadges.badge, "guru")).all().length;

    const response = await settle(() => badgesLoader({ request: getRequest("/badges"), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(200);
    const page = await bodyOf<DirectoryPage>(response);
    expect(page.badges.map((b) => b.key)).toEqual(BADGE_KEYS);
    const guru = page.badges.find((b) => b.key === "guru")!;
    expect(guru).toMatchObject({ key: "guru", tier: "gold", count: guruCount, more: 0 });
    // Newest first: the four written last, latest first.
    expect(guru.holders.slice(0, 4).map((h) => h.username)).toEqual(holders.map((h) => h.username).reverse());

    const capped = badgeDirectory(db, 3).find((b) => b.key === "guru")!;
    expect(capped.holders.map((h) => h.username)).toEqual(holders.slice(1).map((h) => h.username).reverse());
    expect(capped.count).toBe(guruCount);
    expect(capped.more).toBe(guruCount - 3);
    expect(capped.holders[0]!.earnedAt).toEqual(new Date(base + 3000));
  });
});

describe("the profile and the leaderboard", () => {
  test("the profile lists the member's badges, rarest first, and an empty list for none", async () => {
    const asker = await member();
    const helper = await member();
    const thread = ask(asker);
    const good = answer(helper, thread.id);
    acceptAnswer(db, asker, good.id, tick());
    thankAnswer(db, mod, good.id, tick());

    const load = async (user: User) =>
      bodyOf<{ badges: { key: string; earnedAt: string }[] }>(
        await settle(() => profileLoader({ request: getRequest(`/u/${user.username}`), params: { username: user.username }, context: contextFor(db) })),
      );
    const page = await load(helper);
    expect(page.badges.map((b) => b.key)).toEqual(["thanked", "first_answer", "solver"]);
    expect(typeof page.badges[0]!.earnedAt).toBe("string");
    expect((await load(await member())).badges).toEqual([]);
  });

  test("each leaderboard row carries its member's badges", async () => {
    const asker = await member();
    const helper = await member();
    acceptAnswer(db, asker, answer(helper, ask(asker).id).id, tick());

    const response = await settle(() => leaderboardLoader({ request: getRequest("/leaderboard?period=all"), params: {}, context: contextFor(db) }));
    const page = await bodyOf<{ rows: { user: { username: string }; badges: string[] }[] }>(response);
    const row = page.rows.find((r) => r.user.username === helper.username)!;
    expect(row.badges).toEqual(["first_answer", "solver"]);
    // Every row, not only this one, reads its own member's badges.
    const held = db.select({ username: users.username, badge: userBadges.badge }).from(userBadges).innerJoin(users, eq(users.id, userBadges.userId)).all();
    for (const r of leaderboard(db, { period: "all" })) {
      expect(new Set(r.badges)).toEqual(new Set(held.filter((b) => b.username === r.user.username).map((b) => b.badge)));
    }
  });
});

describe("the pages, as rendered", () => {
  test("/badges has a section per badge, named for the notifications' links, with its holders and the rest counted", async () => {
    const html = await render("/badges", "badges", badgesLoader, BadgesPage);
    for (const key of BADGE_KEYS) expect(html).toContain(`id="badge-${key}"`);
    const guru = html.slice(html.indexOf('id="badge-guru"'), html.indexOf('id="badge-nice_answer"'));
    expect(guru).toContain("Gold");
    expect(guru).toContain("5 members hold it");
    expect(guru).not.toContain("more");
  });

  test("the profile shows its badges linking to /badges, or says there are none", async () => {
    const helper = await member();
    answer(helper, ask(await member()).id);
    const html = await render(`/u/${helper.username}`, "u/:username", profileLoader, ProfilePage);
    expect(html).toContain('href="/badges#badge-first_answer"');
    expect(html).toContain("First answer");
    const none = await member();
    expect(await render(`/u/${none.username}`, "u/:username", profileLoader, ProfilePage)).toContain("No badges yet.");
  });

  test("the leaderboard counts each row's badges by tier", async () => {
    const html = await render("/leaderboard?period=all", "leaderboard", leaderboardLoader, LeaderboardPage);
    expect(html).toMatch(/class="badge-count badge-count-bronze" title="[^"]*Solver/);
  });
});
