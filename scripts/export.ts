// npm run export -- <file> [--with-secrets]: writes the whole community of
// DATABASE_PATH (default data/entraide.db) to <file>, a gzip'd JSON lines
// file (the format: app/models/portability/site-export.server.ts). Without
// --with-secrets, password hashes, two-factor and integration secrets stay
// behind. Exit codes: 0 written, 1 refused or failed, 2 usage.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { exportSite } from "../app/models/portability/site-export.server";
import { createDb } from "../db/client";

const USAGE = "Usage: npm run export -- <file> [--with-secrets]";

function refuse(message: string, code = 2): never {
  console.error(message);
  if (code === 2) console.error(USAGE);
  process.exit(code);
}

let parsed: { values: { "with-secrets"?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { "with-secrets": { type: "boolean" } }, allowPositionals: true, strict: true });
} catch (error) {
  refuse((error as Error).message);
}
if (parsed.positionals.length !== 1) refuse("Give one file to write the export to.");
const file = path.resolve(parsed.positionals[0]);
const withSecrets = parsed.values["with-secrets"] ?? false;
if (existsSync(file)) refuse(`${file} already exists: choose another name, or remove it first.`, 1);
if (!existsSync(path.dirname(file))) refuse(`The folder ${path.dirname(file)} does not exist.`, 1);

let databasePath: string;
try {
  databasePath = path.resolve(readConfig().DATABASE_PATH);
} catch (error) {
  refuse((error as Error).message);
}
// Never create an empty database by exporting one that is not there.
if (!existsSync(databasePath)) refuse(`There is no database at ${databasePath} (DATABASE_PATH).`, 1);

const db = createDb(databasePath);
const tty = process.stderr.isTTY;
let lastShown = 0;
try {
  const report = await exportSite(db, file, {
    withSecrets,
    onProgress: ({ done, total, table }) => {
      if (!tty || Date.now() - lastShown < 200) return;
      lastShown = Date.now();
      process.stderr.write(`\r  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows (${table})        `);
    },
  });
  if (tty) process.stderr.write("\n");
  const tables = report.manifest.tables.filter((table) => report.manifest.counts[table] > 0);
  console.log(`Exported ${databasePath} to ${file}${withSecrets ? " WITH SECRETS: keep this file safe" : " (without secrets)"}.`);
  for (const table of tables) console.log(`  ${table}: ${report.manifest.counts[table]}`);
  console.log(`  ${report.bytes.toLocaleString("en")} bytes, format ${report.manifest.format} version ${report.manifest.version}.`);
} catch (error) {
  console.error(`The export failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
