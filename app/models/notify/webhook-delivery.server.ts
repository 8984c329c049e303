// Delivering webhooks: the worker's "deliver-webhooks" job, an admin's
// "Redeliver" and "Send a test ping".
//
// Each delivery is POSTed as JSON with these headers:
//   Content-Type: application/json
//   User-Agent: Entraide-Webhooks/1
//   X-Entraide-Event: the event's name (thread.created, ping...)
//   X-Entraide-Delivery: the event's id (the envelope's id): the same on every
//     retry and redelivery, so a receiver can ignore a repeat
//   X-Entraide-Timestamp: when this attempt was signed, in Unix seconds
//   X-Entraide-Signature: sha256=<hex HMAC-SHA256 of `${timestamp}.${body}`,
//     keyed with the webhook's secret>
// A receiver recomputes the signature over the exact bytes it received and
// refuses a timestamp more than SIGNATURE_TOLERANCE_SECONDS (5 minutes) away
// from its clock (the replay window): verifyWebhookSignature does both.
//
// Only a 2xx answer within WEBHOOK_TIMEOUT_MS (10 s) counts as delivered;
// redirects are not followed. A failed attempt is retried after
// WEBHOOK_RETRY_DELAYS_MS (1 min, 5 min, 30 min, 2 h, 8 h), then the delivery
// is failed for good. After DISABLE_AFTER_FAILURES (10) failed attempts in a
// row — no 2xx in between, whatever the deliveries — the webhook is disabled
// with its reason, and every admin is emailed (in their language); its
// pending deliveries wait until an admin enables it again.
//
// Addresses: a delivery to a loopback, private, link-local or otherwise
// non-public address is refused when the connection is made (after the DNS
// lookup, so a name that resolves inside the network — or is rebound to it —
// is caught too), unless the admins' setting allows private addresses. The
// webhook from SUPPORT_WEBHOOK_URL (source "env") is the operator's own
// choice and may always reach a private address.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import type { Db, DbOrTx } from "../../../db/client";
import { users, webhookDeliveries, webhooks } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { translatorFor } from "../../i18n/i18n";
import { refusedWith } from "../../i18n/message";
import { recipientLanguage } from "../accounts/language.server";
import { recordAudit } from "../moderation/audit.server";
import { liveAccounts } from "../visibility.server";
import { getAllowPrivateWebhookAddresses, getSiteSettings } from "../site/settings.server";
import { siteUrl } from "./notification-email.server";
import { queueOutboxMessages, type NewOutboxMessage } from "./outbox.server";
import { buildEnvelope, isPendingEnvelope, type WebhookEnvelope } from "./webhook-envelope.server";
import { subscribedEvents } from "./webhook-events.server";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The waits after the 1st, 2nd... failed attempt; the attempt after the last wait is the last. */
export const WEBHOOK_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000, 8 * 60 * 60_000];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
/** Failed attempts in a row (across deliveries) after which a webhook is disabled. */
export const DISABLE_AFTER_FAILURES = 10;
/** A claimed delivery is not claimed again for this long (a crash mid-send retries after it). */
export const WEBHOOK_CLAIM_LEASE_MS = 5 * 60_000;
/** How far a delivery's timestamp may be from the receiver's clock before it refuses it (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
export const WEBHOOK_USER_AGENT = "Entraide-Webhooks/1";
const DELIVERIES_PER_RUN = 50;
const ERROR_MAX = 1_000;

// Why an attempt failed, when it is ours to say: catalogue keys, put into the admin's words on the log.
export const DELIVERY_ERRORS = {
  status: "webhooks.log.errors.status",
  timeout: "webhooks.log.errors.timeout",
  privateAddress: "webhooks.log.errors.privateAddress",
  gone: "webhooks.log.errors.gone",
} as const;
export const DISABLED_FAILING = "webhooks.disabledReason.failing";
export const DISABLED_BY_ADMIN = "webhooks.disabledReason.byAdmin";

// ---------------------------------------------------------------- signing

/** The signature of one attempt: HMAC-SHA256 of `${timestamp}.${body}` with the webhook's secret, hex, prefixed "sha256=". */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does: the signature matches the exact body and the timestamp is within the replay window. */
export function verifyWebhookSignature(
  secret: string,
  delivery: { timestamp: string | number; body: string; signature: string },
  nowMs = Date.now(),
): boolean {
  const timestamp = Number(delivery.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowMs / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, delivery.body));
  const given = Buffer.from(delivery.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// ---------------------------------------------------------------- sending

export type WebhookRequest = { url: string; headers: Record<string, string>; body: string; allowPrivate: boolean; timeoutMs: number };
/** Sends one request and resolves with the answer's status, or throws (network error, refused address, timeout). */
export type WebhookSender = (request: WebhookRequest) => Promise<{ status: number }>;

const agents = new Map<string, http.Agent>();

/** Agents that check the address they connect to (request-filtering-agent), one per protocol and rule. */
function agentFor(protocol: string, allowPrivate: boolean): http.Agent {
  const key = `${protocol}${allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { allowPrivateIPAddress: allowPrivate, keepAlive: false };
    agent = protocol === "https:" ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
    agents.set(key, agent);
  }
  return agent;
}

/** POSTs with node's http(s) through the address-checking agent; the answer's body is not read. */
export const httpSender: WebhookSender = ({ url, headers, body, allowPrivate, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        agent: agentFor(target.protocol, allowPrivate),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        response.on("error", () => {});
        resolve({ status: response.statusCode ?? 0 });
      },
    );
    request.on("error", reject);
    request.end(body);
  });

/** What an attempt's failure is recorded as: our words as a key, or the network's own message. */
function errorText(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string };
  if (e?.name === "AbortError" || e?.name === "TimeoutError" || e?.code === "ABORT_ERR") return DELIVERY_ERRORS.timeout;
  const message = e?.message ?? String(error);
  if (/is not allowed/.test(message) && /DNS lookup/.test(message)) return DELIVERY_ERRORS.privateAddress;
  return message.slice(0, ERROR_MAX);
}

// ---------------------------------------------------------------- one attempt

type WebhookRow = typeof webhooks.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export type AttemptOutcome = "sent" | "retrying" | "failed" | "dropped";

/**
 * The envelope of a delivery, built at its first attempt (and kept, for every
 * delivery of the same event); null when its object may no longer be shown,
 * and then those deliveries are dropped.
 */
function envelopeOf(db: Db, delivery: DeliveryRow): string | null {
  let reference: unknown;
  try {
    reference = JSON.parse(delivery.body);
  } catch {
    return delivery.body;
  }
  if (!isPendingEnvelope(reference)) return delivery.body;
  return db.transaction((tx) => {
    // Another webhook's delivery of the same event may have been built already.
    const built = tx
      .select({ body: webhookDeliveries.body })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.eventId, delivery.eventId), sql`${webhookDeliveries.body} <> ${delivery.body}`))
      .limit(1)
      .get();
    if (built) {
      tx.update(webhookDeliveries).set({ body: built.body }).where(eq(webhookDeliveries.id, delivery.id)).run();
      return built.body;
    }
    const body = buildEnvelope(tx, reference);
    const sameEvent = and(eq(webhookDeliveries.eventId, delivery.eventId), eq(webhookDeliveries.body, delivery.body));
    if (body === null) {
      tx.update(webhookDeliveries)
        .set({ status: "failed", nextAttemptAt: null, lastError: DELIVERY_ERRORS.gone })
        .where(and(sameEvent, eq(webhookDeliveries.status, "pending")))
        .run();
      return null;
    }
    tx.update(webhookDeliveries).set({ body }).where(sameEvent).run();
    return body;
  });
}

/** Sends one delivery now (already claimed) and records how it went. */
export async function attemptDelivery(
  db: Db,
  delivery: DeliveryRow,
  webhook: WebhookRow,
  now: Date,
  sender: WebhookSender = httpSender,
): Promise<AttemptOutcome> {
  const body = envelopeOf(db, delivery);
  if (body === null) return "dropped";
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": WEBHOOK_USER_AGENT,
    "X-Entraide-Event": delivery.event,
    "X-Entraide-Delivery": delivery.eventId,
    "X-Entraide-Timestamp": String(timestamp),
    "X-Entraide-Signature": signWebhook(webhook.secret, timestamp, body),
  };
  const allowPrivate = webhook.source === "env" || getAllowPrivateWebhookAddresses(db);
  const started = performance.now();
  let status: number | null = null;
  let error = "";
  try {
    status = (await sender({ url: webhook.url, headers, body, allowPrivate, timeoutMs: WEBHOOK_TIMEOUT_MS })).status;
    if (status < 200 || status > 299) error = DELIVERY_ERRORS.status;
  } catch (thrown) {
    error = errorText(thrown);
  }
  const durationMs = Math.round(performance.now() - started);
  return recordAttempt(db, delivery, webhook, { status, durationMs, error }, now);
}

function recordAttempt(db: Db, delivery: DeliveryRow, webhook: WebhookRow, result: { status: number | null; durationMs: number; error: string }, now: Date): AttemptOutcome {
  const attempts = delivery.attempts + 1;
  return db.transaction((tx): AttemptOutcome => {
    if (!result.error) {
      tx.update(webhookDeliveries)
        .set({ status: "sent", attempts, responseStatus: result.status, durationMs: result.durationMs, lastError: "", deliveredAt: now, nextAttemptAt: null })
        .where(eq(webhookDeliveries.id, delivery.id))
        .run();
      tx.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, webhook.id)).run();
      return "sent";
    }
    const final = attempts >= WEBHOOK_MAX_ATTEMPTS;
    const delay = WEBHOOK_RETRY_DELAYS_MS[Math.min(attempts, WEBHOOK_RETRY_DELAYS_MS.length) - 1]!;
    tx.update(webhookDeliveries)
      .set({
        status: final ? "failed" : "pending",
        attempts,
        responseStatus: result.status,
        durationMs: result.durationMs,
        lastError: result.error,
        nextAttemptAt: final ? null : new Date(now.getTime() + delay),
      })
      .where(eq(webhookDeliveries.id, delivery.id))
      .run();
    const counted = tx
      .update(webhooks)
      .set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` })
      .where(eq(webhooks.id, webhook.id))
      .returning({ failures: webhooks.consecutiveFailures, disabledAt: webhooks.disabledAt })
      .get();
    if (counted && !counted.disabledAt && counted.failures >= DISABLE_AFTER_FAILURES) disableFailingWebhook(tx, webhook, now);
    return final ? "failed" : "retrying";
  });
}

