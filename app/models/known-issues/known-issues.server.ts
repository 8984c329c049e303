// Known issues (issue #17, point 3): one problem many customers report. Staff
// group threads into one, give it a public description and a status
// (investigating, fix planned, fixed, won't fix), an owning team, a linked
// incident or article; customers follow it on /known-issues and say "me too".
// When its status changes, everyone interested in any linked thread hears of
// it once; when it is fixed, each linked thread's asker is asked whether the
// fix solved their problem (fix-checks.server.ts).
//
// A thread belongs to one known issue at a time (threads.knownIssueId): linking
// one already linked elsewhere is refused unless it is asked for as a move.
// Every write is one transaction, checked by the policy first and recorded in
// the audit log; `now` is honoured so the demo can write a history.
import { and, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import {
  announcements,
  articles,
  knownIssueMeToos,
  knownIssueUpdates,
  knownIssues,
  posts,
  teams,
  threads,
  watches,
  type KnownIssueStatus,
} from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { FieldErrors } from "../../utils/form.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { knownUsersIn } from "../forum/mention.server";
import { recordAudit } from "../moderation/audit.server";
import { notify } from "../notify/notification.server";
import { liveThreads, postSeenByAll, PUBLIC_SIGHT, visibleThreads } from "../visibility.server";
import { askFixChecks, moveFixChecks } from "./fix-checks.server";
import { routeKnownIssue, routeMeTooSurge } from "./routing.server";

export { answerFixCheck } from "./fix-checks.server";

export type KnownIssue = typeof knownIssues.$inferSelect;
export type KnownIssueWriteResult = { ok: true } | { ok: false; errors: FieldErrors };
export type CreateKnownIssueResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export type KnownIssueInput = {
  title: string;
  description: string;
  teamId?: number | null;
  incidentId?: number | null;
  articleId?: number | null;
  internalNote?: string;
};

const IMMEDIATE = { behavior: "immediate" } as const;

/** The issue, or a 404 that says so. */
export function findKnownIssue(db: DbOrTx, id: number): KnownIssue {
  const row = db.select().from(knownIssues).where(eq(knownIssues.id, id)).get();
  if (!row) throw refusedWith(404, "knownIssues.errors.notFound");
  return row;
}

/** An issue that can still change: not merged into another. */
function findOpenIssue(db: DbOrTx, id: number): KnownIssue {
  const issue = findKnownIssue(db, id);
  if (issue.mergedIntoId !== null) throw refusedWith(409, "knownIssues.errors.merged");
  return issue;
}

function render(db: Db, description: string) {
  return renderMarkdown(description, { knownUsers: knownUsersIn(db, description) });
}

/** The linked threads the public sees (not deleted, not hidden): what threadCount counts. */
function publicLinked(issueId: number) {
  return and(eq(threads.knownIssueId, issueId), visibleThreads(PUBLIC_SIGHT));
}

/** Keeps threadCount equal to the linked threads the public sees. */
export function recountKnownIssueThreads(tx: DbOrTx, issueId: number) {
  const n = tx.select({ n: count() }).from(threads).where(publicLinked(issueId)).get()!.n;
  tx.update(knownIssues).set({ threadCount: n }).where(eq(knownIssues.id, issueId)).run();
  return n;
}

function recountMeToos(tx: DbOrTx, issueId: number) {
  const n = tx.select({ n: count() }).from(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, issueId)).get()!.n;
  tx.update(knownIssues).set({ meTooCount: n }).where(eq(knownIssues.id, issueId)).run();
  return n;
}

/** The team, incident and article named exist; a message per field otherwise. */
function checkReferences(tx: DbOrTx, actor: Actor, input: KnownIssueInput): FieldErrors {
  const t = actorT(actor);
  const errors: FieldErrors = {};
  if (input.teamId != null && !tx.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId)).get()) {
    errors.team = t("knownIssues.form.teamUnknown");
  }
  if (
    input.incidentId != null &&
    !tx
      .select({ id: announcements.id })
      .from(announcements)
      .where(and(eq(announcements.id, input.incidentId), eq(announcements.kind, "status")))
      .get()
  ) {
    errors.incident = t("knownIssues.form.incidentUnknown");
  }
  if (input.articleId != null && !tx.select({ id: articles.id }).from(articles).where(eq(articles.id, input.articleId)).get()) {
    errors.article = t("knownIssues.form.articleUnknown");
  }
  return errors;
}

