// "Did the fix solve your problem?" (issue #17, point 5). When a known issue
// is marked fixed, the asker of each of its linked threads is asked again (a
// known_issue_checks row and a notification leading to their thread's
// #fix-check); they answer Yes or No, and staff read the answers on the
// issue's page: the loop is closed with evidence.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { knownIssueChecks, threads, users, type FixCheckAnswer } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import { toThreadResource } from "../forum/thread.server";
import { notify } from "../notify/notification.server";
import { canSeeThread } from "../../policy";
import { liveThreads, seenOf } from "../visibility.server";

/** The linked threads whose askers are asked: every linked thread not deleted (a hidden one is still its asker's). */
function askedThreads(tx: DbOrTx, issueId: number) {
  return tx
    .select({ id: threads.id, authorId: threads.authorId })
    .from(threads)
    .where(and(eq(threads.knownIssueId, issueId), liveThreads()))
    .all();
}

/**
 * Asks the askers, inside setKnownIssueStatus's transaction. `again` (the
 * issue has just become fixed) asks everyone anew, earlier answers cleared:
 * it is a new fix. Otherwise (fixed already, a note added) only askers not yet
 * asked are. Each asked asker gets one notification per thread.
 */
export function askFixChecks(tx: DbOrTx, issue: { id: number; title: string }, input: { actorId: number; again: boolean; now: Date }) {
  const linked = askedThreads(tx, issue.id);
  let asked = 0;
  for (const thread of linked) {
    const row = { knownIssueId: issue.id, threadId: thread.id, userId: thread.authorId, askedAt: input.now, answer: null, answeredAt: null };
    const changes = input.again
      ? tx
          .insert(knownIssueChecks)
          .values(row)
          .onConflictDoUpdate({ target: [knownIssueChecks.knownIssueId, knownIssueChecks.threadId], set: { userId: row.userId, askedAt: input.now, answer: null, answeredAt: null } })
          .run().changes
      : tx.insert(knownIssueChecks).values(row).onConflictDoNothing().run().changes;
    if (!changes) continue;
    asked += 1;
    notify(tx, thread.authorId, { kind: "known_issue_check", threadId: thread.id, actorId: input.actorId, data: { issue: issue.id, title: issue.title }, now: input.now });
  }
  return asked;
}

/**
 * The asker's Yes or No. Only the thread's asker answers (the policy's
 * "thread.followUp"), only once they were asked; they may change their mind.
 */
export function answerFixCheck(db: Db, actor: Actor, input: { issueId: number; threadId: number; answer: FixCheckAnswer; now?: Date }) {
  const now = input.now ?? new Date();
  // A visitor is asked to sign in before anything is read.
  if (!actor) assertCan(actor, "thread.followUp", { authorId: 0 });
  const thread = db.select().from(threads).where(eq(threads.id, input.threadId)).get();
  // A thread the actor may not see is no thread at all to them.
  if (!thread || !canSeeThread(actor, seenOf(thread))) throw refusedWith(404, "knownIssues.errors.threadNotFound");
  assertCan(actor, "thread.followUp", toThreadResource(thread));
  return db.transaction(
    (tx) => {
      const check = tx
        .select()
        .from(knownIssueChecks)
        .where(and(eq(knownIssueChecks.knownIssueId, input.issueId), eq(knownIssueChecks.threadId, thread.id)))
        .get();
      if (!check) throw refusedWith(409, "knownIssues.errors.notAsked");
      if (check.answer !== input.answer) {
        tx.update(knownIssueChecks)
          .set({ answer: input.answer, answeredAt: now })
          .where(and(eq(knownIssueChecks.knownIssueId, input.issueId), eq(knownIssueChecks.threadId, thread.id)))
          .run();
      }
      return { thread: { id: thread.id, slug: thread.slug }, answer: input.answer };
    },
    { behavior: "immediate" },
  );
}

export type FixCheckRow = {
  threadId: number;
  threadTitle: string;
  threadSlug: string;
  askerName: string;
  askerUsername: string;
  askedAt: Date;
  answer: FixCheckAnswer | null;
  answeredAt: Date | null;
};

export type FixCheckEvidence = { rows: FixCheckRow[]; solved: number; notSolved: number; waiting: number };

/** The askers' answers on an issue, for staff (the caller checks "knownIssue.manage"): each thread, then the counts. */
export function fixCheckEvidence(db: DbOrTx, issueId: number): FixCheckEvidence {
  const rows = db
    .select({
      threadId: threads.id,
      threadTitle: threads.title,
      threadSlug: threads.slug,
      askerName: users.displayName,
      askerUsername: users.username,
      askedAt: knownIssueChecks.askedAt,
      answer: knownIssueChecks.answer,
      answeredAt: knownIssueChecks.answeredAt,
    })
    .from(knownIssueChecks)
    .innerJoin(threads, eq(threads.id, knownIssueChecks.threadId))
    .innerJoin(users, eq(users.id, knownIssueChecks.userId))
    .where(eq(knownIssueChecks.knownIssueId, issueId))
    .orderBy(sql`${knownIssueChecks.answeredAt} is null`, asc(knownIssueChecks.answeredAt), asc(threads.id))
    .all();
  return {
    rows,
    solved: rows.filter((r) => r.answer === "solved").length,
    notSolved: rows.filter((r) => r.answer === "not_solved").length,
    waiting: rows.filter((r) => r.answer === null).length,
  };
}

/** The check on one thread for its asker's banner, if they were asked. */
export function fixCheckFor(db: DbOrTx, issueId: number, threadId: number) {
  return db
    .select({ answer: knownIssueChecks.answer, askedAt: knownIssueChecks.askedAt })
    .from(knownIssueChecks)
    .where(and(eq(knownIssueChecks.knownIssueId, issueId), eq(knownIssueChecks.threadId, threadId)))
    .get();
}

/** Moves the checks of merged issue `fromId` to `intoId` (a thread's check already there is kept). */
export function moveFixChecks(tx: DbOrTx, fromId: number, intoId: number) {
  const rows = tx.select().from(knownIssueChecks).where(eq(knownIssueChecks.knownIssueId, fromId)).all();
  if (!rows.length) return;
  tx.insert(knownIssueChecks)
    .values(rows.map((row) => ({ ...row, knownIssueId: intoId })))
    .onConflictDoNothing()
    .run();
  tx.delete(knownIssueChecks).where(eq(knownIssueChecks.knownIssueId, fromId)).run();
}
