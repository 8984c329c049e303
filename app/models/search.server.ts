// Searching: what a visitor may read, ranked or newest first, with filters,
// highlighted; and the similar questions offered on /ask. The index itself is
// kept in step by search-index.server.ts.
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { articles, articleTags, categories, searchDocuments, searchSynonyms, tags, threads, type SearchKind } from "../../db/schema";
import { SEARCH_SORTS, SEARCH_STATUSES } from "../forms/search";
import {
  buildMatch,
  hasTerms,
  highlightTerms,
  queryWords,
  snippetOf,
  synonymCandidates,
  termMatcher,
  type MarkedText,
  type MatchMode,
  type Synonyms,
  type TermMatcher,
} from "./search-query.server";
import { tagsForThreads, threadPath } from "./thread.server";

export const RESULTS_PER_PAGE = 20;
export const RESULT_PAGES_MAX = 50;
export const SIMILAR_MAX = 5;
/** How close to the best suggestion's score another must be to be shown. */
const SIMILAR_RELEVANCE = 0.35;
const SIMILAR_WORDS = 5;

// ---------------------------------------------------------------------------
// Searching.

export type SearchSort = (typeof SEARCH_SORTS)[number];
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export type SearchFilters = {
  categoryId?: number;
  tag?: string;
  status?: SearchStatus;
  kind?: SearchKind;
};

export type SearchHit = {
  kind: SearchKind;
  id: number;
  path: string;
  title: MarkedText;
  snippet: MarkedText;
  categoryName: string;
  categorySlug: string;
  tags: string[];
  answerCount: number;
  score: number;
  solved: boolean;
  createdAt: Date;
};

export type SearchResults = {
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  /** "all": every word matched; "any": nothing had them all, so results have some. */
  matched: MatchMode | null;
  /** The brand's words the synonyms added to the search. */
  expanded: string[];
};

/** The synonyms for the words of a query, in one query. */
export function synonymsFor(db: DbOrTx, words: string[]): Synonyms {
  const map: Synonyms = new Map();
  if (!words.length) return map;
  const rows = db
    .select({ term: searchSynonyms.term, synonym: searchSynonyms.synonym })
    .from(searchSynonyms)
    .where(inArray(searchSynonyms.term, synonymCandidates(words)))
    .orderBy(asc(searchSynonyms.id))
    .all();
  for (const row of rows) map.set(row.term, [...(map.get(row.term) ?? []), row.synonym]);
  return map;
}

function filterConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.kind) conditions.push(sql`d.kind = ${filters.kind}`);
  if (filters.categoryId) conditions.push(sql`d.category_id = ${filters.categoryId}`);
  if (filters.status) conditions.push(sql`d.kind = 'thread' and d.solved = ${filters.status === "solved" ? 1 : 0}`);
  if (filters.tag) {
    conditions.push(sql`((d.kind = 'thread' and d.ref_id in (select tt.thread_id from thread_tags tt join tags t on t.id = tt.tag_id where t.name = ${filters.tag}))
      or (d.kind = 'article' and d.ref_id in (select at.article_id from article_tags at join tags t on t.id = at.tag_id where t.name = ${filters.tag})))`);
  }
  return conditions;
}

type MatchRow = { id: number; kind: SearchKind; refId: number; title: string; body: string; answers: string; rank: number };

function matchWhere(match: string, filters: SearchFilters) {
  return sql.join([sql`search_fts match ${match}`, ...filterConditions(filters)], sql` and `);
}

function countMatches(db: Db, match: string, filters: SearchFilters): number {
  // Without filters the index alone can count, which is several times faster.
  if (!filterConditions(filters).length) {
    return db.get<{ n: number }>(sql`select count(*) as n from search_fts where search_fts match ${match}`).n;
  }
  return db.get<{ n: number }>(
    sql`select count(*) as n from search_fts join search_documents d on d.id = search_fts.rowid where ${matchWhere(match, filters)}`,
  ).n;
}

/**
 * Where the search changes strategy for words found almost everywhere (the
 * benchmark and the tests lower them to exercise both paths).
 */
