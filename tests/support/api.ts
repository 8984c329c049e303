// Calling the API as an integration would: real Requests through the API's
// one door, tokens minted through the model, and every answer checked against
// the OpenAPI document (the contract tests' validator).
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { Db } from "../../db/client";
import type { ApiScope } from "../../db/schema";
import { createApiHandler, type ApiHandler } from "../../app/api/handler.server";
import { openApiDocument } from "../../app/api/openapi.server";
import { createPersonalToken } from "../../app/models/accounts/api-tokens.server";
import { asCurrentUser } from "./db";

export const API_ORIGIN = "http://community.test";

export type ApiClient = {
  handler: ApiHandler;
  /** Sends a request; `body` (an object) is sent as JSON, a string as is. */
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string>; address?: string }): Promise<Response>;
};

export function apiClient(db: Db, options: Parameters<typeof createApiHandler>[1] = {}): ApiClient {
  const handler = createApiHandler(db, { rateLimits: { perToken: 100_000, perAddress: 100_000, windowSeconds: 60 }, ...options });
  return {
    handler,
    call(method, path, { token, body, headers = {}, address = "203.0.113.7" } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (token) (init.headers as Record<string, string>).Authorization = `Bearer ${token}`;
      if (body !== undefined) {
        init.body = typeof body === "string" ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
      }
      return handler(new Request(`${API_ORIGIN}/api/v1${path}`, init), { clientAddress: address, origin: API_ORIGIN });
    },
  };
}

/** A personal token for a user, with the scopes asked for (the model refuses what the user may not have). */
export function tokenFor(db: Db, userId: number, scopes: ApiScope[] = ["read", "write"], expiresAt: Date | null = null): string {
  return createPersonalToken(db, asCurrentUser(db, userId), { name: `test ${scopes.join("+")}`, scopes, expiresAt }).secret;
}

let validator: Ajv2020 | null = null;
function ajv(): Ajv2020 {
  if (validator) return validator;
  validator = new Ajv2020({ strict: false, allErrors: true });
  addFormats(validator);
  validator.addSchema(openApiDocument(API_ORIGIN) as object, "openapi");
  return validator;
}

type OpenApiDoc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

/**
 * Checks an answer against the document: its status must be one the
 * operation declares, and its body must match that response's schema.
 * Returns the parsed body.
 */
export async function expectConforms(response: Response, method: string, pathTemplate: string): Promise<any> {
  const document = openApiDocument(API_ORIGIN) as OpenApiDoc;
  const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The document has no ${method} ${pathTemplate}`);
  const status = String(response.status);
  const declared = operation.responses[status];
  if (!declared) throw new Error(`${method} ${pathTemplate} answered ${status}, which the document does not declare (${Object.keys(operation.responses).join(", ")})`);
  const text = await response.text();
  if (!declared.content) {
    if (text) throw new Error(`${method} ${pathTemplate} ${status} has a body the document does not declare`);
    return undefined;
  }
  const [mediaType] = Object.keys(declared.content);
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith(mediaType!)) throw new Error(`${method} ${pathTemplate} ${status} is ${contentType}, not ${mediaType}`);
  const body = JSON.parse(text);
  const pointer = `openapi#/paths/${pathTemplate.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/responses/${status}/content/${mediaType!.replace(/\//g, "~1")}/schema`;
  const validate = ajv().getSchema(pointer);
  if (!validate) throw new Error(`No schema at ${pointer}`);
  if (!validate(body)) throw new Error(`${method} ${pathTemplate} ${status} does not match the document: ${JSON.stringify(validate.errors?.slice(0, 5))}\n${text.slice(0, 500)}`);
  return body;
}
