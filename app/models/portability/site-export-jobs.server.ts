// Full exports started by admins at /admin/export: queued here, prepared by
// the worker's "site-exports" job into a file in the exports folder next to
// the database, followed on the page (rows done of the total), downloaded by
// admins only. Starting one and downloading one are both in the audit log.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { siteExports, users, type SiteExportStatus } from "../../../db/schema";
import { refusedWith } from "../../i18n/message";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { exportSite } from "./site-export.server";

const DAY = 24 * 60 * 60 * 1000;
/** How long a prepared file is kept: an export holds the whole community, it should not linger. */
export const SITE_EXPORT_LIFETIME_MS = 7 * DAY;
/** How often the page's progress is written while the file is prepared. */
const PROGRESS_WRITE_MS = 500;

type Admin = NonNullable<Actor>;

/** The folder beside the database where exports are written (a temporary one for an in-memory database). */
export function exportsFolder(db: Db): string {
  const file = db.$client.name;
  const base = !file || file === ":memory:" || db.$client.memory ? path.resolve("data") : path.dirname(path.resolve(file));
  return path.join(base, "exports");
}

export type SiteExportView = {
  id: number;
  status: SiteExportStatus;
  withSecrets: boolean;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  bytes: number;
  done: number;
  total: number;
  error: string;
};

function progressOf(text: string): { done: number; total: number } {
  try {
    const value = JSON.parse(text) as { done?: unknown; total?: unknown };
    return { done: Number(value.done) || 0, total: Number(value.total) || 0 };
  } catch {
    return { done: 0, total: 0 };
  }
}

/** The admins' page: the latest exports, newest first, and whether one is on its way. */
export function siteExportsPage(db: Db, actor: Actor) {
  assertCan(actor, "admin.export");
  const rows = db
    .select({ row: siteExports, requestedBy: users.username })
    .from(siteExports)
    .innerJoin(users, eq(users.id, siteExports.requestedById))
    .orderBy(desc(siteExports.createdAt), desc(siteExports.id))
    .limit(20)
    .all();
  const exports: SiteExportView[] = rows.map(({ row, requestedBy }) => ({
    id: row.id,
    status: row.status,
    withSecrets: row.withSecrets,
    requestedBy,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    bytes: row.bytes,
    error: row.error,
    ...progressOf(row.progress),
  }));
  return { exports, busy: exports.some((e) => e.status === "pending" || e.status === "running") };
}

export type StartExportResult = { ok: true; exportId: number } | { ok: false; error: "busy" };

/**
 * Queues a full export, one at a time (the form has asked for the
 * confirmation secrets need). Recorded in the audit log, secrets or not.
 */
export function requestSiteExport(db: Db, actor: Actor, input: { withSecrets: boolean }, now = new Date()): StartExportResult {
  assertCan(actor, "admin.export");
  const admin = actor as Admin;
  return db.transaction((tx) => {
    const busy = tx
      .select({ id: siteExports.id })
      .from(siteExports)
      .where(inArray(siteExports.status, ["pending", "running"]))
      .get();
    if (busy) return { ok: false, error: "busy" } as const;
    const exportId = tx
      .insert(siteExports)
      .values({ requestedById: admin.id, withSecrets: input.withSecrets, createdAt: now })
      .returning({ id: siteExports.id })
      .get().id;
    recordAudit(tx, { actorId: admin.id, action: "site.export", targetType: "site_export", targetId: exportId, details: { withSecrets: input.withSecrets }, at: now });
    return { ok: true, exportId } as const;
  });
}

function fileNameFor(id: number, at: Date, withSecrets: boolean) {
  return `entraide-export-${at.toISOString().slice(0, 10)}-${id}${withSecrets ? "-with-secrets" : ""}.jsonl.gz`;
}

/** Exports this process is preparing: a "running" row not among them was cut short by a restart. */
const preparing = new Set<number>();

export type SiteExportRunReport = { prepared: number; failed: number; removed: number };

/**
 * The worker's job: removes the files whose days are over, marks exports a
 * restart interrupted as failed, then prepares the oldest pending export
 * (one per run: the worker runs a job again only once its run is over).
 */