export const SEARCH_TUNING = {
  /** From how many matches "newest first" walks the date index rather than sorting the matches. */
  newestByIndexFrom: 2_000,
  /** From how many matches relevance ranks title matches first. */
  titlesFirstFrom: 5_000,
};

type MatchedDocument = { id: number; kind: SearchKind; refId: number; rank: number };

/**
 * A page of matches in two steps: first the documents of the page (ranked or
 * newest first), then the text of those documents only, which the caller
 * highlights — asking FTS5 for snippets in the first query would compute
 * them for every match before sorting.
 */
function findMatches(
  db: Db,
  match: string,
  filters: SearchFilters,
  sort: SearchSort,
  limit: number,
  offset: number,
  text: "all" | "title" = "all",
  total = 0,
): MatchRow[] {
  const filtered = filterConditions(filters).length > 0;
  let page: MatchedDocument[];
  if (sort === "newest" && total > SEARCH_TUNING.newestByIndexFrom) {
    // Many matches: walk the documents newest first and keep the matching
    // ones, instead of sorting tens of thousands of matches by date.
    page = db.all<MatchedDocument>(sql`
      select d.id as id, d.kind as kind, d.ref_id as refId, 0 as rank
      from search_documents d indexed by search_documents_created_idx
      where d.id in (select rowid from search_fts where search_fts match ${match})
        ${sql.join(filterConditions(filters).map((c) => sql` and ${c}`))}
      order by d.created_at desc, d.id desc
      limit ${limit} offset ${offset}`);
  } else if (sort === "relevance" && !filtered) {
    // Nothing to filter on: rank in the index alone, then look up the page's documents.
    const ranked = db.all<{ id: number; rank: number }>(sql`
      select rowid as id, rank from search_fts where search_fts match ${match}
      order by rank, rowid desc limit ${limit} offset ${offset}`);
    const documents = ranked.length
      ? db
          .select({ id: searchDocuments.id, kind: searchDocuments.kind, refId: searchDocuments.refId })
          .from(searchDocuments)
          .where(inArray(searchDocuments.id, ranked.map((r) => r.id)))
          .all()
      : [];
    const byId = new Map(documents.map((d) => [d.id, d]));
    page = ranked.flatMap((r) => {
      const document = byId.get(r.id);
      return document ? [{ ...document, rank: r.rank }] : [];
    });
  } else {
    page = db.all<MatchedDocument>(sql`
      select d.id as id, d.kind as kind, d.ref_id as refId, search_fts.rank as rank
      from search_fts join search_documents d on d.id = search_fts.rowid
      where ${matchWhere(match, filters)}
      order by ${sort === "newest" ? sql`d.created_at desc, d.id desc` : sql`search_fts.rank, d.id desc`}
      limit ${limit} offset ${offset}`);
  }
  if (!page.length) return [];
  // Read by rowid, not through MATCH again: re-running a prefix query for
  // each document costs more than the whole search.
  const columns = text === "all" ? sql`title, body, answers` : sql`title`;
  const texts = db.all<{ id: number; title: string; body?: string; answers?: string }>(sql`
    select rowid as id, ${columns} from search_fts where rowid in ${page.map((d) => d.id)}`);
  const byId = new Map(texts.map((t) => [t.id, t]));
  return page.map((d) => ({ ...d, title: "", body: "", answers: "", ...byId.get(d.id) }));
}

/** The snippet worth showing: the question's if it matched, else the answers', else the question's start. */
function bestSnippet(row: MatchRow, matches: TermMatcher): MarkedText {
  if (!hasTerms(row.body, matches) && hasTerms(row.answers, matches)) return snippetOf(row.answers, matches);
  return snippetOf(row.body, matches);
}

