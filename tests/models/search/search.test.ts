// Search against a real migrated database: ranking, accents, prefixes, hostile
// input, the index kept in step with every change, synonyms, the search log,
// deflections, and the moderators' insights.
import { desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer, unacceptAnswer } from "../../../app/models/forum/acceptance.server";
import { deletePost, editPost, restorePost } from "../../../app/models/forum/post.server";
import { buildMatch, highlightTerms, queryWords, snippetOf, termMatcher } from "../../../app/models/search/search-query.server";
import { findSearchLog, logSearch, recordDeflection, recordSearchClick, searchInsights } from "../../../app/models/search/search-log.server";
import { findSimilar, SEARCH_TUNING, searchContent, type SearchRequest } from "../../../app/models/search/search.server";
import { ensureSearchIndex, rebuildSearchIndex } from "../../../app/models/search/search-index.server";
import { addSynonyms, listSynonyms, removeSynonym } from "../../../app/models/search/synonym.server";
import { categories, posts, searchDocuments, searchQueries, searchSynonyms, threads } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { expectRefused } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 30 * DAY;
const tick = () => new Date((clock += 60 * 60_000));

let asker: User;
let helper: User;
let mod: User;

function titles(request: SearchRequest | string) {
  const results = searchContent(db, typeof request === "string" ? { q: request } : request);
  return results.hits.map((h) => h.title.map((p) => p.text).join(""));
}
function ask(title: string, body: string, extra: { category?: string; tags?: string[] } = {}) {
  return createTestThread(db, asker, { title, body, at: tick(), ...extra });
}
function questionOf(threadId: number) {
  return db.select().from(posts).where(sql`${posts.threadId} = ${threadId} and ${posts.kind} = 'question'`).get()!;
}

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  createTestCategory(db, { slug: "network", name: "Network" });
  const established = new Date(Date.now() - 60 * DAY);
  asker = await createUser(db, { createdAt: established });
  helper = await createUser(db, { createdAt: established });
  mod = await createUser(db, { createdAt: established, role: "moderator" });
});

describe("building the query", () => {
  test("keeps only words, quoted; the last word is a prefix while it is being typed", () => {
    expect(buildMatch(queryWords("router lights"), new Map(), "all")?.match).toBe('"router" AND "lights"*');
    expect(buildMatch(queryWords("router lights "), new Map(), "all")?.match).toBe('"router" AND "lights"');
    expect(buildMatch(queryWords("how do I pay my bill"), new Map(), "any")?.match).toBe('"pay" OR "bill"*');
  });

  test("operators and punctuation become words or nothing", () => {
    expect(buildMatch(queryWords('"NEAR(a b)" -x AND (y OR z*'), new Map(), "all")?.match).toBe(
      '"near" AND "b" AND "x" AND "y" AND "z"',
    );
    expect(buildMatch(queryWords('*** "" - () ^'), new Map(), "all")).toBeNull();
  });

  test("synonyms become alternatives, phrases included", () => {
    const synonyms = new Map([
      ["box", ["router"]],
      ["wi fi", ["wireless", "wlan"]],
    ]);
    expect(buildMatch(queryWords("box wi-fi"), synonyms, "all")).toEqual({
      match: '("box" OR "router") AND ("wi fi"* OR "wireless" OR "wlan")',
      expanded: ["router", "wireless", "wlan"],
    });
  });

  test("highlights mark the searched words, accents and case aside, the typed word as a prefix, synonyms too", () => {
    const matches = termMatcher(queryWords("facture rout"), new Map([["facture", ["invoice"]]]));
    expect(highlightTerms("Facturé: the router's invoice", matches)).toEqual([
      { text: "Facturé", mark: true },
      { text: ": the ", mark: false },
      { text: "router", mark: true },
      { text: "'s ", mark: false },
      { text: "invoice", mark: true },
    ]);
  });

  test("a snippet is a window around the densest matches, with ellipses where the text goes on", () => {
    const text = `${"filler ".repeat(40)}the router restarts when the router overheats ${"tail ".repeat(40)}`.trim();
    const parts = snippetOf(text, termMatcher(queryWords("router "), new Map()), 10);
    expect(parts[0]).toEqual({ text: "…", mark: false });
    expect(parts[parts.length - 1]).toEqual({ text: "…", mark: false });
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(["router", "router"]);
    expect(snippetOf("no match here at all", termMatcher(queryWords("router "), new Map()))).toEqual([{ text: "no match here at all", mark: false }]);
  });
});

