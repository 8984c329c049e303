// Webhooks delivered to a real HTTP receiver on 127.0.0.1 (private addresses
// allowed by the admins' setting, except where the guard itself is tested):
// the envelope signed over timestamp + body and verified as a receiver would,
// a failing answer retried after its backoff (time driven through the
// worker's clock), redelivery with the same event id, the test ping, a
// webhook that keeps failing disabled with a notice to every admin, private
// addresses refused at creation and at connection, and SUPPORT_WEBHOOK_URL
// still receiving escalations.
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { threadForApi } from "../../../app/api/present.server";
import { escalateThread } from "../../../app/models/moderation/escalation.server";
import { updateAllowPrivateWebhookAddresses, writeSiteSettings } from "../../../app/models/site/settings.server";
import {
  DELIVERY_ERRORS,
  DISABLE_AFTER_FAILURES,
  deliverDueWebhooks,
  redeliverWebhookDelivery,
  sendTestPing,
  verifyWebhookSignature,
  WEBHOOK_RETRY_DELAYS_MS,
} from "../../../app/models/notify/webhook-delivery.server";
import { envelopeViewer } from "../../../app/models/notify/webhook-envelope.server";
import { createWebhook, ensureEnvWebhook, isLiteralPrivateAddress, listWebhooks, setWebhookEnabled } from "../../../app/models/notify/webhooks.server";
import { createWorker, scheduledJobs } from "../../../app/worker.server";
import { auditEvents, outboxMessages, users, webhookDeliveries, webhooks } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { expectRefused, snapshot } from "../../support/model-helpers";
import { expectEnvelopeConforms, startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

const db = createTestDb();
const ORIGIN = "https://community.example.com";
type User = Awaited<ReturnType<typeof createUser>>;

let admin: User;
let frenchAdmin: User;
let moderator: User;
let member: User;
let receiver: WebhookReceiver;

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
  vi.stubEnv("SUPPORT_WEBHOOK_URL", "");
  createTestCategory(db, { slug: "billing", name: "Billing" });
  admin = await createUser(db, { username: "admin_alex", role: "admin", email: "alex@example.test" });
  frenchAdmin = await createUser(db, { username: "admin_amelie", role: "admin", email: "amelie@example.test" });
  db.update(users).set({ language: "fr" }).where(eq(users.id, frenchAdmin.id)).run();
  moderator = await createEstablishedMember(db, { username: "mod_morgan", role: "moderator", displayName: "Morgan" });
  member = await createEstablishedMember(db, { username: "member_mo" });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver.close();
  vi.unstubAllEnvs();
});

beforeEach(() => {
  updateAllowPrivateWebhookAddresses(db, admin, true);
});

/** A webhook to the receiver (or `url`) for these events, as an admin adds it. */
function subscribe(events: Parameters<typeof createWebhook>[2]["events"], url = receiver.url) {
  const result = createWebhook(db, admin, { url, description: "Help desk", events });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.webhook;
}

function deliveriesOf(webhookId: number) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.id).all();
}

const later = (ms: number) => new Date(Date.now() + ms);
// Questions written a few minutes apart, in the past (the posting limits count time between them).
let clock = Date.now() - 24 * 60 * 60_000;
const tick = () => new Date((clock += 5 * 60_000));

