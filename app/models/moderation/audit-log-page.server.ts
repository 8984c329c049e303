// The audit log (/mod/log) in one verb: one page of the entries the filters
// keep, and the moderators and actions to filter by. Staff only (listAuditLog
// checks, before anything is read).
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { auditLogChoices, listAuditLog } from "./audit.server";

const DAY = 24 * 60 * 60 * 1000;

/** The filters as the address gives them: dates as YYYY-MM-DD, already checked. */
export type AuditLogQuery = { moderator?: string; action?: string; from?: string; to?: string; page: number };

export function auditLogPageFor(db: Db, actor: Actor, query: AuditLogQuery) {
  const log = listAuditLog(db, actor, {
    moderator: query.moderator || undefined,
    action: query.action || undefined,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    // "To" is inclusive: the whole of that day.
    to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY) : undefined,
    page: query.page,
  });
  return { query, ...log, ...auditLogChoices(db) };
}
