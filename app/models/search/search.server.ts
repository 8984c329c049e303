// Searching: what a visitor may read, ranked or newest first, with filters,
// highlighted; and the similar questions offered on /ask. The index itself is
// kept in step by search-index.server.ts.
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { connectionOf } from "../../../db/prepared";
import { articles, articleTags, categories, tags, threads, type SearchKind } from "../../../db/schema";
import { canSeeArticle, canSeeThread } from "../../policy";
import { PUBLIC_SIGHT, seenOf, visibleArticles } from "../visibility.server";
import { SEARCH_SORTS, SEARCH_STATUSES } from "../../forms/search";
import {
  buildMatch,
  highlightTerms,
  queryWords,
  snippetOfFirstWithTerms,
  synonymCandidates,
  termMatcher,
  type MarkedText,
  type MatchMode,
  type QueryWords,
  type Synonyms,
  type TermMatcher,
} from "./search-query.server";
import { analyseQuery, correctedQuery, type AnalysedQuery } from "./vocabulary.server";
import { englishFor, GLOSSARY_PHRASE_MAX_WORDS } from "./glossary.server";
import { threadPath } from "../forum/thread.server";

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
  /** A thread's answers and votes (0 for an article). */
  answerCount: number;
  score: number;
  /** How many readers found an article helpful (0 for a thread): an article has no answers or votes. */
  helpful: number;
  solved: boolean;
  /** When a thread was asked, or when an article was last updated. */
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
  /** The query as the index's own words spell it, when the results are for it: nothing matched what was typed ("Showing results for …"). */
  corrected: string | null;
  /** A better-spelt query that finds something, offered beside these results ("Did you mean …?"). */
  suggestion: string | null;
};

