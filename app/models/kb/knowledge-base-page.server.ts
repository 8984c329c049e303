// The knowledge base's front page (/kb) in one verb: the categories with how
// many published articles each holds, and one page of the articles, in one
// category or all of them.
import type { Db } from "../../../db/client";
import type { KbSort } from "../../forms/kb";
import { getCategoryBySlug } from "../forum/category.server";
import { articleCountsByCategory, listArticles } from "./kb.server";

/** An unknown category slug lists every category's articles, like no slug at all. */
export function knowledgeBasePageFor(db: Db, input: { sort: KbSort; page: number; category: string }) {
  const category = input.category ? getCategoryBySlug(db, input.category) : null;
  return {
    categories: articleCountsByCategory(db),
    category: category ? { slug: category.slug, name: category.name } : null,
    list: listArticles(db, { categoryId: category?.id }, input.sort, input.page),
    sort: input.sort,
  };
}
