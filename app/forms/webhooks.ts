// The admins' webhook forms (/admin/webhooks): the address, a description and
// the events. Shared by the page and the server; messages are catalogue keys
// (webhooks.form.*), put into the admin's language where they are shown.
import { z } from "zod";
import { WEBHOOK_EVENTS, type WebhookEvent } from "../../db/enums";

export const WEBHOOK_URL_MAX = 2_000;
export const WEBHOOK_DESCRIPTION_MAX = 200;

/** The events an admin may subscribe to, in the order the form lists them. */
export const SUBSCRIBABLE_EVENTS: readonly WebhookEvent[] = WEBHOOK_EVENTS;

/** Null when `value` may be a webhook's address (http or https, no user or password in it); else the problem's catalogue key. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "webhooks.form.urlInvalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "webhooks.form.urlScheme";
  if (url.username || url.password) return "webhooks.form.urlCredentials";
  return null;
}

const url = z
  .string({ required_error: "webhooks.form.urlRequired" })
  .trim()
  .min(1, "webhooks.form.urlRequired")
  .max(WEBHOOK_URL_MAX, "webhooks.form.urlLong")
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const webhookSchema = z.object({
  url,
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX, "webhooks.form.descriptionLong").default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENTS as unknown as [WebhookEvent, ...WebhookEvent[]], { errorMap: () => ({ message: "webhooks.form.eventUnknown" }) }))
    .min(1, "webhooks.form.eventsRequired")
    .transform((events) => SUBSCRIBABLE_EVENTS.filter((event) => events.includes(event))),
});

export type WebhookInput = z.infer<typeof webhookSchema>;

export const webhookIdSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Events whose object is shown as staff see it (the note of an escalation, a hidden post, a flag); the others as a visitor sees it. */
export const STAFF_EVENTS: readonly WebhookEvent[] = ["post.hidden", "post.deleted", "flag.raised", "escalation.opened", "escalation.closed"];

export function isStaffEvent(event: string): boolean {
  return (STAFF_EVENTS as readonly string[]).includes(event);
}

/** The fields of a webhook's form as typed (every checked event), to validate with webhookSchema. */
export function webhookFields(form: FormData): { url: string; description: string; events: string[] } {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return { url: text("url"), description: text("description"), events: form.getAll("events").filter((v): v is string => typeof v === "string") };
}
