// The OpenAPI 3.1 document, generated from the operations' own zod schemas
// (zod-to-openapi): what /api/v1/openapi.json serves, what /api/docs reads
// and what the contract tests validate every answer against.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { PROBLEM_TYPES, problemSchema } from "./problem.server";
import { API_OPERATIONS, API_WEBHOOK_EVENTS_DOC } from "./registry.server";
import type { AnyOperation } from "./operation.server";

/** Problems any operation may answer: a bad token, a token without the scope, too many requests, a malformed request. */
const COMMON_PROBLEMS = [400, 401, 403, 429];

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (unreadable or malformed JSON).",
  401: "No token, or a malformed, unknown, revoked or expired one.",
  403: "The token lacks the scope, or its owner may not do this.",
  404: "No such thing, or nothing the caller may see.",
  405: "The path exists, but not with this method.",
  409: "The request conflicts with the current state.",
  413: "The body is too large.",
  415: "The body is not JSON.",
  422: "Invalid input: unknown fields or values the schema refuses, one entry per field.",
  429: "Too many requests: wait for Retry-After seconds.",
};

function routeConfig(operation: AnyOperation): RouteConfig {
  const success = operation.success;
  const problems = [...new Set([...COMMON_PROBLEMS, ...(operation.problems ?? []), ...(operation.body ? [413, 415, 422] : []), ...(operation.query ? [422] : []), ...(operation.params ? [404] : [])])].sort();
  const responses: RouteConfig["responses"] = {
    [String(success.status ?? 200)]: success.schema ? { description: success.description, content: { "application/json": { schema: success.schema } } } : { description: success.description },
  };
  for (const status of problems) {
    responses[String(status)] = { description: PROBLEM_DESCRIPTIONS[status] ?? "A problem.", content: { "application/problem+json": { schema: problemSchema } } };
  }
  const anonymous = operation.scope === "read" && !operation.tokenRequired;
  return {
    method: operation.method,
    path: operation.path,
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: operation.tags,
    security: anonymous ? [{}, { bearer: [operation.scope] }] : [{ bearer: [operation.scope] }],
    "x-scope": operation.scope,
    request: {
      ...(operation.params ? { params: operation.params } : {}),
      ...(operation.query ? { query: operation.query } : {}),
      ...(operation.body ? { body: { required: true, content: { "application/json": { schema: operation.body.strict() } } } } : {}),
    },
    responses,
  } as RouteConfig;
}

let cached: { origin: string; document: object } | null = null;

export function openApiDocument(origin: string): object {
  if (cached?.origin === origin) return cached.document;
  const registry = new OpenAPIRegistry();
  registry.register("Problem", problemSchema);
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A personal token (/settings/tokens) or a bot token (/admin/api). Scopes: read, write, moderate.",
  });
  for (const operation of API_OPERATIONS) registry.registerPath(routeConfig(operation));
  for (const webhook of API_WEBHOOK_EVENTS_DOC) registry.registerWebhook(webhook);
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Entraide API",
      version: "1.0.0",
      description:
        "The community's JSON API. Authenticate with `Authorization: Bearer <token>`. Reads are open without a token (rate-limited per address); writes need a token with the `write` scope, moderators' actions the `moderate` scope. Errors are problem documents (RFC 9457). Problem types: " +
        Object.keys(PROBLEM_TYPES).join(", ") +
        ".",
    },
    servers: [{ url: `${origin}/api/v1` }],
  });
  cached = { origin, document };
  return document;
}
