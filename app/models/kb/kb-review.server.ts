// The moderators' review queue for knowledge-base articles that may be wrong
// or out of date: what opens an entry, and resolving it.
import { and, asc, count, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { articleReviews, articles, users, type ReviewReason } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { loadArticle } from "./kb-article.server";
import { refusedWith } from "../../i18n/message";

/** Adds an article to the review queue, unless it already waits there for the same reason. */
export function openReview(
  tx: DbOrTx,
  articleId: number,
  reason: ReviewReason,
  detail: string,
  requestedById: number | null,
  now = new Date(),
) {
  const waiting = tx
    .select({ id: articleReviews.id })
    .from(articleReviews)
    .where(and(eq(articleReviews.articleId, articleId), eq(articleReviews.reason, reason), eq(articleReviews.status, "open")))
    .get();
  if (waiting) return false;
  tx.insert(articleReviews).values({ articleId, reason, detail, requestedById, createdAt: now }).run();
  return true;
}

// Asked by every answer and comment. A placeholder in a condition is not
// converted: the date goes in as its stored milliseconds.
const promotedFrom = preparedQuery((db) =>
  db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.sourceThreadId, sql.placeholder("threadId")), ne(articles.status, "archived"), lt(articles.createdAt, sql.placeholder("nowMs"))))
    .prepare(),
);

/**
 * Someone answered or commented on a thread after its answer became an
 * article: the article may need the new information. Called inside the
 * transaction that writes the answer or comment.
 */
export function noteSourceActivity(tx: DbOrTx, threadId: number, detail: string, now = new Date()) {
  const promoted = promotedFrom(tx).all({ threadId, nowMs: now.getTime() });
  for (const article of promoted) openReview(tx, article.id, "source_activity", detail, null, now);
}

export function requestReview(db: Db, actor: Actor, articleId: number, note: string, now = new Date()) {
  assertCan(actor, "kb.manage");
  const article = loadArticle(db, articleId);
  return db.transaction(
    (tx) => {
      const opened = openReview(tx, article.id, "manual", note, actor!.id, now);
      if (opened)
        recordAudit(tx, {
          actorId: actor!.id,
          action: "article.review_request",
          targetType: "article",
          targetId: article.id,
          reason: note,
        });
      return opened;
    },
    { behavior: "immediate" },
  );
}

export function resolveReview(db: Db, actor: Actor, reviewId: number, resolution: string, now = new Date()) {
  assertCan(actor, "kb.manage");
  const review = db.select().from(articleReviews).where(eq(articleReviews.id, reviewId)).get();
  if (!review) throw refusedWith(404, "contentServer.review.notFound");
  db.transaction((tx) => {
    const changed = tx
      .update(articleReviews)
      .set({ status: "resolved", resolution, resolvedAt: now, resolvedById: actor!.id })
      .where(and(eq(articleReviews.id, review.id), eq(articleReviews.status, "open")))
      .run().changes;
    if (!changed) throw refusedWith(409, "contentServer.review.alreadyResolved");
    recordAudit(tx, {
      actorId: actor!.id,
      action: "article.review_resolve",
      targetType: "article",
      targetId: review.articleId,
      reason: resolution,
      details: { reviewId: review.id, reason: review.reason },
    });
  });
  return review;
}

export function countOpenReviews(db: Db) {
  return db.select({ n: count() }).from(articleReviews).where(eq(articleReviews.status, "open")).get()!.n;
}

/** The review queue, oldest first, with each article's title and helpful counts. */
export function listReviews(db: Db, actor: Actor, status: "open" | "resolved" = "open", limit = 50) {
  assertCan(actor, "kb.manage");
  return db
    .select({
      id: articleReviews.id,
      reason: articleReviews.reason,
      detail: articleReviews.detail,
      createdAt: articleReviews.createdAt,
      resolution: articleReviews.resolution,
      resolvedAt: articleReviews.resolvedAt,
      resolvedBy: users.username,
      articleId: articles.id,
      articleTitle: articles.title,
      articleSlug: articles.slug,
      articleStatus: articles.status,
      helpfulYes: articles.helpfulYes,
      helpfulNo: articles.helpfulNo,
    })
    .from(articleReviews)
    .innerJoin(articles, eq(articles.id, articleReviews.articleId))
    .leftJoin(users, eq(users.id, articleReviews.resolvedById))
    .where(eq(articleReviews.status, status))
    .orderBy(status === "open" ? asc(articleReviews.createdAt) : desc(articleReviews.resolvedAt), asc(articleReviews.id))
    .limit(limit)
    .all();
}
