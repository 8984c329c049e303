import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { posts, revisions, tags, threads, threadTags, users } from "../../../db/schema";
import { canSeePost, isStaff, type Actor, type PostResource } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { renderInlineMarkdown, renderMarkdown } from "../../utils/markdown.server";
import { recordAudit } from "../moderation/audit.server";
import { awardBadge } from "../reputation/badge.server";
import { scheduleFollowUp } from "../notify/follow-up.server";
import { noteSourceActivity } from "../kb/kb-review.server";
import { knownUsersIn } from "./mention.server";
import { postingWait } from "./posting-limits.server";
import { holdsForReview, linkLimitError } from "./spam-rules.server";
import { revoke } from "../reputation/reputation.server";
import { insertPostWithRevision } from "./revision.server";
import { indexNewAnswer, reindexThread } from "../search/search-index.server";
import { findVisibleThread, slugify, toThreadResource, upsertTags } from "./thread.server";
import { fanOutAnswer, fanOutComment } from "../notify/watch.server";
import { PUBLIC_SIGHT, postSeenByAll, seenOf, visiblePosts } from "../visibility.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

type Post = typeof posts.$inferSelect;

/**
 * What a knowledge-base review says when its source thread moves on: kept
 * with the review as catalogue keys, put into the moderator's words where shown.
 */
export const SOURCE_ACTIVITY = { answer: "forumServer.sourceActivity.answer", comment: "forumServer.sourceActivity.comment" } as const;
type Thread = typeof threads.$inferSelect;

const parentPosts = alias(posts, "parent");
// A post with its thread and, for a comment, the post it is under: what
// seeing it depends on.
const selectPostInThread = preparedQuery((db) =>
  db
    .select({ post: posts, thread: threads, parent: { authorId: parentPosts.authorId, deletedAt: parentPosts.deletedAt, hiddenAt: parentPosts.hiddenAt } })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(parentPosts, eq(parentPosts.id, posts.parentId))
    .where(eq(posts.id, sql.placeholder("postId")))
    .prepare(),
);

/**
 * A post with its thread, or a 404 for anyone who may not see it (the rules
 * are canSeePost's): deleted posts are for moderators, hidden ones for staff
 * and their author, a thread whose question is hidden for staff and its
 * asker, and a comment goes with the post it is under, hidden or deleted.
 */
export function loadPost(db: Db, viewer: Actor, postId: number): { post: Post; thread: Thread; resource: PostResource } {
  const row = selectPostInThread(db).get({ postId });
  if (!row || !canSeePost(viewer, seenOf(row.post), seenOf(row.thread), row.parent ? seenOf(row.parent) : null)) throw refusedWith(404, "forumServer.notFound.post");
  return { post: row.post, thread: row.thread, resource: toResource(row.post, row.thread) };
}

export function toResource(
  post: Pick<Post, "authorId" | "kind" | "deletedAt"> & Partial<Pick<Post, "hiddenAt">>,
  thread: Pick<Thread, "authorId" | "answerCount" | "deletedAt"> & Partial<Pick<Thread, "lockedAt">>,
): PostResource {
  return {
    authorId: post.authorId,
    kind: post.kind,
    deleted: !!post.deletedAt,
    threadAuthorId: thread.authorId,
    answerCount: thread.answerCount,
    threadDeleted: !!thread.deletedAt,
    hidden: !!post.hiddenAt,
    threadLocked: !!thread.lockedAt,
  };
}

function touchThread(tx: DbOrTx, threadId: number, actorId: number, now: Date) {
  tx.update(threads).set({ lastActivityAt: now, lastActivityById: actorId }).where(eq(threads.id, threadId)).run();
}

/** `throttled`: refused for posting too soon after the last post (a 429, Too Many Requests). */
export type Result<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors; throttled?: boolean };

// An update's values go in as SQL, so the date as its stored milliseconds.
const countNewAnswer = preparedQuery((db) =>
  db
    .update(threads)
    .set({ answerCount: sql`${threads.answerCount} + 1`, lastActivityAt: sql`${sql.placeholder("nowMs")}`, lastActivityById: sql`${sql.placeholder("actorId")}` })
    .where(eq(threads.id, sql.placeholder("threadId")))
    .prepare(),
);

