// Escalations against a real migrated database, through the model and the
// routes: a moderator escalates a thread with a note (a row, a webhook event
// for the support team's integration — SUPPORT_WEBHOOK_URL's webhook — an
// audit entry, a notice on the thread page whose note only staff see), one
// open escalation per thread, closing with a resolution (another event), and
// everyone else refused with nothing changed.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { closeEscalation, escalateThread, listEscalations, openEscalationFor } from "../../../app/models/moderation/escalation.server";
import { deliverDueMessages, queueOutboxMessages, type OutboxMessage } from "../../../app/models/notify/outbox.server";
import { deliverDueWebhooks, verifyWebhookSignature } from "../../../app/models/notify/webhook-delivery.server";
import { buildEnvelope, isPendingEnvelope } from "../../../app/models/notify/webhook-envelope.server";
import { ensureEnvWebhook } from "../../../app/models/notify/webhooks.server";
import { startWebhookReceiver, type WebhookReceiver } from "../notify/webhook-receiver";
import { action as escalationsAction, loader as escalationsLoader } from "../../../app/routes/mod.escalations";
import { loader as threadLoader } from "../../../app/routes/t.$id.($slug)";
import { auditEvents, escalations, outboxMessages, webhookDeliveries } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

let clock = Date.now() - 10 * 24 * 60 * 60_000;
const tick = () => new Date((clock += 5 * 60_000));

let asker: User;
let helper: User;
let mod: User;
let otherMod: User;
let support: WebhookReceiver;
const SUPPORT_SECRET = "a-secret-the-support-team-shares-0123";

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", "https://community.example.com");
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createEstablishedMember(db);
  helper = await createEstablishedMember(db);
  mod = await createEstablishedMember(db, { role: "moderator", displayName: "Morgan" });
  otherMod = await createEstablishedMember(db, { role: "admin" });
  // The support team's integration: SUPPORT_WEBHOOK_URL, as the server writes it at start.
  support = await startWebhookReceiver();
  ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: support.url, SUPPORT_WEBHOOK_SECRET: SUPPORT_SECRET });
});

afterAll(async () => {
  await support.close();
  vi.unstubAllEnvs();
});

function newThread(title = "I was charged twice for my May invoice") {
  const thread = createTestThread(db, asker, { title, body: "Two identical charges of 39.90 on May 3rd. Support chat closed.", at: tick() });
  createTestAnswer(db, helper, thread.id, "Same here, the billing team refunded me after a week.", tick());
  return thread;
}

/** The escalation events written for the support team's webhook, each with its envelope as it will be sent. */
function escalationEvents() {
  return db
    .select()
    .from(webhookDeliveries)
    .where(like(webhookDeliveries.event, "escalation.%"))
    .orderBy(webhookDeliveries.id)
    .all()
    .map((delivery) => {
      const body = JSON.parse(delivery.body) as unknown;
      const envelope = isPendingEnvelope(body) ? JSON.parse(buildEnvelope(db, body)!) : body;
      return { ...delivery, envelope: envelope as { id: string; event: string; occurredAt: string; data: Record<string, any> } };
    });
}

function postEscalations(fields: Record<string, string>, userId: number | null) {
  return settle(() => escalationsAction({ request: formRequest("/mod/escalations", fields), params: {}, context: contextFor(db, userId) }));
}

