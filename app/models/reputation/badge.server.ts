// Badges: awarded automatically, once per member, inside the transaction of
// the action that earns them, with a notification. They are never taken back:
// a badge records that something happened (an answer reached 10, an answer was
// accepted), even if the vote or the acceptance is later undone.
import { and, asc, count, eq, lte, ne, sql, type SQLWrapper } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { posts, threads, userBadges, users } from "../../../db/schema";
import { livePosts, liveThreads, liveAccounts } from "../visibility.server";
import { ACCEPTED_ANSWER_BADGES, BADGE_KEYS, BADGES, compareBadges, isBadgeKey, NICE_ANSWER_SCORE, type BadgeKey } from "../../utils/badges";
import { notify } from "../notify/notification.server";

// Tried on every answer (the first one earns a badge).
const insertBadge = preparedQuery((db) =>
  db
    .insert(userBadges)
    .values({ userId: sql.placeholder("userId"), badge: sql.placeholder("badge"), postId: sql.placeholder("postId"), createdAt: sql.placeholder("now") })
    .onConflictDoNothing()
    .prepare(),
);

/**
 * Gives a member a badge, unless they hold it already, and tells them when it
 * is new. Returns whether it was new. The primary key (user, badge) makes the
 * "once" hold even when two transactions race.
 */
export function awardBadge(tx: DbOrTx, userId: number, badge: BadgeKey, { postId = null, now = new Date() }: { postId?: number | null; now?: Date } = {}) {
  const inserted = insertBadge(tx).run({ userId, badge, postId, now }).changes > 0;
  // No postId on the notification: it would vanish with a deleted post, and the badge does not.
  if (inserted) notify(tx, userId, { kind: "badge", data: { badge }, now });
  return inserted;
}

/** Solver, Problem solver, Guru: by the author's answers accepted on others' questions that still stand. */
export function awardAcceptanceBadges(tx: DbOrTx, answer: { id: number; authorId: number }, now: Date) {
  const accepted = tx
    .select({ n: count() })
    .from(posts)
    .innerJoin(threads, eq(threads.acceptedAnswerId, posts.id))
    .where(
      and(
        eq(posts.authorId, answer.authorId),
        eq(posts.kind, "answer"),
        livePosts(),
        liveThreads(),
        ne(threads.authorId, answer.authorId),
      ),
    )
    .get()!.n;
  for (const level of ACCEPTED_ANSWER_BADGES) {
    if (accepted >= level.accepted) awardBadge(tx, answer.authorId, level.badge, { postId: answer.id, now });
  }
}

/** Nice answer: an answer whose score has reached the mark. */
export function awardScoreBadge(tx: DbOrTx, post: { id: number; kind: string; authorId: number }, score: number, now: Date) {
  if (post.kind === "answer" && score >= NICE_ANSWER_SCORE) awardBadge(tx, post.authorId, "nice_answer", { postId: post.id, now });
}

/** A member's badges, rarest first, with when each was earned. */
export function listUserBadges(db: DbOrTx, userId: number) {
  return db
    .select({ badge: userBadges.badge, earnedAt: userBadges.createdAt })
    .from(userBadges)
    .where(eq(userBadges.userId, userId))
    .all()
    .flatMap(({ badge, earnedAt }) => (isBadgeKey(badge) ? [{ key: badge, earnedAt }] : []))
    .sort((a, b) => compareBadges(a.key, b.key));
}

/**
 * A column for a query that lists members: the badges of the member whose id
 * is `userId`, read by `parseBadges`. It lets a list carry every row's badges
 * in its own statement (one index lookup per row, on the primary key).
 */
export function heldBadges(userId: SQLWrapper) {
  return sql<string | null>`(select group_concat(${userBadges.badge}) from ${userBadges} where ${userBadges.userId} = ${userId})`;
}

/** The keys from a `heldBadges` column, rarest first. */
export function parseBadges(held: string | null): BadgeKey[] {
  return (held ? held.split(",") : []).filter(isBadgeKey).sort(compareBadges);
}

export const HOLDERS_PER_BADGE = 30;

export type BadgeHolder = { username: string; displayName: string; role: "member" | "moderator" | "admin"; earnedAt: Date };

/**
 * Every badge with how many hold it and its most recent holders (at most
 * `holdersPerBadge` each), in one query: a window numbers each badge's
 * holders newest first and counts them, and only the first few are kept.
 */
export function badgeDirectory(db: DbOrTx, holdersPerBadge = HOLDERS_PER_BADGE) {
  const ranked = db.$with("ranked").as(
    db
      .select({
        badge: userBadges.badge,
        userId: userBadges.userId,
        earnedAt: userBadges.createdAt,
        position: sql<number>`row_number() over (partition by ${userBadges.badge} order by ${userBadges.createdAt} desc, ${userBadges.userId} desc)`.as("position"),
        holders: sql<number>`count(*) over (partition by ${userBadges.badge})`.as("holders"),
      })
      .from(userBadges)
      // A deleted account's badges leave the directory, and its counts.
      .where(sql`${userBadges.userId} in (select ${users.id} from ${users} where ${liveAccounts()})`),
  );
  const rows = db
    .with(ranked)
    .select({
      badge: ranked.badge,
      holders: ranked.holders,
      earnedAt: ranked.earnedAt,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
    })
    .from(ranked)
    .innerJoin(users, eq(users.id, ranked.userId))
    .where(lte(ranked.position, holdersPerBadge))
    .orderBy(asc(ranked.badge), asc(ranked.position))
    .all();

  const byBadge = new Map<string, { count: number; holders: BadgeHolder[] }>();
  for (const { badge, holders, ...holder } of rows) {
    const entry = byBadge.get(badge) ?? { count: holders, holders: [] };
    entry.holders.push(holder);
    byBadge.set(badge, entry);
  }
  return BADGE_KEYS.map((key) => {
    const { count: holders = 0, holders: recent = [] } = byBadge.get(key) ?? {};
    return { key, ...BADGES[key], count: holders, holders: recent, more: holders - recent.length };
  });
}
