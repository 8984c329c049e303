// The outbox: what leaves the application as email. Rows are written in the
// transaction of what caused them (queueOutboxMessages); the worker
// (app/worker.server.ts) claims the due ones and hands each to the transport
// for its kind. A kind without a transport (no SMTP_URL) is held: kept,
// readable by admins at /admin/outbox, never dropped.
//
// Escalations now leave as webhook events (app/models/notify/webhook-*.server.ts,
// SUPPORT_WEBHOOK_URL being one webhook among others); the "escalation" kind
// and its transport stay for the messages an older version queued here.
import { createHmac } from "node:crypto";
import { and, count, desc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import nodemailer from "nodemailer";
import { z } from "zod";
import type { Db, DbOrTx } from "../../../db/client";
import { OUTBOX_KINDS, OUTBOX_STATUSES, outboxMessages, users, type OutboxKind, type OutboxStatus } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { recordAudit } from "../moderation/audit.server";

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/** Tries in all; the waits after the 1st, 2nd, 3rd and 4th failures. The 5th failure is final. */
export const MAX_ATTEMPTS = 5;
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
/** A claimed message is not claimed again for this long (a crash mid-send retries after it). */
export const CLAIM_LEASE_MS = 10 * 60_000;
const DELIVERIES_PER_RUN = 50;
const ROWS_PER_INSERT = 500;
const ERROR_MAX = 1000;

// ---------------------------------------------------------------- writing

export type NewOutboxMessage = {
  kind: OutboxKind;
  userId?: number | null;
  toAddress?: string;
  subject?: string;
  body?: string;
  /** For emails: { headers, fromName }; for escalations: the event sent as the webhook's body. */
  payload?: Record<string, unknown>;
};

/** Writes messages to deliver as soon as the worker runs; call it inside the transaction of their cause. */
export function queueOutboxMessages(tx: DbOrTx, messages: NewOutboxMessage[], now = new Date()) {
  const rows = messages.map((m) => ({
    kind: m.kind,
    userId: m.userId ?? null,
    toAddress: m.toAddress ?? "",
    subject: m.subject ?? "",
    body: m.body ?? "",
    payload: JSON.stringify(m.payload ?? {}),
    status: "pending" as const,
    nextAttemptAt: now,
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) tx.insert(outboxMessages).values(rows.slice(i, i + ROWS_PER_INSERT)).run();
}

// ---------------------------------------------------------------- delivering

/** Sends one message or throws (the error's message is kept as the message's lastError). */
export type OutboxTransport = { send(message: OutboxMessage): Promise<void> };
export type OutboxTransports = Partial<Record<OutboxKind, OutboxTransport>>;


/**
 * Claims the pending messages that are due (setting them aside for
 * CLAIM_LEASE_MS, so a second run does not pick them up while they are sent).
 * A pending row with no next attempt (written by hand) counts as due.
 */
export function claimDueMessages(db: Db, now: Date, limit = DELIVERIES_PER_RUN): OutboxMessage[] {
  return db.transaction((tx) => {
    const due = tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.status, "pending"), or(isNull(outboxMessages.nextAttemptAt), lte(outboxMessages.nextAttemptAt, now))))
      .orderBy(outboxMessages.nextAttemptAt, outboxMessages.id)
      .limit(limit)
      .all();
    if (due.length) {
      tx.update(outboxMessages)
        .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
        .where(inArray(outboxMessages.id, due.map((m) => m.id)))
        .run();
    }
    return due;
  });
}

export function markSent(db: Db, message: OutboxMessage, now: Date) {
  db.update(outboxMessages)
    .set({ status: "sent", attempts: message.attempts + 1, sentAt: now, nextAttemptAt: null })
    .where(eq(outboxMessages.id, message.id))
    .run();
}

/** One more failed attempt: retried after the next delay, or failed for good after MAX_ATTEMPTS. */
export function markFailed(db: Db, message: OutboxMessage, error: string, now: Date) {
  const attempts = message.attempts + 1;
  const final = attempts >= MAX_ATTEMPTS;
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1]!;
  db.update(outboxMessages)
    .set({
      status: final ? "failed" : "pending",
      attempts,
      lastError: error.slice(0, ERROR_MAX),
      nextAttemptAt: final ? null : new Date(now.getTime() + delay),
    })
    .where(eq(outboxMessages.id, message.id))
    .run();
}