async function pageJson(thread: { id: number; slug: string }, userId: number | null) {
  const response = await settle(() =>
    threadLoader({
      request: getRequest(`/t/${thread.id}/${thread.slug}`),
      params: { id: String(thread.id), slug: thread.slug },
      context: contextFor(db, userId),
    }),
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  return { body: JSON.parse(text), text };
}

describe("escalating a thread", () => {
  test("a moderator's escalation: the row, the outbox event, the audit entry, then back to the thread", async () => {
    const thread = newThread();
    const before = (await pageJson(thread, mod.id)).body;
    expect(before.escalation).toBeNull();
    expect(before.canEscalate).toBe(true);

    const note = "Customer double-charged; please check the payment provider's logs.";
    const response = await postEscalations({ intent: "escalate", threadId: String(thread.id), note: `  ${note} ` }, mod.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#escalation`);

    const rows = db.select().from(escalations).where(eq(escalations.threadId, thread.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ openedById: mod.id, note, status: "open", resolution: "", closedAt: null, closedById: null });

    const events = escalationEvents().filter((m) => m.envelope.data.threadId === thread.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.status).toBe("pending");
    expect(events[0]!.envelope).toEqual({
      id: events[0]!.eventId,
      event: "escalation.opened",
      occurredAt: rows[0]!.createdAt.toISOString(),
      data: {
        id: rows[0]!.id,
        threadId: thread.id,
        threadTitle: "I was charged twice for my May invoice",
        threadUrl: `https://community.example.com/t/${thread.id}/${thread.slug}`,
        openedBy: { id: mod.id, username: mod.username, displayName: "Morgan", url: `https://community.example.com/u/${mod.username}`, bot: false },
        note,
        status: "open",
        resolution: "",
        createdAt: rows[0]!.createdAt.toISOString(),
        closedAt: null,
        closedBy: null,
      },
    });

    const audit = db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "thread.escalate"), eq(auditEvents.targetId, thread.id)))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: mod.id, targetType: "thread", reason: note });
  });

  test("the notice: everyone sees that support is looking into it and since when; only staff see the note", async () => {
    const thread = newThread("My SIM stopped working after the porting");
    const note = "Porting stuck at the carrier: internal ticket PORT-4411.";
    const result = escalateThread(db, mod, thread.id, note);
    expect(result.ok).toBe(true);
    const since = result.ok ? result.escalation.createdAt.toISOString() : "";

    for (const viewer of [asker.id, helper.id, null]) {
      const { body, text } = await pageJson(thread, viewer);
      expect(body.escalation).toEqual({ createdAt: since });
      expect(body.canEscalate).toBe(false);
      // The note never reaches a member or a visitor, not even in the page's data.
      expect(text).not.toContain("PORT-4411");
    }
    const staff = (await pageJson(thread, otherMod.id)).body;
    expect(staff.escalation).toEqual({ createdAt: since, note, openedByName: "Morgan" });
    expect(openEscalationFor(db, null, thread.id)).toEqual({ createdAt: new Date(since) });
  });

  test("a second escalation of the same thread is refused with a message, and nothing changes", async () => {
    const thread = newThread("Roaming charges in Spain although roaming is included");
    expect(escalateThread(db, mod, thread.id, "First look, please.").ok).toBe(true);

    const before = snapshot(db);
    const again = escalateThread(db, otherMod, thread.id, "Another note.");
    expect(again).toEqual({
      ok: false,
      errors: { form: "This thread is already escalated to the support team. Close that escalation before opening another." },
    });
    const response = await postEscalations({ intent: "escalate", threadId: String(thread.id), note: "Another note, via the form." }, otherMod.id);
    expect(response.status).toBe(409);
    const body = await bodyOf(response);
    expect(body.errors.form).toMatch(/already escalated/);
    expect(body.values.note).toBe("Another note, via the form.");
    expect(snapshot(db)).toBe(before);
  });

  test("the note is required: the message is beside the field, the text is kept, nothing is written", async () => {
    const thread = newThread("Invoice shows a device I never bought");
    const before = snapshot(db);
    const empty = await postEscalations({ intent: "escalate", threadId: String(thread.id), note: "   " }, mod.id);
    expect(empty.status).toBe(400);
    expect((await bodyOf(empty)).errors.note).toBe("Write a note for the support team: what should they look at?");
    const long = "x".repeat(2001);
    const tooLong = await postEscalations({ intent: "escalate", threadId: String(thread.id), note: long }, mod.id);
    expect(tooLong.status).toBe(400);
    const body = await bodyOf(tooLong);
    expect(body.errors.note).toBe("A note has at most 2,000 characters.");
    expect(body.values.note).toBe(long);
    expect(escalateThread(db, mod, thread.id, "  ")).toEqual({ ok: false, errors: { note: "Write a note for the support team: what should they look at?" } });
    expect(snapshot(db)).toBe(before);
  });

  test("members and visitors are refused, by the model and by a forged form, and nothing changes", async () => {
    const thread = newThread("Fibre speed dropped to 10 Mbit/s");
    expectRefused(db, () => escalateThread(db, asker, thread.id, "Please look at this."), 403);
    expectRefused(db, () => escalateThread(db, helper, thread.id, "Please look at this."), 403);
    expectRefused(db, () => escalateThread(db, null, thread.id, "Please look at this."), 401);

    const before = snapshot(db);
    for (const userId of [asker.id, helper.id]) {
      expect((await postEscalations({ intent: "escalate", threadId: String(thread.id), note: "Forged." }, userId)).status).toBe(403);
      // Refused before the form is even read: no validation message gives anything away.
      expect((await postEscalations({ intent: "escalate", threadId: String(thread.id), note: "" }, userId)).status).toBe(403);
    }
    const visitor = await postEscalations({ intent: "escalate", threadId: String(thread.id), note: "Forged." }, null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect(snapshot(db)).toBe(before);
    expect((await pageJson(thread, asker.id)).body.escalation).toBeNull();
  });
});

