import type { z } from "zod";
import { translateMessage } from "../i18n/messages.server";
import type { Language } from "../i18n/languages";

/**
 * The most a form may weigh. The HTTP edge refuses larger bodies first; this
 * bound keeps an action safe however its request arrived (a test, a future
 * caller), since it never reads more than this.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

// Characters nobody types into a form: C0 controls but tab, line feed and
// carriage return, and DEL. Kept out of the database, so no page shows them.
const UNTYPABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const UNTYPABLE_ALL = new RegExp(UNTYPABLE.source, "g");

/** A 400 (or 413) whose body is a catalogue key: the error page says it in the reader's language. */
function refused(message: string, status = 400): Response {
  return new Response(message, { status, statusText: status === 413 ? "Payload Too Large" : "Bad Request", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The body's bytes, reading no more than `limit`. */
async function readBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw refused("refused.tooLarge", 413);
      }
      chunks.push(value);
    }
  } catch (thrown) {
    if (thrown instanceof Response) throw thrown;
    throw refused("refused.unreadable");
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw refused("refused.notUtf8");
  }
}

/** An urlencoded body, refusing what URLSearchParams would silently repair (bad escapes, bytes that are not UTF-8). */
function urlEncodedForm(text: string): FormData {
  for (const pair of text.split("&")) {
    try {
      decodeURIComponent(pair.replace(/\+/g, " "));
    } catch {
      throw refused("refused.badlyEncoded");
    }
  }
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
  return form;
}

async function multipartForm(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData> {
  utf8(bytes);
  try {
    return await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw refused("refused.unreadable");
  }
}

/**
 * Reads a form body, the only way an action reads its request: whatever
 * arrives (JSON, no content type, a broken multipart boundary, bad escapes,
 * bytes that are not UTF-8, files, too much) is a 400 or
 * a 413 with a message, never a 500, and nothing is read past MAX_FORM_BYTES.
 */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded" && mediaType !== "multipart/form-data") {
    throw refused("refused.notAForm");
  }
  const bytes = await readBytes(request, MAX_FORM_BYTES);
  const form = mediaType === "multipart/form-data" ? await multipartForm(bytes, contentType) : urlEncodedForm(utf8(bytes));
  // What a person typed is kept (a pasted form feed costs them nothing); what
  // no form of ours names is refused.
  const cleaned = new FormData();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") throw refused("refused.noFiles");
    if (UNTYPABLE.test(name)) throw refused("refused.unreadable");
    cleaned.append(name, value.replace(UNTYPABLE_ALL, ""));
  }
  return cleaned;
}

/**
 * The button a form was sent with: one of `intents`, or `fallback` when the
 * form names none (the page's main form). Anything else is a 400, so a
 * forged or stale button never falls through to another action.
 */
export function readIntent<const T extends string>(form: FormData, intents: readonly T[], fallback?: T): T {
  const intent = form.get("intent");
  if (intent === null && fallback !== undefined) return fallback;
  if (typeof intent === "string" && (intents as readonly string[]).includes(intent)) return intent as T;
  throw refused(intent === null ? "refused.noAction" : "refused.unknownAction");
}

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Validates a form with its schema. On failure returns one message per field,
 * in the reader's language, and the values typed (passwords excluded), so the
 * page can show them again. A schema's messages are catalogue keys; a check's
 * bounds (minimum, maximum) and a custom issue's params are their values.
 */
export function parseForm<S extends z.ZodTypeAny>(schema: S, form: FormData, language: Language): FormResult<z.infer<S>> {
  const raw: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !(key in raw)) raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= translateMessage(language, issue.message, issueValues(issue));
  }
  return { ok: false, errors, values: keepableValues(raw) };
}

function issueValues(issue: z.ZodIssue): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (issue.code === "too_small") values.min = Number(issue.minimum);
  if (issue.code === "too_big") values.max = Number(issue.maximum);
  if (issue.code === "custom" && issue.params) Object.assign(values, issue.params);
  return values;
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

/**
 * A row id from the address: digits only. Number() alone would read "1\r\n",
 * " 1", "0x1" or "1e0" as 1, so a mangled address would act on a real row.
 */
export function idParam(raw: string | undefined, notFound: string): number {
  const id = Number(raw);
  if (!raw || !/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw new Response(notFound, { status: 404, statusText: "Not Found" });
  return id;
}
