import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getSiteSettings } from "../app/models/site/settings.server";
import { authenticate, findUserByUsername } from "../app/models/accounts/user.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { readConfig } from "../app/config.server";
import { announcements, articles, categories, posts, searchSynonyms, threads, users } from "../db/schema";
import { DEMO_BRAND, DEMO_BRANDS, isEmptyCommunity, seedDemoCommunity, type DemoLogin } from "../scripts/demo-community";
import { DEMO_THREADS_BY_LANGUAGE, type DemoThread } from "../scripts/demo-threads/index";
import { historyThreadCount } from "../scripts/demo-history";
import { DEMO_IDEAS } from "../scripts/demo-ideas";
import { createTestDb } from "./support/db";

const root = fileURLToPath(new URL("..", import.meta.url));
const tempDir = mkdtempSync(path.join(tmpdir(), "entraide-scripts-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };
// Seeding hashes a dozen passwords and replays weeks of posts: seconds alone,
// much longer beside the browser tests on a busy machine.
const SCRIPT_TIMEOUT = 100_000;
const SEED_TEST_TIMEOUT = 120_000;

function runScript(script: string, args: string[], databasePath: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { cwd: root, env: { ...process.env, SEED_LANGUAGE: "", ...env, DATABASE_PATH: databasePath, NODE_OPTIONS: "" }, timeout: SCRIPT_TIMEOUT },
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
    expect(slugs).toEqual(["billing", "account", "devices", "network", "tips", "ideas"]);

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
  }, SEED_TEST_TIMEOUT);

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
  }, SEED_TEST_TIMEOUT);

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

