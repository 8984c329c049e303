// npm run bench:pages [-- --duration 10] [-- --connections 10] [-- --rounds 1] [-- --warmup 3]
//                     [-- --only thread-out,thread-in,home,category,search,kb,answers] [-- --fresh]
//
// Entraide's pages against a bare server on the same data, in one run: builds
// (once) the benchmark community in data/bench-pages.db, starts the real
// application (scripts/server.ts, production mode) and the baseline
// (baseline-server.ts: node:http + better-sqlite3, one process) on loopback
// ports, signs the bench member in through the real /login form, then for
// each page measures the application and the baseline in turn with
// autocannon. Prints requests/s, p50/p99 latency and each page's ratio to the
// baseline against the targets of issue #11, and the answers posted per
// second through the real write path (scripts/bench/answers.ts).
//
// Exits 1 when the measurement itself is not valid (a server failed, a
// response was not a 2xx), 2 when a target is missed.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import autocannon, { type Instance, type Result } from "autocannon";
import { ensureBenchCommunity, type BenchCommunity } from "./community";
import { freePort, HOST, ROOT, startServer, waitUntilReady, type Server } from "./servers";

type PageKey = "thread-out" | "thread-in" | "home" | "category" | "search" | "kb";
type Page = { key: PageKey; label: string; path: (c: BenchCommunity) => string; signedIn: boolean; target: number | null };

// The targets of issue #11, as shares of the baseline's requests per second.
const PAGES: Page[] = [
  { key: "thread-out", label: "thread page, signed out", path: (c) => c.paths.thread, signedIn: false, target: 0.5 },
  { key: "thread-in", label: "thread page, signed in", path: (c) => c.paths.thread, signedIn: true, target: 0.05 },
  { key: "home", label: "home", path: (c) => c.paths.home, signedIn: false, target: 0.4 },
  { key: "category", label: "category list", path: (c) => c.paths.category, signedIn: false, target: 0.4 },
  { key: "search", label: "search", path: (c) => c.paths.search, signedIn: false, target: null },
  { key: "kb", label: "knowledge-base article", path: (c) => c.paths.article, signedIn: false, target: 0.4 },
];
const ANSWERS_KEY = "answers";
const ANSWERS_TARGET = 300;
const ANSWERS_MODULE = path.join(import.meta.dirname, "answers.ts");
const RUN_DB = path.join(ROOT, "data", "bench-pages-run.db");
const APP_START_TIMEOUT_MS = 120_000;
const BASELINE_START_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 300_000;
const ANSWERS_TIMEOUT_MS = 300_000;

// What Ctrl-C or a failure must stop: the load in progress and the servers.
let current: Instance | null = null;
const running: Server[] = [];

// ---------------------------------------------------------------------------
// Options.

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "1" },
    only: { type: "string" },
    fresh: { type: "boolean", default: false },
  },
  strict: true,
});

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${value}".`);
  return n;
}

const DURATION = positive("duration", args.duration);
const CONNECTIONS = Math.round(positive("connections", args.connections));
const WARMUP = positive("warmup", args.warmup);
const ROUNDS = Math.round(positive("rounds", args.rounds));

function selected(): { pages: Page[]; answers: boolean } {
  if (!args.only) return { pages: PAGES, answers: true };
  const keys = args.only.split(",").map((k) => k.trim()).filter(Boolean);
  const known = [...PAGES.map((p) => p.key as string), ANSWERS_KEY];
  const unknown = keys.filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`--only: unknown ${unknown.join(", ")}; choose among ${known.join(", ")}.`);
  return { pages: PAGES.filter((p) => keys.includes(p.key)), answers: keys.includes(ANSWERS_KEY) };
}

// ---------------------------------------------------------------------------
// Setting up: the build, the database, the servers, the session.

function ensureAppBuild() {
  if (existsSync(path.join(ROOT, "build", "index.js"))) return;
  console.log("No build found: running `npm run build`...");
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", timeout: BUILD_TIMEOUT_MS });
  if (build.status !== 0) throw new Error("`npm run build` failed.");
}

