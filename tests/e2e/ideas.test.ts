// Product ideas in the browser: a member proposes an idea (the form's errors
// come back beside their fields with the text kept), two others vote for it
// from the list and from its page, one withdraws and votes again (it counts
// once), a moderator plans it with a reason and the voters are told once
// each. Then a status told to early-access readers first: a regular member and
// a visitor keep reading the previous one until the moderator tells everyone.
// And a vote without JavaScript.
import { and, count, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCategory } from "../../app/models/forum/category.server";
import { proposeIdea, setIdeaStatus } from "../../app/models/ideas/ideas.server";
import { grantEarlyAccess } from "../../app/models/reputation/early-access.server";
import { ideaVotes, notifications, threads, users } from "../../db/schema";
import { createEstablishedMember, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const LONG_AGO = new Date(Date.now() - 20 * 24 * 60 * 60 * 1000);

const IDEA_TITLE = "Let me schedule the Wi-Fi to sleep at night";
const IDEA_DETAILS = "The router stays on all night while everyone sleeps; a schedule in the app would save power.";
const PLAN_REASON = "Coming with the spring firmware update.";

const EARLY_TITLE = "Show the data left this month on the home screen";
const EARLY_REASON = "Planned for the new app, testers first.";
let earlyIdea = { id: 0, path: "" };

const NOJS_TITLE = "A quiet mode for the box's lights at night";
let nojsIdea = { id: 0, path: "" };

const contexts: BrowserContext[] = [];
const scriptErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    // The harness makes the demo's categories, not an ideas board.
    createCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas", position: 9 });
    const mod = await createUser(db, { username: "mod_mia", role: "moderator", createdAt: LONG_AGO });
    await createEstablishedMember(db, { username: "ada_proposer" });
    await createUser(db, { username: "ben_voter", createdAt: LONG_AGO });
    await createUser(db, { username: "cleo_voter", createdAt: LONG_AGO });
    await createUser(db, { username: "rita_regular", createdAt: LONG_AGO });
    await createUser(db, { username: "eli_early", createdAt: LONG_AGO });
    await createUser(db, { username: "nora_nojs", createdAt: LONG_AGO });
    const granted = grantEarlyAccess(db, mod, { username: "eli_early", reason: "Beta tester for the new app." });
    if (!granted.ok) throw new Error(`grantEarlyAccess refused: ${JSON.stringify(granted.errors)}`);

    // An idea already under review, which the moderator will plan for early-access readers first.
    const pat = await createEstablishedMember(db, { username: "pat_proposer" });
    const early = proposeIdea(db, pat, { title: EARLY_TITLE, body: "Open the app, and the data left this month is right there without a tap." });
    if (!early.ok) throw new Error(`proposeIdea refused: ${JSON.stringify(early.errors)}`);
    earlyIdea = { id: early.id, path: `/t/${early.thread.id}/${early.thread.slug}` };
    const reviewed = setIdeaStatus(db, mod, { threadId: early.id, status: "under_review", reason: "We are looking at it.", earlyAccess: false });
    if (!reviewed.ok) throw new Error(`setIdeaStatus refused: ${JSON.stringify(reviewed.errors)}`);

    const quinn = await createEstablishedMember(db, { username: "quinn_proposer" });
    const quiet = proposeIdea(db, quinn, { title: NOJS_TITLE, body: "The lights of the box light up the whole bedroom; let me dim them at night." });
    if (!quiet.ok) throw new Error(`proposeIdea refused: ${JSON.stringify(quiet.errors)}`);
    nojsIdea = { id: quiet.id, path: `/t/${quiet.thread.id}/${quiet.thread.slug}` };
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** A new browser context's page, signed in unless `username` is null; script errors are collected. */
async function pageFor(username: string | null, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => scriptErrors.push(`${username ?? "visitor"}: ${error.message}`));
  if (username) await signIn(page, app.url, username, TEST_PASSWORD);
  return page;
}

const userId = (username: string) => app.db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()!.id;
const voteRows = (threadId: number) => app.db.select({ n: count() }).from(ideaVotes).where(eq(ideaVotes.threadId, threadId)).get()!.n;
const storedCount = (threadId: number) => app.db.select({ n: threads.ideaVoteCount }).from(threads).where(eq(threads.id, threadId)).get()!.n;
const notificationCount = (id: number) => app.db.select({ n: count() }).from(notifications).where(eq(notifications.userId, id)).get()!.n;
const ideaStatusNotes = (id: number, threadId: number) =>
  app.db
    .select({ data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.userId, id), eq(notifications.kind, "idea_status"), eq(notifications.threadId, threadId)))
    .all();

