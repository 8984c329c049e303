// French and English in a real browser (issue #14, point 2): the browser's
// language is honoured, the footer's switcher works without JavaScript, and
// a page in French stays French once JavaScript takes over.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the interface's language in the browser", () => {
  test("without JavaScript, the footer's switcher turns the interface to French and back", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.url}/leaderboard`);
    await visible(page.getByRole("link", { name: "Ask a question" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByLabel("Language").selectOption("fr");
    await page.getByRole("button", { name: "Change the language" }).click();
    await visible(page.getByRole("link", { name: "Poser une question" }));
    expect(page.url()).toBe(`${app.url}/leaderboard`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByLabel("Langue").selectOption("en");
    await page.getByRole("button", { name: "Changer de langue" }).click();
    await visible(page.getByRole("link", { name: "Ask a question" }));
    await context.close();
  });

  test("a browser asking for French gets French, and it stays French from page to page with JavaScript", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(app.url);
    await visible(page.getByRole("link", { name: "Poser une question" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    // A link followed by the client's router (the window survives, so no full load happened):
    // the new page is rendered in the browser, in French.
    await page.waitForFunction(() => (window as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
    await page.evaluate(() => ((window as { sameWindow?: boolean }).sameWindow = true));
    await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Classement" }).click();
    await page.waitForURL(`${app.url}/leaderboard`);
    expect(await page.evaluate(() => (window as { sameWindow?: boolean }).sameWindow)).toBe(true);
    await expect.poll(() => textOf(page.getByRole("button", { name: "Rechercher" }))).toBe("Rechercher");
    await visible(page.getByRole("link", { name: "Se connecter" }));
    expect(errors.filter((text) => /hydrat|did not match/i.test(text))).toEqual([]);
    await context.close();
  });
});