function removeRunDatabase() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(RUN_DB + suffix, { force: true });
}

/**
 * The servers read and write a copy: the application counts views, keeps
 * sessions and logs searches, and each run must start from the same database.
 */
function copyForRun(dbPath: string): string {
  removeRunDatabase();
  copyFileSync(dbPath, RUN_DB);
  return RUN_DB;
}

async function startServers(dbPath: string): Promise<{ app: Server; baseline: Server }> {
  const [appPort, baselinePort] = [await freePort(), await freePort()];
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: dbPath,
    PORT: String(appPort),
    HOST,
    SEED_DEMO: "false",
    NODE_ENV: "production",
  };
  // The origin check compares with PUBLIC_URL when it is set: here the site is the loopback address.
  delete appEnv.PUBLIC_URL;
  stopServersOnInterrupt();
  const app = startServer("Entraide", appPort, "scripts/server.ts", [], appEnv);
  const baseline = startServer("The baseline", baselinePort, "scripts/bench/baseline-server.ts", ["--db", dbPath, "--port", String(baselinePort), "--host", HOST], {
    ...process.env,
    NODE_ENV: "production",
  });
  running.push(app, baseline);
  await Promise.all([waitUntilReady(app, "/", APP_START_TIMEOUT_MS), waitUntilReady(baseline, "/", BASELINE_START_TIMEOUT_MS)]);
  return { app, baseline };
}

/** Signs in through the real form, as a browser does (same-origin POST), and returns the session cookie. */
async function signIn(app: Server, member: BenchCommunity["member"]): Promise<string> {
  const response = await fetch(`${app.origin}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: app.origin },
    body: new URLSearchParams({ login: member.username, password: member.password }),
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((c) => c.startsWith("entraide_session="));
  if (response.status !== 302 || !session) throw new Error(`Signing in as ${member.username} failed: HTTP ${response.status}, no session cookie.`);
  return session.split(";")[0];
}

type Check = { bytes: number };

/** One request before measuring: a page that is an error, a redirect or the wrong person's page would make the figures worthless. */
async function checkPage(server: Server, pagePath: string, headers: Record<string, string>, expect: string | null): Promise<Check> {
  const response = await fetch(server.origin + pagePath, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${server.name} answered ${pagePath} with HTTP ${response.status}.`);
  if (expect && !html.includes(expect)) throw new Error(`${server.name}'s ${pagePath} does not show "${expect}": not the page meant to be measured.`);
  return { bytes: Buffer.byteLength(html) };
}

// ---------------------------------------------------------------------------
// Measuring.

type Round = { perSecond: number; p50: number; p99: number; completed: number; failures: string | null };

function failuresOf(result: Result): string | null {
  if (!result.non2xx && !result.errors && !result.timeouts) return null;
  const statuses = Object.entries(result.statusCodeStats)
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, { count }]) => `${count} × HTTP ${code}`);
  if (result.errors) statuses.push(`${result.errors} errors`);
  if (result.timeouts) statuses.push(`${result.timeouts} timeouts`);
  return statuses.join(", ");
}

async function round(server: Server, pagePath: string, headers: Record<string, string>): Promise<Round> {
  if (!server.running()) throw new Error(`${server.name} stopped:\n${server.output()}`);
  current = autocannon({
    url: server.origin + pagePath,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
    warmup: { connections: CONNECTIONS, duration: WARMUP },
  });
  const result = await current;
  current = null;
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed: result.requests.total,
    failures: failuresOf(result),
  };
}

/**
 * The median round by requests per second, with its latencies (figures of
 * one round, not a mix), and the failures of every round: a failure in any
 * round makes the page's figures worthless.
 */
function medianRound(rounds: Round[]): Round {
  const median = [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor((rounds.length - 1) / 2)];
  const failures = rounds.map((r) => r.failures).filter(Boolean);
  return {
    ...median,
    completed: rounds.reduce((sum, r) => sum + r.completed, 0),
    failures: failures.length ? failures.join("; ") : null,
  };
}

