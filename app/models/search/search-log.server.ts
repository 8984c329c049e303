import { and, count, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { articles, deflections, searchQueries, threads, type SearchKind } from "../../../db/schema";
import { canSeeArticle, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { normaliseQuery } from "./search-query.server";
import { documentPath } from "./search.server";
import { threadPath } from "../forum/thread.server";
import { actorT } from "../../i18n/messages.server";

/** Records a search; returns its id, which the result links carry to record the click. */
export function logSearch(db: Db, entry: { query: string; resultCount: number; signedIn: boolean }, now = new Date()): number {
  return db
    .insert(searchQueries)
    .values({ query: normaliseQuery(entry.query), resultCount: entry.resultCount, signedIn: entry.signedIn, createdAt: now })
    .returning({ id: searchQueries.id })
    .get().id;
}

/** The log entry a results page belongs to, if `logId` really is this query's. */
export function findSearchLog(db: Db, logId: number, query: string) {
  const entry = db.select().from(searchQueries).where(eq(searchQueries.id, logId)).get();
  return entry && entry.query === normaliseQuery(query) ? entry : null;
}

/**
 * Follows a result link: the first click of a search is recorded, and the
 * path of the result is returned (null when the result is gone or hidden).
 */
export function recordSearchClick(db: Db, logId: number | null, kind: SearchKind, id: number, now = new Date()): string | null {
  const path = documentPath(db, kind, id);
  if (!path) return null;
  if (logId) {
    db.update(searchQueries)
      .set({ clickedKind: kind, clickedId: id, clickedAt: now })
      .where(and(eq(searchQueries.id, logId), isNull(searchQueries.clickedAt)))
      .run();
  }
  return path;
}

/**
 * "This answered my question": the person leaves /ask for an existing thread
 * or article instead of posting. Returns where to send them.
 */
export function recordDeflection(
  db: Db,
  entry: { query: string; kind: SearchKind; id: number; signedIn: boolean },
  now = new Date(),
): string | null {
  const path = documentPath(db, entry.kind, entry.id);
  if (!path) return null;
  db.insert(deflections)
    .values({ query: normaliseQuery(entry.query), targetKind: entry.kind, targetId: entry.id, signedIn: entry.signedIn, createdAt: now })
    .run();
  return path;
}

export type InsightPeriod = { from: Date; to: Date };
const LIST_LIMIT = 25;

/**
 * What the customers searched for in a period, for moderators: the most
 * frequent queries, those with no results, those whose results nobody
 * opened, and the questions that were never asked because an answer was found.
 */
export function searchInsights(db: Db, actor: Actor, period: InsightPeriod) {
  assertCan(actor, "search.insights");
  const inPeriod = and(gte(searchQueries.createdAt, period.from), lt(searchQueries.createdAt, period.to));
  const searches = count();
  const clicks = sql<number>`sum(case when ${searchQueries.clickedAt} is not null then 1 else 0 end)`;
  const averageResults = sql<number>`round(avg(${searchQueries.resultCount}), 1)`;
  const lastAt = sql<number>`max(${searchQueries.createdAt})`;

  const totals = db
    .select({
      searches,
      noResults: sql<number>`coalesce(sum(case when ${searchQueries.resultCount} = 0 then 1 else 0 end), 0)`,
      clicked: sql<number>`coalesce(${clicks}, 0)`,
      signedIn: sql<number>`coalesce(sum(${searchQueries.signedIn}), 0)`,
    })
    .from(searchQueries)
    .where(inPeriod)
    .get()!;

  const top = db
    .select({ query: searchQueries.query, searches, averageResults, clicks })
    .from(searchQueries)
    .where(inPeriod)
    .groupBy(searchQueries.query)
    .orderBy(desc(searches), searchQueries.query)
    .limit(LIST_LIMIT)
    .all();

  const noResults = db
    .select({ query: searchQueries.query, searches, lastAt })
    .from(searchQueries)
    .where(and(inPeriod, eq(searchQueries.resultCount, 0)))
    .groupBy(searchQueries.query)
    .orderBy(desc(searches), searchQueries.query)
    .limit(LIST_LIMIT)
    .all();

  const noClick = db
    .select({ query: searchQueries.query, searches, averageResults })
    .from(searchQueries)
    .where(inPeriod)
    .groupBy(searchQueries.query)
    .having(sql`min(${searchQueries.resultCount}) > 0 and ${clicks} = 0`)
    .orderBy(desc(searches), searchQueries.query)
    .limit(LIST_LIMIT)
    .all();

  const deflectionPeriod = and(gte(deflections.createdAt, period.from), lt(deflections.createdAt, period.to));
  const deflectionTotal = db.select({ n: count() }).from(deflections).where(deflectionPeriod).get()!.n;
  const deflectionCount = count();
  const byTarget = db
    .select({ kind: deflections.targetKind, id: deflections.targetId, deflections: deflectionCount })
    .from(deflections)
    .where(deflectionPeriod)
    .groupBy(deflections.targetKind, deflections.targetId)
    .orderBy(desc(deflectionCount))
    .limit(LIST_LIMIT)
    .all();
  const recentDeflections = db
    .select({ query: deflections.query, kind: deflections.targetKind, id: deflections.targetId, createdAt: deflections.createdAt })
    .from(deflections)
    .where(deflectionPeriod)
    .orderBy(desc(deflections.createdAt), desc(deflections.id))
    .limit(LIST_LIMIT)
    .all();

  const titles = targetTitles(db, [...byTarget, ...recentDeflections]);
  const removed = { title: actorT(actor)("contentServer.search.removed"), path: null };
  const describe = <T extends { kind: SearchKind; id: number }>(row: T) => ({ ...row, ...(titles.get(`${row.kind}:${row.id}`) ?? removed) });

  return {
    totals: { ...totals, deflections: deflectionTotal },
    top,
    noResults: noResults.map((r) => ({ ...r, lastAt: new Date(r.lastAt) })),
    noClick,
    deflections: { byTarget: byTarget.map(describe), recent: recentDeflections.map(describe) },
  };
}

/** Titles and paths of deflection targets, one query per kind. */
function targetTitles(db: Db, targets: { kind: SearchKind; id: number }[]) {
  const map = new Map<string, { title: string; path: string | null }>();
  const threadIds = [...new Set(targets.filter((t) => t.kind === "thread").map((t) => t.id))];
  if (threadIds.length) {
    const rows = db.select({ id: threads.id, slug: threads.slug, title: threads.title, deletedAt: threads.deletedAt }).from(threads).where(inArray(threads.id, threadIds)).all();
    for (const row of rows) map.set(`thread:${row.id}`, { title: row.title, path: row.deletedAt ? null : threadPath(row) });
  }
  const articleIds = [...new Set(targets.filter((t) => t.kind === "article").map((t) => t.id))];
  if (articleIds.length) {
    const rows = db.select({ id: articles.id, slug: articles.slug, title: articles.title, status: articles.status }).from(articles).where(inArray(articles.id, articleIds)).all();
    for (const row of rows) map.set(`article:${row.id}`, { title: row.title, path: canSeeArticle(null, row) ? `/kb/${row.slug}` : null });
  }
  return map;
}
