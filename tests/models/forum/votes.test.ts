// Votes, acceptance and the reputation ledger they write, against a real
// migrated database. The ledger's rule: a user's total is always 1 + the sum
// of their reputation events, and a post's score the sum of its votes.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer, unacceptAnswer } from "../../../app/models/forum/acceptance.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { createComment, deletePost, editPost, restorePost } from "../../../app/models/forum/post.server";
import { listReputationHistory, REPUTATION, reputationMismatches } from "../../../app/models/reputation/reputation.server";
import { loader as profileLoader } from "../../../app/routes/u.$username";
import { DEFAULT_REWARD_RULES, updateRewardRules } from "../../../app/models/reputation/reward-rules.server";
import { getThread } from "../../../app/models/forum/thread.server";
import { castVote, votesByUser } from "../../../app/models/forum/vote.server";
import { answerThanks, auditEvents, posts, reputationEvents, revisions, users, votes } from "../../../db/schema";
import { thankAnswer, thankedAnswers } from "../../../app/models/reputation/thanks.server";
import { loader as threadLoader } from "../../../app/routes/t.$id.($slug)";
import { contextFor, createTestDb, getRequest, settle } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser, giveReputation, madeComment } from "../../support/factories";
import { expectRefused as expectRefusedIn, seededRandom } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now();
const tick = () => new Date((clock += 3 * 60_000));

/** Established members (two days old), so posting limits stay out of the way. */
function member(overrides: Parameters<typeof createUser>[1] = {}) {
  return createUser(db, { createdAt: new Date(Date.now() - 2 * DAY), ...overrides });
}

function question(author: User) {
  const thread = createTestThread(db, author, { at: tick() });
  const post = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
  return { thread, questionId: post.id };
}
function answer(author: User, threadId: number) {
  return createTestAnswer(db, author, threadId, undefined, tick());
}

function reputation(user: User) {
  return db.select({ r: users.reputation }).from(users).where(eq(users.id, user.id)).get()!.r;
}
function ledgerSum(userId: number) {
  return db
    .select({ s: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
    .from(reputationEvents)
    .where(eq(reputationEvents.userId, userId))
    .get()!.s;
}
function score(postId: number) {
  return db.select({ s: posts.score }).from(posts).where(eq(posts.id, postId)).get()!.s;
}
function votesSum(postId: number) {
  return db.select({ s: sql<number>`coalesce(sum(${votes.value}), 0)` }).from(votes).where(eq(votes.postId, postId)).get()!.s;
}
function voteRows(postId: number) {
  return db.select({ userId: votes.userId, value: votes.value }).from(votes).where(eq(votes.postId, postId)).all();
}
function acceptedOf(threadId: number) {
  return getThread(db, threadId)!.acceptedAnswerId;
}

function expectRefused(run: () => unknown, status = 403) {
  return expectRefusedIn(db, run, status);
}

let asker: User;
let helper: User;
let voter: User;
let other: User;
let mod: User;

/**
 * Gives a user points through the ledger (as if from earlier answers), so the
 * floor of 1 stays out of the way of tests about other rules.
 */
function bank(user: User, points = 200) {
  giveReputation(db, user, points);
}

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await member();
  helper = await member();
  voter = await member();
  other = await member();
  mod = await member({ role: "moderator" });
  for (const user of [asker, helper, voter, other]) bank(user);
});

