import { and, asc, count, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { inJsonIds, preparedQuery } from "../../../db/prepared";
import { flags, posts, threads, users, type FlagReason } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "./audit.server";
import { hidePost } from "./moderation.server";
import { holdIfSpam } from "./review.server";
import { deletePost, loadPost } from "../forum/post.server";

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
    if (!inserted.length) return { ok: false as const, errors: { form: "You have already flagged this post. The moderators will look at it." } };
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
export function resolveFlag(db: Db, actor: Actor, flagId: number, outcome: "dismissed" | "actioned") {
  assertCan(actor, "flag.review");
  const flag = db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw new Response("No such flag.", { status: 404 });
  if (flag.status !== "open") return flag;
  db.transaction((tx) => {
    tx.update(flags).set({ status: outcome, resolvedAt: new Date(), resolvedById: actor!.id }).where(eq(flags.id, flag.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: `flag.${outcome}`,
      targetType: "post",
      targetId: flag.postId,
      details: { flagId: flag.id, reason: flag.reason },
    });
  });
  return flag;
}

/**
 * A moderator's decision on a flag: dismiss it, hide the flagged post with a
 * reason, or delete it (hiding and deleting close every open flag on that
 * post as actioned). Only "hide" can fail: its reason is required.
 */
export function decideFlag(
  db: Db,
  actor: Actor,
  flagId: number,
  decision: "dismiss" | "hide" | "delete",
  reason = "",
): { ok: true; flag: typeof flags.$inferSelect } | { ok: false; errors: FieldErrors } {
  assertCan(actor, "flag.review");
  const flag = db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw new Response("No such flag.", { status: 404 });
  if (decision === "dismiss") return { ok: true, flag: resolveFlag(db, actor, flagId, "dismissed") };
  if (decision === "hide") {
    const result = hidePost(db, actor, flag.postId, reason);
    return result.ok ? { ok: true, flag } : result;
  }
  db.transaction((tx) => {
    const { post } = loadPost(db, actor, flag.postId);
    if (!post.deletedAt) deletePost(db, actor, flag.postId);
    // Every open flag on the post closes in one statement, and the one
    // decision is one audit entry naming them, as hiding a post does.
    const closed = tx
      .update(flags)
      .set({ status: "actioned", resolvedAt: new Date(), resolvedById: actor!.id })
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
    });
  });
  return { ok: true, flag };
}
