// "Write an article" (/kb/new) in one verb: a blank editor, or one filled in
// from the answer being promoted (?answer=ID). Moderators only.
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { articlePath } from "../../utils/paths";
import { listCategories } from "../forum/category.server";
import { promotionDraft } from "./kb.server";

/**
 * The editor's data, or where to go instead: an answer is promoted once, so
 * the second time the moderator is sent to its article.
 */
export function newArticlePageFor(db: Db, actor: Actor, answerId: number | null) {
  if (answerId === null) {
    // A blank editor reads nothing restricted, so nothing else would check: ask the policy here.
    assertCan(actor, "kb.manage");
    return { redirectTo: null, page: { categories: listCategories(db), draft: null, source: null } };
  }
  const promotion = promotionDraft(db, actor, answerId);
  if (promotion.existing) return { redirectTo: articlePath(promotion.existing), page: null };
  return { redirectTo: null, page: { categories: listCategories(db), draft: promotion.draft, source: promotion.source } };
}
