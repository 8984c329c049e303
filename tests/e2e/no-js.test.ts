// With JavaScript off, in French (issue #14, point 6): every step of the
// forum's main journey is a plain form that posts and comes back — signing
// in, asking (with the "is it one of these?" step), answering, voting,
// accepting — and the footer's switcher changes the language.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createEstablishedMember, createTestThread, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const TITLE = "Le décodeur Nimbus affiche un écran noir après la mise à jour";
const ANSWER = "Débranchez le décodeur trente secondes, puis refaites une recherche des chaînes dans le menu Réglages.";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const someone = await createEstablishedMember(db, { username: "claire_b" });
    // An older question close to the new one: without JavaScript it is shown as a step before posting.
    createTestThread(db, someone, { title: "Écran noir sur le décodeur Nimbus après la mise à jour", category: "devices" });
    await createEstablishedMember(db, { username: "asker_ines" });
    await createEstablishedMember(db, { username: "helper_hugo" });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function withoutJavaScript(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "fr-FR" });
  await context.addCookies([{ name: "lang", value: "fr", url: app.url }]);
  return { context, page: await context.newPage() };
}

async function signInInFrench(page: Page, username: string) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Nom d'utilisateur ou e-mail").fill(username);
  await page.getByLabel("Mot de passe", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
  await visible(page.getByRole("banner").getByRole("link", { name: /^Notifications/ }));
}

describe("without JavaScript, in French", () => {
  test("sign in, ask, answer, vote, accept, then switch the language in the footer", async () => {
    const asker = await withoutJavaScript();
    let page = asker.page;
    await signInInFrench(page, "asker_ines");

    // Asking: the first press shows the close questions, with what was typed kept; the second posts.
    await page.goto(`${app.url}/ask`);
    await page.getByLabel("Titre").fill(TITLE);
    await page.getByLabel("Catégorie").selectOption("devices");
    await page.getByLabel("Détails").fill("Depuis la mise à jour d'hier soir, le décodeur reste sur un écran noir. La box, elle, fonctionne.");
    await page.getByLabel("Tags (facultatif)").fill("decodeur, tv");
    await page.getByRole("button", { name: "Publier la question" }).click();
    await visible(page.getByRole("heading", { name: "Avant de publier : l'une de ces pages répond-elle à votre question ?" }));
    await visible(page.getByRole("link", { name: "Écran noir sur le décodeur Nimbus après la mise à jour" }));
    expect(await page.getByLabel("Titre").inputValue()).toBe(TITLE);
    expect(await page.getByLabel("Détails").inputValue()).toContain("écran noir");
    await page.getByRole("button", { name: "Publier la question" }).click();
    await page.waitForURL(/\/t\/\d+/);
    expect(await textOf(page.locator("main h1"))).toContain(TITLE);
    const threadUrl = page.url();

    // Another member answers, and votes the question up.
    const helper = await withoutJavaScript();
    page = helper.page;
    await signInInFrench(page, "helper_hugo");
    await page.goto(threadUrl);
    await page.getByLabel("Rédigez votre réponse").fill(ANSWER);
    await page.getByRole("button", { name: "Publier la réponse" }).click();
    const answer = page.locator("article.post", { hasText: ANSWER });
    await visible(answer);
    await expect.poll(() => textOf(page.locator("#answers-title"))).toBe("1 réponse");
    const question = page.getByRole("article", { name: "Question", exact: true });
    await question.getByRole("button", { name: "Voter pour" }).click();
    await expect.poll(() => question.getByRole("button", { name: "Voter pour" }).getAttribute("aria-pressed")).toBe("true");
    expect(await textOf(question.locator(".score"))).toBe("1");

    // The asker votes the answer up and accepts it.
    page = asker.page;
    await page.goto(threadUrl);
    const theirs = page.locator("article.post", { hasText: ANSWER });
    await theirs.getByRole("button", { name: "Voter pour" }).click();
    await expect.poll(() => page.locator("article.post", { hasText: ANSWER }).getByRole("button", { name: "Voter pour" }).getAttribute("aria-pressed")).toBe("true");
    expect(await textOf(theirs.locator(".score"))).toBe("1");
    await theirs.getByRole("button", { name: "Accepter cette réponse" }).click();
    await visible(page.locator("article.post", { hasText: ANSWER }).getByText("Réponse acceptée"));
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    // The footer's switcher: the same page, now in English.
    await page.getByLabel("Langue").selectOption("en");
    await page.getByRole("button", { name: "Changer de langue" }).click();
    await visible(page.locator("article.post", { hasText: ANSWER }).getByText("Accepted answer"));
    expect(page.url()).toBe(threadUrl);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await visible(page.getByRole("link", { name: "Ask a question" }));
    // What people wrote is never translated.
    await visible(page.getByRole("heading", { name: TITLE }));
    await asker.context.close();
    await helper.context.close();
  });
});
