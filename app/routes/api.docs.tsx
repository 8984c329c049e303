// /api/docs: the API's reference, read from the OpenAPI document the API
// serves (/api/v1/openapi.json) and rendered on the server, so it can never
// disagree with what the API validates. The words around the document are
// the catalogues' (apiPages.docs.*); the document's own summaries and
// descriptions are in English and marked so. (The /api/v1 addresses are
// answered by the HTTP edge before Remix; this page is a Remix route.)
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { API_BASE } from "~/api/handler.server";
import { openApiDocument } from "~/api/openapi.server";
import { PROBLEM_TYPES, type ProblemType } from "~/api/problem.server";
import { rateLimitsFromEnv } from "~/api/rate-limit.server";
import { readConfig } from "~/config.server";
import { metaT, useT } from "~/i18n/i18n";
import { WEBHOOK_EVENTS } from "../../db/enums";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("apiPages.docs.title") }];

// ---------------------------------------------------------------- reading the document

type Schema = Record<string, any>;
type OperationObject = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  "x-scope"?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type OpenApiDoc = {
  servers?: { url: string }[];
  paths?: Record<string, Record<string, OperationObject>>;
  webhooks?: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
};

/** A field's type, in parts the page puts into words (and links, for a named schema). */
export type TypeDesc =
  | { kind: "ref"; name: string }
  | { kind: "primitive"; name: string; format?: string }
  | { kind: "enum"; values: string[] }
  | { kind: "array"; of: TypeDesc }
  | { kind: "union"; of: TypeDesc[] }
  | { kind: "any" };

export type Limits = { of: "length" | "value" | "items"; min?: number; max?: number };

/** A field; what it lacks (a description, limits, a default) is left out, to keep the page's data small. */
export type FieldRow = { name: string; type: TypeDesc; required: boolean; description?: string; limits?: Limits; defaultValue?: string };
export type ParameterRow = FieldRow & { in: string };
export type ResponseDoc = { status: string; description: string; schemaName: string | null; fields: FieldRow[] };
export type OperationDoc = {
  anchor: string;
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string;
  anonymous: boolean;
  parameters: ParameterRow[];
  body: { schemaName: string | null; fields: FieldRow[] } | null;
  success: ResponseDoc | null;
  problems: { status: string; type: ProblemType | null; description: string }[];
};
export type TagDoc = { name: string; anchor: string; operations: OperationDoc[] };
export type SchemaDoc = { name: string; anchor: string; description: string; type: TypeDesc | null; fields: FieldRow[] };
export type WebhookDoc = { event: string; anchor: string; summary: string; description: string; schemaName: string | null; fields: FieldRow[] };

const refName = (ref: string) => ref.split("/").pop() ?? ref;
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";

function deref(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): Schema {
  if (!schema) return {};
  if (schema.$ref && depth < 20) return deref(doc, doc.components?.schemas?.[refName(schema.$ref)], depth + 1);
  // zod-to-openapi wraps a described reference as allOf: [{ $ref }].
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && !schema.properties) return { ...deref(doc, schema.allOf[0], depth + 1), ...(schema.description ? { description: schema.description } : {}) };
  return schema;
}

function typeOf(schema: Schema | undefined): TypeDesc {
  if (!schema) return { kind: "any" };
  if (schema.$ref) return { kind: "ref", name: refName(schema.$ref) };
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return typeOf(schema.allOf[0]);
  if (Array.isArray(schema.enum)) return { kind: "enum", values: schema.enum.map((value: unknown) => String(value)) };
  if (schema.const !== undefined) return { kind: "enum", values: [String(schema.const)] };
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) return { kind: "union", of: branches.map((branch: Schema) => typeOf(branch)) };
  if (Array.isArray(schema.type)) {
    const types = schema.type as string[];
    return { kind: "union", of: types.map((name) => typeOf({ ...schema, type: name })) };
  }
  if (schema.type === "array") return { kind: "array", of: typeOf(schema.items) };
  if (typeof schema.type === "string") return { kind: "primitive", name: schema.type, ...(schema.format ? { format: String(schema.format) } : {}) };
  if (schema.properties) return { kind: "primitive", name: "object" };
  return { kind: "any" };
}

