// The leaderboard page (/leaderboard) in one verb: the board for a period,
// overall or in one category, and the categories to choose from.
import type { Db } from "../../../db/client";
import { listCategories } from "../forum/category.server";
import { leaderboard, type LeaderboardPeriod } from "./leaderboard.server";

/** An unknown category slug shows every category, like no slug at all. */
export function leaderboardPageFor(db: Db, period: LeaderboardPeriod, categorySlug: string) {
  const categories = listCategories(db);
  const category = categories.find((c) => c.slug === categorySlug) ?? null;
  return {
    period,
    categories: categories.map(({ slug, name }) => ({ slug, name })),
    category: category ? { slug: category.slug, name: category.name } : null,
    rows: leaderboard(db, { period, categoryId: category?.id }),
  };
}