describe("searching", () => {
  let titleMatch: number;
  let bodyMatch: number;
  let answerMatch: number;
  beforeAll(() => {
    bodyMatch = ask("Strange noises from the phone line at night", "Every night the landline crackles, and the voicemail says nothing about it. Is the voicemail broken?").id;
    titleMatch = ask("Voicemail stopped working after the update", "Since yesterday nobody can leave me a message and I hear a busy tone.").id;
    answerMatch = ask("Messages from my mailbox disappear", "Old messages vanish after a few days, even the ones I saved on purpose.").id;
    createTestAnswer(db, helper, answerMatch, "Your voicemail keeps saved messages 30 days; export them from the app.", tick());
  });

  test("a title match ranks above a question match, above an answer match", () => {
    const results = searchContent(db, { q: "voicemail" });
    expect(results.hits.map((h) => h.id)).toEqual([titleMatch, bodyMatch, answerMatch]);
    expect(results.total).toBe(3);
    expect(results.matched).toBe("all");
  });

  test("highlights the matched words in titles and snippets", () => {
    const [first, , third] = searchContent(db, { q: "voicemail " }).hits;
    expect(first.title).toContainEqual({ text: "Voicemail", mark: true });
    expect(third.snippet).toContainEqual({ text: "voicemail", mark: true });
  });

  test("accents are ignored both ways", () => {
    const id = ask("Facturé deux fois pour le même mois", "Ma facture de mars apparaît deux fois sur mon relevé bancaire.").id;
    expect(searchContent(db, { q: "facture " }).hits.map((h) => h.id)).toContain(id);
    expect(searchContent(db, { q: "FACTURÉ " }).hits.map((h) => h.id)).toContain(id);
    expect(searchContent(db, { q: "releve " }).hits.map((h) => h.id)).toEqual([id]);
  });

  test("the last word matches as a prefix while typing", () => {
    expect(titles("voicem")).toHaveLength(3);
    expect(titles("voicem ")).toHaveLength(0);
  });

  test("when no result has every word, results with any of them are offered", () => {
    const results = searchContent(db, { q: "voicemail crackles landline zebra" });
    expect(results.matched).toBe("any");
    expect(results.hits[0].id).toBe(bodyMatch);
  });

  test("hostile syntax never throws and never becomes syntax", () => {
    const hostile = [
      '"',
      '""',
      "'",
      "*",
      "-",
      "-voicemail",
      "voicemail*",
      "NEAR",
      "NEAR(voicemail night)",
      "voicemail AND",
      "AND OR NOT",
      "(",
      ")))",
      "title:voicemail",
      "{title}: voicemail",
      "^voicemail",
      "voicemail +night",
      "%_\\",
      "\u0000\u0002\u0003",
      "🙂",
      "'; drop table threads; --",
      "voicemail ".repeat(500),
      "x".repeat(5000),
    ];
    for (const q of hostile) {
      for (const sort of ["relevance", "newest"] as const) {
        expect(() => searchContent(db, { q, sort, page: 3 })).not.toThrow();
      }
      expect(() => findSimilar(db, q)).not.toThrow();
    }
    expect(titles("-voicemail")).toHaveLength(3);
    expect(titles("NEAR(voicemail night)").length).toBeGreaterThan(0);
  });
});

