// A category's page in one verb: the category, its questions (its pins first)
// and whether the viewer watches it.
import type { Db } from "../../../db/client";
import type { ThreadSort } from "../../forms/thread";
import type { Actor } from "../../policy";
import { watchLevel } from "../notify/watch.server";
import { getCategoryBySlug } from "./category.server";
import { listThreads } from "./thread.server";

/** The page's data, or null when there is no such category. */
export function categoryPageFor(db: Db, viewer: Actor, slug: string, sort: ThreadSort, page: number) {
  const category = getCategoryBySlug(db, slug);
  if (!category) return null;
  return {
    category,
    list: listThreads(db, { categoryId: category.id, pins: "category" }, sort, page),
    sort,
    signedIn: !!viewer,
    watchLevel: watchLevel(db, viewer, "category", category.id),
  };
}
