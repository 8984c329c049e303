// Moderators' actions on threads, posts and members (their dashboard's queues
// are in mod-dashboard.server.ts).
// Each action checks the policy, then changes the rows, the search index and
// the audit log together in one transaction. An action that would change
// nothing (locking a locked thread) records nothing.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { categories, flags, posts, threads, users } from "../../../db/schema";
import { liveThreads, PREPARED_SIGHT, seenOf, sightValues, visibleThreads } from "../visibility.server";
import { endUserSessions } from "../../auth/session.server";
import { canSeeThread, type Actor } from "../../policy";
import type { AuditAction } from "../../utils/audit-labels";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { threadIdFromReference, threadPath } from "../../utils/paths";
import { recordAudit } from "./audit.server";
import { scheduleFollowUp } from "../notify/follow-up.server";
import { loadPost } from "../forum/post.server";
import { reindexThread } from "../search/search-index.server";
import { getThread } from "../forum/thread.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

export type ModResult = { ok: true } | { ok: false; errors: FieldErrors };
const OK: ModResult = { ok: true };

type Thread = typeof threads.$inferSelect;

/** The thread a moderator acts on: staff only (refused before anything is read), 404 if there is none. */
function threadToModerate(db: Db, actor: Actor, threadId: number): Thread {
  assertCan(actor, "thread.moderate");
  const thread = getThread(db, threadId);
  if (!thread) throw refusedWith(404, "staffServer.notFound.thread");
  return thread;
}

function setThread(db: Db, actor: Actor, thread: Thread, values: Partial<Thread>, action: AuditAction, details: Record<string, unknown>, at: Date) {
  db.transaction((tx) => {
    tx.update(threads).set(values).where(eq(threads.id, thread.id)).run();
    recordAudit(tx, { actorId: actor!.id, action, targetType: "thread", targetId: thread.id, details, at });
  });
}

/** A locked thread takes no new answers or comments (staff excepted). */
export function lockThread(db: Db, actor: Actor, threadId: number, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  if (!thread.lockedAt) setThread(db, actor, thread, { lockedAt: now }, "thread.lock", {}, now);
  return OK;
}

export function unlockThread(db: Db, actor: Actor, threadId: number, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  if (thread.lockedAt) setThread(db, actor, thread, { lockedAt: null }, "thread.unlock", {}, now);
  return OK;
}

export type PinPlace = "category" | "home";

/** Pins a thread on top of its category's list, or of the home page's (and its category's). */
export function pinThread(db: Db, actor: Actor, threadId: number, where: PinPlace, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  if (thread.deletedAt) return { ok: false, errors: { pin: actorT(actor)("staffServer.pin.deleted") } };
  if (thread.pinnedIn === where) return OK;
  setThread(db, actor, thread, { pinnedIn: where, pinnedAt: now }, "thread.pin", { where, from: thread.pinnedIn }, now);
  return OK;
}

export function unpinThread(db: Db, actor: Actor, threadId: number, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  if (thread.pinnedIn) setThread(db, actor, thread, { pinnedIn: null, pinnedAt: null }, "thread.unpin", { from: thread.pinnedIn }, now);
  return OK;
}

/** Moves a thread to another category; its search entry follows. */
export function moveThread(db: Db, actor: Actor, threadId: number, categoryId: number, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  const t = actorT(actor);
  const target = db.select().from(categories).where(eq(categories.id, categoryId)).get();
  if (!target) return { ok: false, errors: { categoryId: t("staffServer.move.category") } };
  // The category's name as the admins wrote it (a brand's word, not translated here).
  if (target.id === thread.categoryId) return { ok: false, errors: { categoryId: t("staffServer.move.same", { category: target.name }) } };
  const from = db.select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.id, thread.categoryId)).get()!;
  db.transaction((tx) => {
    tx.update(threads).set({ categoryId: target.id }).where(eq(threads.id, thread.id)).run();
    reindexThread(tx, thread.id);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "thread.move",
      targetType: "thread",
      targetId: thread.id,
      details: { from: from.name, to: target.name },
      at: now,
    });
  });
  return OK;
}

/**
 * Closes a thread as a duplicate of another (given by number or address): it
 * then points readers there and takes no new answers. Chains stay one step
 * long: pointing at a duplicate points at its original, and the threads that
 * pointed here follow to the new original.
 */
