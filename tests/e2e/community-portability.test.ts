// A community brought in and taken out, in a browser: a Stack Exchange dump is
// imported into the server's database, and its threads read with their
// credit (author, licence, a link to the original); an admin exports the
// whole community at /admin/export, waits for the background job and
// downloads a file whose manifest, rows and trailer are there.
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { and, eq, isNotNull } from "drizzle-orm";
import { importStackExchange } from "../../app/models/import/stackexchange.server";
import { posts, threads } from "../../db/schema";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";
import { stackExchangeDump } from "../support/stackexchange-dumps";

const DUMP = stackExchangeDump("conlang-meta");
let app: RunningApp;
let browser: Browser;
let imported: { id: number; slug: string; title: string; sourceUrl: string };

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "admin_ada", displayName: "Ada Administrator", role: "admin", createdAt: new Date(Date.now() - 30 * 24 * 60 * 60_000) });
    await importStackExchange(db, { folder: path.resolve(DUMP) });
    const row = db
      .select({ id: threads.id, slug: threads.slug, title: threads.title, sourceUrl: posts.sourceUrl })
      .from(threads)
      .innerJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.kind, "question")))
      .where(and(isNotNull(posts.sourceUrl), eq(threads.title, "Are questions asked in conlangs accepted on this site?")))
      .get();
    if (!row?.sourceUrl) throw new Error("the dump's first question was not imported");
    imported = { ...row, sourceUrl: row.sourceUrl };
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a community brought in and taken out", () => {
  test("an imported thread credits its source, author and licence, and links the original", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/t/${imported.id}/${imported.slug}`);
    await visible(page.getByRole("heading", { name: imported.title }));
    // The question's credit links the original question.
    const credit = page.locator(`a[href="${imported.sourceUrl}"]`).first();
    await visible(credit);
    expect(await textOf(credit)).toContain("conlang.meta.stackexchange.com");
    expect(await textOf(page.locator("main"))).toMatch(/Imported from conlang\.meta\.stackexchange\.com · by .+ · CC BY-SA/);
    await page.close();
  });

  test("an admin exports the community and downloads the file", async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, "admin_ada", TEST_PASSWORD);
    await page.goto(`${app.url}/admin/export`);
    await page.getByRole("button", { name: "Start the export" }).click();
    await visible(page.getByText("The export has started."));
    // The worker prepares it in the background; the page checks again by itself (or with "Check again").
    const download = page.getByRole("link", { name: /^Download the export started/ });
    await expect.poll(async () => {
      if (await download.count()) return true;
      await page.getByRole("link", { name: "Check again" }).click().catch(() => {});
      return false;
    }, { timeout: 60_000, interval: 1000 }).toBe(true);
    const href = await download.getAttribute("href");
    const response = await page.context().request.get(`${app.url}${href}`);
    expect(response.status()).toBe(200);
    const lines = gunzipSync(await response.body()).toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ format: "entraide-export", version: 1, withSecrets: false });
    expect(lines.at(-1).trailer).toBeDefined();
    expect(lines.some((line) => line.table === "threads" && line.row.title === imported.title)).toBe(true);
    // No password hash leaves without --with-secrets.
    expect(lines.filter((line) => line.table === "users").every((line) => !line.row.password_hash)).toBe(true);
    await page.close();
  });
});