describe("castVote", () => {
  test("up, the same again takes it back, down, then up changes it", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);

    expect(castVote(db, voter, a.id, "up")).toEqual({ score: 1, myVote: 1 });
    expect(voteRows(a.id)).toEqual([{ userId: voter.id, value: 1 }]);

    expect(castVote(db, voter, a.id, "up")).toEqual({ score: 0, myVote: 0 });
    expect(voteRows(a.id)).toEqual([]);

    expect(castVote(db, voter, a.id, "down")).toEqual({ score: -1, myVote: -1 });
    expect(voteRows(a.id)).toEqual([{ userId: voter.id, value: -1 }]);

    expect(castVote(db, voter, a.id, "up")).toEqual({ score: 1, myVote: 1 });
    expect(voteRows(a.id)).toEqual([{ userId: voter.id, value: 1 }]);

    castVote(db, other, a.id, "up");
    expect(score(a.id)).toBe(2);
    expect(votesByUser(db, voter.id, [a.id])).toEqual({ [a.id]: 1 });
  });

  test("a question's score is mirrored on its thread", () => {
    const { thread, questionId } = question(asker);
    castVote(db, voter, questionId, "up");
    castVote(db, other, questionId, "up");
    castVote(db, helper, questionId, "down");
    expect(score(questionId)).toBe(1);
    expect(getThread(db, thread.id)!.score).toBe(1);
    castVote(db, voter, questionId, "down");
    expect(score(questionId)).toBe(-1);
    expect(getThread(db, thread.id)!.score).toBe(-1);
  });

  test("answer votes do not touch the thread's score", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    castVote(db, voter, a.id, "up");
    expect(getThread(db, thread.id)!.score).toBe(0);
  });

  test("never on your own post (403, nothing written), even as a moderator", () => {
    const { thread, questionId } = question(asker);
    const a = answer(helper, thread.id);
    expectRefused(() => castVote(db, asker, questionId, "up"));
    expectRefused(() => castVote(db, helper, a.id, "down"));
    const modsOwn = answer(mod, thread.id);
    expectRefused(() => castVote(db, mod, modsOwn.id, "up"));
  });

  test("visitors are refused (401), comments cannot be voted on, deleted posts are out of reach", () => {
    const { thread, questionId } = question(asker);
    const a = answer(helper, thread.id);
    expectRefused(() => castVote(db, null, questionId, "up"), 401);
    const comment = createTestComment(db, helper, questionId, "A comment, not votable", tick());
    expectRefused(() => castVote(db, voter, comment.id, "up"));
    deletePost(db, helper, a.id, tick());
    expectRefused(() => castVote(db, voter, a.id, "up"), 404);
    expectRefused(() => castVote(db, mod, a.id, "up"));
  });
});

