// How search reads words, alone: tokens (elision, possessives, hyphens),
// stems in each language, a document's language line by line, and the FTS5
// expression a query becomes once analysed.
import { describe, expect, test } from "vitest";
import { buildMatch, queryWords, termMatcher, highlightTerms, type QueryAnalysis } from "../../../app/models/search/search-query.server";
import { analyseDocument, BOTH_LANGUAGES, ENGLISH, FRENCH, indexedWords, termsOf, tokenize } from "../../../app/models/search/text-analysis.server";
import { editDistance } from "../../../app/models/search/vocabulary.server";

describe("tokens", () => {
  test("an elided article and a possessive are not part of the word; the word's place is kept for highlighting", () => {
    const text = "L'application of the router's page";
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["application", "of", "the", "router", "page"]);
    expect(tokens[0]).toMatchObject({ parts: ["application"], marker: FRENCH });
    expect(tokens[3]).toMatchObject({ parts: ["router"], marker: ENGLISH });
  });

  test("contractions are one word; hyphenated words are indexed joined and as their parts", () => {
    expect(tokenize("don't aujourd’hui").map((t) => t.parts)).toEqual([["dont"], ["aujourdhui"]]);
    const [wifi] = tokenize("Wi-Fi");
    expect(wifi.parts).toEqual(["wi", "fi"]);
    expect(indexedWords(wifi)).toEqual(["wifi", "wi", "fi"]);
    expect(indexedWords(tokenize("set‑top")[0])).toEqual(["settop", "set", "top"]);
  });

  test("punctuation and syntax are never part of a word", () => {
    expect(tokenize('"NEAR(a b)" -x AND (y* OR z)').map((t) => t.parts.join("-"))).toEqual(["near", "a", "b", "x", "and", "y", "or", "z"]);
    expect(tokenize("*** '' - () ^")).toEqual([]);
  });
});

describe("stems", () => {
  test("English (Porter2) and French (Snowball) stems, accents folded", () => {
    expect(termsOf("restarting", ENGLISH)).toEqual(["restart"]);
    expect(termsOf("restarts", ENGLISH)).toEqual(["restart"]);
    expect(termsOf("réseaux", FRENCH)).toEqual(["reseau"]);
    expect(termsOf("facturé", FRENCH)).toEqual(termsOf("factures", FRENCH));
    expect(termsOf("remboursement", FRENCH)).toEqual(termsOf("rembourser", FRENCH));
  });

  test("a word read in both languages has both stems; codes and short words stay as written", () => {
    expect(termsOf("router", BOTH_LANGUAGES)).toEqual(["router", "rout"]);
    expect(termsOf("e1042", BOTH_LANGUAGES)).toEqual(["e1042"]);
    expect(termsOf("4g", BOTH_LANGUAGES)).toEqual(["4g"]);
  });
});

describe("a document's language", () => {
  test("each line by its function words; a line without any goes on in the language before it", () => {
    const analysed = analyseDocument({
      title: "Factures impayées",
      body: "Mes factures de mars ne sont pas arrivées.",
      answers: "The invoices are in the app.\nRestarting helps",
    });
    // French title (from its question), English answers: each stemmed in its own language only.
    expect(analysed.title).toBe("factur impai");
    expect(analysed.answers.split("\n")).toEqual(["invoic app", "restart help"]);
    expect(analysed.vocabulary.get("factures")).toEqual({ form: "factures", languages: FRENCH });
    expect(analysed.vocabulary.get("invoices")).toEqual({ form: "invoices", languages: ENGLISH });
    // Stop words are not indexed.
    expect(analysed.vocabulary.has("the")).toBe(false);
    expect(analysed.vocabulary.has("mes")).toBe(false);
  });

  test("with no function words at all, both languages", () => {
    const analysed = analyseDocument({ title: "Router lights", body: "Orange lights blinking", answers: "" });
    expect(analysed.vocabulary.get("router")?.languages).toBe(BOTH_LANGUAGES);
    expect(analysed.title).toBe("router rout light");
  });

  test("the same text always reads the same, whole or grown answer by answer", () => {
    const text = { title: "Le Wi-Fi coupe le soir", body: "Le wifi de la box se déconnecte.", answers: "Changez de canal.\nIt works now, thanks" };
    const first = analyseDocument(text);
    const second = analyseDocument({ ...text });
    expect(second).toEqual(first);
    // French: "wifi" is also stemmed the French way, as a French query of it will be.
    expect(first.title).toBe("wif wi fi coup soir");
  });
});

describe("an analysed query", () => {
  const analysis: QueryAnalysis = {
    terms: (word) => termsOf(word, word === "router" ? BOTH_LANGUAGES : ENGLISH),
    compounds: new Map([["wi fi", "wifi"]]),
  };

  test("each word becomes its stems; two words the index holds as one are also that word", () => {
    expect(buildMatch(queryWords("restarting wi fi router "), new Map(), "all", undefined, analysis)?.match).toBe(
      '"restart" AND ("wi fi" OR "wifi") AND ("router" OR "rout")',
    );
  });

  test("a word being typed is the stems of the words it stands for, or a prefix with its own stems", () => {
    expect(buildMatch(queryWords("cancel invoi"), new Map(), "all", ["invoi", "invoice", "invoices"], analysis)?.match).toBe(
      '"cancel" AND ("invoi" OR "invoic")',
    );
    expect(buildMatch(queryWords("lights"), new Map(), "all", undefined, analysis)?.match).toBe('("lights"* OR "light")');
  });

  test("highlights every form of a searched word, hyphenated or elided", () => {
    const matches = termMatcher(queryWords("restart wi fi "), new Map(), analysis);
    expect(highlightTerms("Restarted the Wi-Fi", matches)).toEqual([
      { text: "Restarted", mark: true },
      { text: " the ", mark: false },
      { text: "Wi-Fi", mark: true },
    ]);
  });
});

test("edit distance counts a swap of two neighbouring letters as one edit", () => {
  expect(editDistance("wfii", "wifi")).toBe(1);
  expect(editDistance("vociemail", "voicemail")).toBe(1);
  expect(editDistance("rooter", "router")).toBe(1);
  expect(editDistance("panne", "phone")).toBe(2);
});
