// Escalations: a moderator hands a thread to the support team with a note.
// The escalation waits in the moderators' queue (/mod/escalations) until a
// moderator closes it with a resolution. Opening and closing each emit a
// webhook event (escalation.opened, escalation.closed) in the same
// transaction, delivered to every webhook subscribed to it — among them the
// support team's SUPPORT_WEBHOOK_URL (see app/models/notify/webhooks.server.ts).
//
// The note is for staff: visitors and members only ever learn that the
// support team is looking into the thread, and since when.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { escalations, threads, users } from "../../../db/schema";
import { isStaff, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "./audit.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";
import { findVisibleThread } from "../forum/thread.server";

export type Escalation = typeof escalations.$inferSelect;
export type EscalationResult = { ok: true; escalation: Escalation; thread: { id: number; title: string; slug: string } } | { ok: false; errors: FieldErrors };

export const ESCALATION_NOTE_MAX = 2_000;
/** How many closed escalations the queue shows under the open ones. */
export const RECENTLY_CLOSED = 20;

type Person = { username: string; displayName: string };

function person(tx: DbOrTx, userId: number): Person {
  return tx.select({ username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, userId)).get()!;
}

/** The open escalation of a thread, if any (one at most). */
const selectOpenEscalation = preparedQuery((db) =>
  db
    .select()
    .from(escalations)
    .where(and(eq(escalations.threadId, sql.placeholder("threadId")), eq(escalations.status, "open")))
    .prepare(),
);

function openRow(tx: DbOrTx, threadId: number) {
  return selectOpenEscalation(tx).get({ threadId });
}

/**
 * Hands a thread to the support team (moderators only). One open escalation
 * per thread: a second one is refused with a message until the first is closed.
 */
export function escalateThread(db: Db, actor: Actor, threadId: number, note: string, now = new Date()): EscalationResult {
  const thread = findVisibleThread(db, actor, threadId);
  if (!thread) throw refusedWith(404, "staffServer.notFound.question");
  assertCan(actor, "thread.escalate", { authorId: thread.authorId, deleted: !!thread.deletedAt });
  const t = actorT(actor);
  const text = note.trim();
  if (!text) return { ok: false, errors: { note: t("staffServer.escalation.noteRequired") } };
  if (text.length > ESCALATION_NOTE_MAX) return { ok: false, errors: { note: t("staffServer.escalation.noteLong", { max: ESCALATION_NOTE_MAX }) } };
  return db.transaction(
    (tx): EscalationResult => {
      const open = openRow(tx, thread.id);
      if (open) {
        return { ok: false, errors: { form: t("staffServer.escalation.alreadyOpen") } };
      }
      const escalation = tx
        .insert(escalations)
        .values({ threadId: thread.id, openedById: actor!.id, note: text, status: "open", createdAt: now })
        .returning()
        .get();
      emitWebhookEvent(tx, "escalation.opened", escalation.id, now);
      recordAudit(tx, {
        actorId: actor!.id,
        action: "thread.escalate",
        targetType: "thread",
        targetId: thread.id,
        details: { escalationId: escalation.id },
        reason: text,
        at: now,
      });
      return { ok: true, escalation, thread: { id: thread.id, title: thread.title, slug: thread.slug } };
    },
    { behavior: "immediate" },
  );
}

/** Closes an open escalation with what was found or done (moderators only); integrations are told too. */
export function closeEscalation(db: Db, actor: Actor, escalationId: number, resolution: string, now = new Date()): EscalationResult {
  assertCan(actor, "escalation.close");
  const t = actorT(actor);
  const text = resolution.trim();
  if (!text) return { ok: false, errors: { resolution: t("staffServer.escalation.resolutionRequired") } };
  if (text.length > ESCALATION_NOTE_MAX) return { ok: false, errors: { resolution: t("staffServer.escalation.resolutionLong", { max: ESCALATION_NOTE_MAX }) } };
  return db.transaction(
    (tx): EscalationResult => {
      const current = tx.select().from(escalations).where(eq(escalations.id, escalationId)).get();
      if (!current) throw refusedWith(404, "staffServer.notFound.escalation");
      if (current.status !== "open") return { ok: false, errors: { form: t("staffServer.escalation.alreadyClosed") } };
      const escalation = tx
        .update(escalations)
        .set({ status: "closed", resolution: text, closedAt: now, closedById: actor!.id })
        .where(and(eq(escalations.id, escalationId), eq(escalations.status, "open")))
        .returning()
        .get()!;
      emitWebhookEvent(tx, "escalation.closed", escalation.id, now);
      recordAudit(tx, {
        actorId: actor!.id,
        action: "escalation.close",
        targetType: "thread",
        targetId: escalation.threadId,
        details: { escalationId: escalation.id },
        reason: text,
        at: now,
      });
      const thread = tx.select({ id: threads.id, title: threads.title, slug: threads.slug }).from(threads).where(eq(threads.id, escalation.threadId)).get()!;
      return { ok: true, escalation, thread };
    },
    { behavior: "immediate" },
  );
}

const openers = alias(users, "openers");
const closers = alias(users, "closers");

/** The moderators' queue: open escalations, oldest first, then the most recently closed. */
export function listEscalations(db: Db, actor: Actor, closedLimit = RECENTLY_CLOSED) {
  assertCan(actor, "escalation.close");
  const select = () =>
    db
      .select({
        id: escalations.id,
        note: escalations.note,
        status: escalations.status,
        resolution: escalations.resolution,
        createdAt: escalations.createdAt,
        closedAt: escalations.closedAt,
        threadId: threads.id,
        threadTitle: threads.title,
        threadSlug: threads.slug,
        threadDeleted: threads.deletedAt,
        openedByUsername: openers.username,
        openedByName: openers.displayName,
        closedByUsername: closers.username,
        closedByName: closers.displayName,
      })
      .from(escalations)
      .innerJoin(threads, eq(threads.id, escalations.threadId))
      .innerJoin(openers, eq(openers.id, escalations.openedById))
      .leftJoin(closers, eq(closers.id, escalations.closedById))
      .$dynamic();
  const open = select().where(eq(escalations.status, "open")).orderBy(asc(escalations.createdAt), asc(escalations.id)).all();
  const closed = select()
    .where(eq(escalations.status, "closed"))
    .orderBy(desc(escalations.closedAt), desc(escalations.id))
    .limit(closedLimit)
    .all();
  return { open, closed };
}

export type EscalationNotice = {
  createdAt: Date;
  /** Staff only: the note and who escalated. */
  note?: string;
  openedByName?: string;
};

/**
 * What a viewer of the thread may know about its open escalation: everyone
 * sees that it is open and since when; only staff see the note and who opened it.
 */
export function openEscalationFor(db: DbOrTx, viewer: Actor, threadId: number): EscalationNotice | null {
  const open = openRow(db, threadId);
  if (!open) return null;
  if (!isStaff(viewer)) return { createdAt: open.createdAt };
  return { createdAt: open.createdAt, note: open.note, openedByName: person(db, open.openedById).displayName };
}
