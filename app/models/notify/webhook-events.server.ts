// Webhook events, written where they happen: a model verb calls
// emitWebhookEvent inside its own transaction, so an event exists exactly
// when its cause was committed (a refused or rolled-back action leaves none).
//
// It writes one webhook_deliveries row per enabled webhook subscribed to the
// event, all with the same event id. When nobody subscribes, it costs one
// read of the (small) webhooks table and nothing else.
//
// The row holds the event's reference (its id, name, moment and the id of its
// object); the envelope's `data` — the object as the API shows it — is built
// by the worker at the delivery's first attempt (webhook-envelope.server.ts),
// then kept, so retries and redeliveries send the same bytes. It is built
// there, not here, because the API's presenters read through modules that
// call this one (the models), and a writer must not import its readers.
import { randomUUID } from "node:crypto";
import { eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import type { WebhookEvent } from "../../../db/enums";
import { preparedQuery } from "../../../db/prepared";
import { webhookDeliveries, webhooks } from "../../../db/schema";

/**
 * What an event is about: the id of its object (a thread, a post, a user...),
 * for a rank reached the rank's name, and for a known issue routed to a team
 * why it was routed and its "me too" of the last 24 hours then.
 */
export type WebhookSubject = { id: number; rank?: string; reason?: "opened" | "me_too_surge"; meTooToday?: number };

/** A delivery's body until its envelope is built: the event's reference. */
export type PendingEnvelope = { id: string; event: WebhookEvent | "ping"; occurredAt: string; subject: WebhookSubject };

const selectEnabledWebhooks = preparedQuery((db) =>
  db.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(isNull(webhooks.disabledAt)).prepare(),
);

// The events column is a JSON array; the same few values are read on every emit.
const parsedEvents = new Map<string, ReadonlySet<string>>();

export function subscribedEvents(json: string): ReadonlySet<string> {
  let events = parsedEvents.get(json);
  if (!events) {
    try {
      const list = JSON.parse(json) as unknown;
      events = new Set(Array.isArray(list) ? list.filter((e): e is string => typeof e === "string") : []);
    } catch {
      events = new Set();
    }
    if (parsedEvents.size > 500) parsedEvents.clear();
    parsedEvents.set(json, events);
  }
  return events;
}

/**
 * Records that `event` happened to the object `subject` (its id, or
 * { id, rank } for a rank reached): one delivery per enabled webhook that
 * subscribes to it. Call it inside the transaction of the cause. Returns how
 * many deliveries were written.
 */
export function emitWebhookEvent(tx: DbOrTx, event: WebhookEvent, subject: number | WebhookSubject, now = new Date()): number {
  const subscribers = selectEnabledWebhooks(tx)
    .all()
    .filter((webhook) => subscribedEvents(webhook.events).has(event));
  if (!subscribers.length) return 0;
  const pending: PendingEnvelope = { id: randomUUID(), event, occurredAt: now.toISOString(), subject: typeof subject === "number" ? { id: subject } : subject };
  const body = JSON.stringify(pending);
  tx.insert(webhookDeliveries)
    .values(subscribers.map((webhook) => ({ webhookId: webhook.id, eventId: pending.id, event, body, status: "pending" as const, nextAttemptAt: now, createdAt: now })))
    .run();
  return subscribers.length;
}

/**
 * Records `event` for one webhook only (a team's route: its event is for
 * that team alone). Written even while the webhook is off, so that it waits
 * for it like its other pending deliveries. Returns how many deliveries were
 * written (0 when the webhook is gone).
 */
export function emitWebhookEventTo(tx: DbOrTx, webhookId: number, event: WebhookEvent, subject: number | WebhookSubject, now = new Date()): number {
  const webhook = tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId)).get();
  if (!webhook) return 0;
  const pending: PendingEnvelope = { id: randomUUID(), event, occurredAt: now.toISOString(), subject: typeof subject === "number" ? { id: subject } : subject };
  tx.insert(webhookDeliveries)
    .values({ webhookId: webhook.id, eventId: pending.id, event, body: JSON.stringify(pending), status: "pending", nextAttemptAt: now, createdAt: now })
    .run();
  return 1;
}
