// Rising topics: the terms customers use far more this week than usual.
//
// The terms, read as search reads text (text-analysis.server.ts: elisions and
// possessives dropped, hyphenated words joined, accents and case folded, stop
// words dropped, Snowball stems), so "Wi-Fi", "WiFi" and "wifi" are one term,
// and "drop", "drops" and "dropping" another:
//   - word:   the words of a new question's title and body (its text as the
//             index reads it); counted once per thread, however often it says it;
//   - tag:    the question's tags;
//   - search: a search of the log (search_queries), grouped by its analysed
//             words ("Wi-Fi drops" and "wifi drop" are one search term); each
//             search counts.
// Terms of fewer than three characters (the halves of "Wi-Fi", "ok") and
// numbers alone are left out: too ambiguous to name a topic.
//
// The statistic: a week is the 7 days ending `now` (from excluded, `now`
// included); the baseline is the 8 weeks before it. For each term,
//   count    = distinct threads (or searches) this week,
//   baseline = the mean of its weekly counts over the baseline weeks,
//   spread   = max(their standard deviation, √baseline, 1),
//   z        = (count − baseline) / spread.
// A term rises when z ≥ RISING_Z (3) and count ≥ RISING_MIN_COUNT (5), most
// unusual first. The floor of the spread keeps a term that was perfectly
// steady (a deviation of 0) from rising on one more thread: 1 for rare terms,
// and the Poisson noise √baseline for common ones (25 a week going to 28 is
// noise, not a topic).
//
// A burst lifts every word its questions share ("wifi", "drops", "evening",
// "firmware"): a rising word whose week's threads are mostly (80%) those of
// a word or tag listed before it is folded into that one (`related`) rather
// than listed apart. Among equally unusual terms, a word that is also one of
// the week's tags comes first, then the word found in more titles.
//
// A young forum: the weeks before the oldest question (or search) of the
// nine are not counted as weeks of silence — they were not weeks of the
// forum (the oldest question in any category decides, so a category's first
// weeks are not mistaken for a young forum). The baseline is the weeks from
// that one on, and with fewer than MIN_HISTORY_WEEKS (4) of them a source
// (questions, searches) has no rising terms yet: one cannot tell what is usual.
//
// What counts: the threads everyone can read (the public sight of
// visibility.server.ts): a deleted thread, a question a moderator hid, or one
// held for review (spam, a new account's first post) never makes a topic rise,
// so spam waves stay out. The samples come from the counted threads, so they
// are never deleted or hidden. With a category, only its threads count and
// searches (which have no category) make no search terms; the sample searches
// of a word are still the week's searches that use it.
//
// Reading: one SQL read of the nine weeks' visible questions (threads by
// created_at through threads_created_idx, or threads_category_created_idx with
// a category; the question post through posts_thread_idx; tags through
// thread_tags' primary key), one of the search log grouped by query and week
// (search_queries_created_idx), and the oldest question of the nine weeks in
// any category (the first entry of threads_created_idx in the range), for the
// history. The analysis and counting are in memory over those rows, bounded by
// the nine weeks; no query per row.
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { posts, searchQueries, tags, threads, threadTags } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { htmlToText } from "../../utils/markdown.server";
import { indexText } from "../search/search-query.server";
import { analyseDocument, foldWord, STOPWORDS, termsOf, tokenize } from "../search/text-analysis.server";
import { liveThreads, postSeenBy, PUBLIC_SIGHT, visibleThreads } from "../visibility.server";

export type RisingTermKind = "word" | "tag" | "search";
export type SampleThread = { id: number; title: string; slug: string };
export type RisingTerm = {
  /** How people write it: the most frequent word behind the stem, the tag, the most frequent query. */
  term: string;
  kind: RisingTermKind;
  /** What it stands for, as search reads it: the stem of a word; for a tag or a search, one stem per word, sorted (its grouping key). */
  key: string;
  count: number;
  baseline: number;
  z: number;
  sampleThreads: SampleThread[];
  sampleSearches: string[];
  /** Words that rose with it, in the same threads (folded into it rather than listed apart). */
  related: string[];
};
export type RisingTopics = { weekStart: Date; terms: RisingTerm[] };

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** This week and the eight before it. */
export const BASELINE_WEEKS = 8;
export const RISING_Z = 3;
export const RISING_MIN_COUNT = 5;
export const MIN_HISTORY_WEEKS = 4;
/** At most this many terms, the most unusual first. */
export const RISING_MAX_TERMS = 20;
const SAMPLES = 3;
/** A rising word whose this week's threads are at least this share of an earlier term's is folded into it. */
const RELATED_SHARE = 0.8;
const TERM_MIN_LENGTH = 3;
/** A question's body is read up to here: enough to know what it is about, and the read stays bounded. */
const BODY_MAX_CHARS = 20_000;
const TAG_SEPARATOR = "\u001f";

