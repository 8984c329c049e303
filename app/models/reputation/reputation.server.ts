// The reputation ledger. Every point is a row (who, how many, why, for which
// post, by whose action), written in the transaction of the action, and the
// user's total moves with it: the total always equals 1 + the ledger's sum.
import { and, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { posts, reputationEvents, threads, users } from "../../../db/schema";
import { canSeeThread } from "../../policy";
import { seenOf } from "../visibility.server";
import { rankOf, type Rank } from "../../utils/ranks";
import { notify, wasNotified } from "../notify/notification.server";
import { getRewardRules, type PointRule, type RewardRules } from "./reward-rules.server";
import { preparedQuery } from "../../../db/prepared";
import { emitWebhookEvent } from "../notify/webhook-events.server";

export { DAILY_VOTE_CAP, REPUTATION } from "./reward-rules.server";

/** Why a row exists, as stored, and which rule gives its points. */
export const REASON_RULES = {
  question_upvoted: "questionUpvoted",
  answer_upvoted: "answerUpvoted",
  post_downvoted: "postDownvoted",
  downvoted_answer: "downvoterOnAnswer",
  answer_accepted: "answerAccepted",
  accepted_answer: "askerAccepted",
  answer_promoted: "answerPromoted",
  thanked: "thanked",
  article_helpful: "articleHelpful",
} as const satisfies Record<string, PointRule>;

export type ReputationReason = keyof typeof REASON_RULES | "floor";

/** Points that come from votes: capped per day. */
const VOTE_REASONS: ReputationReason[] = ["question_upvoted", "answer_upvoted"];

type Entry = { userId: number; reason: keyof typeof REASON_RULES; postId: number | null; actorId: number; now?: Date };

// award() runs for every vote and acceptance (and for every imported one):
// its statements are prepared once per connection.
const selectTotal = preparedQuery((db) =>
  db.select({ reputation: users.reputation }).from(users).where(eq(users.id, sql.placeholder("userId"))).prepare(),
);
const selectVotePointsOfDay = preparedQuery((db) =>
  db
    .select({ sum: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
    .from(reputationEvents)
    .where(
      and(
        eq(reputationEvents.userId, sql.placeholder("userId")),
        inArray(reputationEvents.reason, VOTE_REASONS),
        gte(reputationEvents.createdAt, sql.placeholder("from")),
        lt(reputationEvents.createdAt, sql.placeholder("until")),
      ),
    )
    .prepare(),
);
const insertLedgerRow = preparedQuery((db) =>
  db
    .insert(reputationEvents)
    .values({
      userId: sql.placeholder("userId"),
      points: sql.placeholder("points"),
      reason: sql.placeholder("reason"),
      postId: sql.placeholder("postId"),
      actorId: sql.placeholder("actorId"),
      createdAt: sql.placeholder("createdAt"),
    })
    .prepare(),
);
const addToTotal = preparedQuery((db) =>
  db
    .update(users)
    .set({ reputation: sql`${users.reputation} + ${sql.placeholder("points")}` })
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare(),
);

function totalOf(tx: DbOrTx, userId: number) {
  return selectTotal(tx).get({ userId })?.reputation ?? 1;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(now: Date) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Gives (or takes) the points of one action, by the admins' rules: upvotes
 * give at most the daily cap a day (UTC), and no total goes below 1. The row
 * keeps the points actually given, so undoing it gives back exactly those.
 * `rules` are read from the settings unless given (an importer reads them once).
 */
export function award(tx: DbOrTx, entry: Entry, rules: RewardRules = getRewardRules(tx)) {
  const now = entry.now ?? new Date();
  let points = rules.points[REASON_RULES[entry.reason]];
  if (points > 0 && VOTE_REASONS.includes(entry.reason)) {
    const from = startOfDay(now);
    const today = selectVotePointsOfDay(tx).get({ userId: entry.userId, from: from.getTime(), until: from.getTime() + DAY_MS })!.sum;
    points = Math.max(0, Math.min(points, rules.dailyVoteCap - today));
  }
  const total = totalOf(tx, entry.userId);
  if (total + points < 1) points = 1 - total;
  insertLedgerRow(tx).run({ userId: entry.userId, points, reason: entry.reason, postId: entry.postId, actorId: entry.actorId, createdAt: now });
  addToTotal(tx).run({ points, userId: entry.userId });
  if (points > 0) noticeRankUp(tx, entry.userId, total, total + points, rules.ranks, now);
}

/** Tells a member the first time they reach a rank (a rank lost and regained is not told twice). */
function noticeRankUp(tx: DbOrTx, userId: number, before: number, after: number, ranks: Rank[], now: Date) {
  const reached = rankOf(after, ranks);
  if (reached.level <= rankOf(before, ranks).level) return;
  const data = { rank: reached.rank.name };
  if (wasNotified(tx, userId, "rank_up", data)) return;
  notify(tx, userId, { kind: "rank_up", data, now });
  emitWebhookEvent(tx, "rank.reached", { id: userId, rank: reached.rank.name }, now);
}

/**
 * Reverses what one action gave: deletes its rows and takes their points
 * back. Without an actor, every row of those reasons for the post goes (an
 * answer has one acceptance at a time). If taking points back would leave a
 * total below 1, a "floor" row makes up the difference, so the total stays
 * at least 1 and still equals 1 + the ledger's sum.
 *
 * The floor only ever stands in for losses (downvotes) still on the ledger.
 * So when losses are taken back, what the floor made up goes first (a
 * negative "floor" row): otherwise an upvote and a few downvotes, taken back
 * in turn, would give points out of nothing, again and again.
 */
export function revoke(tx: DbOrTx, source: { postId: number; actorId?: number; reasons: ReputationReason[] }) {
  // Per user: the change to their total, and the points of losses given back.
  const touched = new Map<number, { change: number; lossesBack: number }>();
  const rows = tx
    .delete(reputationEvents)
    .where(
      and(
        eq(reputationEvents.postId, source.postId),
        source.actorId === undefined ? undefined : eq(reputationEvents.actorId, source.actorId),
        inArray(reputationEvents.reason, source.reasons),
      ),
    )
    .returning({ userId: reputationEvents.userId, points: reputationEvents.points })
    .all();
  for (const row of rows) {
    const user = touched.get(row.userId) ?? { change: 0, lossesBack: 0 };
    user.change -= row.points;
    if (row.points < 0) user.lossesBack -= row.points;
    touched.set(row.userId, user);
  }
  const floorRow = (userId: number, points: number) =>
    tx.insert(reputationEvents).values({ userId, points, reason: "floor", postId: source.postId, actorId: source.actorId ?? null }).run();
  for (const [userId, { change, lossesBack }] of touched) {
    let total = totalOf(tx, userId) + change;
    if (total < 1) {
      floorRow(userId, 1 - total);
      total = 1;
    } else if (lossesBack > 0 && total > 1) {
      const madeUp = tx
        .select({ sum: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` })
        .from(reputationEvents)
        .where(and(eq(reputationEvents.userId, userId), eq(reputationEvents.reason, "floor")))
        .get()!.sum;
      const payBack = Math.min(madeUp, lossesBack, total - 1);
      if (payBack > 0) {
        floorRow(userId, -payBack);
        total -= payBack;
      }
    }
    tx.update(users).set({ reputation: total }).where(eq(users.id, userId)).run();
  }
}

/** Users whose total differs from 1 + the sum of their ledger rows (there should be none). */
export function reputationMismatches(db: DbOrTx) {
  const ledger = sql<number>`1 + coalesce(sum(${reputationEvents.points}), 0)`;
  return db
    .select({ id: users.id, username: users.username, total: users.reputation, ledger })
    .from(users)
    .leftJoin(reputationEvents, eq(reputationEvents.userId, users.id))
    .groupBy(users.id)
    .having(sql`${users.reputation} <> ${ledger}`)
    .all();
}

export const HISTORY_PER_PAGE = 30;

/**
 * A member's reputation, newest first, with the thread each row came from
 * (not for a deleted thread, nor one whose question a moderator hid: the
 * profile is public, and those titles are not).
 */
export function listReputationHistory(db: Db, userId: number, page: number, perPage = HISTORY_PER_PAGE) {
  const rows = db
    .select({
      id: reputationEvents.id,
      points: reputationEvents.points,
      reason: reputationEvents.reason,
      createdAt: reputationEvents.createdAt,
      threadId: threads.id,
      threadTitle: threads.title,
      threadSlug: threads.slug,
      threadAuthorId: threads.authorId,
      threadDeletedAt: threads.deletedAt,
      threadHiddenAt: threads.hiddenAt,
      postId: posts.id,
    })
    .from(reputationEvents)
    .leftJoin(posts, eq(posts.id, reputationEvents.postId))
    .leftJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(reputationEvents.userId, userId))
    .orderBy(desc(reputationEvents.createdAt), desc(reputationEvents.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  const total = db.select({ n: count() }).from(reputationEvents).where(eq(reputationEvents.userId, userId)).get()!.n;
  return {
    events: rows.map(({ threadAuthorId, threadDeletedAt, threadHiddenAt, threadId, threadTitle, threadSlug, postId, ...row }) => ({
      ...row,
      thread:
        threadId && canSeeThread(null, seenOf({ authorId: threadAuthorId!, deletedAt: threadDeletedAt, hiddenAt: threadHiddenAt }))
          ? { title: threadTitle!, path: `/t/${threadId}/${threadSlug}#post-${postId}` }
          : null,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  };
}
