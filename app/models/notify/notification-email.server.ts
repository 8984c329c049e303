// Emails for notifications, written to the outbox (app/models/notify/outbox.server.ts).
//
// `emailedAt` on a notification means email is settled for it: it went out
// on its own (immediate), in a digest, or none was owed (the recipient had
// email off when it happened, or it was no longer visible when the digest was
// written). So turning email on later never sends a backlog, and the digest
// only ever looks at rows still waiting.
//
// - immediate: one email per notification, queued in the transaction of the
//   notification itself (notify() calls queueNotificationEmails).
// - daily: the worker's "email-digests" job (sendDailyDigests) writes one
//   email listing everything waiting, once the oldest waiting notification is
//   24 hours old; so digests are at least 24 hours apart, and nothing waits
//   much longer than a day.
// - off: nothing is sent; the notification is settled at once.
//
// A member whose address is not confirmed yet (users.email_verified_at null)
// is treated as "off": nothing is emailed to an address nobody vouched for,
// and confirming it later sends no backlog.
//
// An email is composed when it is queued, in its recipient's language (the
// one they chose, else the site's default), from notificationViews: a hidden or
// deleted post, a thread whose question is hidden (but to its asker and
// staff), or an early-access title, never reaches an email.
import { and, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { notifications, settings, users, type EmailFrequency } from "../../../db/schema";
import { readConfig } from "../../config.server";
import { describeNotification, type NotificationView } from "../../utils/notification-text";
import { localRankName } from "../../utils/brand-words";
import { getRewardRules } from "../reputation/reward-rules.server";
import { appSecret } from "../site/app-secret.server";
import { unsubscribeToken } from "./notification-settings.server";
import { notificationViews } from "./notification-views.server";
import { queueOutboxMessages, type NewOutboxMessage } from "./outbox.server";
import { DEFAULT_SETTINGS } from "../site/settings.server";
import type { TFunction } from "i18next";
import { serverT } from "../../i18n/i18n.server";
import { isLanguage, type Language } from "../../i18n/languages";

/** How long the oldest waiting notification waits before a digest is written. */
export const DIGEST_DELAY_MS = 24 * 60 * 60_000;
/** A digest lists at most this many notifications, then points at /notifications. */
export const DIGEST_MAX_ITEMS = 50;
const DIGESTS_PER_TRANSACTION = 200;
/** Ids per IN (...) list: far below SQLite's 32,766 bound values. */
const IDS_PER_QUERY = 5_000;

/**
 * The site's public origin for links in emails: PUBLIC_URL, or
 * http://localhost:PORT when it is not set (a development machine).
 */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const config = readConfig(env);
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : `http://localhost:${config.PORT || 3000}`;
}

function chunks<T>(items: T[], size = IDS_PER_QUERY): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function viewsOf(tx: DbOrTx, ids: number[]) {
  // Each view is judged with its recipient's sight (notification-views.server.ts):
  // a thread whose question a moderator hid is its asker's and staff's alone, so
  // its title never goes out by email to anyone else. An email can't be taken back.
  return chunks(ids).flatMap((part) => notificationViews(tx, part));
}

function settle(tx: DbOrTx, ids: number[], now: Date) {
  for (const part of chunks(ids)) tx.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, part)).run();
}

/** The brand's name (read here with a transaction's handle; the site settings keep the same row). */
function brandName(tx: DbOrTx): string {
  const row = tx.select().from(settings).where(eq(settings.key, "brandName")).get();
  return row ? (JSON.parse(row.value) as string) : DEFAULT_SETTINGS.brandName;
}

/** What every email needs to know about where it comes from. */
type EmailContext = { origin: string; brand: string; secret: string; defaultLanguage: Language; tx: DbOrTx };

/** `language`: the one they chose (users.language), null to follow the site's default. */
type Recipient = { id: number; email: string; displayName: string; language: Language | null };

/** The site's default language (read with the transaction's handle, as brandName is). */
function siteDefaultLanguage(tx: DbOrTx): Language {
  const row = tx.select().from(settings).where(eq(settings.key, "defaultLanguage")).get();
  const value: unknown = row ? JSON.parse(row.value) : null;
  return isLanguage(value) ? value : DEFAULT_SETTINGS.defaultLanguage;
}

/**
 * The words of an email to `to`: in the language they chose, else the site's
 * default (as recipientLanguage decides for every email), never the language
 * of whoever caused it.
 */
function recipientT(context: EmailContext, to: Recipient): TFunction {
  return serverT(to.language ?? context.defaultLanguage);
}

/** A rank's name as the recipient reads it (the admins' name in their language, else the default). */
function recipientRankName(context: EmailContext, to: Recipient) {
  const ranks = getRewardRules(context.tx).ranks;
  return (name: string) => localRankName(ranks, name, to.language ?? context.defaultLanguage);
}

/** A notification's sentence as a line of an email: ending with a full stop unless it ends with its own mark. */
function asSentence(t: TFunction, text: string) {
  return /[.!?…]$/.test(text) ? text : t("forumServer.email.sentence", { text });
}

/** A header line: one line, not too long. */
function oneLine(text: string, max = 150) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * An email to one user, ending with the link to their settings and their
 * one-click unsubscribe link (also given as List-Unsubscribe headers, RFC 8058).
 */
