// Votes arriving at the same moment, against the real server: no double
// counting, no lost toggle, and the ledger never out of step with the totals.
// Plain fetch, no browser: what matters here is many requests in flight at once.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { award, reputationMismatches } from "../../app/models/reputation/reputation.server";
import { DEFAULT_REWARD_RULES, REPUTATION, updateRewardRules } from "../../app/models/reputation/reward-rules.server";
import type { Db } from "../../db/client";
import { posts, reputationEvents, users, votes } from "../../db/schema";
import { createTestAnswer, createTestThread, createUser, giveReputation } from "../support/factories";
import { cookieHeaderFrom } from "../support/http-helpers";
import { startApp, type RunningApp } from "./harness";

const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
const VOTER_COUNT = 50;
const VOTE_REASONS = ["question_upvoted", "answer_upvoted", "post_downvoted", "downvoted_answer"];

type Member = Awaited<ReturnType<typeof createUser>>;
type Answer = ReturnType<typeof createTestAnswer>;

let app: RunningApp;
let threadPath = "";
let admin: Member;
const voterCookies: string[] = [];
const answers = {} as Record<"capped" | "uncapped" | "toggled", Answer>;
const authors = {} as Record<"capped" | "uncapped" | "toggled", Member>;
let toggler: Member;
let togglerCookie = "";

async function cookieFor(db: Db, userId: number) {
  return cookieHeaderFrom(await startSession(db, userId, { secure: false }));
}

beforeAll(async () => {
  app = await startApp(async (db) => {
    admin = await createUser(db, { role: "admin", createdAt: TWO_DAYS_AGO });
    const asker = await createUser(db, { createdAt: TWO_DAYS_AGO });
    const thread = createTestThread(db, asker, { title: "My router drops the connection every evening" });
    threadPath = `/t/${thread.id}/${thread.slug}`;
    for (const key of ["capped", "uncapped", "toggled"] as const) {
      authors[key] = await createUser(db, { createdAt: TWO_DAYS_AGO });
      answers[key] = createTestAnswer(db, authors[key], thread.id);
    }
    for (let i = 0; i < VOTER_COUNT; i += 1) {
      const voter = await createUser(db, { createdAt: TWO_DAYS_AGO });
      giveReputation(db, voter, 20); // upvoting takes 15
      voterCookies.push(await cookieFor(db, voter.id));
    }
    toggler = await createUser(db, { createdAt: TWO_DAYS_AGO });
    giveReputation(db, toggler, 200); // downvoting takes 125
    togglerCookie = await cookieFor(db, toggler.id);
    // Some earned points first, so a downvote's penalty is really taken
    // rather than absorbed by the floor of 1.
    for (const userId of [authors.toggled.id, toggler.id]) {
      for (let i = 0; i < 4; i += 1) award(db, { userId, reason: "thanked", postId: null, actorId: asker.id });
    }
  });
});

afterAll(async () => {
  await app?.stop();
});

/** One vote as a browser without JavaScript sends it: a form POST with the session cookie. */
async function vote(cookie: string, postId: number, direction: "up" | "down") {
  const response = await fetch(`${app.url}${threadPath}`, {
    method: "POST",
    headers: { Origin: new URL(app.url).origin, Cookie: cookie },
    body: new URLSearchParams({ intent: "vote", postId: String(postId), direction }),
    redirect: "manual",
  });
  const body = await response.text();
  return { status: response.status, location: response.headers.get("location"), ...(response.status >= 400 ? { body: body.slice(0, 300) } : {}) };
}

/** The answer's score as the thread page shows it to a visitor. */
async function shownScore(postId: number) {
  const html = await (await fetch(`${app.url}${threadPath}`)).text();
  const match = html.match(new RegExp(`id="post-${postId}"[\\s\\S]*?aria-label="Score (-?\\d+)"`));
  if (!match) throw new Error(`No score shown for post ${postId}`);
  return Number(match[1]);
}

