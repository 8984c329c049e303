// The import benchmark (issue #16): generates a synthetic Stack Exchange dump
// (scripts/bench/stackexchange-dump.ts), imports it with the real command into
// a fresh temporary database, in its own process, and compares the figures
// with the targets: at least 1,000 posts a second end to end, under 400 MB of
// peak memory. "Posts" are the rows of Posts.xml and Comments.xml (questions,
// answers and comments); the votes, users, history and links come with them.
//
//   npm run bench:import [-- --posts 100000] [--keep] [--dump <folder>] [--seed 16] [--site URL]
//
// --dump <folder>  reuse the dump in that folder (generated there first if it
//                  has no Posts.xml), and keep it
// --keep           keep the generated dump (its folder is printed)
//
// The time is the importer's whole run, from starting its process to its exit
// (reading, conversion to markdown, rendering, the ledger, the search index),
// on a database migrated beforehand. Peak memory is the importer process's
// maximum resident set size, as GNU time reports it (/usr/bin/time), or read
// from /proc/<pid>/status (VmHWM) where that is missing.
// Exit codes: 0 both targets met, 1 a target missed or the import failed, 2 usage.
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { DEFAULT_SITE, writeStackExchangeDump } from "./stackexchange-dump";

export const TARGET_POSTS_PER_SECOND = 1_000;
export const TARGET_PEAK_MB = 400;

const root = fileURLToPath(new URL("../..", import.meta.url));
const IMPORTER = path.join(root, "scripts", "import-stackexchange.ts");
const GNU_TIME = "/usr/bin/time";
const USAGE = "Usage: npm run bench:import -- [--posts 100000] [--keep] [--dump <folder>] [--seed 16] [--site URL]";

function usage(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

let options;
try {
  options = parseArgs({
    strict: true,
    options: {
      posts: { type: "string", default: "100000" },
      keep: { type: "boolean", default: false },
      dump: { type: "string" },
      seed: { type: "string", default: "16" },
      site: { type: "string", default: DEFAULT_SITE },
    },
  }).values;
} catch (error) {
  usage((error as Error).message);
}
const posts = Number(options.posts);
const seed = Number(options.seed);
if (!Number.isInteger(posts) || posts < 3) usage("--posts takes a whole number of posts (3 or more).");
if (!Number.isInteger(seed)) usage("--seed takes a whole number.");
let site: URL;
try {
  site = new URL(options.site!);
} catch {
  usage("--site takes the site's address, such as https://bench.stackexchange.com.");
}
if (!existsSync(IMPORTER)) {
  console.error(`The importer ${path.relative(root, IMPORTER)} is missing: nothing to measure.`);
  process.exit(1);
}

/** Rows of a dump file (one row a line, as in the official dumps), and how many match `also`. */
async function countRows(file: string, also?: string): Promise<{ rows: number; matching: number }> {
  let rows = 0;
  let matching = 0;
  if (!existsSync(file)) return { rows, matching };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.includes("<row ")) continue;
    rows++;
    if (also && line.includes(also)) matching++;
  }
  return { rows, matching };
}

type Measure = { code: number | null; signal: NodeJS.Signals | null; seconds: number; peakKb: number | null; how: string };

/** Runs the importer in its own process and measures its wall time and peak memory. */
function runImporter(folder: string, databasePath: string, workDir: string): Promise<Measure> {
  const importer = [process.execPath, "--import", "tsx", IMPORTER, folder, "--site", site.host];
  const env = { ...process.env, DATABASE_PATH: databasePath, SEED_DEMO: "false", NODE_OPTIONS: "" };
  const timeFile = path.join(workDir, "time.txt");
  const withTime = existsSync(GNU_TIME);
  const command = withTime ? [GNU_TIME, "-f", "%M", "-o", timeFile, ...importer] : importer;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command[0], command.slice(1), { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    let polledKb = 0;
    const poll = withTime
      ? null
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
            const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
            if (hwm) polledKb = Math.max(polledKb, Number(hwm[1]));
          } catch {
            // The process has just ended, or there is no /proc here.
          }
        }, 100);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakKb: number | null = polledKb || null;
      if (withTime) {
        const reported = existsSync(timeFile) ? /(\d+)\s*$/.exec(readFileSync(timeFile, "utf8").trim()) : null;
        peakKb = reported ? Number(reported[1]) : null;
      }
      resolve({ code, signal, seconds, peakKb, how: withTime ? "GNU time's maximum resident set size" : "VmHWM polled from /proc" });
    });
  });
}

