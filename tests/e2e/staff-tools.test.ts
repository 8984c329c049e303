// The staff tools in a browser (#14.7): on a 390 px phone the admins' and
// moderators' pages fit the screen with their controls in reach, and the ten
// sections are one line that opens a menu; the flag queue's deletion asks for
// confirmation and a reason without JavaScript, then says what was done.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { flagPost } from "../../app/models/moderation/flag.server";
import { lockThread, suspendUser } from "../../app/models/moderation/moderation.server";
import { logSearch } from "../../app/models/search/search-log.server";
import { addSynonyms } from "../../app/models/search/synonym.server";
import { createEstablishedMember, createTestAnswer, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const HOUR = 60 * 60 * 1000;
const PHONE = { width: 390, height: 844 };
const SPAM = "Cheap followers at followers-4-you.example, best price guaranteed!";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const long = new Date(Date.now() - 60 * 24 * HOUR);
    await createUser(db, { username: "admin_ada", displayName: "Ada Administrator", role: "admin", createdAt: long });
    const moe = await createUser(db, { username: "mod_moe", displayName: "Moe Moderator", role: "moderator", createdAt: long });
    const asker = await createEstablishedMember(db, { username: "asker_with_a_long_name", email: "asker.with.a.rather.long.address@customers.example" });
    const spammer = await createEstablishedMember(db, { username: "spammer_sid" });
    const reporter = await createEstablishedMember(db, { username: "reporter_ria" });
    const thread = createTestThread(db, asker, { title: "My router reboots every night at exactly 3 a.m.", category: "devices", at: new Date(Date.now() - 5 * HOUR) });
    const spam = createTestAnswer(db, spammer, thread.id, SPAM, new Date(Date.now() - 4 * HOUR));
    flagPost(db, reporter, { postId: spam.id, reason: "spam", note: "Advertising" });
    for (const query of ["facture impayée", "remboursement box", "wifii"]) logSearch(db, { query, resultCount: 0, signedIn: true });
    logSearch(db, { query: "router reboot", resultCount: 4, signedIn: false });
    addSynonyms(db, moe, { term: "modem", synonyms: "box, router, livebox" });
    lockThread(db, moe, thread.id);
    suspendUser(db, moe, asker.id, { until: new Date(Date.now() + 7 * 24 * HOUR), reason: "Posted the same question fifteen times in one hour, across categories" });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function phone(username: string, language?: "fr"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, app.url, username, TEST_PASSWORD);
  if (language) await context.addCookies([{ name: "lang", value: language, url: app.url }]);
  return { context, page };
}

