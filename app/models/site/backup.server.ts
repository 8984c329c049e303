// Backups of the live database and their restoration (issue #16, point 3).
//
// A backup is taken with `VACUUM INTO` rather than the online backup API: it
// reads the whole database inside one read transaction, so the copy is the
// state of one instant even while the server writes (in WAL mode a reader
// never blocks a writer, nor a writer a reader). The backup API, by contrast,
// copies page ranges step by step and starts over whenever another process
// writes between two steps, so on a busy forum it may never finish, unless it
// copies everything in one step, which is what VACUUM INTO does anyway. The
// copy is also compacted and self-contained (one file, no -wal beside it).
//
// A restore only runs on a stopped instance. While a process has the database
// open in WAL mode, SQLite keeps a shared lock on the database file for as long
// as the connection lives, idle or not; the restore asks SQLite for an
// exclusive lock (locking_mode = EXCLUSIVE, BEGIN EXCLUSIVE) and refuses when
// it cannot have it. The lock is SQLite's own, so whatever opens the file
// through SQLite (the server, the worker, a script, the sqlite3 shell) is seen.
// (In rollback-journal mode an idle connection holds no lock; every process of
// ours opens the database through db/client.ts, which puts it in WAL mode.)
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { createDb } from "../../../db/client";
import { migrateDb, migrationsFolder } from "../../../db/migrate";

/** A refusal or failure to show the operator as it is; nothing was changed. */
export class BackupError extends Error {
  override name = "BackupError";
}

const SQLITE_HEADER = "SQLite format 3\0";
const MIGRATIONS_TABLE = "__drizzle_migrations";
/** How long the restore waits for the database to be free before saying it is in use. */
const IN_USE_WAIT_MS = 1_000;

export type BackupResult = { file: string; bytes: number; milliseconds: number; migrations: number };

export type BackupCheck = {
  /** Migrations applied in the backup, and how many this version of the code has. */
  migrations: number;
  knownMigrations: number;
};

export type RestoreResult = {
  /** Where the database that was replaced now is (null when there was none). */
  keptAs: string | null;
  /** Migrations applied to the restored database because the backup was older than the code. */
  appliedMigrations: number;
  migrations: number;
};

