// The banner on a thread linked to a known issue: the issue's status and its
// latest public note, "me too", and for the thread's asker, once the issue is
// fixed, "Did the fix solve your problem?". Read for one viewer; a visitor's
// is the same for every visitor (no "me too" of theirs, no check), so the
// page cache may keep it.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { knownIssueUpdates, knownIssues, type FixCheckAnswer, type KnownIssueStatus } from "../../../db/schema";
import { can, type Actor } from "../../policy";
import { findVisibleThread } from "../forum/thread.server";
import { fixCheckFor } from "./fix-checks.server";
import { saidMeToo } from "./known-issues.server";

export type KnownIssueBannerData = {
  issue: { id: number; title: string; status: KnownIssueStatus; statusNote: string };
  meToo: { count: number; mine: boolean; canSay: boolean };
  /** Only for the thread's asker, once they were asked. */
  check?: { asked: true; answer: FixCheckAnswer | null };
};

/** The banner for this viewer on this thread; null when the thread is not linked, or not theirs to see. */
export function knownIssueBannerFor(db: Db, viewer: Actor, threadId: number): KnownIssueBannerData | null {
  const thread = findVisibleThread(db, viewer, threadId);
  if (!thread || thread.knownIssueId === null) return null;
  const issue = db
    .select({ id: knownIssues.id, title: knownIssues.title, status: knownIssues.status, meTooCount: knownIssues.meTooCount })
    .from(knownIssues)
    .where(and(eq(knownIssues.id, thread.knownIssueId), isNull(knownIssues.mergedIntoId)))
    .get();
  if (!issue) return null;
  const latest = db
    .select({ note: knownIssueUpdates.note })
    .from(knownIssueUpdates)
    .where(eq(knownIssueUpdates.knownIssueId, issue.id))
    .orderBy(desc(knownIssueUpdates.createdAt), desc(knownIssueUpdates.id))
    .get();
  const mine = saidMeToo(db, viewer, issue.id);
  const data: KnownIssueBannerData = {
    issue: { id: issue.id, title: issue.title, status: issue.status, statusNote: latest?.note ?? "" },
    meToo: { count: issue.meTooCount, mine, canSay: !!viewer && !mine && can(viewer, "knownIssue.meToo") },
  };
  if (viewer && viewer.id === thread.authorId) {
    const check = fixCheckFor(db, issue.id, thread.id);
    if (check) data.check = { asked: true, answer: check.answer };
  }
  return data;
}