/**
 * The rising topics of the week ending `now`, for staff (moderators and
 * admins): see the top of this file for what counts and how.
 */
export function risingTopics(db: DbOrTx, actor: Actor, input: { now: Date; categoryId?: number | null }): RisingTopics {
  assertCan(actor, "search.insights");
  return detectRisingTopics(db, input);
}

type Counts = { weeks: number[]; forms: Map<string, number> };
type QuestionRow = { id: number; title: string; slug: string; createdAt: Date; terms: Set<string>; titleTerms: Set<string>; tags: string[] };
type SearchGroup = { key: string; groups: string[][]; weeks: number[]; queries: Map<string, number> };

/** The analysed terms of a text worth counting (deduplicated), with the word each came from. */
function termsOfText(title: string, body: string): Map<string, string> {
  const analysed = analyseDocument({ title: indexText(title), body: indexText(body), answers: "" });
  const found = new Set(`${analysed.title} ${analysed.body}`.split(/\s+/).filter(countable));
  const forms = new Map<string, string>();
  // The words behind each term, to show it as people write it.
  for (const [folded, known] of analysed.vocabulary) {
    for (const term of termsOf(known.form, known.languages)) {
      if (found.has(term) && !forms.has(term)) forms.set(term, folded);
    }
  }
  for (const term of found) if (!forms.has(term)) forms.set(term, term);
  return forms;
}

// Analysing a question is most of the work (about 0.1 ms each): each
// question's terms are remembered by id, with a hash of its text so an edit
// is read again, up to a bound; a page read again or the weekly email reuse them.
const QUESTION_CACHE_MAX = 50_000;
type QuestionTerms = { hash: number; terms: Map<string, string>; titleTerms: Set<string> };
const questionCache = new Map<number, QuestionTerms>();

/** FNV-1a over the text: enough to notice an edit. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function questionTerms(row: { id: number; title: string; bodyHtml: string }): QuestionTerms {
  const hash = hashOf(`${row.title}\u0000${row.bodyHtml}`);
  const cached = questionCache.get(row.id);
  if (cached && cached.hash === hash) return cached;
  const result = { hash, terms: termsOfText(row.title, htmlToText(row.bodyHtml)), titleTerms: new Set(termsOfText(row.title, "").keys()) };
  if (questionCache.size >= QUESTION_CACHE_MAX) questionCache.clear();
  questionCache.set(row.id, result);
  return result;
}

function countable(term: string): boolean {
  return term.length >= TERM_MIN_LENGTH && !/^\d+$/.test(term);
}

/**
 * The words of a short text (a search, a tag), each as the terms it may be
 * read as (its English and French stems: a query does not say its language),
 * a hyphenated word joined ("wi-fi" is "wifi"); stop words and uncountable
 * terms left out, each word once.
 */
function wordGroupsOf(text: string): string[][] {
  const groups = new Map<string, string[]>();
  for (const token of tokenize(indexText(text))) {
    const joined = token.parts.join("");
    if (STOPWORDS.has(foldWord(joined))) continue;
    const terms = [...new Set(termsOf(joined).filter(countable))].sort();
    if (terms.length) groups.set(terms.join("|"), terms);
  }
  return [...groups.values()];
}

/** A tag's words: its hyphens read as spaces ("firmware-update"), unless that leaves nothing ("wi-fi"). */
function tagGroupsOf(name: string): string[][] {
  const spaced = wordGroupsOf(name.replace(/-/g, " "));
  return spaced.length ? spaced : wordGroupsOf(name);
}

/**
 * The key of a search or a tag: one reading per word (its shortest stem,
 * which the other readings of its spellings share: "drops", "dropping" and
 * "drop" are all "drop"), sorted; the text itself when no word is countable.
 */
function keyOf(groups: string[][], text: string): string {
  if (!groups.length) return text;
  const representative = (group: string[]) => [...group].sort((x, y) => x.length - y.length || x.localeCompare(y))[0]!;
  return [...new Set(groups.map(representative))].sort().join(" ");
}

function weekOf(now: Date, at: Date | number): number {
  return Math.floor((now.getTime() - (typeof at === "number" ? at : at.getTime())) / WEEK_MS);
}

