// npm run restore -- <file> [--force]
// Replaces the database (DATABASE_PATH) of a STOPPED instance with a backup
// made by `npm run backup`. The backup must be an SQLite database with
// Entraide's migrations that passes integrity_check; the database in place is
// kept as <database>.before-restore-<timestamp>; migrations the backup lacks
// are applied. A database that a process (the server, its worker, a script)
// has open is never replaced: SQLite's own lock on the file tells.
// --force only lets the restore replace a current database too damaged to
// tell whether it is in use.
// Exit codes: 0 restored, 1 refused or failed (the database in place is as it was), 2 usage.
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { BackupError, restoreDatabase } from "../app/models/site/backup.server";

const USAGE = "Usage: npm run restore -- <file> [--force]   (stop the server first; the database is DATABASE_PATH, default data/entraide.db)";

let file: string;
let force: boolean;
try {
  const { positionals, values } = parseArgs({ allowPositionals: true, strict: true, options: { force: { type: "boolean", default: false } } });
  if (positionals.length !== 1) throw new Error("Give exactly one backup file to restore.");
  file = path.resolve(positionals[0]);
  force = values.force ?? false;
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exit(2);
}

const database = path.resolve(readConfig().DATABASE_PATH);
try {
  const result = restoreDatabase(file, database, { force });
  console.log(`Restored ${file} into ${database}.`);
  if (result.keptAs) console.log(`The database it replaced is kept as ${result.keptAs}.`);
  if (result.appliedMigrations) console.log(`The backup was older than this version: ${result.appliedMigrations} migration(s) applied.`);
  console.log(`integrity_check ok, ${result.migrations} migrations. You may start the server.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Restore refused: ${error.message}`);
  process.exit(1);
}
