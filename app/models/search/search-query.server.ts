// Turns whatever a person typed into FTS5 syntax we wrote ourselves. Only runs
// of letters and digits survive, each quoted, so quotes, `*`, `-`, NEAR, AND,
// parentheses and lone punctuation are words or nothing — never syntax. Words
// are read as the index reads them (text-analysis.server.ts).
import { foldWord, indexedWords, STOPWORDS, termsOf, tokenize } from "./text-analysis.server";

export const QUERY_MAX_LENGTH = 200;
const WORDS_MAX = 10;
const WORD_MAX_LENGTH = 40;
const SYNONYM_PHRASE_MAX_WORDS = 3;
// "r*" or "ro*" would match a large part of any index: a word being typed
// becomes a prefix from its third letter.
const PREFIX_MIN_LENGTH = 3;

// The same characters the unicode61 tokenizer keeps (categories L*, N*, Co).
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

/** What the search log keeps: lower case, single spaces, bounded. */
export function normaliseQuery(raw: string): string {
  return raw.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().slice(0, QUERY_MAX_LENGTH);
}

export { foldWord };

/** The words of a text, folded, split at hyphens and apostrophes: how synonyms are written down. */
export function wordsOf(text: string): string[] {
  return (text.normalize("NFKC").match(WORD) ?? []).map(foldWord);
}

/**
 * The words a query searches for (folded), as typed (`forms`: lower case,
 * accents kept, for the French stemmer), and whether the last one is still
 * being typed.
 */
export type QueryWords = { words: string[]; prefixLast: boolean; forms: string[] };

/**
 * The words a query searches for: read as the index reads a text (an elided
 * article or a possessive goes, hyphenated words are their parts), stop words
 * dropped when others remain, at most ten, and whether the last one is still
 * being typed (no space after it), which makes it a prefix.
 */
export function queryWords(raw: string): QueryWords {
  const text = raw.slice(0, QUERY_MAX_LENGTH);
  const all = tokenize(text.normalize("NFKC"))
    .flatMap((token) => token.parts)
    .map((form) => ({ form, word: foldWord(form) }))
    .filter((w) => w.word.length <= WORD_MAX_LENGTH);
  const meaningful = all.filter((w) => !STOPWORDS.has(w.word));
  const kept = (meaningful.length ? meaningful : all).slice(0, WORDS_MAX);
  const endsInWord = /[\p{L}\p{N}\p{Co}]$/u.test(text);
  const lastTyped = all[all.length - 1];
  return {
    words: kept.map((w) => w.word),
    forms: kept.map((w) => w.form),
    prefixLast: endsInWord && kept.length > 0 && kept[kept.length - 1] === lastTyped,
  };
}

/** Every run of one to three consecutive words: the candidates for a synonym lookup. */
export function synonymCandidates(words: string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= SYNONYM_PHRASE_MAX_WORDS && i + n <= words.length; n++) out.add(words.slice(i, i + n).join(" "));
  }
  return [...out];
}

export type Synonyms = Map<string, string[]>;
export type MatchMode = "all" | "any";

/**
 * How the index reads the words of a query (see text-analysis.server.ts).
 * Without one, a word is searched as it is written.
 */
export type QueryAnalysis = {
  /** The index's terms for a word (folded): its stems in the languages it was read in. */
  terms: (word: string) => string[];
  /** Two words of the query that the index holds as one word ("wi fi": "wifi"). */
  compounds: Map<string, string>;
};

const asWritten = (word: string) => [word];

type Option = { text: string; prefix: boolean };

// A phrase per choice of one term at each position; a few are enough (a
// word has at most two stems, a phrase at most three words).
const PHRASES_MAX = 8;

function phrasesOf(positions: Option[][]): string[] {
  let phrases: Option[][] = [[]];
  for (const options of positions) {
    if (!options.length) continue;
    phrases = phrases.flatMap((phrase) => options.map((option) => [...phrase, option])).slice(0, PHRASES_MAX);
  }
  return phrases
    .filter((phrase) => phrase.length)
    .map((phrase) => `"${phrase.map((o) => o.text).join(" ")}"${phrase[phrase.length - 1].prefix ? "*" : ""}`);
}