type Linkable = { ok: true; id: number; title: string; previousIssueId: number | null } | { ok: false; error: string };

/**
 * Whether a thread may be linked to the issue (null: the one being made): a
 * thread the public can read (not deleted, not hidden), not already linked
 * to this issue, and not linked to another one unless `move` says so.
 */
function linkable(tx: DbOrTx, actor: Actor, issueId: number | null, threadId: number, move: boolean): Linkable {
  const t = actorT(actor);
  const thread = tx
    .select({ id: threads.id, title: threads.title, knownIssueId: threads.knownIssueId, deletedAt: threads.deletedAt, hiddenAt: threads.hiddenAt })
    .from(threads)
    .where(eq(threads.id, threadId))
    .get();
  if (!thread || thread.deletedAt || thread.hiddenAt) return { ok: false, error: t("knownIssues.form.threadNotFound", { id: threadId }) };
  if (thread.knownIssueId !== null && thread.knownIssueId === issueId) return { ok: false, error: t("knownIssues.form.alreadyLinkedHere", { title: thread.title }) };
  if (thread.knownIssueId !== null && !move) {
    const other = tx.select({ title: knownIssues.title }).from(knownIssues).where(eq(knownIssues.id, thread.knownIssueId)).get();
    return { ok: false, error: t("knownIssues.form.linkedElsewhere", { title: thread.title, issue: other?.title ?? `#${thread.knownIssueId}` }) };
  }
  return { ok: true, id: thread.id, title: thread.title, previousIssueId: thread.knownIssueId };
}

/** Links a thread linkable() accepted, and recounts the issue it leaves. */
function link(tx: DbOrTx, issueId: number, thread: { id: number; previousIssueId: number | null }) {
  tx.update(threads).set({ knownIssueId: issueId }).where(eq(threads.id, thread.id)).run();
  if (thread.previousIssueId !== null) recountKnownIssueThreads(tx, thread.previousIssueId);
}

/**
 * Makes a known issue (status "investigating"), links the threads chosen, and
 * sends it to its team when it has one. A thread that cannot be linked
 * refuses the whole form, with the reason beside the threads (field "threads").
 */
export function createKnownIssue(
  db: Db,
  actor: Actor,
  input: KnownIssueInput & { threadIds?: number[]; now?: Date },
): CreateKnownIssueResult {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  const descriptionHtml = render(db, input.description);
  return db.transaction((tx) => {
    const errors = checkReferences(tx, actor, input);
    const chosen: { id: number; previousIssueId: null }[] = [];
    for (const threadId of new Set(input.threadIds ?? [])) {
      const thread = linkable(tx, actor, null, threadId, false);
      if (!thread.ok) {
        // The first thread that cannot be linked refuses the form: the moderator corrects the list.
        errors.threads ??= thread.error;
        continue;
      }
      chosen.push({ id: thread.id, previousIssueId: null });
    }
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const issue = tx
      .insert(knownIssues)
      .values({
        title: input.title,
        description: input.description,
        descriptionHtml,
        status: "investigating",
        teamId: input.teamId ?? null,
        incidentId: input.incidentId ?? null,
        articleId: input.articleId ?? null,
        internalNote: input.internalNote ?? "",
        createdById: actor!.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    tx.insert(knownIssueUpdates).values({ knownIssueId: issue.id, status: "investigating", note: "", createdById: actor!.id, createdAt: now }).run();
    for (const thread of chosen) link(tx, issue.id, thread);
    recountKnownIssueThreads(tx, issue.id);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "known_issue.create",
      targetType: "known_issue",
      targetId: issue.id,
      details: { title: issue.title, threadIds: chosen.map((thread) => thread.id), ...(issue.teamId ? { teamId: issue.teamId } : {}) },
      at: now,
    });
    if (issue.teamId !== null) routeKnownIssue(tx, issue.id, "opened", now);
    return { ok: true as const, id: issue.id };
  }, IMMEDIATE);
}

