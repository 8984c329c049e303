// Errors as problem documents (RFC 9457, application/problem+json). Every
// refusal the API gives has a type that its reference page explains, a title,
// the status, a detail in the caller's language and, for invalid input, one
// entry per field.
import { z } from "./zod";

export const PROBLEM_TYPES = {
  "bad-request": 400,
  "invalid-input": 422,
  unauthorized: 401,
  forbidden: 403,
  "insufficient-scope": 403,
  "not-found": 404,
  "method-not-allowed": 405,
  conflict: 409,
  "too-large": 413,
  "unsupported-media-type": 415,
  "too-many-requests": 429,
  "server-error": 500,
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export const fieldErrorSchema = z
  .object({
    field: z.string().openapi({ description: "The field's name (a dotted path for nested fields; `body` for the whole body)." }),
    message: z.string(),
  })
  .openapi("FieldError");

export const problemSchema = z
  .object({
    type: z.string().openapi({ description: "A URI reference naming the kind of problem; its fragment is explained on /api/docs." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** A refusal thrown anywhere under an operation; the handler answers with its problem document. */
export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly problemType: ProblemType,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = PROBLEM_TYPES[problemType];
  }
}

export function problemTypeUri(type: ProblemType): string {
  return `/api/docs#problem-${type}`;
}

/** The response for a problem. `title` is the type's words (in the caller's language). */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}
