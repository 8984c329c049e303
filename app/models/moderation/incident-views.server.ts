// What readers see of status announcements (incidents): the banner's query on
// every page, the list, an incident's page with its updates and linked
// threads, and the notice on a linked thread. The writes are in incident.server.ts.
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../../db/client";
import { announcements, announcementUpdates, categories, threads, users, type Severity } from "../../../db/schema";
import { liveThreads, sightOf, visibleThreads } from "../visibility.server";
import { can, type Actor } from "../../policy";
import { refusedWith } from "../../i18n/message";
import { isStatus } from "./incident.server";
import { memoByPageVersion } from "../site/page-version.server";

const isOpen = and(isStatus, isNull(announcements.resolvedAt));

/** The open incidents for the banner on every page: one query on the (kind, resolvedAt) index. */
export function listOpenIncidents(db: DbOrTx) {
  // Read by every page for its banner: kept until a write changes what visitors see.
  return memoByPageVersion(db, "openIncidents", () =>
    db
      .select({ id: announcements.id, title: announcements.title, severity: announcements.severity })
      .from(announcements)
      .where(isOpen)
      .orderBy(desc(announcements.createdAt), desc(announcements.id))
      .all()
      .map((row) => ({ ...row, severity: row.severity ?? "information" })),
  );
}

/** The open incidents with the category each affects (null: every category), for /ask. */
export function listOpenIncidentsByCategory(db: Db) {
  return db
    .select({
      id: announcements.id,
      title: announcements.title,
      severity: announcements.severity,
      categorySlug: categories.slug,
      categoryName: categories.name,
      createdAt: announcements.createdAt,
      updatedAt: announcements.updatedAt,
    })
    .from(announcements)
    .leftJoin(categories, eq(categories.id, announcements.categoryId))
    .where(isOpen)
    .orderBy(desc(announcements.createdAt), desc(announcements.id))
    .all()
    .map((row) => ({ ...row, severity: row.severity ?? "information" }));
}

const listColumns = {
  id: announcements.id,
  title: announcements.title,
  severity: announcements.severity,
  createdAt: announcements.createdAt,
  updatedAt: announcements.updatedAt,
  resolvedAt: announcements.resolvedAt,
  categorySlug: categories.slug,
  categoryName: categories.name,
  updateCount: sql<number>`(select count(*) from ${announcementUpdates} where ${announcementUpdates.announcementId} = ${announcements.id})`,
};

/** /status: every open incident, then the most recently resolved ones. */
export function listIncidents(db: Db, resolvedLimit = 20) {
  const select = () => db.select(listColumns).from(announcements).leftJoin(categories, eq(categories.id, announcements.categoryId));
  const withSeverity = <T extends { severity: Severity | null }>(row: T) => ({ ...row, severity: row.severity ?? "information" });
  return {
    open: select().where(isOpen).orderBy(desc(announcements.createdAt), desc(announcements.id)).all().map(withSeverity),
    resolved: select()
      .where(and(isStatus, isNotNull(announcements.resolvedAt)))
      .orderBy(desc(announcements.resolvedAt), desc(announcements.id))
      .limit(resolvedLimit)
      .all()
      .map(withSeverity),
  };
}

const resolvers = alias(users, "resolvers");

/**
 * /status/:id: the incident, its updates oldest first, the threads linked to
 * it that the viewer can open (not deleted; one whose question a moderator
 * hid, only for its asker and staff), and whether the viewer manages incidents.
 */
export function getIncidentPage(db: Db, viewer: Actor, id: number) {
  const row = db
    .select({
      id: announcements.id,
      title: announcements.title,
      body: announcements.body,
      bodyHtml: announcements.bodyHtml,
      severity: announcements.severity,
      createdAt: announcements.createdAt,
      updatedAt: announcements.updatedAt,
      resolvedAt: announcements.resolvedAt,
      categoryId: announcements.categoryId,
      categorySlug: categories.slug,
      categoryName: categories.name,
      authorName: users.displayName,
      resolvedByName: resolvers.displayName,
    })
    .from(announcements)
    .innerJoin(users, eq(users.id, announcements.authorId))
    .leftJoin(categories, eq(categories.id, announcements.categoryId))
    .leftJoin(resolvers, eq(resolvers.id, announcements.resolvedById))
    .where(and(eq(announcements.id, id), isStatus))
    .get();
  if (!row) throw refusedWith(404, "staffServer.notFound.incident");
  const incident = { ...row, severity: row.severity ?? "information" };
  const updates = db
    .select({
      id: announcementUpdates.id,
      bodyHtml: announcementUpdates.bodyHtml,
      createdAt: announcementUpdates.createdAt,
      authorName: users.displayName,
    })
    .from(announcementUpdates)
    .innerJoin(users, eq(users.id, announcementUpdates.authorId))
    .where(eq(announcementUpdates.announcementId, id))
    .orderBy(asc(announcementUpdates.createdAt), asc(announcementUpdates.id))
    .all();
  const linked = db
    .select({ id: threads.id, title: threads.title, slug: threads.slug, answerCount: threads.answerCount, acceptedAnswerId: threads.acceptedAnswerId })
    .from(threads)
    .where(
      and(
        eq(threads.incidentId, id),
        liveThreads(),
        visibleThreads(sightOf(viewer)),
      ),
    )
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .all();
  const closingId = incident.resolvedAt ? updates.at(-1)?.id : undefined;
  return {
    incident,
    updates: updates.map((u) => ({ ...u, closing: u.id === closingId })),
    threads: linked.map(({ acceptedAnswerId, ...t }) => ({ ...t, solved: acceptedAnswerId !== null })),
    canManage: can(viewer, "incident.manage"),
  };
}


/** The incident a thread is linked to, for the notice on its page. */
export function incidentForThread(db: Db, incidentId: number | null) {
  if (!incidentId) return null;
  const row = db
    .select({ id: announcements.id, title: announcements.title, severity: announcements.severity, resolvedAt: announcements.resolvedAt })
    .from(announcements)
    .where(and(eq(announcements.id, incidentId), isStatus))
    .get();
  return row ? { id: row.id, title: row.title, severity: row.severity ?? "information", resolved: !!row.resolvedAt } : null;
}