/** Corrects an issue's words, team, incident, article or internal note; a new team is told of it. */
export function editKnownIssue(
  db: Db,
  actor: Actor,
  input: KnownIssueInput & { issueId: number; teamId: number | null; incidentId: number | null; articleId: number | null; internalNote: string; now?: Date },
): KnownIssueWriteResult {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  findOpenIssue(db, input.issueId);
  const descriptionHtml = render(db, input.description);
  return db.transaction((tx) => {
    const before = findOpenIssue(tx, input.issueId);
    const errors = checkReferences(tx, actor, input);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    tx.update(knownIssues)
      .set({
        title: input.title,
        description: input.description,
        descriptionHtml,
        teamId: input.teamId,
        incidentId: input.incidentId,
        articleId: input.articleId,
        internalNote: input.internalNote,
        updatedAt: now,
      })
      .where(eq(knownIssues.id, before.id))
      .run();
    const changed = (["title", "description", "teamId", "incidentId", "articleId", "internalNote"] as const).filter((key) => before[key] !== input[key]);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "known_issue.edit",
      targetType: "known_issue",
      targetId: before.id,
      details: {
        title: input.title,
        changed,
        ...(before.title !== input.title ? { previousTitle: before.title } : {}),
        ...(before.teamId !== input.teamId ? { teamId: input.teamId, previousTeamId: before.teamId } : {}),
      },
      at: now,
    });
    if (input.teamId !== null && input.teamId !== before.teamId) routeKnownIssue(tx, before.id, "opened", now);
    return { ok: true as const };
  }, IMMEDIATE);
}

/** Links a thread to the issue (`move`: even if it is linked to another, which loses it). */
export function linkThread(db: Db, actor: Actor, input: { issueId: number; threadId: number; move?: boolean; now?: Date }): KnownIssueWriteResult {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  findOpenIssue(db, input.issueId);
  return db.transaction((tx) => {
    const issue = findOpenIssue(tx, input.issueId);
    const outcome = linkable(tx, actor, issue.id, input.threadId, !!input.move);
    if (!outcome.ok) return { ok: false as const, errors: { thread: outcome.error } };
    link(tx, issue.id, outcome);
    recountKnownIssueThreads(tx, issue.id);
    tx.update(knownIssues).set({ updatedAt: now }).where(eq(knownIssues.id, issue.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "known_issue.link",
      targetType: "thread",
      targetId: input.threadId,
      details: { issueId: issue.id, issue: issue.title, ...(outcome.previousIssueId !== null ? { previousIssueId: outcome.previousIssueId } : {}) },
      at: now,
    });
    return { ok: true as const };
  }, IMMEDIATE);
}

/** Takes a thread off the known issue it is linked to (`issueId`, when given: only off that one). */
export function unlinkThread(db: Db, actor: Actor, input: { threadId: number; issueId?: number; now?: Date }): KnownIssueWriteResult {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const thread = tx.select({ id: threads.id, knownIssueId: threads.knownIssueId }).from(threads).where(eq(threads.id, input.threadId)).get();
    if (!thread || thread.knownIssueId === null || (input.issueId !== undefined && thread.knownIssueId !== input.issueId)) {
      return { ok: false as const, errors: { form: actorT(actor)("knownIssues.form.notLinked") } };
    }
    const issue = findKnownIssue(tx, thread.knownIssueId);
    tx.update(threads).set({ knownIssueId: null }).where(eq(threads.id, thread.id)).run();
    recountKnownIssueThreads(tx, issue.id);
    tx.update(knownIssues).set({ updatedAt: now }).where(eq(knownIssues.id, issue.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "known_issue.unlink",
      targetType: "thread",
      targetId: thread.id,
      details: { issueId: issue.id, issue: issue.title },
      at: now,
    });
    return { ok: true as const };
  }, IMMEDIATE);
}

/**
 * Merges issue `fromId` into `intoId`: its threads, its "me too" (one per
 * member) and its fix checks move over, and its page redirects to the other
 * from then on (so do the pages of issues merged into it before).
 */
