// The notification preferences form: how notifications reach someone by email.
import { z } from "zod";
import type { EmailFrequency } from "../../db/schema";

/** The choices, in the order the settings page shows them. */
export const EMAIL_FREQUENCY_CHOICES = [
  { value: "immediate", label: "Right away", hint: "One email for each notification, as it happens." },
  { value: "daily", label: "A daily summary", hint: "At most one email a day, listing what you missed." },
  { value: "off", label: "Never", hint: "No emails; your notifications stay on the site." },
] as const satisfies readonly { value: EmailFrequency; label: string; hint: string }[];

const VALUES = EMAIL_FREQUENCY_CHOICES.map((c) => c.value) as [EmailFrequency, ...EmailFrequency[]];

export const emailNotificationsSchema = z.object({
  emailNotifications: z.enum(VALUES, {
    errorMap: () => ({ message: "Choose how often to get emails: right away, a daily summary, or never." }),
  }),
});
