// The search page at 1280 px, as a new customer sees it (#14.7): the filters'
// selects showed "All categori" and "Solved or n", the placeholders were cut
// off, and a filter did nothing until "Search" was pressed. Now every choice
// of every select fits its box, the placeholders fit their fields, and a
// filter applies as soon as it is changed. In English and in French.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { createArticle } from "../../app/models/kb/kb.server";
import { createTestAnswer, createTestThread, createUser } from "../support/factories";
import { launchBrowser, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const DAY = 24 * 60 * 60 * 1000;
const WEEK_AGO = new Date(Date.now() - 7 * DAY);
const JOINED = new Date(Date.now() - 60 * DAY);

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const asker = await createUser(db, { username: "asker_ana", createdAt: JOINED });
    const mod = await createUser(db, { username: "mod_max", role: "moderator", createdAt: JOINED });
    for (const [i, title] of ["Router lights blink orange every evening", "My router restarts when the lights go red", "Router lights off but the internet works"].entries()) {
      const thread = createTestThread(db, asker, { title, body: "The router lights changed and I do not know what they mean.", category: "network", at: new Date(WEEK_AGO.getTime() + i * 60 * 60_000) });
      if (i === 0) {
        const answer = createTestAnswer(db, mod, thread.id, "Orange means an update: leave the router alone for ten minutes.", new Date(WEEK_AGO.getTime() + 30 * 60_000));
        acceptAnswer(db, asker, answer.id);
      }
    }
    const article = createArticle(db, mod, { title: "What the router lights mean", body: "Orange router lights: updating. Red: no line. Green: all good.", category: "network", tags: [], note: "", publish: true }, WEEK_AGO);
    if (!article.ok) throw new Error(JSON.stringify(article.errors));
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function pageAt1280(language: "en" | "fr"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "lang", value: language, url: app.url }]);
  return context.newPage();
}

/**
 * Every select of the filters whose box is too narrow for its current value
 * or for any of its choices (measured with the select's own font), and
 * whose scrollWidth passes its clientWidth.
 */
function cutSelects(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    const cut: string[] = [];
    for (const select of document.querySelectorAll<HTMLSelectElement>(".search-filters select")) {
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (select.scrollWidth > select.clientWidth) cut.push(`${select.name}: scrollWidth ${select.scrollWidth} > ${select.clientWidth}`);
      for (const option of select.options) {
        const width = canvas.measureText(option.text).width;
        if (width > room) cut.push(`${select.name}: “${option.text}” needs ${Math.ceil(width)} px, has ${Math.floor(room)}`);
      }
    }
    return cut;
  });
}

/** Every text field (of the selector) whose placeholder is wider than the room it has. */
function cutPlaceholders(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    const cut: string[] = [];
    for (const input of document.querySelectorAll<HTMLInputElement>(selector)) {
      if (!input.placeholder) continue;
      const style = getComputedStyle(input, "::placeholder");
      canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const own = getComputedStyle(input);
      const room = input.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
      const width = canvas.measureText(input.placeholder).width;
      if (width > room) cut.push(`${input.name}: “${input.placeholder}” needs ${Math.ceil(width)} px, has ${Math.floor(room)}`);
    }
    return cut;
  }, selector);
}

describe("the search page at 1280 px", () => {
  for (const language of ["en", "fr"] as const) {
    test(`${language}: no select cuts its values, no placeholder is cut, on the search page and the home page`, async () => {
      const page = await pageAt1280(language);
      await page.goto(`${app.url}/search?q=router`);
      await visible(page.locator(".search-result"));
      // Measured once the fonts are in: a fallback font is narrower or wider.
      await page.evaluate(() => document.fonts.ready);
      expect(await page.locator(".search-filters select").count()).toBe(4);
      expect(await cutSelects(page)).toEqual([]);
      expect(await cutPlaceholders(page, ".search-form input")).toEqual([]);
      await page.goto(`${app.url}/`);
      await page.evaluate(() => document.fonts.ready);
      expect(await cutPlaceholders(page, ".hero-search input")).toEqual([]);
      await page.context().close();
    });
  }

  test("a filter applies as soon as it is chosen, without pressing Search; the Search button still applies the words", async () => {
    const page = await pageAt1280("en");
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${app.url}/search?q=router+lights`);
    // Once the page's scripts run, the form says its filters apply by themselves.
    await page.locator(".search-form[data-applies-on-change]").waitFor({ state: "attached" });
    await visible(page.locator(".search-result"));
    expect(await page.locator(".search-result").count()).toBe(4);

    await page.getByLabel("Type").selectOption("article");
    await page.waitForURL((url) => url.searchParams.get("type") === "article");
    await expect.poll(() => page.locator(".search-result").count()).toBe(1);
    expect(await textOf(page.locator(".search-result-title a"))).toBe("What the router lights mean");
    expect(await textOf(page.locator(".search-result .thread-meta"))).toMatch(/ · not rated yet · updated /);

    await page.getByLabel("Type").selectOption("thread");
    await page.getByLabel("Status").selectOption("solved");
    await page.waitForURL((url) => url.searchParams.get("status") === "solved");
    await expect.poll(() => page.locator(".search-result").count()).toBe(1);
    expect(await textOf(page.locator(".search-result-title a"))).toBe("Router lights blink orange every evening");

    // The words still go with the button.
    await page.getByLabel("Search for").fill("restarts");
    await page.locator(".search-form").getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "restarts");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("the page's search form and the header's are two landmarks with two names", async () => {
    const page = await pageAt1280("en");
    await page.goto(`${app.url}/search?q=router`);
    const names = await page.locator('[role="search"], search').evaluateAll((forms) => forms.map((f) => f.getAttribute("aria-label") ?? f.getAttribute("aria-labelledby") ?? ""));
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(new Set(names).size).toBe(names.length);
    await page.context().close();
  });
});
