// Status announcements (incidents): a moderator opens one, posts updates and
// resolves it; while it is open a banner on every page links to it. The people
// who watch the affected category are told when it opens and when it ends.
// Only kind 'status' is read or written here (early access has its own module).
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { announcements, announcementUpdates, categories, threads, watches, type Severity } from "../../../db/schema";
import { getCategoryBySlug } from "../forum/category.server";
import { ALL_CATEGORIES } from "../../forms/incident";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { threadIdFromReference } from "../../utils/paths";
import { recordAudit } from "./audit.server";
import { knownUsersIn } from "../forum/mention.server";
import { notify } from "../notify/notification.server";
import { reindexThread } from "../search/search-index.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

const STATUS = "status" as const;
export const isStatus = eq(announcements.kind, STATUS);

export type IncidentInput = { title: string; severity: Severity; /** A category's slug, or "all". */ category: string; body: string };
type Incident = typeof announcements.$inferSelect;
export type IncidentResult = { ok: true; incident: Incident } | { ok: false; errors: FieldErrors };
export type IncidentActionResult = { ok: true } | { ok: false; errors: FieldErrors };

function render(db: DbOrTx, body: string) {
  return renderMarkdown(body, { knownUsers: knownUsersIn(db as Db, body) });
}

/** "all" → null (every category); a known slug → its id; anything else → undefined. */
function categoryIdFor(db: DbOrTx, category: string): number | null | undefined {
  if (category === ALL_CATEGORIES) return null;
  return getCategoryBySlug(db, category)?.id;
}

function findIncident(db: DbOrTx, id: number): Incident {
  const row = db.select().from(announcements).where(and(eq(announcements.id, id), isStatus)).get();
  if (!row) throw refusedWith(404, "staffServer.notFound.incident");
  return row;
}

/**
 * Who is told about an incident: everyone watching the affected category, or,
 * for one that affects every category, everyone watching any category (once
 * each). A muted category is not watched.
 */
function categoryWatchers(tx: DbOrTx, categoryId: number | null): number[] {
  return tx
    .selectDistinct({ userId: watches.userId })
    .from(watches)
    .where(
      and(
        eq(watches.targetType, "category"),
        categoryId === null ? undefined : eq(watches.targetId, categoryId),
        eq(watches.level, "watching"),
      ),
    )
    .all()
    .map((row) => row.userId);
}

/** Opens an incident: the banner appears at once and the category's watchers are notified. */
export function openIncident(db: Db, actor: Actor, input: IncidentInput, now = new Date()): IncidentResult {
  assertCan(actor, "incident.manage");
  const categoryId = categoryIdFor(db, input.category);
  if (categoryId === undefined) return { ok: false, errors: { category: actorT(actor)("staffServer.incident.categoryUnknown") } };
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      const incident = tx
        .insert(announcements)
        .values({
          kind: STATUS,
          title: input.title,
          body: input.body,
          bodyHtml,
          authorId: actor!.id,
          severity: input.severity,
          categoryId,
          createdAt: now,
        })
        .returning()
        .get();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "incident.open",
        targetType: "announcement",
        targetId: incident.id,
        details: { title: input.title, severity: input.severity, categoryId },
        at: now,
      });
      notify(tx, categoryWatchers(tx, categoryId), { kind: "status_opened", announcementId: incident.id, actorId: actor!.id, now });
      emitWebhookEvent(tx, "incident.opened", incident.id, now);
      return { ok: true as const, incident };
    },
    { behavior: "immediate" },
  );
}

/** Corrects an incident's title, severity, category or text. Nobody is told again. */
export function editIncident(db: Db, actor: Actor, id: number, input: IncidentInput, now = new Date()): IncidentResult {
  assertCan(actor, "incident.manage");
  findIncident(db, id);
  const categoryId = categoryIdFor(db, input.category);
  if (categoryId === undefined) return { ok: false, errors: { category: actorT(actor)("staffServer.incident.categoryUnknown") } };
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      const before = findIncident(tx, id);
      const incident = tx
        .update(announcements)
        .set({ title: input.title, body: input.body, bodyHtml, severity: input.severity, categoryId, updatedAt: now })
        .where(eq(announcements.id, id))
        .returning()
        .get();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "incident.edit",
        targetType: "announcement",
        targetId: id,
        details: {
          title: input.title,
          ...(before.title !== input.title ? { previousTitle: before.title } : {}),
          ...(before.severity !== input.severity ? { severity: input.severity, previousSeverity: before.severity } : {}),
          ...(before.categoryId !== categoryId ? { categoryId, previousCategoryId: before.categoryId } : {}),
        },
        at: now,
      });
      emitWebhookEvent(tx, "incident.updated", id, now);
      return { ok: true as const, incident };
    },
    { behavior: "immediate" },
  );
}