function holdMessages(db: Db, kind: OutboxKind, ids: number[]) {
  if (!ids.length) return;
  db.update(outboxMessages)
    .set({ status: "held", nextAttemptAt: null, lastError: "" })
    .where(inArray(outboxMessages.id, ids))
    .run();
}

export type DeliveryReport = { sent: number; retrying: number; failed: number; held: number };

/** Delivers what is due: the worker's "deliver-outbox" job. */
export async function deliverDueMessages(db: Db, transports: OutboxTransports, now = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, held: 0 };
  const due = claimDueMessages(db, now);
  for (const kind of OUTBOX_KINDS) {
    if (transports[kind]) continue;
    const ids = due.filter((m) => m.kind === kind).map((m) => m.id);
    holdMessages(db, kind, ids);
    report.held += ids.length;
  }
  for (const message of due) {
    const transport = transports[message.kind];
    if (!transport) continue;
    try {
      await transport.send(message);
      markSent(db, message, now);
      report.sent += 1;
    } catch (error) {
      markFailed(db, message, error instanceof Error ? error.message : String(error), now);
      if (message.attempts + 1 >= MAX_ATTEMPTS) report.failed += 1;
      else report.retrying += 1;
    }
  }
  return report;
}

// ---------------------------------------------------------------- transports

const deliverySchema = z
  .object({
    SMTP_URL: z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
      .optional(),
    EMAIL_FROM: z.string().email().optional(),
    SUPPORT_WEBHOOK_URL: z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
      .optional(),
    SUPPORT_WEBHOOK_SECRET: z.string().min(16, "must have at least 16 characters").optional(),
  })
  .refine((v) => !v.SUPPORT_WEBHOOK_URL || v.SUPPORT_WEBHOOK_SECRET, {
    path: ["SUPPORT_WEBHOOK_SECRET"],
    message: "must be set when SUPPORT_WEBHOOK_URL is (every delivery is signed with it)",
  });

export type DeliveryConfig = z.infer<typeof deliverySchema>;

/** The delivery settings from the environment; throws, naming the variable, when one is invalid. */
export function readDeliveryConfig(env: Record<string, string | undefined> = process.env): DeliveryConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = deliverySchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Which kinds have somewhere to go (for the admins' "Retry now"). */
export function configuredKinds(env: Record<string, string | undefined> = process.env): Record<OutboxKind, boolean> {
  return { email: !!env.SMTP_URL, escalation: !!env.SUPPORT_WEBHOOK_URL };
}

type EmailPayload = { headers?: Record<string, string>; fromName?: string };

/** Emails through an SMTP server (nodemailer), e.g. smtp://user:password@mail.example.com:587. */
export function smtpTransport(smtpUrl: string, fromAddress: string): OutboxTransport {
  const mailer = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      const payload = JSON.parse(message.payload) as EmailPayload;
      await mailer.sendMail({
        from: { name: payload.fromName ?? "Entraide", address: fromAddress },
        to: message.toAddress,
        subject: message.subject,
        text: message.body,
        headers: payload.headers ?? {},
      });
    },
  };
}

export const SIGNATURE_HEADER = "X-Entraide-Signature";

