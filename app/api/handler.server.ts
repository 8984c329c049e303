// The API's one door: finds the operation for a request, authenticates its
// bearer token (cookies are never read: no cookie authorizes anything here, so
// there is no cross-site door to guard), counts it against its rate limit,
// validates path, query and body with the operation's schemas (unknown body
// fields refused), runs the handler and answers JSON, or a problem document
// for every refusal. Models are called as for the site: the policy decides
// on the token owner, and what a caller may not see is a 404.
import type { IncomingHttpHeaders } from "node:http";
import { ZodError, type ZodIssue, type ZodObject, type ZodRawShape } from "zod";
import type { Db } from "../../db/client";
import { visitorLanguage } from "../http/language.server";
import { isMessageKey } from "../i18n/message";
import { translateMessage } from "../i18n/messages.server";
import type { Language } from "../i18n/languages";
import { authenticateApiToken } from "../models/accounts/api-tokens.server";
import { getRewardRules } from "../models/reputation/reward-rules.server";
import { getSiteSettings } from "../models/site/settings.server";
import { serverT } from "../i18n/i18n.server";
import type { AnyOperation, ApiCaller } from "./operation.server";
import { ApiProblem, problemResponse, problemTypeUri, type FieldError, type ProblemType } from "./problem.server";
import { createRateLimiter, rateLimitsFromEnv, type RateLimiter, type RateLimitOptions } from "./rate-limit.server";
import { API_OPERATIONS } from "./registry.server";
import { openApiDocument } from "./openapi.server";

export const API_BASE = "/api/v1";
/** The most a request body may weigh (the edge's bounded reader refuses more first). */
export const MAX_API_BODY_BYTES = 256 * 1024;

type Route = { operation: AnyOperation; pattern: RegExp; names: string[] };

function compile(operations: readonly AnyOperation[]): Route[] {
  return operations.map((operation) => {
    const names: string[] = [];
    const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string, b: string) => {
      names.push(a ?? b);
      return "([^/]+)";
    });
    return { operation, pattern: new RegExp(`^${source}$`), names };
  });
}

export type ApiHandlerOptions = {
  rateLimits?: RateLimitOptions;
  clock?: () => Date;
};

/** Where the request came from, and the site's public origin (absolute links in answers). */
export type ApiRequestInfo = { clientAddress: string; origin: string };

function problemTitle(language: Language, type: ProblemType): string {
  return serverT(language)(`api.problems.${type}.title`);
}

function refusal(language: Language, type: ProblemType, detailKey: string, values?: Record<string, unknown>, errors?: FieldError[], headers: Record<string, string> = {}): ApiProblem {
  return new ApiProblem(type, translateMessage(language, detailKey, values), errors, headers);
}

/** A thrown model Response's words: a catalogue key, a { message, values } body or a sentence. */
async function responseDetail(response: Response, language: Language): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const parsed = JSON.parse(text) as { message?: unknown; values?: Record<string, unknown> };
    if (parsed && typeof parsed.message === "string") return translateMessage(language, parsed.message, parsed.values);
  } catch {
    // Not JSON: a key or a sentence.
  }
  return isMessageKey(text) ? translateMessage(language, text) : text;
}

const STATUS_TYPES: Record<number, ProblemType> = {
  400: "bad-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  413: "too-large",
  422: "invalid-input",
  429: "too-many-requests",
};

function issueValues(issue: ZodIssue): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (issue.code === "too_small") values.min = Number(issue.minimum);
  if (issue.code === "too_big") values.max = Number(issue.maximum);
  if (issue.code === "custom" && issue.params) Object.assign(values, issue.params);
  return values;
}

/** One entry per field, in the caller's language (zod's own words for checks our schemas leave to it). */
export function fieldErrors(error: ZodError, language: Language): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push({ field: key, message: translateMessage(language, "api.errors.unknownField") });
      continue;
    }
    const field = issue.path.length ? issue.path.join(".") : "body";
    errors.push({ field, message: translateMessage(language, issue.message, issueValues(issue)) });
  }
  return errors;
}

function parseWith<T extends ZodObject<ZodRawShape> | undefined>(schema: T, input: unknown, language: Language, onFail: (errors: FieldError[]) => ApiProblem) {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (!result.success) throw onFail(fieldErrors(result.error, language));
  return result.data;
}

/** A path parameter's text; a malformed escape names nothing (404). */
function decodePathSegment(segment: string, language: Language): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw refusal(language, "not-found", "api.errors.notFound");
  }
}

