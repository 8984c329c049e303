// The moderators' forms: a thread's tools, hiding a post, suspending a member,
// and the flag queue's decisions.
import { z } from "zod";

export const MOD_REASON_MAX = 500;

const requiredReason = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .min(1, message)
    .max(MOD_REASON_MAX, `A reason has at most ${MOD_REASON_MAX} characters.`);

export const hidePostSchema = z.object({
  reason: requiredReason("Say why the post is hidden: its author will read it."),
});

export const flagDecisionSchema = z
  .object({
    flagId: z.coerce.number().int().positive(),
    decision: z.enum(["dismiss", "hide", "delete"]),
    reason: z.string().trim().max(MOD_REASON_MAX, `A reason has at most ${MOD_REASON_MAX} characters.`).default(""),
  })
  .refine((d) => d.decision !== "hide" || d.reason.length > 0, {
    path: ["reason"],
    message: "Say why the post is hidden: its author will read it.",
  });

export const PIN_PLACES = [
  ["category", "On top of its category"],
  ["home", "On top of the home page (and its category)"],
] as const;

export const pinSchema = z.object({
  where: z.enum(["category", "home"], { errorMap: () => ({ message: "Choose where to pin the thread." }) }),
});

export const moveSchema = z.object({
  categoryId: z.coerce
    .number({ invalid_type_error: "Choose one of the categories." })
    .int("Choose one of the categories.")
    .positive("Choose one of the categories."),
});

export const duplicateSchema = z.object({
  original: z
    .string()
    .trim()
    .min(1, "Enter the original thread's number or its address.")
    .max(300, "Enter the original thread's number or its address."),
});

export const SUSPEND_DURATIONS = [
  ["1", "1 day"],
  ["7", "7 days"],
  ["30", "30 days"],
  ["custom", "Until a date"],
] as const;

const DAY = 24 * 60 * 60 * 1000;

/**
 * "For 1, 7 or 30 days" or "until a date" (the end of that day, UTC), with a
 * reason the member reads. `until` is the moment the suspension ends.
 */
export function suspendSchema(now = new Date()) {
  return z
    .object({
      duration: z.enum(["1", "7", "30", "custom"], { errorMap: () => ({ message: "Choose how long the suspension lasts." }) }),
      until: z.string().trim().max(20).default(""),
      reason: requiredReason("Say why: the member reads this reason."),
    })
    .superRefine((value, ctx) => {
      if (value.duration !== "custom") return;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.until) || Number.isNaN(Date.parse(`${value.until}T00:00:00Z`))) {
        ctx.addIssue({ code: "custom", path: ["until"], message: "Enter the last day of the suspension (YYYY-MM-DD)." });
        return;
      }
      if (Date.parse(`${value.until}T23:59:59Z`) <= now.getTime()) {
        ctx.addIssue({ code: "custom", path: ["until"], message: "Choose a day from today on." });
      }
    })
    .transform((value) => ({
      reason: value.reason,
      until:
        value.duration === "custom"
          ? new Date(`${value.until}T23:59:59.999Z`)
          : new Date(now.getTime() + Number(value.duration) * DAY),
    }));
}

/** A moderator's decision on a post held for review (/mod/review). */
export const reviewDecisionSchema = z.object({
  postId: z.coerce.number().int().positive(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(MOD_REASON_MAX, `A reason has at most ${MOD_REASON_MAX} characters.`).default(""),
});