describe("filters, order and pages", () => {
  let solvedId: number;
  let networkId: number;
  beforeAll(() => {
    const solved = ask("Router keeps rebooting every evening", "The router restarts itself around eight every evening.", { tags: ["router"] });
    solvedId = solved.id;
    const answer = createTestAnswer(db, helper, solved.id, "Move the router away from the heater; it overheats.", tick());
    acceptAnswer(db, asker, answer.id);
    networkId = ask("Router lights blink orange all day", "The router shows an orange light and there is no internet.", { category: "network" }).id;
  });

  test("by category, tag, solved state and type", () => {
    const ids = (request: SearchRequest) => searchContent(db, request).hits.map((h) => h.id);
    expect(ids({ q: "router", filters: { categoryId: 2 } })).toEqual([networkId]);
    expect(ids({ q: "router", filters: { tag: "router" } })).toEqual([solvedId]);
    expect(ids({ q: "router", filters: { status: "solved" } })).toEqual([solvedId]);
    expect(ids({ q: "router", filters: { status: "unsolved" } })).toEqual([networkId]);
    expect(ids({ q: "router", filters: { kind: "thread" } }).sort()).toEqual([solvedId, networkId].sort());
    expect(ids({ q: "router", filters: { kind: "article" } })).toEqual([]);
  });

  test("newest first on request", () => {
    expect(searchContent(db, { q: "router", sort: "newest" }).hits.map((h) => h.id)).toEqual([networkId, solvedId]);
  });

  test("accepting and taking it back moves a thread between solved and unsolved at once", () => {
    const answerId = searchContent(db, { q: "heater" }).hits[0] && db.select().from(posts).where(sql`${posts.threadId} = ${solvedId} and ${posts.kind} = 'answer'`).get()!.id;
    unacceptAnswer(db, asker, answerId);
    expect(searchContent(db, { q: "router", filters: { status: "solved" } }).total).toBe(0);
    acceptAnswer(db, asker, answerId);
    expect(searchContent(db, { q: "router", filters: { status: "solved" } }).total).toBe(1);
  });

  test("twenty a page", () => {
    for (let i = 0; i < 23; i++) ask(`Roaming charges question number ${i + 1} abroad`, "I was charged for roaming although I never left the country.");
    const first = searchContent(db, { q: "roaming" });
    expect(first.hits).toHaveLength(20);
    expect(first.total).toBe(23);
    expect(first.pageCount).toBe(2);
    const second = searchContent(db, { q: "roaming", page: 2 });
    expect(second.hits).toHaveLength(3);
    expect(new Set([...first.hits, ...second.hits].map((h) => h.id)).size).toBe(23);
  });
});

describe("newest first over many matches", () => {
  test("walks the date index and gives the same order as sorting", () => {
    // 2,100 threads written directly (the models would take minutes), then indexed.
    const category = db.select().from(categories).where(eq(categories.slug, "network")).get()!;
    const base = Date.now() - 400 * DAY;
    db.transaction((tx) => {
      for (let i = 0; i < 2_100; i++) {
        // Dates deliberately out of id order, so sorting by id would be wrong.
        const createdAt = new Date(base + ((i * 7919) % 2_100) * 60_000);
        const thread = tx
          .insert(threads)
          .values({ title: `Zebra cable question ${i}`, slug: `zebra-${i}`, categoryId: category.id, authorId: asker.id, lastActivityAt: createdAt, createdAt })
          .returning()
          .get();
        tx.insert(posts).values({ threadId: thread.id, kind: "question", authorId: asker.id, body: "zebra", bodyHtml: "<p>zebra cable</p>", createdAt }).run();
      }
    });
    rebuildSearchIndex(db);
    const expected = db
      .select({ id: threads.id })
      .from(threads)
      .where(sql`${threads.title} like 'Zebra cable%'`)
      .orderBy(desc(threads.createdAt), desc(threads.id))
      .limit(40)
      .all()
      .map((t) => t.id);
    const results = searchContent(db, { q: "zebra", sort: "newest" });
    expect(results.total).toBe(2_100);
    expect(results.hits.map((h) => h.id)).toEqual(expected.slice(0, 20));
    expect(searchContent(db, { q: "zebra", sort: "newest", page: 2 }).hits.map((h) => h.id)).toEqual(expected.slice(20, 40));
    expect(searchContent(db, { q: "zebra", sort: "newest", filters: { categoryId: category.id + 1000 } }).total).toBe(0);
  });

  test("relevance over many matches ranks title matches first, and pages stay consistent", () => {
    createTestThread(db, helper, { title: "Question about something else entirely", body: "zebra zebra zebra zebra in the body only", at: tick() });
    const before = SEARCH_TUNING.titlesFirstFrom;
    SEARCH_TUNING.titlesFirstFrom = 1_000;
    try {
      const first = searchContent(db, { q: "zebra " });
      expect(first.total).toBe(2_101);
      // Every result of the page has the word in its title: the body-only match waits.
      expect(first.hits.every((h) => h.title.some((p) => p.mark))).toBe(true);
      const second = searchContent(db, { q: "zebra ", page: 2 });
      expect(new Set([...first.hits, ...second.hits].map((h) => h.id)).size).toBe(40);
    } finally {
      SEARCH_TUNING.titlesFirstFrom = before;
    }
    // With the usual threshold the whole ranking is used and the body match counts too.
    expect(searchContent(db, { q: "zebra " }).total).toBe(2_101);
  });
});

