// Posts waiting for a moderator: held when written (spam-rules.server.ts
// says which), or hidden at once after enough spam flags. A held post is a
// hidden post (so the visibility scope already keeps it to its author and
// staff) marked `held_at`; approving it publishes it with everything a
// post's arrival does, rejecting it deletes it.
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { posts, threads, threadTags } from "../../../db/schema";
import { noteSourceActivity } from "../kb/kb-review.server";
import { scheduleFollowUp } from "../notify/follow-up.server";
import { fanOutAnswer, fanOutComment, fanOutNewThread } from "../notify/watch.server";
import { awardBadge } from "../reputation/badge.server";
import { reindexThread } from "../search/search-index.server";
import { knownUsersIn } from "./mention.server";
import { SOURCE_ACTIVITY } from "./post.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

type Post = typeof posts.$inferSelect;
type Thread = typeof threads.$inferSelect;

/**
 * Held when it was written (nobody was told of it yet), rather than hidden
 * later by spam flags (its arrival was already announced): the hold is
 * stamped with the post's own creation time.
 */
export function heldSinceWritten(post: Pick<Post, "heldAt" | "createdAt">): boolean {
  return !!post.heldAt && post.heldAt.getTime() === post.createdAt.getTime();
}

/**
 * Hides a published post at once, pending review: out of the count, the
 * index and every list, as a moderator's hiding does.
 */
export function holdPublishedPost(tx: DbOrTx, post: Post, reason: string, now: Date) {
  tx.update(posts).set({ hiddenAt: now, heldAt: now, hiddenById: null, hiddenReason: reason }).where(eq(posts.id, post.id)).run();
  if (post.kind === "question") tx.update(threads).set({ hiddenAt: now }).where(eq(threads.id, post.threadId)).run();
  if (post.kind === "answer" && !post.deletedAt) {
    tx.update(threads).set({ answerCount: sql`${threads.answerCount} - 1` }).where(eq(threads.id, post.threadId)).run();
  }
  if (post.kind !== "comment") reindexThread(tx, post.threadId);
  emitWebhookEvent(tx, "post.hidden", post.id, now);
}

/**
 * Publishes a held post as of `now`: in sight, counted, indexed, and for a
 * post held since it was written, announced (watchers, mentions, badges,
 * the follow-up question) as if it had just been posted.
 */
export function publishHeldPost(db: Db, tx: DbOrTx, post: Post, thread: Thread, now: Date) {
  const announce = heldSinceWritten(post);
  tx.update(posts).set({ hiddenAt: null, heldAt: null, hiddenById: null, hiddenReason: "" }).where(eq(posts.id, post.id)).run();
  const mentioned = announce ? knownUsersIn(db, post.body) : new Map<string, string>();
  const activity = announce ? { lastActivityAt: now, lastActivityById: post.authorId } : {};
  if (post.kind === "question") {
    tx.update(threads).set({ hiddenAt: null, ...activity }).where(eq(threads.id, thread.id)).run();
    reindexThread(tx, thread.id);
    if (!announce) return;
    awardBadge(tx, post.authorId, "first_question", { postId: post.id, now });
    const tagIds = tx.select({ tagId: threadTags.tagId }).from(threadTags).where(eq(threadTags.threadId, thread.id)).all().map((row) => row.tagId);
    fanOutNewThread(tx, { threadId: thread.id, postId: post.id, actorId: post.authorId, now, categoryId: thread.categoryId, tagIds, mentioned });
    emitWebhookEvent(tx, "thread.created", thread.id, now);
    return;
  }
  if (post.kind === "answer" && !post.deletedAt) {
    tx.update(threads).set({ answerCount: sql`${threads.answerCount} + 1`, ...activity }).where(eq(threads.id, thread.id)).run();
    reindexThread(tx, thread.id);
  }
  if (!announce) return;
  if (post.kind === "answer") {
    noteSourceActivity(tx, thread.id, SOURCE_ACTIVITY.answer, now);
    if (thread.authorId !== post.authorId) {
      awardBadge(tx, post.authorId, "first_answer", { postId: post.id, now });
      scheduleFollowUp(tx, thread, now);
    }
    fanOutAnswer(tx, { threadId: thread.id, postId: post.id, actorId: post.authorId, now, mentioned });
    emitWebhookEvent(tx, "answer.posted", post.id, now);
    return;
  }
  const parent = post.parentId ? tx.select({ authorId: posts.authorId }).from(posts).where(eq(posts.id, post.parentId)).get() : undefined;
  tx.update(threads).set(activity).where(eq(threads.id, thread.id)).run();
  noteSourceActivity(tx, thread.id, SOURCE_ACTIVITY.comment, now);
  fanOutComment(tx, { threadId: thread.id, postId: post.id, actorId: post.authorId, now, parentAuthorId: parent?.authorId ?? thread.authorId, mentioned });
}
