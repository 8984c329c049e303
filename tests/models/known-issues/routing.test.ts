// Routing a known issue to its team (app/models/known-issues/routing.server.ts):
// by email, exactly one email per opening and per "me too" surge (none below
// the threshold, none twice the same UTC day, again the next day), written
// in the caller's transaction; by webhook, one delivery to the team's own
// webhook only, delivered by the real worker to a real HTTP receiver, signed
// so that the receiver verifies it, its data the issue as staff see it with
// the team. No team, route "none" or a merged issue: nothing.
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { WEBHOOK_EVENTS } from "../../../db/enums";
import { createTeam } from "../../../app/models/known-issues/teams.server";
import { routeKnownIssue, routeMeTooSurge, utcDay } from "../../../app/models/known-issues/routing.server";
import { redeliverWebhookDelivery, verifyWebhookSignature } from "../../../app/models/notify/webhook-delivery.server";
import { createWebhook, getWebhookWithLog } from "../../../app/models/notify/webhooks.server";
import { updateAllowPrivateWebhookAddresses } from "../../../app/models/site/settings.server";
import { createWorker, scheduledJobs } from "../../../app/worker.server";
import { knownIssueMeToos, knownIssues, outboxMessages, webhookDeliveries, webhooks } from "../../../db/schema";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { startWebhookReceiver, type WebhookReceiver } from "../notify/webhook-receiver";

const db = createTestDb();
const ORIGIN = "https://community.example.com";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
type Actor = ReturnType<typeof asCurrentUser>;
let admin: Actor;
let moderator: Actor;
const customers: number[] = [];
let receiver: WebhookReceiver;

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
  admin = asCurrentUser(db, (await createUser(db, { username: "admin_alex", role: "admin" })).id);
  moderator = asCurrentUser(db, (await createUser(db, { username: "mod_morgan", role: "moderator" })).id);
  for (let i = 0; i < 8; i += 1) customers.push((await createUser(db, { username: `customer_${i}` })).id);
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver.close();
  vi.unstubAllEnvs();
});

beforeEach(() => {
  // The receiver listens on 127.0.0.1: the admins' setting allows it, as in the webhooks' own tests.
  updateAllowPrivateWebhookAddresses(db, admin, true);
});

