// The API's list of knowledge-base articles: the /kb list's sorts (most
// helpful, newest) and category filter, by cursor. Published articles for
// everyone, as /kb lists them; staff may ask for drafts or archived ones
// (the scope's visibleArticles keeps them from anyone else).
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { articles, type ArticleStatus } from "../../../db/schema";
import type { KbSort } from "../../forms/kb";
import { sightOf, visibleArticles } from "../../models/visibility.server";
import { presentArticleSummaries, type ApiViewer } from "../present.server";
import type { ApiArticleSummary } from "../schemas";
import { afterDescending, decodeCursor, pageOf } from "./cursor.server";

export type ArticleListQuery = { sort: KbSort; status: ArticleStatus; categoryId?: number; cursor?: string; limit: number };

// A draft has no publication date yet: it sorts by when it was written.
const published = sql<number>`coalesce(${articles.publishedAt}, ${articles.createdAt})`;

function orderOf(sort: KbSort) {
  return sort === "helpful"
    ? { columns: [articles.helpfulYes, articles.updatedAt, articles.id] as (typeof articles.id | SQL)[], key: (a: typeof articles.$inferSelect) => [a.helpfulYes, a.updatedAt.getTime(), a.id] }
    : { columns: [published, articles.id] as (typeof articles.id | SQL)[], key: (a: typeof articles.$inferSelect) => [(a.publishedAt ?? a.createdAt).getTime(), a.id] };
}

export function listArticlesForApi(db: Db, viewer: ApiViewer, query: ArticleListQuery): { items: ApiArticleSummary[]; nextCursor: string | null } {
  const order = orderOf(query.sort);
  const listName = ["articles", query.sort, query.status, query.categoryId ?? ""].join(":");
  const after = query.cursor ? decodeCursor(query.cursor, listName, order.columns.map(() => "number"), viewer.language) : null;
  const rows = db
    .select()
    .from(articles)
    .where(
      and(
        visibleArticles(sightOf(viewer.user)),
        eq(articles.status, query.status),
        query.categoryId ? eq(articles.categoryId, query.categoryId) : undefined,
        after ? afterDescending(order.columns, after) : undefined,
      ),
    )
    .orderBy(...order.columns.map((column) => desc(column)))
    .limit(query.limit + 1)
    .all();
  const page = pageOf(rows, query.limit, listName, order.key);
  return { items: presentArticleSummaries(db, viewer, page.items), nextCursor: page.nextCursor };
}