/** Turns matched documents into hits, with one query per kind (threads, then their tags). */
function toHits(db: Db, rows: MatchRow[], matches: TermMatcher): SearchHit[] {
  const threadIds = rows.filter((r) => r.kind === "thread").map((r) => r.refId);
  const threadRows = threadIds.length
    ? db
        .select({
          id: threads.id,
          slug: threads.slug,
          answerCount: threads.answerCount,
          score: threads.score,
          acceptedAnswerId: threads.acceptedAnswerId,
          createdAt: threads.createdAt,
          deletedAt: threads.deletedAt,
          categoryName: categories.name,
          categorySlug: categories.slug,
        })
        .from(threads)
        .innerJoin(categories, eq(categories.id, threads.categoryId))
        .where(inArray(threads.id, threadIds))
        .all()
    : [];
  // Deleted threads are left out here rather than in SQL: with the id list, a
  // deleted_at condition can lead the planner to scan an index of every thread.
  const byId = new Map(threadRows.filter((t) => !t.deletedAt).map((t) => [t.id, t]));
  const tagsByThread = tagsForThreads(db, threadIds);
  const articleHits = articleHitsById(db, rows.filter((r) => r.kind === "article"), matches);
  const hits: SearchHit[] = [];
  for (const row of rows) {
    if (row.kind === "article") {
      const hit = articleHits.get(row.refId);
      if (hit) hits.push(hit);
      continue;
    }
    const thread = byId.get(row.refId);
    if (!thread) continue;
    hits.push({
      kind: "thread",
      id: thread.id,
      path: threadPath(thread),
      title: highlightTerms(row.title, matches),
      snippet: bestSnippet(row, matches),
      categoryName: thread.categoryName,
      categorySlug: thread.categorySlug,
      tags: tagsByThread.get(thread.id) ?? [],
      answerCount: thread.answerCount,
      score: thread.score,
      solved: thread.acceptedAnswerId !== null,
      createdAt: thread.createdAt,
    });
  }
  return hits;
}

