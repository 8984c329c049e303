// The leaderboard against a real migrated database: which ledger rows count
// for a period and a category, who is left out (staff, no gain), accepted
// answers, the order of ties, and the /leaderboard page with its parameters.
// Points are earned through votes and acceptances where the action matters,
// and written straight into the ledger (with users.reputation kept in step)
// where a date does.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import { leaderboard, periodStart, type LeaderboardOptions, type LeaderboardRow } from "../../../app/models/reputation/leaderboard.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { reputationMismatches } from "../../../app/models/reputation/reputation.server";
import { DEFAULT_REWARD_RULES, updateRewardRules } from "../../../app/models/reputation/reward-rules.server";
import { castVote } from "../../../app/models/forum/vote.server";
import { loader } from "../../../app/routes/leaderboard";
import { posts, reputationEvents, userBadges, users } from "../../../db/schema";
import { contextFor, createTestDb, getRequest, settle } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser, uniqueName } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import type { Privileges } from "../../../app/policy";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
type Category = ReturnType<typeof createTestCategory>;

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date();
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms);
// Posts are written a few minutes apart, starting well before the periods tested.
let clock = NOW.getTime() - 60 * DAY;
const tick = () => new Date((clock += 3 * 60_000));

/** An established member (old enough for the posting limits to stay out of the way). */
function member(overrides: Parameters<typeof createUser>[1] = {}) {
  return createUser(db, { createdAt: ago(90), ...overrides });
}

/** A question in `category`, with its question post's id. */
function question(author: User, category: Category) {
  const thread = createTestThread(db, author, { category: category.slug, at: tick() });
  const post = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
  return { thread, questionId: post.id };
}
function answer(author: User, threadId: number) {
  return createTestAnswer(db, author, threadId, undefined, tick());
}

/** Writes one ledger row at `at` (for `postId`, if any) and moves the user's total with it. */
function earn(user: User, points: number, at: Date, postId: number | null = null) {
  db.transaction((tx) => {
    tx.insert(reputationEvents).values({ userId: user.id, points, reason: "answer_upvoted", postId, actorId: null, createdAt: at }).run();
    tx.update(users).set({ reputation: sql`${users.reputation} + ${points}` }).where(eq(users.id, user.id)).run();
  });
}

function board(options: LeaderboardOptions, now = NOW) {
  return leaderboard(db, options, now);
}
/** The board's rows for these users only, as [username, points] (other tests' users are on the overall board too). */
function pointsOf(rows: LeaderboardRow[], ...people: User[]) {
  const names = new Set(people.map((p) => p.username));
  return rows.filter((r) => names.has(r.user.username)).map((r) => [r.user.username, r.points]);
}
function row(rows: LeaderboardRow[], user: User) {
  return rows.find((r) => r.user.username === user.username);
}

let asker: User;
let voter: User & { privileges: Privileges };
let voter2: User & { privileges: Privileges };
let mod: User;
let admin: User;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing", position: 1 });
  createTestCategory(db, { slug: "devices", name: "Devices", position: 2 });
  asker = await member();
  // The voters' privileges are waived rather than earned, so that no
  // reputation of theirs shows up on the boards under test.
  voter = { ...(await member()), privileges: { upvote: 0, downvote: 0, comment: 0, editOthers: 0 } };
  voter2 = { ...(await member()), privileges: { upvote: 0, downvote: 0, comment: 0, editOthers: 0 } };
  mod = await member({ role: "moderator" });
  admin = await member({ role: "admin" });
});