const ownDump = !options.dump;
const dumpFolder = path.resolve(options.dump ?? mkdtempSync(path.join(os.tmpdir(), "entraide-bench-dump-")));
const workDir = mkdtempSync(path.join(os.tmpdir(), "entraide-bench-import-"));
let exitCode = 1;
try {
  if (existsSync(path.join(dumpFolder, "Posts.xml"))) {
    console.log(`Reusing the dump in ${dumpFolder}.`);
  } else {
    const started = performance.now();
    console.log(`Generating a dump of ${posts} posts in ${dumpFolder}…`);
    const counts = await writeStackExchangeDump(dumpFolder, { posts, seed, site: site.origin });
    console.log(
      `  ${counts.questions} questions, ${counts.answers} answers, ${counts.comments} comments, ${counts.votes} votes, ${counts.users} users, ` +
        `${counts.postHistory} history rows, ${counts.postLinks} links, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
  const postRows = await countRows(path.join(dumpFolder, "Posts.xml"), 'PostTypeId="1"');
  const commentRows = await countRows(path.join(dumpFolder, "Comments.xml"));
  const dumpPosts = postRows.rows + commentRows.rows;

  const databasePath = path.join(workDir, "bench.db");
  const db = createDb(databasePath);
  migrateDb(db);
  db.$client.close();

  console.log(`Importing ${dumpPosts} posts (${postRows.matching} questions) into a fresh database…`);
  const measure = await runImporter(dumpFolder, databasePath, workDir);

  let imported = { threads: 0, posts: 0 };
  if (existsSync(databasePath)) {
    const sqlite = new Database(databasePath, { readonly: true });
    imported = {
      threads: (sqlite.prepare("select count(*) as n from threads").get() as { n: number }).n,
      posts: (sqlite.prepare("select count(*) as n from posts").get() as { n: number }).n,
    };
    sqlite.close();
  }

  const rate = dumpPosts / measure.seconds;
  const peakMb = measure.peakKb === null ? null : measure.peakKb / 1024;
  const succeeded = measure.code === 0;
  const rateMet = succeeded && rate >= TARGET_POSTS_PER_SECOND;
  const memoryMet = succeeded && peakMb !== null && peakMb < TARGET_PEAK_MB;
  console.log("");
  console.log(`Import benchmark (${os.cpus().length} cores, Node ${process.version})`);
  console.log(`  importer exit        ${measure.code ?? measure.signal}${succeeded ? "" : " (the import failed)"}`);
  console.log(`  imported             ${imported.threads} threads, ${imported.posts} posts (dump: ${postRows.matching} questions, ${dumpPosts} posts)`);
  console.log(`  time, end to end     ${measure.seconds.toFixed(1)} s`);
  console.log(`  rate                 ${Math.round(rate)} posts/s   target ≥ ${TARGET_POSTS_PER_SECOND}: ${rateMet ? "met" : "MISSED"}`);
  console.log(`  peak memory (RSS)    ${peakMb === null ? "unknown" : `${Math.round(peakMb)} MB`}   target < ${TARGET_PEAK_MB} MB: ${memoryMet ? "met" : "MISSED"}   (${measure.how})`);
  exitCode = rateMet && memoryMet ? 0 : 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
  if (ownDump && !options.keep) rmSync(dumpFolder, { recursive: true, force: true });
  else console.log(`The dump is kept in ${dumpFolder}.`);
}
process.exit(exitCode);
