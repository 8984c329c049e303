import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createTestAnswer, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
let threadPath = "";
let asker: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const mod = await createUser(db, { username: "mod_mia", displayName: "Mia from Nimbus", role: "moderator", createdAt: TWO_DAYS_AGO });
    asker = await createUser(db, { username: "asker_ada", createdAt: TWO_DAYS_AGO });
    await createUser(db, { username: "watcher_wes", createdAt: TWO_DAYS_AGO });
    await createUser(db, { username: "quiet_quinn", createdAt: TWO_DAYS_AGO });
    const thread = createTestThread(db, asker, { title: "My box loses the connection every evening", category: "devices", at: new Date(Date.now() - 60 * 60_000) });
    createTestAnswer(db, mod, thread.id, "We fixed a fault on your line this morning: restart the box once and it holds.", new Date(Date.now() - 30 * 60_000));
    threadPath = `/t/${thread.id}/${thread.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("watching and official answers in the browser", () => {
  test("a moderator's answer reads as the brand's official answer, with the staff mark", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}${threadPath}`);
    const answer = page.getByRole("article", { name: /Answer by Mia from Nimbus/ });
    await expect.poll(() => textOf(answer.locator(".official-mark"))).toMatch(/Official answer from Nimbus Telecom$/);
    await expect.poll(() => textOf(answer.locator(".post-author .badge-staff"))).toBe("Nimbus Telecom staff");
    // The question, by a member, has neither.
    expect(await page.getByRole("article", { name: "Question" }).locator(".official-mark, .badge-staff").count()).toBe(0);
    // Visitors are asked to sign in to watch.
    await visible(page.getByRole("link", { name: "Sign in to watch" }));
    await context.close();
  });

  test("watching a category brings its new questions to the bell; the list on /notifications stops it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, "watcher_wes", TEST_PASSWORD);
    await page.goto(`${app.url}/c/billing`);
    await page.getByRole("button", { name: "Watch", exact: true }).click();
    await visible(page.getByRole("button", { name: "Watching ✓ — Stop watching" }));
    await expect.poll(() => textOf(page.locator(".watch-hint"))).toBe("You're notified of new questions in Billing.");

    createTestThread(app.db, asker, { title: "Why did my bill go up by five euros?", category: "billing" });
    await page.goto(`${app.url}/notifications`);
    await expect.poll(() => textOf(page.locator(".notification-text"))).toContain("asked “Why did my bill go up by five euros?”");

    // Reaching the question by a link (a client-side navigation) reads its notification: the bell agrees at once.
    await page.goto(`${app.url}/c/billing`);
    const bell = page.locator('a[aria-label^="Notifications"]');
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
    await page.getByRole("link", { name: "Why did my bill go up by five euros?" }).click();
    await visible(page.getByRole("heading", { name: "Why did my bill go up by five euros?" }));
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
    await page.goto(`${app.url}/notifications`);

    // The list is folded under its heading: opened, it shows the category with its button.
    const watched = page.locator("details#watched");
    await watched.locator("summary").click();
    await expect.poll(() => textOf(watched.locator(".watched-item"))).toContain("Billing");
    await watched.getByRole("button", { name: "Stop watching Billing" }).click();
    // Back on /notifications, the list stays open to show it is empty now.
    await expect.poll(() => textOf(watched.locator(".empty"))).toContain("You don't watch anything yet.");
    await context.close();
  });

  test("without JavaScript, a member mutes, unmutes and watches a thread", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, app.url, "quiet_quinn", TEST_PASSWORD);
    await page.goto(`${app.url}${threadPath}`);
    await page.getByRole("button", { name: "Mute", exact: true }).click();
    await page.waitForURL(`${app.url}${threadPath}`);
    await expect.poll(() => textOf(page.locator(".watch-hint"))).toBe("Muted: you get no notifications from this question.");
    await page.getByRole("button", { name: "Unmute" }).click();
    await page.getByRole("button", { name: "Watch", exact: true }).click();
    await visible(page.getByRole("button", { name: "Watching ✓ — Stop watching" }));
    expect(await textOf(page.locator(".watch-hint"))).toBe("You're notified of new answers.");
    await context.close();
  });
});
