// The words the index holds (search_fts_words), read at query time: how each
// word of a query is stemmed (in the languages it was read in), which words
// typed apart the index holds as one ("wi fi": "wifi"), what a word being
// typed stands for, and, for a word the index does not have, the closest
// word it does ("Did you mean …?").
import { distance } from "fastest-levenshtein";
import type { DbOrTx } from "../../../db/client";
import { connectionOf } from "../../../db/prepared";
import { buildMatch, foldWord, wordsOf, type QueryAnalysis, type QueryWords, type Synonyms } from "./search-query.server";
import { BOTH_LANGUAGES, STOPWORDS, termsOf, tokenize } from "./text-analysis.server";

type WordRow = { word: string; form: string; langs: number };

// A word being typed stands for few words of the index ("invoi": invoice,
// invoices, invoiced); those are looked up and searched for, as their stems.
// When it stands for more, it is searched as a prefix of the stems instead.
const PREFIX_INDEX_LONGEST = 3;
const TYPED_WORD_FORMS_MAX = 8;

export type AnalysedQuery = {
  words: QueryWords;
  analysis: QueryAnalysis;
  /** The words of the index the last word stands for while it is typed (undefined: searched as a prefix). */
  lastWordForms: string[] | undefined;
};

function known(db: DbOrTx, words: string[]): WordRow[] {
  if (!words.length) return [];
  return connectionOf(db)
    .prepare<[string], WordRow>("select word, form, langs from search_fts_words where word in (select value from json_each(?))")
    .all(JSON.stringify(words));
}

/**
 * The longer words of the index that start with the last word while it is
 * typed. Undefined when it is not typed, when the prefix index serves it, or
 * when it stands for too many.
 */
function typedWordForms(db: DbOrTx, query: QueryWords): WordRow[] | undefined {
  const last = query.words[query.words.length - 1];
  if (!query.prefixLast || last === undefined || last.length <= PREFIX_INDEX_LONGEST) return undefined;
  // Between the word followed by the smallest character a word can hold and
  // the word followed by the largest: every longer word that starts with it.
  const longer = connectionOf(db)
    .prepare<[string, string, number], WordRow>("select word, form, langs from search_fts_words where word >= ? and word < ? limit ?")
    .all(`${last}\u0001`, `${last}\u{10FFFF}`, TYPED_WORD_FORMS_MAX);
  return longer.length < TYPED_WORD_FORMS_MAX ? longer : undefined;
}

/**
 * A query's words as the index reads them. A word the index holds is stemmed
 * as it was written there, in the languages it was read in; any other word
 * (an inflection no one wrote yet) in both.
 */
export function analyseQuery(db: DbOrTx, words: QueryWords, synonyms: Synonyms = new Map()): AnalysedQuery {
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < words.words.length; i++) pairs.set(`${words.words[i]} ${words.words[i + 1]}`, words.words[i] + words.words[i + 1]);
  const alternatives = [...synonyms.values()].flat().flatMap(wordsOf);
  const rows = new Map(known(db, [...new Set([...words.words, ...pairs.values(), ...alternatives])]).map((row) => [row.word, row]));
  const typed = typedWordForms(db, words);
  for (const row of typed ?? []) rows.set(row.word, row);
  const typedForms = new Map(words.words.map((word, i) => [word, words.forms[i] ?? word]));
  const compounds = new Map([...pairs].filter(([, joined]) => rows.has(joined)));
  const analysis: QueryAnalysis = {
    terms: (word) => {
      const row = rows.get(word);
      return row ? termsOf(row.form, row.langs) : termsOf(typedForms.get(word) ?? word, BOTH_LANGUAGES);
    },
    compounds,
  };
  const last = words.words[words.words.length - 1];
  return { words, analysis, lastWordForms: typed && last !== undefined ? [last, ...typed.map((row) => row.word)] : undefined };
}

// ---------------------------------------------------------------------------
// "Did you mean …?"

/** Misspellings are corrected from this length (shorter words are too often something else). */
const CORRECTED_FROM_LENGTH = 4;
const LETTERS = /^\p{L}+$/u;
const CANDIDATES_COUNTED = 12;

