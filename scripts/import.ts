// npm run import -- <file> [--merge]: brings a full export (npm run export)
// into DATABASE_PATH (default data/entraide.db), which must hold no community,
// with every id as it was; then rebuilds the search index. Run it with the
// forum stopped. A malformed or truncated file is refused with its line and
// nothing is imported. --merge (into a database that holds a community) is
// not supported yet. Exit codes: 0 imported, 1 refused or failed, 2 usage.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { importSite, SiteImportError } from "../app/models/portability/site-import.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";

const USAGE = "Usage: npm run import -- <file> [--merge]";

function refuse(message: string, code = 2): never {
  console.error(message);
  if (code === 2) console.error(USAGE);
  process.exit(code);
}

let parsed: { values: { merge?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { merge: { type: "boolean" } }, allowPositionals: true, strict: true });
} catch (error) {
  refuse((error as Error).message);
}
if (parsed.positionals.length !== 1) refuse("Give one export file to import.");
const file = path.resolve(parsed.positionals[0]);
if (parsed.values.merge) {
  refuse("--merge is not supported yet: an export keeps every id as it was, and merging it into a community would mean renumbering every row and every link between them. Import into an empty database (DATABASE_PATH=path/to/new.db).");
}
if (!existsSync(file)) refuse(`${file} does not exist.`, 1);

let databasePath: string;
try {
  databasePath = path.resolve(readConfig().DATABASE_PATH);
} catch (error) {
  refuse((error as Error).message);
}

const db = createDb(databasePath);
migrateDb(db);
const tty = process.stderr.isTTY;
try {
  const report = await importSite(db, file, {
    onProgress: ({ rows, table }) => {
      if (tty) process.stderr.write(`\r  ${rows.toLocaleString("en")} rows (${table})        `);
    },
  });
  if (tty) process.stderr.write("\n");
  console.log(`Imported ${file} into ${databasePath}: ${report.rows.toLocaleString("en")} rows, search index rebuilt.`);
  for (const table of report.manifest.tables) if (report.counts[table]) console.log(`  ${table}: ${report.counts[table]}`);
  if (!report.manifest.withSecrets) {
    console.log("The export held no secrets: members set a new password with “Forgot password” (or sign in with single sign-on),");
    console.log("single sign-on providers need their client secret again, and webhooks are paused until they get a new secret.");
  }
} catch (error) {
  if (tty) process.stderr.write("\n");
  console.error(error instanceof SiteImportError ? `Import refused: ${file}: ${error.message}` : `The import failed: ${(error as Error).message}`);
  console.error("Nothing was imported.");
  process.exitCode = 1;
} finally {
  db.$client.close();
}
