// "Did this solve your problem?" A thread's first answer (from someone other
// than the asker) sets when to ask: followUpDays later (a site setting). The
// worker's "follow-ups" job (runFollowUps) asks the askers whose time has
// come and whose thread still has nothing accepted; the asker answers Yes
// (then chooses the answer to accept) or No (the thread goes to the
// moderators' "still unresolved" queue, which reads followUpAnswer).
//
// Everything lives on the thread row, so the job needs no memory of its own:
// followUpSentAt set in the same transaction as the notification means a
// thread is never asked twice, and after a restart the overdue threads are
// simply the ones still unsent.
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { posts, threads } from "../../../db/schema";
import { alias } from "drizzle-orm/sqlite-core";
import { postSeenByAll } from "../visibility.server";
import type { Actor } from "../../policy";
import { can } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import { excerpt } from "../../utils/markdown.server";
import { notify } from "./notification.server";
import { getFollowUpDays } from "../site/settings.server";
import { findVisibleThread } from "../forum/thread.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Threads asked per transaction: short transactions, so requests are not held up. */
export const FOLLOW_UPS_PER_BATCH = 100;

export type FollowUpAnswer = "solved" | "not_solved";

type ThreadRef = { id: number };

// Run by every answer from someone other than the asker. An update's values
// go in as SQL, so the date as its stored milliseconds.
const setFollowUpDue = preparedQuery((db) =>
  db
    .update(threads)
    .set({ followUpDueAt: sql`${sql.placeholder("dueAtMs")}` })
    .where(
      and(
        eq(threads.id, sql.placeholder("threadId")),
        isNull(threads.followUpDueAt),
        isNull(threads.followUpSentAt),
        isNull(threads.acceptedAnswerId),
      ),
    )
    .prepare(),
);

/**
 * Sets when to ask the asker, counted from the first answer. Called by
 * createAnswer in its transaction for an answer by someone other than the
 * asker; a thread already scheduled, asked or solved keeps what it has.
 */
export function scheduleFollowUp(tx: DbOrTx, thread: ThreadRef, firstAnswerAt: Date) {
  const dueAt = new Date(firstAnswerAt.getTime() + getFollowUpDays(tx) * DAY_MS);
  setFollowUpDue(tx).run({ dueAtMs: dueAt.getTime(), threadId: thread.id });
}

/**
 * An answer the asker can see and accept, by someone else. Written with its
 * table names: in a select list drizzle leaves the main table's columns
 * unqualified, and "id" inside the subquery would be the answer's own.
 */
const answers = alias(posts, "answers");
const hasVisibleAnswer = sql<number>`exists (
  select 1 from ${posts} ${sql.identifier("answers")}
  where answers.thread_id = threads.id and answers.kind = 'answer'
    and ${postSeenByAll(answers)} and answers.author_id <> threads.author_id
)`;

export type FollowUpReport = { asked: number; dropped: number };

/**
 * The worker's "follow-ups" job: asks every asker whose thread is due. A due
 * thread that no longer needs asking (an answer was accepted, it was deleted,
 * its answers are gone) has its due date cleared, so it is not looked at
 * again; a later first answer may schedule it anew.
 */
export function runFollowUps(db: Db, now = new Date(), batchSize = FOLLOW_UPS_PER_BATCH): FollowUpReport {
  const report: FollowUpReport = { asked: 0, dropped: 0 };
  for (;;) {
    const claimed = db.transaction(
      (tx) => {
        const due = tx
          .select({
            id: threads.id,
            authorId: threads.authorId,
            acceptedAnswerId: threads.acceptedAnswerId,
            deletedAt: threads.deletedAt,
            answered: hasVisibleAnswer,
          })
          .from(threads)
          .where(and(isNull(threads.followUpSentAt), lte(threads.followUpDueAt, now)))
          .orderBy(threads.followUpDueAt, threads.id)
          .limit(batchSize)
          .all();
        for (const thread of due) {
          const stillOpen = thread.acceptedAnswerId === null && thread.deletedAt === null && !!thread.answered;
          // The "followUpSentAt is null" condition makes the claim: a run that
          // lost the race changes nothing and notifies nobody.
          const unsent = and(eq(threads.id, thread.id), isNull(threads.followUpSentAt));
          if (!stillOpen) {
            tx.update(threads).set({ followUpDueAt: null }).where(unsent).run();
            report.dropped += 1;
            continue;
          }
          const claimed = tx.update(threads).set({ followUpSentAt: now }).where(unsent).run().changes;
          if (!claimed) continue;
          notify(tx, thread.authorId, { kind: "follow_up", threadId: thread.id, now });
          report.asked += 1;
        }
        return due.length;
      },
      { behavior: "immediate" },
    );
    if (claimed < batchSize) return report;
  }
}

/** The asker's Yes or No. Answered once; the same answer again changes nothing. */
export function answerFollowUp(db: Db, actor: Actor, threadId: number, answer: FollowUpAnswer, now = new Date()) {
  const thread = findVisibleThread(db, actor, threadId);
  if (!thread) throw refusedWith(404, "forumServer.notFound.question");
  assertCan(actor, "thread.followUp", { authorId: thread.authorId, deleted: !!thread.deletedAt });
  if (thread.followUpAnswer === answer) return { thread };
  if (!thread.followUpSentAt) throw refusedWith(409, "forumServer.followUp.notAsked");
  if (thread.followUpAnswer) throw refusedWith(409, "forumServer.followUp.alreadyAnswered");
  if (thread.acceptedAnswerId) throw refusedWith(409, "forumServer.followUp.alreadySolved");
  const updated = db
    .update(threads)
    .set({ followUpAnswer: answer, followUpAnsweredAt: now })
    .where(and(eq(threads.id, thread.id), isNull(threads.followUpAnswer)))
    .returning()
    .get();
  return { thread: updated ?? thread };
}

export type FollowUpPrompt =
  | { step: "ask" }
  | { step: "choose"; answers: { id: number; authorName: string; excerpt: string }[] }
  | { step: "not_solved" };

type PromptThread = {
  authorId: number;
  deletedAt: Date | null;
  acceptedAnswerId: number | null;
  followUpSentAt: Date | null;
  followUpAnswer: FollowUpAnswer | null;
};

type PromptAnswer = { id: number; authorDisplayName: string; bodyHtml: string; deletedAt: Date | null };

/**
 * What the thread page shows the asker at #follow-up; null for everyone else,
 * before they are asked, and once an answer is accepted.
 */
export function followUpPromptFor(viewer: Actor, thread: PromptThread, answers: PromptAnswer[]): FollowUpPrompt | null {
  if (!can(viewer, "thread.followUp", { authorId: thread.authorId, deleted: !!thread.deletedAt })) return null;
  if (thread.acceptedAnswerId !== null || !thread.followUpSentAt) return null;
  if (thread.followUpAnswer === null) return { step: "ask" };
  if (thread.followUpAnswer === "not_solved") return { step: "not_solved" };
  return {
    step: "choose",
    answers: answers
      .filter((a) => !a.deletedAt)
      .map((a) => ({ id: a.id, authorName: a.authorDisplayName, excerpt: excerpt(a.bodyHtml, 140) })),
  };
}