/** Article hits for matched rows: one query for the articles, one for their tags. */
function articleHitsById(db: Db, rows: MatchRow[], matches: TermMatcher) {
  const map = new Map<number, SearchHit>();
  if (!rows.length) return map;
  const ids = rows.map((r) => r.refId);
  const found = db
    .select({
      id: articles.id,
      slug: articles.slug,
      helpfulYes: articles.helpfulYes,
      updatedAt: articles.updatedAt,
      categoryName: categories.name,
      categorySlug: categories.slug,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(inArray(articles.id, ids), eq(articles.status, "published")))
    .all();
  const tagRows = db
    .select({ articleId: articleTags.articleId, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(inArray(articleTags.articleId, ids))
    .orderBy(asc(tags.name))
    .all();
  const byId = new Map(found.map((a) => [a.id, a]));
  for (const row of rows) {
    const article = byId.get(row.refId);
    if (!article) continue;
    map.set(article.id, {
      kind: "article",
      id: article.id,
      path: `/kb/${article.slug}`,
      title: highlightTerms(row.title, matches),
      snippet: bestSnippet(row, matches),
      categoryName: article.categoryName,
      categorySlug: article.categorySlug,
      tags: tagRows.filter((t) => t.articleId === article.id).map((t) => t.name),
      answerCount: 0,
      score: article.helpfulYes,
      solved: false,
      createdAt: article.updatedAt,
    });
  }
  return map;
}

export type SearchRequest = { q: string; filters?: SearchFilters; sort?: SearchSort; page?: number };

/**
 * Searches everything a visitor may read. Every word must match; when no
 * document has them all, documents with any of them are returned instead,
 * and `matched` says so.
 */
export function searchContent(db: Db, request: SearchRequest): SearchResults {
  const filters = request.filters ?? {};
  const sort = request.sort ?? "relevance";
  const page = Math.min(Math.max(1, request.page ?? 1), RESULT_PAGES_MAX);
  const words = queryWords(request.q);
  const synonyms = synonymsFor(db, words.words);
  const empty: SearchResults = { hits: [], total: 0, page, pageCount: 1, matched: null, expanded: [] };
  for (const mode of ["all", "any"] as const) {
    if (mode === "any" && words.words.length < 2) break;
    const built = buildMatch(words, synonyms, mode);
    if (!built) return empty;
    const total = countMatches(db, built.match, filters);
    if (!total) continue;
    const offset = (page - 1) * RESULTS_PER_PAGE;
    const rows = findMatches(db, rankedMatch(db, built.match, filters, sort, total, offset), filters, sort, RESULTS_PER_PAGE, offset, "all", total);
    return {
      hits: toHits(db, rows, termMatcher(words, synonyms)),
      total,
      page,
      pageCount: Math.min(RESULT_PAGES_MAX, Math.max(1, Math.ceil(total / RESULTS_PER_PAGE))),
      matched: mode,
      expanded: built.expanded,
    };
  }
  return { ...empty, expanded: buildMatch(words, synonyms, "all")?.expanded ?? [] };
}


/**
 * The expression to rank a page by. When a word is everywhere (tens of
 * thousands of matches), scoring every match is what makes a search slow;
 * since a title match outranks a body match anyway, the page is ranked among
 * the title matches when there are enough of them to fill it.
 */
function rankedMatch(db: Db, match: string, filters: SearchFilters, sort: SearchSort, total: number, offset: number) {
  if (sort !== "relevance" || total < SEARCH_TUNING.titlesFirstFrom) return match;
  const inTitles = `title : (${match})`;
  return countMatches(db, inTitles, filters) >= offset + RESULTS_PER_PAGE ? inTitles : match;
}

export type SimilarHit = { kind: SearchKind; id: number; title: string; path: string; solved: boolean; answerCount: number; categoryName: string };

/**
 * Up to five articles and threads (articles, then solved threads, first) that
 * may already answer a question being typed: any of its meaningful words,
 * titles weighing most.
 */
export function findSimilar(db: Db, title: string, limit = SIMILAR_MAX): SimilarHit[] {
  const typed = queryWords(title);
  if (!typed.words.length || title.trim().length < 4) return [];
  // The longest words of a title say the most about it (and each word more
  // makes the search slower): five are enough.
  const longest = new Set([...typed.words].sort((a, b) => b.length - a.length).slice(0, SIMILAR_WORDS));
  const words = { words: typed.words.filter((w) => longest.has(w)), prefixLast: typed.prefixLast && longest.has(typed.words[typed.words.length - 1]) };
  const synonyms = synonymsFor(db, words.words);
  const built = buildMatch(words, synonyms, "any");
  if (!built) return [];
  // Titles against titles: what a question is about is in its title, and the
  // bodies of a large community would make this slow as the title grows.
  const rows = findMatches(db, `title : (${built.match})`, {}, "relevance", limit * 2, 0, "title");
  // BM25 scores are negative, better ones lower. A suggestion that shares only
  // a word or two with a much closer one is noise: keep those near the best.
  const best = rows[0]?.rank ?? 0;
  const hits = toHits(
    db,
    rows.filter((r) => r.rank <= best * SIMILAR_RELEVANCE),
    termMatcher(words, synonyms),
  );
  // The brand's articles first, then solved threads, each group by relevance.
  const weight = (h: SearchHit) => (h.kind === "article" ? 2 : h.solved ? 1 : 0);
  const ranked = hits.map((h, i) => ({ h, i })).sort((a, b) => weight(b.h) - weight(a.h) || a.i - b.i);
  return ranked.slice(0, limit).map(({ h }) => ({
    kind: h.kind,
    id: h.id,
    title: h.title.map((p) => p.text).join(""),
    path: h.path,
    solved: h.solved,
    answerCount: h.answerCount,
    categoryName: h.categoryName,
  }));
}

/**
 * Where a search result or a suggestion leads, if a visitor may still see it.
 * Results come from the index, which holds only what visitors may read, so a
 * deleted thread, or one whose question a moderator hid, leads nowhere for
 * anyone: its address carries its title.
 */
export function documentPath(db: Db, kind: SearchKind, id: number): string | null {
  if (kind === "thread") {
    const thread = db
      .select({ id: threads.id, slug: threads.slug, deletedAt: threads.deletedAt, hiddenAt: threads.hiddenAt })
      .from(threads)
      .where(eq(threads.id, id))
      .get();
    return thread && !thread.deletedAt && !thread.hiddenAt ? threadPath(thread) : null;
  }
  const article = db.select({ slug: articles.slug, status: articles.status }).from(articles).where(eq(articles.id, id)).get();
  return article?.status === "published" ? `/kb/${article.slug}` : null;
}