/** Disables a webhook that keeps failing and emails every admin, in their language. */
function disableFailingWebhook(tx: DbOrTx, webhook: WebhookRow, now: Date) {
  tx.update(webhooks).set({ disabledAt: now, disabledReason: DISABLED_FAILING }).where(eq(webhooks.id, webhook.id)).run();
  const admins = tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language })
    .from(users)
    .where(and(eq(users.role, "admin"), liveAccounts(), eq(users.isBot, false)))
    .all()
    .filter((admin) => admin.email);
  const brand = getSiteSettings(tx).brandName;
  const link = `${siteUrl()}/admin/webhooks/${webhook.id}`;
  const messages: NewOutboxMessage[] = admins.map((admin) => {
    const t = translatorFor(recipientLanguage(tx, admin.language));
    const values = { url: webhook.url, count: DISABLE_AFTER_FAILURES, brand };
    return {
      kind: "email",
      userId: admin.id,
      toAddress: admin.email,
      subject: t("webhooks.mail.subject", values),
      body: [t("webhooks.mail.greeting", { name: admin.displayName }), "", t("webhooks.mail.intro", values), "", t("webhooks.mail.action"), link, "", "-- ", t("webhooks.mail.signature", values)].join("\n"),
      payload: { fromName: t("webhooks.mail.fromName", values) },
    };
  });
  if (messages.length) queueOutboxMessages(tx, messages, now);
}

