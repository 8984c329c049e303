// Starts the real server (scripts/server.ts, on the built app) against a
// temporary database, and the system Chromium through playwright-core.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { createDb, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { DEMO_BRAND, DEMO_CATEGORIES } from "../../scripts/demo-community";
import { createCategory } from "../../app/models/forum/category.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";

const root = fileURLToPath(new URL("../..", import.meta.url));

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      "The browser tests need Chromium, and none was found (looked in /usr/bin/chromium and CHROMIUM_PATH).\n" +
        "Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n" +
        "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export type RunningApp = {
  url: string;
  dbPath: string;
  /** A second connection to the server's database, for arranging and checking. */
  db: Db;
  stop: () => Promise<void>;
  output: () => string;
};

/**
 * Starts Entraide on a free port with a fresh database holding the demo
 * brand and categories; `prepare` may add users or content first.
 */
export async function startApp(
  prepare?: (db: Db) => Promise<void> | void,
  options: { env?: Record<string, string> } = {},
): Promise<RunningApp> {
  if (!existsSync(path.join(root, "build", "index.js"))) {
    throw new Error("No build found: run `npm run build` (npm test does it for you).");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "entraide-e2e-"));
  const dbPath = path.join(dir, "e2e.db");
  const db = createDb(dbPath);
  migrateDb(db);
  writeSiteSettings(db, DEMO_BRAND);
  DEMO_CATEGORIES.forEach((c, position) => createCategory(db, { ...c, position }));
  await prepare?.(db);

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "server.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", NODE_ENV: "production", WEB_CONCURRENCY: "1",
      // A browser fills a form faster than a person: the form guard's
      // minimum time is tested on its own (tests/models/moderation/spam.test.ts).
      FORM_MIN_SECONDS: "0", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready on (http:\/\/localhost:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it was ready:\n${output}`));
    });
  });

  return {
    url,
    dbPath,
    db,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the real form. */
export async function signIn(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Waits for the element to be visible and returns its trimmed text. */
export async function textOf(locator: import("playwright-core").Locator): Promise<string> {
  await locator.first().waitFor({ state: "visible" });
  return (await locator.first().innerText()).trim();
}

/**
 * The page's scripts have taken over (its router exists): typing before
 * that fires none of the page's own handlers (live suggestions, drafts).
 */
export async function hydrated(page: import("playwright-core").Page): Promise<void> {
  await page.waitForFunction(() => (window as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
}

/** Waits until the element is visible (fails the test after the timeout otherwise). */
export async function visible(locator: import("playwright-core").Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible" });
}