export function closeAsDuplicate(db: Db, actor: Actor, threadId: number, originalReference: string, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  const originalId = threadIdFromReference(originalReference);
  const t = actorT(actor);
  const error = (key: string, id?: number): ModResult => ({ ok: false, errors: { original: t(`staffServer.duplicate.${key}`, { id }) } });
  if (!originalId) return error("reference");
  let original = getThread(db, originalId);
  if (!original) return error("missing", originalId);
  if (original.duplicateOfId !== null) original = getThread(db, original.duplicateOfId) ?? original;
  if (original.id === thread.id) return originalId === thread.id ? error("itself") : error("circular", originalId);
  if (original.deletedAt) return error("deleted", original.id);
  if (original.hiddenAt) return error("hidden", original.id);
  if (thread.duplicateOfId === original.id) return OK;
  db.transaction((tx) => {
    tx.update(threads).set({ duplicateOfId: original.id }).where(eq(threads.id, thread.id)).run();
    const repointed = tx
      .update(threads)
      .set({ duplicateOfId: original.id })
      .where(eq(threads.duplicateOfId, thread.id))
      .returning({ id: threads.id })
      .all();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "thread.duplicate",
      targetType: "thread",
      targetId: thread.id,
      details: { originalId: original.id, originalTitle: original.title, ...(repointed.length ? { repointed: repointed.map((r) => r.id) } : {}) },
      at: now,
    });
  });
  return OK;
}

/** Undoes "closed as a duplicate": the thread takes answers again. */
export function reopenDuplicate(db: Db, actor: Actor, threadId: number, now = new Date()): ModResult {
  const thread = threadToModerate(db, actor, threadId);
  if (thread.duplicateOfId !== null) setThread(db, actor, thread, { duplicateOfId: null }, "thread.reopen", { originalId: thread.duplicateOfId }, now);
  return OK;
}

export const HIDE_REASON_MAX = 500;

/**
 * Hides a post with a reason: out of sight for everyone but staff and its
 * author (who sees the reason). A hidden question hides its thread from
 * lists and search; a hidden answer leaves the answer count. Open flags on
 * the post are closed as acted on.
 */
export function hidePost(db: Db, actor: Actor, postId: number, reason: string, now = new Date()): ModResult {
  // Staff only, before anything is read about the post.
  assertCan(actor, "thread.moderate");
  const { post, thread, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.hide", resource);
  const t = actorT(actor);
  const why = reason.trim();
  if (!why) return { ok: false, errors: { reason: t("staffServer.hide.reasonRequired") } };
  if (why.length > HIDE_REASON_MAX) return { ok: false, errors: { reason: t("staffServer.reasonTooLong", { max: HIDE_REASON_MAX }) } };
  if (post.hiddenAt) return { ok: false, errors: { form: t("staffServer.hide.alreadyHidden") } };
  db.transaction((tx) => {
    tx.update(posts).set({ hiddenAt: now, hiddenById: actor!.id, hiddenReason: why }).where(eq(posts.id, post.id)).run();
    emitWebhookEvent(tx, "post.hidden", post.id, now);
    if (post.kind === "question") tx.update(threads).set({ hiddenAt: now }).where(eq(threads.id, thread.id)).run();
    if (post.kind === "answer" && !post.deletedAt) {
      tx.update(threads).set({ answerCount: sql`${threads.answerCount} - 1` }).where(eq(threads.id, thread.id)).run();
    }
    const closed = tx
      .update(flags)
      .set({ status: "actioned", resolvedAt: now, resolvedById: actor!.id })
      .where(and(eq(flags.postId, post.id), eq(flags.status, "open")))
      .returning({ id: flags.id })
      .all();
    reindexThread(tx, thread.id);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "post.hide",
      targetType: "post",
      targetId: post.id,
      details: { kind: post.kind, authorId: post.authorId, ...(closed.length ? { flags: closed.map((f) => f.id) } : {}) },
      reason: why,
      at: now,
    });
  });
  return OK;
}