export function mergeKnownIssues(db: Db, actor: Actor, input: { fromId: number; intoId: number; now?: Date }): KnownIssueWriteResult {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  const t = actorT(actor);
  findOpenIssue(db, input.fromId);
  return db.transaction((tx) => {
    const from = findOpenIssue(tx, input.fromId);
    if (input.intoId === from.id) return { ok: false as const, errors: { into: t("knownIssues.form.mergeSelf") } };
    const into = tx.select().from(knownIssues).where(eq(knownIssues.id, input.intoId)).get();
    if (!into) return { ok: false as const, errors: { into: t("knownIssues.form.mergeUnknown") } };
    if (into.mergedIntoId !== null) return { ok: false as const, errors: { into: t("knownIssues.form.mergeIntoMerged") } };
    const moved = tx.update(threads).set({ knownIssueId: into.id }).where(eq(threads.knownIssueId, from.id)).run().changes;
    const meToos = tx.select().from(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, from.id)).all();
    if (meToos.length) {
      tx.insert(knownIssueMeToos)
        .values(meToos.map((row) => ({ ...row, knownIssueId: into.id })))
        .onConflictDoNothing()
        .run();
      tx.delete(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, from.id)).run();
    }
    moveFixChecks(tx, from.id, into.id);
    tx.update(knownIssues)
      .set({ mergedIntoId: into.id, updatedAt: now })
      .where(inArray(knownIssues.id, [from.id, ...mergedInto(tx, from.id)]))
      .run();
    tx.update(knownIssues).set({ updatedAt: now }).where(eq(knownIssues.id, into.id)).run();
    for (const id of [from.id, into.id]) {
      recountKnownIssueThreads(tx, id);
      recountMeToos(tx, id);
    }
    recordAudit(tx, {
      actorId: actor!.id,
      action: "known_issue.merge",
      targetType: "known_issue",
      targetId: from.id,
      details: { title: from.title, intoId: into.id, into: into.title, threads: moved, meToos: meToos.length },
      at: now,
    });
    return { ok: true as const };
  }, IMMEDIATE);
}

/** The issues merged into this one before (their pages follow it to the new target). */
function mergedInto(tx: DbOrTx, id: number): number[] {
  return tx
    .select({ id: knownIssues.id })
    .from(knownIssues)
    .where(eq(knownIssues.mergedIntoId, id))
    .all()
    .map((row) => row.id);
}

/**
 * Everyone interested in the issue, once each: the asker, the answerers (of
 * answers everyone can read) and the watchers of each linked thread (not
 * deleted), but not those who muted that thread; and those who said "me too".
 */
export function interestedInKnownIssue(tx: DbOrTx, issueId: number): Set<number> {
  const linked = tx
    .select({ id: threads.id, authorId: threads.authorId })
    .from(threads)
    .where(and(eq(threads.knownIssueId, issueId), liveThreads()))
    .all();
  const people = new Set<number>();
  if (linked.length) {
    const ids = linked.map((thread) => thread.id);
    const byThread = new Map<number, Set<number>>(linked.map((thread) => [thread.id, new Set([thread.authorId])]));
    const answerers = tx
      .selectDistinct({ threadId: posts.threadId, userId: posts.authorId })
      .from(posts)
      .where(and(inArray(posts.threadId, ids), eq(posts.kind, "answer"), postSeenByAll()))
      .all();
    const watching = tx
      .select({ threadId: watches.targetId, userId: watches.userId, level: watches.level })
      .from(watches)
      .where(and(eq(watches.targetType, "thread"), inArray(watches.targetId, ids)))
      .all();
    for (const row of answerers) byThread.get(row.threadId)!.add(row.userId);
    for (const row of watching) if (row.level === "watching") byThread.get(row.threadId)!.add(row.userId);
    for (const row of watching) if (row.level === "muted") byThread.get(row.threadId)!.delete(row.userId);
    for (const group of byThread.values()) for (const id of group) people.add(id);
  }
  for (const row of tx.select({ userId: knownIssueMeToos.userId }).from(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, issueId)).all()) {
    people.add(row.userId);
  }
  return people;
}

export type StatusChangeResult = { ok: true; notified: number; asked: number } | { ok: false; errors: FieldErrors };

/**
 * A new status with its public note: a line in the issue's history, one
 * notification to each interested person, and when it becomes fixed the
 * "did the fix solve your problem?" question to each linked thread's asker.
 * The same status again needs a note (an update without news is refused).
 */