function email(context: EmailContext, to: Recipient, subject: string, lines: string[], notificationIds: number[]): NewOutboxMessage {
  const t = recipientT(context, to);
  const unsubscribeUrl = `${context.origin}/unsubscribe?token=${unsubscribeToken(context.tx, to.id, context.secret)}`;
  const body = [
    t("forumServer.email.hello", { name: to.displayName }),
    "",
    ...lines,
    "",
    "-- ",
    t("forumServer.email.why", { brand: context.brand }),
    t("forumServer.email.change", { url: `${context.origin}/settings#email-notifications` }),
    t("forumServer.email.stop", { url: unsubscribeUrl }),
  ].join("\n");
  return {
    kind: "email",
    userId: to.id,
    toAddress: to.email,
    subject: oneLine(subject),
    body,
    payload: {
      fromName: t("forumServer.email.fromName", { brand: context.brand }),
      headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      notificationIds,
    },
  };
}

function immediateEmail(context: EmailContext, to: Recipient, view: NotificationView): NewOutboxMessage {
  const t = recipientT(context, to);
  const { text, path } = describeNotification(view, context.brand, t, recipientRankName(context, to));
  return email(context, to, text, [asSentence(t, text), "", t("forumServer.email.readIt", { url: `${context.origin}${path}` })], [view.id]);
}

function digestEmail(context: EmailContext, to: Recipient, views: NotificationView[]): NewOutboxMessage {
  const t = recipientT(context, to);
  const shown = views.slice(0, DIGEST_MAX_ITEMS);
  const rankName = recipientRankName(context, to);
  const items = shown.flatMap((view) => {
    const { text, path } = describeNotification(view, context.brand, t, rankName);
    return [`- ${text}`, `  ${context.origin}${path}`];
  });
  const more = views.length - shown.length;
  const all = `${context.origin}/notifications`;
  const subject = t("forumServer.email.digestSubject", { brand: context.brand, count: views.length });
  return email(
    context,
    to,
    subject,
    [
      t("forumServer.email.digestIntro", { brand: context.brand }),
      "",
      ...items,
      "",
      more > 0 ? t("forumServer.email.digestMore", { more, url: all }) : t("forumServer.email.digestAll", { url: all }),
    ],
    views.map((v) => v.id),
  );
}

function emailContext(tx: DbOrTx): EmailContext {
  return { origin: siteUrl(), brand: brandName(tx), secret: appSecret(tx), defaultLanguage: siteDefaultLanguage(tx), tx };
}

/**
 * Called by notify() inside its transaction: queues one email per
 * notification for the recipients who want them at once, and settles the
 * notifications of those who want none.
 */
export function queueNotificationEmails(tx: DbOrTx, notificationIds: number[], now: Date) {
  if (!notificationIds.length) return;
  const rows = chunks(notificationIds).flatMap((part) =>
    tx
      .select({
        id: notifications.id,
        // An unconfirmed address counts as "off" (see the top of the file).
        preference: sql<EmailFrequency>`case when ${users.emailVerifiedAt} is null then 'off' else ${users.emailNotifications} end`,
        userId: users.id,
        email: users.email,
        displayName: users.displayName,
        language: users.language,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(inArray(notifications.id, part))
      .all(),
  );
  settle(tx, rows.filter((r) => r.preference === "off").map((r) => r.id), now);
  const immediate = rows.filter((r) => r.preference === "immediate");
  if (!immediate.length) return;
  const recipients = new Map(immediate.map((r) => [r.userId, { id: r.userId, email: r.email, displayName: r.displayName, language: r.language }]));
  const context = emailContext(tx);
  const views = viewsOf(tx, immediate.map((r) => r.id));
  const byId = new Map(views.map((v) => [v.id, v]));
  const emails = immediate.flatMap((r) => {
    const view = byId.get(r.id);
    return view ? [immediateEmail(context, recipients.get(r.userId)!, view)] : [];
  });
  queueOutboxMessages(tx, emails, now);
  settle(tx, immediate.map((r) => r.id), now);
}

/**
 * The worker's "email-digests" job: one digest per user whose oldest waiting
 * notification is at least DIGEST_DELAY_MS old (users with email off never
 * have any waiting). Users who switched from daily to immediate get what was
 * still waiting in a last digest. Returns how many digests were written.
 */
export function sendDailyDigests(db: Db, now = new Date()): number {
  const cutoff = now.getTime() - DIGEST_DELAY_MS;
  let written = 0;
  // In batches, so a large community never holds the database for long.
  for (;;) {
    const batch = db.transaction((tx) => {
      const due = tx
        .select({ userId: notifications.userId })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(isNull(notifications.emailedAt), ne(users.emailNotifications, "off"), isNotNull(users.emailVerifiedAt)))
        .groupBy(notifications.userId)
        .having(sql`min(${notifications.createdAt}) <= ${cutoff}`)
        .limit(DIGESTS_PER_TRANSACTION)
        .all()
        .map((r) => r.userId);
      if (!due.length) return { users: 0, digests: 0 };
      const recipients = tx
        .select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language })
        .from(users)
        .where(inArray(users.id, due))
        .all();
      const waiting = tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(isNull(notifications.emailedAt), inArray(notifications.userId, due)))
        .all()
        .map((r) => r.id);
      const byUser = new Map<number, NotificationView[]>();
      for (const view of viewsOf(tx, waiting)) {
        const list = byUser.get(view.userId) ?? [];
        list.push(view);
        byUser.set(view.userId, list);
      }
      const context = emailContext(tx);
      const emails = recipients.flatMap((to) => {
        const views = byUser.get(to.id);
        return views?.length ? [digestEmail(context, to, views)] : [];
      });
      queueOutboxMessages(tx, emails, now);
      // Everything looked at is settled, including what was no longer visible.
      settle(tx, waiting, now);
      return { users: due.length, digests: emails.length };
    });
    written += batch.digests;
    if (batch.users < DIGESTS_PER_TRANSACTION) return written;
  }
}