describe("vote reputation", () => {
  test("an answer upvote gives its author +10, and taking it back takes them away", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const [h, v] = [reputation(helper), reputation(voter)];
    castVote(db, voter, a.id, "up");
    expect(reputation(helper)).toBe(h + REPUTATION.answerUpvoted);
    expect(REPUTATION.answerUpvoted).toBe(10);
    expect(reputation(voter)).toBe(v);
    const event = db.select().from(reputationEvents).where(eq(reputationEvents.postId, a.id)).all();
    expect(event).toEqual([expect.objectContaining({ userId: helper.id, points: 10, reason: "answer_upvoted", actorId: voter.id })]);
    castVote(db, voter, a.id, "up");
    expect(reputation(helper)).toBe(h);
    expect(db.select().from(reputationEvents).where(eq(reputationEvents.postId, a.id)).all()).toEqual([]);
  });

  test("a question upvote gives its author +5", () => {
    const { questionId } = question(asker);
    const before = reputation(asker);
    castVote(db, voter, questionId, "up");
    expect(reputation(asker)).toBe(before + 5);
    castVote(db, voter, questionId, "up");
    expect(reputation(asker)).toBe(before);
  });

  test("an answer downvote costs its author 2 and the voter 1; a question downvote costs only the author", () => {
    const { thread, questionId } = question(asker);
    const a = answer(helper, thread.id);
    const [q, h, v] = [reputation(asker), reputation(helper), reputation(voter)];

    castVote(db, voter, a.id, "down");
    expect(reputation(helper)).toBe(h - 2);
    expect(reputation(voter)).toBe(v - 1);

    castVote(db, voter, questionId, "down");
    expect(reputation(asker)).toBe(q - 2);
    expect(reputation(voter)).toBe(v - 1);

    // Taking them back gives everything back.
    castVote(db, voter, a.id, "down");
    castVote(db, voter, questionId, "down");
    expect([reputation(asker), reputation(helper), reputation(voter)]).toEqual([q, h, v]);
  });

  test("changing a downvote to an upvote replaces its reputation rather than adding to it", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const [h, v] = [reputation(helper), reputation(voter)];
    castVote(db, voter, a.id, "down");
    castVote(db, voter, a.id, "up");
    expect(reputation(helper)).toBe(h + 10);
    expect(reputation(voter)).toBe(v);
    castVote(db, voter, a.id, "down");
    expect(reputation(helper)).toBe(h - 2);
    expect(reputation(voter)).toBe(v - 1);
  });

  test("one voter's change leaves another voter's reputation rows alone", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const h = reputation(helper);
    castVote(db, voter, a.id, "up");
    castVote(db, other, a.id, "up");
    castVote(db, voter, a.id, "up"); // voter takes theirs back
    expect(reputation(helper)).toBe(h + 10);
    expect(db.select().from(reputationEvents).where(eq(reputationEvents.postId, a.id)).all()).toEqual([
      expect.objectContaining({ actorId: other.id, points: 10 }),
    ]);
  });

  test("after a long random run of votes and acceptances, totals equal 1 + the ledger and scores equal their votes", async () => {
    const random = seededRandom(20240611);
    const people = [await member(), await member(), await member(), await member(), await member()];
    // Away from the floor and the daily cap, which have their own tests: here the points add up plainly.
    for (const person of people) bank(person, 1_000);
    const admin = await member({ role: "admin" });
    updateRewardRules(db, admin, { ...DEFAULT_REWARD_RULES, dailyVoteCap: 1_000_000 });
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const targets: { id: number; authorId: number; kind: "question" | "answer"; threadId: number; threadAuthorId: number }[] = [];
    for (const author of people.slice(0, 2)) {
      const { thread, questionId } = question(author);
      targets.push({ id: questionId, authorId: author.id, kind: "question", threadId: thread.id, threadAuthorId: author.id });
      for (const answerer of [...people.slice(1, 4), author]) {
        const a = answer(answerer, thread.id);
        targets.push({ id: a.id, authorId: answerer.id, kind: "answer", threadId: thread.id, threadAuthorId: author.id });
      }
    }

    for (let step = 0; step < 400; step++) {
      const target = pick(targets);
      const actor = pick(people);
      if (target.kind === "answer" && random() < 0.1) {
        // The asker accepts or unaccepts now and then.
        const asker = people.find((p) => p.id === target.threadAuthorId)!;
        if (random() < 0.7) acceptAnswer(db, asker, target.id);
        else unacceptAnswer(db, asker, target.id);
        continue;
      }
      if (actor.id === target.authorId) {
        expectRefused(() => castVote(db, actor, target.id, random() < 0.5 ? "up" : "down"));
        continue;
      }
      castVote(db, actor, target.id, random() < 0.6 ? "up" : "down");
    }

    for (const target of targets) expect(score(target.id)).toBe(votesSum(target.id));
    for (const { threadId, id } of targets.filter((t) => t.kind === "question")) expect(getThread(db, threadId)!.score).toBe(score(id));

    // The ledger agrees with the totals...
    for (const person of people) expect(reputation(person)).toBe(1 + ledgerSum(person.id));

    // ...and with what the votes and acceptances on record say each person earned.
    updateRewardRules(db, admin, DEFAULT_REWARD_RULES);
    const expected = new Map(people.map((p) => [p.id, 1_001]));
    const add = (id: number, points: number) => expected.set(id, expected.get(id)! + points);
    for (const target of targets) {
      for (const vote of voteRows(target.id)) {
        if (vote.value === 1) add(target.authorId, target.kind === "question" ? 5 : 10);
        else {
          add(target.authorId, -2);
          if (target.kind === "answer") add(vote.userId, -1);
        }
      }
      if (target.kind === "answer" && acceptedOf(target.threadId) === target.id && target.authorId !== target.threadAuthorId) {
        add(target.authorId, 15);
        add(target.threadAuthorId, 2);
      }
    }
    for (const person of people) expect(reputation(person)).toBe(expected.get(person.id));
  });
});