type Measurement = { page: Page; app: Round; baseline: Round; appBytes: number; baselineBytes: number };

async function measurePage(page: Page, community: BenchCommunity, servers: { app: Server; baseline: Server }, cookie: string): Promise<Measurement> {
  const pagePath = page.path(community);
  const appHeaders: Record<string, string> = page.signedIn ? { cookie } : {};
  // Signed in, the page names the member; signed out, it offers to sign in.
  const appCheck = await checkPage(servers.app, pagePath, appHeaders, page.signedIn ? community.member.username : "Sign in");
  const baselineCheck = await checkPage(servers.baseline, pagePath, {}, null);
  const app: Round[] = [];
  const baseline: Round[] = [];
  // Turn and turn about, so that whatever else the machine does weighs on both alike.
  for (let r = 0; r < ROUNDS; r++) {
    process.stdout.write(`  ${page.label.padEnd(26)} Entraide...`);
    app.push(await round(servers.app, pagePath, appHeaders));
    process.stdout.write(` ${fixed(app[r].perSecond)}/s, baseline...`);
    baseline.push(await round(servers.baseline, pagePath, {}));
    process.stdout.write(` ${fixed(baseline[r].perSecond)}/s\n`);
  }
  return { page, app: medianRound(app), baseline: medianRound(baseline), appBytes: appCheck.bytes, baselineBytes: baselineCheck.bytes };
}

type AnswersResult = { answers: number; seconds: number; perSecond: number };
type AnswersModule = { measureAnswersPerSecond: (dbPath: string) => Promise<AnswersResult> };