/** The synonyms for the words of a query, in one query. */
export function synonymsFor(db: DbOrTx, words: string[]): Synonyms {
  const map: Synonyms = new Map();
  if (!words.length) return map;
  const rows = connectionOf(db)
    .prepare<[string], { term: string; synonym: string }>(
      "select term, synonym from search_synonyms where term in (select value from json_each(?)) order by id",
    )
    .all(JSON.stringify(synonymCandidates(words)));
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

/** How many documents match, or whether at least `atLeast` do (which stops counting there). */
/**
 * The statements every search runs, written in SQL: building each with
 * drizzle costs a good part of what running it takes. Lists of ids go in as
 * one JSON array, so each statement is prepared once (by the connection's
 * statement cache).
 */
const searchStatements = {
  count: (db: Db) => connectionOf(db).prepare<[string], { n: number }>("select count(*) as n from search_fts where search_fts match ?"),
  countUpTo: (db: Db) =>
    connectionOf(db).prepare<[string, number], { n: number }>("select count(*) as n from (select 1 from search_fts where search_fts match ? limit ?)"),
  ranked: (db: Db) =>
    connectionOf(db).prepare<[string, number, number], { id: number; rank: number }>(
      "select rowid as id, rank from search_fts where search_fts match ? order by rank, rowid desc limit ? offset ?",
    ),
  documents: (db: Db) =>
    connectionOf(db).prepare<[string], { id: number; kind: SearchKind; refId: number }>(
      "select id, kind, ref_id as refId from search_documents where id in (select value from json_each(?))",
    ),
  texts: (db: Db) =>
    connectionOf(db).prepare<[string], { id: number; title: string; body: string; answers: string }>(
      "select id, title, body, answers from search_fts_text where id in (select value from json_each(?))",
    ),
  titles: (db: Db) =>
    connectionOf(db).prepare<[string], { id: number; title: string }>(
      "select id, title from search_fts_text where id in (select value from json_each(?))",
    ),
  threads: (db: Db) =>
    connectionOf(db).prepare<
      [string],
      {
        id: number;
        slug: string;
        answerCount: number;
        score: number;
        acceptedAnswerId: number | null;
        createdAt: number;
        deletedAt: number | null;
        categoryName: string;
        categorySlug: string;
      }
    >(
      `select t.id, t.slug, t.answer_count as answerCount, t.score, t.accepted_answer_id as acceptedAnswerId, t.created_at as createdAt,
         t.deleted_at as deletedAt, c.name as categoryName, c.slug as categorySlug
       from threads t join categories c on c.id = t.category_id
       where t.id in (select value from json_each(?))`,
    ),
  threadTags: (db: Db) =>
    connectionOf(db).prepare<[string], { threadId: number; name: string }>(
      `select tt.thread_id as threadId, t.name from thread_tags tt join tags t on t.id = tt.tag_id
       where tt.thread_id in (select value from json_each(?)) order by t.name`,
    ),
};

/** The tags of each thread, by name (what tagsForThreads gives, as one prepared statement). */
function tagsOf(db: Db, threadIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (!threadIds.length) return map;
  for (const row of searchStatements.threadTags(db).all(JSON.stringify(threadIds))) {
    const list = map.get(row.threadId);
    if (list) list.push(row.name);
    else map.set(row.threadId, [row.name]);
  }
  return map;
}

function countMatches(db: Db, match: string, filters: SearchFilters, atLeast?: number): number {
  // Without filters the index alone can count, which is several times faster.
  if (!filterConditions(filters).length) {
    return atLeast === undefined ? searchStatements.count(db).get(match)!.n : searchStatements.countUpTo(db).get(match, atLeast)!.n;
  }
  const limit = atLeast === undefined ? sql`` : sql` limit ${atLeast}`;
  return db.get<{ n: number }>(
    sql`select count(*) as n from (select 1 from search_fts join search_documents d on d.id = search_fts.rowid where ${matchWhere(match, filters)}${limit})`,
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
    const ranked = searchStatements.ranked(db).all(match, limit, offset);
    const documents = ranked.length ? searchStatements.documents(db).all(JSON.stringify(ranked.map((r) => r.id))) : [];
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
  // Read by id, not through MATCH again: re-running a prefix query for
  // each document costs more than the whole search.
  const ids = JSON.stringify(page.map((d) => d.id));
  const texts = text === "all" ? searchStatements.texts(db).all(ids) : searchStatements.titles(db).all(ids);
  const byId = new Map(texts.map((t) => [t.id, t]));
  return page.map((d) => ({ ...d, title: "", body: "", answers: "", ...byId.get(d.id) }));
}

/** The snippet worth showing: the question's if it matched, else the answers', else the question's start. */
function bestSnippet(row: MatchRow, matches: TermMatcher): MarkedText {
  return snippetOfFirstWithTerms([row.body, row.answers], matches);
}

/** Turns matched documents into hits, with one query per kind (threads, then their tags). */
function toHits(db: Db, rows: MatchRow[], matches: TermMatcher): SearchHit[] {
  const threadIds = rows.filter((r) => r.kind === "thread").map((r) => r.refId);
  const threadRows = threadIds.length ? searchStatements.threads(db).all(JSON.stringify(threadIds)) : [];
  // Deleted threads are left out here rather than in SQL: with the id list, a
  // deleted_at condition can lead the planner to scan an index of every thread.
  const byId = new Map(threadRows.filter((t) => !t.deletedAt).map((t) => [t.id, t]));
  const tagsByThread = tagsOf(db, threadIds);
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
      helpful: 0,
      solved: thread.acceptedAnswerId !== null,
      createdAt: new Date(thread.createdAt),
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
    .where(and(inArray(articles.id, ids), visibleArticles(PUBLIC_SIGHT)))
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
      score: 0,
      helpful: article.helpfulYes,
      solved: false,
      createdAt: article.updatedAt,
    });
  }
  return map;
}

export type SearchRequest = { q: string; filters?: SearchFilters; sort?: SearchSort; page?: number };

type PreparedQuery = AnalysedQuery & { synonyms: Synonyms };

function prepareQuery(db: Db, words: QueryWords): PreparedQuery {
  const synonyms = synonymsFor(db, words.words);
  return { ...analyseQuery(db, words, synonyms), synonyms };
}

/**
 * The query with the glossary's English words for its French ones added to
 * the moderators' synonyms, or null when the glossary has none of its words.
 * Used when the words as typed find nothing: a French thread that has them
 * comes before the English threads the glossary would add.
 */
function withGlossary(db: Db, query: PreparedQuery): PreparedQuery | null {
  const words = query.words.words;
  const synonyms: Synonyms = new Map([...query.synonyms].map(([key, list]) => [key, [...list]]));
  let added = false;
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= GLOSSARY_PHRASE_MAX_WORDS && i + n <= words.length; n++) {
      const english = englishFor(query.words.forms.slice(i, i + n));
      if (!english) continue;
      const key = words.slice(i, i + n).join(" ");
      const own = synonyms.get(key) ?? [];
      const extra = english.filter((e) => e !== key && !own.includes(e));
      if (!extra.length) continue;
      synonyms.set(key, [...own, ...extra]);
      added = true;
    }
  }
  return added ? { ...analyseQuery(db, query.words, synonyms), synonyms } : null;
}