describe("the demo community in French", () => {
  const english = createTestDb();
  const french = createTestDb();
  let frenchLogins: DemoLogin[] = [];

  beforeAll(async () => {
    await seedDemoCommunity(english, { language: "en" });
    frenchLogins = await seedDemoCommunity(french, { language: "fr" });
  }, 2 * SEED_TEST_TIMEOUT);

  type TestDb = ReturnType<typeof createTestDb>;
  const tally = (db: TestDb) => ({
    categories: db.select({ n: count() }).from(categories).get()!.n,
    threads: db.select({ n: count() }).from(threads).get()!.n,
    answers: db.select({ n: count() }).from(posts).where(eq(posts.kind, "answer")).get()!.n,
    comments: db.select({ n: count() }).from(posts).where(eq(posts.kind, "comment")).get()!.n,
    articles: db.select({ n: count() }).from(articles).get()!.n,
    incidents: db.select({ n: count() }).from(announcements).where(eq(announcements.kind, "status")).get()!.n,
    earlyAccess: db.select({ n: count() }).from(announcements).where(eq(announcements.kind, "early_access")).get()!.n,
    users: db.select({ n: count() }).from(users).get()!.n,
    acceptedThreads: db.select({ n: count() }).from(threads).where(sql`${threads.acceptedAnswerId} is not null`).get()!.n,
  });

  test("has the same categories, threads, answers, comments, articles, incidents and people as the English one", () => {
    const en = tally(english);
    expect(en.threads).toBe(DEMO_THREADS_BY_LANGUAGE.en.length + historyThreadCount() + DEMO_IDEAS.en.length);
    expect(en.answers).toBeGreaterThan(0);
    expect(en.comments).toBeGreaterThan(0);
    expect(en.articles).toBe(5);
    expect(en.incidents).toBe(1);
    expect(tally(french)).toEqual(en);
    // The same votes and acceptances: everyone ends with the same reputation in both languages.
    const reputations = (db: TestDb) => db.select({ username: users.username, reputation: users.reputation }).from(users).orderBy(users.id).all();
    expect(reputations(french)).toEqual(reputations(english));
  });

  test("is written in French: categories, brand, threads, articles, the incident, early access and synonyms", () => {
    const names = french.select().from(categories).all().sort((a, b) => a.position - b.position).map((c) => [c.slug, c.name]);
    // Same slugs (links keep working), French names.
    expect(names).toEqual([
      ["billing", "Facturation"],
      ["account", "Compte et connexion"],
      ["devices", "Box et téléphones"],
      ["network", "Réseau et pannes"],
      ["tips", "Astuces"],
      ["ideas", "Idées"],
    ]);
    expect(getSiteSettings(french)).toMatchObject(DEMO_BRANDS.fr);

    const titles = french.select({ title: threads.title }).from(threads).all().map((t) => t.title).sort();
    expect(titles).toEqual(expect.arrayContaining(DEMO_THREADS_BY_LANGUAGE.fr.map((t) => t.title)));
    expect(titles).toHaveLength(DEMO_THREADS_BY_LANGUAGE.fr.length + historyThreadCount() + DEMO_IDEAS.fr.length);
    expect(titles).toContain("ma facture est fausse ce mois-ci");
    expect(titles).toContain("ma box redémarre toute seule toutes les nuits");
    const englishTitles = new Set(DEMO_THREADS_BY_LANGUAGE.en.map((t) => t.title));
    expect(titles.filter((t) => englishTitles.has(t))).toEqual([]);

    const articleTitles = french.select({ title: articles.title }).from(articles).all().map((a) => a.title);
    expect(articleTitles).toEqual(expect.arrayContaining(["Changer la date de votre prélèvement", "Avant d'appeler : cinq vérifications quand la connexion est lente"]));
    // The promoted article is the French accepted answer, credited to the customer who wrote it.
    const promoted = french.select().from(articles).where(eq(articles.title, "Changer la date de votre prélèvement")).get()!;
    expect(promoted.body).toContain("Date de prélèvement");

    const incident = french.select().from(announcements).where(eq(announcements.kind, "status")).get()!;
    expect(incident.title).toBe("Les codes de connexion par SMS arrivent en retard");
    // Linked to the thread where customers reported it, found by its key in French too.
    const reported = french.select().from(threads).where(eq(threads.incidentId, incident.id)).get();
    expect(reported?.title).toBe("je reçois jamais le code de validation par SMS");

    const earlyAccess = french.select().from(announcements).where(eq(announcements.kind, "early_access")).get()!;
    expect(earlyAccess.title).toMatch(/^Nimbus Box 2 : soyez parmi/);

    const synonyms = french.select().from(searchSynonyms).all().map((s) => `${s.term} → ${s.synonym}`);
    expect(synonyms).toEqual(expect.arrayContaining(["box → routeur", "box → modem", "facture → facturation"]));
    const bios = french.select({ username: users.username, bio: users.bio }).from(users).all();
    expect(bios.find((u) => u.username === "sam")?.bio).toBe("Client fibre depuis le printemps dernier.");
  });

  test("makes French the site's default language (English for the English demo), with the same demo logins", async () => {
    expect(getSiteSettings(french).defaultLanguage).toBe("fr");
    expect(getSiteSettings(english).defaultLanguage).toBe("en");
    expect(frenchLogins.map((l) => l.username)).toEqual(["sam", "priya", "morgan", "alex"]);
    for (const [i, login] of frenchLogins.entries()) {
      const signedIn = await authenticate(french, { login: login.username, password: login.password, address: `192.0.2.${40 + i}` });
      expect(signedIn.ok).toBe(true);
    }
    const wrong = await authenticate(french, { login: "sam", password: frenchLogins[1].password, address: "192.0.2.49" });
    expect(wrong.ok).toBe(false);
  });

  test("the French conversations are the English ones in other words: same keys, people, times and votes", () => {
    const shape = (t: DemoThread) => ({
      key: t.key,
      category: t.category,
      author: t.author,
      daysAgo: t.daysAgo,
      upvotes: t.upvotes ?? [],
      comments: (t.comments ?? []).map((c) => c.author),
      answers: t.answers.map((a) => ({
        author: a.author,
        hours: a.hoursAfterQuestion,
        accepted: a.accepted ?? false,
        upvotes: a.upvotes ?? [],
        downvotes: a.downvotes ?? [],
        comments: (a.comments ?? []).map((c) => c.author),
      })),
    });
    expect(DEMO_THREADS_BY_LANGUAGE.fr.map(shape)).toEqual(DEMO_THREADS_BY_LANGUAGE.en.map(shape));
    for (const thread of DEMO_THREADS_BY_LANGUAGE.fr) {
      expect(thread.tags.every((tag) => /^[a-z0-9-]{1,25}$/.test(tag)), thread.key).toBe(true);
    }
  });

  test("SEED_LANGUAGE is en or fr, English by default", () => {
    expect(readConfig({}).SEED_LANGUAGE).toBe("en");
    expect(readConfig({ SEED_LANGUAGE: "fr" }).SEED_LANGUAGE).toBe("fr");
    expect(() => readConfig({ SEED_LANGUAGE: "de" })).toThrow(/SEED_LANGUAGE/);
  });

  test("npm run seed -- --lang fr seeds the French demo, with logins that work", async () => {
    const file = path.join(tempDir, "seed-fr.db");
    const run = await runScript("scripts/seed.ts", ["--lang", "fr"], file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const password = /username: priya\s+password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeTruthy();
    await withDb(file, async (db) => {
      expect(getSiteSettings(db).defaultLanguage).toBe("fr");
      expect(db.select().from(threads).where(eq(threads.title, "ma facture est fausse ce mois-ci")).get()).toBeTruthy();
      const signedIn = await authenticate(db, { login: "priya", password: password!, address: "192.0.2.60" });
      expect(signedIn.ok && signedIn.user.username).toBe("priya");
    });
  }, SEED_TEST_TIMEOUT);

  test("SEED_LANGUAGE=fr seeds in French; --lang wins over it", async () => {
    const fromEnv = path.join(tempDir, "seed-env-fr.db");
    expect((await runScript("scripts/seed.ts", [], fromEnv, { SEED_LANGUAGE: "fr" })).code).toBe(0);
    await withDb(fromEnv, (db) => expect(getSiteSettings(db).defaultLanguage).toBe("fr"));
    const overridden = path.join(tempDir, "seed-env-en.db");
    expect((await runScript("scripts/seed.ts", ["--lang", "en"], overridden, { SEED_LANGUAGE: "fr" })).code).toBe(0);
    await withDb(overridden, (db) => {
      expect(getSiteSettings(db).defaultLanguage).toBe("en");
      expect(db.select().from(categories).where(eq(categories.slug, "billing")).get()?.name).toBe("Billing");
    });
  }, SEED_TEST_TIMEOUT);

  test.each([
    ["an unknown language", ["--lang", "xx"], {}, /--lang: .*en or fr.*"xx"/],
    ["an empty language", ["--lang="], {}, /--lang/],
    ["an unknown option", ["--language", "fr"], {}, /language/],
    ["an unknown SEED_LANGUAGE", [], { SEED_LANGUAGE: "de" }, /SEED_LANGUAGE/],
  ])("npm run seed refuses %s with exit code 2 and creates nothing", async (_label, args, env, message) => {
    const file = path.join(tempDir, `refused-${Math.random().toString(36).slice(2)}.db`);
    const run = await runScript("scripts/seed.ts", args, file, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Usage: npm run seed/);
    expect(run.stdout).not.toMatch(/password:/);
    expect(existsSync(file)).toBe(false);
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
  }, SEED_TEST_TIMEOUT);

  test("refuses a database file that does not exist rather than check an empty new one", async () => {
    const missing = path.join(tempDir, "no-such-folder", "typo.db");
    const result = await runScript("scripts/check-reputation.ts", [], missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No database at");
    expect(existsSync(missing)).toBe(false);
  });
});
