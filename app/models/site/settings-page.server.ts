// The admins' site settings page (/admin/settings) in one verb: every setting
// its forms edit, as saved. Admins only, checked before anything is read.
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { getAccountRules } from "../accounts/account-rules.server";
import { getFollowUpDays, getKbReviewRule, getNeedsAttentionHours, getSiteSettings } from "./settings.server";

export function settingsPageFor(db: Db, actor: Actor) {
  assertCan(actor, "admin.settings");
  return {
    settings: getSiteSettings(db),
    kbReview: getKbReviewRule(db),
    followUpDays: getFollowUpDays(db),
    needsAttentionHours: getNeedsAttentionHours(db),
    accountRules: getAccountRules(db),
  };
}