/**
 * Waits until the page's script has taken this field over. A person types
 * after that; a test could type before, and React, hydrating a textarea, puts
 * back the text the server sent (the idea panel hydrates late: it loads on demand).
 */
async function hydrated(field: Locator) {
  await field.first().waitFor({ state: "visible" });
  await expect.poll(() => field.first().evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber$")))).toBe(true);
}

/** The idea panel on a thread page (server-rendered, then loaded on demand once the page runs). */
const panel = (page: Page) => page.locator("section#idea");
const panelVotes = (page: Page) => textOf(panel(page).locator(".stat strong"));
const panelStatus = (page: Page) => textOf(panel(page).locator(".idea-status"));
/** An idea's row on /ideas. */
const row = (page: Page, threadId: number) => page.locator(`#idea-${threadId}`);
const rowVotes = (page: Page, threadId: number) => textOf(row(page, threadId).locator(".thread-stats .stat strong"));
const rowStatus = (page: Page, threadId: number) => textOf(row(page, threadId).locator(".idea-status"));

describe("ideas in the browser", () => {
  let ideaId = 0;
  let ideaPath = "";

  test("a member proposes an idea, others vote, a moderator plans it and the voters are told once", async () => {
    // Ada finds the ideas from the footer and proposes one.
    const ada = await pageFor("ada_proposer");
    await ada.goto(`${app.url}/`);
    await ada.locator("footer").getByRole("link", { name: "Ideas", exact: true }).click();
    await ada.waitForURL((url) => url.pathname === "/ideas");
    await expect.poll(() => textOf(ada.locator("h1"))).toBe("Product ideas");
    await ada.getByRole("link", { name: "Propose an idea" }).click();
    await ada.waitForURL((url) => url.pathname === "/ideas/new");
    await expect.poll(() => textOf(ada.locator("h1"))).toBe("Propose an idea");

    // Nothing typed: each field says what it needs.
    await ada.getByRole("button", { name: "Propose this idea" }).click();
    await expect.poll(() => textOf(ada.locator("#title-error"))).toBe("Give your idea a title.");
    await expect.poll(() => textOf(ada.locator("#body-error"))).toBe("Write the details here.");
    // A title too short: its message beside it, and what was typed is kept.
    await hydrated(ada.getByLabel("Details"));
    await ada.getByLabel("Your idea in one sentence").fill("Wi-Fi schedule");
    await ada.getByLabel("Details").fill(IDEA_DETAILS);
    await ada.getByRole("button", { name: "Propose this idea" }).click();
    await expect.poll(() => textOf(ada.locator("#title-error"))).toBe("A title needs at least 15 characters: say what the idea is.");
    expect(await ada.locator("#body-error").count()).toBe(0);
    expect(await ada.getByLabel("Your idea in one sentence").inputValue()).toBe("Wi-Fi schedule");
    expect(await ada.getByLabel("Details").inputValue()).toBe(IDEA_DETAILS);
    expect(await ada.getByLabel("Your idea in one sentence").getAttribute("aria-invalid")).toBe("true");

    await ada.getByLabel("Your idea in one sentence").fill(IDEA_TITLE);
    await ada.getByRole("button", { name: "Propose this idea" }).click();
    await ada.waitForURL((url) => url.pathname.startsWith("/t/"));
    await expect.poll(() => textOf(ada.locator("h1.thread-title"))).toBe(IDEA_TITLE);
    ideaId = Number(new URL(ada.url()).pathname.split("/")[2]);
    ideaPath = new URL(ada.url()).pathname;
    // The proposer's own vote is its first.
    await expect.poll(() => panelVotes(ada)).toBe("1");
    await expect.poll(() => panelStatus(ada)).toBe("Open");
    await visible(panel(ada).getByRole("button", { name: "Withdraw my vote" }));
    expect(voteRows(ideaId)).toBe(1);

    // Ben votes from the list.
    const ben = await pageFor("ben_voter");
    await ben.goto(`${app.url}/ideas`);
    await expect.poll(() => rowVotes(ben, ideaId)).toBe("1");
    await ben.getByRole("button", { name: `Vote for this idea: “${IDEA_TITLE}”` }).click();
    await visible(ben.getByRole("button", { name: `Withdraw my vote for “${IDEA_TITLE}”` }));
    await expect.poll(() => rowVotes(ben, ideaId)).toBe("2");
    expect(voteRows(ideaId)).toBe(2);

    // Cleo votes from the idea's page.
    const cleo = await pageFor("cleo_voter");
    await cleo.goto(`${app.url}${ideaPath}`);
    await expect.poll(() => panelVotes(cleo)).toBe("2");
    await panel(cleo).getByRole("button", { name: "Vote for this idea" }).click();
    await expect.poll(() => panelVotes(cleo)).toBe("3");
    await visible(panel(cleo).getByRole("button", { name: "Withdraw my vote" }));
    expect(voteRows(ideaId)).toBe(3);
    expect(storedCount(ideaId)).toBe(3);

    // The count agrees on the idea's page and in the list.
    await ada.reload();
    await expect.poll(() => panelVotes(ada)).toBe("3");
    await ada.goto(`${app.url}/ideas`);
    await expect.poll(() => rowVotes(ada, ideaId)).toBe("3");

    // Ben withdraws his vote on the idea's page and votes again: it counts once.
    await ben.goto(`${app.url}${ideaPath}`);
    await expect.poll(() => panelVotes(ben)).toBe("3");
    await panel(ben).getByRole("button", { name: "Withdraw my vote" }).click();
    await expect.poll(() => panelVotes(ben)).toBe("2");
    expect(voteRows(ideaId)).toBe(2);
    await panel(ben).getByRole("button", { name: "Vote for this idea" }).click();
    await expect.poll(() => panelVotes(ben)).toBe("3");
    await visible(panel(ben).getByRole("button", { name: "Withdraw my vote" }));
    expect(voteRows(ideaId)).toBe(3);
    expect(storedCount(ideaId)).toBe(3);
    await ben.goto(`${app.url}/ideas`);
    await expect.poll(() => rowVotes(ben, ideaId)).toBe("3");

    // The moderator plans it, with a reason.
    const voters = ["ada_proposer", "ben_voter", "cleo_voter"].map(userId);
    const before = voters.map(notificationCount);
    const mia = await pageFor("mod_mia");
    const miaBefore = notificationCount(userId("mod_mia"));
    await mia.goto(`${app.url}${ideaPath}`);
    await expect.poll(() => panelStatus(mia)).toBe("Open");
    const form = panel(mia).getByRole("form", { name: "Set the idea's status" });
    await hydrated(form.getByLabel("Reason"));
    await form.getByLabel("Status", { exact: true }).selectOption({ label: "Planned" });
    await form.getByLabel("Reason").fill(PLAN_REASON);
    await form.getByRole("button", { name: "Set the status" }).click();
    await expect.poll(() => panelStatus(mia)).toBe("Planned");
    await expect.poll(() => textOf(panel(mia).locator("p", { hasText: "Why:" }))).toBe(`Why: ${PLAN_REASON}`);
    // Told to everyone at once: no early-access mark.
    expect(await panel(mia).getByText("Early access: not told to everyone yet").count()).toBe(0);

    // Each voter (the proposer among them) is told once; the moderator is not.
    await expect.poll(() => voters.map(notificationCount)).toEqual(before.map((n) => n + 1));
    for (const id of voters) {
      const told = ideaStatusNotes(id, ideaId);
      expect(told).toHaveLength(1);
      expect(JSON.parse(told[0]!.data)).toMatchObject({ status: "planned" });
    }
    expect(ideaStatusNotes(userId("mod_mia"), ideaId)).toHaveLength(0);
    expect(notificationCount(userId("mod_mia"))).toBe(miaBefore);
    await cleo.goto(`${app.url}/notifications`);
    await expect.poll(() => textOf(cleo.locator(".notification-text", { hasText: IDEA_TITLE }))).toMatch(
      new RegExp(`^The idea “${IDEA_TITLE}” is now: Planned(\\s+\\(unread\\))?$`),
    );

    // A voter reads the new status and its reason on the idea's page.
    await cleo.goto(`${app.url}${ideaPath}`);
    await expect.poll(() => panelStatus(cleo)).toBe("Planned");
    await expect.poll(() => textOf(panel(cleo))).toContain(PLAN_REASON);

    // The planned ideas list it, chosen in the filter; each order keeps it listed.
    await cleo.goto(`${app.url}/ideas`);
    await cleo.getByLabel("Status", { exact: true }).selectOption({ label: "Planned" });
    await cleo.getByRole("button", { name: "Show", exact: true }).click();
    await cleo.waitForURL((url) => url.searchParams.get("status") === "planned");
    await expect.poll(() => rowStatus(cleo, ideaId)).toBe("Planned");
    await expect.poll(() => rowVotes(cleo, ideaId)).toBe("3");
    await cleo.getByRole("navigation", { name: "Order the ideas" }).getByRole("link", { name: "Trending" }).click();
    await cleo.waitForURL((url) => url.searchParams.get("sort") === "trending");
    await expect.poll(() => textOf(row(cleo, ideaId).locator(".thread-meta"))).toContain("3 votes this week");
    await expect.poll(() => rowStatus(cleo, ideaId)).toBe("Planned");
    expect(new URL(cleo.url()).searchParams.get("status")).toBe("planned");
    await cleo.getByRole("navigation", { name: "Order the ideas" }).getByRole("link", { name: "Most votes" }).click();
    await cleo.waitForURL((url) => !url.searchParams.has("sort"));
    await expect.poll(() => rowVotes(cleo, ideaId)).toBe("3");
    expect(new URL(cleo.url()).searchParams.get("status")).toBe("planned");
    // Only planned ideas: the one under review is not among them.
    expect(await row(cleo, earlyIdea.id).count()).toBe(0);
  });

  test("a status told to early-access readers first: others read the previous one until the moderator tells everyone", async () => {
    const mia = await pageFor("mod_mia");
    await mia.goto(`${app.url}${earlyIdea.path}`);
    await expect.poll(() => panelStatus(mia)).toBe("Under review");
    const form = panel(mia).getByRole("form", { name: "Set the idea's status" });
    await hydrated(form.getByLabel("Reason"));
    await form.getByLabel("Status", { exact: true }).selectOption({ label: "Planned" });
    await form.getByLabel("Reason").fill(EARLY_REASON);
    await form.getByLabel("Early-access readers first").check();
    await form.getByRole("button", { name: "Set the status" }).click();
    await expect.poll(() => panelStatus(mia)).toBe("Planned");
    await visible(panel(mia).getByText("Early access: not told to everyone yet"));
    await expect.poll(() => textOf(form.locator(".notice"))).toBe("Early-access readers read “Planned”; everyone else still reads “Under review”.");

    // A regular member and a visitor still read "Under review", in the list and on the page, without the new reason.
    const rita = await pageFor("rita_regular");
    const visitor = await pageFor(null);
    for (const page of [rita, visitor]) {
      await page.goto(`${app.url}/ideas`);
      await expect.poll(() => rowStatus(page, earlyIdea.id)).toBe("Under review");
      await page.goto(`${app.url}/ideas?status=planned`);
      await visible(page.locator("h1", { hasText: "Product ideas" }));
      expect(await row(page, earlyIdea.id).count()).toBe(0);
      await page.goto(`${app.url}${earlyIdea.path}`);
      await expect.poll(() => panelStatus(page)).toBe("Under review");
      expect(await page.content()).not.toContain(EARLY_REASON);
      expect(await panel(page).getByText("Early access: not told to everyone yet").count()).toBe(0);
    }

    // A member with early access reads "Planned" already.
    const eli = await pageFor("eli_early");
    await eli.goto(`${app.url}/ideas`);
    await expect.poll(() => rowStatus(eli, earlyIdea.id)).toBe("Planned");
    await eli.goto(`${app.url}${earlyIdea.path}`);
    await expect.poll(() => panelStatus(eli)).toBe("Planned");
    await expect.poll(() => textOf(panel(eli))).toContain(EARLY_REASON);

    // The moderator tells everyone: the visitor and the member read "Planned" now.
    await mia.reload();
    await panel(mia).getByRole("button", { name: "Tell everyone" }).click();
    await expect.poll(() => panel(mia).getByText("Early access: not told to everyone yet").count()).toBe(0);
    await expect.poll(() => panelStatus(mia)).toBe("Planned");
    expect(await panel(mia).getByRole("button", { name: "Tell everyone" }).count()).toBe(0);
    for (const page of [visitor, rita]) {
      await page.goto(`${app.url}${earlyIdea.path}`);
      await expect.poll(() => panelStatus(page)).toBe("Planned");
      await expect.poll(() => textOf(panel(page))).toContain(EARLY_REASON);
      await page.goto(`${app.url}/ideas?status=planned`);
      await expect.poll(() => rowStatus(page, earlyIdea.id)).toBe("Planned");
    }
  });

  test("without JavaScript, a member votes from the idea's page", async () => {
    const nora = await pageFor("nora_nojs", { javaScriptEnabled: false });
    await nora.goto(`${app.url}${nojsIdea.path}`);
    await expect.poll(() => textOf(nora.locator("h1.thread-title"))).toBe(NOJS_TITLE);
    await expect.poll(() => panelVotes(nora)).toBe("1");
    await panel(nora).getByRole("button", { name: "Vote for this idea" }).click();
    // Back on the idea's page, at its panel.
    await nora.waitForURL((url) => url.pathname === nojsIdea.path && url.hash === "#idea");
    await expect.poll(() => panelVotes(nora)).toBe("2");
    await visible(panel(nora).getByRole("button", { name: "Withdraw my vote" }));
    expect(voteRows(nojsIdea.id)).toBe(2);
    expect(storedCount(nojsIdea.id)).toBe(2);
  });

  test("no page broke once its script ran", () => {
    expect(scriptErrors).toEqual([]);
  });
});