// ---------------------------------------------------------------- the worker's job

type Claimed = { delivery: DeliveryRow; webhook: WebhookRow };

/** Claims the due deliveries of enabled webhooks, setting them aside for WEBHOOK_CLAIM_LEASE_MS. */
export function claimDueDeliveries(db: Db, now: Date, limit = DELIVERIES_PER_RUN): Claimed[] {
  return db.transaction((tx) => {
    const due = tx
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, now)),
          isNull(webhooks.disabledAt),
        ),
      )
      .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.id)
      .limit(limit)
      .all();
    if (due.length) {
      tx.update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + WEBHOOK_CLAIM_LEASE_MS) })
        .where(inArray(webhookDeliveries.id, due.map((row) => row.delivery.id)))
        .run();
    }
    return due;
  });
}

export type WebhookDeliveryReport = Record<AttemptOutcome, number>;

/**
 * Delivers what is due: each webhook's deliveries one after another (oldest
 * first), the webhooks side by side. A webhook disabled on the way keeps the
 * rest of its deliveries for when it is enabled again.
 */
export async function deliverDueWebhooks(db: Db, now = new Date(), sender: WebhookSender = httpSender): Promise<WebhookDeliveryReport> {
  const report: WebhookDeliveryReport = { sent: 0, retrying: 0, failed: 0, dropped: 0 };
  const byWebhook = new Map<number, Claimed[]>();
  // Claimed in the order they fell due (the index's); sent in the order they were written.
  const claimedInOrder = claimDueDeliveries(db, now).sort((a, b) => a.delivery.id - b.delivery.id);
  for (const claimed of claimedInOrder) {
    const list = byWebhook.get(claimed.webhook.id) ?? [];
    list.push(claimed);
    byWebhook.set(claimed.webhook.id, list);
  }
  await Promise.all(
    [...byWebhook.values()].map(async (list) => {
      for (const [index, { delivery, webhook }] of list.entries()) {
        const outcome = await attemptDelivery(db, delivery, webhook, now, sender);
        report[outcome] += 1;
        const state = db.select({ disabledAt: webhooks.disabledAt }).from(webhooks).where(eq(webhooks.id, webhook.id)).get();
        if (state && !state.disabledAt) continue;
        // Disabled (or deleted) meanwhile: the others wait, due at once when it is enabled again.
        const rest = list.slice(index + 1).map((c) => c.delivery.id);
        if (rest.length) db.update(webhookDeliveries).set({ nextAttemptAt: now }).where(inArray(webhookDeliveries.id, rest)).run();
        break;
      }
    }),
  );
  return report;
}