describe("periods", () => {
  let eightDays: User;
  let yesterday: User;
  let lastMonth: User;

  beforeAll(async () => {
    eightDays = await member();
    yesterday = await member();
    lastMonth = await member();
    earn(eightDays, 30, ago(8));
    earn(yesterday, 10, ago(1));
    earn(lastMonth, 50, ago(31));
  });

  test("a row 8 days old counts for the month and all time, not the week", () => {
    const people = [eightDays, yesterday, lastMonth];
    expect(pointsOf(board({ period: "week" }), ...people)).toEqual([[yesterday.username, 10]]);
    expect(pointsOf(board({ period: "month" }), ...people)).toEqual([
      [eightDays.username, 30],
      [yesterday.username, 10],
    ]);
    expect(pointsOf(board({ period: "all" }), ...people)).toEqual([
      [lastMonth.username, 50],
      [eightDays.username, 30],
      [yesterday.username, 10],
    ]);
  });

  test("a week is the last 7 days and a month the last 30 before the moment passed in, start included", async () => {
    const [weekEdge, weekBefore, monthEdge, monthBefore] = [await member(), await member(), await member(), await member()];
    earn(weekEdge, 5, ago(7));
    earn(weekBefore, 5, ago(7, 1));
    earn(monthEdge, 5, ago(30));
    earn(monthBefore, 5, ago(30, 1));
    expect(periodStart("week", NOW)).toEqual(ago(7));
    expect(periodStart("month", NOW)).toEqual(ago(30));
    expect(periodStart("all", NOW)).toBeNull();
    const people = [weekEdge, weekBefore, monthEdge, monthBefore];
    expect(pointsOf(board({ period: "week" }), ...people)).toEqual([[weekEdge.username, 5]]);
    expect(pointsOf(board({ period: "month" }), ...people)).toEqual([
      [monthEdge.username, 5],
      [weekBefore.username, 5],
      [weekEdge.username, 5],
    ].sort(([x], [y]) => (String(x).toLowerCase() < String(y).toLowerCase() ? -1 : 1)));
    // Two days on, the week no longer reaches the 7-day-old row, and the month no longer reaches the 30-day-old one.
    const later = ago(-2);
    expect(pointsOf(board({ period: "week" }, later), weekEdge, yesterday)).toEqual([[yesterday.username, 10]]);
    expect(pointsOf(board({ period: "month" }, later), monthEdge, eightDays)).toEqual([[eightDays.username, 30]]);
  });

  test("a member whose gains and losses in the period come to 0 or less is not listed", async () => {
    const even = await member();
    const down = await member();
    earn(even, 10, ago(1));
    earn(even, -10, ago(1));
    earn(down, 20, ago(8));
    earn(down, -5, ago(2));
    expect(pointsOf(board({ period: "week" }), even, down)).toEqual([]);
    expect(pointsOf(board({ period: "month" }), even, down)).toEqual([[down.username, 15]]);
    // All time reads the totals: `even` is back at 1, so it gained nothing.
    expect(pointsOf(board({ period: "all" }), even, down)).toEqual([[down.username, 15]]);
  });

  test("the all-time board matches the ledger's sums, and every row reads the member's total and rank", () => {
    expect(reputationMismatches(db)).toEqual([]);
    for (const r of board({ period: "all" })) {
      const user = db.select().from(users).where(eq(users.username, r.user.username)).get()!;
      const sum = db
        .select({ s: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
        .from(reputationEvents)
        .where(eq(reputationEvents.userId, user.id))
        .get()!.s;
      expect(r.points).toBe(sum);
      expect(r.user).toEqual({ username: user.username, displayName: user.displayName, reputation: user.reputation, rank: expect.any(String) });
      const held = db.select({ badge: userBadges.badge }).from(userBadges).where(eq(userBadges.userId, user.id)).all();
      expect([...r.badges].sort()).toEqual(held.map((b) => b.badge).sort());
    }
  });
});

describe("earned through votes and acceptances", () => {
  let category: Category;
  let helper: User;

  beforeAll(async () => {
    category = createTestCategory(db);
    helper = await member();
    const { thread } = question(asker, category);
    const helpful = answer(helper, thread.id);
    const fromMod = answer(mod, thread.id);
    const fromAdmin = answer(admin, thread.id);
    for (const id of [helpful.id, fromMod.id, fromAdmin.id]) castVote(db, voter, id, "up");
    acceptAnswer(db, asker, helpful.id);
  });

  test("upvotes and the acceptance count for the answerer and the asker; staff are never listed", () => {
    const rows = board({ period: "week", categoryId: category.id });
    expect(rows.map((r) => [r.position, r.user.username, r.points, r.accepted])).toEqual([
      [1, helper.username, 10 + 15, 1],
      [2, asker.username, 2, 0],
    ]);
    // The staff's upvoted answers are in the ledger, but not on any board.
    const staffRows = db.select().from(reputationEvents).where(sql`${reputationEvents.userId} in (${mod.id}, ${admin.id})`).all();
    expect(staffRows.map((r) => r.points)).toEqual([10, 10]);
    for (const period of ["week", "month", "all"] as const) {
      for (const filter of [{}, { categoryId: category.id }]) {
        const names = board({ period, ...filter }).map((r) => r.user.username);
        expect(names).not.toContain(mod.username);
        expect(names).not.toContain(admin.username);
      }
    }
  });

  test("a row names the member, their total and their rank by the admins' rules", () => {
    const helperRow = row(board({ period: "week", categoryId: category.id }), helper)!;
    expect(helperRow.user).toEqual({ username: helper.username, displayName: helper.displayName, reputation: 1 + 25, rank: "Newcomer" });
    const rules = { ...DEFAULT_REWARD_RULES, ranks: [{ name: "Rookie", min: 1 }, { name: "Helper", min: 20 }] };
    updateRewardRules(db, admin, rules);
    try {
      expect(row(board({ period: "week", categoryId: category.id }), helper)!.user.rank).toBe("Helper");
      expect(row(board({ period: "week", categoryId: category.id }), asker)!.user.rank).toBe("Rookie");
    } finally {
      updateRewardRules(db, admin, DEFAULT_REWARD_RULES);
    }
  });
});

describe("per category", () => {
  let billing: Category;
  let devices: Category;
  let both: User;

  beforeAll(async () => {
    billing = createTestCategory(db);
    devices = createTestCategory(db);
    both = await member();
    const inBilling = answer(both, question(asker, billing).thread.id);
    const inDevices = answer(both, question(asker, devices).thread.id);
    castVote(db, voter, inBilling.id, "up");
    castVote(db, voter, inDevices.id, "up");
    castVote(db, voter2, inDevices.id, "up");
    // Older rows on a billing post, and a row for no post at all.
    earn(both, 40, ago(8), inBilling.id);
    earn(both, 100, ago(1), null);
  });

  test("only rows whose post is in one of the category's threads count", () => {
    expect(pointsOf(board({ period: "week", categoryId: billing.id }), both)).toEqual([[both.username, 10]]);
    expect(pointsOf(board({ period: "month", categoryId: billing.id }), both)).toEqual([[both.username, 50]]);
    expect(pointsOf(board({ period: "all", categoryId: billing.id }), both)).toEqual([[both.username, 50]]);
    expect(pointsOf(board({ period: "week", categoryId: devices.id }), both)).toEqual([[both.username, 20]]);
    expect(pointsOf(board({ period: "all", categoryId: devices.id }), both)).toEqual([[both.username, 20]]);
    // Overall, every row counts, the one without a post included.
    expect(pointsOf(board({ period: "week" }), both)).toEqual([[both.username, 10 + 20 + 100]]);
    expect(pointsOf(board({ period: "all" }), both)).toEqual([[both.username, 10 + 20 + 40 + 100]]);
  });

  test("a category nobody earned in has an empty board", () => {
    const quiet = createTestCategory(db);
    question(asker, quiet);
    for (const period of ["week", "month", "all"] as const) expect(board({ period, categoryId: quiet.id })).toEqual([]);
  });
});

describe("accepted answers", () => {
  let billing: Category;
  let devices: Category;
  let solver: User;

  beforeAll(async () => {
    billing = createTestCategory(db);
    devices = createTestCategory(db);
    solver = await member();
    const accept = (category: Category) => {
      const { thread, questionId } = question(asker, category);
      const a = answer(solver, thread.id);
      acceptAnswer(db, asker, a.id);
      return { answerId: a.id, questionId };
    };
    accept(billing);
    accept(billing);
    accept(devices);
    // An answer that is not accepted counts for nothing.
    answer(solver, question(asker, billing).thread.id);
    // An accepted answer deleted later loses its acceptance (and its points).
    deletePost(db, mod, accept(billing).answerId);
    // An accepted answer on a thread deleted later is not shown, so not counted.
    deletePost(db, mod, accept(devices).questionId);
    // Accepting your own answer gives no points, but it did solve the question.
    const own = question(solver, billing);
    acceptAnswer(db, solver, answer(solver, own.thread.id).id);
  });

  test("counts the member's visible answers that solved a question, in the category when filtered", () => {
    expect(row(board({ period: "week", categoryId: billing.id }), solver)?.accepted).toBe(3);
    expect(row(board({ period: "week", categoryId: devices.id }), solver)?.accepted).toBe(1);
    expect(row(board({ period: "week" }), solver)?.accepted).toBe(4);
    expect(row(board({ period: "all" }), solver)?.accepted).toBe(4);
  });

  test("are counted over all time, whatever the period of the points", () => {
    earn(solver, 1, ago(8), null);
    const monthRow = row(board({ period: "month" }), solver)!;
    expect(monthRow.accepted).toBe(4);
    // 15 for each acceptance still standing (the deleted thread's included): 4 × 15, plus the older row.
    expect(monthRow.points).toBe(4 * 15 + 1);
  });
});

describe("order", () => {
  let category: Category;
  let a: User;
  let b: User;
  let c: User;
  let d: User;

  beforeAll(async () => {
    category = createTestCategory(db);
    // Names that sort a < B < c < d whatever the case; suffixed to stay unique in the file.
    const suffix = uniqueName("x").toLowerCase();
    a = await member({ username: `tie_a_${suffix}`, displayName: "Ada" });
    b = await member({ username: `TIE_B_${suffix}`, displayName: "Bo" });
    c = await member({ username: `tie_c_${suffix}`, displayName: "Cy" });
    d = await member({ username: `tie_d_${suffix}`, displayName: "Di" });
    const { thread, questionId } = question(asker, category);
    // c's 20 points include an accepted answer (15) and 5 more; a and b have 20 without one.
    acceptAnswer(db, asker, answer(c, thread.id).id);
    earn(c, 5, ago(1), questionId);
    earn(a, 20, ago(1), questionId);
    earn(b, 20, ago(2), questionId);
    earn(d, 30, ago(3), questionId);
    // The asker's 2 for accepting would sit below; taken back to keep the board to the four.
    earn(asker, -2, ago(0), questionId);
  });

  test("points first, then accepted answers, then username (ignoring case)", () => {
    const rows = board({ period: "week", categoryId: category.id });
    expect(rows.map((r) => [r.position, r.user.username, r.points, r.accepted])).toEqual([
      [1, d.username, 30, 0],
      [2, c.username, 20, 1],
      [3, a.username, 20, 0],
      [4, b.username, 20, 0],
    ]);
  });

  test("a limit that falls inside a tie keeps the ones the tie-breaks put first", () => {
    expect(board({ period: "week", categoryId: category.id, limit: 2 }).map((r) => r.user.username)).toEqual([d.username, c.username]);
    expect(board({ period: "week", categoryId: category.id, limit: 3 }).map((r) => r.user.username)).toEqual([d.username, c.username, a.username]);
    expect(board({ period: "week", categoryId: category.id, limit: 1 }).map((r) => r.position)).toEqual([1]);
    expect(board({ period: "week", limit: 5 })).toHaveLength(5);
  });

  test("runs the same number of queries for a board of one row as for a board of many", () => {
    const single = createTestCategory(db);
    earn(a, 3, ago(1), question(asker, single).questionId);
    // Once first: what every page reads (the reward rules) is then kept until a write.
    board({ period: "week", categoryId: single.id });
    const prepare = vi.spyOn(db.$client, "prepare");
    try {
      expect(board({ period: "week", categoryId: single.id })).toHaveLength(1);
      const forOne = prepare.mock.calls.length;
      prepare.mockClear();
      expect(board({ period: "week", categoryId: category.id })).toHaveLength(4);
      expect(prepare.mock.calls.length).toBe(forOne);
      prepare.mockClear();
      expect(board({ period: "all" }).length).toBeGreaterThan(10);
      expect(prepare.mock.calls.length).toBe(forOne);
      expect(forOne).toBeLessThanOrEqual(2);
    } finally {
      prepare.mockRestore();
    }
  });
});

describe("/leaderboard", () => {
  type Page = {
    period: string;
    category: { slug: string; name: string } | null;
    categories: { slug: string; name: string }[];
    rows: LeaderboardRow[];
  };
  let category: Category;
  let weekly: User;
  let monthly: User;

  async function page(search = "") {
    const response = await settle(() => loader({ request: getRequest(`/leaderboard${search}`), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(200);
    return bodyOf<Page>(response);
  }

  beforeAll(async () => {
    category = createTestCategory(db, { slug: "route-board", name: "Route board", position: 0 });
    weekly = await member();
    monthly = await member();
    const { questionId } = question(asker, category);
    earn(weekly, 7, ago(1), questionId);
    earn(monthly, 9, ago(10), questionId);
  });

  test("without parameters: this week, every category, with the categories to filter by", async () => {
    const body = await page();
    expect(body.period).toBe("week");
    expect(body.category).toBeNull();
    expect(body.categories).toEqual(
      expect.arrayContaining([
        { slug: "route-board", name: "Route board" },
        { slug: "billing", name: "Billing" },
        { slug: "devices", name: "Devices" },
      ]),
    );
    expect(body.rows).toEqual(JSON.parse(JSON.stringify(leaderboard(db, { period: "week" }))));
    expect(pointsOf(body.rows, weekly, monthly)).toEqual([[weekly.username, 7]]);
    expect(body.rows.map((r) => r.user.username)).not.toContain(mod.username);
  });

  test("a period and a category by slug", async () => {
    const body = await page("?period=month&category=route-board");
    expect(body.period).toBe("month");
    expect(body.category).toEqual({ slug: "route-board", name: "Route board" });
    expect(body.rows.map((r) => [r.position, r.user.username, r.points])).toEqual([
      [1, monthly.username, 9],
      [2, weekly.username, 7],
    ]);
    expect((await page("?period=all&category=route-board")).rows).toHaveLength(2);
    expect((await page("?category=route-board")).rows.map((r) => r.user.username)).toEqual([weekly.username]);
  });

  test("bad parameters fall back to this week and every category, never an error", async () => {
    const defaults = await page();
    for (const search of [
      "?period=year",
      "?period=WEEK&category=no-such-category",
      "?period=&category=",
      `?category=${"x".repeat(500)}`,
      "?period[]=month&category[]=route-board",
      "?category=%27%3B%20drop%20table%20users%3B--",
      "?page=-1&sort=top",
    ]) {
      const body = await page(search);
      expect({ search, period: body.period, category: body.category }).toEqual({ search, period: "week", category: null });
      expect(body.rows).toEqual(defaults.rows);
    }
    // A bad period keeps a good category, and the reverse.
    expect((await page("?period=decade&category=route-board")).category?.slug).toBe("route-board");
    expect((await page("?period=month&category=nope")).period).toBe("month");
  });
});
