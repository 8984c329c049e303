import { z } from "zod";

const id = z.coerce.number().int().positive();

/** "Escalate to support" on a thread page (moderators). */
export const escalateSchema = z.object({
  threadId: id,
  note: z
    .string()
    .trim()
    .min(1, "Write a note for the support team: what should they look at?")
    .max(2000, "A note has at most 2,000 characters."),
});

/** Closing an escalation on /mod/escalations. */
export const closeEscalationSchema = z.object({
  escalationId: id,
  resolution: z
    .string()
    .trim()
    .min(1, "Write the resolution: what did the support team find or do?")
    .max(2000, "A resolution has at most 2,000 characters."),
});
