import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users } from "../../../db/schema";
import { mentionedNames, renderMarkdown } from "../../utils/markdown.server";

/** The users a text @mentions that exist (lower-cased name → spelling), in one query. */
export function knownUsersIn(db: Db, source: string): Map<string, string> {
  const names = mentionedNames(source).slice(0, 50);
  if (!names.length) return new Map();
  const rows = db
    .select({ username: users.username })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, names))
    .all();
  return new Map(rows.map((r) => [r.username.toLowerCase(), r.username]));
}

/**
 * What the no-JavaScript "Preview" of an editor shows: the text rendered as it
 * will be stored, mentions resolved; nothing for a text over `maxLength` (the
 * form's validation says why).
 */
export function renderPreview(db: Db, body: string, maxLength: number): string {
  return body.length <= maxLength ? renderMarkdown(body, { knownUsers: knownUsersIn(db, body) }) : "";
}
