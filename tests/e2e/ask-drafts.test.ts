// Asking and answering as a person does, keyboard and all (#14.7): Enter in
// the ask form never picks a suggestion; questions and answers being written
// survive leaving the page and are forgotten once posted; a downvote the
// member may not cast can be reached by keyboard and says why.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { deflections, posts, threads } from "../../db/schema";
import { createTestAnswer, createTestThread, createUser, giveReputation, TEST_PASSWORD } from "../support/factories";
import { hydrated, launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
let known: { id: number; slug: string };
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const priya = await createUser(db, { username: "priya_helps", createdAt: TWO_DAYS_AGO });
    const kim = await createUser(db, { username: "kim_asks", createdAt: TWO_DAYS_AGO });
    known = createTestThread(db, kim, { title: "Wifi keeps dropping every evening at home", body: "Every evening around eight the wifi drops for a few minutes.", category: "network", at: TWO_DAYS_AGO });
    createTestAnswer(db, priya, known.id, "Move the box away from the microwave and switch to the 5 GHz network.", new Date(TWO_DAYS_AGO.getTime() + 60_000));
    for (const username of ["enter_eli", "draft_dana", "answer_ari", "keyboard_kai"]) {
      // Enough to vote up (15) and comment (50), not to downvote (125).
      giveReputation(db, await createUser(db, { username, createdAt: TWO_DAYS_AGO }), 60);
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const deflectionCount = () => app.db.select().from(deflections).all().length;
const threadPath = () => `/t/${known.id}/${known.slug}`;

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, app.url, username, TEST_PASSWORD);
  return page;
}

/** The drafts this page's browser keeps. */
function drafts(page: Page) {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("entraide:draft:")));
}

describe("Enter on /ask while suggestions are shown", () => {
  test("Enter in the title or the tags submits the question form: no suggestion is opened, nothing is counted, nothing is lost", async () => {
    const page = await signedIn("enter_eli");
    await page.goto(`${app.url}/ask`);
    // The suggestions come from the page's script: type once it runs.
    await hydrated(page);
    const title = page.getByLabel("Title");
    await title.fill("wifi keeps dropping in the evening");
    await visible(page.getByRole("button", { name: "This answered my question" }));
    const before = deflectionCount();

    await title.press("Enter");
    // The question form was sent: its errors come back beside the fields, on /ask.
    await visible(page.getByText("Write the details here."));
    expect(new URL(page.url()).pathname).toBe("/ask");
    expect(await title.inputValue()).toBe("wifi keeps dropping in the evening");
    expect(deflectionCount()).toBe(before);

    await page.getByLabel("Tags (optional)").fill("wifi, evening");
    await page.getByLabel("Tags (optional)").press("Enter");
    await visible(page.getByText("Choose a category."));
    expect(new URL(page.url()).pathname).toBe("/ask");
    expect(await page.getByLabel("Tags (optional)").inputValue()).toBe("wifi, evening");
    expect(deflectionCount()).toBe(before);

    // The button itself still does its work, with the title typed.
    await visible(page.getByRole("button", { name: "This answered my question" }));
    await page.getByRole("button", { name: "This answered my question" }).first().click();
    await page.waitForURL((url) => url.pathname === threadPath());
    expect(deflectionCount()).toBe(before + 1);
    const [counted] = app.db.select().from(deflections).all().slice(-1);
    expect(counted!.query).toContain("wifi");
    await page.context().close();
  });
});

