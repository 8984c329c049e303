// npm run backup / npm run restore (issue #16, point 3): a backup taken while
// another process writes restores to a sound database holding every write
// acknowledged before the backup began; a restore refuses what is not a sound
// Entraide database, and a database some process has open, leaving the
// database in place as it was.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, test } from "vitest";
import { createDb } from "../db/client";
import { migrateDb, migrationsFolder } from "../db/migrate";

const root = fileURLToPath(new URL("..", import.meta.url));
const tempDir = mkdtempSync(path.join(tmpdir(), "entraide-backup-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const SCRIPT_TIMEOUT = 100_000;
const TEST_TIMEOUT = 120_000;
const KNOWN_MIGRATIONS = (JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

type Run = { code: number; stdout: string; stderr: string };

function runScript(script: string, args: string[], databasePath: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath, NODE_OPTIONS: "" }, timeout: SCRIPT_TIMEOUT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let fileCount = 0;
function tempFile(name: string) {
  return path.join(tempDir, `${++fileCount}-${name}`);
}

/** A migrated Entraide database with a table the writer fills, closed. */
function createProbeDatabase(file: string, rows = 0) {
  const db = createDb(file);
  migrateDb(db);
  db.$client.exec("create table backup_probe (id integer primary key autoincrement, payload blob not null)");
  const insert = db.$client.prepare("insert into backup_probe (payload) values (randomblob(4000))");
  db.$client.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run();
  })();
  db.$client.close();
}

function readSqlite<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

const integrity = (sqlite: Database.Database) => sqlite.pragma("integrity_check", { simple: true });
const probeIds = (sqlite: Database.Database) => (sqlite.prepare("select id from backup_probe order by id").pluck().all() as number[]);
const keptAside = (database: string) => readdirSync(path.dirname(database)).filter((name) => name.startsWith(`${path.basename(database)}.before-restore-`));

// Another process, as the server would: WAL, one transaction per insert, and
// each id printed once its transaction has committed (acknowledged).
const WRITER = `
import Database from "better-sqlite3";
const db = new Database(process.env.PROBE_DB);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
const insert = db.prepare("insert into backup_probe (payload) values (randomblob(4000))");
let stopping = false;
process.on("SIGTERM", () => { stopping = true; });
const batch = () => {
  if (stopping) { db.close(); process.exit(0); }
  for (let i = 0; i < 10; i++) process.stdout.write(insert.run().lastInsertRowid + "\\n");
  setTimeout(batch, 2);
};
batch();
`;

class Writer {
  readonly acknowledged: number[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private pending = "";

  constructor(database: string) {
    this.child = spawn(process.execPath, ["--input-type=module", "-e", WRITER], { cwd: root, env: { ...process.env, PROBE_DB: database, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "inherit"] });
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (chunk: string) => {
      const lines = (this.pending + chunk).split("\n");
      this.pending = lines.pop()!;
      for (const line of lines) this.acknowledged.push(Number(line));
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  async waitFor(count: number) {
    const deadline = Date.now() + 30_000;
    while (this.acknowledged.length < count) {
      if (Date.now() > deadline) throw new Error(`The writer acknowledged only ${this.acknowledged.length} writes`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop() {
    this.child.kill("SIGTERM");
    return this.exited;
  }
}

describe("npm run backup", () => {
  test(
    "a backup taken while another process writes holds every write acknowledged before it began, and restores to a sound database",
    async () => {
      const database = tempFile("live.db");
      const backup = tempFile("backup.db");
      createProbeDatabase(database, 3_000);

      const writer = new Writer(database);
      let backupRun: Run;
      let acknowledgedBefore: number[];
      let acknowledgedDuring: number;
      try {
        await writer.waitFor(200);
        acknowledgedBefore = [...writer.acknowledged];
        backupRun = await runScript("scripts/backup.ts", [backup], database);
        acknowledgedDuring = writer.acknowledged.length - acknowledgedBefore.length;
      } finally {
        expect(await writer.stop()).toBe(0);
      }
      expect(backupRun.stderr).toBe("");
      expect(backupRun.code).toBe(0);
      expect(backupRun.stdout).toMatch(/integrity_check ok/);
      // Password hashes and sessions are in it: readable by its owner only.
      expect(statSync(backup).mode & 0o777).toBe(0o600);
      // The writes went on while the backup ran.
      expect(acknowledgedDuring).toBeGreaterThan(0);
      // Nothing but the backup was left in the folder (no partial file).
      expect(readdirSync(tempDir).filter((name) => name.includes("partial"))).toEqual([]);

      const inBackup = readSqlite(backup, (sqlite) => {
        expect(integrity(sqlite)).toBe("ok");
        return probeIds(sqlite);
      });
      const backedUp = new Set(inBackup);
      expect(acknowledgedBefore.filter((id) => !backedUp.has(id))).toEqual([]);
      // One instant: every row up to the last one, none missing in between.
      expect(inBackup).toEqual(Array.from({ length: inBackup.length }, (_, i) => i + 1));
      const writtenInAll = writer.acknowledged.length + 3_000;

      const restoreRun = await runScript("scripts/restore.ts", [backup], database);
      expect(restoreRun.stderr).toBe("");
      expect(restoreRun.code).toBe(0);
      expect(restoreRun.stdout).toMatch(/kept as .*before-restore-/);
      readSqlite(database, (sqlite) => {
        expect(integrity(sqlite)).toBe("ok");
        expect(probeIds(sqlite)).toEqual(inBackup);
        expect(sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(KNOWN_MIGRATIONS);
      });
      // The database it replaced is kept whole, with every write the writer made.
      const aside = keptAside(database);
      expect(aside).toHaveLength(1);
      readSqlite(path.join(path.dirname(database), aside[0]), (sqlite) => {
        expect(integrity(sqlite)).toBe("ok");
        expect(probeIds(sqlite)).toHaveLength(writtenInAll);
      });
      // The backup itself is left as it was.
      readSqlite(backup, (sqlite) => expect(probeIds(sqlite)).toEqual(inBackup));
    },
    TEST_TIMEOUT,
  );

  test(
    "refuses to overwrite a file, to back up a database that does not exist, and without a file name (exit codes 1, 1, 2)",
    async () => {
      const database = tempFile("live.db");
      createProbeDatabase(database);
      const existing = tempFile("existing.db");
      writeFileSync(existing, "keep me");
      const [overwrite, missing, usage] = await Promise.all([
        runScript("scripts/backup.ts", [existing], database),
        runScript("scripts/backup.ts", [tempFile("never.db")], tempFile("absent.db")),
        runScript("scripts/backup.ts", [], database),
      ]);
      expect(overwrite.code).toBe(1);
      expect(overwrite.stderr).toMatch(/already exists/);
      expect(readFileSync(existing, "utf8")).toBe("keep me");
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/There is no database at/);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/Usage: npm run backup -- <file>/);
    },
    TEST_TIMEOUT,
  );
});

describe("npm run restore", () => {
  const database = tempFile("instance.db");
  const goodBackup = tempFile("good-backup.db");
  createProbeDatabase(database, 50);
  // A backup with fewer rows than the database, so a restore would show.
  const source = tempFile("source.db");
  createProbeDatabase(source, 10);
  readSqlite(source, (sqlite) => sqlite.prepare("vacuum into ?").run(goodBackup));

  /** The database in place is exactly as it was: same rows, nothing kept aside. */
  const expectUntouched = () => {
    expect(keptAside(database)).toEqual([]);
    readSqlite(database, (sqlite) => {
      expect(integrity(sqlite)).toBe("ok");
      expect(probeIds(sqlite)).toHaveLength(50);
    });
    expect(readdirSync(tempDir).filter((name) => name.includes("restoring"))).toEqual([]);
  };

  test(
    "refuses a file that is not an SQLite database, a damaged one, and an SQLite database that is not Entraide's, with a message and exit code 1",
    async () => {
      const text = tempFile("notes.db");
      writeFileSync(text, "This is not a database.\n".repeat(100));
      // A sound header and schema page, every other page's header flipped.
      const damaged = tempFile("damaged.db");
      const bytes = readFileSync(goodBackup);
      const pageSize = bytes.readUInt16BE(16);
      for (let page = 1; page * pageSize < bytes.length; page++) for (let i = 0; i < 8; i++) bytes[page * pageSize + i] ^= 0xff;
      writeFileSync(damaged, bytes);
      const foreign = tempFile("foreign.db");
      const foreignDb = new Database(foreign);
      foreignDb.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('hello')");
      foreignDb.close();

      const [notSqlite, corrupt, notOurs, missing] = await Promise.all([
        runScript("scripts/restore.ts", [text], database),
        runScript("scripts/restore.ts", [damaged], database),
        runScript("scripts/restore.ts", [foreign], database),
        runScript("scripts/restore.ts", [tempFile("absent.db")], database),
      ]);
      expect(notSqlite.code).toBe(1);
      expect(notSqlite.stderr).toMatch(/Restore refused: .*notes\.db is not an SQLite database/);
      expect(corrupt.code).toBe(1);
      expect(corrupt.stderr).toMatch(/Restore refused: .*damaged\.db is damaged and failed integrity_check/);
      expect(notOurs.code).toBe(1);
      expect(notOurs.stderr).toMatch(/Restore refused: .*foreign\.db is an SQLite database, but not an Entraide one/);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/There is no file/);
      for (const run of [notSqlite, corrupt, notOurs, missing]) expect(run.stdout).toBe("");
      expectUntouched();
    },
    TEST_TIMEOUT,
  );

  test(
    "refuses while a process has the database open, even idle, and restores once it is closed",
    async () => {
      const server = createDb(database);
      let inUse: Run;
      try {
        // An idle connection, as a server between two requests.
        expect(server.$client.prepare("select count(*) from backup_probe").pluck().get()).toBe(50);
        inUse = await runScript("scripts/restore.ts", [goodBackup], database);
        // The connection still works: the restore took nothing from it.
        server.$client.prepare("insert into backup_probe (payload) values (x'00')").run();
        server.$client.prepare("delete from backup_probe where id = last_insert_rowid()").run();
      } finally {
        server.$client.close();
      }
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toMatch(/is in use by another process .*Stop the server, then run the restore again/);
      expectUntouched();

      const restored = await runScript("scripts/restore.ts", [goodBackup], database);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      readSqlite(database, (sqlite) => {
        expect(integrity(sqlite)).toBe("ok");
        expect(probeIds(sqlite)).toHaveLength(10);
      });
      expect(keptAside(database)).toHaveLength(1);
      expect(existsSync(`${database}-wal`)).toBe(false);
    },
    TEST_TIMEOUT,
  );

  test(
    "applies the migrations an older backup lacks; exit code 2 without a file",
    async () => {
      // A database made by the previous version: every migration but the last.
      const olderMigrations = path.join(tempDir, "older-migrations");
      cpSync(migrationsFolder, olderMigrations, { recursive: true });
      const journalFile = path.join(olderMigrations, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      journal.entries.pop();
      writeFileSync(journalFile, JSON.stringify(journal));
      const older = tempFile("older.db");
      const olderDb = createDb(older);
      migrate(olderDb, { migrationsFolder: olderMigrations });
      olderDb.$client.close();
      const olderBackup = tempFile("older-backup.db");
      expect((await runScript("scripts/backup.ts", [olderBackup], older)).code).toBe(0);

      const target = tempFile("fresh-instance.db");
      const [restored, usage] = await Promise.all([runScript("scripts/restore.ts", [olderBackup], target), runScript("scripts/restore.ts", [], target)]);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      expect(restored.stdout).toMatch(/1 migration\(s\) applied/);
      readSqlite(target, (sqlite) => {
        expect(integrity(sqlite)).toBe("ok");
        expect(sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get()).toBe(KNOWN_MIGRATIONS);
      });
      // There was no database in place: nothing to keep aside.
      expect(keptAside(target)).toEqual([]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/Usage: npm run restore -- <file>/);
    },
    TEST_TIMEOUT,
  );
});
