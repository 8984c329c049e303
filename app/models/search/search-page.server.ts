// The search page in one verb: the results of what was typed (with its
// filters), the categories to filter by, and the search log's entry its
// links carry (every first page of a search by a person is logged).
import type { z } from "zod";
import type { Db } from "../../../db/client";
import type { searchParamsSchema } from "../../forms/search";
import { listCategories } from "../forum/category.server";
import { findSearchLog, logSearch } from "./search-log.server";
import { queryWords } from "./search-query.server";
import { searchContent, type SearchResults } from "./search.server";

const QUERY_MAX_LENGTH = 200;

/** How long a search may be refined (its filters changed) and still count as the same search in the log. */
export const REFINING_MS = 60 * 60 * 1000;

/**
 * `person`: false for a crawler, whose searches are not customers' and are
 * not logged. A later page keeps the first page's log entry (`params.log`)
 * when it is that search's, so its clicks count too; so does the first page
 * of the same words with other filters (the page applies a filter as soon as
 * it is chosen, which would otherwise log the search once per filter).
 */
export function searchPageFor(db: Db, params: z.infer<typeof searchParamsSchema>, asker: { signedIn: boolean; person: boolean }, now = new Date()) {
  const q = params.q.trim().slice(0, QUERY_MAX_LENGTH);
  const categories = listCategories(db);
  const category = categories.find((c) => c.slug === params.category);
  let results: SearchResults | null = null;
  let logId: number | null = null;
  if (queryWords(q).words.length) {
    results = searchContent(db, {
      q,
      filters: { categoryId: category?.id, tag: params.tag?.toLowerCase(), status: params.status, kind: params.type },
      sort: params.sort,
      page: params.page,
    });
    const logged = params.log ? findSearchLog(db, params.log, q) : null;
    const refining = !!logged && now.getTime() - logged.createdAt.getTime() < REFINING_MS;
    if (params.page === 1 && asker.person && !refining) {
      logId = logSearch(db, { query: q, resultCount: results.total, signedIn: asker.signedIn }, now);
    } else if (logged) {
      logId = logged.id;
    }
  }
  return {
    q,
    filters: { category: category?.slug ?? "", tag: params.tag ?? "", status: params.status ?? "", type: params.type ?? "", sort: params.sort },
    categories: categories.map((c) => ({ slug: c.slug, name: c.name })),
    results,
    logId,
  };
}
