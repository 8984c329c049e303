// The notification preferences form: how notifications reach someone by email.
import { z } from "zod";
import type { EmailFrequency } from "../../db/schema";

/**
 * The choices, in the order the settings page shows them; their words are
 * the catalogue's (settings.frequency.<value>.label and .hint).
 */
export const EMAIL_FREQUENCY_CHOICES = [{ value: "immediate" }, { value: "daily" }, { value: "off" }] as const satisfies readonly { value: EmailFrequency }[];

const VALUES = EMAIL_FREQUENCY_CHOICES.map((c) => c.value) as [EmailFrequency, ...EmailFrequency[]];

export const emailNotificationsSchema = z.object({
  emailNotifications: z.enum(VALUES, {
    errorMap: () => ({ message: "forumServer.emailFrequency.choose" }),
  }),
});
