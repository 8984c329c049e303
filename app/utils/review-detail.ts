// What a knowledge-base review says about itself. The ones the site opens
// (readers' "No", new activity in the source thread) may store a catalogue
// key, said in the moderator's language where it is shown; a moderator's own
// note ("manual") is shown as written, never looked up.
import type { TFunction } from "i18next";
import { isMessageKey } from "../i18n/message";

export function reviewDetailText(t: TFunction, review: { reason: string; detail: string }): string {
  return review.reason !== "manual" && isMessageKey(review.detail) ? String(t(review.detail)) : review.detail;
}
