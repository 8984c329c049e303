// The moderators' dashboard: every queue with its count and its age, read in
// a fixed number of queries whatever the size of the community.
import { and, asc, count, desc, eq, isNull, lt, min } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { articleReviews, categories, escalations, flags, threads, users } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { hiddenQuestionThreadIds, liveThreads, threadNotHidden } from "../visibility.server";
import { getNeedsAttentionHours } from "../site/settings.server";


export const QUEUE_LENGTH = 10;
const HOUR = 60 * 60 * 1000;

/**
 * Every queue with its count and its age (how long its oldest entry has
 * waited): unanswered questions (oldest first, "needs attention" past the
 * admins' delay), open flags by reason, threads whose asker said "not
 * solved" (newest first), knowledge-base reviews and open escalations.
 */
export function getModDashboard(db: Db, actor: Actor, now = new Date()) {
  assertCan(actor, "mod.access");
  const hours = getNeedsAttentionHours(db);
  const attentionBefore = new Date(now.getTime() - hours * HOUR);

  // Threads that can still take an answer and have none (threads_unanswered_idx).
  const unansweredWhere = and(
    liveThreads(),
    eq(threads.answerCount, 0),
    isNull(threads.lockedAt),
    isNull(threads.duplicateOfId),
    threadNotHidden(hiddenQuestionThreadIds(db)),
  );
  const unanswered = db
    .select({
      id: threads.id,
      title: threads.title,
      slug: threads.slug,
      createdAt: threads.createdAt,
      categoryName: categories.name,
      categorySlug: categories.slug,
      authorUsername: users.username,
    })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(unansweredWhere)
    .orderBy(asc(threads.createdAt), asc(threads.id))
    .limit(QUEUE_LENGTH)
    .all();
  const unansweredCount = db.select({ n: count() }).from(threads).where(unansweredWhere).get()!.n;
  const needsAttentionCount = db
    .select({ n: count() })
    .from(threads)
    .where(and(unansweredWhere, lt(threads.createdAt, attentionBefore)))
    .get()!.n;

  const flagReasons = db
    .select({ reason: flags.reason, n: count(), oldest: min(flags.createdAt) })
    .from(flags)
    .where(eq(flags.status, "open"))
    .groupBy(flags.reason)
    .all();
  const oldestFlag = flagReasons.reduce<Date | null>((oldest, r) => (r.oldest && (!oldest || r.oldest < oldest) ? r.oldest : oldest), null);

  const unresolvedWhere = and(eq(threads.followUpAnswer, "not_solved"), liveThreads(), isNull(threads.acceptedAnswerId));
  const unresolved = db
    .select({
      id: threads.id,
      title: threads.title,
      slug: threads.slug,
      answerCount: threads.answerCount,
      answeredAt: threads.followUpAnsweredAt,
      authorUsername: users.username,
    })
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(unresolvedWhere)
    .orderBy(desc(threads.followUpAnsweredAt), desc(threads.id))
    .limit(QUEUE_LENGTH)
    .all();
  const unresolvedTotals = db.select({ n: count(), oldest: min(threads.followUpAnsweredAt) }).from(threads).where(unresolvedWhere).get()!;

  const reviewsOpen = db
    .select({ n: count(), oldest: min(articleReviews.createdAt) })
    .from(articleReviews)
    .where(eq(articleReviews.status, "open"))
    .get()!;

  const escalationsOpen = db
    .select({ n: count(), oldest: min(escalations.createdAt) })
    .from(escalations)
    .where(eq(escalations.status, "open"))
    .get()!;

  return {
    needsAttentionHours: hours,
    unanswered: {
      count: unansweredCount,
      // The list is oldest first: its first question has waited longest.
      oldest: unanswered[0]?.createdAt ?? null,
      needsAttention: needsAttentionCount,
      threads: unanswered.map((t) => ({ ...t, needsAttention: t.createdAt < attentionBefore })),
    },
    flags: {
      count: flagReasons.reduce((sum, r) => sum + r.n, 0),
      oldest: oldestFlag,
      byReason: flagReasons.map((r) => ({ reason: r.reason, count: r.n })).sort((a, b) => b.count - a.count),
    },
    unresolved: { count: unresolvedTotals.n, oldest: unresolvedTotals.oldest, threads: unresolved },
    kbReviews: { count: reviewsOpen.n, oldest: reviewsOpen.oldest },
    escalations: { count: escalationsOpen.n, oldest: escalationsOpen.oldest },
  };
}

