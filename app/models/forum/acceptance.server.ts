import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { notifications, threads } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { awardAcceptanceBadges } from "../reputation/badge.server";
import { notify } from "../notify/notification.server";
import { loadPost } from "./post.server";
import { award, revoke } from "../reputation/reputation.server";
import { reindexThread } from "../search/search-index.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

const ACCEPTANCE_REASONS = ["answer_accepted", "accepted_answer"] as const;

/** Whether the answer's author was already told it was accepted (once per answer, however often it is re-accepted). */
function toldOfAcceptance(tx: DbOrTx, userId: number, answerId: number) {
  return !!tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "accepted"), eq(notifications.postId, answerId)))
    .get();
}

/**
 * Marks an answer as the one that solved the question (the asker or a
 * moderator). Accepting another answer moves the acceptance and its
 * reputation; nothing is given for accepting your own answer.
 */
export function acceptAnswer(db: Db, actor: Actor, answerId: number, now = new Date()) {
  const { post: answer, thread, resource } = loadPost(db, actor, answerId);
  assertCan(actor, "answer.accept", resource);
  if (thread.acceptedAnswerId === answer.id) return { thread, answer };
  db.transaction(
    (tx) => {
      if (thread.acceptedAnswerId) revoke(tx, { postId: thread.acceptedAnswerId, reasons: [...ACCEPTANCE_REASONS] });
      tx.update(threads).set({ acceptedAnswerId: answer.id }).where(eq(threads.id, thread.id)).run();
      emitWebhookEvent(tx, "answer.accepted", answer.id, now);
      // Nothing for accepting your own answer: neither the asker who answered
      // their own question, nor a moderator accepting their own answer.
      if (answer.authorId !== thread.authorId && answer.authorId !== actor!.id) {
        award(tx, { userId: answer.authorId, reason: "answer_accepted", postId: answer.id, actorId: actor!.id, now });
        award(tx, { userId: thread.authorId, reason: "accepted_answer", postId: answer.id, actorId: actor!.id, now });
        awardAcceptanceBadges(tx, answer, now);
      }
      // The asker's "Did the answers solve your problem?" is answered: done, and out of their list.
      tx.update(notifications)
        .set({ readAt: now })
        .where(and(eq(notifications.threadId, thread.id), eq(notifications.kind, "follow_up"), isNull(notifications.readAt)))
        .run();
      if (!toldOfAcceptance(tx, answer.authorId, answer.id)) {
        notify(tx, answer.authorId, { kind: "accepted", actorId: actor!.id, threadId: thread.id, postId: answer.id, now });
      }
      reindexThread(tx, thread.id);
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
      reindexThread(tx, thread.id);
    },
    { behavior: "immediate" },
  );
  return { thread, answer };
}
