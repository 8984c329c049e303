import { eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { settings } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { DEFAULT_SETTINGS, type SiteSettings } from "../../utils/site-defaults";
import { memoByPageVersion } from "./page-version.server";

export { DEFAULT_SETTINGS, type SiteSettings } from "../../utils/site-defaults";

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SiteSettings)[];

export function getSiteSettings(db: DbOrTx): SiteSettings {
  return memoByPageVersion(db, "siteSettings", () => {
    const rows = db.select().from(settings).where(inArray(settings.key, KEYS)).all();
    const result = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      (result as Record<string, unknown>)[row.key] = JSON.parse(row.value);
    }
    return result;
  });
}

/** Used by the seed (no actor) and by the admin settings page (through updateSiteSettings). */
export function writeSiteSettings(db: DbOrTx, values: Record<string, unknown>) {
  for (const [key, value] of Object.entries(values)) {
    db.insert(settings)
      .values({ key, value: JSON.stringify(value) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value) } })
      .run();
  }
}

/** Changes some of the site's settings (the others stay), audit-logged. */
export function updateSiteSettings(db: Db, actor: Actor, changes: Partial<SiteSettings>) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getSiteSettings(db);
    const after = { ...before, ...changes };
    writeSiteSettings(tx, after);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "settings.update",
      targetType: "settings",
      details: { before, after },
    });
  });
}

/** When readers' "No" sends a knowledge-base article to review. */
export type KbReviewRule = { minNo: number; noPercent: number };
export const DEFAULT_KB_REVIEW_RULE: KbReviewRule = { minNo: 3, noPercent: 30 };
const KB_REVIEW_KEY = "kbReviewRule";

export function getKbReviewRule(db: DbOrTx): KbReviewRule {
  const row = db.select().from(settings).where(eq(settings.key, KB_REVIEW_KEY)).get();
  return row ? { ...DEFAULT_KB_REVIEW_RULE, ...(JSON.parse(row.value) as Partial<KbReviewRule>) } : DEFAULT_KB_REVIEW_RULE;
}

export function updateKbReviewRule(db: Db, actor: Actor, rule: KbReviewRule) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getKbReviewRule(tx);
    writeSiteSettings(tx, { [KB_REVIEW_KEY]: rule });
    recordAudit(tx, { actorId: actor!.id, action: "settings.kb_review", targetType: "settings", details: { before, after: rule } });
  });
}

/** Days after a thread's first answer before its asker is asked "Did this solve your problem?". */
export const DEFAULT_FOLLOW_UP_DAYS = 3;
const FOLLOW_UP_DAYS_KEY = "followUpDays";

// Read by every answer (it schedules the follow-up).
const followUpDaysRow = preparedQuery((db) => db.select().from(settings).where(eq(settings.key, FOLLOW_UP_DAYS_KEY)).prepare());

export function getFollowUpDays(db: DbOrTx): number {
  const row = followUpDaysRow(db).get();
  const days = row ? Number(JSON.parse(row.value)) : DEFAULT_FOLLOW_UP_DAYS;
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_FOLLOW_UP_DAYS;
}

/** Applies to threads whose first answer comes after the change (the due date is set then). */
export function updateFollowUpDays(db: Db, actor: Actor, days: number) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getFollowUpDays(tx);
    writeSiteSettings(tx, { [FOLLOW_UP_DAYS_KEY]: days });
    recordAudit(tx, { actorId: actor!.id, action: "settings.follow_up", targetType: "settings", details: { before, after: days } });
  });
}

/** Hours before an unanswered question is marked "needs attention" on the moderators' dashboard. */
export const DEFAULT_NEEDS_ATTENTION_HOURS = 24;
const NEEDS_ATTENTION_KEY = "needsAttentionHours";

export function getNeedsAttentionHours(db: DbOrTx): number {
  const row = db.select().from(settings).where(eq(settings.key, NEEDS_ATTENTION_KEY)).get();
  const hours = row ? Number(JSON.parse(row.value)) : DEFAULT_NEEDS_ATTENTION_HOURS;
  return Number.isInteger(hours) && hours >= 1 ? hours : DEFAULT_NEEDS_ATTENTION_HOURS;
}

export function updateNeedsAttentionHours(db: Db, actor: Actor, hours: number) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getNeedsAttentionHours(tx);
    writeSiteSettings(tx, { [NEEDS_ATTENTION_KEY]: hours });
    recordAudit(tx, { actorId: actor!.id, action: "settings.needs_attention", targetType: "settings", details: { before, after: hours } });
  });
}

/**
 * Whether webhooks may be delivered to loopback, private, link-local or other
 * non-public addresses (off by default: an address inside the network is a
 * way in for whoever can set a webhook). Tests and an intranet receiver turn it on.
 */
const ALLOW_PRIVATE_WEBHOOKS_KEY = "allowPrivateWebhookAddresses";

export function getAllowPrivateWebhookAddresses(db: DbOrTx): boolean {
  const row = db.select().from(settings).where(eq(settings.key, ALLOW_PRIVATE_WEBHOOKS_KEY)).get();
  return row ? JSON.parse(row.value) === true : false;
}

export function updateAllowPrivateWebhookAddresses(db: Db, actor: Actor, allow: boolean) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getAllowPrivateWebhookAddresses(tx);
    writeSiteSettings(tx, { [ALLOW_PRIVATE_WEBHOOKS_KEY]: allow });
    recordAudit(tx, { actorId: actor!.id, action: "settings.update", targetType: "settings", details: { allowPrivateWebhookAddresses: { before, after: allow } } });
  });
}

/**
 * The week whose rising-topics email to staff was last written (the date,
 * YYYY-MM-DD, of the Monday it ended on): the weekly job writes each week's once.
 */
const RISING_TOPICS_EMAIL_WEEK_KEY = "risingTopicsEmailWeek";

export function getRisingTopicsEmailWeek(db: DbOrTx): string | null {
  const row = db.select().from(settings).where(eq(settings.key, RISING_TOPICS_EMAIL_WEEK_KEY)).get();
  const value: unknown = row ? JSON.parse(row.value) : null;
  return typeof value === "string" ? value : null;
}

/** Call it in the transaction that writes the week's emails. */
export function setRisingTopicsEmailWeek(tx: DbOrTx, week: string) {
  writeSiteSettings(tx, { [RISING_TOPICS_EMAIL_WEEK_KEY]: week });
}
