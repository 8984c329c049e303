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
  .max(2_000, "forumServer.watch.pathTooLong")
  .regex(/^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/, "forumServer.watch.pathElsewhere");

/** The Watch, Stop watching, Mute and Unmute buttons. */
export const watchSchema = z
  .object({
    targetType: z.enum(WATCH_TARGETS, { errorMap: () => ({ message: "forumServer.watch.target" }) }),
    targetId: z.coerce.number({ invalid_type_error: "forumServer.watch.incomplete" }).int("forumServer.watch.incomplete").positive("forumServer.watch.incomplete"),
    level: z.enum(WATCH_LEVELS, { errorMap: () => ({ message: "forumServer.watch.level" }) }),
    redirectTo: sameSitePath.optional(),
  })
  .refine((w) => w.level !== "muted" || w.targetType === "thread", { message: "forumServer.watch.muteThreadOnly", path: ["level"] });

/** At most this many watches are listed on /notifications (categories and tags first, then the newest threads). */
export const WATCHES_LISTED = 100;
