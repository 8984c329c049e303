// A moderator reads the insights (/mod/insights, issue #17): opens the page
// from the moderation tabs, changes the period, sees a chart drawn by the
// server (an image with a title) and downloads a table as CSV.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createTestAnswer, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const old = { createdAt: new Date(Date.now() - 400 * DAY) };
    await createUser(db, { ...old, username: "mod_ivy", role: "moderator" });
    const asker = await createUser(db, { ...old, username: "asker_sam" });
    const helper = await createUser(db, { ...old, username: "helper_kai", displayName: "Kai, the helper" });
    // Written in the order it happened (the posting limits count from the latest post).
    createTestThread(db, asker, { title: "Charged twice for the same month", category: "billing", at: new Date(Date.now() - 60 * DAY) });
    const recent = createTestThread(db, asker, { title: "My router drops Wi-Fi every evening", category: "billing", at: new Date(Date.now() - 3 * DAY) });
    createTestAnswer(db, helper, recent.id, undefined, new Date(Date.now() - 3 * DAY + 2 * 60 * 60 * 1000));
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("insights", () => {
  test("a moderator changes the period, sees the chart and downloads a CSV", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, "mod_ivy", TEST_PASSWORD);
    await page.goto(`${app.url}/mod`);
    await page.getByRole("link", { name: "Insights", exact: true }).first().click();
    await page.waitForURL(/\/mod\/insights/);

    const asked = page.locator(".insights-card", { has: page.getByRole("heading", { name: "Questions asked", exact: true }) });
    await expect.poll(() => textOf(asked.locator(".insights-value"))).toBe("1");

    await page.getByLabel("Period", { exact: true }).selectOption("90");
    await page.getByRole("button", { name: "Show the figures" }).click();
    await page.waitForURL(/period=90/);
    await expect.poll(() => textOf(asked.locator(".insights-value"))).toBe("2");

    const chart = asked.getByRole("img", { name: "Questions asked, week by week" });
    expect(await chart.count()).toBe(1);
    expect(await chart.evaluate((svg) => svg.tagName.toLowerCase())).toBe("svg");
    expect(await chart.locator("title").first().textContent()).toBe("Questions asked, week by week");
    // The chart's values are there as text too.
    expect(await asked.locator("table caption").textContent()).toBe("Questions asked, week by week");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("section", { has: page.getByRole("heading", { name: "Top contributors" }) }).getByRole("link", { name: /Download as CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^insights-contributors-.*\.csv$/);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text).toBe('Username,Name,Answers\r\nhelper_kai,"Kai, the helper",1\r\n');
    await context.close();
  });

  test("a bad custom date gets a message beside the field", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, "mod_ivy", TEST_PASSWORD);
    const response = await page.goto(`${app.url}/mod/insights?period=custom&from=2025-02-30&to=2025-03-10`);
    expect(response?.status()).toBe(200);
    expect(await textOf(page.locator("#from-error"))).toContain("Write a date that exists");
  });
});
