// "Was this helpful?" on knowledge-base articles: one answer per account or
// visitor cookie, changeable; the counts on the article, the credit to the
// customer an article came from, and the review a run of "No" opens.
import { and, desc, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { articleFeedback, articles, users } from "../../../db/schema";
import { canSeeArticle, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { openReview } from "./kb-review.server";
import { loadArticle, type Article } from "./kb-article.server";
import { award, revoke } from "../reputation/reputation.server";
import { getKbReviewRule } from "../site/settings.server";
import { refusedWith } from "../../i18n/message";
import { translateMessage } from "../../i18n/messages.server";
import { recipientLanguage } from "../accounts/language.server";

export type FeedbackVoter = { userId: number } | { visitorId: string };

function voterCondition(voter: FeedbackVoter) {
  return "userId" in voter
    ? eq(articleFeedback.userId, voter.userId)
    : and(isNull(articleFeedback.userId), eq(articleFeedback.visitorId, voter.visitorId));
}

export function feedbackOf(db: DbOrTx, articleId: number, voter: FeedbackVoter) {
  return (
    db
      .select()
      .from(articleFeedback)
      .where(and(eq(articleFeedback.articleId, articleId), voterCondition(voter)))
      .get() ?? null
  );
}

/**
 * "Was this helpful?": one answer per account or visitor, which they may
 * change. When "No" passes the threshold the article goes to review. A
 * member's answer may credit reputation, so a suspended member's is refused
 * (read from the database, as the policy wants); a visitor's cookie needs no account.
 */
export function recordFeedback(
  db: Db,
  articleId: number,
  voter: FeedbackVoter,
  input: { helpful: boolean; comment: string },
  now = new Date(),
) {
  if ("userId" in voter) {
    const member = db.select().from(users).where(eq(users.id, voter.userId)).get() ?? null;
    assertCan(member, "kb.feedback");
  }
  const article = loadArticle(db, articleId);
  // Feedback is the public's: on a published article only, whoever gives it.
  if (!canSeeArticle(null, article)) throw refusedWith(404, "contentServer.article.notFound");
  const comment = input.helpful ? "" : input.comment;
  // A review's detail is read by the moderators, whoever they are: in the site's language.
  const moderatorsLanguage = recipientLanguage(db, null);
  db.transaction(
    (tx) => {
      const previous = feedbackOf(tx, article.id, voter);
      if (previous) {
        tx.update(articleFeedback)
          .set({ helpful: input.helpful, comment, updatedAt: now })
          .where(eq(articleFeedback.id, previous.id))
          .run();
      } else {
        tx.insert(articleFeedback)
          .values({
            articleId: article.id,
            userId: "userId" in voter ? voter.userId : null,
            visitorId: "visitorId" in voter ? voter.visitorId : null,
            helpful: input.helpful,
            comment,
            createdAt: now,
            updatedAt: now,
          })
          .run();
      }
      const yes = Number(input.helpful) - Number(previous?.helpful === true);
      const no = Number(!input.helpful) - Number(previous?.helpful === false);
      const updated = tx
        .update(articles)
        .set({ helpfulYes: sql`${articles.helpfulYes} + ${yes}`, helpfulNo: sql`${articles.helpfulNo} + ${no}` })
        .where(eq(articles.id, article.id))
        .returning({ yes: articles.helpfulYes, no: articles.helpfulNo })
        .get();
      creditHelpful(tx, article, voter, previous?.helpful === true, input.helpful, now);
      // The rule is the admins' (default: at least 3 "No", and more than 30% of answers).
      const rule = getKbReviewRule(tx);
      if (updated.no >= rule.minNo && updated.no * 100 > rule.noPercent * (updated.yes + updated.no)) {
        const detail = translateMessage(moderatorsLanguage, "contentServer.feedback.readersSaidNo", { no: updated.no, total: updated.yes + updated.no });
        openReview(tx, article.id, "feedback", detail, null, now);
      }
    },
    { behavior: "immediate" },
  );
}

/**
 * "Helpful" on an article made from someone's answer credits that person,
 * and taking the "Yes" back takes the points back. Only members' answers
 * count: a visitor's cookie is too easy to renew to be worth reputation.
 */
function creditHelpful(tx: DbOrTx, article: Article, voter: FeedbackVoter, wasYes: boolean, isYes: boolean, now: Date) {
  if (!("userId" in voter) || !article.creditUserId || !article.sourceAnswerId || voter.userId === article.creditUserId) return;
  if (isYes && !wasYes) award(tx, { userId: article.creditUserId, reason: "article_helpful", postId: article.sourceAnswerId, actorId: voter.userId, now });
  if (wasYes && !isYes) revoke(tx, { postId: article.sourceAnswerId, actorId: voter.userId, reasons: ["article_helpful"] });
}

/**
 * The latest comments left with a "No" on each of several articles, newest
 * first, at most `limit` per article (moderators): one query for them all.
 */
export function listNegativeFeedbackFor(db: Db, actor: Actor, articleIds: number[], limit = 20) {
  assertCan(actor, "kb.manage");
  const byArticle = new Map<number, { comment: string; updatedAt: Date }[]>(articleIds.map((id) => [id, []]));
  if (!articleIds.length) return byArticle;
  const ranked = db
    .select({
      articleId: articleFeedback.articleId,
      comment: articleFeedback.comment,
      updatedAt: articleFeedback.updatedAt,
      place: sql<number>`row_number() over (partition by ${articleFeedback.articleId} order by ${articleFeedback.updatedAt} desc, ${articleFeedback.id} desc)`.as("place"),
    })
    .from(articleFeedback)
    .where(and(inArray(articleFeedback.articleId, articleIds), eq(articleFeedback.helpful, false), ne(articleFeedback.comment, "")))
    .as("ranked");
  const rows = db.select().from(ranked).where(lte(ranked.place, limit)).orderBy(desc(ranked.updatedAt)).all();
  for (const row of rows) byArticle.get(row.articleId)!.push({ comment: row.comment, updatedAt: row.updatedAt });
  return byArticle;
}

/** The comments readers left with their "No", newest first (moderators). */
export function listNegativeFeedback(db: Db, actor: Actor, articleId: number, limit = 20) {
  assertCan(actor, "kb.manage");
  return db
    .select({ comment: articleFeedback.comment, updatedAt: articleFeedback.updatedAt })
    .from(articleFeedback)
    .where(and(eq(articleFeedback.articleId, articleId), eq(articleFeedback.helpful, false), ne(articleFeedback.comment, "")))
    .orderBy(desc(articleFeedback.updatedAt))
    .limit(limit)
    .all();
}
