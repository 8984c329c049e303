// npm run bench:insights [-- --runs 5]
// The insights' figures (/mod/insights) at forum scale: opens the search
// benchmark's community (data/bench-search.db: 100,000 threads and 500,000
// answers over three years; built by `npm run bench:search` when missing),
// adds a search log, "this answered my question" clicks and article
// feedback once (they are not in that community), then times each figure's
// statement and the whole call for the preset periods and the whole history.
// Issue #17 asks for under 200 ms.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { insights, insightStatements, type InsightsInput } from "../../app/models/insights/insights.server";
import { createDb, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { settings } from "../../db/schema";
import { between, chance, random } from "../bench-search-text";

const DB_FILE = path.resolve(import.meta.dirname, "..", "..", "data", "bench-search.db");
const MARKER_KEY = "benchInsights";
const MARKER_VERSION = 1;
const TARGET_MS = 200;
const DAY = 86_400_000;
// The search community's history ends here (scripts/bench-search.ts).
const HISTORY_END = Date.UTC(2025, 5, 1);
const HISTORY_START = HISTORY_END - 3 * 365 * DAY;
const SEARCHES = 300_000;
const DEFLECTIONS = 20_000;
const ARTICLES = 200;
const FEEDBACK = 30_000;

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } }, strict: true });
const RUNS = Math.max(1, Number.parseInt(args.runs, 10) || 5);

if (!existsSync(DB_FILE)) {
  console.log(`${path.relative(process.cwd(), DB_FILE)} is missing: building it with the search benchmark (one run)...`);
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "..", "..", "node_modules", "tsx", "dist", "cli.mjs"), path.resolve(import.meta.dirname, "..", "bench-search.ts"), "--runs", "1"], {
    stdio: "inherit",
  });
}

const db = createDb(DB_FILE);
migrateDb(db);
addSignals(db);

/** The signals the search community lacks, written once (a marker in settings), spread over its history. */
function addSignals(db: Db) {
  const marker = db.select().from(settings).where(eq(settings.key, MARKER_KEY)).get();
  if (marker && JSON.parse(marker.value).version === MARKER_VERSION) return;
  console.log("Adding a search log, deflections and article feedback...");
  const sqlite = db.$client;
  const at = () => HISTORY_START + Math.floor(random() * (HISTORY_END - HISTORY_START));
  sqlite.transaction(() => {
    sqlite.exec("delete from search_queries; delete from deflections; delete from article_feedback; delete from articles where slug like 'bench-insights-%'");
    const search = sqlite.prepare("insert into search_queries (query, result_count, signed_in, created_at) values (?, ?, ?, ?)");
    for (let i = 0; i < SEARCHES; i++) search.run(`query ${between(1, 5000)}`, chance(0.12) ? 0 : between(1, 40), chance(0.4) ? 1 : 0, at());
    const deflection = sqlite.prepare("insert into deflections (query, target_kind, target_id, signed_in, created_at) values (?, 'thread', ?, ?, ?)");
    for (let i = 0; i < DEFLECTIONS; i++) deflection.run(`title ${i}`, between(1, 100_000), chance(0.5) ? 1 : 0, at());
    const author = (sqlite.prepare("select id from users where role = 'admin' limit 1").get() as { id: number }).id;
    const article = sqlite.prepare(
      "insert into articles (slug, title, body, body_html, category_id, status, author_id, updated_at, created_at) values (?, ?, '', '', ?, 'published', ?, ?, ?) returning id",
    );
    const articleIds: number[] = [];
    for (let i = 0; i < ARTICLES; i++) {
      articleIds.push((article.get(`bench-insights-${i}`, `Article ${i}`, between(1, 5), author, HISTORY_START, HISTORY_START) as { id: number }).id);
    }
    const feedback = sqlite.prepare("insert into article_feedback (article_id, visitor_id, helpful, updated_at, created_at) values (?, ?, ?, ?, ?)");
    for (let i = 0; i < FEEDBACK; i++) {
      const when = at();
      feedback.run(articleIds[i % ARTICLES], `visitor-${i}`, chance(0.7) ? 1 : 0, when, when);
    }
    sqlite.prepare("insert or replace into settings (key, value) values (?, ?)").run(MARKER_KEY, JSON.stringify({ version: MARKER_VERSION }));
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
}

const moderator = db.$client.prepare("select * from users where role = 'moderator' limit 1").get() as { id: number; role: "moderator"; reputation: number };
const actor = { ...moderator, language: "en" as const } as unknown as Parameters<typeof insights>[1];

const cases: { label: string; input: InsightsInput }[] = [
  { label: "last 7 days", input: { from: new Date(HISTORY_END - 7 * DAY), to: new Date(HISTORY_END) } },
  { label: "last 30 days", input: { from: new Date(HISTORY_END - 30 * DAY), to: new Date(HISTORY_END) } },
  { label: "last 90 days", input: { from: new Date(HISTORY_END - 90 * DAY), to: new Date(HISTORY_END) } },
  { label: "last 90 days, one category", input: { from: new Date(HISTORY_END - 90 * DAY), to: new Date(HISTORY_END), categoryId: 2 } },
  { label: "custom: last year", input: { from: new Date(HISTORY_END - 365 * DAY), to: new Date(HISTORY_END) } },
  { label: "custom: the whole history (3 years)", input: { from: new Date(HISTORY_START), to: new Date(HISTORY_END) } },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const threadCount = (db.$client.prepare("select count(*) as n from threads").get() as { n: number }).n;
console.log(`\nInsights over ${threadCount.toLocaleString("en")} threads, median of ${RUNS} runs (target: under ${TARGET_MS} ms for the whole page's figures)\n`);

let worstPreset = 0;
for (const { label, input } of cases) {
  const statements = insightStatements(db, input);
  const parts: string[] = [];
  for (const [name, run] of Object.entries(statements)) {
    run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      run();
      times.push(performance.now() - started);
    }
    parts.push(`${name} ${ms(median(times))}`);
  }
  insights(db, actor, input);
  const totals: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    insights(db, actor, input);
    totals.push(performance.now() - started);
  }
  const total = median(totals);
  if (!label.startsWith("custom")) worstPreset = Math.max(worstPreset, total);
  console.log(`${label.padEnd(38)} all figures ${ms(total).padStart(9)}   (${parts.join(", ")})`);
}
console.log(`\nPreset periods under ${TARGET_MS} ms: ${worstPreset < TARGET_MS ? "yes" : "NO"} (slowest ${ms(worstPreset)})`);
db.$client.close();