function matchOf(query: PreparedQuery, mode: MatchMode) {
  return buildMatch(query.words, query.synonyms, mode, query.lastWordForms, query.analysis);
}

/** A page of results for one reading of a query, or null when nothing matches. */
function searchOnce(db: Db, query: PreparedQuery, mode: MatchMode, filters: SearchFilters, sort: SearchSort, page: number): Omit<SearchResults, "corrected" | "suggestion"> | null {
  if (mode === "any" && query.words.words.length < 2) return null;
  const built = matchOf(query, mode);
  if (!built) return null;
  const total = countMatches(db, built.match, filters);
  if (!total) return null;
  const offset = (page - 1) * RESULTS_PER_PAGE;
  const ranked = sort === "newest" ? built.match : rankedMatch(db, built.match, filters, sort, total, offset);
  const rows = findMatches(db, ranked, filters, sort, RESULTS_PER_PAGE, offset, "all", total);
  return {
    hits: toHits(db, rows, termMatcher(query.words, query.synonyms, query.analysis, query.lastWordForms)),
    total,
    page,
    pageCount: Math.min(RESULT_PAGES_MAX, Math.max(1, Math.ceil(total / RESULTS_PER_PAGE))),
    matched: mode,
    expanded: built.expanded,
  };
}

/**
 * The query spelt with the index's own words, when some of its words are
 * found nowhere: as typed, then with the glossary's words (null if none).
 */
function correctionOf(db: Db, raw: string, query: PreparedQuery): { text: string; readings: PreparedQuery[] } | null {
  const text = correctedQuery(db, raw, query, query.synonyms, (match) => countMatches(db, match, {}, 1) > 0);
  if (!text) return null;
  const words = queryWords(text);
  if (!words.words.length) return null;
  const corrected = prepareQuery(db, words);
  const glossed = withGlossary(db, corrected);
  return { text, readings: glossed ? [corrected, glossed] : [corrected] };
}

/** The results of the first of these readings of a query that finds anything. */
function firstFound(db: Db, readings: (PreparedQuery | null)[], mode: MatchMode, filters: SearchFilters, sort: SearchSort, page: number) {
  for (const reading of readings) {
    const found = reading && searchOnce(db, reading, mode, filters, sort, page);
    if (found) return found;
  }
  return null;
}

/**
 * Searches everything a visitor may read. Every word must match; when no
 * document has them all, French words are also looked for as the glossary's
 * English words; failing that, a word the index has nowhere is replaced by
 * the closest word it has ("rooter": router) and the results are for that
 * (`corrected`); failing that, documents with any of the words are returned
 * (`matched` says so), with the corrected query offered if it finds any
 * (`suggestion`).
 */
export function searchContent(db: Db, request: SearchRequest): SearchResults {
  const filters = request.filters ?? {};
  const sort = request.sort ?? "relevance";
  const page = Math.min(Math.max(1, request.page ?? 1), RESULT_PAGES_MAX);
  const empty: SearchResults = { hits: [], total: 0, page, pageCount: 1, matched: null, expanded: [], corrected: null, suggestion: null };
  const words = queryWords(request.q);
  if (!words.words.length) return empty;
  const plain = prepareQuery(db, words);
  const all = searchOnce(db, plain, "all", filters, sort, page);
  if (all) return { ...all, corrected: null, suggestion: null };
  const glossed = withGlossary(db, plain);
  const translated = glossed && searchOnce(db, glossed, "all", filters, sort, page);
  if (translated) return { ...translated, corrected: null, suggestion: null };
  const correction = correctionOf(db, request.q, glossed ?? plain);
  const corrected = correction && firstFound(db, correction.readings, "all", filters, sort, page);
  if (corrected) return { ...corrected, corrected: correction.text, suggestion: null };
  const any = firstFound(db, [plain, glossed], "any", filters, sort, page);
  const suggestion =
    correction && correction.readings.some((reading) => countMatches(db, matchOf(reading, "any")!.match, filters, 1)) ? correction.text : null;
  if (any) return { ...any, corrected: null, suggestion };
  const correctedAny = correction && suggestion && firstFound(db, correction.readings, "any", filters, sort, page);
  if (correctedAny) return { ...correctedAny, corrected: correction.text, suggestion: null };
  return { ...empty, expanded: matchOf(glossed ?? plain, "all")?.expanded ?? [] };
}

