import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { createArticle } from "../../app/models/kb/kb.server";
import { createTestAnswer, createTestComment, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const WEEK_AGO = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
const QUESTION = "My router reboots every evening around eight";
const FIRST_TITLE = "Stop evening reboots: move the Nimbus Box away from heat";
const SECOND_TITLE = "Evening reboots (wording to check)";
let threadPath = "";
let answerId = 0;
let officialPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const mod = await createUser(db, { username: "mod_kim", role: "moderator", createdAt: WEEK_AGO });
    await createUser(db, { username: "admin_ada", role: "admin", createdAt: WEEK_AGO });
    const official = createArticle(db, mod, {
      title: "Five checks before you call about a slow line",
      body: "1. Test with a cable.\n2. Restart the box.\n3. Check the status page.",
      category: "network",
      tags: ["speed"],
      note: "",
      publish: true,
    });
    if (official.ok) officialPath = `/kb/${official.article.slug}`;
    const asker = await createUser(db, { username: "asker_abe", createdAt: WEEK_AGO });
    const helper = await createUser(db, { username: "helper_hana", displayName: "Hana Helper", createdAt: WEEK_AGO });
    const thread = createTestThread(db, asker, { title: QUESTION, body: "Every evening the internet drops and the lights on the box go out.", category: "devices", at: WEEK_AGO });
    const answer = createTestAnswer(db, helper, thread.id, "The box overheats on the radiator shelf. Move it somewhere airy and the reboots stop.", WEEK_AGO);
    createTestComment(db, asker, answer.id, "Moved it, no reboot for three days!", WEEK_AGO);
    acceptAnswer(db, asker, answer.id);
    threadPath = `/t/${thread.id}/${thread.slug}`;
    answerId = answer.id;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function moderator() {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, app.url, "mod_kim", TEST_PASSWORD);
  return page;
}

/** Fails on any script error in the page: a page that breaks once hydrated is broken. */
function watchForScriptErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

