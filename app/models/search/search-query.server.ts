// Turns whatever a person typed into FTS5 syntax we wrote ourselves. Only runs
// of letters and digits survive, each quoted, so quotes, `*`, `-`, NEAR, AND,
// parentheses and lone punctuation are words or nothing — never syntax.

export const QUERY_MAX_LENGTH = 200;
const WORDS_MAX = 10;
const WORD_MAX_LENGTH = 40;
const SYNONYM_PHRASE_MAX_WORDS = 3;
// "r*" or "ro*" would match a large part of any index: a word being typed
// becomes a prefix from its third letter.
const PREFIX_MIN_LENGTH = 3;

// The same characters the unicode61 tokenizer keeps (categories L*, N*, Co).
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;

// Words that carry no meaning in a search (English and French, the demo
// community's languages). Dropped only when other words remain.
const STOPWORDS = new Set(
  (
    "a about after also am an and any are as at be been being by can could do does did for from get got has have how i if in into is it its just me my of on or our " +
    "should so some still than that the their them then there these this to very was we were what when where which who why will with would you your " +
    "au aux ce ces dans de des du elle en est et il je la le les leur ma mais mes mon ne nous on ou par pas pour qu que qui " +
    "sa se ses son sur ta te tes ton tu un une vos votre vous"
  ).split(" "),
);

/** What the search log keeps: lower case, single spaces, bounded. */
export function normaliseQuery(raw: string): string {
  return raw.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().slice(0, QUERY_MAX_LENGTH);
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case without accents: how synonyms are keyed, as the index folds them. */
export function foldWord(word: string): string {
  // Most words are plain ASCII, which the normalisations leave as they are
  // (snippets fold every word of a thread's answers).
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFKC").toLowerCase();
}

/** The words of a text as the index sees them, folded. */
export function wordsOf(text: string): string[] {
  return (text.normalize("NFKC").match(WORD) ?? []).map(foldWord);
}

export type QueryWords = { words: string[]; prefixLast: boolean };

/**
 * The words a query searches for: stop words dropped when others remain, at
 * most ten, and whether the last one is still being typed (no space after
 * it), which makes it a prefix.
 */
export function queryWords(raw: string): QueryWords {
  const text = raw.slice(0, QUERY_MAX_LENGTH);
  const all = wordsOf(text).filter((w) => w.length <= WORD_MAX_LENGTH);
  const meaningful = all.filter((w) => !STOPWORDS.has(w));
  const words = (meaningful.length ? meaningful : all).slice(0, WORDS_MAX);
  const endsInWord = /[\p{L}\p{N}\p{Co}]$/u.test(text);
  const lastTyped = all[all.length - 1];
  return { words, prefixLast: endsInWord && words[words.length - 1] === lastTyped };
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

function phrase(words: string) {
  return `"${words}"`;
}

/**
 * The FTS5 expression for a query: every word (mode "all") or any word
 * ("any"), each with its synonyms as alternatives, the last one as a prefix
 * while it is being typed. Null when nothing searchable remains.
 *
 * `lastWordForms`, when given, are the words of the index that the last word
 * stands for as a prefix (itself and the longer words that start with it):
 * the prefix is then written as those words, which finds the same documents
 * ("bill"* and ("bill" OR "billing") match the same threads; a single form is
 * the word alone), though FTS5 ranks them differently when there are several.
 */
export function buildMatch(
  query: QueryWords,
  synonyms: Synonyms,
  mode: MatchMode,
  lastWordForms?: string[],
): { match: string; expanded: string[] } | null {
  const { words, prefixLast } = query;
  if (!words.length) return null;
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
    const own = words.slice(i, i + taken).join(" ");
    const isLast = i + taken === words.length;
    const first = isLast && prefixLast && own.length >= PREFIX_MIN_LENGTH ? typedPhrase(own, lastWordForms) : phrase(own);
    if (alternatives?.length) {
      const extra = alternatives.map((a) => wordsOf(a).join(" ")).filter((a) => a && a !== own);
      expanded.push(...extra);
      groups.push(extra.length ? `(${[first, ...extra.map(phrase)].join(" OR ")})` : first);
    } else {
      groups.push(first);
    }
    i += taken;
  }
  return { match: groups.join(mode === "all" ? " AND " : " OR "), expanded: [...new Set(expanded)] };
}

/** The last words of a query, their last one being typed: a prefix, or the words it stands for. */
function typedPhrase(own: string, forms: string[] | undefined): string {
  if (!forms?.length) return `${phrase(own)}*`;
  const before = own.slice(0, own.lastIndexOf(" ") + 1);
  const phrases = forms.map((form) => phrase(before + form));
  return phrases.length === 1 ? phrases[0] : `(${phrases.join(" OR ")})`;
}

export type MarkedText = { text: string; mark: boolean }[];

/** Whether a word of a text (folded) is one the search looked for. */
export type TermMatcher = (folded: string) => boolean;

/**
 * The words a result should highlight: the query's own (the last one as a
 * prefix while it is typed) and the brand's words its synonyms added.
 */
export function termMatcher(query: QueryWords, synonyms: Synonyms): TermMatcher {
  const exact = new Set(query.words);
  for (const alternatives of synonyms.values()) for (const phrase of alternatives) for (const word of wordsOf(phrase)) exact.add(word);
  for (const key of synonyms.keys()) for (const word of key.split(" ")) exact.add(word);
  const last = query.words[query.words.length - 1];
  const prefix = query.prefixLast && last && last.length >= PREFIX_MIN_LENGTH ? last : null;
  return (folded) => exact.has(folded) || (prefix !== null && folded.startsWith(prefix));
}

type Token = { start: number; end: number; hit: boolean };

function tokensOf(text: string, matches: TermMatcher): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ start: m.index!, end: m.index! + m[0].length, hit: matches(foldWord(m[0])) });
  return tokens;
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
