// The moderation journey in a real browser: a member flags an answer, a
// moderator sees it on the dashboard, hides it with a reason from the flag
// queue, a visitor no longer sees it, and the audit log shows who hid it and
// why. Members are refused the moderators' pages.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createTestAnswer, createTestThread, createUser, giveReputation, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
let threadPath = "";
let threadId = 0;
let originalId = 0;
let repeatPath = "";
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
const SPAM = "Buy cheap glimmerpills at pills.example, the best price on the web!";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_mia", displayName: "Mia", role: "moderator", createdAt: TWO_DAYS_AGO });
    const anna = await createUser(db, { username: "asker_anna", createdAt: TWO_DAYS_AGO });
    const sam = await createUser(db, { username: "spammer_sam", createdAt: TWO_DAYS_AGO });
    giveReputation(db, await createUser(db, { username: "flagger_fay", createdAt: TWO_DAYS_AGO }), 60);
    const thread = createTestThread(db, anna, { title: "Which router works best with fibre?", category: "billing" });
    createTestAnswer(db, sam, thread.id, SPAM);
    threadPath = `/t/${thread.id}/${thread.slug}`;
    threadId = thread.id;
    const pat = await createUser(db, { username: "porter_pat", createdAt: TWO_DAYS_AGO });
    const original = createTestThread(db, pat, { title: "How do I move my number to Nimbus?", category: "billing" });
    originalId = original.id;
    const repeat = createTestThread(db, await createUser(db, { username: "mover_max", createdAt: TWO_DAYS_AGO }), { title: "Moving my number over, how?", category: "billing" });
    repeatPath = `/t/${repeat.id}/${repeat.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("moderation in the browser", () => {
  test("a member flags a post, a moderator hides it, a visitor no longer sees it, and the audit log shows it", async () => {
    // The member flags the spam answer.
    const fay = await (await browser.newContext()).newPage();
    await signIn(fay, app.url, "flagger_fay", TEST_PASSWORD);
    await fay.goto(`${app.url}${threadPath}`);
    const answer = fay.getByRole("article", { name: /Answer by spammer_sam/ });
    await answer.getByRole("link", { name: "Flag", exact: true }).click();
    await answer.getByLabel("Spam or advertising").check();
    await answer.getByRole("button", { name: "Send flag" }).click();
    await visible(fay.getByRole("article", { name: /Answer by spammer_sam/ }).getByText("You flagged this post"));

    // The moderator sees it on the dashboard and hides it from the flag queue.
    const mia = await (await browser.newContext()).newPage();
    await signIn(mia, app.url, "mod_mia", TEST_PASSWORD);
    await mia.goto(`${app.url}/mod`);
    const flagsCard = mia.locator(".queue-card", { hasText: "open flag" });
    await expect.poll(() => textOf(flagsCard.locator(".queue-count"))).toBe("1");
    await flagsCard.click();
    await mia.waitForURL(/\/mod\/flags$/);
    const item = mia.locator(".flag-item", { hasText: "glimmerpills" });
    await visible(item.getByText("Spam", { exact: true }));
    await item.locator("summary", { hasText: "Hide the post" }).click();
    // Without a reason the form says so beside the field.
    await item.locator('button[name="decision"][value="hide"]').click();
    await expect.poll(() => textOf(mia.locator(".flag-item .field-error"))).toBe("Say why the post is hidden: its author will read it.");
    await mia.locator(".flag-item").getByLabel("Why is it hidden? (its author reads this)").fill("Selling pills, not helping");
    await mia.locator('.flag-item button[name="decision"][value="hide"]').click();
    await expect.poll(() => textOf(mia.locator("main .empty"))).toBe("No open flags. The community is behaving.");

    // A visitor no longer sees the answer.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${app.url}${threadPath}`);
    await expect.poll(() => textOf(visitor.locator("#answers-title"))).toBe("No answers yet");
    expect(await visitor.content()).not.toContain("glimmerpills");

    // Its author still sees it, with the reason.
    const sam = await (await browser.newContext()).newPage();
    await signIn(sam, app.url, "spammer_sam", TEST_PASSWORD);
    await sam.goto(`${app.url}${threadPath}`);
    await expect.poll(() => textOf(sam.locator(".notice-hidden"))).toContain("Hidden by a moderator: Selling pills, not helping.");

    // The audit log: "Hid a post", by Mia, with the reason.
    await mia.getByRole("link", { name: "Audit log" }).click();
    await mia.waitForURL(/\/mod\/log$/);
    const row = mia.locator("tbody tr", { hasText: "Hid a post" });
    await expect.poll(() => textOf(row.locator("td").nth(1))).toBe("Mia");
    await expect.poll(() => textOf(row.locator("td").nth(4))).toBe("Selling pills, not helping");
    await expect.poll(() => textOf(row.locator("td").nth(3))).toContain("Which router works best with fibre?");

    // From the thread page, the moderator locks the thread; the member can no longer answer.
    await mia.goto(`${app.url}${threadPath}`);
    const tools = mia.getByRole("complementary", { name: "Moderator tools" });
    await tools.getByRole("button", { name: "Lock" }).click();
    await expect.poll(() => textOf(mia.locator(".notice-locked"))).toBe("This thread is locked: it takes no new answers or comments.");
    await visible(tools.getByRole("button", { name: "Unlock" }));
    await fay.goto(`${app.url}${threadPath}`);
    await expect.poll(() => textOf(fay.locator(".answer-form p.muted"))).toBe("This thread is locked: it takes no new answers.");
    expect(await fay.getByLabel("Write your answer").count()).toBe(0);
  });

  test("a moderator closes a thread as a duplicate from its tools page: the banner points readers to the original", async () => {
    const mia = await (await browser.newContext()).newPage();
    await signIn(mia, app.url, "mod_mia", TEST_PASSWORD);
    await mia.goto(`${app.url}${repeatPath}`);
    await mia.getByRole("complementary", { name: "Moderator tools" }).getByRole("link", { name: "Pin, move or close as a duplicate" }).click();
    await mia.waitForURL(/\/mod\/threads\/\d+$/);
    await mia.getByLabel("The original thread").fill(String(originalId));
    await mia.getByRole("button", { name: "Close as a duplicate" }).click();
    await expect.poll(() => textOf(mia.locator(".mod-state"))).toContain("Closed as a duplicate of How do I move my number to Nimbus?");
    // Done: the field is empty again, ready for another original rather than showing the old one.
    expect(await mia.getByLabel("Point to another original thread").inputValue()).toBe("");

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${app.url}${repeatPath}`);
    await expect.poll(() => textOf(visitor.locator(".notice-duplicate"))).toBe("This question has an answer here: How do I move my number to Nimbus?");
  });

  test("a member gets 403 on the moderators' pages", async () => {
    const fay = await (await browser.newContext()).newPage();
    await signIn(fay, app.url, "flagger_fay", TEST_PASSWORD);
    for (const path of ["/mod", "/mod/log", "/mod/flags", "/mod/escalations", `/mod/threads/${threadId}`, `/mod/users/spammer_sam`, "/status/new", "/admin/outbox"]) {
      const response = await fay.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(403);
      await expect.poll(() => textOf(fay.locator("h1"))).toBe("You can't do that");
    }
    // And sees no moderator tools on the thread.
    await fay.goto(`${app.url}${threadPath}`);
    await visible(fay.locator("h1.thread-title"));
    expect(await fay.locator(".mod-toolbar").count()).toBe(0);
  });
});