function team(input: Partial<Parameters<typeof createTeam>[2]> & { name: string }) {
  const result = createTeam(db, admin, { description: "", route: "none", routeEmail: "", routeUrl: "", meTooThreshold: 3, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

let issueClock = Date.UTC(2030, 0, 1);
function knownIssue(teamId: number | null, values: Partial<typeof knownIssues.$inferInsert> = {}) {
  const at = new Date((issueClock += 1000));
  return db
    .insert(knownIssues)
    .values({ title: "Wi-Fi drops every evening", description: "Since the 7.2 firmware.", internalNote: "Suspect the 5 GHz scheduler.", threadCount: 4, meTooCount: 0, teamId, createdById: moderator.id, createdAt: at, updatedAt: at, ...values })
    .returning()
    .get();
}

/** What sayMeToo does: the "me too" row and the surge check, in one transaction. */
function meToo(issueId: number, customer: number, at: Date) {
  db.transaction((tx) => {
    tx.insert(knownIssueMeToos).values({ knownIssueId: issueId, userId: customer, createdAt: at }).run();
    tx.update(knownIssues).set({ meTooCount: sql`${knownIssues.meTooCount} + 1` }).where(eq(knownIssues.id, issueId)).run();
    routeMeTooSurge(tx, issueId, at);
  });
}

function opened(issueId: number, at = new Date()) {
  db.transaction((tx) => routeKnownIssue(tx, issueId, "opened", at));
}

let seenEmail = 0;
/** The emails queued since the last call. */
function newEmails() {
  const rows = db.select().from(outboxMessages).where(gt(outboxMessages.id, seenEmail)).orderBy(outboxMessages.id).all();
  if (rows.length) seenEmail = rows.at(-1)!.id;
  return rows;
}

function deliveriesOf(webhookId: number) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.id).all();
}

describe("by email", () => {
  test("a new known issue: exactly one email to the team's address, with what the team needs to act", () => {
    const firmware = team({ name: "Firmware", route: "email", routeEmail: "firmware@example.test" });
    newEmails();
    const issue = knownIssue(firmware.id);
    opened(issue.id);
    const emails = newEmails();
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email).toMatchObject({ kind: "email", toAddress: "firmware@example.test", userId: null, status: "pending", subject: "[Entraide] New known issue for Firmware: Wi-Fi drops every evening" });
    expect(email!.body).toContain("Hello Firmware team,");
    expect(email!.body).toContain("Title: Wi-Fi drops every evening");
    expect(email!.body).toMatch(/^Status: .+$/m);
    expect(email!.body).toContain("Why you get this: new known issue");
    expect(email!.body).toContain("Linked threads: 4");
    expect(email!.body).toContain('"Me too": 0 in all, 0 in the last 24 hours');
    expect(email!.body).toContain("Suspect the 5 GHz scheduler.");
    expect(email!.body).toContain("Since the 7.2 firmware.");
    expect(email!.body).toContain(`Open the known issue: ${ORIGIN}/known-issues/${issue.id}`);
    expect(email!.body).toContain(`${ORIGIN}/admin/teams/${firmware.id}`);
    expect(JSON.parse(email!.payload)).toEqual({ fromName: "Entraide community" });
  });

  test("a surge of \"me too\": one email when the threshold is reached, none below it, none again that day, one again the next day", () => {
    const billing = team({ name: "Billing", route: "email", routeEmail: "billing@example.test", meTooThreshold: 3 });
    const issue = knownIssue(billing.id, { title: "Double charge in May" });
    newEmails();
    const day1 = Date.UTC(2030, 2, 10, 8);
    meToo(issue.id, customers[0]!, new Date(day1));
    meToo(issue.id, customers[1]!, new Date(day1 + HOUR));
    expect(newEmails()).toEqual([]);
    meToo(issue.id, customers[2]!, new Date(day1 + 2 * HOUR));
    const surge = newEmails();
    expect(surge).toHaveLength(1);
    expect(surge[0]).toMatchObject({ toAddress: "billing@example.test", subject: '[Entraide] 3 customers said "me too" today: Double charge in May' });
    expect(surge[0]!.body).toContain('Why you get this: 3 customers said "me too" today');
    expect(surge[0]!.body).toContain("your team's threshold is 3");
    expect(surge[0]!.body).toContain('"Me too": 3 in all, 3 in the last 24 hours');
    expect(db.select().from(knownIssues).where(eq(knownIssues.id, issue.id)).get()!.meTooRoutedDay).toBe(utcDay(new Date(day1)));

    // More the same UTC day: nothing more.
    meToo(issue.id, customers[3]!, new Date(day1 + 3 * HOUR));
    meToo(issue.id, customers[4]!, new Date(day1 + 15 * HOUR));
    expect(newEmails()).toEqual([]);

    // The next day, with the threshold still reached within 24 hours: once more.
    meToo(issue.id, customers[5]!, new Date(day1 + 17 * HOUR));
    const next = newEmails();
    expect(next).toHaveLength(1);
    expect(next[0]!.subject).toBe('[Entraide] 6 customers said "me too" today: Double charge in May');
    expect(db.select().from(knownIssues).where(eq(knownIssues.id, issue.id)).get()!.meTooRoutedDay).toBe(utcDay(new Date(day1 + DAY)));
  });

  test("\"me too\" older than 24 hours do not count towards a surge", () => {
    const tv = team({ name: "Television", route: "email", routeEmail: "tv@example.test", meTooThreshold: 2 });
    const issue = knownIssue(tv.id, { title: "No picture on channel 4" });
    newEmails();
    const start = Date.UTC(2030, 3, 1, 10);
    meToo(issue.id, customers[0]!, new Date(start));
    meToo(issue.id, customers[1]!, new Date(start + 25 * HOUR));
    expect(newEmails()).toEqual([]);
    meToo(issue.id, customers[2]!, new Date(start + 26 * HOUR));
    expect(newEmails()).toHaveLength(1);
  });

  test("a rolled-back transaction sends nothing", () => {
    const app = team({ name: "Mobile app", route: "email", routeEmail: "app@example.test" });
    const issue = knownIssue(app.id);
    newEmails();
    expect(() =>
      db.transaction((tx) => {
        routeKnownIssue(tx, issue.id, "opened", new Date());
        throw new Error("the known issue could not be saved");
      }),
    ).toThrow();
    expect(newEmails()).toEqual([]);
  });

  test("no team, a team routed nowhere, a merged issue: nothing is sent", () => {
    const quiet = team({ name: "Quiet team", route: "none", meTooThreshold: 1 });
    const mailed = team({ name: "Shop", route: "email", routeEmail: "shop@example.test", meTooThreshold: 1 });
    const target = knownIssue(mailed.id);
    newEmails();
    for (const issue of [knownIssue(null), knownIssue(quiet.id), knownIssue(mailed.id, { mergedIntoId: target.id })]) {
      opened(issue.id);
      meToo(issue.id, customers[6]!, new Date(Date.UTC(2030, 4, 1)));
      expect(db.select().from(knownIssues).where(eq(knownIssues.id, issue.id)).get()!.meTooRoutedDay).toBeNull();
    }
    expect(newEmails()).toEqual([]);
    expect(db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, "known_issue.routed")).all()).toEqual([]);
  });
});

