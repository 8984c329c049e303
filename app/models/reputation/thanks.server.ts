// Thanks from the brand: a moderator thanks a contributor for an answer. The
// answer shows it, and its author is credited through the reputation ledger.
import type { Db } from "../../../db/client";
import { inJsonIds, preparedQuery } from "../../../db/prepared";
import { answerThanks } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { awardBadge } from "./badge.server";
import { loadPost } from "../forum/post.server";
import { notify } from "../notify/notification.server";
import { award } from "./reputation.server";

/** Thanks an answer's author on the brand's behalf, once per answer. Returns false if it was already thanked. */
export function thankAnswer(db: Db, actor: Actor, answerId: number, now = new Date()) {
  const { post, resource } = loadPost(db, actor, answerId);
  assertCan(actor, "answer.thank", resource);
  return db.transaction(
    (tx) => {
      const inserted = tx.insert(answerThanks).values({ postId: post.id, thankedById: actor!.id, createdAt: now }).onConflictDoNothing().run().changes;
      if (!inserted) return false;
      award(tx, { userId: post.authorId, reason: "thanked", postId: post.id, actorId: actor!.id, now });
      awardBadge(tx, post.authorId, "thanked", { postId: post.id, now });
      notify(tx, post.authorId, { kind: "thanked", actorId: actor!.id, threadId: post.threadId, postId: post.id, now });
      recordAudit(tx, { actorId: actor!.id, action: "answer.thank", targetType: "post", targetId: post.id, details: { authorId: post.authorId } });
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Which of these answers the brand has thanked, in one query. */
const selectThankedOf = preparedQuery((db) =>
  db.select({ postId: answerThanks.postId }).from(answerThanks).where(inJsonIds(answerThanks.postId, "answerIds")).prepare(),
);

export function thankedAnswers(db: Db, answerIds: number[]): Set<number> {
  if (!answerIds.length) return new Set();
  return new Set(
    selectThankedOf(db)
      .all({ answerIds: JSON.stringify(answerIds) })
      .map((r) => r.postId),
  );
}
