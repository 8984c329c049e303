// Webhook subscriptions, for admins (/admin/webhooks): an address, a
// description, the events it wants, and a secret generated here that signs
// every delivery (kept as it is: signing needs it; admins can read it on the
// webhook's page to set up their receiver). Every change is audit-logged.
//
// The support team's webhook from the environment (SUPPORT_WEBHOOK_URL and
// SUPPORT_WEBHOOK_SECRET) is one of them, source "env", subscribed to
// escalation.opened and escalation.closed: ensureEnvWebhook writes it at
// start. Admins may pause it, ping it and redeliver to it; its address,
// secret and events are the environment's.
//
// A team's route by webhook (/admin/teams) is one of them too, source "team",
// subscribed to "known_issue.routed" only and sent only that team's issues:
// admins pause, ping and redeliver to it here, and change or remove it on the
// team's page (the team's verbs call the *TeamWebhook functions below).
import { randomBytes } from "node:crypto";
import ipaddr from "ipaddr.js";
import { and, count, desc, eq, inArray, max } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { TEAM_WEBHOOK_EVENTS, type WebhookEvent } from "../../../db/enums";
import { teams, webhookDeliveries, webhooks } from "../../../db/schema";
import { SUBSCRIBABLE_EVENTS, type WebhookInput } from "../../forms/webhooks";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { getAllowPrivateWebhookAddresses } from "../site/settings.server";
import { readDeliveryConfig } from "./outbox.server";
import { subscribedEvents } from "./webhook-events.server";
import { DISABLED_BY_ADMIN, DISABLED_FAILING } from "./webhook-delivery.server";

export type Webhook = typeof webhooks.$inferSelect;
type Result<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

export const DELIVERIES_PER_PAGE = 30;
export const ENV_WEBHOOK_EVENTS: readonly WebhookEvent[] = ["escalation.opened", "escalation.closed"];
export const DISABLED_ENV_REMOVED = "webhooks.disabledReason.envRemoved";

/** A new webhook's secret: 32 random bytes, hex. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString("hex");
}

/**
 * Whether the address names the machine itself or a non-public network
 * outright (a literal IP address, or localhost): refused when the webhook is
 * saved, unless the admins allow private addresses. A name that resolves to
 * such an address is refused when a delivery connects (webhook-delivery.server.ts).
 */
export function isLiteralPrivateAddress(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const bare = host.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() !== "unicast";
}

function eventsOf(webhook: Pick<Webhook, "events">): WebhookEvent[] {
  const events = subscribedEvents(webhook.events);
  return [...SUBSCRIBABLE_EVENTS, ...TEAM_WEBHOOK_EVENTS].filter((event) => events.has(event));
}

/** The team whose route a webhook is (source "team"), for the webhooks' pages. */
function teamsByWebhook(db: DbOrTx, ids: number[]): Map<number, { id: number; name: string }> {
  if (!ids.length) return new Map();
  const rows = db.select({ id: teams.id, name: teams.name, webhookId: teams.webhookId }).from(teams).where(inArray(teams.webhookId, ids)).all();
  return new Map(rows.map((team) => [team.webhookId!, { id: team.id, name: team.name }]));
}

function findWebhook(db: DbOrTx, id: number): Webhook {
  const webhook = db.select().from(webhooks).where(eq(webhooks.id, id)).get();
  if (!webhook) throw refusedWith(404, "webhooks.notFound");
  return webhook;
}

// ---------------------------------------------------------------- reading

/** The webhooks, newest first, each with its last delivery's status; and whether private addresses are allowed. */
export function listWebhooks(db: Db, actor: Actor) {
  assertCan(actor, "admin.webhooks");
  const rows = db.select().from(webhooks).orderBy(desc(webhooks.createdAt), desc(webhooks.id)).all();
  const ids = rows.map((w) => w.id);
  const lastIds = ids.length
    ? db
        .select({ webhookId: webhookDeliveries.webhookId, id: max(webhookDeliveries.id) })
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.webhookId, ids))
        .groupBy(webhookDeliveries.webhookId)
        .all()
    : [];
  const lastDeliveryIds = lastIds.map((row) => row.id).filter((id): id is number => id !== null);
  const last = lastDeliveryIds.length
    ? db
        .select({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId, event: webhookDeliveries.event, status: webhookDeliveries.status, responseStatus: webhookDeliveries.responseStatus, createdAt: webhookDeliveries.createdAt })
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.id, lastDeliveryIds))
        .all()
    : [];
  const lastByWebhook = new Map(last.map((row) => [row.webhookId, row]));
  const owners = teamsByWebhook(db, rows.filter((w) => w.source === "team").map((w) => w.id));
  return {
    webhooks: rows.map((webhook) => ({
      id: webhook.id,
      url: webhook.url,
      description: webhook.description,
      events: eventsOf(webhook),
      source: webhook.source,
      disabledAt: webhook.disabledAt,
      disabledReason: webhook.disabledReason,
      consecutiveFailures: webhook.consecutiveFailures,
      createdAt: webhook.createdAt,
      lastDelivery: lastByWebhook.get(webhook.id) ?? null,
      team: owners.get(webhook.id) ?? null,
    })),
    allowPrivateAddresses: getAllowPrivateWebhookAddresses(db),
  };
}

