import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { getSiteSettings } from "../app/models/site/settings.server";
import { authenticate, findUserByUsername } from "../app/models/accounts/user.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { categories, users } from "../db/schema";
import { DEMO_BRAND, isEmptyCommunity, seedDemoCommunity } from "../scripts/demo-community";
import { createTestDb } from "./support/db";

const root = fileURLToPath(new URL("..", import.meta.url));
const tempDir = mkdtempSync(path.join(tmpdir(), "entraide-scripts-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

function runScript(script: string, args: string[], databasePath: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath, NODE_OPTIONS: "" }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Opens a database a script wrote, runs the check, and closes it. */
async function withDb<T>(file: string, check: (db: ReturnType<typeof createDb>) => Promise<T> | T): Promise<T> {
  const db = createDb(file);
  try {
    return await check(db);
  } finally {
    db.$client.close();
  }
}

describe("create-admin", () => {
  const file = path.join(tempDir, "create-admin.db");

  test("creates an admin with a one-time password that must be changed, and that password signs in", async () => {
    const run = await runScript("scripts/create-admin.ts", ["--username", "boss", "--email", "Boss@Example.test"], file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const password = /One-time password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeTruthy();
    expect(password!.length).toBeGreaterThanOrEqual(16);

    await withDb(file, async (db) => {
      const boss = findUserByUsername(db, "boss")!;
      expect(boss.role).toBe("admin");
      expect(boss.mustChangePassword).toBe(true);
      expect(boss.email).toBe("boss@example.test");
      expect(boss.passwordHash.startsWith("$argon2id$")).toBe(true);
      expect(boss.passwordHash).not.toContain(password);
      const signedIn = await authenticate(db, { login: "boss", password: password!, address: "192.0.2.1" });
      expect(signedIn.ok).toBe(true);
      const wrong = await authenticate(db, { login: "boss", password: `${password}x`, address: "192.0.2.2" });
      expect(wrong.ok).toBe(false);
    });
  });

  test("refuses a username that is already taken, with a message and a non-zero exit", async () => {
    const run = await runScript("scripts/create-admin.ts", ["--username", "BOSS", "--email", "other@example.test"], file);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--username: .*taken/);
    expect(run.stdout).not.toMatch(/One-time password/);
    await withDb(file, (db) => expect(db.select().from(users).all()).toHaveLength(1));
  });

  test.each([
    ["an invalid username", ["--username", "ab", "--email", "ab@example.test"], /--username: .*at least 3/],
    ["an invalid email", ["--username", "valid-name", "--email", "not-an-email"], /--email: .*valid email/],
    ["a missing email", ["--username", "valid-name"], /--email/],
    ["an unknown option", ["--username", "valid-name", "--email", "v@example.test", "--role", "member"], /--role/],
  ])("%s exits non-zero with a message and creates nobody", async (_label, args, message) => {
    const fresh = path.join(tempDir, `invalid-${Math.random().toString(36).slice(2)}.db`);
    const run = await runScript("scripts/create-admin.ts", args, fresh);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).not.toMatch(/One-time password/);
    if (existsSync(fresh)) await withDb(fresh, (db) => expect(db.select().from(users).all()).toHaveLength(0));
  });
});

describe("the demo community", () => {
  const db = createTestDb();

  test("seedDemoCommunity creates the 5 categories and 4 people with their roles, and the community is no longer empty", async () => {
    expect(isEmptyCommunity(db)).toBe(true);
    const logins = await seedDemoCommunity(db);
    expect(isEmptyCommunity(db)).toBe(false);

    const slugs = db.select().from(categories).all().sort((a, b) => a.position - b.position).map((c) => c.slug);
    expect(slugs).toEqual(["billing", "account", "devices", "network", "tips"]);

    // The four people with demo logins, in order: two members, a moderator and the admin.
    const people = db.select().from(users).all().sort((a, b) => a.id - b.id);
    expect(people.slice(0, 4).map((p) => [p.username, p.role])).toEqual([
      ["sam", "member"],
      ["priya", "member"],
      ["morgan", "moderator"],
      ["alex", "admin"],
    ]);
    // Anyone else the demo adds is a plain member: no hidden staff accounts.
    expect(people.slice(4).filter((p) => p.role !== "member")).toEqual([]);
    expect(getSiteSettings(db).brandName).toBe(DEMO_BRAND.brandName);

    // The printed logins work, and every person has a distinct password.
    expect(logins.map((l) => l.username)).toEqual(["sam", "priya", "morgan", "alex"]);
    expect(new Set(logins.map((l) => l.password)).size).toBe(4);
    const admin = logins.find((l) => l.username === "alex")!;
    const signedIn = await authenticate(db, { login: "alex", password: admin.password, address: "192.0.2.10" });
    expect(signedIn.ok && signedIn.user.role).toBe("admin");
  });

  test("npm run seed seeds a fresh database and prints logins that work", async () => {
    const file = path.join(tempDir, "fresh-seed.db");
    const run = await runScript("scripts/seed.ts", [], file);
    expect(run.code).toBe(0);
    const password = /username: sam\s+password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeTruthy();
    await withDb(file, async (db) => {
      expect(isEmptyCommunity(db)).toBe(false);
      const signedIn = await authenticate(db, { login: "sam", password: password!, address: "192.0.2.20" });
      expect(signedIn.ok && signedIn.user.role).toBe("member");
    });
  });

  test("npm run seed refuses a database that already holds a community", async () => {
    const file = path.join(tempDir, "seeded.db");
    await withDb(file, (db) => {
      migrateDb(db);
      db.insert(categories).values({ slug: "existing", name: "Existing" }).run();
    });
    const run = await runScript("scripts/seed.ts", [], file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already holds a community/);
    await withDb(file, (db) => expect(db.select().from(users).all()).toHaveLength(0));
  });
});

describe("check:reputation", () => {
  const file = path.join(tempDir, "reputation.db");

  test("passes when every total equals 1 + its ledger, and names the user and exits 1 when one does not", async () => {
    await withDb(file, async (db) => {
      migrateDb(db);
      await seedDemoCommunity(db);
    });
    const good = await runScript("scripts/check-reputation.ts", [], file);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/in step with the ledger for all \d+ users/);

    await withDb(file, (db) => db.update(users).set({ reputation: sql`${users.reputation} + 7` }).where(eq(users.username, "priya")).run());
    const bad = await runScript("scripts/check-reputation.ts", [], file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/1 of \d+ users/);
    expect(bad.stderr).toMatch(/@priya \(id \d+\): total \d+, ledger says \d+ \(\+7\)/);
  });

  test("refuses a database file that does not exist rather than check an empty new one", async () => {
    const missing = path.join(tempDir, "no-such-folder", "typo.db");
    const result = await runScript("scripts/check-reputation.ts", [], missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No database at");
    expect(existsSync(missing)).toBe(false);
  });
});