describe("a delivery", () => {
  test("is POSTed as the event's envelope, signed over timestamp + body, and the receiver can verify it", async () => {
    const webhook = subscribe(["thread.created"]);
    const thread = createTestThread(db, member, { title: "My router reboots every night", body: "Every night at 3 am the router restarts.", at: tick() });
    const [pending] = deliveriesOf(webhook.id);
    expect(pending).toMatchObject({ event: "thread.created", status: "pending", attempts: 0 });

    const before = receiver.received.length;
    const at = later(1_000);
    const report = await deliverDueWebhooks(db, at);
    expect(report.sent).toBe(1);
    const [request] = receiver.received.slice(before);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["user-agent"]).toMatch(/^Entraide-Webhooks/);
    expect(request!.headers["x-entraide-event"]).toBe("thread.created");
    const timestamp = request!.headers["x-entraide-timestamp"] as string;
    expect(Number(timestamp)).toBe(Math.floor(at.getTime() / 1000));
    const signature = request!.headers["x-entraide-signature"] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    // What a receiver does: recompute over the exact bytes, within the replay window.
    expect(verifyWebhookSignature(webhook.secret, { timestamp, body: request!.body, signature }, at.getTime())).toBe(true);
    expect(verifyWebhookSignature("another-secret", { timestamp, body: request!.body, signature }, at.getTime())).toBe(false);
    expect(verifyWebhookSignature(webhook.secret, { timestamp, body: request!.body.replace("reboots", "REBOOTS"), signature }, at.getTime())).toBe(false);
    expect(verifyWebhookSignature(webhook.secret, { timestamp, body: request!.body, signature }, at.getTime() + 10 * 60_000)).toBe(false);

    const envelope = request!.json;
    expect(Object.keys(envelope).sort()).toEqual(["data", "event", "id", "occurredAt"]);
    expect(request!.headers["x-entraide-delivery"]).toBe(envelope.id);
    expect(envelope.event).toBe("thread.created");
    expect(envelope.occurredAt).toBe(pending!.createdAt.toISOString());
    // The thread as the API shows it to a visitor.
    expect(envelope.data).toEqual(threadForApi(db, envelopeViewer(db, false), thread.id));
    expect(envelope.data).toMatchObject({ id: thread.id, title: "My router reboots every night", url: `${ORIGIN}/t/${thread.id}/${thread.slug}` });
    expect(envelope.data.question.body).toBe("Every night at 3 am the router restarts.");

    const [sent] = deliveriesOf(webhook.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, responseStatus: 204, lastError: "", eventId: envelope.id, body: request!.body });
    expect(sent!.durationMs).toBeGreaterThanOrEqual(0);
    expect(sent!.deliveredAt).toEqual(at);
    setWebhookEnabled(db, admin, webhook.id, false);
  });

  test("a failing answer (500) is retried after its backoff, with the same event id and body, until a 2xx", async () => {
    const webhook = subscribe(["thread.created"]);
    createTestThread(db, member, { title: "Invoice PDF is blank", at: tick() });
    receiver.answer(500, 503);
    const before = receiver.received.length;
    // The worker's own job, driven with our clock.
    const worker = createWorker({ clock: () => new Date() });
    for (const job of scheduledJobs(db, {})) worker.registerJob(job.name, job.everyMs, job.run);

    const t0 = later(1_000);
    await worker.runJob("deliver-webhooks", t0);
    let [row] = deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, lastError: DELIVERY_ERRORS.status });
    expect(row!.nextAttemptAt).toEqual(new Date(t0.getTime() + WEBHOOK_RETRY_DELAYS_MS[0]!));

    // Not before its time.
    await worker.runJob("deliver-webhooks", new Date(t0.getTime() + WEBHOOK_RETRY_DELAYS_MS[0]! - 1_000));
    expect(receiver.received.length - before).toBe(1);

    const t1 = new Date(t0.getTime() + WEBHOOK_RETRY_DELAYS_MS[0]!);
    await worker.runJob("deliver-webhooks", t1);
    [row] = deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, responseStatus: 503 });
    expect(row!.nextAttemptAt).toEqual(new Date(t1.getTime() + WEBHOOK_RETRY_DELAYS_MS[1]!));

    await worker.runJob("deliver-webhooks", new Date(t1.getTime() + WEBHOOK_RETRY_DELAYS_MS[1]!));
    [row] = deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "sent", attempts: 3, responseStatus: 204, lastError: "" });
    const tries = receiver.received.slice(before);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers["x-entraide-delivery"])).size).toBe(1);
    expect(new Set(tries.map((r) => r.body)).size).toBe(1);
    // Each attempt is signed anew.
    expect(new Set(tries.map((r) => r.headers["x-entraide-timestamp"])).size).toBe(3);
    expect(db.select().from(webhooks).where(eq(webhooks.id, webhook.id)).get()!.consecutiveFailures).toBe(0);
    await worker.stop();
    setWebhookEnabled(db, admin, webhook.id, false);
  });

  test("redeliver sends the stored delivery again, with the same event id, and it is audit-logged", async () => {
    const webhook = subscribe(["thread.created"]);
    createTestThread(db, member, { title: "Roaming charges in Spain", at: tick() });
    await deliverDueWebhooks(db, later(1_000));
    const [first] = deliveriesOf(webhook.id);
    const before = receiver.received.length;

    const result = await redeliverWebhookDelivery(db, admin, { webhookId: webhook.id, deliveryId: first!.id });
    expect(result.outcome).toBe("sent");
    const [again] = receiver.received.slice(before);
    expect(again!.headers["x-entraide-delivery"]).toBe(first!.eventId);
    expect(again!.body).toBe(first!.body);
    const rows = deliveriesOf(webhook.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ eventId: first!.eventId, status: "sent", attempts: 1 });
    const audit = db.select().from(auditEvents).where(eq(auditEvents.action, "webhook.redeliver")).orderBy(desc(auditEvents.id)).get();
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "webhook", targetId: webhook.id });

    // Someone else's delivery, or a non-admin: refused, nothing written.
    await expect(redeliverWebhookDelivery(db, admin, { webhookId: webhook.id + 1000, deliveryId: first!.id })).rejects.toMatchObject({ status: 404 });
    const snap = snapshot(db);
    await expect(redeliverWebhookDelivery(db, moderator, { webhookId: webhook.id, deliveryId: first!.id })).rejects.toMatchObject({ status: 403 });
    expect(snapshot(db)).toBe(snap);
    setWebhookEnabled(db, admin, webhook.id, false);
  });

  test("the test ping arrives, signed, naming the webhook and its events", async () => {
    const webhook = subscribe(["answer.posted", "user.joined"]);
    const before = receiver.received.length;
    const result = await sendTestPing(db, admin, webhook.id);
    expect(result.outcome).toBe("sent");
    const [ping] = receiver.received.slice(before);
    expect(ping!.headers["x-entraide-event"]).toBe("ping");
    expect(ping!.json).toMatchObject({ event: "ping", data: { webhookId: webhook.id, url: receiver.url, events: ["answer.posted", "user.joined"] } });
    expect(ping!.headers["x-entraide-delivery"]).toBe(ping!.json.id);
    expectEnvelopeConforms(ping!.json);
    expect(verifyWebhookSignature(webhook.secret, { timestamp: ping!.headers["x-entraide-timestamp"] as string, body: ping!.body, signature: ping!.headers["x-entraide-signature"] as string })).toBe(true);
    expect(deliveriesOf(webhook.id).at(-1)).toMatchObject({ event: "ping", status: "sent", responseStatus: 204 });
    expect(listWebhooks(db, admin).webhooks.find((w) => w.id === webhook.id)!.lastDelivery).toMatchObject({ event: "ping", status: "sent", responseStatus: 204 });
    setWebhookEnabled(db, admin, webhook.id, false);
  });
});

