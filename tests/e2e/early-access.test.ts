// Early access in the browser: a member's answers are upvoted and accepted by
// other people through the thread page until they reach Expert, a moderator
// publishes an announcement, the member is told and reads it; a newcomer
// looks for it on /early-access, the search page and the home page and finds
// nothing of it.
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { notifications, users } from "../../db/schema";
import { createTestAnswer, createTestThread, createUser, giveReputation, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const WEEK_AGO = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);

const TITLE = "Nimbus Quasar router: try it before the launch";
const BODY_SENTENCE = "Testers get the Quasar a month early";
const BODY = `${BODY_SENTENCE}, with **tri-band Wi-Fi** and a quiet mode. Codename Zephyrine: keep it to yourself.`;

let riseId = 0;
const threads: { path: string; answerId: number }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_mia", role: "moderator", createdAt: WEEK_AGO });
    const rise = await createUser(db, { username: "ravi_rise", displayName: "Ravi Rise", createdAt: WEEK_AGO });
    // Earlier answers, as the ledger would hold them: 45 short of Expert (1,000).
    giveReputation(db, rise, 954);
    riseId = rise.id;
    const asker = await createUser(db, { username: "asker_ada", createdAt: WEEK_AGO });
    for (const username of ["voter_vic", "voter_val"]) giveReputation(db, await createUser(db, { username, createdAt: WEEK_AGO }), 20);
    await createUser(db, { username: "new_nell", createdAt: WEEK_AGO });
    const questions = [
      ["My mesh router loses the upstairs rooms every night", "Put the second mesh router halfway up the stairs, not in the far room."],
      ["Which router setting stops the Wi-Fi from dropping?", "Turn off band steering in the router settings and name the two bands differently."],
    ];
    for (const [i, [title, answer]] of questions.entries()) {
      const at = new Date(WEEK_AGO.getTime() + i * 60 * 60 * 1000);
      const thread = createTestThread(db, asker, { title: title!, body: "It has been like this for a week and restarting does not help.", category: "network", at });
      const post = createTestAnswer(db, rise, thread.id, answer, new Date(at.getTime() + 10 * 60 * 1000));
      threads.push({ path: `/t/${thread.id}/${thread.slug}`, answerId: post.id });
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const scriptErrors: string[] = [];

/** A signed-in page; any script error in it fails the last test (a page that breaks once hydrated is broken). */
async function signedIn(username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (error) => scriptErrors.push(`${username}: ${error.message}`));
  await signIn(page, app.url, username, TEST_PASSWORD);
  return page;
}

const reputationOf = (userId: number) => app.db.select({ r: users.reputation }).from(users).where(eq(users.id, userId)).get()!.r;

/** Another member upvotes Ravi's answer on the thread page. */
async function upvote(voter: Page, thread: { path: string; answerId: number }) {
  await voter.goto(`${app.url}${thread.path}`);
  const answer = voter.locator(`#post-${thread.answerId}`);
  const score = Number(await textOf(answer.locator(".score")));
  await answer.getByRole("button", { name: "Upvote" }).click();
  await expect.poll(() => textOf(answer.locator(".score"))).toBe(String(score + 1));
}

/** None of the announcement in the page, except the word the person searched for (the search box echoes it). */
function expectNothingOf(html: string, searched = "") {
  for (const secret of [TITLE, BODY_SENTENCE, "Zephyrine", "tri-band"]) if (secret !== searched) expect(html).not.toContain(secret);
}

