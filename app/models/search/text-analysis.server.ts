// How search reads words, the same when a document is indexed and when a
// query is typed: French elision ("l'application" is "application"), English
// possessives, hyphenated words also joined ("Wi-Fi" is "wifi" too), accents
// and case folded, stop words dropped, and every other word reduced to its
// Snowball stem (English Porter2, French), so "restarting" finds "restart" and
// "réseaux" finds "réseau".
//
// A document does not say its language. Each line of it is read as English or
// French by its function words ("the", "is" / "le", "est", elisions); a line
// with none goes on in the language of the line before it (the first line of
// the title or question: the question's, else the document's; of the answers:
// the document's), and a document with neither, or with as many of both,
// gets both stems of each word. Every word
// the index holds is remembered with the languages it was read in, so a query
// word is stemmed in those languages only ("charger", only ever English, is
// not also the French stem "charg" of "charges").
import { stem as englishStem } from "porter2";
import { stemmer as frenchStem } from "@orama/stemmers/french";

export const ENGLISH = 1;
export const FRENCH = 2;
export const BOTH_LANGUAGES = ENGLISH | FRENCH;

// Words that carry no meaning in a search (English and French). Dropped from
// the index; dropped from a query only when other words remain.
export const STOPWORDS = new Set(
  (
    "a about after also am an and any are as at be been being by can could do does did for from get got has have how i if in into is it its just me my of on or our " +
    "should so some still than that the their them then there these this to very was we were what when where which who why will with would you your " +
    "dont cant isnt doesnt didnt wasnt arent couldnt shouldnt wouldnt havent hasnt im ive youre theyre weve " +
    "au aux ce ces cet cette dans de des du elle elles en est et eux il ils je la le les leur leurs lui ma mais mes moi mon ne nos notre nous on ou par pas pour qu que qui " +
    "sa se ses son sur ta te tes toi ton tu un une vos votre vous ai avons avez ont suis sommes etes sont etait ete etre ca cela ceci"
  ).split(" "),
);

// Function words that say a line is English or French (none of them is a word of the other language).
const ENGLISH_MARKERS = new Set(
  "the and is are was were my your to of it with for have has had this that not you we they but when what how why there be been will would can could should does did from after since every at in if just all any our its".split(" "),
);
const FRENCH_MARKERS = new Set("le la les des du est et je mon ma mes pour pas une un dans avec depuis que qui ne au aux ce cette il elle nous vous sur mais ou tres chez sont ai suis".split(" "));

// French articles and pronouns that lose their vowel before another word: l', d', qu'...
const ELISIONS = new Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"]);
// English endings after an apostrophe: "don't", "you're", "we've", "I'm", "it'll", "I'd".
const CONTRACTIONS = new Set(["t", "re", "ve", "m", "ll", "d"]);

/** Longer words are not words (a pasted key, a run of letters): not indexed. */
const INDEXED_WORD_MAX_LENGTH = 64;