describe("the index stays in step", () => {
  test("an edited question is found by its new words at once, not its old ones", () => {
    const thread = ask("Printer question that will be reworded", "Something about a printer that I will rewrite entirely.");
    editPost(db, asker, questionOf(thread.id).id, { title: "Satellite dish alignment for television", body: "How do I align my dish for the best signal quality?", reason: "clearer" }, tick());
    expect(titles("satellite")).toEqual(["Satellite dish alignment for television"]);
    expect(titles("printer")).toEqual([]);
  });

  test("an edited answer is found by its new words; a deleted one disappears; a restored one returns", () => {
    const thread = ask("Cannot send text messages to abroad", "My texts to other countries never arrive, local ones do.");
    const answer = createTestAnswer(db, helper, thread.id, "Enable the international option in your account settings.", tick());
    expect(titles("international")).toEqual([thread.title]);
    editPost(db, helper, answer.id, { body: "Turn on the worldwide texting add-on in your dashboard.", reason: "wording" }, tick());
    expect(titles("international")).toEqual([]);
    expect(titles("worldwide")).toEqual([thread.title]);
    deletePost(db, helper, answer.id, tick());
    expect(titles("worldwide")).toEqual([]);
    restorePost(db, mod, answer.id);
    expect(titles("worldwide")).toEqual([thread.title]);
  });

  test("a deleted thread is found by nobody, by its title or its answers", () => {
    const thread = ask("Quokka sticker on my modem fell off", "Is the warranty still valid without the quokka sticker?");
    createTestAnswer(db, helper, thread.id, "The wombat label is only decoration.", tick());
    expect(titles("quokka")).toHaveLength(1);
    deletePost(db, mod, questionOf(thread.id).id, tick());
    expect(titles("quokka")).toEqual([]);
    expect(titles("wombat")).toEqual([]);
    expect(findSimilar(db, "quokka sticker modem")).toEqual([]);
    expect(db.select().from(searchDocuments).where(eq(searchDocuments.refId, thread.id)).all()).toEqual([]);
    restorePost(db, mod, questionOf(thread.id).id);
    expect(titles("wombat")).toHaveLength(1);
  });

  test("a word only a deleted thread had is never offered as a correction, nor found", () => {
    const thread = ask("Wallaby firmware on the repeater", "The wallaby firmware update bricked my repeater overnight.");
    expect(searchContent(db, { q: "walaby" })).toMatchObject({ corrected: "wallaby" });
    deletePost(db, mod, questionOf(thread.id).id, tick());
    expect(searchContent(db, { q: "walaby" })).toMatchObject({ total: 0, corrected: null, suggestion: null });
    expect(findSimilar(db, "walaby")).toEqual([]);
    // Rebuilding forgets the words nobody can read any more.
    rebuildSearchIndex(db);
    expect(db.$client.prepare("select count(*) as n from search_fts_words where word = 'wallaby'").get()).toEqual({ n: 0 });
    restorePost(db, mod, questionOf(thread.id).id);
    expect(searchContent(db, { q: "walaby" })).toMatchObject({ corrected: "wallaby" });
  });

  test("a new answer is read as the rebuild reads it: the same threads before and after", () => {
    const thread = ask("Le décodeur ne s'allume plus", "Le voyant du décodeur reste éteint depuis l'orage.");
    createTestAnswer(db, helper, thread.id, "Les décodeurs grillés sont remplacés gratuitement.", tick());
    createTestAnswer(db, helper, thread.id, "Mine was replaced for free after the storm.", tick());
    const before = ["décodeurs", "remplacé", "replacing", "storms"].map((q) => searchContent(db, { q: `${q} ` }).hits.map((h) => h.id));
    expect(before.every((ids) => ids.includes(thread.id))).toBe(true);
    rebuildSearchIndex(db);
    expect(["décodeurs", "remplacé", "replacing", "storms"].map((q) => searchContent(db, { q: `${q} ` }).hits.map((h) => h.id))).toEqual(before);
  });

  test("rebuilding gives the same results, and a missing index is rebuilt at start", () => {
    const before = searchContent(db, { q: "router" }).hits.map((h) => h.id);
    db.run(sql`delete from search_fts`);
    db.delete(searchDocuments).run();
    expect(titles("router")).toEqual([]);
    expect(ensureSearchIndex(db)).toBe(true);
    expect(searchContent(db, { q: "router" }).hits.map((h) => h.id)).toEqual(before);
    expect(ensureSearchIndex(db)).toBe(false);
    rebuildSearchIndex(db);
    expect(searchContent(db, { q: "router" }).hits.map((h) => h.id)).toEqual(before);
  });
});