function totalOf(userId: number) {
  return app.db.select({ reputation: users.reputation }).from(users).where(eq(users.id, userId)).get()!.reputation;
}

function scoreOf(postId: number) {
  return app.db.select({ score: posts.score }).from(posts).where(eq(posts.id, postId)).get()!.score;
}

function votesOn(postId: number) {
  return app.db.select({ userId: votes.userId, value: votes.value }).from(votes).where(eq(votes.postId, postId)).all();
}

function ledgerFor(postId: number) {
  return app.db
    .select({ userId: reputationEvents.userId, actorId: reputationEvents.actorId, reason: reputationEvents.reason, points: reputationEvents.points })
    .from(reputationEvents)
    .where(eq(reputationEvents.postId, postId))
    .all();
}

const redirectBackTo = (postId: number) => ({ status: 302, location: `${threadPath}#post-${postId}` });

async function fiftyUpvotesAtOnce(answer: Answer) {
  const started = performance.now();
  const results = await Promise.all(voterCookies.map((cookie) => vote(cookie, answer.id, "up")));
  const elapsed = Math.round(performance.now() - started);
  // A redirect back to the answer, never to /login (that would mean the
  // session was not read) and never an error.
  expect(results).toEqual(Array(VOTER_COUNT).fill(redirectBackTo(answer.id)));
  return elapsed;
}

describe("votes at the same moment", () => {
  test(`${VOTER_COUNT} upvotes at once give a score of ${VOTER_COUNT} and exactly the daily cap`, async () => {
    const { capped: answer } = answers;
    const before = totalOf(authors.capped.id);
    const elapsed = await fiftyUpvotesAtOnce(answer);

    expect(scoreOf(answer.id)).toBe(VOTER_COUNT);
    expect(await shownScore(answer.id)).toBe(VOTER_COUNT);
    expect(votesOn(answer.id)).toHaveLength(VOTER_COUNT);
    expect(totalOf(authors.capped.id) - before).toBe(DEFAULT_REWARD_RULES.dailyVoteCap);
    const ledger = ledgerFor(answer.id);
    expect(ledger).toHaveLength(VOTER_COUNT);
    expect(ledger.every((row) => row.reason === "answer_upvoted" && row.userId === authors.capped.id)).toBe(true);
    expect(new Set(ledger.map((row) => row.actorId)).size).toBe(VOTER_COUNT);
    expect(ledger.reduce((sum, row) => sum + row.points, 0)).toBe(DEFAULT_REWARD_RULES.dailyVoteCap);
    // Capped rows keep 0 points, never a part of one upvote.
    expect(ledger.filter((row) => row.points === REPUTATION.answerUpvoted)).toHaveLength(DEFAULT_REWARD_RULES.dailyVoteCap / REPUTATION.answerUpvoted);
    expect(reputationMismatches(app.db)).toEqual([]);
    console.log(`${VOTER_COUNT} concurrent upvotes (default cap) answered in ${elapsed} ms`);
  });

  test(`with the cap raised by an admin, ${VOTER_COUNT} upvotes at once give exactly +${VOTER_COUNT * REPUTATION.answerUpvoted}`, async () => {
    // The server reads the rules on every vote: no restart.
    updateRewardRules(app.db, admin, { ...DEFAULT_REWARD_RULES, dailyVoteCap: 100_000 });
    try {
      const { uncapped: answer } = answers;
      const before = totalOf(authors.uncapped.id);
      const elapsed = await fiftyUpvotesAtOnce(answer);

      expect(scoreOf(answer.id)).toBe(VOTER_COUNT);
      expect(await shownScore(answer.id)).toBe(VOTER_COUNT);
      expect(totalOf(authors.uncapped.id) - before).toBe(VOTER_COUNT * REPUTATION.answerUpvoted);
      const ledger = ledgerFor(answer.id);
      expect(ledger).toHaveLength(VOTER_COUNT);
      expect(ledger.every((row) => row.reason === "answer_upvoted" && row.points === REPUTATION.answerUpvoted)).toBe(true);
      expect(new Set(ledger.map((row) => row.actorId)).size).toBe(VOTER_COUNT);
      expect(reputationMismatches(app.db)).toEqual([]);
      console.log(`${VOTER_COUNT} concurrent upvotes (raised cap) answered in ${elapsed} ms`);
    } finally {
      updateRewardRules(app.db, admin, DEFAULT_REWARD_RULES);
    }
  });
});

