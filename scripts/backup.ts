// npm run backup -- <file>
// Writes a consistent snapshot of the live database (DATABASE_PATH) to <file>
// while the forum keeps serving, and checks it with integrity_check. The file
// appears under its final name only once it is complete and checked.
// Exit codes: 0 done, 1 the backup failed (nothing left under <file>), 2 usage.
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { BackupError, backupDatabase } from "../app/models/site/backup.server";

const USAGE = "Usage: npm run backup -- <file>   (the database is DATABASE_PATH, default data/entraide.db)";

let target: string;
try {
  const { positionals } = parseArgs({ allowPositionals: true, strict: true, options: {} });
  if (positionals.length !== 1) throw new Error("Give exactly one file to write the backup to.");
  target = path.resolve(positionals[0]);
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exit(2);
}

const database = path.resolve(readConfig().DATABASE_PATH);
try {
  const result = backupDatabase(database, target);
  const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
  console.log(`Backup of ${database} written to ${result.file}: ${megabytes} MB, ${result.migrations} migrations, integrity_check ok, in ${(result.milliseconds / 1000).toFixed(1)} s.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Backup failed: ${error.message}`);
  process.exit(1);
}