describe("synonyms", () => {
  test("a moderator maps a customers' word to the brand's and search expands it", () => {
    const thread = ask("Hub flashing red after the storm", "Our hub has been flashing red since the storm on Sunday.");
    expect(titles("gizmo")).toEqual([]);
    const added = addSynonyms(db, mod, { term: "Gizmo", synonyms: "hub, set-top box" });
    expect(added).toEqual({ ok: true, term: "gizmo", added: ["hub", "set top box"] });
    const results = searchContent(db, { q: "gizmo " });
    expect(results.hits.map((h) => h.id)).toEqual([thread.id]);
    expect(results.expanded).toEqual(["hub", "set top box"]);
    expect(findSimilar(db, "gizmo flashing").map((h) => h.id)).toContain(thread.id);
    expect(listSynonyms(db, mod)).toContainEqual(expect.objectContaining({ term: "gizmo" }));
  });

  test("bad input gets a message beside the field; duplicates are refused", () => {
    expect(addSynonyms(db, mod, { term: "!!!", synonyms: "x" })).toMatchObject({ ok: false, errors: { term: expect.any(String) } });
    expect(addSynonyms(db, mod, { term: "one two three four", synonyms: "x" })).toMatchObject({ ok: false, errors: { term: expect.any(String) } });
    expect(addSynonyms(db, mod, { term: "gizmo", synonyms: "gizmo" })).toMatchObject({ ok: false, errors: { synonyms: expect.any(String) } });
    expect(addSynonyms(db, mod, { term: "gizmo", synonyms: "Hub" })).toMatchObject({ ok: false, errors: { synonyms: expect.any(String) } });
  });

  test("members and visitors can neither list, add nor remove synonyms", () => {
    const row = db.select().from(searchSynonyms).get()!;
    for (const actor of [asker, null]) {
      expectRefused(db, () => listSynonyms(db, actor), actor ? 403 : 401);
      expectRefused(db, () => addSynonyms(db, actor, { term: "thing", synonyms: "router" }), actor ? 403 : 401);
      expectRefused(db, () => removeSynonym(db, actor, row.id), actor ? 403 : 401);
    }
  });

  test("removing a synonym stops the expansion", () => {
    for (const group of listSynonyms(db, mod).filter((g) => g.term === "gizmo")) {
      for (const s of group.synonyms) removeSynonym(db, mod, s.id);
    }
    expect(titles("gizmo")).toEqual([]);
  });
});

