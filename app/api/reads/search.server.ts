// The API's search: the site's search (app/models/search: the same words,
// synonyms, glossary, spelling correction, filters and ranking) over what a
// visitor may read, a page of 20 at a time by cursor. Integrations' searches
// are not written to the search log: the log is for customers' own words,
// as a crawler's searches are not logged either.
import type { Db } from "../../../db/client";
import type { SearchKind } from "../../../db/schema";
import { listCategories } from "../../models/forum/category.server";
import { RESULT_PAGES_MAX, searchContent, type SearchSort, type SearchStatus } from "../../models/search/search.server";
import type { MarkedText } from "../../models/search/search-query.server";
import { categoryRef, type ApiViewer } from "../present.server";
import type { ApiSearchResults } from "../schemas";
import { decodeCursor, encodeCursor } from "./cursor.server";

export const SEARCH_QUERY_MAX = 200;

export type SearchQuery = { q: string; categoryId?: number; tag?: string; status?: SearchStatus; type?: SearchKind; sort: SearchSort; cursor?: string };

const plain = (marked: MarkedText) => marked.map((part) => part.text).join("");

export function searchForApi(db: Db, viewer: ApiViewer, query: SearchQuery): ApiSearchResults {
  const page = query.cursor ? Number(decodeCursor(query.cursor, "search", ["number"], viewer.language)[0]) : 1;
  const results = searchContent(db, {
    q: query.q.trim().slice(0, SEARCH_QUERY_MAX),
    filters: { categoryId: query.categoryId, tag: query.tag?.toLowerCase(), status: query.status, kind: query.type },
    sort: query.sort,
    page: Math.max(1, Math.min(page, RESULT_PAGES_MAX)),
  });
  const categories = new Map(listCategories(db).map((category) => [category.slug, category]));
  return {
    items: results.hits.map((hit) => {
      const category = categories.get(hit.categorySlug);
      return {
        kind: hit.kind,
        id: hit.id,
        title: plain(hit.title),
        snippet: plain(hit.snippet),
        highlights: { title: hit.title, snippet: hit.snippet },
        url: `${viewer.origin}${hit.path}`,
        category: category ? categoryRef(viewer, category) : null,
        tags: hit.tags,
        answerCount: hit.answerCount,
        score: hit.score,
        helpful: hit.helpful,
        solved: hit.solved,
        createdAt: hit.createdAt.toISOString(),
      };
    }),
    total: results.total,
    matched: results.matched,
    expanded: results.expanded,
    corrected: results.corrected,
    suggestion: results.suggestion,
    nextCursor: results.page < results.pageCount ? encodeCursor("search", [results.page + 1]) : null,
  };
}
