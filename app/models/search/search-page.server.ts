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

/**
 * `person`: false for a crawler, whose searches are not customers' and are
 * not logged. A later page keeps the first page's log entry (`params.log`)
 * when it is that search's, so its clicks count too.
 */
export function searchPageFor(db: Db, params: z.infer<typeof searchParamsSchema>, asker: { signedIn: boolean; person: boolean }) {
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
    if (params.page === 1 && asker.person) {
      logId = logSearch(db, { query: q, resultCount: results.total, signedIn: asker.signedIn });
    } else if (params.log && findSearchLog(db, params.log, q)) {
      logId = params.log;
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