/** Edits between two words, a swap of two neighbouring letters ("wfii") counting as one. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first === -1) first = i;
    else return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1) ? 1 : d;
  }
  return d;
}

function maxEdits(length: number): number {
  return length <= 4 ? 1 : 2;
}

/**
 * The word of the index closest to a word it does not have: fewest edits
 * (one for words of up to four letters, two beyond), then found in the most
 * documents. Candidates start with the same letter, or with its first two
 * letters swapped, and are at most as many letters longer or shorter.
 */
export function closestWord(db: DbOrTx, word: string): string | null {
  const allowed = maxEdits(word.length);
  const lengths: number[] = [];
  for (let n = Math.max(CORRECTED_FROM_LENGTH - 1, word.length - allowed); n <= word.length + allowed; n++) lengths.push(n);
  const connection = connectionOf(db);
  const inRange = connection.prepare<[string, string, string], WordRow>(
    // A range of words of each length: the words of the other lengths are never read.
    `select word, form, langs from search_fts_words indexed by search_fts_words_length_idx
     where length(word) in (select value from json_each(?)) and word >= ? and word < ?`,
  );
  const starts = new Set([[...word][0]!, word.length > 1 ? word[1] + word[0] : ""].filter(Boolean));
  const candidates: (WordRow & { edits: number })[] = [];
  for (const start of starts) {
    for (const row of inRange.all(JSON.stringify(lengths), start, `${start}\u{10FFFF}`)) {
      if (row.word === word || !LETTERS.test(row.word) || STOPWORDS.has(row.word)) continue;
      const edits = editDistance(word, row.word);
      if (edits <= allowed) candidates.push({ ...row, edits });
    }
  }
  // The index counts documents per stem; a word the index no longer finds (its
  // documents were deleted or hidden since) counts none and is never offered.
  const documents = connection.prepare<[string], { doc: number }>("select doc from search_fts_vocab where term = ?");
  for (let level = 1; level <= allowed; level++) {
    const closest = candidates
      .filter((c) => c.edits === level)
      .sort((a, b) => Math.abs(a.word.length - word.length) - Math.abs(b.word.length - word.length))
      .slice(0, CANDIDATES_COUNTED);
    let best: { form: string; docs: number } | null = null;
    for (const candidate of closest) {
      const docs = Math.max(0, ...termsOf(candidate.form, candidate.langs).map((term) => documents.get(term)?.doc ?? 0));
      if (docs > 0 && (!best || docs > best.docs)) best = { form: candidate.form, docs };
    }
    if (best) return best.form;
  }
  return null;
}

/**
 * The query with each word the index does not find replaced by the closest
 * word it does, or null when no word was replaced. A word is left as typed
 * when it is short, has digits (codes, references), is a stop word, has a
 * synonym, or makes a word the index holds with its neighbour.
 * `finds` says whether an FTS5 expression matches any document.
 */
export function correctedQuery(db: DbOrTx, raw: string, query: AnalysedQuery, synonyms: Synonyms, finds: (match: string) => boolean): string | null {
  const { words, analysis, lastWordForms } = query;
  const inCompound = new Set([...analysis.compounds.keys()].flatMap((pair) => pair.split(" ")));
  const inSynonym = new Set([...synonyms.keys()].flatMap((key) => key.split(" ")));
  const replacements = new Map<string, string>();
  words.words.forEach((word, i) => {
    if (word.length < CORRECTED_FROM_LENGTH || !LETTERS.test(word) || STOPWORDS.has(word) || inCompound.has(word) || inSynonym.has(word)) return;
    const typed = words.prefixLast && i === words.words.length - 1;
    const alone = buildMatch({ words: [word], prefixLast: typed }, new Map(), "all", typed ? lastWordForms : undefined, analysis);
    if (!alone || finds(alone.match)) return;
    const closest = closestWord(db, word);
    if (closest && foldWord(closest) !== word) replacements.set(word, closest);
  });
  if (!replacements.size) return null;
  const text = raw.normalize("NFKC").trim();
  let out = "";
  let cursor = 0;
  for (const token of tokenize(text)) {
    const replacement = token.parts.length === 1 ? replacements.get(foldWord(token.parts[0])) : undefined;
    if (!replacement) continue;
    out += text.slice(cursor, token.start) + replacement;
    cursor = token.end;
  }
  return out + text.slice(cursor);
}