/**
 * The expression to rank a page by. When a word is everywhere (tens of
 * thousands of matches), scoring every match is what makes a search slow;
 * since a title match outranks a body match anyway, the page is ranked among
 * the title matches when there are enough of them to fill it, else among the
 * matches in a title or a question (stems make common words commoner: "port"
 * is also "porting", and few titles have both words of "porting number").
 * Counting them stops at a page's worth.
 */
function rankedMatch(db: Db, match: string, filters: SearchFilters, sort: SearchSort, total: number, offset: number) {
  if (sort !== "relevance" || total < SEARCH_TUNING.titlesFirstFrom) return match;
  const needed = offset + RESULTS_PER_PAGE;
  for (const columns of ["title", "{title body}"]) {
    const narrowed = `${columns} : (${match})`;
    if (countMatches(db, narrowed, filters, needed) >= needed) return narrowed;
  }
  return match;
}

export type SimilarHit = { kind: SearchKind; id: number; title: string; path: string; solved: boolean; answerCount: number; categoryName: string; categorySlug: string };

export type SimilarOptions = {
  /**
   * Documents never to suggest (on an article's page: the article itself and
   * the thread it came from, which the page shows apart). They still set how
   * close the others must be, and the page asks for enough documents that
   * leaving them out still fills it.
   */
  exclude?: { kind: SearchKind; id: number }[];
};

/**
 * Up to five articles and threads (articles, then solved threads, first) that
 * may already answer a question being typed: any of its meaningful words,
 * titles weighing most.
 */
export function findSimilar(db: Db, title: string, limit = SIMILAR_MAX, options: SimilarOptions = {}): SimilarHit[] {
  const typed = queryWords(title);
  if (!typed.words.length || title.trim().length < 4) return [];
  // The longest words of a title say the most about it (and each word more
  // makes the search slower): five are enough.
  const longest = new Set([...typed.words].sort((a, b) => b.length - a.length).slice(0, SIMILAR_WORDS));
  const kept = typed.words.map((word, i) => ({ word, form: typed.forms[i] })).filter((w) => longest.has(w.word));
  const words: QueryWords = {
    words: kept.map((w) => w.word),
    forms: kept.map((w) => w.form),
    prefixLast: typed.prefixLast && longest.has(typed.words[typed.words.length - 1]),
  };
  let query = prepareQuery(db, words);
  // Titles against titles: what a question is about is in its title, and the
  // bodies of a large community would make this slow as the title grows.
  const excluded = new Set((options.exclude ?? []).map((d) => `${d.kind}:${d.id}`));
  const similarTo = (query: PreparedQuery) => {
    const built = matchOf(query, "any");
    return built ? findMatches(db, `title : (${built.match})`, {}, "relevance", limit * 2 + excluded.size, 0, "title") : [];
  };
  let rows = similarTo(query);
  // Nothing like it: perhaps in the other language, or misspelt.
  const glossed = rows.length ? null : withGlossary(db, query);
  if (glossed) {
    query = glossed;
    rows = similarTo(query);
  }
  const correction = rows.length ? null : correctionOf(db, words.forms.join(" "), query);
  for (const reading of correction?.readings ?? []) {
    query = reading;
    rows = similarTo(query);
    if (rows.length) break;
  }
  // BM25 scores are negative, better ones lower. A suggestion that shares only
  // a word or two with a much closer one is noise: keep those near the best.
  const best = rows[0]?.rank ?? 0;
  const hits = toHits(
    db,
    rows.filter((r) => r.rank <= best * SIMILAR_RELEVANCE && !excluded.has(`${r.kind}:${r.refId}`)),
    termMatcher(query.words, query.synonyms, query.analysis, query.lastWordForms),
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
    categorySlug: h.categorySlug,
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
      .select({ id: threads.id, slug: threads.slug, authorId: threads.authorId, deletedAt: threads.deletedAt, hiddenAt: threads.hiddenAt })
      .from(threads)
      .where(eq(threads.id, id))
      .get();
    return thread && canSeeThread(null, seenOf(thread)) ? threadPath(thread) : null;
  }
  const article = db.select({ slug: articles.slug, status: articles.status }).from(articles).where(eq(articles.id, id)).get();
  return article && canSeeArticle(null, article) ? `/kb/${article.slug}` : null;
}

