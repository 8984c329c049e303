// One knowledge-base article by id: what the article's writing, its readers'
// feedback and its review queue all start from (kept apart so that those
// three import it, not one another in a circle).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { articles } from "../../../db/schema";
import { refusedWith } from "../../i18n/message";

export type Article = typeof articles.$inferSelect;

/** The article, or a 404. */
export function loadArticle(db: DbOrTx, id: number) {
  const article = db.select().from(articles).where(eq(articles.id, id)).get();
  if (!article) throw refusedWith(404, "contentServer.article.notFound");
  return article;
}
