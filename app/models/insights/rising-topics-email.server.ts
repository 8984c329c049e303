// The weekly email to staff (moderators and admins) listing the week's
// rising topics (rising-topics.server.ts), with links to sample threads and
// to /mod/insights, each in its recipient's language (recipientLanguage).
//
// Weeks end on Monday at 00:00 UTC. The worker's "rising-topics-email" job
// runs every hour; the first run after a week ended writes that week's emails
// (risingTopics as of that Monday, so a late run reports the same week) and
// remembers the week in the settings table (getRisingTopicsEmailWeek), in the
// same transaction: each week is written once, even if the worker restarts.
// A week where nothing rises is remembered too, and sends nothing.
//
// Recipients: staff accounts that are not deleted or bots, with a confirmed
// address and email notifications not turned off (the email's one-click link
// turns them off, as in every notification email).
import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { users } from "../../../db/schema";
import { serverT } from "../../i18n/i18n.server";
import type { Language } from "../../i18n/languages";
import { threadPath } from "../../utils/paths";
import { recipientLanguage } from "../accounts/language.server";
import { siteUrl } from "../notify/notification-email.server";
import { unsubscribeToken } from "../notify/notification-settings.server";
import { queueOutboxMessages, type NewOutboxMessage } from "../notify/outbox.server";
import { appSecret } from "../site/app-secret.server";
import { getRisingTopicsEmailWeek, getSiteSettings, setRisingTopicsEmailWeek } from "../site/settings.server";
import { detectRisingTopics, RISING_MIN_COUNT, RISING_Z, WEEK_MS, type RisingTerm } from "./rising-topics.server";
import { liveAccounts } from "../visibility.server";

/** An email lists at most this many topics, then points at /mod/insights. */
export const EMAIL_MAX_TOPICS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const K = "risingTopics.email";
const RELATED_SHOWN = 8;

/** The end of the last whole week at `now`: the latest Monday, 00:00 UTC, not after it. */
export function risingTopicsWeekEnd(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

type Recipient = { id: number; email: string; displayName: string; language: Language | null };
type EmailContext = { origin: string; brand: string; secret: string; weekStart: Date; weekEnd: Date; tx: DbOrTx };

function dayOf(language: Language, date: Date): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

function topicLines(context: EmailContext, language: Language, rising: RisingTerm, index: number): string[] {
  const t = serverT(language);
  const lines = [
    `${index + 1}. ${t(`${K}.topic`, {
      term: rising.term,
      kind: t(`risingTopics.kind.${rising.kind}`),
      count: rising.count,
      baseline: Math.round(rising.baseline * 10) / 10,
      z: Math.round(rising.z * 10) / 10,
    })}`,
  ];
  if (rising.related.length) lines.push(`   ${t(`${K}.related`, { words: rising.related.slice(0, RELATED_SHOWN).join(", ") })}`);
  for (const thread of rising.sampleThreads) lines.push(`   - ${t(`${K}.thread`, { title: thread.title, url: `${context.origin}${threadPath(thread)}` })}`);
  if (rising.sampleSearches.length) {
    lines.push(`   - ${t(`${K}.searches`, { queries: rising.sampleSearches.map((q) => `“${q}”`).join(", ") })}`);
  }
  return lines;
}

function risingTopicsEmail(context: EmailContext, language: Language, to: Recipient, terms: RisingTerm[]): NewOutboxMessage {
  const t = serverT(language);
  const shown = terms.slice(0, EMAIL_MAX_TOPICS);
  const insights = `${context.origin}/mod/insights`;
  const unsubscribeUrl = `${context.origin}/unsubscribe?token=${unsubscribeToken(context.tx, to.id, context.secret)}`;
  const body = [
    t(`${K}.hello`, { name: to.displayName }),
    "",
    t(`${K}.intro`, { from: dayOf(language, context.weekStart), to: dayOf(language, new Date(context.weekEnd.getTime() - 1)) }),
    "",
    ...shown.flatMap((rising, index) => [...topicLines(context, language, rising, index), ""]),
    terms.length > shown.length ? t(`${K}.more`, { more: terms.length - shown.length, url: insights }) : t(`${K}.all`, { url: insights }),
    "",
    t(`${K}.statistic`, { min: RISING_MIN_COUNT, threshold: RISING_Z }),
    "",
    "-- ",
    t(`${K}.why`, { brand: context.brand }),
    t(`${K}.change`, { url: `${context.origin}/settings#email-notifications` }),
    t(`${K}.stop`, { url: unsubscribeUrl }),
  ].join("\n");
  return {
    kind: "email",
    userId: to.id,
    toAddress: to.email,
    subject: t(`${K}.subject`, { brand: context.brand, count: terms.length, top: terms[0]!.term }),
    body,
    payload: {
      fromName: t(`${K}.fromName`, { brand: context.brand }),
      headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    },
  };
}

function staffRecipients(tx: DbOrTx): Recipient[] {
  return tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, language: users.language })
    .from(users)
    .where(
      and(
        inArray(users.role, ["moderator", "admin"]),
        liveAccounts(),
        eq(users.isBot, false),
        isNotNull(users.emailVerifiedAt),
        ne(users.emailNotifications, "off"),
      ),
    )
    .orderBy(users.id)
    .all();
}

/**
 * The worker's "rising-topics-email" job: writes the last whole week's
 * email to each staff member unless that week's was already written.
 * Returns how many emails were queued.
 */
export function sendRisingTopicsEmails(db: Db, now = new Date()): number {
  const weekEnd = risingTopicsWeekEnd(now);
  const week = weekEnd.toISOString().slice(0, 10);
  return db.transaction((tx) => {
    if (getRisingTopicsEmailWeek(tx) === week) return 0;
    setRisingTopicsEmailWeek(tx, week);
    const { terms } = detectRisingTopics(tx, { now: weekEnd });
    if (!terms.length) return 0;
    const context = { origin: siteUrl(), brand: getSiteSettings(tx).brandName, secret: appSecret(tx), weekStart: new Date(weekEnd.getTime() - WEEK_MS), weekEnd, tx };
    const emails = staffRecipients(tx).map((to) => risingTopicsEmail(context, recipientLanguage(tx, to.language), to, terms));
    queueOutboxMessages(tx, emails, now);
    return emails.length;
  });
}
