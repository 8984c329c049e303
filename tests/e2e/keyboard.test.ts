// The keyboard alone, in French (issue #14, points 6 and 7): "Aller au
// contenu" puts the focus in the page; a member asks a question, another
// answers it and votes the question up, the asker votes the answer up and
// accepts it — with Tab, Shift+Tab, Enter and Space (and typing), a visible
// focus ring on every control used.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { createEstablishedMember, createTestThread, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, startApp, textOf, visible, type RunningApp } from "./harness";
import { describeFocus, focusRingOf, tabTo } from "./a11y-helpers";

let app: RunningApp;
let browser: Browser;
const TITLE = "Ma box Nimbus perd la connexion tous les soirs vers 21 h";
const ANSWER = "Changez le canal wifi de la box : le 1, le 6 ou le 11 sont souvent moins encombrés le soir.";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const someone = await createEstablishedMember(db, { username: "claire_b" });
    // An older question, so similar questions come up while the title is typed (and Tab has to pass them).
    createTestThread(db, someone, { title: "La box Nimbus perd la connexion le soir", category: "network" });
    await createEstablishedMember(db, { username: "asker_ines" });
    await createEstablishedMember(db, { username: "helper_hugo" });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function frenchContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "lang", value: "fr", url: app.url }]);
  return { context, page: await context.newPage() };
}

/** Tabs to the control, checks that its focus shows (an outline or a shadow), and returns it. */
async function reach(page: Page, control: Locator, options?: { backwards?: boolean }): Promise<Locator> {
  await tabTo(page, control, options);
  const ring = await focusRingOf(control.first());
  expect(ring.focused).toBe(true);
  expect(ring.visible, `no visible focus on ${await describeFocus(page)}: outline ${ring.outline}, box-shadow ${ring.boxShadow}`).toBe(true);
  return control;
}

/** Signs in from the French form with the keyboard only. */
async function signInByKeyboard(page: Page, username: string) {
  await page.goto(`${app.url}/login`);
  await visible(page.getByRole("heading", { name: "Se connecter", level: 1 }));
  await reach(page, page.getByLabel("Nom d'utilisateur ou e-mail"));
  await page.keyboard.type(username);
  await reach(page, page.getByLabel("Mot de passe", { exact: true }));
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // Signed in: the bell is in the header.
  await visible(page.getByRole("banner").getByRole("link", { name: /^Notifications/ }));
}

/** The app's scripts have taken over the page (its router exists). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as { __remixRouter?: { state?: { initialized?: boolean } } }).__remixRouter?.state?.initialized === true);
}

describe("with the keyboard alone, in French", () => {
  test("\"Aller au contenu\" is the first stop, shows itself, and moves the focus into the page", async () => {
    const { context, page } = await frenchContext();
    await page.goto(`${app.url}/leaderboard`);
    await visible(page.locator("main h1"));
    await hydrated(page);
    const skip = page.getByRole("link", { name: "Aller au contenu" });
    await page.keyboard.press("Tab");
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    // On screen once focused (it waits above the page until then).
    await expect.poll(async () => (await skip.boundingBox())?.y ?? -1000).toBeGreaterThanOrEqual(0);
    expect((await focusRingOf(skip)).visible).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    // The next Tab lands inside the page's content, past the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
    await context.close();
  });

  test("a member asks, another answers and votes, the asker votes the answer up and accepts it", async () => {
    // The asker writes the question.
    const asker = await frenchContext();
    let page = asker.page;
    await signInByKeyboard(page, "asker_ines");
    await page.goto(`${app.url}/ask`);
    await visible(page.getByRole("heading", { name: "Poser une question", level: 1 }));
    await hydrated(page);
    await reach(page, page.getByLabel("Titre"));
    await page.keyboard.type(TITLE);
    // The similar question shows up under the title, and Tab goes past it to the category.
    await visible(page.getByRole("link", { name: "La box Nimbus perd la connexion le soir" }));
    await reach(page, page.getByLabel("Catégorie"));
    // A closed list takes the typed letters as its choice.
    await page.keyboard.type("Netw");
    expect(await page.getByLabel("Catégorie").inputValue()).toBe("network");
    await reach(page, page.getByLabel("Détails"));
    await page.keyboard.type("Depuis une semaine, la connexion tombe chaque soir pendant une dizaine de minutes. J'ai déjà redémarré la box.");
    await reach(page, page.getByLabel("Tags (facultatif)"));
    await page.keyboard.type("wifi, box");
    // Shift+Tab back to the details and forth again: the text is still there.
    await reach(page, page.getByLabel("Détails"), { backwards: true });
    expect(await page.getByLabel("Détails").inputValue()).toContain("dizaine de minutes");
    await reach(page, page.getByRole("button", { name: "Publier la question" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/t\/\d+/);
    await expect.poll(() => textOf(page.locator("main h1"))).toContain(TITLE);
    const threadUrl = page.url();

    // Another member answers with the keyboard and votes the question up.
    const helper = await frenchContext();
    page = helper.page;
    await signInByKeyboard(page, "helper_hugo");
    await page.goto(threadUrl);
    await visible(page.getByRole("heading", { name: "Votre réponse" }));
    await hydrated(page);
    await reach(page, page.getByLabel("Rédigez votre réponse"));
    await page.keyboard.type(ANSWER);
    await reach(page, page.getByRole("button", { name: "Publier la réponse" }));
    await page.keyboard.press("Space");
    const answer = page.locator("article.post", { hasText: ANSWER });
    await visible(answer);
    await expect.poll(() => textOf(page.getByRole("heading", { name: /1 réponse/ }))).toContain("1 réponse");
    const question = page.getByRole("article", { name: "Question", exact: true });
    // Back up the page to the question's "Voter pour".
    const questionUp = question.getByRole("button", { name: "Voter pour" });
    await reach(page, questionUp, { backwards: true });
    await page.keyboard.press("Enter");
    await expect.poll(() => questionUp.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => textOf(question.locator(".score"))).toBe("1");

    // The asker comes back, votes the answer up and accepts it.
    page = asker.page;
    await page.goto(threadUrl);
    const theirs = page.locator("article.post", { hasText: ANSWER });
    await visible(theirs);
    await hydrated(page);
    const answerUp = theirs.getByRole("button", { name: "Voter pour" });
    await reach(page, answerUp);
    await page.keyboard.press("Space");
    await expect.poll(() => answerUp.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => textOf(theirs.locator(".score"))).toBe("1");
    const accept = theirs.getByRole("button", { name: "Accepter cette réponse" });
    await reach(page, accept);
    await page.keyboard.press("Enter");
    await visible(theirs.getByText("Réponse acceptée"));
    await visible(theirs.getByRole("button", { name: "Annuler l'acceptation" }));

    // A fresh load says the same: one vote on each, the answer accepted.
    await page.reload();
    await visible(page.locator("article.post", { hasText: ANSWER }).getByText("Réponse acceptée"));
    expect(await textOf(page.getByRole("article", { name: "Question", exact: true }).locator(".score"))).toBe("1");
    await asker.context.close();
    await helper.context.close();
  });
});