function fsyncFile(file: string) {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable: the directory entry is written too (not possible on every platform). */
function fsyncDirectory(dir: string) {
  try {
    fsyncFile(dir);
  } catch {
    // Some platforms cannot open a directory for fsync; the rename is still atomic.
  }
}

function removeQuietly(file: string) {
  for (const name of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(name, { force: true });
}

function startsLikeSqlite(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** integrity_check's findings: an empty list when the database is sound. */
function integrityProblems(sqlite: Database.Database): string[] {
  const rows = sqlite.pragma("integrity_check(20)") as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === "ok" ? [] : messages;
}

function appliedMigrations(sqlite: Database.Database): number | null {
  const table = sqlite.prepare("select 1 from sqlite_schema where type = 'table' and name = ?").get(MIGRATIONS_TABLE);
  if (!table) return null;
  return (sqlite.prepare(`select count(*) as n from "${MIGRATIONS_TABLE}"`).get() as { n: number }).n;
}

function latestMigrationAt(sqlite: Database.Database): number {
  const row = sqlite.prepare(`select max(created_at) as at from "${MIGRATIONS_TABLE}"`).get() as { at: number | null };
  return Number(row.at ?? 0);
}

/**
 * Writes a consistent snapshot of the database at `databasePath` to `target`,
 * while other processes go on reading and writing it. The copy is written
 * under a temporary name beside the target, checked with integrity_check,
 * flushed to disk, and only then renamed: a file with the final name is always
 * a complete, checked backup.
 */
export function backupDatabase(databasePath: string, target: string): BackupResult {
  const started = performance.now();
  if (!existsSync(databasePath)) throw new BackupError(`There is no database at ${databasePath} (DATABASE_PATH).`);
  if (existsSync(target)) throw new BackupError(`${target} already exists: choose another name, or remove it first.`);
  const dir = path.dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BackupError(`The folder ${dir} does not exist.`);
  const partial = path.join(dir, `.${path.basename(target)}.partial-${process.pid}`);
  removeQuietly(partial);

  let source: Database.Database;
  try {
    source = new Database(databasePath, { fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    throw new BackupError(`Cannot open the database ${databasePath}: ${(error as Error).message}`);
  }
  try {
    source.prepare("VACUUM INTO ?").run(partial);
  } catch (error) {
    removeQuietly(partial);
    throw new BackupError(`The backup of ${databasePath} failed: ${(error as Error).message}`);
  } finally {
    source.close();
  }

  let migrations: number | null;
  let problems: string[];
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      problems = integrityProblems(copy);
      migrations = appliedMigrations(copy);
    } finally {
      copy.close();
    }
  } catch (error) {
    removeQuietly(partial);
    throw new BackupError(`The backup written to ${partial} cannot be read back: ${(error as Error).message}`);
  }
  if (problems.length) {
    removeQuietly(partial);
    throw new BackupError(`The backup failed integrity_check, so it was not kept: ${problems.join("; ")}`);
  }
  // The database holds password hashes, sessions and the app's secret: so does its copy.
  chmodSync(partial, 0o600);
  fsyncFile(partial);
  renameSync(partial, target);
  fsyncDirectory(dir);
  return { file: target, bytes: statSync(target).size, milliseconds: performance.now() - started, migrations: migrations ?? 0 };
}

/**
 * Checks that `file` is a sound SQLite database made by Entraide (it has our
 * migrations table) and not by a newer version of the code. Messages name the
 * file as `label` (the restore checks a copy under another name). Opens the
 * file read-write, as a copy of a live database may be in WAL mode.
 */
export function checkBackup(file: string, label = file): BackupCheck {
  if (!existsSync(file)) throw new BackupError(`There is no file ${label}.`);
  if (!statSync(file).isFile()) throw new BackupError(`${label} is not a file.`);
  if (!startsLikeSqlite(file)) throw new BackupError(`${label} is not an SQLite database (its header is not SQLite's).`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${label} cannot be opened as an SQLite database: ${(error as Error).message}`);
  }
  try {
    let problems: string[];
    let migrations: number | null = null;
    let latest = 0;
    try {
      problems = integrityProblems(sqlite);
      if (!problems.length) migrations = appliedMigrations(sqlite);
      if (migrations) latest = latestMigrationAt(sqlite);
    } catch (error) {
      throw new BackupError(`${label} is damaged and failed integrity_check: ${(error as Error).message}`);
    }
    if (problems.length) throw new BackupError(`${label} is damaged and failed integrity_check: ${problems.join("; ")}`);
    if (!migrations) throw new BackupError(`${label} is an SQLite database, but not an Entraide one (it has no ${MIGRATIONS_TABLE} table).`);
    const known = readMigrationFiles({ migrationsFolder });
    const newest = Math.max(...known.map((migration) => migration.folderMillis));
    if (latest > newest) {
      throw new BackupError(`${label} was made by a newer version of Entraide (it has migrations this version does not know): upgrade first.`);
    }
    return { migrations, knownMigrations: known.length };
  } finally {
    sqlite.close();
  }
}

export type DatabaseUse = { state: "absent" } | { state: "free" } | { state: "in-use" } | { state: "unreadable"; reason: string };

/**
 * Whether some process has the database open. Takes SQLite's exclusive lock on
 * the file; on success, hands the still-locked connection to `whileFree`, so
 * nothing can open the database in between, and closes it afterwards.
 */
function withExclusiveLock<T>(databasePath: string, whileFree: (sqlite: Database.Database) => T): { use: DatabaseUse; result?: T } {
  if (!existsSync(databasePath)) return { use: { state: "absent" } };
  let sqlite: Database.Database;
  try {
    sqlite = new Database(databasePath, { fileMustExist: true, timeout: IN_USE_WAIT_MS });
  } catch (error) {
    return { use: { state: "unreadable", reason: (error as Error).message } };
  }
  try {
    try {
      sqlite.pragma("locking_mode = EXCLUSIVE");
      sqlite.exec("BEGIN EXCLUSIVE; COMMIT");
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return { use: { state: "in-use" } };
      return { use: { state: "unreadable", reason: (error as Error).message } };
    }
    return { use: { state: "free" }, result: whileFree(sqlite) };
  } finally {
    sqlite.close();
  }
}

/** Whether a process (the server, a script) has the database open right now. */
export function databaseUse(databasePath: string): DatabaseUse {
  return withExclusiveLock(databasePath, () => undefined).use;
}

function timestamp(now: Date) {
  return now.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * Replaces the database at `databasePath` with the backup `file`, on a stopped
 * instance. The backup is checked first (SQLite, integrity_check, our
 * migrations); the database in place is kept as
 * `<database>.before-restore-<timestamp>`; migrations the backup lacks are
 * applied. The backup file itself is left as it was (a copy is moved in).
 * `force` only lets the restore go on when the current database is too damaged
 * to tell whether it is in use; a database in use is always refused.
 */
export function restoreDatabase(file: string, databasePath: string, options: { force?: boolean; now?: Date } = {}): RestoreResult {
  const backup = path.resolve(file);
  const database = path.resolve(databasePath);
  if (backup === database) throw new BackupError(`${file} is the database itself: give a backup file.`);
  if (!existsSync(backup)) throw new BackupError(`There is no file ${file}.`);
  if (!statSync(backup).isFile()) throw new BackupError(`${file} is not a file.`);
  if (!startsLikeSqlite(backup)) throw new BackupError(`${file} is not an SQLite database (its header is not SQLite's).`);

  // The checks run on the copy that will be moved in place (beside the
  // database, so the move is a rename), and the backup itself stays untouched.
  const dir = path.dirname(database);
  const staging = path.join(dir, `.${path.basename(database)}.restoring-${process.pid}`);
  removeQuietly(staging);
  try {
    copyFileSync(backup, staging);
    checkBackup(staging, file);
    // A copy of a live database may be in WAL mode: folded into one file.
    const copy = new Database(staging, { fileMustExist: true });
    copy.pragma("journal_mode = DELETE");
    copy.close();
    fsyncFile(staging);
  } catch (error) {
    removeQuietly(staging);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Cannot copy ${file} beside ${databasePath}: ${(error as Error).message}`);
  }

  const keptAs = existsSync(database) ? `${database}.before-restore-${timestamp(options.now ?? new Date())}` : null;
  try {
    if (keptAs && existsSync(keptAs)) throw new BackupError(`${keptAs} already exists: wait a second and run the restore again.`);
    // Folds the current database's WAL into it, so the copy kept aside is one
    // file, while the exclusive lock keeps everyone out.
    const { use } = withExclusiveLock(database, (sqlite) => {
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    });
    if (use.state === "in-use") {
      throw new BackupError(
        `The database ${databasePath} is in use by another process (the server, its worker or a script has it open). Stop the server, then run the restore again.`,
      );
    }
    if (use.state === "unreadable" && !options.force) {
      throw new BackupError(
        `The current database ${databasePath} cannot be read (${use.reason}), so the restore cannot tell whether a server is using it. Stop the server, then run the restore again with --force.`,
      );
    }
    if (keptAs) {
      renameSync(database, keptAs);
      // A WAL left by a crash holds committed writes: kept beside the copy, it is
      // read back when that copy is opened. The -shm is only an index, rebuilt.
      for (const suffix of ["-wal", "-journal"]) {
        if (existsSync(`${database}${suffix}`)) renameSync(`${database}${suffix}`, `${keptAs}${suffix}`);
      }
      rmSync(`${database}-shm`, { force: true });
    }
    renameSync(staging, database);
    fsyncDirectory(dir);
  } catch (error) {
    removeQuietly(staging);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The restore failed before the backup was moved in place: ${(error as Error).message}`);
  }

  const db = createDb(database);
  try {
    const before = appliedMigrations(db.$client) ?? 0;
    migrateDb(db);
    const after = appliedMigrations(db.$client) ?? 0;
    return { keptAs, appliedMigrations: after - before, migrations: after };
  } finally {
    db.$client.close();
  }
}
