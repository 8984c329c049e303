// npm run import:stackexchange as an operator runs it: exit codes, the report,
// an interruption resumed by running the command again, bad input named.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { createDb } from "../db/client";
import { stackExchangeDump } from "./support/stackexchange-dumps";

const root = fileURLToPath(new URL("..", import.meta.url));
const tempDir = mkdtempSync(path.join(tmpdir(), "entraide-import-se-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const DUMP = stackExchangeDump("conlang-meta");
const FIXTURES = path.join(root, "tests", "fixtures", "stackexchange");

type Run = { code: number; stdout: string; stderr: string };

function importDump(args: string[], databasePath: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/import-stackexchange.ts", ...args],
      { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath, NODE_OPTIONS: "" }, timeout: 100_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function countIn(file: string, query: string): number {
  const db = createDb(file);
  try {
    return db.$client.prepare(query).pluck().get() as number;
  } finally {
    db.$client.close();
  }
}

describe("npm run import:stackexchange", () => {
  test("imports a dump, resumes after an interruption, and adds nothing on a second run", async () => {
    const file = path.join(tempDir, "resume.db");
    const stopped = await importDump([DUMP, "--stop-after", "300"], file);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain("run the same command again to resume");
    const finished = await importDump([DUMP], file);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toContain("Import from conlang.meta.stackexchange.com");
    expect(finished.stdout).toMatch(/questions\s+\d+ imported/);
    // Bodies converted by the command's worker threads (none stopped), and every row read accounted for.
    expect(finished.stdout).not.toContain("conversion worker stopped");
    expect(finished.stdout).toMatch(/not imported\s+\d+ rows/);
    expect(finished.stdout).toMatch(/\d+ × votes of type 5 \(favourite\): not scores/);
    const posts = countIn(file, "select count(*) from posts");
    const again = await importDump([DUMP], file);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/questions\s+0 imported, \d+ already there/);
    expect(countIn(file, "select count(*) from posts")).toBe(posts);
    expect(countIn(file, "select count(*) from import_runs where status = 'finished'")).toBe(2);
  }, 120_000);

  test("refuses a database that holds another community, unless --merge", async () => {
    const file = path.join(tempDir, "merge.db");
    expect((await importDump([DUMP], file)).code).toBe(0);
    const other = await importDump([path.join(FIXTURES, "bad-rows"), "--site", "example.stackexchange.com"], file);
    expect(other.code).toBe(3);
    expect(other.stderr).toContain("--merge");
    const merged = await importDump([path.join(FIXTURES, "bad-rows"), "--site", "example.stackexchange.com", "--merge"], file);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/× missing attribute CreationDate: Posts\.xml line 5 \(Id 12\)/);
  }, 120_000);

  test("names a missing or malformed file, and rejects bad arguments", async () => {
    const file = path.join(tempDir, "bad.db");
    const missing = await importDump([path.join(FIXTURES, "missing-posts")], file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Posts\.xml: missing file/);
    const malformed = await importDump([path.join(FIXTURES, "malformed")], file);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/Posts\.xml, line 4:/);
    expect((await importDump([], file)).code).toBe(2);
    expect((await importDump([DUMP, "--workers", "-1"], file)).code).toBe(2);
    expect((await importDump([DUMP, "--map", path.join(FIXTURES, "nowhere.json")], file)).code).toBe(2);
  }, 120_000);
});
