// Search relevance: real-world queries, in English and French, misspelt,
// inflected, hyphenated or elided, each with the thread it must put first,
// over a fixed community (tests/support/search-corpus.ts) posted through the
// model functions. A query lists several threads when any of them is right.
import { beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import { findSimilar, searchContent, type SearchResults } from "../../../app/models/search/search.server";
import { createTestDb } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { SEARCH_CORPUS } from "../../support/search-corpus";

const db = createTestDb();
const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 40 * DAY;
const tick = () => new Date((clock += 60 * 60_000));
const keyOf = new Map<number, string>();

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const established = new Date(Date.now() - 90 * DAY);
  const asker = await createUser(db, { createdAt: established });
  const helper = await createUser(db, { createdAt: established });
  for (const entry of SEARCH_CORPUS) {
    const thread = createTestThread(db, asker, { title: entry.title, body: entry.body, at: tick() });
    keyOf.set(thread.id, entry.key);
    const answers = (entry.answers ?? []).map((body) => createTestAnswer(db, helper, thread.id, body, tick()));
    if (entry.solved) acceptAnswer(db, asker, answers[0].id);
  }
});

const keys = (results: SearchResults) => results.hits.map((h) => keyOf.get(h.id));

type Case = {
  q: string;
  /** The thread that must come first (or one of these). */
  top: string | string[];
  /** Threads that must be among the first three too. */
  alsoInTop3?: string[];
  /** The query the results are for, when what was typed found nothing. */
  corrected?: string;
};

const ENGLISH: Case[] = [
  // Inflections: the stem finds every form.
  { q: "restarting", top: "box-restarts" },
  { q: "box restarts at night", top: "box-restarts" },
  { q: "cancelling my contract", top: "cancel-contract" },
  { q: "app logs me out", top: "app-logout" },
  { q: "refunds for missed appointments", top: "engineer-missed" },
  { q: "charged twice", top: "charged-twice" },
  { q: "two direct debits same month", top: "charged-twice" },
  { q: "bill went up", top: "bill-higher" },
  { q: "password reset email", top: "forgot-password" },
  { q: "verification code not received", top: "two-factor" },
  { q: "move esim to new phone", top: "esim" },
  { q: "roaming charges spain", top: "roaming" },
  { q: "keep my number", top: "porting" },
  { q: "voicemail pin", top: "voicemail-pin" },
  { q: "red light on the box", top: "red-light" },
  { q: "outage in lyon", top: "outage-lyon" },
  { q: "decoder loading screen", top: "tv-decoder" },
  { q: "speed test 500 mbps", top: "speed-test" },
  { q: "late fee direct debit", top: "late-fee" },
  { q: "switch off wifi for the kids at night", top: "parental" },
  { q: "how much data left", top: "data-left" },
  { q: "sim card wrong size", top: "sim-size" },
  { q: "chargers", top: "charger" },
  { q: "my router's bridge mode", top: "own-router" },
  { q: "microwave wifi", top: "microwave" },
  // Hyphens and compounds: written joined, apart or hyphenated, the same word.
  { q: "wi-fi calling", top: "wifi-calling" },
  { q: "wifi calling", top: "wifi-calling" },
  { q: "wi fi calling basement", top: "wifi-calling" },
  { q: "email address", top: "email-change" },
  { q: "settop box remote", top: "set-top" },
  { q: "set top box remote", top: "set-top" },
  { q: "e-sim", top: "esim" },
  { q: "2 factor code", top: "two-factor" },
  // Misspelt: nothing matches as typed, so the results are for the index's word.
  { q: "wifii", top: ["microwave", "parental", "wifi-calling", "evening-slow", "fr-wifi", "fr-debit"], corrected: "wifi" },
  { q: "invoce", top: "invoice-pdf", corrected: "invoice" },
  { q: "rooter", top: "own-router", corrected: "router" },
  { q: "pasword reset", top: "forgot-password", corrected: "password reset" },
  { q: "vociemail pin", top: "voicemail-pin", corrected: "voicemail pin" },
  { q: "microwae", top: "microwave", corrected: "microwave" },
  // Close enough for the stemmer: nothing to correct.
  { q: "cancelation form", top: "cancel-contract" },
];

const FRENCH: Case[] = [
  { q: "facture", top: "fr-facture" },
  { q: "factures", top: "fr-facture" },
  { q: "facturé", top: "fr-facture" },
  { q: "panne", top: "fr-panne" },
  { q: "pannes réseau", top: "fr-panne" },
  { q: "réseau", top: "fr-panne" },
  { q: "reseau nantes", top: "fr-panne" },
  { q: "remboursement", top: "fr-remboursement" },
  { q: "être remboursé après une coupure", top: "fr-remboursement" },
  { q: "mot de passe", top: "fr-mot-de-passe" },
  { q: "mot de passe oublié", top: "fr-mot-de-passe" },
  { q: "l'application", top: "fr-application" },
  { q: "application plante", top: "fr-application" },
  { q: "l'espace client", top: "fr-mot-de-passe" },
  { q: "résiliation forfait", top: "fr-resiliation" },
  { q: "résilier mon forfait", top: "fr-resiliation" },
  { q: "débit lent le soir", top: "fr-debit" },
  { q: "debit tres lent", top: "fr-debit" },
  { q: "la box redémarre", top: "fr-box-redemarre" },
  { q: "redémarrer la box la nuit", top: "fr-box-redemarre" },
  { q: "prélèvement rejeté", top: "fr-prelevement" },
  { q: "déménagement fibre", top: "fr-demenagement" },
  { q: "je déménage", top: "fr-demenagement" },
  { q: "wifi coupe le soir", top: "fr-wifi" },
  { q: "code PUK", top: "fr-sim" },
  { q: "messagerie vocale", top: "fr-messagerie" },
  { q: "écran noir décodeur", top: "fr-decodeur" },
  { q: "itinérance maroc", top: "fr-itinerance" },
  { q: "facure", top: "fr-facture", corrected: "facture" },
  { q: "remboursment", top: "fr-remboursement" },
  { q: "résiliaton", top: "fr-resiliation", corrected: "résiliation" },
  // Words no French thread has: the glossary's English words find the English ones.
  { q: "numéro", top: "porting" },
  { q: "garantie batterie", top: "charger" },
  { q: "batterie", top: ["charger", "app-logout"] },
  { q: "rendez-vous technicien", top: "engineer-missed" },
];