describe("the knowledge base in the browser", () => {
  test("promote, publish, find, three 'No's, review, restore version 1, resolve", async () => {
    const mod = await moderator();
    const modErrors = watchForScriptErrors(mod);

    // A moderator promotes the accepted answer, changes its title and publishes.
    await mod.goto(`${app.url}${threadPath}`);
    const answer = mod.getByRole("article", { name: /Answer by Hana Helper/ });
    await answer.getByRole("link", { name: "Promote to knowledge base" }).click();
    await mod.waitForURL(/\/kb\/new\?answer=/);
    await expect.poll(() => mod.getByLabel("Title").inputValue()).toBe(QUESTION);
    expect(await mod.getByLabel("Text").inputValue()).toContain("radiator shelf");
    await mod.getByLabel("Title").fill(FIRST_TITLE);
    await mod.getByRole("button", { name: "Publish" }).click();
    await mod.waitForURL(/\/kb\/stop-evening-reboots/);
    const articleUrl = mod.url();
    await expect.poll(() => textOf(mod.locator("h1"))).toBe(FIRST_TITLE);
    await visible(mod.getByRole("link", { name: "Hana Helper" }));

    // The thread now points at the article.
    await mod.goto(`${app.url}${threadPath}`);
    await visible(mod.locator(`#post-${answerId} .kb-mark`, { hasText: FIRST_TITLE }));

    // A later edit becomes version 2.
    await mod.goto(`${articleUrl}/edit`);
    await mod.getByLabel("Title").fill(SECOND_TITLE);
    await mod.getByLabel("What changed? (optional)").fill("Shorter title");
    await mod.getByRole("button", { name: "Save changes" }).click();
    await mod.waitForURL(articleUrl);
    await expect.poll(() => textOf(mod.locator("h1"))).toBe(SECOND_TITLE);

    // Three different visitors find it by search and say it did not help.
    for (let i = 0; i < 3; i++) {
      const visitor = await (await browser.newContext()).newPage();
      await visitor.goto(`${app.url}/search?q=radiator`);
      const result = visitor.locator(".search-result", { hasText: SECOND_TITLE });
      expect((await result.locator(".search-result-kind").textContent())?.trim()).toBe("Article");
      await result.getByRole("link", { name: SECOND_TITLE }).click();
      await visitor.waitForURL(articleUrl);
      await visitor.locator(".kb-helpful-choice").getByRole("button", { name: "No" }).click();
      await visible(visitor.getByText("You said this didn't help"));
      await visitor.context().close();
    }

    // The review queue shows it.
    await mod.goto(`${app.url}/mod/kb`);
    const review = mod.locator(".kb-review", { hasText: SECOND_TITLE });
    await visible(review);
    await expect.poll(() => textOf(review.locator(".kb-review-detail"))).toContain("3 of 3 readers");

    // The moderator restores version 1, which becomes version 3.
    await mod.goto(`${articleUrl}/history`);
    await mod.getByRole("button", { name: "Restore this version (1)" }).click();
    await visible(mod.getByText(/Version 1 is restored/));
    await mod.goto(articleUrl);
    await expect.poll(() => textOf(mod.locator("h1"))).toBe(FIRST_TITLE);

    // ...and resolves the entry, saying what was done.
    await mod.goto(`${app.url}/mod/kb`);
    const entry = mod.locator(".kb-review", { hasText: FIRST_TITLE });
    await entry.getByLabel("What was done?").fill("Restored version 1: the original title was clearer.");
    await entry.getByRole("button", { name: /^Resolve/ }).click();
    await visible(mod.getByText(`Resolved the review of “${FIRST_TITLE}”.`));
    expect(await mod.locator(".kb-review").count()).toBe(0);
    await visible(mod.getByRole("cell", { name: "Restored version 1: the original title was clearer." }));
    expect(modErrors).toEqual([]);
  });

  test("a member can't reach the editor, drafts or the review queue", async () => {
    const member = await (await browser.newContext()).newPage();
    await signIn(member, app.url, "asker_abe", TEST_PASSWORD);
    for (const path of ["/kb/new", `/kb/new?answer=${answerId}`, "/mod/kb"]) {
      const response = await member.goto(`${app.url}${path}`);
      expect(response?.status()).toBe(403);
    }
    await member.goto(`${app.url}${threadPath}`);
    expect(await member.getByRole("link", { name: "Promote to knowledge base" }).count()).toBe(0);
  });

  test("the pages run without script errors once hydrated", async () => {
    const mod = await moderator();
    const errors = watchForScriptErrors(mod);
    const article = officialPath;
    const paths = [
      "/",
      threadPath,
      "/kb",
      article,
      `${article}/edit`,
      `${article}/history`,
      "/mod",
      "/mod/kb",
      "/mod/search",
      "/mod/synonyms",
      "/search?q=router",
      "/ask?title=router%20reboots",
      "/u/helper_hana",
      "/u/helper_hana?tab=reputation",
      "/leaderboard?period=all",
      `/posts/${answerId}/edit`,
      `/posts/${answerId}/history`,
      "/c/devices",
      "/badges",
      "/notifications",
      "/notifications?watching=1",
      "/early-access",
      "/early-access/new",
      "/status",
      "/status/new",
      "/mod/flags",
      "/mod/log",
      "/mod/escalations",
      "/mod/early-access",
      `/mod/threads/${threadPath.split("/")[2]}`,
      "/mod/users/asker_abe",
      "/settings",
    ];
    for (const path of paths) {
      const response = await mod.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await mod.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });

  test("the admins' pages run without script errors once hydrated", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, app.url, "admin_ada", TEST_PASSWORD);
    const errors = watchForScriptErrors(admin);
    for (const path of ["/admin", "/admin/settings", "/admin/rewards", "/admin/outbox"]) {
      const response = await admin.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await admin.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });
});