// A run of letters and digits, with the hyphens and apostrophes inside it.
const TOKEN = /[\p{L}\p{N}\p{Co}]+(?:[-\u2010\u2011'’ʼ][\p{L}\p{N}\p{Co}]+)*/gu;
const HYPHENS = /[-\u2010\u2011]/;
const APOSTROPHES = /['’ʼ]/;
const APOSTROPHE = /['’ʼ]/g;

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case without accents: how the index and synonyms key a word. */
export function foldWord(word: string): string {
  // Most words are plain ASCII, which the normalisations leave as they are.
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFKC").toLowerCase();
}

/**
 * A word of a text: where its meaningful part is (without an elided article
 * or a possessive 's), its words in lower case with their accents (one per
 * hyphenated part), and whether it says the line is English or French.
 */
export type Token = { start: number; end: number; parts: string[]; marker: 0 | typeof ENGLISH | typeof FRENCH };

/** The tokens of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let start = match.index!;
    let end = start + match[0].length;
    let raw = match[0];
    let marker: Token["marker"] = 0;
    if (APOSTROPHES.test(raw)) {
      const pieces = raw.split(APOSTROPHES);
      const first = foldWord(pieces[0]);
      const last = foldWord(pieces[pieces.length - 1]);
      if (ELISIONS.has(first)) {
        // "l'application": the article goes (and says the line is French).
        start += pieces[0].length + 1;
        raw = raw.slice(pieces[0].length + 1);
        marker = FRENCH;
      } else if (last === "s") {
        // "the router's light": the possessive goes.
        end -= 2;
        raw = raw.slice(0, -2);
        marker = ENGLISH;
      } else {
        // "don't", "I'm", "aujourd'hui", "O'Brien": one word.
        if (CONTRACTIONS.has(last)) marker = ENGLISH;
      }
      raw = raw.replace(APOSTROPHE, "");
    }
    const parts = (HYPHENS.test(raw) ? raw.split(HYPHENS) : [raw]).filter(Boolean).map((p) => p.toLowerCase());
    if (!parts.length) continue;
    if (!marker && parts.length === 1) {
      const folded = foldWord(parts[0]);
      if (ENGLISH_MARKERS.has(folded)) marker = ENGLISH;
      else if (FRENCH_MARKERS.has(folded)) marker = FRENCH;
    }
    tokens.push({ start, end, parts, marker });
  }
  return tokens;
}

/** The words a token puts in the index: a hyphenated word joined, then its parts ("wifi wi fi"). */
export function indexedWords(token: Token): string[] {
  return token.parts.length > 1 ? [token.parts.join(""), ...token.parts] : token.parts;
}

// Stemming the same word again is the common case (a text repeats its
// words, and most words are common): remembered, up to a bound.
const STEM_CACHE_MAX = 200_000;
const stemCache = new Map<string, string[]>();
const DIGIT = /\d/;

/**
 * The index's terms for a word (lower case, accents as written) read in
 * these languages: its stems, folded. Short words and words with digits (codes,
 * references) are kept as they are.
 */
export function termsOf(word: string, languages: number = BOTH_LANGUAGES): string[] {
  const key = `${languages}${word}`;
  const cached = stemCache.get(key);
  if (cached) return cached;
  const folded = foldWord(word);
  let terms: string[];
  if (folded.length < 3 || DIGIT.test(folded)) {
    terms = [folded];
  } else {
    const english = languages & ENGLISH ? englishStem(folded) : null;
    // The French stemmer reads accents ("facturé" is a past participle).
    const french = languages & FRENCH ? foldWord(frenchStem(word.toLowerCase())) : null;
    terms = english && french && english !== french ? [english, french] : [(english ?? french)!];
  }
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(key, terms);
  return terms;
}

/** English, French, or null when the counts of their function words do not tell. */
function languageOf(english: number, french: number): number | null {
  if (english > 2 * french) return ENGLISH;
  if (french > 2 * english) return FRENCH;
  return null;
}

/** A word the index holds: how it was first written (lower case) and the languages it was read in. */
export type IndexedWord = { form: string; languages: number };
export type Vocabulary = Map<string, IndexedWord>;

export type DocumentText = { title: string; body: string; answers: string };
export type AnalysedDocument = DocumentText & { vocabulary: Vocabulary };

type Line = { tokens: Token[]; english: number; french: number };

function linesOf(text: string): Line[] {
  return text.split("\n").map((line) => {
    const tokens = tokenize(line);
    let english = 0;
    let french = 0;
    for (const token of tokens) {
      if (token.marker === ENGLISH) english++;
      else if (token.marker === FRENCH) french++;
    }
    return { tokens, english, french };
  });
}

const sum = (lines: Line[], key: "english" | "french") => lines.reduce((n, line) => n + line[key], 0);

/**
 * A document as the index holds it: each field as its terms, separated by
 * spaces, and the words it holds. A function of its three texts alone, so a
 * document indexed whole, rebuilt or grown by an answer reads the same.
 */
export function analyseDocument(text: DocumentText): AnalysedDocument {
  const title = linesOf(text.title);
  const body = linesOf(text.body);
  const answers = linesOf(text.answers);
  const all = [...title, ...body, ...answers];
  const documentLanguage = languageOf(sum(all, "english"), sum(all, "french")) ?? BOTH_LANGUAGES;
  const question = [...title, ...body];
  const questionLanguage = languageOf(sum(question, "english"), sum(question, "french")) ?? documentLanguage;
  const vocabulary: Vocabulary = new Map();
  const write = (lines: Line[], fallback: number) => {
    // A line without function words ("Restarting helps") goes on in the language of the line before it.
    let language = fallback;
    return lines
      .map((line) => {
        language = languageOf(line.english, line.french) ?? language;
        const out: string[] = [];
        for (const token of line.tokens) {
          for (const word of indexedWords(token)) {
            if (word.length > INDEXED_WORD_MAX_LENGTH) continue;
            const folded = foldWord(word);
            if (STOPWORDS.has(folded)) continue;
            for (const term of termsOf(word, language)) out.push(term);
            const known = vocabulary.get(folded);
            if (known) known.languages |= language;
            else vocabulary.set(folded, { form: word, languages: language });
          }
        }
        return out.join(" ");
      })
      .filter(Boolean)
      .join("\n");
  };
  return {
    title: write(title, questionLanguage),
    body: write(body, questionLanguage),
    answers: write(answers, documentLanguage),
    vocabulary,
  };
}