/** One webhook (with its secret) and a page of its delivery log, newest first. */
export function getWebhookWithLog(db: Db, actor: Actor, id: number, page = 1) {
  assertCan(actor, "admin.webhooks");
  const webhook = findWebhook(db, id);
  const total = db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / DELIVERIES_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const deliveries = db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      responseStatus: webhookDeliveries.responseStatus,
      durationMs: webhookDeliveries.durationMs,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_PER_PAGE)
    .offset((current - 1) * DELIVERIES_PER_PAGE)
    .all();
  const team = webhook.source === "team" ? (teamsByWebhook(db, [webhook.id]).get(webhook.id) ?? null) : null;
  return { webhook: { ...webhook, events: eventsOf(webhook), team }, deliveries, total, page: current, pageCount };
}

// ---------------------------------------------------------------- writing

/** Whether saving a webhook to `url` is refused: a private address while the admins' setting does not allow them. */
export function refusesPrivateAddress(db: DbOrTx, url: string): boolean {
  return isLiteralPrivateAddress(url) && !getAllowPrivateWebhookAddresses(db);
}

function addressErrors(db: Db, actor: Actor, url: string): FieldErrors | null {
  if (refusesPrivateAddress(db, url)) return { url: actorT(actor)("webhooks.form.urlPrivate") };
  return null;
}

/** Subscribes an address to events, with a new secret. */
export function createWebhook(db: Db, actor: Actor, input: WebhookInput, now = new Date()): Result<{ webhook: Webhook }> {
  assertCan(actor, "admin.webhooks");
  const refused = addressErrors(db, actor, input.url);
  if (refused) return { ok: false, errors: refused };
  return db.transaction((tx) => {
    const webhook = tx
      .insert(webhooks)
      .values({ url: input.url, description: input.description, events: JSON.stringify(input.events), secret: newWebhookSecret(), source: "admin", createdById: actor!.id, createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor!.id, action: "webhook.create", targetType: "webhook", targetId: webhook.id, details: { url: input.url, events: input.events }, at: now });
    return { ok: true as const, webhook };
  });
}

/** The environment's webhook is changed in the environment, a team's on the team's page. */
function refuseEnvChange(actor: Actor, webhook: Webhook): { ok: false; errors: FieldErrors } | null {
  if (webhook.source === "env") return { ok: false, errors: { form: actorT(actor)("webhooks.envReadOnly") } };
  if (webhook.source === "team") return { ok: false, errors: { form: actorT(actor)("webhooks.teamReadOnly") } };
  return null;
}

/** Changes a webhook's address, description and events (its secret stays). */
export function editWebhook(db: Db, actor: Actor, id: number, input: WebhookInput, now = new Date()): Result<{ webhook: Webhook }> {
  assertCan(actor, "admin.webhooks");
  const before = findWebhook(db, id);
  const envRefusal = refuseEnvChange(actor, before);
  if (envRefusal) return envRefusal;
  const refused = addressErrors(db, actor, input.url);
  if (refused) return { ok: false, errors: refused };
  return db.transaction((tx) => {
    const webhook = tx
      .update(webhooks)
      .set({ url: input.url, description: input.description, events: JSON.stringify(input.events) })
      .where(eq(webhooks.id, id))
      .returning()
      .get()!;
    recordAudit(tx, {
      actorId: actor!.id,
      action: "webhook.edit",
      targetType: "webhook",
      targetId: id,
      details: { before: { url: before.url, description: before.description, events: eventsOf(before) }, after: { url: input.url, description: input.description, events: input.events } },
      at: now,
    });
    return { ok: true as const, webhook };
  });
}

/** Removes a webhook and its delivery log. */
export function deleteWebhook(db: Db, actor: Actor, id: number, now = new Date()): Result<{ url: string }> {
  assertCan(actor, "admin.webhooks");
  const webhook = findWebhook(db, id);
  const envRefusal = refuseEnvChange(actor, webhook);
  if (envRefusal) return envRefusal;
  db.transaction((tx) => {
    tx.delete(webhooks).where(eq(webhooks.id, id)).run();
    recordAudit(tx, { actorId: actor!.id, action: "webhook.delete", targetType: "webhook", targetId: id, details: { url: webhook.url, events: eventsOf(webhook) }, at: now });
  });
  return { ok: true, url: webhook.url };
}

