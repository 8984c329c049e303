// A hidden post's reason, as its author and staff read it. A moderator's
// reason is their own words, shown as written. The reason the site gives by
// itself (members' spam flags hid the post) is stored as its catalogue key
// and shown in the reader's language. Only that exact key is translated, so
// a person's words never go through the translator.
import type { TFunction } from "i18next";

/** What a post hidden by members' spam flags stores as its reason. */
export const SPAM_HOLD_REASON_KEY = "staffServer.review.spamHold";

/** The reason in the reader's words: the site's own reason translated, a moderator's as written. */
export function hiddenReasonText(t: TFunction, reason: string): string {
  return reason === SPAM_HOLD_REASON_KEY ? t(SPAM_HOLD_REASON_KEY) : reason;
}