describe("a webhook that keeps failing", () => {
  test(`is disabled after ${DISABLE_AFTER_FAILURES} failed attempts in a row, every admin is emailed in their language, and its deliveries wait`, async () => {
    const failing = await startWebhookReceiver();
    failing.answerOtherwise(500);
    try {
      const webhook = subscribe(["thread.created"], failing.url);
      for (let i = 0; i < DISABLE_AFTER_FAILURES + 2; i += 1) createTestThread(db, member, { title: `Outage report number ${i + 1}`, at: tick() });
      const emailsBefore = db.select().from(outboxMessages).all().length;

      const at = later(1_000);
      const report = await deliverDueWebhooks(db, at);
      expect(report.retrying).toBe(DISABLE_AFTER_FAILURES);
      expect(failing.received).toHaveLength(DISABLE_AFTER_FAILURES);
      const row = db.select().from(webhooks).where(eq(webhooks.id, webhook.id)).get()!;
      expect(row.disabledAt).toEqual(at);
      expect(row.disabledReason).toBe("webhooks.disabledReason.failing");
      const rows = deliveriesOf(webhook.id);
      expect(rows.filter((d) => d.attempts === 0)).toHaveLength(2);

      const emails = db.select().from(outboxMessages).all().slice(emailsBefore);
      expect(emails.map((m) => m.toAddress).sort()).toEqual(["alex@example.test", "amelie@example.test"]);
      expect(emails.find((m) => m.toAddress === "alex@example.test")!.subject).toBe(`Webhook disabled: ${failing.url}`);
      expect(emails.find((m) => m.toAddress === "amelie@example.test")!.subject).toBe(`Webhook désactivé : ${failing.url}`);
      expect(emails[0]!.body).toContain(`${ORIGIN}/admin/webhooks/${webhook.id}`);

      // Disabled: nothing is sent, even when due.
      await deliverDueWebhooks(db, new Date(at.getTime() + 24 * 60 * 60_000));
      expect(failing.received).toHaveLength(DISABLE_AFTER_FAILURES);

      // Fixed and enabled again: what waited goes out.
      failing.answerOtherwise(204);
      setWebhookEnabled(db, admin, webhook.id, true);
      expect(db.select().from(webhooks).where(eq(webhooks.id, webhook.id)).get()).toMatchObject({ disabledAt: null, disabledReason: "", consecutiveFailures: 0 });
      await deliverDueWebhooks(db, new Date(at.getTime() + 24 * 60 * 60_000));
      expect(deliveriesOf(webhook.id).every((d) => d.status === "sent")).toBe(true);
      expect(failing.received).toHaveLength(DISABLE_AFTER_FAILURES + 2 + DISABLE_AFTER_FAILURES);
      setWebhookEnabled(db, admin, webhook.id, false);
    } finally {
      await failing.close();
    }
  });
});

