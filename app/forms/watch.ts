import { z } from "zod";
import { WATCH_TARGETS } from "../../db/enums";

export const WATCH_LEVELS = ["watching", "muted", "none"] as const;

/**
 * A path on this site to come back to: never another site ("//host",
 * "/\host"), and no whitespace or control characters, which browsers drop
 * (so "/\t/host" would become "//host").
 */
export const sameSitePath = z
  .string()
  .max(2_000, "That address is too long.")
  .regex(/^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/, "Only an address on this site can be returned to.");

/** The Watch, Stop watching, Mute and Unmute buttons. */
export const watchSchema = z
  .object({
    targetType: z.enum(WATCH_TARGETS, { errorMap: () => ({ message: "Watch a thread, a category or a tag." }) }),
    targetId: z.coerce.number({ invalid_type_error: "Which one? The form was incomplete." }).int().positive("Which one? The form was incomplete."),
    level: z.enum(WATCH_LEVELS, { errorMap: () => ({ message: "Choose Watch, Stop watching or Mute." }) }),
    redirectTo: sameSitePath.optional(),
  })
  .refine((w) => w.level !== "muted" || w.targetType === "thread", { message: "Only a thread can be muted.", path: ["level"] });

/** At most this many watches are listed on /notifications (categories and tags first, then the newest threads). */
export const WATCHES_LISTED = 100;