/** Adds an update to an open incident's timeline. */
export function postIncidentUpdate(db: Db, actor: Actor, input: { incidentId: number; body: string }, now = new Date()): IncidentActionResult {
  assertCan(actor, "incident.manage");
  findIncident(db, input.incidentId);
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      const incident = findIncident(tx, input.incidentId);
      if (incident.resolvedAt) return { ok: false as const, errors: { body: actorT(actor)("staffServer.incident.resolvedNoUpdate") } };
      const update = tx
        .insert(announcementUpdates)
        .values({ announcementId: incident.id, authorId: actor!.id, body: input.body, bodyHtml, createdAt: now })
        .returning({ id: announcementUpdates.id })
        .get();
      tx.update(announcements).set({ updatedAt: now }).where(eq(announcements.id, incident.id)).run();
      emitWebhookEvent(tx, "incident.updated", incident.id, now);
      recordAudit(tx, {
        actorId: actor!.id,
        action: "incident.update",
        targetType: "announcement",
        targetId: incident.id,
        details: { title: incident.title, updateId: update.id },
        at: now,
      });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/**
 * Resolves an incident with a closing note (its last update): the banner goes
 * and the affected category's watchers are told, in one transaction.
 */
export function resolveIncident(db: Db, actor: Actor, input: { incidentId: number; note: string }, now = new Date()): IncidentActionResult {
  assertCan(actor, "incident.manage");
  findIncident(db, input.incidentId);
  const bodyHtml = render(db, input.note);
  return db.transaction(
    (tx) => {
      const incident = findIncident(tx, input.incidentId);
      if (incident.resolvedAt) return { ok: false as const, errors: { note: actorT(actor)("staffServer.incident.alreadyResolved") } };
      tx.insert(announcementUpdates)
        .values({ announcementId: incident.id, authorId: actor!.id, body: input.note, bodyHtml, createdAt: now })
        .run();
      tx.update(announcements)
        .set({ resolvedAt: now, resolvedById: actor!.id, updatedAt: now })
        .where(eq(announcements.id, incident.id))
        .run();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "incident.resolve",
        targetType: "announcement",
        targetId: incident.id,
        details: { title: incident.title },
        at: now,
      });
      notify(tx, categoryWatchers(tx, incident.categoryId), { kind: "status_resolved", announcementId: incident.id, actorId: actor!.id, now });
      emitWebhookEvent(tx, "incident.resolved", incident.id, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Links a thread (by its number or its address) to the incident; its page then points at the status update. */
export function linkThread(db: Db, actor: Actor, input: { incidentId: number; thread: string }, now = new Date()): IncidentActionResult {
  assertCan(actor, "incident.manage");
  findIncident(db, input.incidentId);
  const t = actorT(actor);
  const threadId = threadIdFromReference(input.thread);
  if (threadId === null) return { ok: false, errors: { thread: t("staffServer.incident.threadReference") } };
  return db.transaction(
    (tx) => {
      const incident = findIncident(tx, input.incidentId);
      const thread = tx.select().from(threads).where(eq(threads.id, threadId)).get();
      if (!thread || thread.deletedAt) return { ok: false as const, errors: { thread: t("staffServer.incident.noThread", { id: threadId }) } };
      if (thread.incidentId === incident.id) return { ok: false as const, errors: { thread: t("staffServer.incident.alreadyLinked", { title: thread.title }) } };
      tx.update(threads).set({ incidentId: incident.id }).where(eq(threads.id, thread.id)).run();
      reindexThread(tx, thread.id);
      recordAudit(tx, {
        actorId: actor!.id,
        action: "incident.link",
        targetType: "thread",
        targetId: thread.id,
        details: { incidentId: incident.id, incident: incident.title, ...(thread.incidentId ? { previousIncidentId: thread.incidentId } : {}) },
        at: now,
      });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** Takes a thread off the incident it was linked to. */
export function unlinkThread(db: Db, actor: Actor, input: { incidentId: number; threadId: number }, now = new Date()): IncidentActionResult {
  assertCan(actor, "incident.manage");
  findIncident(db, input.incidentId);
  return db.transaction(
    (tx) => {
      const incident = findIncident(tx, input.incidentId);
      const thread = tx.select().from(threads).where(eq(threads.id, input.threadId)).get();
      if (!thread || thread.incidentId !== incident.id) return { ok: false as const, errors: { form: actorT(actor)("staffServer.incident.notLinked") } };
      tx.update(threads).set({ incidentId: null }).where(eq(threads.id, thread.id)).run();
      reindexThread(tx, thread.id);
      recordAudit(tx, {
        actorId: actor!.id,
        action: "incident.unlink",
        targetType: "thread",
        targetId: thread.id,
        details: { incidentId: incident.id, incident: incident.title },
        at: now,
      });
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

/** What the editor needs (staff only). */
export function getIncidentForEdit(db: Db, actor: Actor, id: number) {
  assertCan(actor, "incident.manage");
  const incident = findIncident(db, id);
  const category = incident.categoryId
    ? db.select({ slug: categories.slug }).from(categories).where(eq(categories.id, incident.categoryId)).get()?.slug
    : undefined;
  return { ...incident, category: category ?? ALL_CATEGORIES };
}
