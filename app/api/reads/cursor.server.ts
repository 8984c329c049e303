// Cursor pagination for the API's lists: a cursor is the last row's sort key
// and id, with the sort's name (a cursor of one sort means nothing in
// another), as base64url JSON. Opaque to callers; a cursor that does not
// decode for this list is invalid input on the `cursor` field.
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { translateMessage } from "../../i18n/messages.server";
import type { Language } from "../../i18n/languages";
import { ApiProblem } from "../problem.server";

export type CursorValue = number | string;

export function encodeCursor(list: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([list, ...values]), "utf8").toString("base64url");
}

/** The values a cursor carries, checked against what the list expects; a 422 on `cursor` otherwise. */
export function decodeCursor(cursor: string, list: string, shape: ("number" | "string")[], language: Language): CursorValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === shape.length + 1 &&
    decoded[0] === list &&
    shape.every((kind, i) => (kind === "number" ? Number.isSafeInteger(decoded[i + 1]) : typeof decoded[i + 1] === "string"));
  if (!valid) {
    throw new ApiProblem("invalid-input", translateMessage(language, "api.errors.invalidQuery"), [
      { field: "cursor", message: translateMessage(language, "apiReads.badCursor") },
    ]);
  }
  return (decoded as CursorValue[]).slice(1);
}

/**
 * The rows after the cursor in a list sorted by these columns, all
 * descending: `(a, b, id) < (x, y, z)` as an SQL row value, which SQLite
 * walks on an index of the same columns.
 */
export function afterDescending(columns: (SQLiteColumn | SQL)[], values: CursorValue[]): SQL {
  return sql`(${sql.join(columns, sql`, `)}) < (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

/** A page of `limit` rows read as `limit + 1`: the rows, and the cursor of the last one when more follow. */
export function pageOf<T>(rows: T[], limit: number, list: string, keyOf: (row: T) => CursorValue[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, nextCursor: more && items.length ? encodeCursor(list, keyOf(items[items.length - 1]!)) : null };
}