/** The query string as an object: a key given twice keeps its values as an array. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

async function readJsonBody(request: Request, language: Language): Promise<unknown> {
  // No body at all: an operation without required fields takes it as {}.
  if (!request.body) return {};
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw refusal(language, "bad-request", "api.errors.unreadable");
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > MAX_API_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw refusal(language, "too-large", "api.errors.tooLarge", { max: MAX_API_BODY_BYTES });
    }
    chunks.push(chunk.value);
  }
  if (size === 0) return {};
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) throw refusal(language, "unsupported-media-type", "api.errors.notJson");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw refusal(language, "bad-request", "api.errors.notUtf8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw refusal(language, "bad-request", "api.errors.malformedJson");
  }
}

/** The API as a function of a Fetch request; the edge mounts it under /api/v1. */
export function createApiHandler(db: Db, options: ApiHandlerOptions = {}) {
  const routes = compile(API_OPERATIONS);
  const limiter: RateLimiter = createRateLimiter(db, options.rateLimits ?? rateLimitsFromEnv());
  const clock = options.clock ?? (() => new Date());
  const siteDefaultLanguage = () => getSiteSettings(db).defaultLanguage;

  return async function handleApiRequest(request: Request, info: ApiRequestInfo): Promise<Response> {
    const url = new URL(request.url);
    const headersObject: IncomingHttpHeaders = { "accept-language": request.headers.get("accept-language") ?? undefined };
    let language = visitorLanguage(headersObject, siteDefaultLanguage);
    let rateHeaders: Record<string, string> = {};
    const instance = url.pathname;
    const method = request.method.toLowerCase();

    function problem(p: ApiProblem): Response {
      return problemResponse(
        { type: problemTypeUri(p.problemType), title: problemTitle(language, p.problemType), status: p.status, detail: p.detail, instance, ...(p.errors?.length ? { errors: p.errors } : {}) },
        { ...rateHeaders, ...p.headers },
      );
    }

    try {
      const path = url.pathname.slice(API_BASE.length) || "/";
      if (path === "/openapi.json" && (method === "get" || method === "head")) {
        return new Response(JSON.stringify(openApiDocument(info.origin)), {
          headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
        });
      }
      const matches = routes.map((route) => ({ route, match: route.pattern.exec(path) })).filter((m) => m.match);
      if (!matches.length) throw refusal(language, "not-found", "api.errors.noSuchPath");
      const found = matches.find((m) => m.route.operation.method === method || (method === "head" && m.route.operation.method === "get"));
      if (!found) {
        const allow = [...new Set(matches.map((m) => m.route.operation.method.toUpperCase()))].join(", ");
        throw refusal(language, "method-not-allowed", "api.errors.methodNotAllowed", { allow }, undefined, { Allow: allow });
      }
      const { operation } = found.route;

      // Who is calling: a bearer token, or nobody (reads only).
      const authorization = request.headers.get("authorization");
      let caller: ApiCaller = { user: null, token: null, language, origin: info.origin, clientAddress: info.clientAddress };
      if (authorization !== null) {
        const bearer = /^Bearer +([^\s]+) *$/i.exec(authorization);
        const identity = bearer ? authenticateApiToken(db, bearer[1]!, clock()) : null;
        if (!identity) {
          rateHeaders = (await limiter.consume({ address: info.clientAddress })).headers;
          throw refusal(language, "unauthorized", bearer ? "api.errors.badToken" : "api.errors.badAuthorization", undefined, undefined, {
            "WWW-Authenticate": 'Bearer error="invalid_token"',
          });
        }
        language = identity.user.chosenLanguage ?? language;
        const user = { ...identity.user, language, privileges: getRewardRules(db).privileges };
        caller = { ...caller, user, language, token: { id: identity.tokenId, kind: identity.kind, scopes: identity.scopes } };
      }
      const decision = await limiter.consume(caller.token ? { tokenId: caller.token.id } : { address: info.clientAddress });
      rateHeaders = decision.headers;
      if (!decision.allowed) throw refusal(language, "too-many-requests", "api.errors.tooManyRequests", { seconds: decision.headers["Retry-After"] });

      if (!caller.token && (operation.scope !== "read" || operation.tokenRequired)) {
        throw refusal(language, "unauthorized", "api.errors.tokenRequired", undefined, undefined, { "WWW-Authenticate": 'Bearer realm="api"' });
      }
      if (caller.token && !caller.token.scopes.includes(operation.scope)) {
        throw refusal(language, "insufficient-scope", "api.errors.insufficientScope", { scope: operation.scope }, undefined, {
          "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${operation.scope}"`,
        });
      }

      // What was sent: the path's ids (a malformed one names nothing: 404), the query, the body.
      const rawParams = Object.fromEntries(found.route.names.map((name, i) => [name, decodePathSegment(found.match![i + 1]!, language)]));
      const params = parseWith(operation.params, rawParams, language, () => refusal(language, "not-found", "api.errors.notFound"));
      const query = parseWith(operation.query, queryObject(url), language, (errors) => refusal(language, "invalid-input", "api.errors.invalidQuery", undefined, errors));
      const rawBody = operation.body ? await readJsonBody(request, language) : undefined;
      if (operation.body && (rawBody === null || typeof rawBody !== "object" || Array.isArray(rawBody))) {
        throw refusal(language, "invalid-input", "api.errors.notAnObject", undefined, [{ field: "body", message: translateMessage(language, "api.errors.notAnObject") }]);
      }
      const body = parseWith(operation.body?.strict(), rawBody, language, (errors) => refusal(language, "invalid-input", "api.errors.invalidBody", undefined, errors));

      const result = await operation.handler({ db, caller, params, query, body, request });
      const status = result.status ?? operation.success.status ?? 200;
      const headers: Record<string, string> = { "Cache-Control": "no-store", ...rateHeaders, ...result.headers };
      if (status === 204 || result.body === undefined) return new Response(null, { status, headers });
      return new Response(method === "head" ? null : JSON.stringify(result.body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
    } catch (thrown) {
      if (thrown instanceof ApiProblem) return problem(thrown);
      if (thrown instanceof Response) {
        const type = STATUS_TYPES[thrown.status] ?? (thrown.status >= 500 ? "server-error" : "bad-request");
        const detail = await responseDetail(thrown, language);
        return problem(new ApiProblem(type, detail || translateMessage(language, "api.errors.notFound")));
      }
      if (thrown instanceof ZodError) return problem(new ApiProblem("invalid-input", translateMessage(language, "api.errors.invalidBody"), fieldErrors(thrown, language)));
      console.error(thrown);
      return problem(new ApiProblem("server-error", translateMessage(language, "api.errors.failed")));
    }
  };
}

export type ApiHandler = ReturnType<typeof createApiHandler>;