describe("private addresses", () => {
  test("a literal private address is refused when the webhook is saved, unless allowed, with the message beside the field", () => {
    updateAllowPrivateWebhookAddresses(db, admin, false);
    for (const url of ["http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://10.1.2.3/hook", "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://2130706433/"]) {
      expect(isLiteralPrivateAddress(url), url).toBe(true);
      const before = snapshot(db);
      const result = createWebhook(db, admin, { url, description: "", events: ["thread.created"] });
      expect(result).toEqual({ ok: false, errors: { url: expect.stringMatching(/private network/) } });
      expect(snapshot(db)).toBe(before);
    }
    expect(isLiteralPrivateAddress("https://helpdesk.example.com/hook")).toBe(false);
    expect(isLiteralPrivateAddress("https://93.184.216.34/hook")).toBe(false);
    updateAllowPrivateWebhookAddresses(db, admin, true);
    expect(createWebhook(db, admin, { url: "http://127.0.0.1:8080/hook", description: "", events: ["thread.created"] }).ok).toBe(true);
  });

  test("a name that resolves to a private address (localhost) is refused when the delivery connects", async () => {
    const webhook = subscribe(["thread.created"], `http://localhost:${receiver.port}/hooks/entraide`);
    updateAllowPrivateWebhookAddresses(db, admin, false);
    createTestThread(db, member, { title: "Fibre speed dropped", at: tick() });
    const before = receiver.received.length;
    await deliverDueWebhooks(db, later(1_000));
    expect(receiver.received.length).toBe(before);
    const [row] = deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: null, lastError: DELIVERY_ERRORS.privateAddress });

    // Allowed again: the retry goes through.
    updateAllowPrivateWebhookAddresses(db, admin, true);
    await deliverDueWebhooks(db, later(2 * 60_000));
    expect(deliveriesOf(webhook.id)[0]).toMatchObject({ status: "sent", attempts: 2 });
    setWebhookEnabled(db, admin, webhook.id, false);
  });

  test("only admins change the rule, and only admins manage webhooks", () => {
    expectRefused(db, () => updateAllowPrivateWebhookAddresses(db, moderator, false));
    expectRefused(db, () => createWebhook(db, moderator, { url: "https://x.example/hook", description: "", events: ["thread.created"] }));
    expectRefused(db, () => createWebhook(db, null, { url: "https://x.example/hook", description: "", events: ["thread.created"] }), 401);
    expectRefused(db, () => listWebhooks(db, member));
  });
});