/**
 * Pauses or resumes a webhook. Enabling clears the count of failures and the
 * reason; its deliveries that waited are sent at the worker's next run.
 */
export function setWebhookEnabled(db: Db, actor: Actor, id: number, enabled: boolean, now = new Date()): Result<{ url: string }> {
  assertCan(actor, "admin.webhooks");
  const webhook = findWebhook(db, id);
  if (enabled === !webhook.disabledAt) return { ok: true, url: webhook.url };
  db.transaction((tx) => {
    tx.update(webhooks)
      .set(enabled ? { disabledAt: null, disabledReason: "", consecutiveFailures: 0 } : { disabledAt: now, disabledReason: DISABLED_BY_ADMIN })
      .where(eq(webhooks.id, id))
      .run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: enabled ? "webhook.enable" : "webhook.disable",
      targetType: "webhook",
      targetId: id,
      details: { url: webhook.url, ...(enabled && webhook.disabledReason ? { was: webhook.disabledReason } : {}) },
      at: now,
    });
  });
  return { ok: true, url: webhook.url };
}

// ---------------------------------------------------------------- the environment's webhook

/**
 * Makes the webhooks table agree with SUPPORT_WEBHOOK_URL and
 * SUPPORT_WEBHOOK_SECRET (read at start; throws, naming the variable, when
 * one is invalid): one webhook of source "env" subscribed to escalations,
 * signing with that secret. A new address enables it again; without the
 * variable it is disabled (kept, with its log).
 */
export function ensureEnvWebhook(db: Db, env: Record<string, string | undefined> = process.env, now = new Date()): Webhook | null {
  const config = readDeliveryConfig(env);
  return db.transaction((tx) => {
    const current = tx.select().from(webhooks).where(eq(webhooks.source, "env")).orderBy(webhooks.id).get();
    if (!config.SUPPORT_WEBHOOK_URL) {
      if (current && !current.disabledAt) {
        tx.update(webhooks).set({ disabledAt: now, disabledReason: DISABLED_ENV_REMOVED }).where(eq(webhooks.id, current.id)).run();
      }
      return null;
    }
    const values = { url: config.SUPPORT_WEBHOOK_URL, secret: config.SUPPORT_WEBHOOK_SECRET!, events: JSON.stringify(ENV_WEBHOOK_EVENTS) };
    if (!current) {
      return tx
        .insert(webhooks)
        .values({ ...values, description: "SUPPORT_WEBHOOK_URL", source: "env", createdAt: now })
        .returning()
        .get();
    }
    const revived = current.url !== values.url || current.disabledReason === DISABLED_ENV_REMOVED;
    return tx
      .update(webhooks)
      .set({ ...values, ...(revived ? { disabledAt: null, disabledReason: "", consecutiveFailures: 0 } : {}) })
      .where(and(eq(webhooks.id, current.id), eq(webhooks.source, "env")))
      .returning()
      .get()!;
  });
}

// ---------------------------------------------------------------- a team's webhook

/**
 * A team's route by webhook, inside the team's transaction (the team's verb
 * checks the permission and the address, and records the audit): subscribed
 * to "known_issue.routed" only, with a new secret the admin is shown once.
 */
export function createTeamWebhook(tx: DbOrTx, input: { url: string; teamName: string; createdById: number; now: Date }): Webhook {
  return tx
    .insert(webhooks)
    .values({ url: input.url, description: input.teamName, events: JSON.stringify(TEAM_WEBHOOK_EVENTS), secret: newWebhookSecret(), source: "team", createdById: input.createdById, createdAt: input.now })
    .returning()
    .get();
}

/** A team's new address or name: the secret and the log stay; a new address turns a webhook disabled for failing on again. */
export function updateTeamWebhook(tx: DbOrTx, id: number, input: { url: string; teamName: string }): void {
  const current = tx.select().from(webhooks).where(and(eq(webhooks.id, id), eq(webhooks.source, "team"))).get();
  if (!current) return;
  const revived = current.url !== input.url && current.disabledReason === DISABLED_FAILING;
  tx.update(webhooks)
    .set({ url: input.url, description: input.teamName, ...(revived ? { disabledAt: null, disabledReason: "", consecutiveFailures: 0 } : {}) })
    .where(eq(webhooks.id, id))
    .run();
}

/** A team's webhook when its route changes or the team is deleted: gone with its log, like any deleted webhook. */
export function deleteTeamWebhook(tx: DbOrTx, id: number): void {
  tx.delete(webhooks).where(and(eq(webhooks.id, id), eq(webhooks.source, "team"))).run();
}
