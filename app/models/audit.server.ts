import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../db/client";
import { auditEvents, users } from "../../db/schema";

export type AuditEntry = {
  actorId: number;
  action: string;
  targetType: string;
  targetId?: number | null;
  details?: Record<string, unknown>;
  reason?: string;
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
    })
    .run();
}

const targetUsers = alias(users, "target_users");

/** The latest audit entries about users (role changes), newest first. */
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
    .where(eq(auditEvents.targetType, "user"))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit)
    .all()
    .map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}
