// What the write operations share: a model's refusal put into a problem
// document, the answer's presenters called for the caller (a 404 when they
// may not see it), and the Location of what was made.
import { translateMessage } from "../../i18n/messages.server";
import type { FieldErrors } from "../../utils/form.server";
import type { ApiCaller } from "../operation.server";
import { ApiProblem, type FieldError } from "../problem.server";

/** Where the API lives (handler.server.ts's API_BASE; not imported, that module imports the operations). */
const API_BASE = "/api/v1";

/** The absolute address of an API object, for a Location header. */
export function location(caller: ApiCaller, path: string): Record<string, string> {
  return { Location: `${caller.origin}${API_BASE}${path}` };
}

export function notFound(caller: ApiCaller): ApiProblem {
  return new ApiProblem("not-found", translateMessage(caller.language, "api.errors.notFound"));
}

/** An object the caller just wrote and may see, or a 404 (a presenter's null). */
export function shown<T>(caller: ApiCaller, object: T | null): T {
  if (object === null) throw notFound(caller);
  return object;
}

/** One entry per field, in the order the model gave them. */
export function fieldList(errors: FieldErrors): FieldError[] {
  return Object.entries(errors).map(([field, message]) => ({ field, message }));
}

/** A 422 naming fields, for a check made here (the words are a catalogue key). */
export function invalidFields(caller: ApiCaller, fields: Record<string, string>, values?: Record<string, unknown>): ApiProblem {
  const errors = Object.entries(fields).map(([field, key]) => ({ field, message: translateMessage(caller.language, key, values) }));
  return new ApiProblem("invalid-input", translateMessage(caller.language, "api.errors.invalidBody"), errors);
}

export type ModelRefusal = { ok: false; errors: FieldErrors; throttled?: boolean };

/**
 * A model's `{ ok: false, errors }` as a problem: too soon after the last post
 * is a 429; a refusal that names no field (`form`: already flagged, already
 * escalated, already promoted...) conflicts with the current state, a 409;
 * otherwise the fields were refused, a 422 naming them. `conflict` says every
 * refusal of this verb is about the state (resolving a resolved incident).
 * The model's words are already in the caller's language.
 */
export function refused(caller: ApiCaller, result: ModelRefusal, options: { conflict?: boolean } = {}): ApiProblem {
  const fields = Object.keys(result.errors);
  const first = Object.values(result.errors)[0] ?? translateMessage(caller.language, "api.errors.invalidBody");
  if (result.throttled) return new ApiProblem("too-many-requests", first);
  if (options.conflict || (fields.length === 1 && fields[0] === "form")) return new ApiProblem("conflict", first);
  return new ApiProblem("invalid-input", translateMessage(caller.language, "api.errors.invalidBody"), fieldList(result.errors));
}

/** The model's result when it succeeded; its refusal thrown as a problem otherwise. */
export function succeeded<R extends { ok: boolean }>(caller: ApiCaller, result: R, options?: { conflict?: boolean }): Extract<R, { ok: true }> {
  if (!result.ok) throw refused(caller, result as unknown as ModelRefusal, options);
  return result as Extract<R, { ok: true }>;
}

/** A thrown model Response with this status (a 404 from loadPost...), else rethrows. */
export function whenRefusedWith<T>(status: number, run: () => T, otherwise: () => T): T {
  try {
    return run();
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === status) return otherwise();
    throw thrown;
  }
}
