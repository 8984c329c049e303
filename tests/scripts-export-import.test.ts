// npm run export / npm run import as an operator runs them: processes on
// temporary files, their exit codes and messages. The format and the round
// trip itself are tested in tests/models/site/site-export.test.ts.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "./support/factories";

const root = fileURLToPath(new URL("..", import.meta.url));
const tempDir = mkdtempSync(path.join(tmpdir(), "entraide-export-import-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };
const SCRIPT_TIMEOUT = 60_000;

function runScript(script: string, args: string[], databasePath: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath, NODE_OPTIONS: "" }, timeout: SCRIPT_TIMEOUT },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const sourceDb = path.join(tempDir, "source.db");
const exportFile = path.join(tempDir, "community.jsonl.gz");

function rowCounts(file: string) {
  const db = createDb(file);
  try {
    const sqlite = db.$client;
    return Object.fromEntries(
      ["users", "categories", "threads", "posts", "votes", "reputation_events"].map((table) => [table, sqlite.prepare<[], { n: number }>(`select count(*) as n from ${table}`).get()!.n]),
    );
  } finally {
    db.$client.close();
  }
}

beforeAll(async () => {
  const db = createDb(sourceDb);
  migrateDb(db);
  const asker = await createUser(db, { username: "asker_ann" });
  const helper = await createUser(db, { username: "helper_hal" });
  createTestCategory(db, { slug: "network", name: "Network" });
  const thread = createTestThread(db, asker, { title: "The router blinks orange after the update", category: "network" });
  createTestAnswer(db, helper, thread.id, "Hold the reset button for ten seconds, then wait.");
  db.$client.close();
}, 60_000);

describe("npm run export", () => {
  test("writes the file and lists what it holds; a second run to the same file is refused", async () => {
    const run = await runScript("scripts/export.ts", [exportFile], sourceDb);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`to ${exportFile} (without secrets).`);
    expect(run.stdout).toMatch(/ {2}threads: 1\n/);
    expect(run.stdout).toContain("format entraide-export version 1");
    expect(readFileSync(exportFile).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const again = await runScript("scripts/export.ts", [exportFile], sourceDb);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  test("usage errors exit 2; a database that is not there exits 1 and is not created", async () => {
    const missing = path.join(tempDir, "nowhere.db");
    const [none, unknown, noDb] = await Promise.all([
      runScript("scripts/export.ts", [], sourceDb),
      runScript("scripts/export.ts", [path.join(tempDir, "x.gz"), "--everything"], sourceDb),
      runScript("scripts/export.ts", [path.join(tempDir, "y.gz")], missing),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: npm run export -- <file> [--with-secrets]");
    expect(unknown.code).toBe(2);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain("There is no database at");
    expect(existsSync(missing)).toBe(false);
  });
});

describe("npm run import", () => {
  test("brings the file into an empty database; a second import into it is refused with exit 1", async () => {
    const target = path.join(tempDir, "target.db");
    const run = await runScript("scripts/import.ts", [exportFile], target);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Imported .* rows, search index rebuilt\./);
    expect(run.stdout).toContain("Forgot password");
    expect(rowCounts(target)).toEqual(rowCounts(sourceDb));

    const again = await runScript("scripts/import.ts", [exportFile], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already holds a community");
    expect(again.stderr).toContain("Nothing was imported.");
  });

  test("--merge is not supported yet (exit 2); a truncated file is refused with its line (exit 1) and the database stays empty", async () => {
    const cut = path.join(tempDir, "cut.jsonl.gz");
    const whole = readFileSync(exportFile);
    writeFileSync(cut, whole.subarray(0, whole.length - 40));
    const target = path.join(tempDir, "after-cut.db");
    const [merge, run, missing, usage] = await Promise.all([
      runScript("scripts/import.ts", [exportFile, "--merge"], path.join(tempDir, "merge.db")),
      runScript("scripts/import.ts", [cut], target),
      runScript("scripts/import.ts", [path.join(tempDir, "absent.gz")], path.join(tempDir, "absent.db")),
      runScript("scripts/import.ts", [], path.join(tempDir, "usage.db")),
    ]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain("--merge is not supported yet");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Import refused: .*cut\.jsonl\.gz: line \d+: /);
    expect(Object.values(rowCounts(target)).every((n) => n === 0)).toBe(true);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("does not exist");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: npm run import -- <file> [--merge]");
  });
});