describe("accepting an answer", () => {
  test("a moderator accepting their own answer gives nobody anything", async () => {
    const { thread } = question(asker);
    const own = answer(mod, thread.id);
    const before = [reputation(mod), reputation(asker)];
    acceptAnswer(db, mod, own.id);
    expect(acceptedOf(thread.id)).toBe(own.id);
    expect([reputation(mod), reputation(asker)]).toEqual(before);
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("only the asker or a moderator; another member is refused and nothing changes", () => {
    const { thread, questionId } = question(asker);
    const a = answer(helper, thread.id);
    expectRefused(() => acceptAnswer(db, other, a.id));
    expectRefused(() => acceptAnswer(db, helper, a.id));
    expectRefused(() => acceptAnswer(db, null, a.id), 401);
    expectRefused(() => acceptAnswer(db, asker, questionId));
    expect(acceptedOf(thread.id)).toBeNull();

    acceptAnswer(db, asker, a.id);
    expect(acceptedOf(thread.id)).toBe(a.id);
    expectRefused(() => unacceptAnswer(db, other, a.id));
    expect(acceptedOf(thread.id)).toBe(a.id);
  });

  test("a moderator may accept on the asker's behalf; the asker still gets their +2", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const [q, h, m] = [reputation(asker), reputation(helper), reputation(mod)];
    acceptAnswer(db, mod, a.id);
    expect(acceptedOf(thread.id)).toBe(a.id);
    expect([reputation(asker), reputation(helper), reputation(mod)]).toEqual([q + 2, h + 15, m]);
  });

  test("accepting gives +15 and +2; switching moves them; unaccepting takes them back", () => {
    const { thread } = question(asker);
    const first = answer(helper, thread.id);
    const second = answer(other, thread.id);
    const [q, h, o] = [reputation(asker), reputation(helper), reputation(other)];

    acceptAnswer(db, asker, first.id);
    expect([reputation(asker), reputation(helper), reputation(other)]).toEqual([q + 2, h + 15, o]);
    // Accepting the same answer again gives nothing more.
    acceptAnswer(db, asker, first.id);
    expect([reputation(asker), reputation(helper), reputation(other)]).toEqual([q + 2, h + 15, o]);

    acceptAnswer(db, asker, second.id);
    expect(acceptedOf(thread.id)).toBe(second.id);
    expect([reputation(asker), reputation(helper), reputation(other)]).toEqual([q + 2, h, o + 15]);

    // Unaccepting an answer that is not the accepted one changes nothing.
    unacceptAnswer(db, asker, first.id);
    expect(acceptedOf(thread.id)).toBe(second.id);

    unacceptAnswer(db, asker, second.id);
    expect(acceptedOf(thread.id)).toBeNull();
    expect([reputation(asker), reputation(helper), reputation(other)]).toEqual([q, h, o]);
    for (const person of [asker, helper, other]) expect(reputation(person)).toBe(1 + ledgerSum(person.id));
  });

  test("accepting your own answer gives no reputation", () => {
    const { thread } = question(asker);
    const own = answer(asker, thread.id);
    const before = reputation(asker);
    const events = db.select().from(reputationEvents).all().length;
    acceptAnswer(db, asker, own.id);
    expect(acceptedOf(thread.id)).toBe(own.id);
    expect(reputation(asker)).toBe(before);
    expect(db.select().from(reputationEvents).all()).toHaveLength(events);

    // Switching from your own answer to someone else's gives the usual points.
    const theirs = answer(helper, thread.id);
    const h = reputation(helper);
    acceptAnswer(db, asker, theirs.id);
    expect([reputation(asker), reputation(helper)]).toEqual([before + 2, h + 15]);
  });

  test("deleting the accepted answer clears the acceptance and its reputation, and keeps vote reputation consistent", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const [q, h] = [reputation(asker), reputation(helper)];
    acceptAnswer(db, asker, a.id);
    expect(reputation(helper)).toBe(h + 15);

    deletePost(db, helper, a.id, tick());
    expect(acceptedOf(thread.id)).toBeNull();
    expect([reputation(asker), reputation(helper)]).toEqual([q, h]);
    expect(
      db.select().from(reputationEvents).where(and(eq(reputationEvents.postId, a.id), eq(reputationEvents.reason, "answer_accepted"))).all(),
    ).toEqual([]);

    // Restoring the answer does not bring the acceptance back by itself.
    restorePost(db, mod, a.id);
    expect(acceptedOf(thread.id)).toBeNull();
    expect(reputation(helper)).toBe(h);
    for (const person of [asker, helper]) expect(reputation(person)).toBe(1 + ledgerSum(person.id));
  });

  test("a deleted answer cannot be accepted", () => {
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    deletePost(db, helper, a.id, tick());
    expectRefused(() => acceptAnswer(db, asker, a.id), 404);
    expectRefused(() => acceptAnswer(db, mod, a.id));
  });
});

