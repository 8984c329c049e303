import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { inJsonIds, preparedQuery } from "../../../db/prepared";
import { posts, threads, votes } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { awardScoreBadge } from "../reputation/badge.server";
import { loadPost } from "./post.server";
import { award, revoke } from "../reputation/reputation.server";

export type VoteDirection = "up" | "down";

/**
 * Upvote or downvote a question or answer. Voting the same way again takes
 * the vote back; voting the other way changes it. The score, the thread's
 * mirrored score and the reputation rows move in the same transaction.
 */
export function castVote(db: Db, actor: Actor, postId: number, direction: VoteDirection, now = new Date()) {
  const wanted = direction === "up" ? 1 : -1;
  return applyVote(db, actor, postId, direction, (previous) => (previous === wanted ? 0 : wanted), now);
}

/**
 * Sets the actor's vote on a post to exactly `value` (1, -1, or 0 to take it
 * back), whatever it was: the API's PUT and DELETE, which must not undo a
 * vote when the same request arrives twice. The current vote is read inside
 * the write's transaction, so two such requests at once cannot cancel out.
 */
export function setVote(db: Db, actor: Actor, postId: number, value: 1 | -1 | 0, now = new Date()) {
  return applyVote(db, actor, postId, value === -1 ? "down" : "up", () => value, now);
}

function applyVote(db: Db, actor: Actor, postId: number, direction: VoteDirection, decide: (previous: number) => number, now: Date) {
  const { post, resource } = loadPost(db, actor, postId);
  assertCan(actor, "post.vote", { ...resource, direction });
  const voterId = actor!.id;
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ value: votes.value })
        .from(votes)
        .where(and(eq(votes.postId, post.id), eq(votes.userId, voterId)))
        .get();
      const previous = existing?.value ?? 0;
      const next = decide(previous);
      if (next === previous) {
        const current = tx.select({ score: posts.score }).from(posts).where(eq(posts.id, post.id)).get()!;
        return { score: current.score, myVote: next };
      }
      if (next === 0) {
        tx.delete(votes).where(and(eq(votes.postId, post.id), eq(votes.userId, voterId))).run();
      } else if (existing) {
        tx.update(votes).set({ value: next }).where(and(eq(votes.postId, post.id), eq(votes.userId, voterId))).run();
      } else {
        tx.insert(votes).values({ postId: post.id, userId: voterId, value: next, createdAt: now }).run();
      }
      const delta = next - previous;
      const updated = tx
        .update(posts)
        .set({ score: sql`${posts.score} + ${delta}` })
        .where(eq(posts.id, post.id))
        .returning({ score: posts.score })
        .get();
      if (post.kind === "question") {
        tx.update(threads).set({ score: updated.score }).where(eq(threads.id, post.threadId)).run();
      }
      awardScoreBadge(tx, post, updated.score, now);

      revoke(tx, { postId: post.id, actorId: voterId, reasons: ["question_upvoted", "answer_upvoted", "post_downvoted", "downvoted_answer"] });
      if (next === 1) {
        const isAnswer = post.kind === "answer";
        award(tx, {
          userId: post.authorId,
          reason: isAnswer ? "answer_upvoted" : "question_upvoted",
          postId: post.id,
          actorId: voterId,
          now,
        });
      } else if (next === -1) {
        award(tx, { userId: post.authorId, reason: "post_downvoted", postId: post.id, actorId: voterId, now });
        if (post.kind === "answer") {
          award(tx, { userId: voterId, reason: "downvoted_answer", postId: post.id, actorId: voterId, now });
        }
      }
      return { score: updated.score, myVote: next };
    },
    { behavior: "immediate" },
  );
}

/** The viewer's votes on a set of posts, in one query: postId → 1 or -1. */
const selectVotesOfUser = preparedQuery((db) =>
  db
    .select({ postId: votes.postId, value: votes.value })
    .from(votes)
    .where(and(eq(votes.userId, sql.placeholder("userId")), inJsonIds(votes.postId, "postIds")))
    .prepare(),
);

export function votesByUser(db: Db, userId: number | undefined, postIds: number[]): Record<number, number> {
  if (!userId || !postIds.length) return {};
  const rows = selectVotesOfUser(db).all({ userId, postIds: JSON.stringify(postIds) });
  return Object.fromEntries(rows.map((r) => [r.postId, r.value]));
}