/** z-score of this week against the baseline weeks 1..history (see the top of the file). */
function scoreOf(weeks: number[], history: number) {
  const count = weeks[0]!;
  const baselineWeeks = weeks.slice(1, history + 1);
  const mean = baselineWeeks.reduce((a, b) => a + b, 0) / history;
  const variance = baselineWeeks.reduce((a, b) => a + (b - mean) ** 2, 0) / history;
  const spread = Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
  return { count, baseline: mean, z: (count - mean) / spread };
}

function mostFrequent(forms: Map<string, number>, limit: number): string[] {
  return [...forms.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([form]) => form);
}

function bump(map: Map<string, Counts>, term: string, week: number, form: string | null) {
  let counts = map.get(term);
  if (!counts) map.set(term, (counts = { weeks: new Array<number>(BASELINE_WEEKS + 1).fill(0), forms: new Map() }));
  counts.weeks[week]! += 1;
  if (form !== null && week === 0) counts.forms.set(form, (counts.forms.get(form) ?? 0) + 1);
}

/**
 * The rising topics without a permission check: for risingTopics (staff)
 * and the weekly email the worker writes to staff.
 */
export function detectRisingTopics(db: DbOrTx, input: { now: Date; categoryId?: number | null }): RisingTopics {
  const { now } = input;
  const from = new Date(now.getTime() - (BASELINE_WEEKS + 1) * WEEK_MS);
  const weekStart = new Date(now.getTime() - WEEK_MS);
  const categoryId = input.categoryId ?? null;

  // Read 1: the nine weeks' questions everyone can read, with their tags.
  const rows = db
    .select({
      id: threads.id,
      title: threads.title,
      slug: threads.slug,
      createdAt: threads.createdAt,
      bodyHtml: sql<string>`substr(${posts.bodyHtml}, 1, ${BODY_MAX_CHARS})`,
      tagNames: sql<string | null>`(select group_concat(${tags.name}, char(31)) from ${threadTags} join ${tags} on ${tags.id} = ${threadTags.tagId} where ${threadTags.threadId} = ${threads.id})`,
    })
    .from(threads)
    .innerJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.kind, "question")))
    .where(
      and(
        visibleThreads(PUBLIC_SIGHT),
        postSeenBy(PUBLIC_SIGHT),
        gt(threads.createdAt, from),
        lte(threads.createdAt, now),
        categoryId === null ? undefined : eq(threads.categoryId, categoryId),
      ),
    )
    .all();

  // Read 2: the nine weeks' searches, counted by query and week.
  const searchRows = db
    .select({ query: searchQueries.query, week: sql<number>`cast((${now.getTime()} - ${searchQueries.createdAt}) / ${WEEK_MS} as integer)`, searches: sql<number>`count(*)` })
    .from(searchQueries)
    .where(and(gt(searchQueries.createdAt, from), lte(searchQueries.createdAt, now)))
    .groupBy(sql`1`, sql`2`)
    .all();

  // Questions: distinct threads per term and week.
  const words = new Map<string, Counts>();
  const tagCounts = new Map<string, Counts>();
  const thisWeek: QuestionRow[] = [];
  // Read 3: the oldest question of the nine weeks, in any category (one step down threads_created_idx).
  const oldest = db
    .select({ at: sql<number | null>`min(${threads.createdAt})` })
    .from(threads)
    .where(and(liveThreads(), gt(threads.createdAt, from), lte(threads.createdAt, now)))
    .get()?.at;
  const questionHistory = oldest == null ? 0 : Math.min(weekOf(now, oldest), BASELINE_WEEKS);
  for (const row of rows) {
    const week = Math.min(weekOf(now, row.createdAt), BASELINE_WEEKS);
    const { terms, titleTerms } = questionTerms(row);
    for (const [term, form] of terms) bump(words, term, week, form);
    const threadTagNames = row.tagNames ? [...new Set(row.tagNames.split(TAG_SEPARATOR))] : [];
    for (const name of threadTagNames) bump(tagCounts, name, week, null);
    if (week === 0) {
      thisWeek.push({ id: row.id, title: row.title, slug: row.slug, createdAt: row.createdAt, terms: new Set(terms.keys()), titleTerms, tags: threadTagNames });
    }
  }

  // Searches: each search counts, grouped by their analysed words.
  const groups = new Map<string, SearchGroup>();
  const weekQueries: { query: string; terms: Set<string>; searches: number }[] = [];
  let searchHistory = 0;
  for (const row of searchRows) {
    const week = Math.min(Math.max(row.week, 0), BASELINE_WEEKS);
    searchHistory = Math.max(searchHistory, week);
    const wordGroups = wordGroupsOf(row.query);
    const key = keyOf(wordGroups, row.query);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, groups: wordGroups.length ? wordGroups : [[row.query]], weeks: new Array<number>(BASELINE_WEEKS + 1).fill(0), queries: new Map() }));
    group.weeks[week]! += row.searches;
    if (week === 0) {
      group.queries.set(row.query, (group.queries.get(row.query) ?? 0) + row.searches);
      weekQueries.push({ query: row.query, terms: new Set(wordGroups.flat()), searches: row.searches });
    }
  }

  const found: Omit<RisingTerm, "sampleThreads" | "sampleSearches" | "related">[] = [];
  const consider = (kind: RisingTermKind, key: string, term: string, weeks: number[], history: number) => {
    if (history < MIN_HISTORY_WEEKS) return;
    const score = scoreOf(weeks, history);
    if (score.count >= RISING_MIN_COUNT && score.z >= RISING_Z) found.push({ term, kind, key, ...score });
  };
  for (const [term, counts] of words) consider("word", term, mostFrequent(counts.forms, 1)[0] ?? term, counts.weeks, questionHistory);
  for (const [name, counts] of tagCounts) consider("tag", keyOf(tagGroupsOf(name), name), name, counts.weeks, questionHistory);
  if (categoryId === null) {
    for (const group of groups.values()) consider("search", group.key, mostFrequent(group.queries, 1)[0] ?? group.key, group.weeks, searchHistory);
  }
  // Samples: the week's newest counted threads, and its most frequent searches, about the term.
  const newestFirst = [...thisWeek].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  const weekTagTerms = new Set(thisWeek.flatMap((thread) => thread.tags.flatMap((name) => tagGroupsOf(name).flat())));
  const described = found.map((rising) => {
    // About the term: each of its words read in one of its ways.
    const keyGroups = rising.kind === "word" ? [[rising.key]] : rising.kind === "tag" ? tagGroupsOf(rising.term) : groups.get(rising.key)!.groups;
    const about = (terms: Set<string>) => keyGroups.length > 0 && keyGroups.every((group) => group.some((term) => terms.has(term)));
    const threadsAbout = newestFirst.filter((thread) => (rising.kind === "tag" ? thread.tags.includes(rising.term) : about(thread.terms)));
    const searches = new Map<string, number>();
    if (rising.kind === "search") for (const [query, n] of groups.get(rising.key)!.queries) searches.set(query, n);
    else for (const q of weekQueries) if (about(q.terms)) searches.set(q.query, (searches.get(q.query) ?? 0) + q.searches);
    return {
      rising,
      threadIds: new Set(threadsAbout.map((thread) => thread.id)),
      // Ties: a word that is also a tag this week names the topic best, then one in more titles.
      namesTopic: rising.kind === "word" && weekTagTerms.has(rising.key) ? 1 : 0,
      inTitles: threadsAbout.filter((thread) => thread.titleTerms.has(rising.key)).length,
      sampleThreads: threadsAbout.slice(0, SAMPLES).map(({ id, title, slug }) => ({ id, title, slug })),
      sampleSearches: mostFrequent(searches, SAMPLES),
    };
  });
  described.sort(
    (a, b) =>
      b.rising.z - a.rising.z ||
      b.rising.count - a.rising.count ||
      b.namesTopic - a.namesTopic ||
      b.inTitles - a.inTitles ||
      a.rising.term.localeCompare(b.rising.term),
  );

  // A burst lifts every word its questions share ("wifi", "drops", "evening",
  // "firmware"): a word whose threads are mostly (RELATED_SHARE) those of a
  // word or tag listed before it is folded into that one as related.
  const kept: (RisingTerm & { threadIds: Set<number> })[] = [];
  for (const entry of described) {
    const { rising, threadIds } = entry;
    if (rising.kind === "word") {
      const leader = kept.find(
        (other) => other.kind !== "search" && [...threadIds].filter((id) => other.threadIds.has(id)).length >= RELATED_SHARE * threadIds.size,
      );
      if (leader) {
        leader.related.push(rising.term);
        continue;
      }
    }
    kept.push({ ...rising, sampleThreads: entry.sampleThreads, sampleSearches: entry.sampleSearches, related: [], threadIds });
  }

  return {
    weekStart,
    terms: kept.slice(0, RISING_MAX_TERMS).map(({ threadIds: _threads, ...rising }) => rising),
  };
}