function limitsOf(schema: Schema): Limits | null {
  const s = Array.isArray(schema.allOf) && schema.allOf.length === 1 ? { ...schema.allOf[0], ...schema } : schema;
  const pick = (of: Limits["of"], min: unknown, max: unknown): Limits | null =>
    typeof min === "number" || typeof max === "number" ? { of, ...(typeof min === "number" ? { min } : {}), ...(typeof max === "number" ? { max } : {}) } : null;
  return pick("length", s.minLength, s.maxLength) ?? pick("value", s.minimum ?? s.exclusiveMinimum, s.maximum ?? s.exclusiveMaximum) ?? pick("items", s.minItems, s.maxItems);
}

/** The object schemas a schema stands for (its own, allOf's parts, a nullable union's object). */
function objectParts(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): Schema[] {
  const s = deref(doc, schema);
  if (depth > 10) return [];
  if (s.properties) return [s];
  if (Array.isArray(s.allOf)) return s.allOf.flatMap((part: Schema) => objectParts(doc, part, depth + 1));
  const branches = s.anyOf ?? s.oneOf;
  if (Array.isArray(branches)) {
    const objects = branches.map((branch: Schema) => objectParts(doc, branch, depth + 1)).filter((parts: Schema[]) => parts.length);
    return objects.length === 1 ? objects[0]! : [];
  }
  return [];
}

const inline = (schema: Schema | undefined) => !!schema && !schema.$ref && !(Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.allOf[0]?.$ref);

function fieldRow(name: string, schema: Schema, required: boolean, description: string): FieldRow {
  const limits = limitsOf(schema);
  return {
    name,
    type: typeOf(schema),
    required,
    ...(description ? { description } : {}),
    ...(limits ? { limits } : {}),
    ...(schema.default === undefined ? {} : { defaultValue: JSON.stringify(schema.default) }),
  };
}

/**
 * Every field of an object schema, named schemas resolved at the top and
 * nested anonymous objects spelled out (`token.scopes`, `items[].id`); a
 * nested named schema is a link to its own table.
 */
function fieldsOf(doc: OpenApiDoc, schema: Schema | undefined, prefix = "", depth = 0): FieldRow[] {
  if (depth > 6) return [];
  const rows: FieldRow[] = [];
  for (const part of objectParts(doc, schema)) {
    const required = new Set<string>(Array.isArray(part.required) ? part.required : []);
    for (const [key, property] of Object.entries<Schema>(part.properties ?? {})) {
      const name = `${prefix}${key}`;
      const own = property.description ?? (property.$ref ? "" : deref(doc, property).description) ?? "";
      rows.push(fieldRow(name, property, required.has(key), String(own ?? "")));
      if (inline(property) && objectParts(doc, property).length && !property.$ref) rows.push(...fieldsOf(doc, property, `${name}.`, depth + 1));
      else if (inline(property) && property.type === "array" && inline(property.items) && objectParts(doc, property.items).length) {
        rows.push(...fieldsOf(doc, property.items, `${name}[].`, depth + 1));
      }
    }
  }
  return rows;
}

function parameterRows(parameters: OperationObject["parameters"]): ParameterRow[] {
  return (parameters ?? []).map((parameter) => ({
    ...fieldRow(parameter.name, parameter.schema ?? {}, !!parameter.required, parameter.description ?? parameter.schema?.description ?? ""),
    in: parameter.in,
  }));
}

function contentSchema(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  if (!content) return undefined;
  return (content["application/json"] ?? Object.values(content)[0])?.schema;
}

function schemaNameOf(schema: Schema | undefined): string | null {
  if (!schema) return null;
  if (schema.$ref) return refName(schema.$ref);
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.allOf[0]?.$ref) return refName(schema.allOf[0].$ref);
  return null;
}

/** A body's or answer's own fields; a named schema's are in its own table (the page shows them there and here). */
function ownFields(doc: OpenApiDoc, schema: Schema | undefined): FieldRow[] {
  return schema && !schemaNameOf(schema) ? fieldsOf(doc, schema) : [];
}