describe("drafts survive leaving the page", () => {
  test("a question being written comes back after going elsewhere, and is gone once posted", async () => {
    const page = await signedIn("draft_dana");
    await page.goto(`${app.url}/ask`);
    await page.getByLabel("Title").fill("My invoice shows a charge twice this month");
    await page.getByLabel("Category").selectOption("billing");
    await page.getByLabel("Details").fill("I was charged twice for March: two lines of €39.99. Who do I ask for a refund?");
    await page.getByLabel("Tags (optional)").fill("invoice, refund");
    await expect.poll(() => drafts(page)).toHaveLength(1);

    // Away (a full page load elsewhere), then back.
    await page.goto(`${app.url}/c/network`);
    await page.goto(`${app.url}/ask`);
    await visible(page.getByText("Your draft is back, as you left it."));
    expect(await page.getByLabel("Title").inputValue()).toBe("My invoice shows a charge twice this month");
    expect(await page.getByLabel("Category").inputValue()).toBe("billing");
    expect(await page.getByLabel("Details").inputValue()).toBe("I was charged twice for March: two lines of €39.99. Who do I ask for a refund?");
    expect(await page.getByLabel("Tags (optional)").inputValue()).toBe("invoice, refund");

    // Through a link too (no page load: the router's navigation).
    await page.getByRole("link", { name: "Community" }).first().click();
    await page.waitForURL((url) => url.pathname !== "/ask");
    await page.goBack();
    await expect.poll(() => page.getByLabel("Details").inputValue()).toBe("I was charged twice for March: two lines of €39.99. Who do I ask for a refund?");

    await page.getByRole("button", { name: "Post your question" }).click();
    await page.waitForURL(/\/t\/\d+\/my-invoice-shows-a-charge-twice-this-month$/);
    expect(await drafts(page)).toEqual([]);
    await page.goto(`${app.url}/ask`);
    expect(await page.getByLabel("Details").inputValue()).toBe("");
    expect(await page.getByLabel("Title").inputValue()).toBe("");
    expect(await page.getByText("Your draft is back").count()).toBe(0);
    await page.context().close();
  });

  test("an answer being written comes back on its thread only, and is gone once posted", async () => {
    const page = await signedIn("answer_ari");
    await page.goto(`${app.url}${threadPath()}`);
    const text = "Check the channel in the box settings: channel 11 is often quieter in the evening.";
    await page.getByLabel("Write your answer").fill(text);
    await expect.poll(() => drafts(page)).toHaveLength(1);

    await page.goto(`${app.url}/`);
    await page.goto(`${app.url}${threadPath()}`);
    await expect.poll(() => page.getByLabel("Write your answer").inputValue()).toBe(text);
    await visible(page.getByText("Your draft is back, as you left it."));
    // Another thread starts empty.
    const other = app.db.select().from(threads).where(eq(threads.title, "My invoice shows a charge twice this month")).get()!;
    await page.goto(`${app.url}/t/${other.id}/${other.slug}`);
    expect(await page.getByLabel("Write your answer").inputValue()).toBe("");

    await page.goto(`${app.url}${threadPath()}`);
    await expect.poll(() => page.getByLabel("Write your answer").inputValue()).toBe(text);
    await page.getByRole("button", { name: "Post your answer" }).click();
    await visible(page.getByRole("article", { name: /Answer by answer_ari/ }));
    expect(app.db.select().from(posts).where(eq(posts.body, text)).all()).toHaveLength(1);
    await expect.poll(() => drafts(page)).toEqual([]);
    await page.reload();
    expect(await page.getByLabel("Write your answer").inputValue()).toBe("");
    await page.context().close();
  });
});

describe("a vote button the member may not use", () => {
  test("the downvote is reached with Tab, says why, and does nothing", async () => {
    const page = await signedIn("keyboard_kai");
    await page.goto(`${app.url}${threadPath()}`);
    const question = page.getByRole("article", { name: "Question" });
    await question.getByRole("button", { name: "Upvote" }).focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const reason = document.getElementById(el.getAttribute("aria-describedby") ?? "");
      return { className: el.className, disabled: el.getAttribute("aria-disabled"), reason: reason?.textContent ?? "" };
    });
    expect(focused.className).toContain("vote-down");
    expect(focused.disabled).toBe("true");
    expect(focused.reason).toMatch(/125/);
    // Shown beside the button while it has focus.
    const reason = question.locator(".vote-reason").last();
    await visible(reason);
    expect(await textOf(reason)).toBe(focused.reason);

    const score = await textOf(question.locator(".score"));
    await page.keyboard.press("Enter");
    await page.keyboard.press("Space");
    expect(new URL(page.url()).pathname).toBe(threadPath());
    expect(await textOf(question.locator(".score"))).toBe(score);
    await page.context().close();
  });
});
