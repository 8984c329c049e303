import { and, asc, count, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { inJsonIds, preparedQuery } from "../../../db/prepared";
import { flags, posts, threads, users, type FlagReason } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { MOD_REASON_MAX } from "../../forms/moderation";
import { recordAudit } from "./audit.server";
import { hidePost } from "./moderation.server";
import { holdIfSpam } from "./review.server";
import { deletePost, loadPost } from "../forum/post.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

export function flagPost(
  db: Db,
  actor: Actor,
  input: { postId: number; reason: FlagReason; note: string },
): { ok: true } | { ok: false; errors: FieldErrors } {
  const { post, resource } = loadPost(db, actor, input.postId);
  assertCan(actor, "post.flag", resource);
  return db.transaction((tx) => {
    const inserted = tx
      .insert(flags)
      .values({ postId: input.postId, reporterId: actor!.id, reason: input.reason, note: input.note })
      .onConflictDoNothing()
      .returning({ id: flags.id })
      .all();
    if (!inserted.length) return { ok: false as const, errors: { form: actorT(actor)("staffServer.flag.already") } };
    emitWebhookEvent(tx, "flag.raised", inserted[0]!.id);
    // Enough spam flags from trusted members hide the post at once, pending review.
    if (input.reason === "spam") holdIfSpam(tx, post, actor!.id);
    return { ok: true as const };
  });
}

/** The posts (of a set) the user has flagged, in one query. */
const selectFlagsOfUser = preparedQuery((db) =>
  db
    .select({ postId: flags.postId })
    .from(flags)
    .where(and(eq(flags.reporterId, sql.placeholder("userId")), inJsonIds(flags.postId, "postIds")))
    .prepare(),
);

export function flaggedByUser(db: Db, userId: number | undefined, postIds: number[]): number[] {
  if (!userId || !postIds.length) return [];
  return selectFlagsOfUser(db)
    .all({ userId, postIds: JSON.stringify(postIds) })
    .map((r) => r.postId);
}

export function countOpenFlags(db: Db): number {
  return db.select({ n: count() }).from(flags).where(eq(flags.status, "open")).get()!.n;
}

const authors = alias(users, "authors");

/** The open flags, oldest first, with the post, its author and the thread they are about. */
export function listOpenFlags(db: Db, actor: Actor) {
  assertCan(actor, "flag.review");
  return db
    .select({
      id: flags.id,
      reason: flags.reason,
      note: flags.note,
      createdAt: flags.createdAt,
      reporterUsername: users.username,
      postId: posts.id,
      postKind: posts.kind,
      postBody: posts.body,
      postHiddenAt: posts.hiddenAt,
      authorUsername: authors.username,
      authorRole: authors.role,
      threadId: threads.id,
      threadSlug: threads.slug,
      threadTitle: threads.title,
    })
    .from(flags)
    .innerJoin(users, eq(users.id, flags.reporterId))
    .innerJoin(posts, eq(posts.id, flags.postId))
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(flags.status, "open"))
    .orderBy(asc(flags.createdAt), asc(flags.id))
    .all()
    .map(({ postHiddenAt, ...flag }) => ({ ...flag, postHidden: !!postHiddenAt }));
}

/** A moderator closes a flag: "dismissed" (nothing wrong) or "actioned" (the post was dealt with). */
export function resolveFlag(db: Db, actor: Actor, flagId: number, outcome: "dismissed" | "actioned", now = new Date()) {
  assertCan(actor, "flag.review");
  const flag = db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw refusedWith(404, "staffServer.notFound.flag");
  if (flag.status !== "open") return flag;
  db.transaction((tx) => {
    tx.update(flags).set({ status: outcome, resolvedAt: now, resolvedById: actor!.id }).where(eq(flags.id, flag.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: `flag.${outcome}`,
      targetType: "post",
      targetId: flag.postId,
      details: { flagId: flag.id, reason: flag.reason },
      at: now,
    });
  });
  return flag;
}

export type FlagDecision = "dismiss" | "hide" | "delete";
export type FlagDecisionResult =
  | { ok: true; flag: typeof flags.$inferSelect; /** What was done, in the moderator's words. */ message: string }
  | { ok: false; errors: FieldErrors };

/**
 * A moderator's decision on a flag: dismiss it, hide the flagged post, or
 * delete it (hiding and deleting close every open flag on that post as
 * actioned). Hiding and deleting need a reason: the author reads why their
 * post is hidden; a deletion's reason is kept in the audit log. On success,
 * says what was done, in the moderator's words.
 */
export function decideFlag(db: Db, actor: Actor, flagId: number, decision: FlagDecision, reason = "", now = new Date()): FlagDecisionResult {
  assertCan(actor, "flag.review");
  const t = actorT(actor);
  const flag = db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw refusedWith(404, "staffServer.notFound.flag");
  if (decision === "dismiss") return { ok: true, flag: resolveFlag(db, actor, flagId, "dismissed", now), message: t("staffServer.flag.dismissed") };
  const { post } = loadPost(db, actor, flag.postId);
  const author = db.select({ username: users.username }).from(users).where(eq(users.id, post.authorId)).get()!;
  const done = (key: "hidden" | "deleted") => t(`staffServer.flag.${key}.${post.kind}`, { username: author.username });
  if (decision === "hide") {
    const result = hidePost(db, actor, flag.postId, reason, now);
    return result.ok ? { ok: true, flag, message: done("hidden") } : result;
  }
  const why = reason.trim();
  if (!why) return { ok: false, errors: { reason: t("staffServer.flag.deleteReasonRequired") } };
  if (why.length > MOD_REASON_MAX) return { ok: false, errors: { reason: t("staffServer.reasonTooLong", { max: MOD_REASON_MAX }) } };
  db.transaction((tx) => {
    if (!post.deletedAt) deletePost(db, actor, flag.postId, now);
    // Every open flag on the post closes in one statement, and the one
    // decision is one audit entry naming them, as hiding a post does.
    const closed = tx
      .update(flags)
      .set({ status: "actioned", resolvedAt: now, resolvedById: actor!.id })
      .where(and(eq(flags.postId, flag.postId), eq(flags.status, "open")))
      .returning({ id: flags.id })
      .all();
    if (!closed.length) return;
    recordAudit(tx, {
      actorId: actor!.id,
      action: "flag.actioned",
      targetType: "post",
      targetId: flag.postId,
      details: { flagId: flag.id, reason: flag.reason, decision: "delete", flags: closed.map((f) => f.id) },
      reason: why,
      at: now,
    });
  });
  return { ok: true, flag, message: done("deleted") };
}