export async function prepareSiteExports(db: Db, now = new Date(), log: Pick<Console, "error"> = console): Promise<SiteExportRunReport> {
  const folder = exportsFolder(db);
  const old = db
    .select({ id: siteExports.id, fileName: siteExports.fileName })
    .from(siteExports)
    .where(lte(siteExports.createdAt, new Date(now.getTime() - SITE_EXPORT_LIFETIME_MS)))
    .all()
    .filter((row) => !preparing.has(row.id));
  for (const row of old) {
    if (row.fileName) rmSync(path.join(folder, row.fileName), { force: true });
    db.delete(siteExports).where(eq(siteExports.id, row.id)).run();
  }
  const running = db.select({ id: siteExports.id }).from(siteExports).where(eq(siteExports.status, "running")).all();
  for (const row of running) {
    if (preparing.has(row.id)) continue;
    db.update(siteExports).set({ status: "failed", error: "interrupted (the server stopped while it was being prepared)", finishedAt: now }).where(eq(siteExports.id, row.id)).run();
  }
  const next = db.select().from(siteExports).where(eq(siteExports.status, "pending")).orderBy(siteExports.createdAt, siteExports.id).limit(1).get();
  if (!next) return { prepared: 0, failed: 0, removed: old.length };

  const fileName = fileNameFor(next.id, now, next.withSecrets);
  const claimed = db
    .update(siteExports)
    .set({ status: "running", startedAt: now, fileName })
    .where(and(eq(siteExports.id, next.id), eq(siteExports.status, "pending")))
    .run().changes;
  if (!claimed) return { prepared: 0, failed: 0, removed: old.length };
  preparing.add(next.id);
  let lastWrite = 0;
  const writeProgress = (done: number, total: number) => {
    db.update(siteExports).set({ progress: JSON.stringify({ done, total }) }).where(eq(siteExports.id, next.id)).run();
  };
  try {
    mkdirSync(folder, { recursive: true });
    const report = await exportSite(db, path.join(folder, fileName), {
      withSecrets: next.withSecrets,
      now,
      onProgress: ({ done, total }) => {
        if (Date.now() - lastWrite < PROGRESS_WRITE_MS && done < total) return;
        lastWrite = Date.now();
        writeProgress(done, total);
      },
    });
    db.update(siteExports)
      .set({ status: "ready", bytes: report.bytes, progress: JSON.stringify({ done: report.rows, total: report.rows }), finishedAt: new Date() })
      .where(eq(siteExports.id, next.id))
      .run();
    return { prepared: 1, failed: 0, removed: old.length };
  } catch (error) {
    log.error(`[site-exports] the export ${next.id} failed:`, error);
    db.update(siteExports)
      .set({ status: "failed", error: String((error as Error).message ?? error).slice(0, 500), finishedAt: new Date() })
      .where(eq(siteExports.id, next.id))
      .run();
    return { prepared: 0, failed: 1, removed: old.length };
  } finally {
    preparing.delete(next.id);
  }
}

/**
 * A prepared export's file, for an admin: where it is, its name and size.
 * Recorded in the audit log. Anything else (no such export, not ready, its
 * file gone) is a 404.
 */
export function siteExportDownload(db: Db, actor: Actor, id: number, now = new Date()) {
  assertCan(actor, "admin.export");
  const admin = actor as Admin;
  const row = db.select().from(siteExports).where(eq(siteExports.id, id)).get();
  const file = row?.fileName ? path.join(exportsFolder(db), row.fileName) : null;
  if (!row || row.status !== "ready" || !file || !existsSync(file)) throw refusedWith(404, "siteExport.errors.noSuchDownload");
  recordAudit(db, { actorId: admin.id, action: "site.export_download", targetType: "site_export", targetId: row.id, details: { withSecrets: row.withSecrets, bytes: row.bytes }, at: now });
  return { path: file, fileName: row.fileName, bytes: row.bytes };
}

/** For tests and the page: how many exports are on their way. */
export function pendingSiteExports(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(siteExports).where(inArray(siteExports.status, ["pending", "running"])).get()!.n;
}
