import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { mentionedNames } from "../utils/markdown.server";

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