export function createAnswer(
  db: Db,
  actor: Actor,
  input: { threadId: number; body: string },
  now = new Date(),
): Result<{ answer: Post; thread: Thread; held: boolean }> {
  const thread = findVisibleThread(db, actor, input.threadId);
  if (!thread) throw refusedWith(404, "forumServer.notFound.question");
  assertCan(actor, "answer.create", toThreadResource(thread));
  const wait = postingWait(db, actor!, "answer", now);
  if (wait) return { ok: false, throttled: true, errors: { form: wait } };
  const mentioned = knownUsersIn(db, input.body);
  const bodyHtml = renderMarkdown(input.body, { knownUsers: mentioned });
  const tooManyLinks = linkLimitError(db, actor!, bodyHtml, now);
  if (tooManyLinks) return { ok: false, errors: { body: tooManyLinks } };
  const held = holdsForReview(db, actor!, "answer", now);
  const answer = db.transaction((tx) => {
    const answer = insertPostWithRevision(tx, {
      threadId: thread.id,
      kind: "answer",
      authorId: actor!.id,
      body: input.body,
      bodyHtml,
      createdAt: now,
      // A moderator's answer is the brand speaking: "Official answer from <brand>".
      official: isStaff(actor),
      // Held for review: out of the count, the index and everyone's notices
      // until a moderator approves it (publishHeldPost).
      ...(held ? { hiddenAt: now, heldAt: now } : {}),
    });
    if (held) return answer;
    countNewAnswer(tx).run({ nowMs: now.getTime(), actorId: actor!.id, threadId: thread.id });
    indexNewAnswer(tx, thread.id, bodyHtml);
    noteSourceActivity(tx, thread.id, SOURCE_ACTIVITY.answer, now);
    // "Answered someone's question": answering your own does not count.
    if (thread.authorId !== actor!.id) awardBadge(tx, actor!.id, "first_answer", { postId: answer.id, now });
    // The first answer from someone else sets when to ask "Did this solve your problem?".
    if (thread.authorId !== actor!.id) scheduleFollowUp(tx, thread, now);
    fanOutAnswer(tx, { threadId: thread.id, postId: answer.id, actorId: actor!.id, now, mentioned });
    emitWebhookEvent(tx, "answer.posted", answer.id, now);
    return answer;
  });
  return { ok: true, answer, thread, held };
}

export function createComment(db: Db, actor: Actor, input: { postId: number; body: string }, now = new Date()) {
  const { post, thread, resource } = loadPost(db, actor, input.postId);
  assertCan(actor, "comment.create", resource);
  const mentioned = knownUsersIn(db, input.body);
  const bodyHtml = renderInlineMarkdown(input.body, { knownUsers: mentioned });
  const tooManyLinks = linkLimitError(db, actor!, bodyHtml, now);
  if (tooManyLinks) return { ok: false as const, errors: { body: tooManyLinks } };
  const held = holdsForReview(db, actor!, "comment", now);
  return db.transaction((tx) => {
    const comment = insertPostWithRevision(tx, {
      threadId: thread.id,
      kind: "comment",
      parentId: post.id,
      authorId: actor!.id,
      body: input.body,
      bodyHtml,
      createdAt: now,
      ...(held ? { hiddenAt: now, heldAt: now } : {}),
    });
    if (held) return { ok: true as const, comment, thread, held };
    touchThread(tx, thread.id, actor!.id, now);
    noteSourceActivity(tx, thread.id, SOURCE_ACTIVITY.comment, now);
    fanOutComment(tx, { threadId: thread.id, postId: comment.id, actorId: actor!.id, now, parentAuthorId: post.authorId, mentioned });
    return { ok: true as const, comment, thread, held };
  });
}