describe("by webhook", () => {
  test("one delivery to the team's own webhook only, delivered by the worker, signed, its data the issue as staff see it", async () => {
    const network = team({ name: "Network", route: "webhook", routeUrl: `${receiver.url}?team=network`, meTooThreshold: 2 });
    const other = team({ name: "Retail", route: "webhook", routeUrl: `${receiver.url}?team=retail` });
    // An admin's webhook subscribed to every event it may: it hears nothing of the teams' issues.
    const everything = createWebhook(db, admin, { url: `${receiver.url}?admin=1`, description: "Everything", events: [...WEBHOOK_EVENTS] });
    if (!everything.ok) throw new Error("refused");
    const issue = knownIssue(network.id, { title: "Evening Wi-Fi drops", internalNote: "Rollback candidate 7.1.9", threadCount: 3 });
    opened(issue.id, new Date());

    expect(deliveriesOf(network.webhookId!)).toHaveLength(1);
    expect(deliveriesOf(other.webhookId!)).toEqual([]);
    expect(deliveriesOf(everything.webhook.id)).toEqual([]);

    const worker = createWorker({ clock: () => new Date() });
    for (const job of scheduledJobs(db, {})) worker.registerJob(job.name, job.everyMs, job.run);
    const before = receiver.received.length;
    await worker.runJob("deliver-webhooks", new Date(Date.now() + 1000));
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const [delivery] = got;
    expect(delivery!.path).toBe("/hooks/entraide?team=network");
    expect(delivery!.headers["x-entraide-event"]).toBe("known_issue.routed");
    const secret = db.select().from(webhooks).where(eq(webhooks.id, network.webhookId!)).get()!.secret;
    expect(secret).toBe(network.secret);
    const signed = { timestamp: String(delivery!.headers["x-entraide-timestamp"]), body: delivery!.body, signature: String(delivery!.headers["x-entraide-signature"]) };
    expect(verifyWebhookSignature(secret, signed)).toBe(true);
    expect(verifyWebhookSignature(other.secret!, signed)).toBe(false);
    expect(delivery!.json).toMatchObject({
      event: "known_issue.routed",
      id: delivery!.headers["x-entraide-delivery"],
      data: {
        id: issue.id,
        title: "Evening Wi-Fi drops",
        status: "investigating",
        description: "Since the 7.2 firmware.",
        internalNote: "Rollback candidate 7.1.9",
        team: { id: network.id, name: "Network", route: "webhook" },
        threadCount: 3,
        meTooCount: 0,
        meTooToday: 0,
        reason: "opened",
        url: `${ORIGIN}/known-issues/${issue.id}`,
      },
    });
    expect(deliveriesOf(network.webhookId!)[0]).toMatchObject({ status: "sent", attempts: 1, responseStatus: 204 });

    // A surge goes the same way, with its reason and the day's count.
    const now = Date.now();
    meToo(issue.id, customers[0]!, new Date(now - 2 * HOUR));
    meToo(issue.id, customers[1]!, new Date(now - HOUR));
    const surgeAt = new Date(now - HOUR);
    expect(deliveriesOf(network.webhookId!)).toHaveLength(2);
    await worker.runJob("deliver-webhooks", new Date(now + 2000));
    const surge = receiver.received.at(-1)!;
    expect(surge.json.data).toMatchObject({ id: issue.id, reason: "me_too_surge", meTooToday: 2, meTooCount: 2, team: { name: "Network" } });
    expect(db.select().from(knownIssues).where(eq(knownIssues.id, issue.id)).get()!.meTooRoutedDay).toBe(utcDay(surgeAt));
    expect(deliveriesOf(other.webhookId!)).toEqual([]);
    expect(deliveriesOf(everything.webhook.id)).toEqual([]);

    // The team's webhook logs its deliveries on /admin/webhooks/:id, and an admin may redeliver one: the same event, the same bytes.
    const log = getWebhookWithLog(db, admin, network.webhookId!);
    expect(log.deliveries.map((d) => d.event)).toEqual(["known_issue.routed", "known_issue.routed"]);
    const first = deliveriesOf(network.webhookId!)[0]!;
    const again = await redeliverWebhookDelivery(db, admin, { webhookId: network.webhookId!, deliveryId: first.id });
    expect(again.outcome).toBe("sent");
    expect(receiver.received.at(-1)!.body).toBe(delivery!.body);
  });

  test("a paused team webhook keeps its routed issues until it is enabled again", () => {
    const paused = team({ name: "Paused team", route: "webhook", routeUrl: `${receiver.url}?team=paused` });
    db.update(webhooks).set({ disabledAt: new Date(), disabledReason: "webhooks.disabledReason.byAdmin" }).where(eq(webhooks.id, paused.webhookId!)).run();
    const issue = knownIssue(paused.id);
    opened(issue.id);
    expect(db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, paused.webhookId!), eq(webhookDeliveries.status, "pending"))).all()).toHaveLength(1);
  });
});