export function unhidePost(db: Db, actor: Actor, postId: number, now = new Date()): ModResult {
  assertCan(actor, "thread.moderate");
  const { post, thread, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.hide", { ...resource, deleted: false });
  if (!post.hiddenAt) return OK;
  db.transaction((tx) => {
    tx.update(posts).set({ hiddenAt: null, hiddenById: null, hiddenReason: "" }).where(eq(posts.id, post.id)).run();
    if (post.kind === "question") tx.update(threads).set({ hiddenAt: null }).where(eq(threads.id, thread.id)).run();
    if (post.kind === "answer" && !post.deletedAt) {
      tx.update(threads).set({ answerCount: sql`${threads.answerCount} + 1` }).where(eq(threads.id, thread.id)).run();
      // While it was hidden, the follow-up job may have found no answer and
      // let the thread go: an answer from someone else back in sight puts
      // "Did this solve your problem?" back on, counted from when it was written.
      if (post.authorId !== thread.authorId) scheduleFollowUp(tx, thread, post.createdAt);
    }
    reindexThread(tx, thread.id);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "post.unhide",
      targetType: "post",
      targetId: post.id,
      details: { kind: post.kind, hiddenReason: post.hiddenReason },
      at: now,
    });
  });
  return OK;
}

export const SUSPEND_REASON_MAX = 500;
/** The longest suspension; beyond it, the account should be dealt with otherwise. */
export const SUSPEND_MAX_DAYS = 3_650;
const DAY = 24 * 60 * 60 * 1000;

function userToSuspend(db: Db, actor: Actor, userId: number) {
  // Staff only, before anything is read about the user.
  assertCan(actor, "thread.moderate");
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw refusedWith(404, "staffServer.notFound.member");
  assertCan(actor, "user.suspend", { id: user.id, role: user.role });
  return user;
}

/**
 * Suspends a member until a moment, with a reason they are shown: they can
 * still read, but every write is refused, and their sessions end now.
 */
export function suspendUser(db: Db, actor: Actor, userId: number, input: { until: Date; reason: string }, now = new Date()): ModResult {
  const user = userToSuspend(db, actor, userId);
  const t = actorT(actor);
  const reason = input.reason.trim();
  const errors: FieldErrors = {};
  if (!reason) errors.reason = t("staffServer.suspend.reasonRequired");
  else if (reason.length > SUSPEND_REASON_MAX) errors.reason = t("staffServer.reasonTooLong", { max: SUSPEND_REASON_MAX });
  if (!(input.until.getTime() > now.getTime())) errors.until = t("staffServer.suspend.untilPast");
  else if (input.until.getTime() - now.getTime() > SUSPEND_MAX_DAYS * DAY) errors.until = t("staffServer.suspend.tooLong", { days: SUSPEND_MAX_DAYS });
  if (Object.keys(errors).length) return { ok: false, errors };
  db.transaction((tx) => {
    tx.update(users).set({ suspendedUntil: input.until, suspendReason: reason }).where(eq(users.id, user.id)).run();
    endUserSessions(tx, user.id);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "user.suspend",
      targetType: "user",
      targetId: user.id,
      details: { until: input.until.toISOString(), ...(user.suspendedUntil ? { previousUntil: user.suspendedUntil.toISOString() } : {}) },
      reason,
      at: now,
    });
  });
  return OK;
}

/** Lifts a suspension before its end. */
export function unsuspendUser(db: Db, actor: Actor, userId: number, now = new Date()): ModResult {
  const user = userToSuspend(db, actor, userId);
  const until = user.suspendedUntil;
  if (!until || until.getTime() <= now.getTime()) return { ok: false, errors: { form: actorT(actor)("staffServer.suspend.notSuspended") } };
  db.transaction((tx) => {
    tx.update(users).set({ suspendedUntil: null, suspendReason: "" }).where(eq(users.id, user.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "user.unsuspend",
      targetType: "user",
      targetId: user.id,
      details: { until: until.toISOString(), reason: user.suspendReason },
      at: now,
    });
  });
  return OK;
}

// ---------------------------------------------------------------------------
// What the moderators' pages read.

const originals = alias(threads, "originals");

