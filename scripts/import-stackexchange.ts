// npm run import:stackexchange -- <folder> [--map <file>] [--merge] [--site <host>]
// Imports an official Stack Exchange data dump folder into the database at
// DATABASE_PATH. Run it again to resume an interrupted import; a finished one
// adds nothing twice. Exit codes: 0 imported, 1 the import failed (the report
// says how far it got), 2 bad arguments or input files, 3 the database holds
// another community (use --merge), 130 interrupted (run again to resume).
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { progressBar, progressLine, type ImportProgress } from "../app/models/import/import-progress";
import { totalImported, totalSkipped, type ImportReport } from "../app/models/import/import-report.server";
import {
  CommunityExistsError,
  ImportFileError,
  ImportInterruptedError,
  importStackExchange,
  readCategoryMap,
  type CategoryMap,
} from "../app/models/import/stackexchange.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";

const USAGE = "Usage: npm run import:stackexchange -- <folder> [--map <file>] [--merge] [--site <host>]";

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      map: { type: "string" },
      merge: { type: "boolean", default: false },
      site: { type: "string" },
      // For tests and trials: stop (as an interruption would) after this many rows.
      "stop-after": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const folder = path.resolve(positionals[0]!);
const stopAfter = values["stop-after"] === undefined ? undefined : Number(values["stop-after"]);
if (stopAfter !== undefined && !(Number.isSafeInteger(stopAfter) && stopAfter > 0)) {
  console.error("--stop-after takes a positive number of rows.");
  process.exit(2);
}

let map: CategoryMap | undefined;
try {
  map = values.map ? readCategoryMap(path.resolve(values.map)) : undefined;
} catch (error) {
  console.error(`Bad --map file: ${(error as Error).message}`);
  process.exit(2);
}

const config = readConfig();
const db = createDb(path.resolve(config.DATABASE_PATH));
migrateDb(db);

const tty = process.stderr.isTTY === true;
let lastLine = 0;
function showProgress(progress: ImportProgress) {
  const now = Date.now();
  if (tty) {
    if (now - lastLine < 100) return;
    lastLine = now;
    process.stderr.write(`\r${progressBar(progress, 24).slice(0, (process.stderr.columns || 100) - 1)}\x1b[K`);
  } else if (now - lastLine >= 2000) {
    lastLine = now;
    console.log(progressLine(progress));
  }
}

// Ctrl-C: the batch under way is committed, then the run stops; running the command again resumes it.
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
process.once("SIGTERM", () => controller.abort());

const SKIP_WORDS: Record<string, string> = {
  "unknown-question": "answer to a question not in the dump",
  "unknown-post": "refers to a post not in the dump",
  "unknown-parent": "comment on a post not in the dump",
  "not-a-question": "points at an answer where a question was expected",
  "empty-body": "empty text",
};

function skipWords(reason: string): string {
  const [code, detail] = reason.split(":");
  if (code === "missing-attribute") return `missing attribute ${detail}`;
  if (code === "bad-number") return `attribute ${detail} is not a number`;
  if (code === "bad-date") return `attribute ${detail} is not a date`;
  if (code === "post-type") return `post type ${detail} (not a question or an answer)`;
  return SKIP_WORDS[reason] ?? reason;
}

function printReport(report: ImportReport, seconds: number) {
  const out = console.log;
  out(`\nImport from ${report.site} (${report.source})`);
  for (const [kind, counts] of Object.entries(report.counts)) {
    out(`  ${kind.padEnd(12)} ${String(counts.imported).padStart(8)} imported${counts.existing ? `, ${counts.existing} already there` : ""}`);
  }
  const skipped = totalSkipped(report);
  out(`  skipped      ${String(skipped).padStart(8)} rows`);
  for (const [reason, entry] of Object.entries(report.skipped)) {
    const examples = entry.examples.map((row) => `${row.file} line ${row.line}${row.id ? ` (Id ${row.id})` : ""}`).join("; ");
    out(`    ${String(entry.count).padStart(6)} × ${skipWords(reason)}: ${examples}${entry.count > entry.examples.length ? "; …" : ""}`);
  }
  for (const file of report.missingFiles) out(`  ${file} is missing: its part was not imported.`);
  if (report.notes.includes("badges-not-imported")) out("  Badges.xml is not imported: badges are earned here by this forum's own rules.");
  const imported = totalImported(report);
  out(`  ${imported} rows written in ${seconds.toFixed(1)} s${seconds > 0 ? ` (${Math.round(imported / seconds)}/s)` : ""}.`);
}

const started = Date.now();
try {
  const { report } = await importStackExchange(db, {
    folder,
    site: values.site,
    map,
    merge: values.merge,
    onProgress: showProgress,
    signal: controller.signal,
    stopAfterRows: stopAfter,
  });
  if (tty) process.stderr.write("\n");
  printReport(report, (Date.now() - started) / 1000);
  process.exit(0);
} catch (error) {
  if (tty) process.stderr.write("\n");
  if (error instanceof ImportInterruptedError) {
    console.error("Import interrupted: run the same command again to resume where it stopped.");
    process.exit(130);
  }
  if (error instanceof CommunityExistsError) {
    console.error(`This database already holds a community (${error.threads} threads not from this dump). Use --merge to import into it anyway.`);
    process.exit(3);
  }
  if (error instanceof ImportFileError) {
    console.error(`Cannot read the dump: ${error.message}`);
    console.error("Nothing after the last committed batch was written; fix the file and run again to resume.");
    process.exit(2);
  }
  console.error(`Import failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
