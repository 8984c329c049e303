// /api/docs as the server renders it: every operation of the OpenAPI
// document is there with its method, path, scope, parameters and fields;
// every problem type has the anchor its `type` URI points at; the webhooks'
// signature is explained; the page reads in both languages.
import { describe, expect, test } from "vitest";
import { openApiDocument } from "../../app/api/openapi.server";
import { PROBLEM_TYPES, problemTypeUri, type ProblemType } from "../../app/api/problem.server";
import ApiDocsPage, { loader as docsLoader, referenceFrom } from "../../app/routes/api.docs";
import { contextFor, createTestDb } from "../support/db";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
const route = { id: "routes/api.docs", path: "api/docs", loader: docsLoader, Component: ApiDocsPage };

type Doc = {
  paths: Record<string, Record<string, { operationId: string; summary: string; "x-scope": string; parameters?: { name: string }[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

const ORIGIN = "http://localhost";
const document = openApiDocument(ORIGIN) as Doc;
const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

/** React escapes text: the same escaping, to find a summary in the HTML. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

describe("/api/docs", () => {
  test("every operation of the document appears, with its method, path, summary, scope and parameters", async () => {
    expect(operations.length).toBeGreaterThan(1);
    const { status, html } = await renderIn("en", contextFor(db, null), "/api/docs", [route]);
    expect(status).toBe(200);
    for (const { path, method, operation } of operations) {
      const anchor = `op-${operation.operationId.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
      const start = html.indexOf(`id="${anchor}"`);
      expect(start, `${method} ${path}`).toBeGreaterThan(-1);
      const section = html.slice(start, html.indexOf("</article>", start));
      expect(section).toContain(`>${method.toUpperCase()}</span>`);
      expect(section).toContain(`<code class="api-path">${escaped(path)}</code>`);
      expect(section).toContain(escaped(operation.summary));
      expect(section).toContain(`<code>${operation["x-scope"]}</code>`);
      for (const parameter of operation.parameters ?? []) expect(section).toContain(`<code>${parameter.name}</code>`);
    }
    // The link to the machine-readable document.
    expect(html).toContain('href="/api/v1/openapi.json"');
  });

  test("the answers' fields are read from the document's schemas, references resolved", async () => {
    const reference = referenceFrom(document);
    const me = reference.tags.flatMap((tag) => tag.operations).find((operation) => operation.path === "/me" && operation.method === "GET")!;
    expect(me.success).toMatchObject({ status: "200", schemaName: "Me" });
    const fields = Object.fromEntries(reference.schemas.find((schema) => schema.name === "Me")!.fields.map((field) => [field.name, field]));
    // Me's nested token object is spelled out.
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["id", "username", "role", "token", "token.kind", "token.scopes"]));
    expect(fields.role!.type).toEqual({ kind: "enum", values: ["member", "moderator", "admin"] });
    expect(fields["token.scopes"]!.type).toEqual({ kind: "array", of: { kind: "enum", values: ["read", "write", "moderate"] } });
    expect(fields.id).toMatchObject({ required: true, type: { kind: "primitive", name: "integer" } });
    // Every named object has its own table with every one of its fields.
    const { html } = await renderIn("en", contextFor(db, null), "/api/docs", [route]);
    // The operation lists its answer's fields itself: the $ref resolved.
    const start = html.indexOf('id="op-getme"');
    const section = html.slice(start, html.indexOf("</article>", start));
    for (const name of ["username", "token.kind", "token.scopes"]) expect(section).toContain(`<code>${name}</code>`);
    expect(section).toContain('<a href="#schema-Me"><code>Me</code></a>');
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(html, name).toContain(`id="schema-${name}"`);
      for (const property of Object.keys(schema.properties ?? {})) expect(html, `${name}.${property}`).toContain(`<code>${property}</code>`);
    }
  });

  test("each problem type has the section its type URI points at", async () => {
    const { html } = await renderIn("en", contextFor(db, null), "/api/docs", [route]);
    for (const type of Object.keys(PROBLEM_TYPES) as ProblemType[]) {
      const uri = problemTypeUri(type);
      expect(uri.startsWith("/api/docs#")).toBe(true);
      expect(html, type).toContain(`id="${uri.split("#")[1]}"`);
    }
    const text = textOf(html);
    expect(text).toContain("invalid-input · 422 · Invalid input");
    expect(text).toContain("too-many-requests · 429 · Too many requests");
  });

  test("the introduction and the webhooks' signature", async () => {
    const text = textOf((await renderIn("en", contextFor(db, null), "/api/docs", [route])).html);
    expect(text).toContain(`${ORIGIN}/api/v1`);
    expect(text).toContain("Authorization: Bearer <token>");
    for (const header of ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "X-Entraide-Signature", "X-Entraide-Timestamp"]) expect(text).toContain(header);
    expect(text).toContain("nextCursor");
    expect(text).toContain("HMAC-SHA256");
    expect(text).toContain("more than 5 minutes away from your clock");
    for (const event of ["thread.created", "answer.accepted", "incident.resolved", "rank.reached"]) expect(text).toContain(event);
  });

  test("in French: the page's words are French; headings follow each other in order", async () => {
    const { html } = await renderIn("fr", { ...contextFor(db, null), language: "fr" }, "/api/docs", [route]);
    const text = textOf(html);
    expect(text).toContain("Référence de l’API");
    expect(text).toContain("Limites de débit");
    expect(text).toContain("Problèmes (erreurs)");
    expect(text).toContain("invalid-input · 422");
    expect(text).not.toMatch(/apiPages\.|Getting started|Rate limits/);
    // No heading level is skipped (h1, then h2, h3, h4 in order), and tables have headers.
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
    const tables = html.split("<table").slice(1);
    for (const table of tables) expect(table).toContain('<th scope="col">');
  });
});
