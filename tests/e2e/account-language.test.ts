// A member's language and public profile in a real browser (#14.2, #14.7):
// the settings' language choice works without JavaScript and the next page is
// in it, whatever the browser asks for; "Automatic" hands the choice back to
// the browser. A suspended member's profile says so; every profile says when
// its member joined as a month and a year.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { users } from "../../db/schema";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "polyglot", createdAt: new Date(Date.UTC(2026, 2, 10, 12)) });
    const suspended = await createUser(db, { username: "benched", createdAt: new Date(Date.UTC(2025, 10, 2, 12)) });
    db.update(users).set({ suspendedUntil: new Date(Date.UTC(2099, 4, 17, 9, 30)), suspendReason: "Spam links" }).where(eq(users.id, suspended.id)).run();
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a member's language, chosen in the settings", () => {
  test("without JavaScript: Français turns every page French for this member although the browser asks for English; Automatic gives it back", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await signIn(page, app.url, "polyglot", TEST_PASSWORD);
    await page.goto(`${app.url}/settings`);
    await page.getByRole("group", { name: "Show the community in" }).getByLabel("Français").check();
    await page.getByRole("button", { name: "Save language" }).click();
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Vos paramètres");
    await visible(page.getByText("Votre langue a été enregistrée."));
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.getByLabel("Français").isChecked()).toBe(true);

    // Another page, the switcher's cookie gone: still French (the account decides).
    await context.clearCookies({ name: "lang" });
    await page.goto(`${app.url}/leaderboard`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    await page.goto(`${app.url}/settings`);
    await page.getByLabel("Automatique — suivre mon navigateur").check();
    await page.getByRole("button", { name: "Enregistrer la langue" }).click();
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Your settings");
    await visible(page.getByText("Your language was saved."));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await context.close();
  });
});

describe("public profiles", () => {
  test("a suspended member is marked, without the reason, and joining is said as a month and a year, in French too", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.url}/u/benched`);
    await visible(page.getByText("Suspended until May 17, 2099 at 9:30 AM UTC"));
    await visible(page.getByText("Member since November 2025", { exact: false }));
    expect(await page.getByText("Spam links").count()).toBe(0);
    await page.goto(`${app.url}/u/polyglot`);
    await visible(page.getByText("Member since March 2026", { exact: false }));
    expect(await page.getByText("Suspended until").count()).toBe(0);
    await context.close();

    const french = await browser.newContext({ locale: "fr-FR" });
    const frenchPage = await french.newPage();
    await frenchPage.goto(`${app.url}/u/benched`);
    await visible(frenchPage.getByText("Suspendu jusqu'au 17 mai 2099 à 09:30 UTC"));
    await visible(frenchPage.getByText("Membre depuis novembre 2025", { exact: false }));
    await french.close();
  });
});