export function setKnownIssueStatus(
  db: Db,
  actor: Actor,
  input: { issueId: number; status: KnownIssueStatus; note: string; now?: Date },
): StatusChangeResult {
  assertCan(actor, "knownIssue.manage");
  const now = input.now ?? new Date();
  const note = input.note.trim();
  findOpenIssue(db, input.issueId);
  return db.transaction((tx) => {
    const issue = findOpenIssue(tx, input.issueId);
    if (issue.status === input.status && !note) return { ok: false as const, errors: { note: actorT(actor)("knownIssues.form.sameStatusNeedsNote") } };
    tx.insert(knownIssueUpdates).values({ knownIssueId: issue.id, status: input.status, note, createdById: actor!.id, createdAt: now }).run();
    tx.update(knownIssues)
      .set({ status: input.status, updatedAt: now, fixedAt: input.status === "fixed" ? (issue.status === "fixed" ? issue.fixedAt : now) : null })
      .where(eq(knownIssues.id, issue.id))
      .run();
    const people = interestedInKnownIssue(tx, issue.id);
    people.delete(actor!.id);
    notify(tx, people, { kind: "known_issue_status", actorId: actor!.id, data: { issue: issue.id, title: issue.title, status: input.status, note }, now });
    const asked = input.status === "fixed" ? askFixChecks(tx, issue, { actorId: actor!.id, again: issue.status !== "fixed", now }) : 0;
    recordAudit(tx, {
      actorId: actor!.id,
      action: "known_issue.status",
      targetType: "known_issue",
      targetId: issue.id,
      details: { title: issue.title, status: input.status, previousStatus: issue.status, note, notified: people.size, asked },
      at: now,
    });
    return { ok: true as const, notified: people.size, asked };
  }, IMMEDIATE);
}

export type MeTooResult = { issueId: number; counted: boolean; meTooCount: number };

/**
 * "Me too": once per member per issue, however often or however fast it is
 * sent (the row's key refuses a second, and the count is read again, not
 * added to). On a merged issue it counts on the issue it was merged into.
 * A surge of them in a day is sent to the team (routeMeTooSurge).
 */
export function sayMeToo(db: Db, actor: Actor, input: { issueId: number; threadId?: number | null; now?: Date }): MeTooResult {
  assertCan(actor, "knownIssue.meToo");
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    let issue = findKnownIssue(tx, input.issueId);
    if (issue.mergedIntoId !== null) issue = findOpenIssue(tx, issue.mergedIntoId);
    // The thread it was said on, if it is one of the issue's (otherwise none).
    const threadId =
      input.threadId != null &&
      tx
        .select({ id: threads.id })
        .from(threads)
        .where(and(eq(threads.id, input.threadId), eq(threads.knownIssueId, issue.id)))
        .get()
        ? input.threadId
        : null;
    const counted = tx.insert(knownIssueMeToos).values({ knownIssueId: issue.id, userId: actor!.id, threadId, createdAt: now }).onConflictDoNothing().run().changes > 0;
    const meTooCount = counted ? recountMeToos(tx, issue.id) : issue.meTooCount;
    if (counted) routeMeTooSurge(tx, issue.id, now);
    return { issueId: issue.id, counted, meTooCount };
  }, IMMEDIATE);
}

/** Whether the viewer said "me too" on the issue. */
export function saidMeToo(db: DbOrTx, viewer: Actor, issueId: number): boolean {
  if (!viewer) return false;
  return !!db
    .select({ userId: knownIssueMeToos.userId })
    .from(knownIssueMeToos)
    .where(and(eq(knownIssueMeToos.knownIssueId, issueId), eq(knownIssueMeToos.userId, viewer.id)))
    .get();
}

/** The other issues a moderator may merge this one into (open ones, newest first). */
export function mergeTargets(db: DbOrTx, issueId: number) {
  return db
    .select({ id: knownIssues.id, title: knownIssues.title })
    .from(knownIssues)
    .where(and(isNull(knownIssues.mergedIntoId), ne(knownIssues.id, issueId)))
    .orderBy(sql`${knownIssues.updatedAt} desc`)
    .limit(200)
    .all();
}