/** Shown, and inside the screen's width: nothing to scroll sideways to reach it. */
async function inReach(locator: Locator) {
  await visible(locator);
  if (process.env.STAFF_SHOTS) await locator.first().page().screenshot({ path: `/tmp/staff/e2e-${Date.now()}.png`, fullPage: true });
  const box = (await locator.first().boundingBox())!;
  expect(box.x, await locator.first().evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
}

async function fitsTheScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** The sections: the tab strip is not shown, and the one line that replaces it is at most two rows high. */
async function sectionsFit(page: Page, current: string) {
  const menu = page.locator(".section-menu summary");
  await expect.poll(() => textOf(menu)).toBe(current);
  expect(await page.locator(".section-tabs").isVisible()).toBe(false);
  expect((await menu.boundingBox())!.height).toBeLessThanOrEqual(2 * 48);
  await inReach(menu);
}

describe("on a 390 px phone", () => {
  test("the admins' users page fits, with its search and each member's role form in reach, and a suspended member stands out", async () => {
    const { context, page } = await phone("admin_ada");
    await page.goto(`${app.url}/admin`);
    await sectionsFit(page, "Section: Users and roles");
    await fitsTheScreen(page);
    await inReach(page.getByRole("button", { name: "Find users" }));
    await inReach(page.getByLabel("Role of @spammer_sid"));
    await inReach(page.locator("tr", { hasText: "@spammer_sid" }).getByRole("button", { name: "Change role" }));
    await inReach(page.locator("tr", { hasText: "@asker_with_a_long_name" }).locator(".badge-suspended"));
    expect(await textOf(page.locator(".badge-suspended"))).toMatch(/^Suspended until /);
    await context.close();
  });

  test("search insights, the audit log and synonyms fit, with their controls in reach", async () => {
    const { context, page } = await phone("mod_moe");
    await page.goto(`${app.url}/mod/search`);
    await sectionsFit(page, "Section: Search insights");
    await fitsTheScreen(page);
    await inReach(page.getByLabel("Period"));
    await inReach(page.getByRole("button", { name: "Show" }));
    await inReach(page.getByRole("link", { name: "Add a synonym for “wifii”" }));

    await page.goto(`${app.url}/mod/log`);
    await sectionsFit(page, "Section: Audit log");
    await fitsTheScreen(page);
    for (const name of ["moderator", "action", "from", "to"]) await inReach(page.locator(`.audit-filters [name="${name}"]`));
    await inReach(page.getByRole("button", { name: "Filter" }));
    // A long reason is read where it is, not off to the side.
    await inReach(page.getByText("Posted the same question fifteen times in one hour, across categories"));

    await page.goto(`${app.url}/mod/synonyms`);
    await sectionsFit(page, "Section: Synonyms");
    await fitsTheScreen(page);
    await inReach(page.getByLabel("The customers' word"));
    await inReach(page.getByRole("button", { name: "Add synonym" }));
    await inReach(page.getByRole("button", { name: "Remove “livebox” for “modem”" }));
    await context.close();
  });

  test("the sections' menu opens without JavaScript and leads to another section", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, app.url, "mod_moe", TEST_PASSWORD);
    await page.goto(`${app.url}/mod`);
    await sectionsFit(page, "Section: Overview");
    await page.locator(".section-menu summary").click();
    const link = page.locator(".section-menu").getByRole("link", { name: "Audit log" });
    await inReach(link);
    await link.click();
    await page.waitForURL(/\/mod\/log$/);
    await sectionsFit(page, "Section: Audit log");
    await context.close();
  });

  test("in French, the same pages fit and the menu names the section in French", async () => {
    const { context, page } = await phone("mod_moe", "fr");
    for (const [path, section] of [
      ["/mod/log", "Rubrique : Journal d'audit"],
      ["/mod/search", "Rubrique : Analyse des recherches"],
      ["/mod/synonyms", "Rubrique : Synonymes"],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      await sectionsFit(page, section);
      await fitsTheScreen(page);
    }
    await inReach(page.getByRole("button", { name: "Ajouter le synonyme" }).or(page.locator('button[name="intent"][value="add"]')));
    await context.close();
  });
});

describe("the flag queue without JavaScript", () => {
  test("deleting a post asks why first, refuses without a reason, then says what was done and logs the reason", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, app.url, "mod_moe", TEST_PASSWORD);
    await page.goto(`${app.url}/mod/flags`);
    const card = page.locator(".flag-item", { hasText: "followers-4-you" });
    await expect.poll(() => textOf(card.locator("p").first())).toContain("on an answer by @spammer_sid");
    // Nothing is deleted by the first press: it opens the confirmation.
    const confirm = card.getByRole("button", { name: "Delete this answer" });
    expect(await confirm.isVisible()).toBe(false);
    await card.locator("summary", { hasText: "Delete the post" }).click();
    await visible(confirm);
    await confirm.click();
    const again = page.locator(".flag-item", { hasText: "followers-4-you" });
    await expect.poll(() => textOf(again.locator(".field-error"))).toBe("Say why the post is deleted: the reason is kept in the audit log.");
    await again.getByLabel("Why is it deleted? (kept in the audit log)").fill("Advertising for followers");
    await again.getByRole("button", { name: "Delete this answer" }).click();
    await expect
      .poll(() => textOf(page.locator(".alert-success")))
      .toBe("The answer by @spammer_sid is deleted. Its flags are closed and your reason is in the audit log.");
    await visible(page.getByText("No open flags. The community is behaving."));

    await page.goto(`${app.url}/mod/log`);
    const row = page.locator("tr", { hasText: "Deleted a flagged post" });
    await expect.poll(() => textOf(row)).toContain("Advertising for followers");
    await context.close();
  });
});
