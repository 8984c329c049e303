// The reputation ledger. Every point is a row (who, how many, why, for which
// post, by whose action), written in the transaction of the action, and the
// user's total moves with it: the total always equals 1 + the ledger's sum.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { reputationEvents, users } from "../../db/schema";

export const REPUTATION = {
  questionUpvoted: 5,
  answerUpvoted: 10,
  postDownvoted: -2,
  downvoterOnAnswer: -1,
  answerAccepted: 15,
  askerAccepted: 2,
} as const;

export type ReputationReason =
  | "question_upvoted"
  | "answer_upvoted"
  | "post_downvoted"
  | "downvoted_answer"
  | "answer_accepted"
  | "accepted_answer";

type Entry = { userId: number; points: number; reason: ReputationReason; postId: number; actorId: number };

export function award(tx: DbOrTx, entry: Entry) {
  tx.insert(reputationEvents).values(entry).run();
  tx.update(users).set({ reputation: sql`${users.reputation} + ${entry.points}` }).where(eq(users.id, entry.userId)).run();
}

/**
 * Reverses what one action gave: deletes its rows and takes their points
 * back. Without an actor, every row of those reasons for the post goes (an
 * answer has one acceptance at a time).
 */
export function revoke(tx: DbOrTx, source: { postId: number; actorId?: number; reasons: ReputationReason[] }) {
  for (const reason of source.reasons) {
    const rows = tx
      .delete(reputationEvents)
      .where(
        and(
          eq(reputationEvents.postId, source.postId),
          source.actorId === undefined ? undefined : eq(reputationEvents.actorId, source.actorId),
          eq(reputationEvents.reason, reason),
        ),
      )
      .returning({ userId: reputationEvents.userId, points: reputationEvents.points })
      .all();
    for (const row of rows) {
      tx.update(users).set({ reputation: sql`${users.reputation} - ${row.points}` }).where(eq(users.id, row.userId)).run();
    }
  }
}
