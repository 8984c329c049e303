import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { categories } from "../../db/schema";

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