function expectTop(c: Case) {
  const results = searchContent(db, { q: c.q });
  const found = keys(results);
  const wanted = typeof c.top === "string" ? [c.top] : c.top;
  expect(wanted, `first result for “${c.q}”: ${found.slice(0, 5).join(", ")}`).toContain(found[0]);
  for (const key of c.alsoInTop3 ?? []) expect(found.slice(0, 3), `top three for “${c.q}”`).toContain(key);
  expect(results.corrected).toBe(c.corrected ?? null);
}

describe("English queries", () => {
  test.each(ENGLISH)("“$q”", expectTop);
});

describe("French queries", () => {
  test.each(FRENCH)("“$q”", expectTop);
});

describe("the same word, however it is written", () => {
  const ids = (q: string) => searchContent(db, { q }).hits.map((h) => h.id).sort((a, b) => a - b);

  test("wifi, Wi-Fi, WIFI and wi fi find the same threads", () => {
    const wifi = ids("wifi");
    expect(wifi.length).toBeGreaterThanOrEqual(5);
    for (const q of ["Wi-Fi", "WIFI", "wi fi", "wi‑fi"]) expect(ids(q), q).toEqual(wifi);
  });

  test("restart, restarts, restarting and restarted find the same threads", () => {
    const restart = ids("restart");
    expect(restart.length).toBeGreaterThan(0);
    for (const q of ["restarts", "restarting", "restarted"]) expect(ids(q), q).toEqual(restart);
  });

  test("French inflections and accents typed or not find the same threads", () => {
    expect(ids("réseaux")).toEqual(ids("reseau"));
    expect(ids("rembourser")).toEqual(ids("remboursement"));
    expect(ids("l'appli")).toEqual(ids("appli"));
  });

  test("a word is stemmed only in the languages it was written in: “charger” is not “charges”", () => {
    // In French, "charger" and "charges" share the stem "charg"; this community writes "charger" in English only.
    const found = searchContent(db, { q: "charger" }).hits.map((h) => keyOf.get(h.id));
    expect(found).toEqual(["charger"]);
    expect(searchContent(db, { q: "charges" }).hits.map((h) => keyOf.get(h.id))).toContain("roaming");
  });

  test("a misspelling is corrected from the community's own words, and what is found nowhere is not", () => {
    expect(searchContent(db, { q: "wifii" })).toMatchObject({ corrected: "wifi", suggestion: null });
    expect(searchContent(db, { q: "xylophone" })).toMatchObject({ total: 0, corrected: null, suggestion: null });
    // Codes and short words are never "corrected" into others.
    expect(searchContent(db, { q: "E-1043" }).corrected).toBeNull();
  });

  test("the highlight marks every form of the word searched for", () => {
    const hit = searchContent(db, { q: "restart" }).hits.find((h) => keyOf.get(h.id) === "box-restarts")!;
    expect(hit.title).toContainEqual({ text: "restarting", mark: true });
    const wifi = searchContent(db, { q: "wifi calling" }).hits[0];
    expect(wifi.title).toContainEqual({ text: "Wi-Fi", mark: true });
    const elided = searchContent(db, { q: "application" }).hits.find((h) => keyOf.get(h.id) === "fr-application")!;
    expect(elided.title).toContainEqual({ text: "application", mark: true });
  });
});

describe("similar questions on /ask read titles the same way", () => {
  const SIMILAR: { title: string; first: string }[] = [
    { title: "wifi keeps dropping in the evening", first: "microwave" },
    { title: "my box restarts by itself every night", first: "box-restarts" },
    { title: "Ma box redémarre toute seule", first: "fr-box-redemarre" },
    { title: "J'ai oublié mon mot de passe", first: "fr-mot-de-passe" },
    { title: "cant download my invoce", first: "invoice-pdf" },
  ];
  test.each(SIMILAR)("“$title”", ({ title, first }) => {
    const similar = findSimilar(db, title).map((s) => keyOf.get(s.id));
    expect(similar[0], similar.join(", ")).toBe(first);
  });
});

test("the suite holds at least forty real-world queries in each language together", () => {
  expect(ENGLISH.length + FRENCH.length).toBeGreaterThanOrEqual(40);
  expect(FRENCH.length).toBeGreaterThanOrEqual(20);
});
