// The moderators' dashboard as a browser lays it out: a "needs attention"
// row's title lines up with the other rows' titles.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const HOUR = 60 * 60 * 1000;
const OLD_TITLE = "My router keeps dropping the connection at night";
const NEW_TITLE = "Can I move my phone number to a new plan today?";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_moe", role: "moderator", createdAt: new Date(Date.now() - 30 * 24 * HOUR) });
    const asker = await createUser(db, { username: "asker_ada", createdAt: new Date(Date.now() - 30 * 24 * HOUR) });
    // Older than the default 24 hours: "needs attention". The other one is fresh.
    createTestThread(db, asker, { title: OLD_TITLE, category: "billing", at: new Date(Date.now() - 48 * HOUR) });
    createTestThread(db, asker, { title: NEW_TITLE, category: "billing", at: new Date(Date.now() - HOUR) });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the moderators' dashboard", () => {
  test("titles of rows that need attention line up with the others", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, app.url, "mod_moe", TEST_PASSWORD);
    await page.goto(`${app.url}/mod`);
    const queue = page.locator("section", { has: page.getByRole("heading", { name: "Unanswered questions, oldest first" }) }).locator(".mod-queue");
    const attention = queue.locator("li.needs-attention");
    await expect.poll(() => textOf(attention.getByRole("link", { name: OLD_TITLE }))).toBe(OLD_TITLE);
    await expect.poll(() => queue.locator("li:not(.needs-attention)").getByRole("link", { name: NEW_TITLE }).count()).toBe(1);

    const left = async (title: string) => (await queue.getByRole("link", { name: title }).boundingBox())!.x;
    expect(await left(OLD_TITLE)).toBe(await left(NEW_TITLE));
  });
});
