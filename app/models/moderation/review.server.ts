// The review queue (/mod/review): posts held when they were written (the
// admins' "hold for review" rule) and posts hidden at once by members' spam
// flags. A moderator approves one (published, announced if nobody was told
// of it yet) or rejects it (deleted), each audit-logged.
import { and, asc, count, eq, gte, inArray, isNotNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../../db/client";
import { flags, posts, threads, users } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import type { FieldErrors } from "../../utils/form.server";
import { getAccountRules } from "../accounts/account-rules.server";
import { deletePost, loadPost } from "../forum/post.server";
import { heldSinceWritten, holdPublishedPost, publishHeldPost } from "../forum/held-posts.server";
import { recordAudit } from "./audit.server";
import { livePosts } from "../visibility.server";
import { SPAM_HOLD_REASON_KEY } from "../../utils/hidden-reason";

export const REVIEW_PAGE_SIZE = 50;
export const REJECT_REASON_MAX = 500;

const authors = alias(users, "authors");

/** The posts waiting for review, oldest first, with their author and thread. */
export function listHeldPosts(db: Db, actor: Actor) {
  assertCan(actor, "thread.moderate");
  const rows = db
    .select({
      id: posts.id,
      kind: posts.kind,
      bodyHtml: posts.bodyHtml,
      createdAt: posts.createdAt,
      heldAt: posts.heldAt,
      hiddenReason: posts.hiddenReason,
      authorUsername: authors.username,
      authorDisplayName: authors.displayName,
      authorCreatedAt: authors.createdAt,
      authorReputation: authors.reputation,
      threadId: threads.id,
      threadSlug: threads.slug,
      threadTitle: threads.title,
    })
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(isNotNull(posts.heldAt), livePosts()))
    .orderBy(asc(posts.heldAt), asc(posts.id))
    .limit(REVIEW_PAGE_SIZE)
    .all();
  return {
    posts: rows.map(({ heldAt, createdAt, ...row }) => ({
      ...row,
      createdAt,
      heldAt: heldAt!,
      // Held since written (the hold rule), or hidden later by spam flags.
      why: heldSinceWritten({ heldAt, createdAt }) ? ("new-account" as const) : ("spam-flags" as const),
    })),
    total: countHeldPosts(db),
  };
}

export function countHeldPosts(db: Db): number {
  return db.select({ n: count() }).from(posts).where(and(isNotNull(posts.heldAt), livePosts())).get()!.n;
}

export type ReviewResult = { ok: true } | { ok: false; errors: FieldErrors };

function heldPost(db: Db, actor: Actor, postId: number) {
  // Staff only, before anything is read about the post.
  assertCan(actor, "thread.moderate");
  const loaded = loadPost(db, actor, postId);
  if (!loaded.post.heldAt || loaded.post.deletedAt) return null;
  return loaded;
}

/** Publishes a held post; its open flags close as dismissed. */
export function approveHeldPost(db: Db, actor: Actor, postId: number, now = new Date()): ReviewResult {
  const loaded = heldPost(db, actor, postId);
  if (!loaded) return { ok: false, errors: { form: actorT(actor)("staffServer.review.notWaiting") } };
  const { post, thread } = loaded;
  db.transaction((tx) => {
    publishHeldPost(db, tx, post, thread, now);
    const dismissed = tx
      .update(flags)
      .set({ status: "dismissed", resolvedAt: now, resolvedById: actor!.id })
      .where(and(eq(flags.postId, post.id), eq(flags.status, "open")))
      .returning({ id: flags.id })
      .all();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "post.approve",
      targetType: "post",
      targetId: post.id,
      details: { kind: post.kind, authorId: post.authorId, ...(dismissed.length ? { flags: dismissed.map((f) => f.id) } : {}) },
      at: now,
    });
  });
  return { ok: true };
}

/** Deletes a held post (a question takes its thread), with the reason in the audit log. */
export function rejectHeldPost(db: Db, actor: Actor, postId: number, reason: string, now = new Date()): ReviewResult {
  const t = actorT(actor);
  const why = reason.trim();
  if (why.length > REJECT_REASON_MAX) return { ok: false, errors: { reason: t("staffServer.reasonTooLong", { max: REJECT_REASON_MAX }) } };
  const loaded = heldPost(db, actor, postId);
  if (!loaded) return { ok: false, errors: { form: t("staffServer.review.notWaiting") } };
  const { post } = loaded;
  db.transaction((tx) => {
    deletePost(db, actor, post.id, now);
    tx.update(posts).set({ heldAt: null }).where(eq(posts.id, post.id)).run();
    const actioned = tx
      .update(flags)
      .set({ status: "actioned", resolvedAt: now, resolvedById: actor!.id })
      .where(and(eq(flags.postId, post.id), eq(flags.status, "open")))
      .returning({ id: flags.id })
      .all();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "post.reject",
      targetType: "post",
      targetId: post.id,
      details: { kind: post.kind, authorId: post.authorId, ...(actioned.length ? { flags: actioned.map((f) => f.id) } : {}) },
      reason: why,
      at: now,
    });
  });
  return { ok: true };
}

/**
 * The reason a post hidden by members' spam flags carries: not a person's
 * words, so its catalogue key, which hiddenReasonText
 * (app/utils/hidden-reason.ts) puts in the reader's language wherever it is shown.
 */
export const SPAM_HOLD_REASON = SPAM_HOLD_REASON_KEY;

/**
 * After a spam flag: when enough members with enough reputation (staff
 * always count) flagged the post as spam, it is hidden at once pending
 * review. Staff's posts are never hidden this way. Runs in the flag's
 * transaction; the member whose flag tipped it is named in the audit log.
 */
export function holdIfSpam(tx: DbOrTx, post: typeof posts.$inferSelect, flaggerId: number, now = new Date()) {
  if (post.hiddenAt || post.deletedAt) return false;
  const author = tx.select({ role: users.role }).from(users).where(eq(users.id, post.authorId)).get();
  if (!author || author.role !== "member") return false;
  const rules = getAccountRules(tx);
  const reporters = tx
    .select({ n: count() })
    .from(flags)
    .innerJoin(users, eq(users.id, flags.reporterId))
    .where(
      and(
        eq(flags.postId, post.id),
        eq(flags.reason, "spam"),
        eq(flags.status, "open"),
        or(gte(users.reputation, rules.spamFlagMinReputation), inArray(users.role, ["moderator", "admin"])),
      ),
    )
    .get()!.n;
  if (reporters < rules.spamFlagThreshold) return false;
  holdPublishedPost(tx, post, SPAM_HOLD_REASON, now);
  recordAudit(tx, {
    actorId: flaggerId,
    action: "post.auto_hide",
    targetType: "post",
    targetId: post.id,
    details: { kind: post.kind, authorId: post.authorId, spamFlags: reporters },
    at: now,
  });
  return true;
}
