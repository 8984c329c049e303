import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../../db/client";
import { announcements, articles, auditEvents, posts, threads, users } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { AuditAction } from "../../utils/audit-labels";

export type AuditEntry = {
  actorId: number;
  /** One of the audit log's labelled actions: an unlabelled one does not compile. */
  action: AuditAction;
  targetType: string;
  targetId?: number | null;
  details?: Record<string, unknown>;
  reason?: string;
  /**
   * When the action happened: a model given its moment (`now`) passes it on,
   * so a history written after the fact (the demo's) keeps its real dates.
   * Now by default.
   */
  at?: Date;
};

/** Written inside the transaction of the action it records. */
export function recordAudit(tx: DbOrTx, entry: AuditEntry) {
  tx.insert(auditEvents)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      reason: entry.reason ?? "",
      ...(entry.at ? { createdAt: entry.at } : {}),
    })
    .run();
}

const targetUsers = alias(users, "target_users");

/** The latest role changes, newest first (other entries about users, such as suspensions, have their own pages). */
export function listUserAuditEvents(db: Db, limit = 20) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      details: auditEvents.details,
      reason: auditEvents.reason,
      createdAt: auditEvents.createdAt,
      actorUsername: users.username,
      targetUsername: targetUsers.username,
    })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(targetUsers, eq(targetUsers.id, auditEvents.targetId))
    .where(and(eq(auditEvents.targetType, "user"), eq(auditEvents.action, "user.role_change")))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit)
    .all()
    .map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

export const AUDIT_PER_PAGE = 50;

export type AuditFilter = { moderator?: string; action?: string; from?: Date; to?: Date; page?: number };

const targetThreads = alias(threads, "target_threads");
const postThreads = alias(threads, "post_threads");

/**
 * The audit log for moderators, newest first, filtered by who, what and when,
 * with what each entry is about resolved in the same query (a post's thread,
 * a thread, a user, an article).
 */
export function listAuditLog(db: Db, actor: Actor, filter: AuditFilter = {}) {
  assertCan(actor, "mod.access");
  const page = filter.page ?? 1;
  const where = and(
    filter.moderator ? sql`lower(${users.username}) = lower(${filter.moderator})` : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.from ? gte(auditEvents.createdAt, filter.from) : undefined,
    filter.to ? lt(auditEvents.createdAt, filter.to) : undefined,
  );
  const rows = db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      reason: auditEvents.reason,
      createdAt: auditEvents.createdAt,
      actorUsername: users.username,
      actorName: users.displayName,
      targetUsername: targetUsers.username,
      threadId: sql<number | null>`coalesce(${targetThreads.id}, ${postThreads.id})`,
      threadTitle: sql<string | null>`coalesce(${targetThreads.title}, ${postThreads.title})`,
      threadSlug: sql<string | null>`coalesce(${targetThreads.slug}, ${postThreads.slug})`,
      articleTitle: articles.title,
      articleSlug: articles.slug,
      announcementKind: announcements.kind,
    })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(targetUsers, and(eq(auditEvents.targetType, "user"), eq(targetUsers.id, auditEvents.targetId)))
    .leftJoin(targetThreads, and(eq(auditEvents.targetType, "thread"), eq(targetThreads.id, auditEvents.targetId)))
    .leftJoin(posts, and(eq(auditEvents.targetType, "post"), eq(posts.id, auditEvents.targetId)))
    .leftJoin(postThreads, eq(postThreads.id, posts.threadId))
    .leftJoin(articles, and(eq(auditEvents.targetType, "article"), eq(articles.id, auditEvents.targetId)))
    .leftJoin(announcements, and(eq(auditEvents.targetType, "announcement"), eq(announcements.id, auditEvents.targetId)))
    .where(where)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(AUDIT_PER_PAGE + 1)
    .offset((page - 1) * AUDIT_PER_PAGE)
    .all();
  return {
    entries: rows.slice(0, AUDIT_PER_PAGE).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> })),
    hasMore: rows.length > AUDIT_PER_PAGE,
  };
}

/** The filters' choices: the staff who have acted, and the actions recorded. */
export function auditLogChoices(db: Db) {
  const moderators = db
    .selectDistinct({ username: users.username, displayName: users.displayName })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .orderBy(users.username)
    .all();
  const actions = db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action).all();
  return { moderators, actions: actions.map((a) => a.action) };
}