describe("closing an escalation", () => {
  test("the queue lists open escalations oldest first, with their thread, note, who and when", async () => {
    const response = await settle(() => escalationsLoader({ request: getRequest("/mod/escalations"), params: {}, context: contextFor(db, mod.id) }));
    expect(response.status).toBe(200);
    const { open } = await bodyOf(response);
    expect(open.length).toBeGreaterThanOrEqual(3);
    const times = open.map((e: { createdAt: string }) => e.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(open[0]).toMatchObject({ threadTitle: "I was charged twice for my May invoice", openedByName: "Morgan", status: "open" });
    expect(open[0].note).toMatch(/payment provider/);
  });

  test("a resolution is required (message beside the field, text kept); then it closes, tells the integration and the audit log", async () => {
    const thread = newThread("Wrong name on my contract");
    const opened = escalateThread(db, mod, thread.id, "Name change request lost.");
    if (!opened.ok) throw new Error("not escalated");
    const id = String(opened.escalation.id);

    const before = snapshot(db);
    const missing = await postEscalations({ intent: "close", escalationId: id, resolution: " " }, otherMod.id);
    expect(missing.status).toBe(400);
    const missingBody = await bodyOf(missing);
    expect(missingBody).toMatchObject({ intent: "close", escalationId: opened.escalation.id });
    expect(missingBody.errors.resolution).toBe("Write the resolution: what did the support team find or do?");
    const long = "y".repeat(2001);
    const tooLong = await bodyOf(await postEscalations({ intent: "close", escalationId: id, resolution: long }, otherMod.id));
    expect(tooLong.values.resolution).toBe(long);
    expect(closeEscalation(db, otherMod, opened.escalation.id, "")).toEqual({
      ok: false,
      errors: { resolution: "Write the resolution: what did the support team find or do?" },
    });
    expect(snapshot(db)).toBe(before);

    const closed = await postEscalations({ intent: "close", escalationId: id, resolution: "Contract corrected by the billing team." }, otherMod.id);
    expect(closed.status).toBe(302);
    expect(closed.headers.get("Location")).toBe(`/mod/escalations#closed-${id}`);
    const row = db.select().from(escalations).where(eq(escalations.id, opened.escalation.id)).get()!;
    expect(row).toMatchObject({ status: "closed", resolution: "Contract corrected by the billing team.", closedById: otherMod.id });
    expect(row.closedAt).not.toBeNull();

    const events = escalationEvents().filter((m) => m.envelope.data.threadId === thread.id);
    expect(events.map((m) => m.envelope.event)).toEqual(["escalation.opened", "escalation.closed"]);
    expect(events[1]!.envelope.data).toMatchObject({
      status: "closed",
      note: "Name change request lost.",
      resolution: "Contract corrected by the billing team.",
      closedBy: { username: otherMod.username, displayName: otherMod.displayName },
      closedAt: row.closedAt!.toISOString(),
      threadUrl: `https://community.example.com/t/${thread.id}/${thread.slug}`,
    });
    const audit = db.select().from(auditEvents).where(eq(auditEvents.action, "escalation.close")).all();
    expect(audit.at(-1)).toMatchObject({ actorId: otherMod.id, targetType: "thread", targetId: thread.id, reason: "Contract corrected by the billing team." });

    // The notice is gone; staff may escalate again; it is listed as recently closed.
    const page = (await pageJson(thread, asker.id)).body;
    expect(page.escalation).toBeNull();
    expect((await pageJson(thread, mod.id)).body.canEscalate).toBe(true);
    const { open, closed: recent } = listEscalations(db, mod);
    expect(open.some((e) => e.id === opened.escalation.id)).toBe(false);
    expect(recent[0]).toMatchObject({ id: opened.escalation.id, resolution: "Contract corrected by the billing team.", closedByUsername: otherMod.username });

    // Closing twice is refused with a message.
    const twice = await postEscalations({ intent: "close", escalationId: id, resolution: "Again." }, mod.id);
    expect(twice.status).toBe(409);
    expect((await bodyOf(twice)).errors.form).toBe("This escalation is already closed.");
  });

  test("members and visitors cannot close or read the queue; nothing changes", async () => {
    const thread = newThread("Modem lights blink orange");
    const opened = escalateThread(db, mod, thread.id, "Hardware fault suspected.");
    if (!opened.ok) throw new Error("not escalated");
    expectRefused(db, () => closeEscalation(db, asker, opened.escalation.id, "Fixed."), 403);
    expectRefused(db, () => closeEscalation(db, null, opened.escalation.id, "Fixed."), 401);
    expectRefused(db, () => listEscalations(db, helper), 403);

    const before = snapshot(db);
    const forged = await postEscalations({ intent: "close", escalationId: String(opened.escalation.id), resolution: "Fixed." }, asker.id);
    expect(forged.status).toBe(403);
    const visitor = await postEscalations({ intent: "close", escalationId: String(opened.escalation.id), resolution: "Fixed." }, null);
    expect(visitor.status).toBe(302);
    const queue = await settle(() => escalationsLoader({ request: getRequest("/mod/escalations"), params: {}, context: contextFor(db, helper.id) }));
    expect(queue.status).toBe(403);
    expect(snapshot(db)).toBe(before);
  });
});

describe("the integration", () => {
  test("the worker delivers the escalation events to SUPPORT_WEBHOOK_URL, signed with its secret", async () => {
    const due = escalationEvents().filter((m) => m.status === "pending");
    expect(due.length).toBeGreaterThan(0);
    const report = await deliverDueWebhooks(db, new Date(Date.now() + 60_000));
    expect(report.sent).toBe(due.length);
    expect(support.received).toHaveLength(due.length);
    for (const request of support.received) {
      const { "x-entraide-timestamp": timestamp, "x-entraide-signature": signature } = request.headers as Record<string, string>;
      expect(verifyWebhookSignature(SUPPORT_SECRET, { timestamp, body: request.body, signature })).toBe(true);
    }
    const events = support.received.map((r) => r.json as { event: string; data: { threadTitle: string } });
    expect(events.filter((e) => e.event === "escalation.opened").map((e) => e.data.threadTitle)).toContain("I was charged twice for my May invoice");
    expect(events.some((e) => e.event === "escalation.closed")).toBe(true);
  });

  test("an escalation message queued in the outbox before webhooks existed is still delivered by its transport", async () => {
    queueOutboxMessages(db, [{ kind: "escalation", subject: "Escalated: old", payload: { event: "escalation.opened", threadId: 1, title: "Old" } }]);
    const received: OutboxMessage[] = [];
    const report = await deliverDueMessages(db, { escalation: { send: async (m) => void received.push(m) } }, new Date(Date.now() + 60_000));
    expect(report.sent).toBe(1);
    expect(JSON.parse(received[0]!.payload)).toMatchObject({ event: "escalation.opened", title: "Old" });
    expect(db.select().from(outboxMessages).where(eq(outboxMessages.kind, "escalation")).all().map((m) => m.status)).toEqual(["sent"]);
  });
});