describe("reputation rules", () => {
  test("a total never goes below 1: a downvoted newcomer stays at 1, and undoing an upvote adds a floor row", async () => {
    const newcomer = await member();
    const critic = await member();
    bank(critic);
    const first = question(asker);
    const mine = answer(newcomer, first.thread.id);
    castVote(db, critic, mine.id, "down");
    expect(reputation(newcomer)).toBe(1);

    const fan = await member();
    bank(fan, 20);
    const second = question(asker);
    const liked = answer(newcomer, second.thread.id);
    castVote(db, critic, mine.id, "down"); // taken back
    castVote(db, fan, liked.id, "up"); // 1 → 11
    castVote(db, critic, mine.id, "down"); // 11 → 9
    castVote(db, fan, liked.id, "up"); // taken back: 9 - 10 would be -1
    expect(reputation(newcomer)).toBe(1);
    expect(db.select().from(reputationEvents).where(and(eq(reputationEvents.userId, newcomer.id), eq(reputationEvents.reason, "floor"))).all()).toEqual([
      expect.objectContaining({ points: 2 }),
    ]);
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("the floor can't be farmed: an upvote and downvotes taken back in turn, again and again, leave the total where it started", async () => {
    // Points the floor made up stand in for downvotes still counted; when
    // those downvotes are taken back, the floor's points go first. Without
    // that, each round below gave 10 points out of nothing.
    const target = await member();
    const friend = await member();
    bank(friend); // enough to downvote
    const { thread } = question(asker);
    const liked = answer(target, thread.id);
    const questions = Array.from({ length: 5 }, () => question(target).questionId);
    const start = reputation(target);
    expect(start).toBe(1);
    for (let round = 0; round < 3; round += 1) {
      castVote(db, friend, liked.id, "up"); // 1 → 11
      for (const id of questions) castVote(db, friend, id, "down"); // 11 → 1
      castVote(db, friend, liked.id, "up"); // taken back: the floor makes up 10
      expect(reputation(target)).toBe(1);
      for (const id of questions) castVote(db, friend, id, "down"); // taken back
      expect(reputation(target)).toBe(start);
    }
    expect(voteRows(liked.id)).toEqual([]);
    expect(ledgerSum(target.id)).toBe(0);
    expect(reputationMismatches(db)).toEqual([]);

    // A real upvote afterwards still counts in full.
    castVote(db, friend, liked.id, "up");
    expect(reputation(target)).toBe(start + REPUTATION.answerUpvoted);
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("the floor's points go back only as far as the downvotes taken back: the rest of the total stays", async () => {
    const target = await member();
    const friend = await member();
    const fan = await member();
    bank(friend);
    bank(fan, 20);
    const { thread } = question(asker);
    const liked = answer(target, thread.id);
    const other = answer(target, question(asker).thread.id);
    const disliked = question(target).questionId;
    castVote(db, friend, liked.id, "up"); // 1 → 11
    castVote(db, friend, disliked, "down"); // 11 → 9
    castVote(db, friend, liked.id, "up"); // taken back: 9 - 10 → the floor makes up 2
    expect(reputation(target)).toBe(1);
    castVote(db, fan, other.id, "up"); // 1 → 11: a new upvote is not taken by the floor
    expect(reputation(target)).toBe(11);
    castVote(db, friend, disliked, "down"); // taken back: +2, of which the floor's 2 go back
    expect(reputation(target)).toBe(11);
    expect(ledgerSum(target.id)).toBe(10);
    expect(reputationMismatches(db)).toEqual([]);

    // The profile reads both floor rows for what they are.
    const page = await settle(() =>
      profileLoader({ request: getRequest(`/u/${target.username}?tab=reputation`), params: { username: target.username }, context: contextFor(db) }),
    );
    const { history } = (await page.json()) as { history: { events: { points: number; reason: string; label: string }[] } };
    expect(history.events.filter((e) => e.reason === "floor").map((e) => [e.points, e.label])).toEqual([
      [-2, "no longer needed to keep the minimum of 1 (downvotes taken back)"],
      [2, "kept at the minimum of 1"],
    ]);
  });

  test("upvotes give at most 200 a day, even when many arrive together; acceptances are not capped", async () => {
    const star = await member();
    const voters = await Promise.all(Array.from({ length: 25 }, () => member()));
    for (const v of voters) bank(v, 20);
    const { thread } = question(asker);
    const a = answer(star, thread.id);
    const start = reputation(star);
    for (const v of voters) castVote(db, v, a.id, "up");
    expect(score(a.id)).toBe(25);
    expect(reputation(star)).toBe(start + 200);
    acceptAnswer(db, asker, a.id);
    expect(reputation(star)).toBe(start + 215);
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("the cap counts the votes of the vote's own day: votes on an earlier day are not capped by later ones", async () => {
    const star = await member();
    const voters = await Promise.all(Array.from({ length: 21 }, () => member()));
    for (const v of voters) bank(v, 20);
    const { thread } = question(asker);
    const a = answer(star, thread.id);
    const b = answer(star, question(asker).thread.id);
    const start = reputation(star);
    // Today: 20 upvotes reach the cap.
    for (const v of voters.slice(0, 20)) castVote(db, v, a.id, "up");
    expect(reputation(star)).toBe(start + 200);
    // A vote dated two days ago (a replayed history) counts against that day only.
    castVote(db, voters[20], b.id, "up", new Date(Date.now() - 2 * 24 * 60 * 60 * 1000));
    expect(reputation(star)).toBe(start + 210);
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("admins change the points; new actions follow the new values, old rows keep theirs", async () => {
    const admin = await member({ role: "admin" });
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const h = reputation(helper);
    updateRewardRules(db, admin, { ...DEFAULT_REWARD_RULES, points: { ...DEFAULT_REWARD_RULES.points, answerUpvoted: 12 } });
    try {
      castVote(db, voter, a.id, "up");
      expect(reputation(helper)).toBe(h + 12);
      castVote(db, voter, a.id, "up"); // undo gives back exactly what was given
      expect(reputation(helper)).toBe(h);
    } finally {
      updateRewardRules(db, admin, DEFAULT_REWARD_RULES);
    }
    expectRefused(() => updateRewardRules(db, mod, DEFAULT_REWARD_RULES));
    expectRefused(() => updateRewardRules(db, voter, DEFAULT_REWARD_RULES));
  });
});

describe("the reputation history on a profile", () => {
  test("reads '+10 — upvote on ‹thread›', newest first, and hides a deleted thread's title", async () => {
    const writer = await member();
    const { thread, questionId } = question(asker);
    const a = answer(writer, thread.id);
    castVote(db, voter, a.id, "up");
    acceptAnswer(db, asker, a.id);
    const history = listReputationHistory(db, writer.id, 1);
    expect(history.events.map((e) => [e.points, e.reason, e.thread?.title])).toEqual([
      [15, "answer_accepted", thread.title],
      [10, "answer_upvoted", thread.title],
    ]);
    expect(history.events[0].thread?.path).toBe(`/t/${thread.id}/${thread.slug}#post-${a.id}`);

    const page = await settle(() =>
      profileLoader({ request: getRequest(`/u/${writer.username}?tab=reputation`), params: { username: writer.username }, context: contextFor(db) }),
    );
    const body = (await page.json()) as { tab: string; history: { total: number } };
    expect(body.tab).toBe("reputation");
    expect(body.history.total).toBe(2);

    deletePost(db, mod, questionId);
    expect(listReputationHistory(db, writer.id, 1).events.every((e) => e.thread === null)).toBe(true);
  });

  test("a thread whose question a moderator hid keeps its title out of the history, for visitors too", async () => {
    const writer = await member();
    const title = "Cheap Nimbus unlock codes, message me on Telegram";
    const thread = createTestThread(db, asker, { title, at: tick() });
    const questionId = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!.id;
    const a = answer(writer, thread.id);
    castVote(db, voter, a.id, "up");
    castVote(db, voter, questionId, "up");
    expect(listReputationHistory(db, writer.id, 1).events[0].thread?.title).toBe(title);

    expect(hidePost(db, mod, questionId, "Spam").ok).toBe(true);
    for (const userId of [writer.id, asker.id]) {
      const history = listReputationHistory(db, userId, 1);
      expect(history.events.filter((e) => e.thread?.title === title)).toEqual([]);
    }
    for (const user of [writer, asker]) {
      const page = await settle(() =>
        profileLoader({ request: getRequest(`/u/${user.username}?tab=reputation`), params: { username: user.username }, context: contextFor(db) }),
      );
      expect(await page.text()).not.toContain("Telegram");
    }
  });
});

describe("thanks from the brand", () => {
  test("a moderator thanks an answer once: +5 to its author, shown on the thread, logged", async () => {
    const writer = await member();
    const { thread } = question(asker);
    const a = answer(writer, thread.id);
    const before = reputation(writer);
    expect(thankAnswer(db, mod, a.id)).toBe(true);
    expect(reputation(writer)).toBe(before + 5);
    expect(thankAnswer(db, mod, a.id)).toBe(false);
    expect(reputation(writer)).toBe(before + 5);
    expect(thankedAnswers(db, [a.id])).toEqual(new Set([a.id]));
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "answer.thank"), eq(auditEvents.targetId, a.id))).all()).toHaveLength(1);

    const page = await settle(() =>
      threadLoader({ request: getRequest(`/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db) }),
    );
    const body = (await page.json()) as { answers: { id: number; thanked: boolean; can: { thank: boolean } }[] };
    expect(body.answers.find((x) => x.id === a.id)).toMatchObject({ thanked: true });
    expect(body.answers.find((x) => x.id === a.id)?.can).not.toHaveProperty("thank");
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("members, visitors, a moderator's own answer and questions are refused, and nothing changes", async () => {
    const { thread, questionId } = question(asker);
    const a = answer(helper, thread.id);
    const own = answer(mod, thread.id);
    const thanksRows = () => db.select().from(answerThanks).all().length;
    const rows = thanksRows();
    expectRefused(() => thankAnswer(db, voter, a.id));
    expectRefused(() => thankAnswer(db, null, a.id), 401);
    expectRefused(() => thankAnswer(db, mod, own.id));
    expectRefused(() => thankAnswer(db, mod, questionId));
    expect(thanksRows()).toBe(rows);
  });

  test("a hidden answer can't be thanked: no points, no badge, nothing changes", async () => {
    const writer = await member();
    const { thread } = question(asker);
    const a = answer(writer, thread.id);
    expect(hidePost(db, mod, a.id, "Advertises a paid service").ok).toBe(true);
    expectRefused(() => thankAnswer(db, mod, a.id));
  });
});

describe("privileges by reputation", () => {
  test("commenting on other people's posts takes 50; your own question and its answers take none; a refusal changes nothing", async () => {
    const newcomer = await member();
    const own = question(newcomer);
    const replyInOwn = answer(helper, own.thread.id);
    const elsewhere = question(asker);
    const theirAnswer = answer(helper, elsewhere.thread.id);
    // Your own question, and any answer under it: always.
    expect(madeComment(createComment(db, newcomer, { postId: own.questionId, body: "Adding my router model here." }, tick())).authorId).toBe(newcomer.id);
    expect(madeComment(createComment(db, newcomer, { postId: replyInOwn.id, body: "Which menu is that in?" }, tick())).authorId).toBe(newcomer.id);
    // Someone else's post: refused with the reason, nothing written.
    for (const postId of [elsewhere.questionId, theirAnswer.id]) {
      const response = expectRefused(() => createComment(db, newcomer, { postId, body: "Same problem here, any news?" }, tick()));
      expect(await response.text()).toContain("You need 50 reputation to comment on other people's posts.");
    }
    giveReputation(db, newcomer, 48); // 49
    expectRefused(() => createComment(db, newcomer, { postId: theirAnswer.id, body: "Same problem here, any news?" }, tick()));
    giveReputation(db, newcomer, 1); // 50
    expect(madeComment(createComment(db, newcomer, { postId: theirAnswer.id, body: "Same problem here, any news?" }, tick())).authorId).toBe(newcomer.id);
  });

  test("editing other people's posts takes 2,000 and keeps a revision naming the editor; below it, refused and nothing changes", async () => {
    const editor = await member();
    giveReputation(db, editor, 1_998); // 1,999
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    const body = "Restart the box, then hold reset for ten seconds until the light blinks.";
    const response = expectRefused(() => editPost(db, editor, a.id, { body, reason: "Clearer steps" }, tick()));
    expect(await response.text()).toContain("You need 2,000 reputation to edit other people's posts.");
    giveReputation(db, editor, 1); // 2,000
    editPost(db, editor, a.id, { body, reason: "Clearer steps" }, tick());
    expect(db.select({ body: posts.body, editedById: posts.editedById }).from(posts).where(eq(posts.id, a.id)).get()).toEqual({ body, editedById: editor.id });
    const latest = db.select().from(revisions).where(eq(revisions.postId, a.id)).all().at(-1)!;
    expect(latest).toMatchObject({ editorId: editor.id, body, reason: "Clearer steps" });
  });

  test("a newcomer can't vote yet: refused (403) with the reason on the page, and nothing changes", async () => {
    const newcomer = await member();
    const { thread } = question(asker);
    const a = answer(helper, thread.id);
    expectRefused(() => castVote(db, newcomer, a.id, "up"));
    giveReputation(db, newcomer, 20);
    castVote(db, newcomer, a.id, "up");
    expect(score(a.id)).toBe(1);
    expectRefused(() => castVote(db, newcomer, a.id, "down"));
    const page = await settle(() =>
      threadLoader({ request: getRequest(`/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, newcomer.id) }),
    );
    const body = (await page.json()) as { answers: { id: number; can: { vote: boolean; downvote: boolean; downvoteRefusal: string | null } }[] };
    expect(body.answers.find((x) => x.id === a.id)?.can).toMatchObject({ vote: true, downvoteRefusal: "You need 125 reputation to downvote." });
    expect(body.answers.find((x) => x.id === a.id)?.can).not.toHaveProperty("downvote");
  });
});
