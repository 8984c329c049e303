// npm run bench:search [-- --fresh] [-- --runs 5] [-- --verbose] [-- --threads 10000]
// Search at forum scale: builds (once) a community of 100,000 threads and
// 500,000 answers from a fixed seed in data/bench-search.db, indexes it with
// our own rebuildSearchIndex, then times searchContent and findSimilar over a
// fixed set of queries. --fresh builds the database again; --threads N builds
// a smaller (or larger) community, five answers a thread, in its own file
// (data/bench-search-N.db), for quick tries.
import { existsSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { findSimilar, searchContent, type SearchRequest } from "../app/models/search/search.server";
import { rebuildSearchIndex } from "../app/models/search/search-index.server";
import { slugify } from "../app/models/forum/thread.server";
import { createDb, type Db } from "../db/client";
import { migrateDb } from "../db/migrate";
import { categories, settings } from "../db/schema";
import {
  SEED,
  ANSWER_SENTENCES,
  CATEGORIES,
  DEVICES,
  ERROR_CODES,
  FIRST_NAMES,
  LAST_NAMES,
  NOUNS,
  PLACES,
  QUESTION_SENTENCES,
  RARE_WORDS,
  between,
  chance,
  makeBody,
  makeSentences,
  makeSubject,
  makeTitle,
  pick,
  random,
  zipf,
} from "./bench-search-text";

// Bump when the generator changes, so an older database is built again.
const GENERATOR_VERSION = 2;
const DEFAULT_THREADS = 100_000;
const USERS = 5_000;
const TAGS = 300;
const THREADS_PER_TRANSACTION = 2_000;
// p95 targets: issue #14 asks searches (French and misspelt ones included,
// now that words are read as stems) to stay under 50 ms at this scale, as
// the similar questions do; issue #11's 20 ms is printed too.
const SEARCH_TARGET_MS = 50;
const SEARCH_EARLIER_TARGET_MS = 20;
const SIMILAR_TARGET_MS = 50;
const MARKER_KEY = "benchSearch";

// Fixed dates, not "now": the same seed must give the same database.
const DAY = 86_400_000;
const HISTORY_END = Date.UTC(2025, 5, 1);
const HISTORY_START = HISTORY_END - 3 * 365 * DAY;

const { values: args } = parseArgs({
  options: {
    fresh: { type: "boolean", default: false },
    runs: { type: "string", default: "5" },
    verbose: { type: "boolean", default: false },
    threads: { type: "string", default: String(DEFAULT_THREADS) },
  },
  strict: true,
});
const RUNS = Math.max(1, Number.parseInt(args.runs, 10) || 5);
const THREADS = Math.max(100, Number.parseInt(args.threads, 10) || DEFAULT_THREADS);
const ANSWERS = THREADS * 5;
const DB_FILE = path.resolve(
  import.meta.dirname,
  "..",
  "data",
  THREADS === DEFAULT_THREADS ? "bench-search.db" : `bench-search-${THREADS}.db`,
);

// ---------------------------------------------------------------------------
// Generation: straight into the tables with prepared statements, in large
// transactions (the model functions hash passwords and render markdown per row).

type Marker = { version: number; seed: number; threads: number; answers: number; generatedMs: number; indexedMs: number };

function readMarker(db: Db): Marker | null {
  const row = db.select().from(settings).where(eq(settings.key, MARKER_KEY)).get();
  if (!row) return null;
  const marker = JSON.parse(row.value) as Marker;
  const current = marker.version === GENERATOR_VERSION && marker.seed === SEED && marker.threads === THREADS && marker.answers === ANSWERS;
  return current ? marker : null;
}

function indexComplete(db: Db): boolean {
  const indexed = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return indexed("search_documents") === THREADS && indexed("search_fts") === THREADS && indexed("search_fts_text") === THREADS;
}

function removeDatabase() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
}

function tagNames(): string[] {
  const names = new Set<string>();
  const add = (name: string) => {
    const tag = slugify(name).slice(0, 25);
    if (tag.length >= 2) names.add(tag);
  };
  for (const category of CATEGORIES) category.topics.forEach(add);
  NOUNS.forEach(add);
  DEVICES.forEach(add);
  PLACES.forEach((p) => add(`outage ${p}`));
  for (const code of ERROR_CODES) {
    if (names.size >= TAGS) break;
    add(`error ${code}`);
  }
  return [...names].slice(0, TAGS);
}

