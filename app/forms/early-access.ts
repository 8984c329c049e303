import { z } from "zod";
import { refusedWith } from "../i18n/message";
import { COMMENT_MAX, COMMENT_MIN } from "./thread";

// Messages are catalogue keys (content-server.json), said in the reader's language by parseForm.

export const ANNOUNCEMENT_TITLE_MIN = 5;
export const ANNOUNCEMENT_TITLE_MAX = 150;
export const ANNOUNCEMENT_BODY_MIN = 10;
export const ANNOUNCEMENT_BODY_MAX = 20_000;
export const REASON_MIN = 5;
export const REASON_MAX = 500;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-12-31" → the end of that day (UTC), the last moment readers see it; "" → no expiry. */
export function endOfDay(value: string): Date | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  // 2025-02-31 rolls over into March: not a real day.
  return end.getUTCMonth() === month - 1 && end.getUTCDate() === day ? end : null;
}

/** The date an input[type=date] shows for a stored expiry. */
export function dateInputValue(expiresAt: Date | string | null): string {
  return expiresAt ? new Date(expiresAt).toISOString().slice(0, 10) : "";
}

/** The :id of an announcement's address: "12" → 12; anything else is no announcement at all (404). */
export function announcementId(params: { id?: string }) {
  const raw = params.id ?? "";
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) {
    throw refusedWith(404, "contentServer.earlyAccess.notFound");
  }
  return id;
}

/** Publishing or editing an early-access announcement. */
export const announcementSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "contentServer.earlyAccess.titleMissing")
    .min(ANNOUNCEMENT_TITLE_MIN, "contentServer.earlyAccess.titleShort")
    .max(ANNOUNCEMENT_TITLE_MAX, "contentServer.earlyAccess.titleLong"),
  body: z
    .string()
    .trim()
    .min(1, "contentServer.earlyAccess.bodyMissing")
    .min(ANNOUNCEMENT_BODY_MIN, "contentServer.earlyAccess.bodyShort")
    .max(ANNOUNCEMENT_BODY_MAX, "contentServer.earlyAccess.bodyLong"),
  expiresOn: z
    .string()
    .trim()
    .default("")
    .refine((value) => value === "" || endOfDay(value) !== null, "contentServer.earlyAccess.badDate"),
});

const reason = z
  .string()
  .trim()
  .min(1, "contentServer.earlyAccess.reasonMissing")
  .min(REASON_MIN, "contentServer.earlyAccess.reasonShort")
  .max(REASON_MAX, "contentServer.earlyAccess.reasonLong");

/** A moderator grants early access to one member. */
export const grantSchema = z.object({
  username: z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, ""))
    .pipe(z.string().min(1, "contentServer.earlyAccess.usernameMissing").max(30, "contentServer.earlyAccess.usernameLong")),
  reason,
});

/** A moderator takes a grant back. */
export const revokeSchema = z.object({
  grantId: z.coerce.number().int().positive(),
  reason,
});

/** A comment under an announcement: the same bounds as a comment under a post. */
export const announcementCommentSchema = z.object({
  comment: z
    .string()
    .trim()
    .min(COMMENT_MIN, "contentServer.announcementComment.short")
    .max(COMMENT_MAX, "contentServer.announcementComment.long"),
});

/** Deleting one of an announcement's comments. */
export const deleteAnnouncementCommentSchema = z.object({
  commentId: z.coerce.number().int().positive(),
});
