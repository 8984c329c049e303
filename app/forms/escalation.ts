// Escalation forms. Messages are catalogue keys, put into the moderator's language by parseForm.
import { z } from "zod";

const id = z.coerce.number().int().positive();

/** "Escalate to support" on a thread page (moderators). */
export const escalateSchema = z.object({
  threadId: id,
  note: z
    .string()
    .trim()
    .min(1, "staffServer.escalation.noteRequired")
    .max(2000, "staffServer.escalation.noteLong"),
});

/** Closing an escalation on /mod/escalations. */
export const closeEscalationSchema = z.object({
  escalationId: id,
  resolution: z
    .string()
    .trim()
    .min(1, "staffServer.escalation.resolutionRequired")
    .max(2000, "staffServer.escalation.resolutionLong"),
});
