// npm run import:stackexchange -- <folder> [--map <file>] [--merge] [--site <host>] [--workers <n>]
// Imports an official Stack Exchange data dump folder into the database at
// DATABASE_PATH. Run it again to resume an interrupted import; a finished one
// adds nothing twice. Exit codes: 0 imported, 1 the import failed (the report
// says how far it got), 2 bad arguments or input files, 3 the database holds
// another community (use --merge), 130 interrupted (run again to resume).
// --workers: the worker threads converting bodies (default: one per core but
// one, at least one; 0 converts in the main thread).
import path from "node:path";
import v8 from "node:v8";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { progressBar, progressLine, type ImportProgress } from "../app/models/import/import-progress";
import { totalImported, totalNotImported, totalSkipped, type ImportReport } from "../app/models/import/import-report.server";
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

const USAGE = "Usage: npm run import:stackexchange -- <folder> [--map <file>] [--merge] [--site <host>] [--workers <n>]";

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      map: { type: "string" },
      merge: { type: "boolean", default: false },
      site: { type: "string" },
      workers: { type: "string" },
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

const workers = values.workers === undefined ? undefined : Number(values.workers);
if (workers !== undefined && !(Number.isSafeInteger(workers) && workers >= 0 && workers <= 64)) {
  console.error("--workers takes a number of worker threads (0 converts bodies in the main thread).");
  process.exit(2);
}

let map: CategoryMap | undefined;
try {
  map = values.map ? readCategoryMap(path.resolve(values.map)) : undefined;
} catch (error) {
  console.error(`Bad --map file: ${(error as Error).message}`);
  process.exit(2);
}

// Memory stays flat: V8 lets a heap grow to about 4 times what it kept at its
// last full collection before collecting again; an import makes garbage fast
// (every batch's bodies and their conversions), so at 100,000 posts the heap
// alone reached 250 MB. Growing by 100% at most keeps the whole process under
// 350 MB for a few percent more time in the collector. (The flag is read at
// each collection, so setting it now takes effect.)
v8.setFlagsFromString("--heap-growing-percent=100");

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
  "conversion-failed": "its body could not be converted to markdown",
};

// The dump's numbered types (Stack Exchange's data dump schema), for the report.
const VOTE_TYPES: Record<string, string> = {
  "4": "offensive", "5": "favourite", "6": "close", "7": "reopen", "8": "bounty start", "9": "bounty close",
  "10": "deletion", "11": "undeletion", "12": "spam", "15": "moderator review", "16": "approve edit suggestion",
};
const HISTORY_TYPES: Record<string, string> = {
  "3": "initial tags", "6": "tags edited", "9": "tags rolled back", "10": "closed", "11": "reopened", "12": "deleted",
  "13": "undeleted", "16": "community owned", "17": "migrated", "18": "merged", "19": "protected", "20": "unprotected",
  "24": "suggested edit applied", "25": "tweeted", "33": "notice added", "34": "notice removed",
};
const POST_TYPES: Record<string, string> = {
  "3": "orphaned tag wiki", "4": "tag wiki excerpt", "5": "tag wiki", "6": "moderator nomination", "7": "wiki placeholder", "8": "privilege wiki",
};
const LINK_TYPES: Record<string, string> = { "1": "linked" };

function typeName(names: Record<string, string>, type: string | undefined): string {
  return `${type || "none"}${type && names[type] ? ` (${names[type]})` : ""}`;
}

function notImportedWords(reason: string): string {
  const [code, type] = reason.split(":");
  if (code === "vote-type") return `votes of type ${typeName(VOTE_TYPES, type)}: not scores`;
  if (code === "history-type") return `history rows of type ${typeName(HISTORY_TYPES, type)}: not revisions (the post's state comes from Posts.xml)`;
  if (code === "post-type") return `posts of type ${typeName(POST_TYPES, type)}: not questions or answers`;
  if (code === "link-type") return `post links of type ${typeName(LINK_TYPES, type)}: only duplicates are kept (links stay in the text)`;
  if (reason === "acceptance-not-current") return "acceptance votes for an answer its question no longer accepts";
  if (reason === "acceptance-again") return "acceptance votes for an answer already accepted";
  if (reason === "answer-lock") return "locks of answers: threads are locked, not answers";
  if (reason === "self-duplicate") return "questions closed as duplicates of themselves";
  return reason;
}

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
  out(`  not imported ${String(totalNotImported(report)).padStart(8)} rows`);
  for (const [reason, count] of Object.entries(report.notImported ?? {}).sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))) {
    out(`    ${String(count).padStart(6)} × ${notImportedWords(reason)}`);
  }
  for (const file of report.missingFiles) out(`  ${file} is missing: its part was not imported.`);
  if (report.notes.includes("badges-not-imported")) out("  Badges.xml is not imported: badges are earned here by this forum's own rules.");
  for (const note of report.notes.filter((n) => n.startsWith("conversion-worker-failed:"))) {
    out(`  A conversion worker stopped (${note.slice("conversion-worker-failed:".length)}): the main thread converted its bodies.`);
  }
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
    workers,
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
