// "My data, my choice" in a real browser: a member with an answer asks for
// their data, the server's own worker prepares it, they download the file
// from the page's link and find their answer in it; then they delete their
// account (password and their username typed), land signed out, can no
// longer sign in, and the thread shows their answer under "a former member".
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createTestAnswer, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
let threadPath = "";
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
const ANSWER = "Unplug the router for thirty seconds, then plug the fibre cable in first.";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const asker = await createUser(db, { username: "asker_ivy", createdAt: TWO_DAYS_AGO });
    const maya = await createUser(db, { username: "maya_member", displayName: "Maya Moreau", createdAt: TWO_DAYS_AGO });
    const thread = createTestThread(db, asker, { title: "My internet drops every evening", category: "billing" });
    createTestAnswer(db, maya, thread.id, ANSWER);
    threadPath = `/t/${thread.id}/${thread.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("my data in the browser", () => {
  test("a member downloads their data, then deletes the account, and their answer shows “a former member”", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, app.url, "maya_member", TEST_PASSWORD);

    // Ask for the data; the server's worker prepares it within seconds, and the page (with JavaScript) looks again by itself.
    await page.goto(`${app.url}/settings/data`);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Your data");
    await visible(page.getByText("You have not asked for your data yet."));
    await page.getByRole("button", { name: "Prepare my data" }).click();
    await visible(page.getByText("Your data is being prepared"));
    const link = page.getByRole("link", { name: "Download my data (JSON)" });
    await link.waitFor({ state: "visible", timeout: 30_000 });
    await visible(page.getByText(/Available until/));

    // The download, through the page's link: a JSON attachment named after the member, holding their answer.
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^entraide-maya_member-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(file.profile).toMatchObject({ username: "maya_member", displayName: "Maya Moreau" });
    expect(file.answers.map((a: { body: string }) => a.body)).toEqual([ANSWER]);
    expect(JSON.stringify(file)).not.toContain("argon2");

    // Delete: a wrong confirmation is refused beside the field, and the account is still there.
    await page.getByLabel("Your password").fill(TEST_PASSWORD);
    await page.getByLabel("Type your username, maya_member, to confirm").fill("maya");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect.poll(() => textOf(page.locator("#confirmation-error"))).toBe("Type your username, maya_member, to confirm.");
    expect(await page.getByLabel("Type your username, maya_member, to confirm").inputValue()).toBe("maya");

    await page.getByLabel("Your password").fill(TEST_PASSWORD);
    await page.getByLabel("Type your username, maya_member, to confirm").fill("maya_member");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(/\/settings\/data\?deleted=1$/);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Your account was deleted");
    // Signed out: the header offers to sign in again.
    await visible(page.getByRole("link", { name: "Sign in" }));

    // The thread keeps the answer, under "a former member", with no link to a profile.
    await page.goto(`${app.url}${threadPath}`);
    const answer = page.getByRole("article", { name: "Answer by a former member" });
    await visible(answer.getByText(ANSWER));
    await visible(answer.getByText("a former member", { exact: true }));
    expect(await page.content()).not.toContain("Maya Moreau");
    expect(await page.locator('a[href^="/u/former-member"], a[href="/u/maya_member"]').count()).toBe(0);

    // And the old name and password open nothing any more.
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Username or email").fill("maya_member");
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await visible(page.getByText("That username or email and password do not match."));
    await context.close();
  });
});
