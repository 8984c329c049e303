import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import type { CategoryKind } from "../../../db/enums";
import { categories, threads } from "../../../db/schema";
import { hiddenQuestionThreadIds, liveThreads, threadNotHidden } from "../visibility.server";

export function listCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.name)).all();
}

/** The category of a slug, or null: the one lookup every domain uses (asking, articles, incidents, moving). */
export function getCategoryBySlug(db: DbOrTx, slug: string) {
  return db.select().from(categories).where(eq(categories.slug, slug)).get() ?? null;
}

export type NewCategory = {
  slug: string;
  name: string;
  description?: string;
  position?: number;
  /** What the category holds: questions (the default) or product ideas (members vote for them; staff set their status). */
  kind?: CategoryKind;
};

export function createCategory(db: Db, input: NewCategory) {
  return db
    .insert(categories)
    .values({ ...input, kind: input.kind ?? "questions" })
    .returning()
    .get();
}

/**
 * The categories with how many questions each holds: exactly the threads its
 * page lists (not deleted, and not those whose question a moderator hid: left
 * out by id, as the list does, for they are few). One statement after the
 * hidden ids, counting each category on its index.
 */
export function listCategoriesWithCounts(db: Db) {
  const hidden = hiddenQuestionThreadIds(db);
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      translations: categories.translations,
      // db.$count nests its condition, so its columns keep their table names. A
      // column written straight into a sql`` field of a one-table select loses
      // it: `category_id = id` compared each thread with itself (issue #12).
      threadCount: db.$count(threads, and(eq(threads.categoryId, categories.id), liveThreads(), threadNotHidden(hidden))),
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
    .all();
}
