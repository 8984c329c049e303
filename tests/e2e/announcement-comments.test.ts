// Comments under an early-access announcement, in the browser (#14.7: the
// announcement asked readers to "tell Morgan here" and could not be answered).
// A reader comments, another reader sees it and the moderator removes one; a
// member below the rank finds neither the comments nor the form.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createEarlyAccess } from "../../app/models/reputation/early-access.server";
import { createUser, giveReputation, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
let announcementPath = "";
const JOINED = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
const COMMENT = "Count me in as a tester: three floors and a **mesh** setup.";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const morgan = await createUser(db, { username: "morgan", displayName: "Morgan", role: "moderator", createdAt: JOINED });
    for (const username of ["priya", "omar"]) giveReputation(db, await createUser(db, { username, displayName: username === "priya" ? "Priya Nair" : "Omar Haddad", createdAt: JOINED }), 1_200);
    await createUser(db, { username: "new_nell", createdAt: JOINED });
    const published = createEarlyAccess(db, morgan, { title: "Nimbus Box 2: testers wanted", body: "We are looking for 50 testers. Tell Morgan here.", expiresAt: null });
    if (!published.ok) throw new Error(JSON.stringify(published.errors));
    announcementPath = `/early-access/${published.announcement.id}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const scriptErrors: string[] = [];

async function signedIn(username: string, language: "en" | "fr" = "en"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => scriptErrors.push(`${username}: ${error.message}`));
  await signIn(page, app.url, username, TEST_PASSWORD);
  // The switcher's cookie, once signed in (the sign-in helper reads the English form).
  await context.addCookies([{ name: "lang", value: language, url: app.url }]);
  return page;
}

describe("comments under an announcement", () => {
  test("a reader comments; another reader sees it, with its markdown; a member below the rank sees none of it", async () => {
    const priya = await signedIn("priya");
    await priya.goto(`${app.url}${announcementPath}`);
    await visible(priya.getByText("No comments yet."));
    // Too short: the error beside the field, the text kept.
    await priya.getByLabel("Your comment").fill("x");
    await priya.getByRole("button", { name: "Post your comment" }).click();
    await visible(priya.getByText("A comment needs at least 2 characters."));
    expect(await priya.getByLabel("Your comment").inputValue()).toBe("x");

    await priya.getByLabel("Your comment").fill(COMMENT);
    await priya.getByRole("button", { name: "Post your comment" }).click();
    await visible(priya.locator(".announcement-comment", { hasText: "Count me in as a tester" }));
    expect(await textOf(priya.getByRole("heading", { name: /comment/ }))).toBe("1 comment");
    // The box is empty again once the comment is posted.
    expect(await priya.getByLabel("Your comment").inputValue()).toBe("");

    const omar = await signedIn("omar", "fr");
    await omar.goto(`${app.url}${announcementPath}`);
    const comment = omar.locator(".announcement-comment", { hasText: "Count me in as a tester" });
    await visible(comment);
    expect(await textOf(comment.locator("strong"))).toBe("mesh");
    expect(await textOf(comment.locator(".announcement-comment-meta"))).toContain("Priya Nair");
    expect(await textOf(omar.getByRole("heading", { name: /commentaire/ }))).toBe("1 commentaire");
    // Someone else's comment: no delete button for Omar.
    expect(await comment.getByRole("button").count()).toBe(0);
    await visible(omar.getByLabel("Votre commentaire"));

    const nell = await signedIn("new_nell");
    const response = await nell.goto(`${app.url}${announcementPath}`);
    expect(response?.status()).toBe(403);
    await visible(nell.getByText("How to earn it"));
    expect(await nell.content()).not.toContain("Count me in as a tester");
    expect(await nell.getByLabel("Your comment").count()).toBe(0);
    expect(scriptErrors).toEqual([]);
  });

  test("the moderator removes a comment; it is gone for its author too", async () => {
    const morgan = await signedIn("morgan");
    await morgan.goto(`${app.url}${announcementPath}`);
    const comment = morgan.locator(".announcement-comment", { hasText: "Count me in as a tester" });
    await comment.getByRole("button", { name: /Delete/ }).click();
    await visible(morgan.getByText("No comments yet."));

    const priya = await signedIn("priya");
    await priya.goto(`${app.url}${announcementPath}`);
    await visible(priya.getByText("No comments yet."));
    expect(await priya.content()).not.toContain("Count me in as a tester");
    expect(scriptErrors).toEqual([]);
  });
});
