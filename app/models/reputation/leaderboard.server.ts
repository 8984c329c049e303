// The leaderboard: the members who gained the most reputation in a period,
// overall or in one category, summed from the reputation ledger. Staff are
// left out: they answer as part of their job, and the board is there to thank
// the customers who help. Deleted accounts are left out too: their points stay
// in the ledger (a total always equals its rows), but nobody is left to thank.
import { and, count, desc, eq, gt, gte, inArray, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { posts, reputationEvents, threads, users, type Role } from "../../../db/schema";
import { liveAccounts, PUBLIC_SIGHT, visiblePosts } from "../visibility.server";
import type { BadgeKey } from "../../utils/badges";
import { rankOf } from "../../utils/ranks";
import { heldBadges, parseBadges } from "./badge.server";
import { getRewardRules } from "./reward-rules.server";

export type LeaderboardPeriod = "week" | "month" | "all";

const DAY = 24 * 60 * 60 * 1000;
/** How far back each period reaches from now (a rolling window, not the calendar). */
const PERIOD_DAYS: Record<LeaderboardPeriod, number | null> = { week: 7, month: 30, all: null };
const STAFF_ROLES: Role[] = ["moderator", "admin"];

export type LeaderboardOptions = {
  period: LeaderboardPeriod;
  /** Only points earned on posts in this category's threads, and only its accepted answers. */
  categoryId?: number;
  limit?: number;
};

export type LeaderboardRow = {
  position: number;
  user: { username: string; displayName: string; reputation: number; rank: string };
  /** Reputation gained in the period (in the category, when filtered). */
  points: number;
  /** Answers (not deleted or hidden, on threads not deleted or hidden) that solved a question, all time. */
  accepted: number;
  /** The member's badges, rarest first. */
  badges: BadgeKey[];
};

/** The moment a period starts, or null for all time. */
export function periodStart(period: LeaderboardPeriod, now = new Date()) {
  const days = PERIOD_DAYS[period];
  return days === null ? null : new Date(now.getTime() - days * DAY);
}

/**
 * Each member's points gained since `since` (null: ever), in one category or
 * all, as (userId, points): members only, and only those who gained.
 */
function pointsGained(db: DbOrTx, since: Date | null, categoryId: number | undefined) {
  const members = and(notInArray(users.role, STAFF_ROLES), liveAccounts());
  if (!since && categoryId === undefined) {
    // Ever, everywhere: a member's total is 1 + the sum of their ledger, always
    // (the ledger's invariant), so read the totals rather than the whole ledger.
    return db
      .select({ userId: sql<number>`${users.id}`.as("user_id"), points: sql<number>`${users.reputation} - 1`.as("points") })
      .from(users)
      .where(and(members, gt(users.reputation, 1)));
  }
  const gained = sql<number>`sum(${reputationEvents.points})`;
  let ledger = db
    .select({ userId: sql<number>`${reputationEvents.userId}`.as("user_id"), points: gained.as("points") })
    .from(reputationEvents)
    .innerJoin(users, eq(users.id, reputationEvents.userId))
    .$dynamic();
  if (categoryId !== undefined) {
    // Per category, a ledger row counts when its post is in one of the
    // category's threads; rows without a post never do. For a week or a month,
    // `+post_id` makes SQLite read the period's rows and look their posts up,
    // rather than read every row the category ever earned and drop the old ones.
    const postId = since ? sql`+${reputationEvents.postId}` : reputationEvents.postId;
    ledger = ledger.innerJoin(posts, eq(posts.id, postId)).innerJoin(threads, eq(threads.id, posts.threadId));
  }
  return (
    ledger
      .where(
        and(
          members,
          since ? gte(reputationEvents.createdAt, since) : undefined,
          categoryId !== undefined ? eq(threads.categoryId, categoryId) : undefined,
        ),
      )
      // Grouping by `+user_id` keeps SQLite from walking the per-user index just
      // to skip a sort, which reads the whole ledger even for a week; this way a
      // period reads only its rows, through the date index.
      .groupBy(sql`+${reputationEvents.userId}`)
      .having(sql`${gained} > 0`)
  );
}

/**
 * Members ranked by the reputation they gained in the period: points desc,
 * then accepted answers desc, then username. Members with no gain (or a loss)
 * are not listed. Two queries whatever the size of the board: the rules, and
 * one statement that sums the points, keeps the top `limit` and everyone tied
 * with the last of them, counts those members' accepted answers in one
 * grouped pass, orders and cuts, with each member's badges. Positions run
 * 1, 2, 3... in that order.
 */
export function leaderboard(db: DbOrTx, options: LeaderboardOptions, now = new Date()): LeaderboardRow[] {
  const { period, categoryId, limit = 50 } = options;
  if (limit < 1) return [];
  const { ranks } = getRewardRules(db);
  const since = periodStart(period, now);

  const totals = db.$with("totals").as(pointsGained(db, since, categoryId));

  // The points of the last place on the board: members below it cannot be
  // listed, so only those at or above it have their accepted answers counted
  // (all of them at that score, since accepted answers may break the tie).
  const lastPlace = db.select({ points: totals.points }).from(totals).orderBy(desc(totals.points)).limit(1).offset(limit - 1);
  const contenders = db.$with("contenders").as(
    db
      .select({ userId: totals.userId, points: totals.points })
      .from(totals)
      .where(gte(totals.points, sql`coalesce((${lastPlace}), 1)`)),
  );

  const solved = db.$with("solved").as(
    db
      .select({ authorId: posts.authorId, accepted: count().as("accepted") })
      .from(posts)
      .innerJoin(threads, eq(threads.acceptedAnswerId, posts.id))
      .where(
        and(
          inArray(posts.authorId, db.select({ userId: contenders.userId }).from(contenders)),
          eq(posts.kind, "answer"),
          // What the member's profile lists: the answers everyone may read.
          visiblePosts(PUBLIC_SIGHT),
          categoryId !== undefined ? eq(threads.categoryId, categoryId) : undefined,
        ),
      )
      .groupBy(posts.authorId),
  );

  const accepted = sql<number>`coalesce(${solved.accepted}, 0)`;
  const rows = db
    .with(totals, contenders, solved)
    .select({
      username: users.username,
      displayName: users.displayName,
      reputation: users.reputation,
      points: contenders.points,
      accepted,
      badges: heldBadges(users.id),
    })
    .from(contenders)
    .innerJoin(users, eq(users.id, contenders.userId))
    .leftJoin(solved, eq(solved.authorId, contenders.userId))
    .orderBy(desc(contenders.points), desc(accepted), sql`lower(${users.username})`)
    .limit(limit)
    .all();

  return rows.map((row, index) => ({
    position: index + 1,
    user: {
      username: row.username,
      displayName: row.displayName,
      reputation: row.reputation,
      rank: rankOf(row.reputation, ranks).rank.name,
    },
    points: row.points,
    accepted: row.accepted,
    badges: parseBadges(row.badges),
  }));
}
