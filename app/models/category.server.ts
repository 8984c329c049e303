import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { categories, threads } from "../../db/schema";

export function listCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.name)).all();
}

export function getCategoryBySlug(db: Db, slug: string) {
  return db.select().from(categories).where(eq(categories.slug, slug)).get() ?? null;
}

export type NewCategory = { slug: string; name: string; description?: string; position?: number };

export function createCategory(db: Db, input: NewCategory) {
  return db.insert(categories).values(input).returning().get();
}

/** The categories with how many (visible) questions each holds, in one query. */
export function listCategoriesWithCounts(db: Db) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      threadCount: sql<number>`(select count(*) from ${threads} where ${threads.categoryId} = ${categories.id} and ${threads.deletedAt} is null)`,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
    .all();
}
