// A webhook's form as the server reads it: every checked event, validated
// with the shared schema, the messages in the admin's language.
import type { Language } from "../i18n/languages";
import { translateMessage } from "../i18n/messages.server";
import type { FieldErrors } from "../utils/form.server";
import { webhookFields, webhookSchema, type WebhookInput } from "./webhooks";

export type WebhookFormValues = { url: string; description: string; events: string[] };

export function parseWebhookForm(form: FormData, language: Language): { ok: true; data: WebhookInput; values: WebhookFormValues } | { ok: false; errors: FieldErrors; values: WebhookFormValues } {
  const fields = webhookFields(form);
  const parsed = webhookSchema.safeParse(fields);
  if (parsed.success) return { ok: true, data: parsed.data, values: fields };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= translateMessage(language, issue.message, issue.code === "too_big" ? { max: Number(issue.maximum) } : {});
  }
  return { ok: false, errors, values: fields };
}