/** The problem type a status answers with (the first one listed for it). */
function problemTypeFor(status: string): ProblemType | null {
  const found = (Object.entries(PROBLEM_TYPES) as [ProblemType, number][]).find(([, code]) => String(code) === status);
  return found ? found[0] : null;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function operationDoc(doc: OpenApiDoc, method: string, path: string, operation: OperationObject): OperationDoc {
  const responses = Object.entries(operation.responses ?? {});
  const success = responses.find(([status]) => /^2\d\d$/.test(status));
  const bodySchema = contentSchema(operation.requestBody?.content);
  const successSchema = success ? contentSchema(success[1].content) : undefined;
  const operationId = operation.operationId ?? `${method}-${path}`;
  return {
    anchor: `op-${slug(operationId)}`,
    operationId,
    method: method.toUpperCase(),
    path,
    summary: operation.summary ?? "",
    description: operation.description ?? "",
    scope: operation["x-scope"] ?? "read",
    anonymous: (operation.security ?? []).some((requirement) => Object.keys(requirement).length === 0),
    parameters: parameterRows(operation.parameters),
    body: bodySchema ? { schemaName: schemaNameOf(bodySchema), fields: ownFields(doc, bodySchema) } : null,
    success: success
      ? { status: success[0], description: success[1].description ?? "", schemaName: schemaNameOf(successSchema), fields: ownFields(doc, successSchema) }
      : null,
    problems: responses
      .filter(([status]) => !/^2\d\d$/.test(status))
      .map(([status, response]) => ({ status, type: problemTypeFor(status), description: response.description ?? "" })),
  };
}

/** The document in the page's shape: operations by tag (in the document's order), schemas, webhooks. */
export function referenceFrom(document: object) {
  const doc = document as OpenApiDoc;
  const tags = new Map<string, TagDoc>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const name = operation.tags?.[0] ?? "API";
      if (!tags.has(name)) tags.set(name, { name, anchor: `tag-${slug(name)}`, operations: [] });
      tags.get(name)!.operations.push(operationDoc(doc, method, path, operation));
    }
  }
  const schemas: SchemaDoc[] = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => {
    const fields = fieldsOf(doc, schema);
    return { name, anchor: `schema-${name}`, description: String(schema.description ?? ""), type: fields.length ? null : typeOf(schema), fields };
  });
  const documented = doc.webhooks ?? {};
  const events = [...new Set<string>([...WEBHOOK_EVENTS, ...Object.keys(documented)])];
  const webhooks: WebhookDoc[] = events.map((event) => {
    const operation = documented[event]?.post ?? Object.values(documented[event] ?? {})[0];
    const schema = contentSchema(operation?.requestBody?.content);
    return {
      event,
      anchor: `event-${slug(event)}`,
      summary: operation?.summary ?? "",
      description: operation?.description ?? "",
      schemaName: schemaNameOf(schema),
      fields: ownFields(doc, schema),
    };
  });
  return { baseUrl: doc.servers?.[0]?.url ?? API_BASE, tags: [...tags.values()], schemas, webhooks };
}

export type Reference = ReturnType<typeof referenceFrom>;

// ---------------------------------------------------------------- the page

export async function loader({ request }: LoaderFunctionArgs) {
  const { PUBLIC_URL } = readConfig();
  const origin = PUBLIC_URL ? new URL(PUBLIC_URL).origin : new URL(request.url).origin;
  const limits = rateLimitsFromEnv();
  return json({
    reference: referenceFrom(openApiDocument(origin)),
    documentUrl: `${API_BASE}/openapi.json`,
    problemTypes: Object.entries(PROBLEM_TYPES).map(([type, status]) => ({ type: type as ProblemType, status })),
    limits,
  });
}

