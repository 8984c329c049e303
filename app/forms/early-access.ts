import { z } from "zod";

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
    throw new Response("No such announcement.", { status: 404, statusText: "Not Found" });
  }
  return id;
}

/** Publishing or editing an early-access announcement. */
export const announcementSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the announcement a title.")
    .min(ANNOUNCEMENT_TITLE_MIN, `A title needs at least ${ANNOUNCEMENT_TITLE_MIN} characters.`)
    .max(ANNOUNCEMENT_TITLE_MAX, `A title has at most ${ANNOUNCEMENT_TITLE_MAX} characters.`),
  body: z
    .string()
    .trim()
    .min(1, "Write the announcement here.")
    .min(ANNOUNCEMENT_BODY_MIN, `Please write at least ${ANNOUNCEMENT_BODY_MIN} characters.`)
    .max(ANNOUNCEMENT_BODY_MAX, `This is longer than ${ANNOUNCEMENT_BODY_MAX.toLocaleString("en")} characters; please shorten it.`),
  expiresOn: z
    .string()
    .trim()
    .default("")
    .refine((value) => value === "" || endOfDay(value) !== null, "Enter a date like 2030-12-31, or leave it empty."),
});

const reason = z
  .string()
  .trim()
  .min(1, "Say why, for the log.")
  .min(REASON_MIN, `A reason needs at least ${REASON_MIN} characters.`)
  .max(REASON_MAX, `A reason has at most ${REASON_MAX} characters.`);

/** A moderator grants early access to one member. */
export const grantSchema = z.object({
  username: z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, ""))
    .pipe(z.string().min(1, "Whose access? Enter their username.").max(30, "A username has at most 30 characters.")),
  reason,
});

/** A moderator takes a grant back. */
export const revokeSchema = z.object({
  grantId: z.coerce.number().int().positive(),
  reason,
});