/** The signature a receiver recomputes to trust a delivery: HMAC-SHA256 of the exact body, hex. */
export function webhookSignature(secret: string, body: string) {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * POSTs the message's payload as JSON, signed. Anything but a 2xx answer is
 * a failed attempt. X-Entraide-Delivery stays the same across retries, so the
 * receiver can ignore a repeat.
 */
export function webhookTransport(url: string, secret: string, fetchImpl: typeof fetch = fetch): OutboxTransport {
  return {
    async send(message) {
      const body = message.payload;
      const response = await fetchImpl(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Entraide",
          "X-Entraide-Event": message.kind,
          "X-Entraide-Delivery": String(message.id),
          [SIGNATURE_HEADER]: webhookSignature(secret, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`The webhook answered HTTP ${response.status}.`);
    },
  };
}

/** The transports the environment configures; a kind left out is held. */
export function transportsFromEnv(env: Record<string, string | undefined> = process.env, publicUrl = "http://localhost"): OutboxTransports {
  const config = readDeliveryConfig(env);
  const transports: OutboxTransports = {};
  if (config.SMTP_URL) transports.email = smtpTransport(config.SMTP_URL, config.EMAIL_FROM ?? `no-reply@${new URL(publicUrl).hostname}`);
  if (config.SUPPORT_WEBHOOK_URL) transports.escalation = webhookTransport(config.SUPPORT_WEBHOOK_URL, config.SUPPORT_WEBHOOK_SECRET!);
  return transports;
}

// ---------------------------------------------------------------- reading (admins)

export const OUTBOX_PER_PAGE = 30;

export type OutboxFilter = { status?: OutboxStatus; kind?: OutboxKind; page?: number };

/** The outbox, newest first, with how many messages each status holds. */
export function listOutbox(db: Db, actor: Actor, filter: OutboxFilter = {}) {
  assertCan(actor, "admin.outbox");
  const where = and(
    filter.status ? eq(outboxMessages.status, filter.status) : undefined,
    filter.kind ? eq(outboxMessages.kind, filter.kind) : undefined,
  );
  const total = db.select({ n: count() }).from(outboxMessages).where(where).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PER_PAGE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const messages = db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      status: outboxMessages.status,
      toAddress: outboxMessages.toAddress,
      username: users.username,
      subject: outboxMessages.subject,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      nextAttemptAt: outboxMessages.nextAttemptAt,
    })
    .from(outboxMessages)
    .leftJoin(users, eq(users.id, outboxMessages.userId))
    .where(where)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(OUTBOX_PER_PAGE)
    .offset((page - 1) * OUTBOX_PER_PAGE)
    .all();
  const byStatus = db
    .select({ status: outboxMessages.status, n: count() })
    .from(outboxMessages)
    .where(filter.kind ? eq(outboxMessages.kind, filter.kind) : undefined)
    .groupBy(outboxMessages.status)
    .all();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0])) as Record<OutboxStatus, number>;
  return { messages, total, page, pageCount, counts };
}

/** One message in full (null when there is none). */
export function getOutboxMessage(db: Db, actor: Actor, id: number) {
  assertCan(actor, "admin.outbox");
  return (
    db
      .select({ message: outboxMessages, username: users.username })
      .from(outboxMessages)
      .leftJoin(users, eq(users.id, outboxMessages.userId))
      .where(eq(outboxMessages.id, id))
      .get() ?? null
  );
}

export type RetryResult = { ok: true } | { ok: false; reason: string };

/**
 * "Retry now": puts a failed or held message back in line with a fresh count
 * of attempts, when its kind has somewhere to go (`configured`, from the
 * environment by default); otherwise it would only be held again.
 */
export function retryOutboxMessage(
  db: Db,
  actor: Actor,
  id: number,
  configured: Record<OutboxKind, boolean> = configuredKinds(),
  now = new Date(),
): RetryResult {
  assertCan(actor, "admin.outbox");
  return db.transaction((tx): RetryResult => {
    const message = tx.select({ kind: outboxMessages.kind, status: outboxMessages.status }).from(outboxMessages).where(eq(outboxMessages.id, id)).get();
    const t = actorT(actor);
    if (!message) return { ok: false, reason: t("forumServer.outbox.noSuchMessage") };
    if (message.status !== "failed" && message.status !== "held") return { ok: false, reason: t("forumServer.outbox.notRetryable") };
    if (!configured[message.kind]) {
      return { ok: false, reason: t(message.kind === "email" ? "forumServer.outbox.setUpEmail" : "forumServer.outbox.setUpEscalation") };
    }
    tx.update(outboxMessages).set({ status: "pending", attempts: 0, nextAttemptAt: now }).where(eq(outboxMessages.id, id)).run();
    recordAudit(tx, { actorId: actor!.id, action: "outbox.retry", targetType: "outbox_message", targetId: id, details: { from: message.status } });
    return { ok: true };
  });
}