describe("early access in the browser", () => {
  test("upvotes and an acceptance bring a member to Expert; a moderator publishes; the member is told and reads it", async () => {
    const ravi = await signedIn("ravi_rise");
    await ravi.goto(`${app.url}/early-access`);
    await expect.poll(() => textOf(ravi.locator("h1"))).toBe("Early access");
    await expect.poll(() => textOf(ravi.locator(".early-access-explainer"))).toContain("Early access opens at the Expert rank (1,000 reputation).");
    await expect.poll(() => textOf(ravi.locator(".rank-progress"))).toContain("You have 955 reputation · 45 to go");

    // Two members upvote the first answer, and its asker accepts it.
    const vic = await signedIn("voter_vic");
    const val = await signedIn("voter_val");
    await upvote(vic, threads[0]!);
    await upvote(val, threads[0]!);
    const ada = await signedIn("asker_ada");
    await ada.goto(`${app.url}${threads[0]!.path}`);
    await ada.locator(`#post-${threads[0]!.answerId}`).getByRole("button", { name: "Accept this answer" }).click();
    await visible(ada.locator(`#post-${threads[0]!.answerId}`).getByRole("button", { name: "Unaccept this answer" }));
    expect(reputationOf(riseId)).toBe(990);

    // Not yet: still the explainer.
    await ravi.reload();
    await expect.poll(() => textOf(ravi.locator(".rank-progress"))).toContain("10 to go");

    // The last upvote crosses the threshold.
    await upvote(vic, threads[1]!);
    expect(reputationOf(riseId)).toBe(1_000);

    // A moderator publishes through the editor.
    const mia = await signedIn("mod_mia");
    await mia.goto(`${app.url}/early-access`);
    await mia.getByRole("link", { name: "Publish an announcement" }).click();
    await mia.waitForURL(/\/early-access\/new$/);
    await mia.getByLabel("Title").fill(TITLE);
    await mia.getByLabel("Text").fill(BODY);
    await mia.getByRole("button", { name: "Publish" }).click();
    await mia.waitForURL(/\/early-access\/\d+$/);
    const announcementPath = new URL(mia.url()).pathname;
    await expect.poll(() => textOf(mia.locator("h1"))).toBe(TITLE);

    // Ravi, now an Expert, was told (without the title) and reads it.
    const told = app.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, riseId), eq(notifications.kind, "early_access")))
      .all();
    expect(told).toHaveLength(1);
    await ravi.goto(`${app.url}/early-access`);
    await ravi.getByRole("link", { name: TITLE }).click();
    await ravi.waitForURL(`${app.url}${announcementPath}`);
    for (const path of ["/early-access", announcementPath]) {
      const response = await fetch(`${app.url}${path}`, { headers: { Cookie: (await ravi.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } });
      expect([path, response.status, response.headers.get("cache-control")]).toEqual([path, 200, "private, no-store"]);
      expect(await response.text()).toContain(TITLE);
    }
    await expect.poll(() => textOf(ravi.locator("h1"))).toBe(TITLE);
    await expect.poll(() => textOf(ravi.locator(".post-body"))).toContain(BODY_SENTENCE);
    await expect.poll(() => ravi.title()).toBe(`${TITLE} · Early access`);
    await visible(ravi.locator(".post-body strong", { hasText: "tri-band Wi-Fi" }));

    // A newcomer looks for it everywhere and finds nothing of it.
    const nell = await signedIn("new_nell");
    await nell.goto(`${app.url}/early-access`);
    await expect.poll(() => textOf(nell.locator(".rank-progress"))).toContain("999 to go");
    expectNothingOf(await nell.content());

    const direct = await nell.goto(`${app.url}${announcementPath}`);
    expect(direct?.status()).toBe(403);
    // Nor may a cache between them keep Ravi's copy of this address for her.
    expect(direct?.headers()["cache-control"]).toBe("private, no-store");
    await expect.poll(() => textOf(nell.locator("h1"))).toBe("Early access");
    expect(await nell.title()).toBe("Early access");
    expectNothingOf(await nell.content());

    for (const q of ["Quasar", "Zephyrine", "router"]) {
      await nell.goto(`${app.url}/search?q=${q}`);
      await visible(nell.locator("h1"));
      expectNothingOf(await nell.content(), q);
    }
    // The router search does find the threads, just not the announcement.
    await visible(nell.locator(".search-result", { hasText: "mesh router" }));

    await nell.goto(`${app.url}/`);
    await visible(nell.getByRole("link", { name: "Which router setting stops the Wi-Fi from dropping?" }));
    expectNothingOf(await nell.content());

    // A visitor too.
    const visitor = await (await browser.newContext()).newPage();
    for (const path of ["/early-access", announcementPath, "/search?q=Zephyrine", "/"]) {
      await visitor.goto(`${app.url}${path}`);
      await visible(visitor.locator("h1"));
      expectNothingOf(await visitor.content(), path.includes("search") ? "Zephyrine" : "");
    }
  });

  test("a moderator grants a newcomer access with a reason, the newcomer reads it, and a revocation ends it at once", async () => {
    const mia = await signedIn("mod_mia");
    await mia.goto(`${app.url}/mod`);
    await mia.getByRole("navigation", { name: "Moderation" }).getByRole("link", { name: "Early access" }).click();
    await mia.waitForURL(/\/mod\/early-access$/);
    await mia.getByRole("button", { name: "Grant early access" }).click();
    await expect.poll(() => textOf(mia.locator(".field-error"))).toBe("Whose access? Enter their username.");
    await mia.getByLabel("Member's username").fill("new_nell");
    await mia.getByLabel("Reason").fill("Runs the local user group");
    await mia.getByRole("button", { name: "Grant early access" }).click();
    await expect.poll(() => textOf(mia.locator("main").getByRole("status"))).toBe("@new_nell now has early access.");
    await visible(mia.getByRole("cell", { name: "Runs the local user group" }));

    const nell = await signedIn("new_nell");
    await nell.goto(`${app.url}/early-access`);
    await visible(nell.getByRole("link", { name: TITLE }));

    await mia.getByLabel("Reason for revoking @new_nell's access").fill("The user group closed");
    await mia.getByRole("button", { name: "Revoke @new_nell's early access" }).click();
    await expect.poll(() => textOf(mia.locator("main").getByRole("status"))).toBe("@new_nell no longer has early access.");
    await expect.poll(() => textOf(mia.locator(".audit-list li").first())).toContain("@mod_mia revoked the early access of @new_nell: The user group closed");

    await nell.reload();
    await expect.poll(() => textOf(nell.locator(".early-access-explainer h2").first())).toBe("Where you stand");
    expectNothingOf(await nell.content());
    expect(scriptErrors).toEqual([]);
  });
});