describe("similar questions", () => {
  test("up to five, solved ones first, from the words of a title", () => {
    const similar = findSimilar(db, "my router keeps rebooting");
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.length).toBeLessThanOrEqual(5);
    expect(similar[0]).toMatchObject({ solved: true, title: "Router keeps rebooting every evening" });
    const solvedFlags = similar.map((s) => s.solved);
    expect(solvedFlags).toEqual([...solvedFlags].sort((a, b) => Number(b) - Number(a)));
    expect(findSimilar(db, "roaming abroad")).toHaveLength(5);
    expect(findSimilar(db, "the")).toEqual([]);
  });
});

describe("the search log and deflections", () => {
  test("a search is logged normalised; its first click is kept", () => {
    const id = logSearch(db, { query: "  Router   LIGHTS ", resultCount: 4, signedIn: false });
    expect(findSearchLog(db, id, "router lights")).not.toBeNull();
    expect(findSearchLog(db, id, "something else")).toBeNull();
    const thread = searchContent(db, { q: "router" }).hits[0];
    expect(recordSearchClick(db, id, "thread", thread.id)).toBe(thread.path);
    const other = searchContent(db, { q: "voicemail" }).hits[0];
    recordSearchClick(db, id, "thread", other.id);
    expect(db.select().from(searchQueries).where(eq(searchQueries.id, id)).get()).toMatchObject({
      query: "router lights",
      resultCount: 4,
      signedIn: false,
      clickedKind: "thread",
      clickedId: thread.id,
    });
    expect(recordSearchClick(db, id, "thread", 999_999)).toBeNull();
  });

  test("moderators see top queries, failed ones, unclicked ones and deflections for a period; members are refused", () => {
    const now = new Date();
    const period = { from: new Date(now.getTime() - DAY), to: new Date(now.getTime() + 1000) };
    const before = searchInsights(db, mod, period).totals.deflections;
    logSearch(db, { query: "esim transfer", resultCount: 0, signedIn: true });
    logSearch(db, { query: "eSIM transfer", resultCount: 0, signedIn: false });
    logSearch(db, { query: "roaming", resultCount: 23, signedIn: false });
    const target = findSimilar(db, "router rebooting")[0];
    expect(recordDeflection(db, { query: "My router reboots all the time", kind: "thread", id: target.id, signedIn: false })).toBe(target.path);
    expect(recordDeflection(db, { query: "gone", kind: "thread", id: 999_999, signedIn: false })).toBeNull();

    const insights = searchInsights(db, mod, period);
    expect(insights.noResults[0]).toMatchObject({ query: "esim transfer", searches: 2 });
    expect(insights.top).toContainEqual(expect.objectContaining({ query: "esim transfer", searches: 2 }));
    expect(insights.noClick).toContainEqual(expect.objectContaining({ query: "roaming", searches: 1 }));
    expect(insights.noClick.map((r) => r.query)).not.toContain("router lights");
    expect(insights.totals.deflections).toBe(before + 1);
    expect(insights.deflections.recent[0]).toMatchObject({ query: "my router reboots all the time", title: target.title, path: target.path });
    expect(insights.deflections.byTarget).toContainEqual(expect.objectContaining({ id: target.id, deflections: 1 }));

    const outside = searchInsights(db, mod, { from: new Date(now.getTime() - 3 * DAY), to: new Date(now.getTime() - 2 * DAY) });
    expect(outside.totals).toMatchObject({ searches: 0, deflections: 0 });

    expectRefused(db, () => searchInsights(db, asker, period));
    expectRefused(db, () => searchInsights(db, null, period), 401);
  });
});
