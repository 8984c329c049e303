// The moderators' knowledge-base page (/mod/kb) in one verb: the review queue
// (open and lately resolved), what readers wrote with their "No" on the
// articles they sent to review, and the drafts and archived articles.
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { listUnpublishedArticles } from "./kb.server";
import { listNegativeFeedbackFor } from "./kb-feedback.server";
import { countOpenReviews, listReviews } from "./kb-review.server";

const RESOLVED_SHOWN = 10;
const COMMENTS_PER_ARTICLE = 10;

/** `resolvedId`: the entry just resolved, to confirm it by name. Staff only (each list checks). */
export function reviewQueuePageFor(db: Db, actor: Actor, resolvedId: number) {
  const open = listReviews(db, actor, "open");
  const resolved = listReviews(db, actor, "resolved", RESOLVED_SHOWN);
  const feedbackArticles = [...new Set(open.filter((r) => r.reason === "feedback").map((r) => r.articleId))];
  const justResolved = resolved.find((r) => r.id === resolvedId) ?? null;
  return {
    open,
    openTotal: countOpenReviews(db),
    resolved,
    comments: Object.fromEntries(listNegativeFeedbackFor(db, actor, feedbackArticles, COMMENTS_PER_ARTICLE)),
    drafts: listUnpublishedArticles(db, actor, "draft"),
    archived: listUnpublishedArticles(db, actor, "archived"),
    justResolved: justResolved ? { id: justResolved.id, articleTitle: justResolved.articleTitle } : null,
  };
}
