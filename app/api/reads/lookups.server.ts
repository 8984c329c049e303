// What a list's filters name (a category's slug, a member's username),
// looked up once per request; a name that names nothing is invalid input on
// its field. And the 404 every single read answers for what does not exist
// or may not be seen.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { categories } from "../../../db/schema";
import { translateMessage } from "../../i18n/messages.server";
import type { Language } from "../../i18n/languages";
import { findUserByUsername } from "../../models/accounts/user.server";
import { ApiProblem } from "../problem.server";

/**
 * A token without the operation's scope is a 403 (insufficient-scope), which
 * the document's common problems (400, 401, 429) do not list: each read
 * declares it.
 */
export const SCOPE_PROBLEMS = [403];

export function categoryNamed(db: Db, slug: string, language: Language) {
  const category = db.select().from(categories).where(eq(categories.slug, slug)).get();
  if (!category) {
    throw new ApiProblem("invalid-input", translateMessage(language, "api.errors.invalidQuery"), [
      { field: "category", message: translateMessage(language, "apiReads.unknownCategory") },
    ]);
  }
  return category;
}

/** A member by username (not a deleted account, which has no profile). */
export function memberNamed(db: Db, username: string, language: Language, field = "author") {
  const user = findUserByUsername(db, username);
  if (!user || user.deletedAt) {
    throw new ApiProblem("invalid-input", translateMessage(language, "api.errors.invalidQuery"), [
      { field, message: translateMessage(language, "apiReads.unknownAuthor") },
    ]);
  }
  return user;
}

export function notFound(language: Language): ApiProblem {
  return new ApiProblem("not-found", translateMessage(language, "api.errors.notFound"));
}

/** The object, or a 404 problem when the presenter found nothing the caller may see. */
export function found<T>(value: T | null, language: Language): T {
  if (value === null) throw notFound(language);
  return value;
}