/** Answers posted through the model, by scripts/bench/answers.ts (on its own copy of the database); null when it is not there. */
async function measureAnswers(dbPath: string): Promise<AnswersResult | null> {
  if (!existsSync(ANSWERS_MODULE)) return null;
  const module = (await import(pathToFileURL(ANSWERS_MODULE).href)) as AnswersModule;
  let timer: NodeJS.Timeout | undefined;
  const tooLong = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Measuring answers took more than ${ANSWERS_TIMEOUT_MS / 1000} s.`)), ANSWERS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([module.measureAnswersPerSecond(dbPath), tooLong]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// Reporting.

const fixed = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
// autocannon records latencies in whole milliseconds.
const ms = (n: number) => `${Math.round(n)} ms`;
// One decimal, so that a ratio just under its target never reads as equal to it.
const percent = (n: number) => `${(n * 100).toFixed(1)} %`;
const targetPercent = (n: number) => `≥ ${Math.round(n * 100)} %`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function verdict(m: Measurement): { ratio: number; result: string; missed: boolean } {
  const ratio = m.app.perSecond / m.baseline.perSecond;
  if (m.app.failures || m.baseline.failures) return { ratio, result: "INVALID", missed: false };
  if (m.page.target === null) return { ratio, result: "(no target)", missed: false };
  const met = ratio >= m.page.target;
  return { ratio, result: met ? "pass" : "FAIL", missed: !met };
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [n, row] of rows.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("   "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("   "));
  }
}

function printSetting(community: BenchCommunity, loadBefore: number) {
  const cpus = os.cpus();
  const { rows, thread } = community;
  const count = (n: number) => n.toLocaleString("en");
  console.log("\nEntraide pages benchmark");
  console.log(`  machine    ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}, load average ${loadBefore.toFixed(1)} before measuring`);
  console.log(
    `  database   ${path.relative(ROOT, community.dbPath)} (${community.reused ? "reused" : "built now"}, built in ${community.buildSeconds.toFixed(0)} s): ` +
      `${count(rows.threads)} threads, ${count(rows.answers)} answers, ${count(rows.comments)} comments, ${count(rows.users)} users, ${rows.articles} articles`,
  );
  console.log(`  thread     ${community.paths.thread}: ${thread.answers} answers, ${thread.comments} comments`);
  console.log(`  Entraide   scripts/server.ts, NODE_ENV=production, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "(unset: the server's default)"}`);
  console.log("  baseline   scripts/bench/baseline-server.ts: node:http + better-sqlite3, one process, an HTML string per page");
  console.log(
    `  load       autocannon, ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${DURATION} s per round, ` +
      `Entraide then baseline for each page${ROUNDS > 1 ? `, ${ROUNDS} times (the median round is shown)` : ""}\n`,
  );
}

function printResults(measurements: Measurement[]): { invalid: boolean; missed: boolean } {
  const header = ["page", "Entraide req/s", "p50", "p99", "baseline req/s", "p50", "p99", "ratio", "target", "result", "size: Entraide / baseline"];
  const rows = measurements.map((m) => {
    const v = verdict(m);
    return [
      m.page.label,
      fixed(m.app.perSecond), ms(m.app.p50), ms(m.app.p99),
      fixed(m.baseline.perSecond), ms(m.baseline.p50), ms(m.baseline.p99),
      percent(v.ratio), m.page.target === null ? "—" : targetPercent(m.page.target), v.result,
      `${kb(m.appBytes)} / ${kb(m.baselineBytes)}`,
    ];
  });
  if (rows.length) printTable([header, ...rows]);
  const failures = measurements.flatMap((m) => [
    ...(m.app.failures ? [`${m.page.label}, Entraide: ${m.app.failures} of ${m.app.completed} responses`] : []),
    ...(m.baseline.failures ? [`${m.page.label}, baseline: ${m.baseline.failures} of ${m.baseline.completed} responses`] : []),
  ]);
  if (failures.length) {
    console.error("\nNOT VALID: some responses were not 2xx, so those figures measure error pages:");
    for (const line of failures) console.error(`  ${line}`);
  }
  return { invalid: failures.length > 0, missed: measurements.some((m) => verdict(m).missed) };
}

function printAnswers(result: AnswersResult | null): boolean {
  if (!result) {
    console.log(`\nanswers posted: not measured (${path.relative(ROOT, ANSWERS_MODULE)} is not there yet)`);
    return false;
  }
  const met = result.perSecond >= ANSWERS_TARGET;
  console.log(
    `\nanswers posted through the model: ${result.answers} in ${result.seconds.toFixed(1)} s = ${fixed(result.perSecond)}/s ` +
      `(target ≥ ${ANSWERS_TARGET}/s: ${met ? "pass" : "FAIL"})`,
  );
  return !met;
}

// ---------------------------------------------------------------------------

async function stopEverything() {
  current?.stop();
  await Promise.all(running.map((s) => s.stop()));
  removeRunDatabase();
}

/**
 * From the moment servers run, Ctrl-C stops the load and both servers before
 * leaving. Not before: building the database is one long synchronous task
 * that a handler could not interrupt (a half-built database has no marker
 * and is built again next time).
 */
function stopServersOnInterrupt() {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // Every time, not once: npm and tsx pass a Ctrl-C on as well, and the
    // second signal must not end the process before the servers are stopped.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping the servers.`);
      void stopEverything().finally(() => process.exit(130));
    });
  }
}

async function main(): Promise<number> {
  const { pages, answers } = selected();
  ensureAppBuild();
  const community = await ensureBenchCommunity({ fresh: args.fresh });
  const measurements: Measurement[] = [];
  if (pages.length) {
    const servers = await startServers(copyForRun(community.dbPath));
    const cookie = pages.some((p) => p.signedIn) ? await signIn(servers.app, community.member) : "";
    printSetting(community, os.loadavg()[0]);
    try {
      for (const page of pages) measurements.push(await measurePage(page, community, servers, cookie));
    } finally {
      await stopEverything();
    }
    console.log("");
  }
  const outcome = printResults(measurements);
  const answersMissed = answers ? printAnswers(await measureAnswers(community.dbPath)) : false;
  if (outcome.invalid) return 1;
  return outcome.missed || answersMissed ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await stopEverything();
    process.exit(1);
  },
);
