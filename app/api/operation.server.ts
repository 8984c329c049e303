// An API operation: its method and path, the zod schemas its parameters,
// query and body are validated with, the schemas of what it answers, the
// scope a token needs, and the handler (a model call and a presenter). The
// same definition routes requests (handler.server.ts) and writes the OpenAPI
// document (openapi.server.ts), so the two cannot disagree.
import type { ZodObject, ZodRawShape, ZodTypeAny, z } from "zod";
import type { Db } from "../../db/client";
import type { ApiScope, ApiTokenKind } from "../../db/schema";
import type { CurrentUser } from "../auth/session.server";
import type { Language } from "../i18n/languages";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Who is calling: the token's owner (null for an anonymous read), in which language, from where. */
export type ApiCaller = {
  user: CurrentUser | null;
  token: { id: number; kind: ApiTokenKind; scopes: ApiScope[] } | null;
  language: Language;
  /** The site's public origin, for absolute links in answers. */
  origin: string;
  clientAddress: string;
};

type AnyObject = ZodObject<ZodRawShape>;
type Infer<S> = S extends ZodTypeAny ? z.infer<S> : undefined;

export type OperationContext<P, Q, B> = {
  db: Db;
  caller: ApiCaller;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  request: Request;
};

/** What a handler returns: the body (validated against the success response's schema in tests), its status and headers. */
export type OperationResult = { status?: number; body?: unknown; headers?: Record<string, string> };

export type ApiResponseSpec = { description: string; schema?: ZodTypeAny };

export type Operation<P extends AnyObject | undefined = AnyObject | undefined, Q extends AnyObject | undefined = AnyObject | undefined, B extends AnyObject | undefined = AnyObject | undefined> = {
  method: HttpMethod;
  /** OpenAPI style: /threads/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** The scope a token needs. `read` operations are open to anonymous callers unless `tokenRequired`. */
  scope: ApiScope;
  tokenRequired?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The success response (its status defaults to 200). */
  success: ApiResponseSpec & { status?: number };
  /** Problem statuses this operation may answer besides the ones every operation may (401, 429...). */
  problems?: number[];
  handler: (context: OperationContext<P, Q, B>) => OperationResult | Promise<OperationResult>;
};

/** Declares an operation (the identity, for the types' inference). */
export function defineOperation<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends AnyObject | undefined = undefined>(
  operation: Operation<P, Q, B>,
): Operation<P, Q, B> {
  return operation;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any>;