function anyOf(expressions: string[]): string {
  const unique = [...new Set(expressions)];
  return unique.length === 1 ? unique[0] : `(${unique.join(" OR ")})`;
}

const exactly = (terms: string[]): Option[] => terms.filter(Boolean).map((text) => ({ text, prefix: false }));

/**
 * The last word, being typed: the terms of the words of the index it stands
 * for (`forms`: itself and the longer words that start with it), or, when
 * they were not looked up, the word as a prefix and its own terms.
 */
function typedOptions(word: string, forms: string[] | undefined, terms: (word: string) => string[]): Option[] {
  if (forms?.length) return exactly([...new Set(forms.flatMap(terms))]);
  return [{ text: word, prefix: true }, ...exactly(terms(word).filter((t) => !t.startsWith(word)))];
}

/**
 * The FTS5 expression for a query: every word (mode "all") or any word
 * ("any"), each with its synonyms as alternatives, the last one as a prefix
 * while it is being typed. Null when nothing searchable remains.
 *
 * `lastWordForms`, when given, are the words of the index that the last word
 * stands for as a prefix (itself and the longer words that start with it):
 * the prefix is then written as those words, which finds the same documents
 * ("bill"* and ("bill" OR "billing") match the same threads).
 *
 * `analysis` turns each word into the index's terms (its stems) and two words
 * written apart into the one word the index holds ("wi fi" also "wifi").
 */
export function buildMatch(
  query: Pick<QueryWords, "words" | "prefixLast">,
  synonyms: Synonyms,
  mode: MatchMode,
  lastWordForms?: string[],
  analysis?: QueryAnalysis,
): { match: string; expanded: string[] } | null {
  const { words, prefixLast } = query;
  if (!words.length) return null;
  const terms = analysis?.terms ?? asWritten;
  const groups: string[] = [];
  const expanded: string[] = [];
  let i = 0;
  while (i < words.length) {
    let taken = 1;
    let alternatives: string[] | undefined;
    for (let n = Math.min(SYNONYM_PHRASE_MAX_WORDS, words.length - i); n >= 1; n--) {
      alternatives = synonyms.get(words.slice(i, i + n).join(" "));
      if (alternatives?.length) {
        taken = n;
        break;
      }
    }
    const compound = !alternatives?.length && i + 1 < words.length ? analysis?.compounds.get(`${words[i]} ${words[i + 1]}`) : undefined;
    if (compound) taken = 2;
    const unit = words.slice(i, i + taken);
    const own = unit.join(" ");
    const typed = i + taken === words.length && prefixLast && own.length >= PREFIX_MIN_LENGTH;
    const expressions = phrasesOf(
      unit.map((word, k) => (typed && k === unit.length - 1 ? typedOptions(word, lastWordForms, terms) : exactly(terms(word)))),
    );
    if (alternatives?.length) {
      const extra = alternatives.map((a) => wordsOf(a).join(" ")).filter((a) => a && a !== own);
      expanded.push(...extra);
      for (const alternative of extra) expressions.push(...phrasesOf(alternative.split(" ").map((word) => exactly(terms(word)))));
    }
    if (compound) expressions.push(...phrasesOf([exactly(terms(compound))]));
    if (expressions.length) groups.push(anyOf(expressions));
    i += taken;
  }
  if (!groups.length) return null;
  return { match: groups.join(mode === "all" ? " AND " : " OR "), expanded: [...new Set(expanded)] };
}

export type MarkedText = { text: string; mark: boolean }[];

/** Whether a word of a text (folded, and as written in lower case) is one the search looked for. */
export type TermMatcher = (folded: string, word?: string) => boolean;

/**
 * The words a result should highlight: the query's own (the last one as a
 * prefix while it is typed) and the brand's words its synonyms added; with
 * an analysis, every word with one of their stems ("restarts" for
 * "restarting") and the words two of them stand for ("Wi-Fi" for "wi fi").
 */