/** A text from the document (English): `code` spans become <code>. */
function DocText({ text }: { text: string }) {
  if (!text) return null;
  return (
    <span lang="en">
      {text.split(/(`[^`]+`)/).map((part, index) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? <code key={index}>{part.slice(1, -1)}</code> : <Fragment key={index}>{part}</Fragment>,
      )}
    </span>
  );
}

function TypeText({ type }: { type: TypeDesc }): ReactNode {
  const t = useT();
  switch (type.kind) {
    case "ref":
      return (
        <a href={`#schema-${type.name}`}>
          <code>{type.name}</code>
        </a>
      );
    case "primitive":
      return (
        <>
          <code>{type.name}</code>
          {type.format ? <span className="muted"> ({type.format})</span> : null}
        </>
      );
    case "enum":
      return (
        <>
          {t("apiPages.docs.types.oneOf")}{" "}
          {type.values.map((value, index) => (
            <Fragment key={value}>
              {index ? ", " : null}
              <code>{value}</code>
            </Fragment>
          ))}
        </>
      );
    case "array":
      return (
        <>
          {t("apiPages.docs.types.arrayOf")} <TypeText type={type.of} />
        </>
      );
    case "union":
      return (
        <>
          {type.of.map((branch, index) => (
            <Fragment key={index}>
              {index ? ` ${t("apiPages.docs.types.or")} ` : null}
              <TypeText type={branch} />
            </Fragment>
          ))}
        </>
      );
    default:
      return <>{t("apiPages.docs.types.any")}</>;
  }
}

function LimitsText({ limits, defaultValue }: { limits?: Limits; defaultValue?: string }) {
  const t = useT();
  const parts: string[] = [];
  if (limits) {
    const which = limits.min !== undefined && limits.max !== undefined ? "between" : limits.min !== undefined ? "atLeast" : "atMost";
    const count = which === "atLeast" ? limits.min : which === "atMost" ? limits.max : undefined;
    parts.push(t(`apiPages.docs.limits.${limits.of}.${which}`, { min: limits.min, max: limits.max, ...(count === undefined ? {} : { count }) }));
  }
  if (defaultValue !== undefined) parts.push(t("apiPages.docs.limits.default", { value: defaultValue }));
  return parts.length ? <div className="muted">{parts.join(" · ")}</div> : null;
}

function FieldTable({ caption, fields, showIn = false }: { caption: string; fields: (FieldRow & { in?: string })[]; showIn?: boolean }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table api-fields">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiPages.docs.columns.field")}</th>
            {showIn ? <th scope="col">{t("apiPages.docs.columns.in")}</th> : null}
            <th scope="col">{t("apiPages.docs.columns.type")}</th>
            <th scope="col">{t("apiPages.docs.columns.required")}</th>
            <th scope="col">{t("apiPages.docs.columns.description")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={`${field.in ?? ""}${field.name}`}>
              <th scope="row">
                <code>{field.name}</code>
              </th>
              {showIn ? <td>{t(`apiPages.docs.in.${field.in}`, { defaultValue: field.in })}</td> : null}
              <td>
                <TypeText type={field.type} />
              </td>
              <td>{field.required ? t("apiPages.docs.yes") : t("apiPages.docs.no")}</td>
              <td>
                <DocText text={field.description ?? ""} />
                <LimitsText limits={field.limits} defaultValue={field.defaultValue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An operation; `named` holds each named schema's fields (a body or answer that is one is listed from it). */
function Operation({ operation, named }: { operation: OperationDoc; named: Record<string, FieldRow[]> }) {
  const t = useT();
  const bodyFields = operation.body ? (operation.body.schemaName ? (named[operation.body.schemaName] ?? []) : operation.body.fields) : [];
  const answerFields = operation.success ? (operation.success.schemaName ? (named[operation.success.schemaName] ?? []) : operation.success.fields) : [];
  const titleId = `${operation.anchor}-title`;
  return (
    <article className="card stack api-operation" id={operation.anchor} aria-labelledby={titleId}>
      <h3 id={titleId}>
        <span className={`api-method api-method-${operation.method.toLowerCase()}`}>{operation.method}</span> <code className="api-path">{operation.path}</code>
      </h3>
      <p>
        <DocText text={operation.summary} />
      </p>
      {operation.description ? (
        <p>
          <DocText text={operation.description} />
        </p>
      ) : null}
      <dl className="api-facts">
        <dt>{t("apiPages.docs.operation.scope")}</dt>
        <dd>
          <code>{operation.scope}</code> {operation.anonymous ? <span className="muted">· {t("apiPages.docs.operation.anonymous")}</span> : null}
        </dd>
        <dt>{t("apiPages.docs.operation.id")}</dt>
        <dd>
          <code>{operation.operationId}</code>
        </dd>
      </dl>
      {operation.parameters.length ? (
        <>
          <h4>{t("apiPages.docs.operation.parameters")}</h4>
          <FieldTable caption={t("apiPages.docs.operation.parametersOf", { path: operation.path })} fields={operation.parameters} showIn />
        </>
      ) : null}
      {operation.body ? (
        <>
          <h4>
            {t("apiPages.docs.operation.body")}
            {operation.body.schemaName ? (
              <>
                {" "}
                <a href={`#schema-${operation.body.schemaName}`}>
                  <code>{operation.body.schemaName}</code>
                </a>
              </>
            ) : null}
          </h4>
          <p className="muted">{t("apiPages.docs.operation.bodyStrict")}</p>
          <FieldTable caption={t("apiPages.docs.operation.bodyOf", { path: operation.path })} fields={bodyFields} />
        </>
      ) : null}
      {operation.success ? (
        <>
          <h4>
            {t("apiPages.docs.operation.response", { status: operation.success.status })}
            {operation.success.schemaName ? (
              <>
                {" "}
                <a href={`#schema-${operation.success.schemaName}`}>
                  <code>{operation.success.schemaName}</code>
                </a>
              </>
            ) : null}
          </h4>
          <p>
            <DocText text={operation.success.description} />
          </p>
          {answerFields.length ? (
            <FieldTable caption={t("apiPages.docs.operation.responseOf", { path: operation.path })} fields={answerFields} />
          ) : null}
        </>
      ) : null}
      {operation.problems.length ? (
        <>
          <h4>{t("apiPages.docs.operation.problems")}</h4>
          <ul className="api-problem-list">
            {operation.problems.map((problem) => (
              <li key={problem.status}>
                {problem.type ? (
                  <a href={`#problem-${problem.type}`}>
                    <code>{problem.status}</code>
                  </a>
                ) : (
                  <code>{problem.status}</code>
                )}{" "}
                <DocText text={problem.description} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

export default function ApiReference() {
  const t = useT();
  const { reference, documentUrl, problemTypes, limits } = useLoaderData<typeof loader>();
  const { baseUrl, tags, schemas, webhooks } = reference;
  const named = Object.fromEntries(schemas.map((schema) => [schema.name, schema.fields]));
  const example = `curl -H "Authorization: Bearer entraide_…" ${baseUrl}/me`;
  return (
    <div className="page-medium api-docs">
      <header className="page-header">
        <h1>{t("apiPages.docs.heading")}</h1>
        <p className="lede">{t("apiPages.docs.lede")}</p>
        <p>
          <a href={documentUrl}>{t("apiPages.docs.openapiLink")}</a>
        </p>
      </header>

      <nav className="card api-toc" aria-labelledby="api-toc-title">
        <h2 id="api-toc-title">{t("apiPages.docs.contents")}</h2>
        <ul>
          <li>
            <a href="#start">{t("apiPages.docs.start.heading")}</a>
          </li>
          <li>
            <a href="#scopes">{t("apiPages.docs.scopes.heading")}</a>
          </li>
          <li>
            <a href="#rate-limits">{t("apiPages.docs.rateLimits.heading")}</a>
          </li>
          <li>
            <a href="#problems">{t("apiPages.docs.problems.heading")}</a>
          </li>
          <li>
            <a href="#pagination">{t("apiPages.docs.pagination.heading")}</a>
          </li>
          {tags.map((tag) => (
            <li key={tag.anchor}>
              <a href={`#${tag.anchor}`}>{t("apiPages.docs.operationsIn", { tag: tag.name })}</a>
            </li>
          ))}
          <li>
            <a href="#schemas">{t("apiPages.docs.schemas.heading")}</a>
          </li>
          <li>
            <a href="#webhooks">{t("apiPages.docs.webhooks.heading")}</a>
          </li>
        </ul>
      </nav>

      <section className="card stack" id="start" aria-labelledby="start-title">
        <h2 id="start-title">{t("apiPages.docs.start.heading")}</h2>
        <p>
          {t("apiPages.docs.start.base")} <code>{baseUrl}</code>
        </p>
        <p>
          {t("apiPages.docs.start.token")} <code>{"Authorization: Bearer <token>"}</code>
        </p>
        <p>
          {t("apiPages.docs.start.where")} <Link to="/settings/tokens">{t("apiPages.nav.tokens")}</Link> · <Link to="/admin/api">{t("apiPages.nav.admin")}</Link>
        </p>
        <p>{t("apiPages.docs.start.anonymous")}</p>
        <p>{t("apiPages.docs.start.noCookies")}</p>
        <p>{t("apiPages.docs.start.json")}</p>
        <pre className="api-example">
          <code>{example}</code>
        </pre>
      </section>

      <section className="card stack" id="scopes" aria-labelledby="scopes-title">
        <h2 id="scopes-title">{t("apiPages.docs.scopes.heading")}</h2>
        <p>{t("apiPages.docs.scopes.intro")}</p>
        <dl className="api-facts">
          {(["read", "write", "moderate"] as const).map((scope) => (
            <Fragment key={scope}>
              <dt>
                <code>{scope}</code>
              </dt>
              <dd>{t(`apiPages.docs.scopes.${scope}`)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>

      <section className="card stack" id="rate-limits" aria-labelledby="rate-limits-title">
        <h2 id="rate-limits-title">{t("apiPages.docs.rateLimits.heading")}</h2>
        <p>{t("apiPages.docs.rateLimits.limits", { perToken: limits.perToken, perAddress: limits.perAddress, seconds: limits.windowSeconds })}</p>
        <p>{t("apiPages.docs.rateLimits.headers")}</p>
        <HeaderTable
          caption={t("apiPages.docs.rateLimits.heading")}
          rows={(["RateLimit-Policy", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"] as const).map((header) => [header, t(`apiPages.docs.rateLimits.header.${header}`)])}
        />
      </section>

      <section className="card stack" id="problems" aria-labelledby="problems-title">
        <h2 id="problems-title">{t("apiPages.docs.problems.heading")}</h2>
        <p>
          {t("apiPages.docs.problems.intro")} <code>{"application/problem+json"}</code>
        </p>
        <p>{t("apiPages.docs.problems.fields")}</p>
        <pre className="api-example">
          <code>
            {JSON.stringify(
              { type: "/api/docs#problem-invalid-input", title: t("api.problems.invalid-input.title"), status: 422, detail: t("api.errors.invalidBody"), errors: [{ field: "title", message: "…" }] },
              null,
              2,
            )}
          </code>
        </pre>
        {problemTypes.map(({ type, status }) => (
          <section key={type} id={`problem-${type}`} className="api-problem" aria-labelledby={`problem-${type}-title`}>
            <h3 id={`problem-${type}-title`}>
              <code>{type}</code> · {status} · {t(`api.problems.${type}.title`)}
            </h3>
            <p>{t(`apiPages.docs.problems.types.${type}`)}</p>
          </section>
        ))}
      </section>

      <section className="card stack" id="pagination" aria-labelledby="pagination-title">
        <h2 id="pagination-title">{t("apiPages.docs.pagination.heading")}</h2>
        <p>{t("apiPages.docs.pagination.intro")}</p>
        <p>{t("apiPages.docs.pagination.next")}</p>
        <pre className="api-example">
          <code>{`GET ${baseUrl}/threads?limit=30\nGET ${baseUrl}/threads?limit=30&cursor=<nextCursor>`}</code>
        </pre>
      </section>

      {tags.map((tag) => (
        <section key={tag.anchor} id={tag.anchor} className="stack api-tag" aria-labelledby={`${tag.anchor}-title`}>
          <h2 id={`${tag.anchor}-title`}>{t("apiPages.docs.operationsIn", { tag: tag.name })}</h2>
          {tag.operations.map((operation) => (
            <Operation key={operation.anchor} operation={operation} named={named} />
          ))}
        </section>
      ))}

      <section className="card stack" id="schemas" aria-labelledby="schemas-title">
        <h2 id="schemas-title">{t("apiPages.docs.schemas.heading")}</h2>
        <p>{t("apiPages.docs.schemas.intro")}</p>
        {schemas.map((schema) => (
          <section key={schema.anchor} id={schema.anchor} className="stack api-schema" aria-labelledby={`${schema.anchor}-title`}>
            <h3 id={`${schema.anchor}-title`}>
              <code>{schema.name}</code>
            </h3>
            {schema.description ? (
              <p>
                <DocText text={schema.description} />
              </p>
            ) : null}
            {schema.fields.length ? (
              <FieldTable caption={t("apiPages.docs.schemas.fieldsOf", { name: schema.name })} fields={schema.fields} />
            ) : schema.type ? (
              <p>
                <TypeText type={schema.type} />
              </p>
            ) : null}
          </section>
        ))}
      </section>

      <section className="card stack" id="webhooks" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">{t("apiPages.docs.webhooks.heading")}</h2>
        <p>{t("apiPages.docs.webhooks.intro")}</p>
        <h3>{t("apiPages.docs.webhooks.envelopeHeading")}</h3>
        <p>{t("apiPages.docs.webhooks.envelope")}</p>
        <h3>{t("apiPages.docs.webhooks.signatureHeading")}</h3>
        <HeaderTable caption={t("apiPages.docs.webhooks.signatureHeading")} rows={[["X-Entraide-Event", t("apiPages.docs.webhooks.event")], ["X-Entraide-Delivery", t("apiPages.docs.webhooks.delivery")], ["X-Entraide-Timestamp", t("apiPages.docs.webhooks.timestamp")], ["X-Entraide-Signature", t("apiPages.docs.webhooks.signature")]]} />
        <p>{t("apiPages.docs.webhooks.verify")}</p>
        <pre className="api-example">
          <code>{"expected = HMAC-SHA256(secret, `${timestamp}.${body}`)  →  hex"}</code>
        </pre>
        <p>{t("apiPages.docs.webhooks.replay", { minutes: 5 })}</p>
        <p>{t("apiPages.docs.webhooks.retries")}</p>
        <h3>{t("apiPages.docs.webhooks.eventsHeading")}</h3>
        <div className="table-wrap">
          <table className="table api-events">
            <caption className="visually-hidden">{t("apiPages.docs.webhooks.eventsHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("apiPages.docs.columns.event")}</th>
                <th scope="col">{t("apiPages.docs.columns.description")}</th>
                <th scope="col">{t("apiPages.docs.columns.payload")}</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((webhook) => (
                <tr key={webhook.event} id={webhook.anchor}>
                  <th scope="row">
                    <code>{webhook.event}</code>
                  </th>
                  <td>
                    {t(`apiPages.docs.webhooks.events.${webhook.event}`, { defaultValue: "" }) || <DocText text={webhook.summary} />}
                    {webhook.description ? (
                      <div className="muted">
                        <DocText text={webhook.description} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {webhook.schemaName ? (
                      <a href={`#schema-${webhook.schemaName}`}>
                        <code>{webhook.schemaName}</code>
                      </a>
                    ) : webhook.fields.length ? (
                      <a href={`#${webhook.anchor}-payload`}>{t("apiPages.docs.webhooks.payloadLink")}</a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {webhooks
          .filter((webhook) => !webhook.schemaName && webhook.fields.length)
          .map((webhook) => (
            <section key={webhook.anchor} id={`${webhook.anchor}-payload`} aria-labelledby={`${webhook.anchor}-payload-title`}>
              <h4 id={`${webhook.anchor}-payload-title`}>
                <code>{webhook.event}</code>
              </h4>
              <FieldTable caption={t("apiPages.docs.schemas.fieldsOf", { name: webhook.event })} fields={webhook.fields} />
            </section>
          ))}
      </section>
    </div>
  );
}

/** HTTP headers and what each says, as a table. */
function HeaderTable({ caption, rows }: { caption: string; rows: readonly (readonly [string, string])[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiPages.docs.columns.header")}</th>
            <th scope="col">{t("apiPages.docs.columns.description")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([header, description]) => (
            <tr key={header}>
              <th scope="row">
                <code>{header}</code>
              </th>
              <td>{description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