/** What the edit page needs: the current text, and for a question its title and tags. */
export function getPostForEdit(db: Db, actor: Actor, postId: number) {
  const { post, thread, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.edit", resource);
  const tagNames =
    post.kind === "question"
      ? db
          .select({ name: tags.name })
          .from(threadTags)
          .innerJoin(tags, eq(tags.id, threadTags.tagId))
          .where(eq(threadTags.threadId, thread.id))
          .orderBy(asc(tags.name))
          .all()
          .map((t) => t.name)
      : [];
  return { post, thread, tags: tagNames };
}

export type PostEdit = { body: string; title?: string; tags?: string[]; reason: string };

/**
 * Saves a new version of a post. Questions may change title and tags too.
 * Every edit keeps a revision with who, when and why.
 */
export function editPost(db: Db, actor: Actor, postId: number, input: PostEdit, now = new Date()) {
  const { post, thread, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.edit", resource);
  const isQuestion = post.kind === "question";
  const title = isQuestion ? (input.title ?? thread.title) : null;
  const bodyHtml =
    post.kind === "comment"
      ? renderInlineMarkdown(input.body, { knownUsers: knownUsersIn(db, input.body) })
      : renderMarkdown(input.body, { knownUsers: knownUsersIn(db, input.body) });
  const tooManyLinks = linkLimitError(db, actor!, bodyHtml, now, post.id);
  if (tooManyLinks) return { ok: false as const, errors: { body: tooManyLinks } };
  db.transaction((tx) => {
    tx.update(posts)
      .set({ body: input.body, bodyHtml, editedAt: now, editedById: actor!.id })
      .where(eq(posts.id, post.id))
      .run();
    tx.insert(revisions)
      .values({ postId: post.id, editorId: actor!.id, title, body: input.body, reason: input.reason, createdAt: now })
      .run();
    if (isQuestion && title !== null) {
      tx.update(threads).set({ title, slug: slugify(title) }).where(eq(threads.id, thread.id)).run();
    }
    if (isQuestion && input.tags) {
      tx.delete(threadTags).where(eq(threadTags.threadId, thread.id)).run();
      const tagIds = upsertTags(tx, input.tags);
      if (tagIds.length) tx.insert(threadTags).values(tagIds.map((tagId) => ({ threadId: thread.id, tagId }))).run();
    }
    touchThread(tx, thread.id, actor!.id, now);
    if (post.kind !== "comment") reindexThread(tx, thread.id);
    // Staff editing someone else's post is a moderator action: it goes to the audit log.
    if (isStaff(actor) && post.authorId !== actor!.id) {
      recordAudit(tx, { actorId: actor!.id, action: "post.edit", targetType: "post", targetId: post.id, details: { kind: post.kind }, reason: input.reason });
    }
  });
  return { ok: true as const, post, thread: { ...thread, slug: title ? slugify(title) : thread.slug } };
}

/**
 * Soft-deletes a post: gone for everyone but moderators, who can restore it.
 * Deleting a question deletes its thread; deleting the accepted answer takes
 * the acceptance (and its reputation) back.
 */
export function deletePost(db: Db, actor: Actor, postId: number, now = new Date()) {
  const { post, thread, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.delete", resource);
  db.transaction((tx) => {
    tx.update(posts).set({ deletedAt: now, deletedById: actor!.id }).where(eq(posts.id, post.id)).run();
    emitWebhookEvent(tx, "post.deleted", post.id, now);
    if (post.kind === "question") {
      tx.update(threads).set({ deletedAt: now, deletedById: actor!.id }).where(eq(threads.id, thread.id)).run();
    }
    if (post.kind === "answer") {
      const wasAccepted = thread.acceptedAnswerId === post.id;
      if (wasAccepted) revoke(tx, { postId: post.id, reasons: ["answer_accepted", "accepted_answer"] });
      // A hidden answer is already out of the count.
      tx.update(threads)
        .set({ answerCount: sql`${threads.answerCount} - ${post.hiddenAt ? 0 : 1}`, ...(wasAccepted ? { acceptedAnswerId: null } : {}) })
        .where(eq(threads.id, thread.id))
        .run();
    }
    if (post.kind !== "comment") reindexThread(tx, thread.id);
    // A moderator removing someone else's post is a moderation action.
    if (actor!.id !== post.authorId) {
      recordAudit(tx, { actorId: actor!.id, action: "post.delete", targetType: "post", targetId: post.id, details: { kind: post.kind, authorId: post.authorId } });
    }
  });
  return { post, thread };
}

export function restorePost(db: Db, actor: Actor, postId: number) {
  const { post, thread, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.restore", resource);
  db.transaction((tx) => {
    tx.update(posts).set({ deletedAt: null, deletedById: null }).where(eq(posts.id, post.id)).run();
    if (post.kind === "question") {
      tx.update(threads).set({ deletedAt: null, deletedById: null }).where(eq(threads.id, thread.id)).run();
    }
    if (post.kind === "answer" && !post.hiddenAt) {
      tx.update(threads).set({ answerCount: sql`${threads.answerCount} + 1` }).where(eq(threads.id, thread.id)).run();
    }
    // While the post was deleted, the follow-up job may have found no answer
    // (or a deleted thread) and let the thread go: back in sight, the first
    // answer from someone else puts "Did this solve your problem?" back on,
    // counted from when it was written (as unhidePost does).
    if (post.kind === "question" || (post.kind === "answer" && !thread.deletedAt)) {
      const firstAnswerAt = firstAnswerFromOthersAt(tx, thread);
      if (firstAnswerAt) scheduleFollowUp(tx, thread, firstAnswerAt);
    }
    if (post.kind !== "comment") reindexThread(tx, thread.id);
    if (actor!.id !== post.authorId) {
      recordAudit(tx, { actorId: actor!.id, action: "post.restore", targetType: "post", targetId: post.id, details: { kind: post.kind, authorId: post.authorId } });
    }
  });
  return { post, thread };
}

/** When the thread's first visible answer by someone other than the asker was written. */
function firstAnswerFromOthersAt(tx: DbOrTx, thread: Thread): Date | null {
  const first = tx
    .select({ createdAt: posts.createdAt })
    .from(posts)
    .where(
      and(
        eq(posts.threadId, thread.id),
        eq(posts.kind, "answer"),
        postSeenByAll(),
        ne(posts.authorId, thread.authorId),
      ),
    )
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .limit(1)
    .get();
  return first?.createdAt ?? null;
}

/** Every version of a post, newest first, with who wrote it and why. */
export function getPostHistory(db: Db, viewer: Actor, postId: number) {
  const { post, thread } = loadPost(db, viewer, postId);
  const versions = db
    .select({
      id: revisions.id,
      title: revisions.title,
      body: revisions.body,
      reason: revisions.reason,
      createdAt: revisions.createdAt,
      editorUsername: users.username,
      editorDisplayName: users.displayName,
    })
    .from(revisions)
    .innerJoin(users, eq(users.id, revisions.editorId))
    .where(eq(revisions.postId, post.id))
    .orderBy(desc(revisions.createdAt), desc(revisions.id))
    .all();
  return { post, thread, versions };
}

export const POSTS_PER_PROFILE_PAGE = 20;

/** A user's answers as everyone sees them on their profile, newest first, paginated. */
export function listUserAnswers(db: Db, userId: number, page: number) {
  const where = and(
    eq(posts.authorId, userId),
    eq(posts.kind, "answer"),
    visiblePosts(PUBLIC_SIGHT),
  );
  const rows = db
    .select({
      id: posts.id,
      score: posts.score,
      createdAt: posts.createdAt,
      threadId: threads.id,
      threadTitle: threads.title,
      threadSlug: threads.slug,
      accepted: sql<boolean>`${threads.acceptedAnswerId} = ${posts.id}`.mapWith(Boolean),
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(where)
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(POSTS_PER_PROFILE_PAGE)
    .offset((page - 1) * POSTS_PER_PROFILE_PAGE)
    .all();
  const total = db.select({ n: count() }).from(posts).innerJoin(threads, eq(threads.id, posts.threadId)).where(where).get()!.n;
  return { answers: rows, total, page, pageCount: Math.max(1, Math.ceil(total / POSTS_PER_PROFILE_PAGE)) };
}