describe("a vote toggled quickly many times", () => {
  const { answerUpvoted, postDownvoted, downvoterOnAnswer } = REPUTATION;
  let authorStart = 0;
  let togglerStart = 0;

  beforeAll(() => {
    authorStart = totalOf(authors.toggled.id);
    togglerStart = totalOf(toggler.id);
  });

  async function burst(directions: ("up" | "down")[]) {
    const { toggled: answer } = answers;
    const results = await Promise.all(directions.map((direction) => vote(togglerCookie, answer.id, direction)));
    expect(results).toEqual(Array(directions.length).fill(redirectBackTo(answer.id)));
  }

  /** Whatever order the requests were served in, everything must agree with the one vote left. */
  async function expectConsistent() {
    const { toggled: answer } = answers;
    const left = votesOn(answer.id);
    expect(left.length).toBeLessThanOrEqual(1);
    const myVote = left[0]?.value ?? 0;
    if (left[0]) expect(left[0].userId).toBe(toggler.id);
    expect(scoreOf(answer.id)).toBe(myVote);
    expect(await shownScore(answer.id)).toBe(myVote);

    const ledger = ledgerFor(answer.id);
    const keys = ledger.map((row) => `${row.actorId}/${row.reason}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ledger.every((row) => row.actorId === toggler.id && VOTE_REASONS.includes(row.reason))).toBe(true);
    const expected =
      myVote === 1
        ? [{ userId: authors.toggled.id, actorId: toggler.id, reason: "answer_upvoted", points: answerUpvoted }]
        : myVote === -1
          ? [
              { userId: authors.toggled.id, actorId: toggler.id, reason: "post_downvoted", points: postDownvoted },
              { userId: toggler.id, actorId: toggler.id, reason: "downvoted_answer", points: downvoterOnAnswer },
            ]
          : [];
    expect(ledger.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual(expected.sort((a, b) => a.reason.localeCompare(b.reason)));
    const authorGain = myVote === 1 ? answerUpvoted : myVote === -1 ? postDownvoted : 0;
    expect(totalOf(authors.toggled.id)).toBe(authorStart + authorGain);
    expect(totalOf(toggler.id)).toBe(togglerStart + (myVote === -1 ? downvoterOnAnswer : 0));
    expect(reputationMismatches(app.db)).toEqual([]);
    return myVote;
  }

  test("40 upvotes at once from one member take each other back: no vote is left", async () => {
    await burst(Array(40).fill("up"));
    expect(await expectConsistent()).toBe(0);
    expect(
      app.db.select().from(votes).where(and(eq(votes.postId, answers.toggled.id), eq(votes.userId, toggler.id))).all(),
    ).toEqual([]);
  });

  test("41 upvotes at once from one member leave exactly one upvote", async () => {
    await burst(Array(41).fill("up"));
    expect(await expectConsistent()).toBe(1);
  });

  test("40 ups and downs at once leave the score, the ledger and both totals in step", async () => {
    const started = performance.now();
    const seen = new Set<number>();
    for (let round = 0; round < 3; round += 1) {
      await burst(Array.from({ length: 40 }, (_, i) => ((i * 7 + round) % 3 === 0 ? "down" : "up")));
      seen.add(await expectConsistent());
    }
    console.log(`3 × 40 concurrent toggles answered in ${Math.round(performance.now() - started)} ms; final votes seen: ${[...seen].join(", ")}`);
  });
});
