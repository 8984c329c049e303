// A status announcement in the browser: a moderator opens an incident through
// the form, a visitor sees the banner on the home page and on a thread page
// and follows it to the status page; the moderator links the thread, posts an
// update and resolves it; the visitor reloads and the banner is gone.
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { categories, notifications, watches } from "../../db/schema";
import { createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const WEEK_AGO = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);

const TITLE = "Fibre internet is down in Lyon";
const BODY = "Since 8:00 fibre customers in **Lyon** have no internet. Engineers are on site.";
let threadPath = "";
let watcherId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_maya", role: "moderator", createdAt: WEEK_AGO });
    const asker = await createUser(db, { username: "asker_ana", createdAt: WEEK_AGO });
    const watcher = await createUser(db, { username: "watcher_wes", createdAt: WEEK_AGO });
    watcherId = watcher.id;
    const network = db.select().from(categories).where(eq(categories.slug, "network")).get()!;
    db.insert(watches).values({ userId: watcher.id, targetType: "category", targetId: network.id, level: "watching" }).run();
    const thread = createTestThread(db, asker, {
      title: "No internet at all since this morning in Lyon",
      body: "The box shows a red light and nothing loads. Anyone else?",
      category: "network",
      at: WEEK_AGO,
    });
    threadPath = `/t/${thread.id}/${thread.slug}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const scriptErrors: string[] = [];

async function newPage(name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (error) => scriptErrors.push(`${name}: ${error.message}`));
  return page;
}

const told = (kind: string) =>
  app.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, watcherId), eq(notifications.kind, kind)))
    .all();

describe("a status announcement in the browser", () => {
  test("a moderator opens an incident, a visitor sees the banner and follows it, the moderator resolves it and the banner is gone", async () => {
    const maya = await newPage("mod_maya");
    await signIn(maya, app.url, "mod_maya", TEST_PASSWORD);
    await maya.goto(`${app.url}/mod`);
    await maya.getByRole("navigation", { name: "Moderation" }).getByRole("link", { name: "Status" }).click();
    await maya.waitForURL(/\/status$/);
    await expect.poll(() => textOf(maya.locator("h1"))).toBe("Service status");
    await maya.getByRole("link", { name: "Open an incident" }).click();
    await maya.waitForURL(/\/status\/new$/);

    // A form sent half-filled says what is missing, beside each field, and keeps the title.
    await maya.getByLabel("Title").fill(TITLE);
    await maya.getByRole("button", { name: "Open the incident" }).click();
    await expect.poll(() => textOf(maya.locator("#severity-error"))).toBe("Choose how serious it is.");
    await expect.poll(() => textOf(maya.locator("#body-error"))).toBe("Say what is happening and who is affected.");
    expect(await maya.getByLabel("Title").inputValue()).toBe(TITLE);

    await maya.getByLabel("Severity").selectOption("outage");
    await maya.getByLabel("Affected category").selectOption("network");
    await maya.getByLabel("What is happening").fill(BODY);
    await maya.getByRole("button", { name: "Open the incident" }).click();
    await maya.waitForURL(/\/status\/\d+$/);
    const statusPath = new URL(maya.url()).pathname;
    await expect.poll(() => textOf(maya.locator("h1"))).toBe(TITLE);
    await visible(maya.locator(".post-body strong", { hasText: "Lyon" }));
    expect(told("status_opened")).toHaveLength(1);

    // A visitor, in another browser, sees the banner on the home page and on a thread page.
    const visitor = await newPage("visitor");
    await visitor.goto(`${app.url}/`);
    const banner = visitor.locator(".incident-banners[role=status]");
    await expect.poll(() => textOf(banner)).toContain(`Outage: ${TITLE}`);
    // Its words line up with the page's own column (the header's), not with the window's edge.
    const left = async (selector: string) => (await visitor.locator(selector).first().boundingBox())!.x;
    expect(Math.abs((await left(".incident-banner-severity")) - (await left(".site-header .brand")))).toBeLessThan(2);
    await visitor.goto(`${app.url}${threadPath}`);
    await expect.poll(() => textOf(visitor.locator("h1"))).toContain("No internet at all since this morning in Lyon");
    await expect.poll(() => textOf(banner)).toContain(TITLE);
    await banner.getByRole("link", { name: "Read the status update" }).click();
    await visitor.waitForURL(`${app.url}${statusPath}`);
    await expect.poll(() => textOf(visitor.locator("h1"))).toBe(TITLE);
    await expect.poll(() => textOf(visitor.locator(".incident-facts"))).toContain("Affects Network & outages");
    expect(await visitor.getByRole("button", { name: "Mark as resolved" }).count()).toBe(0);

    // The moderator links the visitor's thread and posts an update.
    await maya.getByLabel("Link a question").fill(`${app.url}${threadPath}`);
    await maya.getByRole("button", { name: "Link the question" }).click();
    await visible(maya.locator(".incident-threads").getByRole("link", { name: "No internet at all since this morning in Lyon" }));
    await maya.getByLabel("Update", { exact: true }).fill("A damaged cable was found; repairs should end by 15:00.");
    await maya.getByRole("button", { name: "Post the update" }).click();
    await expect.poll(() => textOf(maya.locator(".incident-timeline"))).toContain("A damaged cable was found");

    await visitor.goto(`${app.url}${threadPath}`);
    await expect.poll(() => textOf(visitor.locator(".incident-notice"))).toBe(`This question is about a known problem: ${TITLE}. Follow the status update for news.`);

    // Resolved with a closing note: the last update.
    await maya.getByLabel("Closing note").fill("The cable is repaired and every customer in Lyon is back online.");
    await maya.getByRole("button", { name: "Mark as resolved" }).click();
    await expect.poll(() => textOf(maya.locator(".incident-update-closing"))).toContain("The cable is repaired");
    await visible(maya.locator(".badge-resolved"));
    expect(told("status_resolved")).toHaveLength(1);

    // The visitor reloads: the banner is gone, the thread's notice says it is resolved.
    await visitor.reload();
    await expect.poll(() => textOf(visitor.locator(".incident-notice"))).toContain("now resolved");
    expect(await visitor.locator(".incident-banner").count()).toBe(0);
    await visitor.goto(`${app.url}/`);
    await visible(visitor.locator("h1"));
    expect(await visitor.locator(".incident-banner").count()).toBe(0);
    await visitor.goto(`${app.url}/status`);
    await expect.poll(() => textOf(visitor.locator(".empty"))).toContain("No known problems right now");
    await visible(visitor.getByRole("link", { name: TITLE }));
    expect(scriptErrors).toEqual([]);
  });
});