// ---------------------------------------------------------------- admins: redeliver, ping

function webhookOrNotFound(db: DbOrTx, id: number): WebhookRow {
  const webhook = db.select().from(webhooks).where(eq(webhooks.id, id)).get();
  if (!webhook) throw refusedWith(404, "webhooks.notFound");
  return webhook;
}

export type SendNowResult = { deliveryId: number; outcome: AttemptOutcome };
/** The moment (the worker's clock in tests) and how to send (node's http by default). */
export type SendOptions = { now?: Date; sender?: WebhookSender };

/** Writes a delivery already claimed (sent at once by the caller), audit-logged. */
function queueForNow(db: Db, actor: Actor, webhook: WebhookRow, row: { eventId: string; event: string; body: string }, action: "webhook.redeliver" | "webhook.ping", now: Date, details: Record<string, unknown>) {
  return db.transaction((tx) => {
    const delivery = tx
      .insert(webhookDeliveries)
      .values({ webhookId: webhook.id, ...row, status: "pending", nextAttemptAt: new Date(now.getTime() + WEBHOOK_CLAIM_LEASE_MS), createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor!.id, action, targetType: "webhook", targetId: webhook.id, details: { deliveryId: delivery.id, ...details }, at: now });
    return delivery;
  });
}

/**
 * "Redeliver": a new delivery of a stored one — the same envelope, the same
 * event id — sent at once (retried like any other if it fails). A disabled
 * webhook may be redelivered to, to try it before enabling it again.
 */
export async function redeliverWebhookDelivery(
  db: Db,
  actor: Actor,
  input: { webhookId: number; deliveryId: number },
  { now = new Date(), sender = httpSender }: SendOptions = {},
): Promise<SendNowResult> {
  assertCan(actor, "admin.webhooks");
  const original = db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.webhookId, input.webhookId)))
    .get();
  if (!original) throw refusedWith(404, "webhooks.log.notFound");
  const webhook = webhookOrNotFound(db, original.webhookId);
  const delivery = queueForNow(db, actor, webhook, { eventId: original.eventId, event: original.event, body: original.body }, "webhook.redeliver", now, { of: original.id, event: original.event });
  return { deliveryId: delivery.id, outcome: await attemptDelivery(db, delivery, webhook, now, sender) };
}

/** "Send a test ping": an event "ping" whose data names the webhook and its events, sent at once. */
export async function sendTestPing(db: Db, actor: Actor, webhookId: number, { now = new Date(), sender = httpSender }: SendOptions = {}): Promise<SendNowResult> {
  assertCan(actor, "admin.webhooks");
  const webhook = webhookOrNotFound(db, webhookId);
  const envelope: WebhookEnvelope = {
    id: randomUUID(),
    event: "ping",
    occurredAt: now.toISOString(),
    data: { webhookId: webhook.id, url: webhook.url, events: [...subscribedEvents(webhook.events)] },
  };
  const delivery = queueForNow(db, actor, webhook, { eventId: envelope.id, event: "ping", body: JSON.stringify(envelope) }, "webhook.ping", now, {});
  return { deliveryId: delivery.id, outcome: await attemptDelivery(db, delivery, webhook, now, sender) };
}