/** How many answers each thread gets: none for some, a few for most, many for a few; exactly ANSWERS in all. */
function answerCounts(): Int32Array {
  const counts = new Int32Array(THREADS);
  let total = 0;
  for (let i = 0; i < THREADS; i++) {
    counts[i] = chance(0.08) ? 0 : Math.min(60, 1 + Math.floor(-Math.log(1 - random()) * 4.4));
    total += counts[i];
  }
  while (total < ANSWERS) {
    const i = Math.floor(random() * THREADS);
    if (counts[i] === 0) continue;
    counts[i]++;
    total++;
  }
  while (total > ANSWERS) {
    const i = Math.floor(random() * THREADS);
    if (counts[i] < 2) continue;
    counts[i]--;
    total--;
  }
  return counts;
}

function generate(db: Db) {
  const sqlite = db.$client;
  // A half-built database is thrown away (no marker), so durability does not matter here.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -262144");
  // The application's triggers (the page cache's version) are for its own
  // writes; firing one per row would make the load several times slower.
  // They are put back, as they were, once the rows are written.
  const triggers = sqlite.prepare("select name, sql from sqlite_schema where type = 'trigger'").all() as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`drop trigger "${trigger.name.replaceAll('"', '""')}"`);

  const insertUser = sqlite.prepare(
    "insert into users (id, username, email, display_name, password_hash, role, reputation, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertCategory = sqlite.prepare("insert into categories (id, slug, name, description, position, created_at) values (?, ?, ?, ?, ?, ?)");
  const insertTag = sqlite.prepare("insert into tags (id, name, created_at) values (?, ?, ?)");
  const insertThread = sqlite.prepare(
    `insert into threads (id, title, slug, category_id, author_id, score, answer_count, accepted_answer_id, view_count,
       last_activity_at, last_activity_by_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPost = sqlite.prepare(
    "insert into posts (id, thread_id, kind, author_id, body, body_html, score, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertThreadTag = sqlite.prepare("insert into thread_tags (thread_id, tag_id) values (?, ?)");

  const tags = tagNames();
  sqlite.transaction(() => {
    for (let id = 1; id <= USERS; id++) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const username = `${slugify(first)}${slugify(last).slice(0, 3)}${id}`;
      const role = id <= 3 ? "admin" : id <= 25 ? "moderator" : "member";
      const createdAt = HISTORY_START - 365 * DAY + Math.floor(random() * (HISTORY_END - HISTORY_START));
      insertUser.run(id, username, `${username}@example.test`, `${first} ${last}`, "bench-not-a-real-hash", role, between(1, 400), createdAt);
    }
    CATEGORIES.forEach((c, i) => insertCategory.run(i + 1, c.slug, c.name, c.description, i, HISTORY_START));
    tags.forEach((name, i) => insertTag.run(i + 1, name, HISTORY_START));
  })();

  const tagIds = new Map(tags.map((name, i) => [name, i + 1]));
  const commonTag = zipf(tags, 1.1);
  const categoryTopics = CATEGORIES.map((c) => zipf(c.topics, 0.9));
  // Some members write much more than others.
  const author = zipf(Array.from({ length: USERS }, (_, i) => i + 1), 0.8);
  const counts = answerCounts();
  const span = HISTORY_END - HISTORY_START;
  let postId = 0;

  const writeThreads = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const threadId = i + 1;
      const categoryIndex = Math.floor(random() * CATEGORIES.length);
      const topic = categoryTopics[categoryIndex];
      const subject = makeSubject(topic, chance(0.1));
      const createdAt = HISTORY_START + Math.floor(((i + random()) / THREADS) * span);
      const title = makeTitle(subject);
      const askerId = author();
      const questionId = ++postId;
      const question = makeBody(makeSentences(between(2, 6), QUESTION_SENTENCES, subject));
      const answers: { id: number; authorId: number; createdAt: number; body: string; bodyHtml: string; score: number }[] = [];
      let at = createdAt;
      for (let a = 0; a < counts[i]; a++) {
        at = Math.min(HISTORY_END, at + Math.floor(-Math.log(1 - random()) * 6 * 3_600_000));
        const text = makeBody(makeSentences(between(1, 5), ANSWER_SENTENCES, subject, subject.french && chance(0.8)));
        answers.push({ id: ++postId, authorId: author(), createdAt: at, score: chance(0.6) ? 0 : between(-1, 12), ...text });
      }
      const accepted = answers.length && chance(0.44) ? pick(answers) : null;
      const last = answers[answers.length - 1];
      const score = chance(0.5) ? 0 : between(-2, 25);
      insertThread.run(
        threadId, title, slugify(title), categoryIndex + 1, askerId, score, answers.length, accepted?.id ?? null,
        between(5, 5_000), last?.createdAt ?? createdAt, last?.authorId ?? askerId, createdAt,
      );
      insertPost.run(questionId, threadId, "question", askerId, question.body, question.bodyHtml, score, createdAt);
      for (const answer of answers) {
        insertPost.run(answer.id, threadId, "answer", answer.authorId, answer.body, answer.bodyHtml, answer.score, answer.createdAt);
      }
      const threadTagIds = new Set<number>();
      const tagCount = between(0, 3);
      for (let t = 0; t < tagCount; t++) {
        const name = t === 0 && chance(0.6) ? slugify(subject.topics[0]).slice(0, 25) : commonTag();
        const id = tagIds.get(name);
        if (id) threadTagIds.add(id);
      }
      for (const id of threadTagIds) insertThreadTag.run(threadId, id);
    }
  });
  for (let from = 0; from < THREADS; from += THREADS_PER_TRANSACTION) {
    writeThreads(from, Math.min(THREADS, from + THREADS_PER_TRANSACTION));
    const done = Math.min(THREADS, from + THREADS_PER_TRANSACTION);
    if (process.stdout.isTTY) process.stdout.write(`\r  threads written: ${count(done)} / ${count(THREADS)}`);
  }
  if (process.stdout.isTTY) process.stdout.write("\n");
  for (const trigger of triggers) sqlite.exec(trigger.sql);
  sqlite.pragma("foreign_keys = ON");
}

/** Indexes through our own code, on a connection set up as the server's is; returns the time it took. */
function indexWithOurCode(db: Db): number {
  const started = performance.now();
  rebuildSearchIndex(db);
  const indexedMs = performance.now() - started;
  console.log(`  indexed in ${seconds(indexedMs)}`);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return indexedMs;
}

function prepareDatabase(): { reused: boolean; marker: Marker } {
  if (args.fresh) removeDatabase();
  if (existsSync(DB_FILE)) {
    const db = createDb(DB_FILE);
    migrateDb(db);
    const marker = readMarker(db);
    if (marker && !indexComplete(db)) {
      // A migration may have rebuilt the search tables since: index again.
      console.log("  The search index is not complete: rebuilding it.");
      marker.indexedMs = indexWithOurCode(db);
      db.update(settings).set({ value: JSON.stringify(marker) }).where(eq(settings.key, MARKER_KEY)).run();
    }
    db.$client.close();
    if (marker) return { reused: true, marker };
    console.log(`  ${DB_FILE} is incomplete or from another generator version: building it again.`);
    removeDatabase();
  }

  console.log(`Building ${path.relative(process.cwd(), DB_FILE)} (seed ${SEED})...`);
  const generation = createDb(DB_FILE);
  migrateDb(generation);
  const started = performance.now();
  generate(generation);
  const generatedMs = performance.now() - started;
  generation.$client.close();
  console.log(`  generated in ${seconds(generatedMs)}`);

  const db = createDb(DB_FILE);
  const indexedMs = indexWithOurCode(db);
  const marker: Marker = { version: GENERATOR_VERSION, seed: SEED, threads: THREADS, answers: ANSWERS, generatedMs, indexedMs };
  // Written last: its presence means the database is complete.
  db.insert(settings).values({ key: MARKER_KEY, value: JSON.stringify(marker) }).run();
  db.$client.close();
  return { reused: false, marker };
}

// ---------------------------------------------------------------------------
// Measuring.

type SearchCase = { label: string; request: SearchRequest };

function searchCases(db: Db): SearchCase[] {
  const categoryId = (slug: string) => db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).get()!.id;
  const plain = (q: string): SearchCase => ({ label: JSON.stringify(q), request: { q } });
  return [
    // Single common words.
    plain("bill"),
    plain("router"),
    plain("wifi"),
    plain("payment"),
    plain("internet"),
    // Rare words (from the long tail), product names, codes.
    plain(RARE_WORDS[4_000]),
    plain(RARE_WORDS[150]),
    plain("Fairphone"),
    plain(ERROR_CODES[3]),
    plain("NMB-48213"),
    // Two or three words.
    plain("roaming charges"),
    plain("router keeps disconnecting"),
    plain("esim activation"),
    plain("direct debit failed"),
    plain("porting number"),
    // Natural-language questions.
    plain("why is my bill higher this month"),
    plain("how do I cancel my contract"),
    plain("my wifi keeps dropping every evening"),
    plain("can I keep my number when I switch provider"),
    plain("internet very slow since the outage"),
    // A last word still being typed.
    plain("rout"),
    plain("invoi"),
    plain("my bill is wro"),
    plain("ro"),
    // Accents, typed or not.
    plain("facturé"),
    plain("resiliation"),
    plain("débit réseau"),
    plain("forfait mobile"),
    // French: inflections, elision, stop words, the glossary's English words.
    plain("factures"),
    plain("remboursement après la panne"),
    plain("mot de passe oublié"),
    plain("l'espace client"),
    plain("ma box ne fonctionne plus depuis hier"),
    plain("résilier mon abonnement"),
    // Misspelt (nothing matches as typed: corrected from the index's words) and compounds.
    plain("wifii"),
    plain("invoce"),
    plain("rooter"),
    plain("resiliaton"),
    plain("vociemail pin"),
    plain("roamng charges abroad"),
    plain("Wi-Fi"),
    plain("wi fi channel"),
    plain("restarting"),
    // Nothing to find.
    plain("xylophone quantum"),
    plain("zzzqqqx"),
    // Hostile syntax: must neither fail nor be slow.
    plain('"NEAR('),
    plain("-*"),
    plain("AND OR"),
    plain('bill* OR "router'),
    plain("title:bill ((("),
    // Filters, sorting, pages.
    { label: '"bill" in billing', request: { q: "bill", filters: { categoryId: categoryId("billing") } } },
    { label: '"router" tagged router', request: { q: "router", filters: { tag: "router" } } },
    { label: '"wifi" solved', request: { q: "wifi", filters: { status: "solved" } } },
    { label: '"sim card" unsolved', request: { q: "sim card", filters: { status: "unsolved" } } },
    { label: '"refund" in billing, solved', request: { q: "refund", filters: { categoryId: categoryId("billing"), status: "solved" } } },
    { label: '"bill" newest', request: { q: "bill", sort: "newest" } },
    { label: '"router wifi" newest', request: { q: "router wifi", sort: "newest" } },
    { label: '"bill" page 3', request: { q: "bill", page: 3 } },
    { label: '"signal" newest, page 3', request: { q: "signal", sort: "newest", page: 3 } },
  ];
}

const SIMILAR_TITLES = [
  "My bill is higher than last month",
  "Router keeps restarting every night",
  "How do I activate my eSIM on a new phone",
  "Roaming charges in Spain even though I have a bundle",
  "Cannot log in to the app after password reset",
  "Fibre installation appointment cancelled twice",
  "Résiliation de mon forfait mobile",
  "TV decoder shows error E-1042",
  "Direct debit failed but I have money in the bank",
  "Porting my number from another provider",
  "Ma facture a augmenté ce mois-ci",
  "Pas de réseau depuis la mise à jour",
  "wifii keeps droping every evening",
];

type Timing = { label: string; ms: number[]; results: number };

function elapsed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function measure<T>(cases: { label: string; run: () => T; count: (result: T) => number }[]): Timing[] {
  // The first run of each warms the page cache and the statement cache.
  const timings = cases.map((c) => ({ label: c.label, ms: [] as number[], results: c.count(c.run()) }));
  for (let r = 0; r < RUNS; r++) cases.forEach((c, i) => timings[i].ms.push(elapsed(c.run)));
  return timings;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarise(timings: Timing[]) {
  const all = timings.flatMap((t) => t.ms).sort((a, b) => a - b);
  return { p50: percentile(all, 50), p95: percentile(all, 95), max: all[all.length - 1], samples: all.length };
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString("en");

function statLine(name: string, timings: Timing[], unit: string) {
  const s = summarise(timings);
  return `${name.padEnd(14)} ${String(timings.length).padStart(2)} ${unit} × ${RUNS} runs   p50 ${ms(s.p50).padStart(9)}   p95 ${ms(s.p95).padStart(9)}   max ${ms(s.max).padStart(9)}`;
}

function printTimings(title: string, timings: Timing[], limit = timings.length) {
  console.log(title);
  const ordered = [...timings].sort((a, b) => median(b.ms) - median(a.ms)).slice(0, limit);
  for (const t of ordered) console.log(`  ${ms(median(t.ms)).padStart(9)}  ${t.label.padEnd(52)} ${count(t.results).padStart(7)} results`);
}

/** The FTS5 tables' size, where SQLite was built with the dbstat table. */
function searchIndexBytes(db: Db): number | null {
  try {
    return (db.$client.prepare("select sum(pgsize) as n from dbstat where name like 'search_fts%'").get() as { n: number }).n;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------

const { reused, marker } = prepareDatabase();
const db = createDb(DB_FILE);

const rowCount = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const answerCount = (db.$client.prepare("select count(*) as n from posts where kind = 'answer'").get() as { n: number }).n;
const sizeBytes = ["", "-wal"].reduce((sum, suffix) => sum + (existsSync(DB_FILE + suffix) ? statSync(DB_FILE + suffix).size : 0), 0);
const indexBytes = searchIndexBytes(db);

// Other work on the machine skews every figure: say how busy it was.
const loadBefore = os.loadavg()[0];
const searches = measure(
  searchCases(db).map((c) => ({ label: c.label, run: () => searchContent(db, c.request), count: (r: ReturnType<typeof searchContent>) => r.total })),
);
const similar = measure(
  SIMILAR_TITLES.map((title) => ({ label: JSON.stringify(title), run: () => findSimilar(db, title), count: (r: ReturnType<typeof findSimilar>) => r.length })),
);

const cpus = os.cpus();
const sqliteVersion = (db.$client.prepare("select sqlite_version() as v").get() as { v: string }).v;
console.log("\nEntraide search benchmark");
console.log(
  `  machine    ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}, SQLite ${sqliteVersion}, ` +
    `load average ${loadBefore.toFixed(1)} before measuring`,
);
console.log(
  `  database   ${path.relative(process.cwd(), DB_FILE)}, ${(sizeBytes / 1024 ** 2).toFixed(0)} MB` +
    (indexBytes ? ` (search index ${(indexBytes / 1024 ** 2).toFixed(0)} MB)` : "") +
    `, ${reused ? "reused" : "built now"}: generated in ${seconds(marker.generatedMs)}, indexed in ${seconds(marker.indexedMs)}`,
);
console.log(
  `  rows       ${count(rowCount("users"))} users, ${count(rowCount("categories"))} categories, ${count(rowCount("tags"))} tags, ` +
    `${count(rowCount("threads"))} threads, ${count(answerCount)} answers, ${count(rowCount("search_documents"))} search documents`,
);
console.log("");
console.log(statLine("searchContent", searches, "queries"));
console.log(statLine("findSimilar", similar, "titles "));
console.log("");
if (args.verbose) {
  printTimings("searchContent, every query (median):", searches);
  printTimings("findSimilar, every title (median):", similar);
} else {
  printTimings("Slowest searches (median):", searches, 5);
  printTimings("Slowest suggestions (median):", similar, 3);
}
const verdict = (name: string, timings: Timing[], target: number) => {
  const { p95 } = summarise(timings);
  return `p95 < ${target} ms: ${name} ${p95 < target ? "yes" : "NO"} (${ms(p95)})`;
};
console.log(
  `\n${verdict("searchContent", searches, SEARCH_TARGET_MS)}; ${verdict("findSimilar", similar, SIMILAR_TARGET_MS)}; ` +
    `(${verdict("searchContent", searches, SEARCH_EARLIER_TARGET_MS)})`,
);
db.$client.close();