/** The moderator's tools page for one thread: its state, the categories, where it points and what points to it. */
export function getThreadModeration(db: Db, actor: Actor, threadId: number) {
  const thread = threadToModerate(db, actor, threadId);
  const original =
    thread.duplicateOfId !== null
      ? (db.select({ id: threads.id, title: threads.title, slug: threads.slug }).from(threads).where(eq(threads.id, thread.duplicateOfId)).get() ?? null)
      : null;
  const question = db
    .select({ id: posts.id, hiddenAt: posts.hiddenAt, hiddenReason: posts.hiddenReason })
    .from(posts)
    .where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question")))
    .get();
  const asker = db.select({ username: users.username, role: users.role }).from(users).where(eq(users.id, thread.authorId)).get()!;
  return {
    thread,
    question: question ?? null,
    asker,
    categories: db.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.position), asc(categories.name)).all(),
    original,
    duplicates: duplicatesOf(db, actor, thread.id),
  };
}

// The threads closed as duplicates of one thread that the viewer may open,
// oldest first; deleted ones for nobody (not even staff: the banner is for readers).
const selectDuplicatesOf = preparedQuery((db) =>
  db
    .select({ id: threads.id, title: threads.title, slug: threads.slug })
    .from(threads)
    .where(
      and(
        eq(threads.duplicateOfId, sql.placeholder("threadId")),
        liveThreads(),
        visibleThreads(PREPARED_SIGHT),
      ),
    )
    .orderBy(asc(threads.createdAt), asc(threads.id))
    .prepare(),
);

function duplicatesOf(db: Db, viewer: Actor, threadId: number) {
  return selectDuplicatesOf(db).all({ threadId, ...sightValues(viewer) });
}

/**
 * The duplicate banners of a thread page: the original this thread points to
 * (if this viewer can open it: not deleted, and, once its question is hidden,
 * only for its asker and staff), and the duplicates that point here.
 */
export function duplicateLinks(db: Db, viewer: Actor, thread: Pick<Thread, "id" | "duplicateOfId">) {
  const original =
    thread.duplicateOfId !== null
      ? (db
          .select({
            id: originals.id,
            title: originals.title,
            slug: originals.slug,
            authorId: originals.authorId,
            deletedAt: originals.deletedAt,
            hiddenAt: originals.hiddenAt,
          })
          .from(originals)
          .where(eq(originals.id, thread.duplicateOfId))
          .get() ?? null)
      : null;
  const readable = !!original && !original.deletedAt && canSeeThread(viewer, seenOf(original));
  return {
    original: original && readable ? { id: original.id, title: original.title, path: threadPath(original) } : null,
    duplicates: duplicatesOf(db, viewer, thread.id).map((d) => ({ id: d.id, title: d.title, path: threadPath(d) })),
  };
}

/** A post as its moderation page shows it. */
export function getPostModeration(db: Db, actor: Actor, postId: number) {
  assertCan(actor, "thread.moderate");
  const { post, thread, resource } = loadPost(db, actor, postId);
  const author = db.select({ username: users.username, displayName: users.displayName, role: users.role }).from(users).where(eq(users.id, post.authorId)).get()!;
  const hiddenBy = post.hiddenById
    ? (db.select({ username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, post.hiddenById)).get() ?? null)
    : null;
  return { post, thread, resource, author, hiddenBy };
}

/** A member as the suspension page shows them. */
export function getUserModeration(db: Db, actor: Actor, username: string, now = new Date()) {
  assertCan(actor, "thread.moderate");
  const user = db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).get();
  if (!user) throw refusedWith(404, "staffServer.notFound.member");
  const suspended = !!user.suspendedUntil && user.suspendedUntil.getTime() > now.getTime();
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      reputation: user.reputation,
      createdAt: user.createdAt,
      suspendedUntil: suspended ? user.suspendedUntil : null,
      suspendReason: suspended ? user.suspendReason : "",
    },
  };
}

/**
 * The members of a list who are suspended now, with when it ends (for the
 * admins' users list, where a suspended member must not look like anyone
 * else). Staff only. One query, whatever the length of the list.
 */
export function activeSuspensions(db: Db, actor: Actor, userIds: number[], now = new Date()): Map<number, Date> {
  assertCan(actor, "thread.moderate");
  if (!userIds.length) return new Map();
  const rows = db
    .select({ id: users.id, until: users.suspendedUntil })
    .from(users)
    .where(and(inArray(users.id, userIds), gt(users.suspendedUntil, now)))
    .all();
  return new Map(rows.map((row) => [row.id, row.until!]));
}
