import type { z } from "zod";

/** Reads a form body; a body that is not a form is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400, statusText: "Bad Request" });
  }
}

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Validates a form with its schema. On failure returns one message per field
 * and the values typed (passwords excluded), so the page can show them again.
 */
export function parseForm<S extends z.ZodTypeAny>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !(key in raw)) raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: keepableValues(raw) };
}

/** What may be sent back to the page: everything but passwords. */
export function keepableValues(raw: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!/password/i.test(key)) values[key] = value;
  }
  return values;
}

/** A form's typed values, to show again beside its errors (passwords left out). */
export function formValues(form: FormData): Record<string, string> {
  return keepableValues(Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)])));
}

/** What a form's action sends back: field errors and typed values, or a success message. */
export type FormReply = {
  errors?: FieldErrors;
  values?: Record<string, string>;
  message?: string;
};
