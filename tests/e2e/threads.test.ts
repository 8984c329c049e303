import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createTestThread, createUser, giveReputation, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
const HOSTILE = [
  "Hostile test post with plenty of tricks inside it:",
  "",
  "<script>window.__pwned = 'script'</script>",
  '<img src="https://x.example/a.png" onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  "[click me](javascript:window.__pwned='link')",
  "[entity](&#106;avascript:window.__pwned='entity')",
  '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '<p style="background:url(javascript:alert(1))" onclick="window.__pwned=\'click\'">styled</p>',
].join("\n");

let hostileThreadPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_mia", role: "moderator", createdAt: TWO_DAYS_AGO });
    for (const username of ["asker_anna", "helper_ben", "voter_cleo"]) {
      // Enough reputation to vote (15) and comment on others' posts (50).
      giveReputation(db, await createUser(db, { username, createdAt: TWO_DAYS_AGO }), 60);
    }
    const mallory = await createUser(db, { username: "mallory", createdAt: TWO_DAYS_AGO });
    const thread = createTestThread(db, mallory, { title: "Totally normal question about my invoice", body: HOSTILE, category: "billing" });
    hostileThreadPath = `/t/${thread.id}/${thread.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("asking and answering in the browser", () => {
  test("A asks, B answers, A accepts, C upvotes, and the list shows the thread solved", async () => {
    const anna = await browser.newContext();
    const annaPage = await anna.newPage();
    await signIn(annaPage, app.url, "asker_anna", TEST_PASSWORD);
    await annaPage.getByRole("link", { name: "Ask a question" }).click();
    await annaPage.getByLabel("Title").fill("My bill is wrong this month, charged twice");
    await annaPage.getByLabel("Category").selectOption("billing");
    await annaPage.getByLabel("Details").fill("I was charged **twice** for November: 2 × €39.99. How do I get a refund?");
    await annaPage.getByLabel("Tags (optional)").fill("invoice, refund");
    await annaPage.getByRole("button", { name: "Post your question" }).click();
    await annaPage.waitForURL(/\/t\/\d+\/my-bill-is-wrong-this-month-charged-twice$/);
    const threadUrl = annaPage.url();
    await expect.poll(() => textOf(annaPage.locator("h1.thread-title"))).toContain("My bill is wrong this month");
    expect(await annaPage.locator(".post-body strong").first().innerText()).toBe("twice");

    const ben = await browser.newContext();
    const benPage = await ben.newPage();
    await signIn(benPage, app.url, "helper_ben", TEST_PASSWORD);
    await benPage.goto(threadUrl);
    await benPage.getByLabel("Write your answer").fill("Open the app, go to *Billing › Disputes* and report the duplicate charge. It's refunded within 5 days.");
    await benPage.getByRole("button", { name: "Post your answer" }).click();
    await visible(benPage.getByRole("article", { name: /Answer by helper_ben/ }));

    await annaPage.reload();
    await annaPage.getByRole("button", { name: "Accept this answer" }).click();
    await visible(annaPage.getByText("Accepted answer"));
    await visible(annaPage.locator("h1 .solved-mark"));

    const cleo = await browser.newContext();
    const cleoPage = await cleo.newPage();
    await signIn(cleoPage, app.url, "voter_cleo", TEST_PASSWORD);
    await cleoPage.goto(threadUrl);
    const answer = cleoPage.getByRole("article", { name: /Answer by helper_ben/ });
    await answer.getByRole("button", { name: "Upvote" }).click();
    await visible(answer.locator('.vote-up[aria-pressed="true"]'));
    await expect.poll(() => textOf(answer.locator(".score"))).toBe("1");

    await cleoPage.goto(`${app.url}/c/billing`);
    const row = cleoPage.locator(".thread-row", { hasText: "My bill is wrong this month" });
    await visible(row.locator(".solved-mark"));
    expect((await textOf(row.locator(".stat").nth(1))).replace(/\s+/g, " ")).toBe("1 answer");
    await Promise.all([anna.close(), ben.close(), cleo.close()]);
  });

  test("a page showing a hostile post runs no injected script", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.url}${hostileThreadPath}`);
    await visible(page.getByText("Hostile test post"));
    // Click every link and paragraph the post rendered; none may run script.
    for (const link of await page.locator(".post-body a, .post-body p").all()) await link.click({ trial: false, timeout: 2000 }).catch(() => {});
    await page.goto(`${app.url}${hostileThreadPath}`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Whatever text survives, no element may carry script: no script, svg or
    // iframe elements, no event handlers, no style, no javascript:/data: URLs.
    const offences = await page.evaluate(() => {
      const found: string[] = [];
      for (const el of document.querySelectorAll(".post-body, .post-body *")) {
        if (["SCRIPT", "SVG", "IFRAME", "FORM", "INPUT", "OBJECT", "EMBED"].includes(el.tagName.toUpperCase())) found.push(el.tagName);
        for (const attr of Array.from(el.attributes)) {
          const value = attr.value.replace(/\s/g, "").toLowerCase();
          if (attr.name.startsWith("on") || attr.name === "style") found.push(`${el.tagName}[${attr.name}]`);
          if ((attr.name === "href" || attr.name === "src") && /^(javascript|data|vbscript):/.test(value)) found.push(`${el.tagName}[${attr.name}=${value}]`);
        }
      }
      return found;
    });
    expect(offences).toEqual([]);
    await context.close();
  });

  test("without JavaScript a member can preview, ask and answer", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, app.url, "voter_cleo", TEST_PASSWORD);
    await page.goto(`${app.url}/ask`);
    await page.getByLabel("Title").fill("The box keeps restarting every night at 3am");
    await page.getByLabel("Category").selectOption("devices");
    await page.getByLabel("Details").fill("Every night the lights go **red** and it reboots. Firmware is up to date.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => textOf(page.locator(".preview strong"))).toBe("red");
    expect(await page.getByLabel("Title").inputValue()).toBe("The box keeps restarting every night at 3am");
    await page.getByRole("button", { name: "Post your question" }).click();
    await page.waitForURL(/\/t\/\d+\/the-box-keeps-restarting-every-night-at-3am$/);
    await page.getByLabel("Write your answer").fill("too short");
    await page.getByRole("button", { name: "Post your answer" }).click();
    await expect.poll(() => textOf(page.locator("#body-error"))).toMatch(/at least 20 characters/);
    expect(await page.getByLabel("Write your answer").inputValue()).toBe("too short");
    await context.close();
  });

  test("a comment's form opens for one post, with and without JavaScript, and a flag sent without a reason keeps its note", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signIn(page, app.url, "voter_cleo", TEST_PASSWORD);
      await page.goto(`${app.url}${hostileThreadPath}`);
      const question = page.getByRole("article", { name: "Question" });
      // No form is sent hidden in every post: a link asks for it.
      expect(await page.locator(".comment-form").count()).toBe(0);
      await question.getByRole("link", { name: "Add a comment" }).click();
      await expect.poll(() => page.locator(".comment-form").count()).toBe(1);
      const text = `Same here since Tuesday (${javaScriptEnabled ? "with" : "without"} scripts).`;
      await question.getByLabel("Your comment").fill(text);
      await question.getByRole("button", { name: "Add comment" }).click();
      await visible(question.locator(".comment-body", { hasText: text }));
      expect(await page.locator(".comment-form").count()).toBe(0);
      await context.close();
    }

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, app.url, "asker_anna", TEST_PASSWORD);
    await page.goto(`${app.url}${hostileThreadPath}`);
    const question = page.getByRole("article", { name: "Question" });
    await question.getByRole("link", { name: "Flag" }).click();
    await question.getByLabel(/Note for the moderators/).fill("Looks like a phishing attempt");
    await question.getByRole("button", { name: "Send flag" }).click();
    await visible(question.locator(".field-error"));
    expect(await question.getByLabel(/Note for the moderators/).inputValue()).toBe("Looks like a phishing attempt");
    await question.getByRole("link", { name: "Cancel" }).click();
    await expect.poll(() => page.locator(".flag-form").count()).toBe(0);
    await context.close();
  });

  test("the preview follows the typing, and a flag reaches the moderators' menu", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, "helper_ben", TEST_PASSWORD);
    await page.goto(`${app.url}/ask`);
    await page.getByLabel("Details").fill("Live *preview* of my question with a `code` span");
    await expect.poll(() => textOf(page.locator(".preview em"))).toBe("preview");

    await page.goto(`${app.url}${hostileThreadPath}`);
    const question = page.getByRole("article", { name: "Question" });
    await question.getByRole("link", { name: "Flag" }).click();
    await question.getByLabel("Spam or advertising").check();
    await question.getByRole("button", { name: "Send flag" }).click();
    await visible(question.getByText("You flagged this post"));
    await context.close();

    const modContext = await browser.newContext();
    const mod = await modContext.newPage();
    await signIn(mod, app.url, "mod_mia", TEST_PASSWORD);
    await expect.poll(() => textOf(mod.locator(".user-menu summary .count-badge"))).toBe("1");
    await mod.goto(`${app.url}/mod/flags`);
    await visible(mod.getByText("Totally normal question about my invoice"));
    await modContext.close();
  });
});
