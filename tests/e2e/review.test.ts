// Spam defences in a real browser: an admin makes a member's first question
// wait for review; the asker sees "Waiting for review", a visitor sees
// nothing of it; a moderator approves it from /mod/review and everyone sees it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
const TITLE = "My quixotron modem drops every evening";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "admin_ada", role: "admin", createdAt: TWO_DAYS_AGO });
    await createUser(db, { username: "mod_moe", role: "moderator", createdAt: TWO_DAYS_AGO });
    await createUser(db, { username: "first_fran", createdAt: TWO_DAYS_AGO });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("posts held for review in the browser", () => {
  test("an admin holds first posts; the asker sees it waiting, a visitor does not; a moderator approves it", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, app.url, "admin_ada", TEST_PASSWORD);
    await admin.goto(`${app.url}/admin/settings`);
    const spam = admin.locator("section", { has: admin.getByRole("heading", { name: "Spam defences" }) });
    await spam.getByLabel("A member's first question and first answer wait for a moderator").check();
    await spam.getByRole("button", { name: "Save the spam defences" }).click();
    await visible(spam.getByText("The spam defences were saved."));

    const fran = await (await browser.newContext()).newPage();
    await signIn(fran, app.url, "first_fran", TEST_PASSWORD);
    await fran.goto(`${app.url}/ask`);
    await fran.getByLabel("Title").fill(TITLE);
    await fran.getByLabel("Category").selectOption({ label: "Network & Wi-Fi" }).catch(async () => fran.getByLabel("Category").selectOption({ index: 1 }));
    await fran.getByLabel("Details").fill("Every evening around 8pm the modem loses its connection for ten minutes.");
    await fran.getByRole("button", { name: "Post your question" }).click();
    await visible(fran.getByText(/Waiting for review: a moderator will look at it soon/));
    const threadUrl = fran.url();

    // A visitor gets no such thread, nor sees it in the list.
    const visitor = await (await browser.newContext()).newPage();
    const response = await visitor.goto(threadUrl);
    expect(response?.status()).toBe(404);
    await visitor.goto(app.url);
    await visible(visitor.getByRole("heading", { level: 1 }));
    expect(await visitor.getByText(TITLE).count()).toBe(0);

    // The moderator approves it from the review queue.
    const moe = await (await browser.newContext()).newPage();
    await signIn(moe, app.url, "mod_moe", TEST_PASSWORD);
    await moe.goto(`${app.url}/mod/review`);
    await expect.poll(() => textOf(moe.getByRole("heading", { name: /waits? for review/ }))).toBe("1 post waits for review");
    const item = moe.locator("li", { hasText: TITLE });
    await item.getByRole("button", { name: "Approve and publish" }).click();
    await visible(moe.getByText("Nothing is waiting for review."));

    await expect.poll(async () => (await visitor.goto(threadUrl))?.status()).toBe(200);
    await visible(visitor.getByRole("heading", { name: TITLE }));
    await fran.reload();
    await visible(fran.getByRole("heading", { name: TITLE }));
    expect(await fran.getByText(/Waiting for review/).count()).toBe(0);
  });
});
