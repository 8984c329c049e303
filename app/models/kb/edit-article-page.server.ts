// An article's editor (/kb/:slug/edit) in one verb: the article as it is now
// and the categories to choose from. Moderators only (getArticleForEdit checks).
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { listCategories } from "../forum/category.server";
import { getArticleForEdit } from "./kb.server";

/** Throws a 403 for anyone else and a 404 when there is no such article. */
export function editArticlePageFor(db: Db, actor: Actor, slug: string) {
  const { article, category, tags } = getArticleForEdit(db, actor, slug);
  return {
    // What the form shows, not the whole row.
    article: { id: article.id, slug: article.slug, title: article.title, body: article.body, status: article.status, version: article.version },
    category,
    tags: tags.join(", "),
    categories: listCategories(db),
  };
}
