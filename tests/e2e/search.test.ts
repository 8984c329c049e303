import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { createTestAnswer, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const WEEK_AGO = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
const SOLVED_TITLE = "Router keeps rebooting every evening";
let solvedPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_sol", role: "moderator", createdAt: WEEK_AGO });
    const asker = await createUser(db, { username: "asker_ada", createdAt: WEEK_AGO });
    const helper = await createUser(db, { username: "helper_hal", createdAt: WEEK_AGO });
    const thread = createTestThread(db, asker, {
      title: SOLVED_TITLE,
      body: "Every evening around eight the router restarts itself and the internet drops for five minutes.",
      category: "devices",
      at: WEEK_AGO,
    });
    const answer = createTestAnswer(db, helper, thread.id, "It overheats: move it off the radiator shelf and the reboots stop.", WEEK_AGO);
    acceptAnswer(db, asker, answer.id);
    createTestThread(db, helper, { title: "Which router settings matter for gaming?", body: "Looking for tips on latency and port forwarding.", category: "tips", at: WEEK_AGO });
    solvedPath = `/t/${thread.id}/${thread.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

// Headless Chromium says so in its user agent, and the search log leaves
// crawlers and headless browsers out: customers get a desktop browser's.
const CUSTOMER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
async function customerPage() {
  return (await browser.newContext({ userAgent: CUSTOMER_AGENT })).newPage();
}

async function moderatorSearchPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, app.url, "mod_sol", TEST_PASSWORD);
  await page.goto(`${app.url}/mod/search?days=7`);
  return page;
}

describe("search and self-service in the browser", () => {
  test("a visitor's title on /ask finds the solved thread; 'This answered my question' counts one deflection", async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${app.url}/ask`);
    await visitor.getByLabel("Title").fill("my router keeps rebooting");
    const suggestion = visitor.locator(".similar-item", { hasText: SOLVED_TITLE });
    await visible(suggestion);
    await visible(suggestion.locator(".solved-mark"));
    await suggestion.getByRole("button", { name: "This answered my question" }).click();
    await visitor.waitForURL((url) => url.pathname === solvedPath);
    await expect.poll(() => textOf(visitor.locator("h1"))).toContain(SOLVED_TITLE);

    const mod = await moderatorSearchPage();
    const deflections = mod.locator(".queue-card", { hasText: "deflections" });
    await expect.poll(() => textOf(deflections.locator(".queue-count"))).toBe("1");
    await visible(mod.getByRole("cell", { name: "my router keeps rebooting" }));
  });

  test("without JavaScript, 'Check for similar questions' shows the suggestions and the deflection still works", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/ask`);
    await page.getByLabel("Title").fill("router rebooting in the evening");
    await page.getByRole("button", { name: "Check for similar questions" }).click();
    const suggestion = page.locator(".similar-item", { hasText: SOLVED_TITLE });
    await visible(suggestion);
    expect(await page.getByLabel("Title").inputValue()).toBe("router rebooting in the evening");
    await suggestion.getByRole("button", { name: "This answered my question" }).click();
    await page.waitForURL((url) => url.pathname === solvedPath);
  });

  test("the header search finds a thread by a word of its answer, highlighted, and the click is counted", async () => {
    const page = await customerPage();
    await page.goto(`${app.url}${solvedPath}`);
    await page.getByLabel("Search the community").fill("radiator");
    await page.getByLabel("Search the community").press("Enter");
    await page.waitForURL(/\/search\?q=radiator/);
    await expect.poll(() => textOf(page.locator("#results-title"))).toBe("1 result for “radiator”");
    await expect.poll(() => textOf(page.locator(".search-snippet mark"))).toBe("radiator");
    await page.getByRole("link", { name: SOLVED_TITLE }).click();
    await page.waitForURL((url) => url.pathname === solvedPath);

    const mod = await moderatorSearchPage();
    const row = mod.locator("section", { hasText: "Top searches" }).getByRole("row", { name: /radiator/ });
    await expect.poll(() => textOf(row.locator("td").last())).toBe("100%");
  });

  test("hostile search syntax shows a normal page", async () => {
    const page = await (await browser.newContext()).newPage();
    for (const q of ['"NEAR(', "-*", "AND OR (", "router*)"]) {
      const response = await page.goto(`${app.url}/search?q=${encodeURIComponent(q)}`);
      expect(response?.status()).toBe(200);
      await visible(page.locator("h1", { hasText: "Search" }));
    }
  });

  test("a failed search offers the moderator 'Add a synonym'; afterwards the customers' word finds the thread", async () => {
    const visitor = await customerPage();
    await visitor.goto(`${app.url}/search?q=${encodeURIComponent("gateway")}`);
    await visible(visitor.getByRole("heading", { name: "No results for “gateway”" }));

    const mod = await moderatorSearchPage();
    const failed = mod.locator("section", { hasText: "Searches with no results" }).getByRole("row", { name: /gateway/ });
    await failed.getByRole("link", { name: /Add a synonym/ }).click();
    await mod.waitForURL(/\/mod\/synonyms\?term=/);
    await expect.poll(() => mod.getByLabel("The customers' word").inputValue()).toBe("gateway");
    await mod.getByLabel("The customers' word").fill("gateway");
    await mod.getByLabel("Your words").fill("router");
    await mod.getByRole("button", { name: "Add synonym" }).click();
    await visible(mod.getByText("Searches for “gateway” now also find: router."));

    await visitor.goto(`${app.url}/search?q=${encodeURIComponent("gateway")}`);
    await visible(visitor.getByRole("link", { name: SOLVED_TITLE }));
    await visible(visitor.getByText("Also looked for: router."));
  });
});
