// The moderators' forms: a thread's tools, hiding a post, suspending a member,
// and the flag queue's decisions. Messages are catalogue keys (staffServer.*):
// parseForm puts them into the moderator's language.
import { z } from "zod";

export const MOD_REASON_MAX = 500;

const REASON_TOO_LONG = "staffServer.reasonTooLong";

const requiredReason = (message: string) =>
  z.string({ required_error: message }).trim().min(1, message).max(MOD_REASON_MAX, REASON_TOO_LONG);

const HIDE_REASON_REQUIRED = "staffServer.hide.reasonRequired";

export const hidePostSchema = z.object({
  reason: requiredReason(HIDE_REASON_REQUIRED),
});

/**
 * A decision in the flag queue. Hiding and deleting take a reason (the
 * author reads why their post is hidden; a deletion's reason is kept in the
 * audit log); dismissing does not.
 */
export const flagDecisionSchema = z
  .object({
    flagId: z.coerce.number().int().positive(),
    decision: z.enum(["dismiss", "hide", "delete"]),
    reason: z.string().trim().max(MOD_REASON_MAX, REASON_TOO_LONG).default(""),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "dismiss" || d.reason.length > 0) return;
    ctx.addIssue({ code: "custom", path: ["reason"], message: d.decision === "hide" ? HIDE_REASON_REQUIRED : "staffServer.flag.deleteReasonRequired" });
  });

/** Where a thread can be pinned (their words: mod.thread.pinPlaces.<place>). */
export const PIN_PLACES = ["category", "home"] as const;

export const pinSchema = z.object({
  where: z.enum(PIN_PLACES, { errorMap: () => ({ message: "staffServer.pin.where" }) }),
});

const CHOOSE_CATEGORY = "staffServer.move.category";

export const moveSchema = z.object({
  categoryId: z.coerce.number({ invalid_type_error: CHOOSE_CATEGORY }).int(CHOOSE_CATEGORY).positive(CHOOSE_CATEGORY),
});

export const duplicateSchema = z.object({
  original: z.string().trim().min(1, "staffServer.duplicate.original").max(300, "staffServer.duplicate.original"),
});

/** How long a suspension lasts, in days, or until a date (their words: mod.user.durations.<value>). */
export const SUSPEND_DURATIONS = ["1", "7", "30", "custom"] as const;

const DAY = 24 * 60 * 60 * 1000;

/**
 * "For 1, 7 or 30 days" or "until a date" (the end of that day, UTC), with a
 * reason the member reads. `until` is the moment the suspension ends.
 */
export function suspendSchema(now = new Date()) {
  return z
    .object({
      duration: z.enum(SUSPEND_DURATIONS, { errorMap: () => ({ message: "staffServer.suspend.duration" }) }),
      until: z.string().trim().max(20, "staffServer.suspend.untilFormat").default(""),
      reason: requiredReason("staffServer.suspend.reasonRequired"),
    })
    .superRefine((value, ctx) => {
      if (value.duration !== "custom") return;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.until) || Number.isNaN(Date.parse(`${value.until}T00:00:00Z`))) {
        ctx.addIssue({ code: "custom", path: ["until"], message: "staffServer.suspend.untilFormat" });
        return;
      }
      if (Date.parse(`${value.until}T23:59:59Z`) <= now.getTime()) {
        ctx.addIssue({ code: "custom", path: ["until"], message: "staffServer.suspend.untilToday" });
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
  reason: z.string().trim().max(MOD_REASON_MAX, REASON_TOO_LONG).default(""),
});