describe("SUPPORT_WEBHOOK_URL", () => {
  test("becomes the webhook subscribed to escalations, signed with its secret, and still delivers them (even to a private address)", async () => {
    updateAllowPrivateWebhookAddresses(db, admin, false);
    const secret = "s3cret-for-the-support-team-0123456789";
    const env = ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: receiver.url, SUPPORT_WEBHOOK_SECRET: secret })!;
    expect(env).toMatchObject({ source: "env", url: receiver.url, secret, disabledAt: null });
    expect(JSON.parse(env.events)).toEqual(["escalation.opened", "escalation.closed"]);
    // Started again: the same row.
    expect(ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: receiver.url, SUPPORT_WEBHOOK_SECRET: secret })!.id).toBe(env.id);

    const thread = createTestThread(db, member, { title: "Charged twice for May", at: tick() });
    const escalated = escalateThread(db, moderator, thread.id, "Please check the payment provider's logs.");
    expect(escalated.ok).toBe(true);
    const before = receiver.received.length;
    await deliverDueWebhooks(db, later(1_000));
    const [request] = receiver.received.slice(before);
    expect(request!.headers["x-entraide-event"]).toBe("escalation.opened");
    expect(verifyWebhookSignature(secret, { timestamp: request!.headers["x-entraide-timestamp"] as string, body: request!.body, signature: request!.headers["x-entraide-signature"] as string })).toBe(true);
    // An escalation is for staff: its note is in the envelope.
    expect(request!.json.data).toMatchObject({ threadId: thread.id, threadTitle: "Charged twice for May", note: "Please check the payment provider's logs.", status: "open", openedBy: { username: "mod_morgan" } });

    // Unset: disabled (kept with its log); set again: back on.
    ensureEnvWebhook(db, {});
    expect(db.select().from(webhooks).where(eq(webhooks.id, env.id)).get()!.disabledReason).toBe("webhooks.disabledReason.envRemoved");
    expect(ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: receiver.url, SUPPORT_WEBHOOK_SECRET: secret })!.disabledAt).toBeNull();
    // Its address, secret and events are the environment's: admins cannot edit or delete it.
    expect(() => ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: receiver.url })).toThrow(/SUPPORT_WEBHOOK_SECRET/);
    setWebhookEnabled(db, admin, env.id, false);
    updateAllowPrivateWebhookAddresses(db, admin, true);
  });
});

describe("the envelope's language and links", () => {
  test("a visitor's view in the site's default language, links on PUBLIC_URL", async () => {
    writeSiteSettings(db, { defaultLanguage: "fr" });
    try {
      expect(envelopeViewer(db, false)).toEqual({ user: null, language: "fr", origin: ORIGIN });
      expect(envelopeViewer(db, true).user).toMatchObject({ role: "admin" });
    } finally {
      writeSiteSettings(db, { defaultLanguage: "en" });
    }
  });
});