export function termMatcher(query: Pick<QueryWords, "words" | "prefixLast">, synonyms: Synonyms, analysis?: QueryAnalysis, lastWordForms?: string[]): TermMatcher {
  const exact = new Set(query.words);
  for (const alternatives of synonyms.values()) for (const phrase of alternatives) for (const word of wordsOf(phrase)) exact.add(word);
  for (const key of synonyms.keys()) for (const word of key.split(" ")) exact.add(word);
  const last = query.words[query.words.length - 1];
  const prefix = query.prefixLast && last && last.length >= PREFIX_MIN_LENGTH ? last : null;
  if (!analysis) return (folded) => exact.has(folded) || (prefix !== null && folded.startsWith(prefix));
  const stems = new Set<string>();
  for (const word of [...exact, ...analysis.compounds.values(), ...(prefix ? (lastWordForms ?? []) : [])]) for (const term of analysis.terms(word)) stems.add(term);
  for (const compound of analysis.compounds.values()) exact.add(compound);
  return (folded, word) =>
    exact.has(folded) || (prefix !== null && folded.startsWith(prefix)) || termsOf(word ?? folded).some((term) => stems.has(term));
}

type Token = { start: number; end: number; hit: boolean };

function tokensOf(text: string, matches: TermMatcher): Token[] {
  return tokenize(text).map((token) => ({
    start: token.start,
    end: token.end,
    hit: indexedWords(token).some((word) => matches(foldWord(word), word)),
  }));
}

function marked(text: string, tokens: Token[], from: number, to: number): MarkedText {
  const parts: MarkedText = [];
  let cursor = from;
  for (const token of tokens) {
    if (!token.hit || token.start < from || token.end > to) continue;
    if (token.start > cursor) parts.push({ text: text.slice(cursor, token.start), mark: false });
    parts.push({ text: text.slice(token.start, token.end), mark: true });
    cursor = token.end;
  }
  if (cursor < to) parts.push({ text: text.slice(cursor, to), mark: false });
  return parts;
}

/** The whole text with the searched words marked (titles). */
export function highlightTerms(text: string, matches: TermMatcher): MarkedText {
  return marked(text, tokensOf(text, matches), 0, text.length);
}

/**
 * About `size` words of a text around the place where the searched words are
 * densest, with them marked; the start of the text when none is there.
 */
export function snippetOf(text: string, matches: TermMatcher, size = 28): MarkedText {
  return snippetFromTokens(text, tokensOf(text, matches), size);
}

/**
 * The snippet of the first of these texts that has a searched word (each
 * text read once), or of the first text when none has.
 */
export function snippetOfFirstWithTerms(texts: string[], matches: TermMatcher, size = 28): MarkedText {
  let first: Token[] | undefined;
  for (const text of texts) {
    const tokens = tokensOf(text, matches);
    if (tokens.some((t) => t.hit)) return snippetFromTokens(text, tokens, size);
    first ??= tokens;
  }
  return first ? snippetFromTokens(texts[0], first, size) : [];
}

function snippetFromTokens(text: string, tokens: Token[], size: number): MarkedText {
  if (!tokens.length) return text ? [{ text: text.slice(0, 200), mark: false }] : [];
  let first = 0;
  let best = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].hit) continue;
    const start = Math.max(0, i - 4);
    let count = 0;
    for (let j = start; j < Math.min(tokens.length, start + size); j++) if (tokens[j].hit) count++;
    if (count > best) {
      best = count;
      first = start;
    }
  }
  const last = Math.min(tokens.length, first + size) - 1;
  const from = first === 0 ? 0 : tokens[first].start;
  const to = last === tokens.length - 1 ? text.length : tokens[last].end;
  const parts = marked(text, tokens, from, to);
  if (from > 0) parts.unshift({ text: "…", mark: false });
  if (to < text.length) parts.push({ text: "…", mark: false });
  return parts;
}

/** Indexed text: normalised, without control characters, nor half a UTF-16 pair (which has no UTF-8). */
export function indexText(text: string): string {
  return (
    text
      .normalize("NFKC")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, " ")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
  );
}
