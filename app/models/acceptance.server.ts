import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { threads } from "../../db/schema";
import type { Actor } from "../policy";
import { assertCan } from "../policy.server";
import { loadPost } from "./post.server";
import { award, REPUTATION, revoke } from "./reputation.server";

const ACCEPTANCE_REASONS = ["answer_accepted", "accepted_answer"] as const;

/**
 * Marks an answer as the one that solved the question (the asker or a
 * moderator). Accepting another answer moves the acceptance and its
 * reputation; nothing is given for accepting your own answer.
 */
export function acceptAnswer(db: Db, actor: Actor, answerId: number) {
  const { post: answer, thread, resource } = loadPost(db, actor, answerId);
  assertCan(actor, "answer.accept", resource);
  if (thread.acceptedAnswerId === answer.id) return { thread, answer };
  db.transaction(
    (tx) => {
      if (thread.acceptedAnswerId) revoke(tx, { postId: thread.acceptedAnswerId, reasons: [...ACCEPTANCE_REASONS] });
      tx.update(threads).set({ acceptedAnswerId: answer.id }).where(eq(threads.id, thread.id)).run();
      if (answer.authorId !== thread.authorId) {
        award(tx, { userId: answer.authorId, points: REPUTATION.answerAccepted, reason: "answer_accepted", postId: answer.id, actorId: actor!.id });
        award(tx, { userId: thread.authorId, points: REPUTATION.askerAccepted, reason: "accepted_answer", postId: answer.id, actorId: actor!.id });
      }
    },
    { behavior: "immediate" },
  );
  return { thread, answer };
}

/** Takes the acceptance back: the thread is unsolved again. */
export function unacceptAnswer(db: Db, actor: Actor, answerId: number) {
  const { post: answer, thread, resource } = loadPost(db, actor, answerId);
  assertCan(actor, "answer.accept", resource);
  if (thread.acceptedAnswerId !== answer.id) return { thread, answer };
  db.transaction(
    (tx) => {
      revoke(tx, { postId: answer.id, reasons: [...ACCEPTANCE_REASONS] });
      tx.update(threads).set({ acceptedAnswerId: null }).where(eq(threads.id, thread.id)).run();
    },
    { behavior: "immediate" },
  );
  return { thread, answer };
}
