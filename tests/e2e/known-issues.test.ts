// Closing the loop in the browser (issue #17): a moderator sees the evening
// Wi-Fi drops rising on /mod/insights, opens a known issue from the rising
// topic, links three of the questions, marks it fixed with a note; an asker
// of a linked question is notified, asked again whether it is solved, says
// yes, and the moderator reads the answer on the issue's page. A visitor
// reads the issue's public page without its staff-only words.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { knownIssueChecks, knownIssues, notifications, threads } from "../../db/schema";
import { createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const ASKERS = ["asker_anna", "asker_bob", "asker_chloe", "asker_dan", "asker_eve", "asker_fred"];
const BURST = [
  "Wi-Fi drops every evening since the firmware update",
  "Box firmware update broke my evening Wi-Fi",
  "After the firmware update the Wi-Fi cuts out at night",
  "Firmware 4.2: Wi-Fi disconnects around 9 pm",
  "Evening Wi-Fi drops after the latest firmware",
  "New firmware, Wi-Fi gone every evening",
];
/** The three questions the moderator links: the first three the form offers. */
const LINKED: string[] = [];
const NOTE = "The firmware 4.3 update is rolling out to every box";
const INTERNAL = "Rollback ticket FW-4431, owner Ravi";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    const now = Date.now();
    const joined = new Date(now - 120 * DAY);
    await createUser(db, { username: "mod_mia", role: "moderator", createdAt: joined });
    const askers: Awaited<ReturnType<typeof createUser>>[] = [];
    for (const username of ASKERS) askers.push(await createUser(db, { username, createdAt: joined }));
    // Nine quiet weeks of billing questions: the history rising topics compare with.
    for (let week = 9; week >= 1; week--) {
      for (let i = 0; i < 2; i++) {
        createTestThread(db, askers[(week + i) % askers.length]!, {
          title: `Invoice question ${week}-${i}: roaming charge on my bill`,
          body: "The bill shows a roaming charge I do not understand.",
          category: "billing",
          at: new Date(now - week * 7 * DAY - (i + 1) * HOUR),
        });
      }
    }
    // This week: the evening Wi-Fi drops after a firmware update, from six customers.
    BURST.forEach((title, i) => {
      createTestThread(db, askers[i]!, {
        title,
        body: "Since the box installed the new firmware, the Wi-Fi drops every evening for ten minutes.",
        category: "network",
        tags: ["wifi", "firmware"],
        at: new Date(now - (3 - i * 0.4) * DAY),
      });
    });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("known issues", () => {
  test("a rising topic becomes a known issue with three questions; marked fixed, an asker is told, asked again, and answers", async () => {
    const mia = await browser.newContext();
    const mod = await mia.newPage();
    await signIn(mod, app.url, "mod_mia", TEST_PASSWORD);

    // The rising topic on /mod/insights (the Wi-Fi or firmware term), and a known issue opened from it.
    await mod.goto(`${app.url}/mod/insights`);
    const open = mod.getByRole("link", { name: /^Open a known issue \((firmware|wifi|wi-fi|evening)\)$/ }).first();
    await visible(open);
    const term = (await open.getAttribute("href"))!.replace(/^.*\?term=/, "");
    await open.click();
    await mod.waitForURL(/\/mod\/known-issues\/new\?term=/);
    await expect.poll(() => textOf(mod.locator("main"))).toContain(`From the rising topic “${decodeURIComponent(term)}”`);
    // The open questions about it are offered, the quiet billing ones are not.
    await visible(mod.getByLabel(BURST[0]!).or(mod.getByLabel(BURST[1]!)).first());
    const offered: string[] = [];
    for (const title of BURST) if (await mod.getByLabel(title).count()) offered.push(title);
    expect(offered.length).toBeGreaterThanOrEqual(3);
    expect(await mod.getByText("roaming charge on my bill").count()).toBe(0);
    LINKED.push(...offered.slice(0, 3));

    await mod.getByLabel("Title", { exact: true }).fill("Wi-Fi drops in the evening after firmware 4.2");
    await mod.getByLabel("Public description").fill("Since firmware 4.2 some boxes lose Wi-Fi for a few minutes every evening. Restarting the box helps until the next evening.");
    await mod.getByLabel("Internal note").fill(INTERNAL);
    // Exactly the three questions to link are ticked.
    for (const title of offered) {
      if (LINKED.includes(title)) await mod.getByLabel(title).check();
      else await mod.getByLabel(title).uncheck();
    }
    await mod.getByRole("button", { name: "Create the known issue" }).click();
    await mod.waitForURL(/\/known-issues\/\d+$/);
    const issuePath = new URL(mod.url()).pathname;
    await expect.poll(() => textOf(mod.locator("main h1"))).toContain("Wi-Fi drops in the evening after firmware 4.2");
    for (const title of LINKED) await visible(mod.getByRole("link", { name: title }));

    const issue = app.db.select().from(knownIssues).get()!;
    expect(issue.threadCount).toBe(3);
    const linked = app.db.select().from(threads).where(eq(threads.knownIssueId, issue.id)).all();
    expect(linked.map((t) => t.title).sort()).toEqual([...LINKED].sort());

    // A linked question shows the banner; another burst question does not.
    const annaThread = linked.find((t) => t.title === LINKED[0])!;
    const visitor = await browser.newContext();
    const guest = await visitor.newPage();
    await guest.goto(`${app.url}/t/${annaThread.id}/${annaThread.slug}`);
    await expect.poll(() => textOf(guest.locator("#known-issue"))).toContain("Known issue: Investigating");
    // The public page: the description, not the internal note.
    await guest.goto(`${app.url}${issuePath}`);
    await expect.poll(() => textOf(guest.locator("main"))).toContain("Restarting the box helps");
    expect(await guest.content()).not.toContain("FW-4431");

    // Fixed, with a public note: everyone interested is told once, each asker is asked again.
    await mod.getByLabel("Status", { exact: true }).selectOption({ label: "Fixed" });
    await mod.getByLabel("Public note").fill(NOTE);
    await mod.getByRole("button", { name: "Save the status" }).click();
    await expect.poll(() => textOf(mod.locator("main"))).toContain(NOTE);
    await expect.poll(() => textOf(mod.locator("main"))).toContain("Solved: 0 · Not solved: 0 · No answer yet: 3");

    for (const thread of linked) {
      const told = app.db.select().from(notifications).where(and(eq(notifications.userId, thread.authorId), eq(notifications.kind, "known_issue_status"))).all();
      expect(told, thread.title).toHaveLength(1);
      const asked = app.db.select().from(notifications).where(and(eq(notifications.userId, thread.authorId), eq(notifications.kind, "known_issue_check"))).all();
      expect(asked.map((n) => n.threadId), thread.title).toEqual([thread.id]);
    }
    expect(app.db.select().from(knownIssueChecks).all()).toHaveLength(3);

    // The first linked question's asker reads it in her notifications, follows it to her question and says it is solved.
    const anna = await browser.newContext();
    const asker = await anna.newPage();
    await signIn(asker, app.url, ASKERS[BURST.indexOf(LINKED[0]!)]!, TEST_PASSWORD);
    await asker.goto(`${app.url}/notifications`);
    await expect.poll(() => textOf(asker.locator("main"))).toContain(`Fixed: ${NOTE} (Wi-Fi drops in the evening after firmware 4.2)`);
    const question = asker.getByRole("link", { name: /A fix for “Wi-Fi drops in the evening after firmware 4\.2” is out: did it solve your problem/ });
    await visible(question);
    await question.click();
    await asker.waitForURL(new RegExp(`/t/${annaThread.id}/`));
    const check = asker.locator("#fix-check");
    await expect.poll(() => textOf(check)).toContain("Did the fix solve your problem?");
    await asker.getByRole("button", { name: "Yes, it is solved" }).click();
    await expect.poll(() => textOf(asker.locator("#fix-check"))).toContain("You told us the fix solved your problem. Thank you!");
    const answer = app.db.select().from(knownIssueChecks).where(eq(knownIssueChecks.threadId, annaThread.id)).get()!;
    expect(answer.answer).toBe("solved");

    // The moderator reads the evidence on the issue's page.
    await mod.reload();
    await expect.poll(() => textOf(mod.locator("main"))).toContain("Solved: 1 · Not solved: 0 · No answer yet: 2");
    await mia.close();
    await visitor.close();
    await anna.close();
  });
});
