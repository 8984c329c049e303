// Escalation and the follow-up in the browser: a moderator escalates from the
// thread page (the note is required), the asker sees that support is looking
// into it (never the note), a moderator closes it from /mod/escalations; the
// asker answers "Did this solve your problem?" without JavaScript, then
// accepts the answer that solved it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { escalateThread } from "../../app/models/moderation/escalation.server";
import { runFollowUps } from "../../app/models/notify/follow-up.server";
import { users } from "../../db/schema";
import { createTestAnswer, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const DAY = 24 * 60 * 60 * 1000;
const LONG_AGO = new Date(Date.now() - 20 * DAY);
let escalatedPath = "";
let followUpPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_mia", role: "moderator", createdAt: LONG_AGO });
    const anna = await createUser(db, { username: "asker_anna", createdAt: LONG_AGO });
    const ben = await createUser(db, { username: "helper_ben", displayName: "Ben", createdAt: LONG_AGO });
    const escalated = createTestThread(db, anna, { title: "My number porting is stuck for a week", category: "billing", at: new Date(Date.now() - 10 * DAY) });
    escalatedPath = `/t/${escalated.id}/${escalated.slug}`;
    const asked = createTestThread(db, anna, { title: "Router reboots every night at 3am", category: "billing", at: new Date(Date.now() - 9 * DAY) });
    createTestAnswer(db, ben, asked.id, "Turn off the automatic firmware update window in the router settings.", new Date(Date.now() - 8 * DAY));
    runFollowUps(db, new Date());
    followUpPath = `/t/${asked.id}/${asked.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("escalation", () => {
  test("a moderator escalates with a note; the asker sees support is on it; the queue closes it", async () => {
    const mia = await browser.newContext();
    const modPage = await mia.newPage();
    await signIn(modPage, app.url, "mod_mia", TEST_PASSWORD);
    await modPage.goto(`${app.url}${escalatedPath}`);
    await modPage.locator("summary", { hasText: "Escalate to support" }).click();
    await modPage.getByRole("button", { name: "Escalate this thread" }).click();
    await expect.poll(() => textOf(modPage.locator("#note-error"))).toBe("Write a note for the support team: what should they look at?");
    await modPage.getByLabel("Note for the support team").fill("Porting blocked at the donor carrier, ticket PORT-88.");
    await modPage.getByRole("button", { name: "Escalate this thread" }).click();
    await expect.poll(() => textOf(modPage.locator(".escalation-notice strong"))).toBe("Our support team is looking into this");
    await expect.poll(() => textOf(modPage.locator(".escalation-notice"))).toContain("PORT-88");

    const anna = await browser.newContext();
    const annaPage = await anna.newPage();
    await signIn(annaPage, app.url, "asker_anna", TEST_PASSWORD);
    await annaPage.goto(`${app.url}${escalatedPath}`);
    await expect.poll(() => textOf(annaPage.locator(".escalation-notice"))).toMatch(/^Our support team is looking into this \(since \w+ \d+, \d{4}\)\.$/);
    expect(await annaPage.content()).not.toContain("PORT-88");

    await modPage.getByRole("link", { name: "Open the escalations queue" }).click();
    await expect.poll(() => textOf(modPage.locator("#open-escalations-title"))).toBe("Open escalations (1)");
    await modPage.getByRole("button", { name: "Close the escalation" }).click();
    await expect.poll(() => textOf(modPage.locator(".field-error"))).toBe("Write the resolution: what did the support team find or do?");
    await modPage.getByLabel("Resolution").fill("Carrier released the number.");
    await modPage.getByRole("button", { name: "Close the escalation" }).click();
    await expect.poll(() => textOf(modPage.locator("#open-escalations-title"))).toBe("Open escalations (0)");
    await visible(modPage.getByRole("cell", { name: "Carrier released the number." }));

    await annaPage.reload();
    await visible(annaPage.locator("h1.thread-title"));
    expect(await annaPage.locator(".escalation-notice").count()).toBe(0);
    await mia.close();
    await anna.close();
  });
});

describe("escalation without JavaScript", () => {
  test("a refused escalation comes back on /mod/escalations with its message and the note kept", async () => {
    const mia = await browser.newContext({ javaScriptEnabled: false });
    const page = await mia.newPage();
    await signIn(page, app.url, "mod_mia", TEST_PASSWORD);
    await page.goto(`${app.url}${escalatedPath}`);
    await page.locator("summary", { hasText: "Escalate to support" }).click();
    await page.getByRole("button", { name: "Escalate this thread" }).click();
    await page.waitForURL((url) => url.pathname === "/mod/escalations");
    await expect.poll(() => textOf(page.locator("#note-error"))).toBe("Write a note for the support team: what should they look at?");

    // Meanwhile another moderator escalates the same thread.
    await page.goto(`${app.url}${escalatedPath}`);
    await page.locator("summary", { hasText: "Escalate to support" }).click();
    const moderator = app.db.select().from(users).where(eq(users.username, "mod_mia")).get()!;
    const thread = Number(escalatedPath.split("/")[2]);
    expect(escalateThread(app.db, moderator, thread, "Escalated from another tab.").ok).toBe(true);
    await page.getByLabel("Note for the support team").fill("My own note, typed with care.");
    await page.getByRole("button", { name: "Escalate this thread" }).click();
    await page.waitForURL((url) => url.pathname === "/mod/escalations");
    await expect.poll(() => textOf(page.locator(".alert-error"))).toMatch(/already escalated/);
    expect(await page.getByLabel("Note for the support team").inputValue()).toBe("My own note, typed with care.");
    await mia.close();
  });
});

describe("the follow-up", () => {
  test("without JavaScript: Yes, then the asker accepts the answer that solved it", async () => {
    const anna = await browser.newContext({ javaScriptEnabled: false });
    const page = await anna.newPage();
    await signIn(page, app.url, "asker_anna", TEST_PASSWORD);
    await page.goto(`${app.url}/notifications`);
    await page.getByRole("link", { name: /Did the answers to “Router reboots every night at 3am” solve your problem\?/ }).click();
    await page.waitForURL((url) => url.pathname === followUpPath);
    expect(new URL(page.url()).hash).toBe("#follow-up");
    await expect.poll(() => textOf(page.locator("#follow-up-title"))).toBe("Did this solve your problem?");
    await page.getByRole("button", { name: "Yes" }).click();
    await expect.poll(() => textOf(page.locator("#follow-up-title"))).toBe("Great! Choose the answer that solved it");
    await visible(page.locator(".follow-up-answers").getByRole("link", { name: "Answer by Ben" }));
    await page.getByRole("button", { name: "Accept this answer" }).click();
    await expect.poll(() => textOf(page.locator(".solved-mark"))).toBe("Solved");
    expect(await page.locator("#follow-up").count()).toBe(0);
    await anna.close();
  });
});
