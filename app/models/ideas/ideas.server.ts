// Product ideas: threads of a category whose kind is "ideas". Members propose
// them (through the site's own thread creation: same validation, spam rules,
// posting limits and search index), vote for them (one vote each, apart from
// answers' votes, no reputation), and staff give them a status.
//
// Early access: a moderator may tell a new status (meant for "planned") to
// early-access readers and staff first. Then threads.ideaStatus holds the new
// status, ideaPublicStatus the one everyone else still reads, and
// ideaEarlyAccessAt is set; publishIdeaStatus ends it. Whenever no early status
// is pending the two columns are equal, so an early-access reader always reads
// ideaStatus and everyone else ideaPublicStatus (lists filter on either).
//
// Votes count the proposer's own: proposing an idea is wanting it, as on most
// idea boards, and they may withdraw it like anyone else.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import type { IdeaStatus } from "../../../db/enums";
import { categories, ideaVotes, threads, users } from "../../../db/schema";
import { refusedWith } from "../../i18n/message";
import { actorT } from "../../i18n/messages.server";
import { type Actor, type IdeaResource } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { notify } from "../notify/notification.server";
import { createThread } from "../forum/thread.server";
import { earlyAccessStanding } from "../reputation/early-access.server";
import { earlyAccessRankOf, getRewardRules } from "../reputation/reward-rules.server";
import { liveAccounts, readsEarlyAccess, sightOf, visibleThreads } from "../visibility.server";

/** The statuses a moderator gives ("open" is where every idea starts). */
export const SETTABLE_IDEA_STATUSES = ["under_review", "planned", "in_progress", "done", "declined"] as const satisfies readonly IdeaStatus[];
export type SettableIdeaStatus = (typeof SETTABLE_IDEA_STATUSES)[number];
export const IDEA_REASON_MAX = 500;

/** The ideas category: the first category whose kind is "ideas", or null when there is none. */
export function ideasCategory(db: DbOrTx) {
  return (
    db
      .select()
      .from(categories)
      .where(eq(categories.kind, "ideas"))
      .orderBy(asc(categories.position), asc(categories.id))
      .get() ?? null
  );
}

export type IdeaThread = typeof threads.$inferSelect;

/** Whether this viewer reads statuses told to early access first (the policy's "earlyAccess.read", as early access decides it). */
export function readsEarlyIdeaStatus(db: DbOrTx, viewer: Actor): boolean {
  return !!viewer && earlyAccessStanding(db, viewer).eligible;
}

/** The status a viewer reads: the early one for early-access readers (and staff), else the public one. */
export function ideaStatusFor(idea: Pick<IdeaThread, "ideaStatus" | "ideaPublicStatus" | "ideaEarlyAccessAt">, early: boolean): IdeaStatus {
  return early && idea.ideaEarlyAccessAt ? idea.ideaStatus : idea.ideaPublicStatus;
}

/** What the policy's "idea.vote" needs, as this viewer reads the idea. */
export function ideaResource(idea: IdeaThread, early: boolean): IdeaResource {
  return { authorId: idea.authorId, deleted: !!idea.deletedAt, status: ideaStatusFor(idea, early) };
}

/** An idea (a thread in an ideas category) the viewer may see, or null. */
export function findIdea(db: DbOrTx, viewer: Actor, threadId: number): IdeaThread | null {
  const row = db
    .select({ thread: threads })
    .from(threads)
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .where(and(eq(threads.id, threadId), eq(categories.kind, "ideas"), visibleThreads(sightOf(viewer))))
    .get();
  return row?.thread ?? null;
}

function findIdeaOr404(db: DbOrTx, viewer: Actor, threadId: number): IdeaThread {
  const idea = findIdea(db, viewer, threadId);
  if (!idea) throw refusedWith(404, "ideas.server.notFound");
  return idea;
}

/** Counts the idea's votes again from its rows (never adds to the old number: two votes at once both count). */
function recountVotes(tx: DbOrTx, threadId: number): number {
  return tx
    .update(threads)
    .set({ ideaVoteCount: sql`(select count(*) from ${ideaVotes} where ${ideaVotes.threadId} = ${threadId})` })
    .where(eq(threads.id, threadId))
    .returning({ votes: threads.ideaVoteCount })
    .get()!.votes;
}

export type ProposeIdeaResult =
  | { ok: true; id: number; thread: IdeaThread; held: boolean }
  | { ok: false; errors: FieldErrors; throttled?: boolean };

/**
 * A new idea: a thread in the ideas category, made by createThread (so it is
 * checked, limited, held for review and indexed as any question is), then the
 * proposer's vote, its first.
 */
export function proposeIdea(db: Db, actor: Actor, input: { title: string; body: string; tags?: string[]; now?: Date }): ProposeIdeaResult {
  assertCan(actor, "thread.create");
  const category = ideasCategory(db);
  if (!category) return { ok: false, errors: { form: actorT(actor)("ideas.server.noCategory") } };
  const now = input.now ?? new Date();
  const result = createThread(db, actor, { title: input.title, body: input.body, category: category.slug, tags: input.tags ?? [] }, now);
  if (!result.ok) return result;
  const thread = db.transaction(
    (tx) => {
      tx.insert(ideaVotes).values({ threadId: result.thread.id, userId: actor!.id, createdAt: now }).onConflictDoNothing().run();
      recountVotes(tx, result.thread.id);
      return tx.select().from(threads).where(eq(threads.id, result.thread.id)).get()!;
    },
    { behavior: "immediate" },
  );
  return { ok: true, id: thread.id, thread, held: result.held };
}

export type IdeaVoteResult = { threadId: number; slug: string; votes: number; voted: boolean };

/**
 * One vote, and the count set again from the rows, in one transaction that
 * takes the write lock at once: 50 members voting at once from several
 * processes count 50, and voting twice counts once.
 */
export function voteForIdea(db: Db, actor: Actor, input: { threadId: number; now?: Date }): IdeaVoteResult {
  return changeVote(db, actor, input.threadId, "vote", input.now ?? new Date());
}

/** Takes the member's vote back (nothing happens when there was none). */
export function withdrawIdeaVote(db: Db, actor: Actor, input: { threadId: number }): IdeaVoteResult {
  return changeVote(db, actor, input.threadId, "unvote", new Date());
}

function changeVote(db: Db, actor: Actor, threadId: number, change: "vote" | "unvote", now: Date): IdeaVoteResult {
  // A visitor is sent to sign in (401) before anything is read.
  if (!actor) assertCan(actor, "idea.vote", { authorId: 0, status: "open" });
  const early = readsEarlyIdeaStatus(db, actor);
  return db.transaction(
    (tx) => {
      const idea = findIdeaOr404(tx, actor, threadId);
      assertCan(actor, "idea.vote", ideaResource(idea, early));
      if (change === "vote") tx.insert(ideaVotes).values({ threadId, userId: actor!.id, createdAt: now }).onConflictDoNothing().run();
      else tx.delete(ideaVotes).where(and(eq(ideaVotes.threadId, threadId), eq(ideaVotes.userId, actor!.id))).run();
      const votes = recountVotes(tx, threadId);
      return { threadId, slug: idea.slug, votes, voted: change === "vote" };
    },
    { behavior: "immediate" },
  );
}

export type IdeaStatusResult = { ok: true; threadId: number; slug: string } | { ok: false; errors: FieldErrors };

type IdeaStatusState = { status: IdeaStatus; publicStatus: IdeaStatus; pending: boolean };

/**
 * Sets an idea's status (staff). "declined" needs a reason. With earlyAccess,
 * early-access readers and staff read the new status (and are told) now;
 * everyone else keeps reading the previous public status until
 * publishIdeaStatus. Audit-logged as "idea.status".
 */
export function setIdeaStatus(
  db: Db,
  actor: Actor,
  input: { threadId: number; status: string; reason: string; earlyAccess: boolean; now?: Date },
): IdeaStatusResult {
  assertCan(actor, "idea.setStatus");
  const t = actorT(actor);
  const reason = input.reason.trim();
  if (!(SETTABLE_IDEA_STATUSES as readonly string[]).includes(input.status)) return { ok: false, errors: { status: t("ideas.server.statusUnknown") } };
  const status = input.status as SettableIdeaStatus;
  if (status === "declined" && !reason) return { ok: false, errors: { reason: t("ideas.server.reasonRequired") } };
  if (reason.length > IDEA_REASON_MAX) return { ok: false, errors: { reason: t("ideas.server.reasonLong", { max: IDEA_REASON_MAX }) } };
  const now = input.now ?? new Date();
  return db.transaction(
    (tx) => {
      const idea = findIdeaOr404(tx, actor, input.threadId);
      if (idea.deletedAt) return { ok: false as const, errors: { form: t("ideas.server.deleted") } };
      // Early access for the status everyone already reads would tell nobody anything.
      const early = input.earlyAccess && status !== idea.ideaPublicStatus;
      const next: IdeaStatusState = early
        ? { status, publicStatus: idea.ideaPublicStatus, pending: true }
        : { status, publicStatus: status, pending: false };
      tx.update(threads)
        .set({
          ideaStatus: next.status,
          ideaPublicStatus: next.publicStatus,
          ideaStatusReason: reason,
          ideaStatusChangedAt: now,
          ideaEarlyAccessAt: next.pending ? now : null,
        })
        .where(eq(threads.id, idea.id))
        .run();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "idea.status",
        targetType: "thread",
        targetId: idea.id,
        details: { from: idea.ideaStatus, to: status, publicStatus: next.publicStatus, earlyAccess: next.pending },
        reason,
        at: now,
      });
      tellChange(tx, idea, next, actor!.id, now);
      return { ok: true as const, threadId: idea.id, slug: idea.slug };
    },
    { behavior: "immediate" },
  );
}

/**
 * Ends an idea's early access: everyone reads its status now, and the voters
 * (and proposer) who were not told yet are told. Audit-logged as "idea.status".
 */
export function publishIdeaStatus(db: Db, actor: Actor, input: { threadId: number; now?: Date }): IdeaStatusResult {
  assertCan(actor, "idea.setStatus");
  const now = input.now ?? new Date();
  return db.transaction(
    (tx) => {
      const idea = findIdeaOr404(tx, actor, input.threadId);
      if (!idea.ideaEarlyAccessAt) return { ok: false as const, errors: { form: actorT(actor)("ideas.server.nothingToPublish") } };
      const next: IdeaStatusState = { status: idea.ideaStatus, publicStatus: idea.ideaStatus, pending: false };
      tx.update(threads).set({ ideaPublicStatus: idea.ideaStatus, ideaEarlyAccessAt: null }).where(eq(threads.id, idea.id)).run();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "idea.status",
        targetType: "thread",
        targetId: idea.id,
        details: { from: idea.ideaPublicStatus, to: idea.ideaStatus, published: true },
        at: now,
      });
      tellChange(tx, idea, next, actor!.id, now);
      return { ok: true as const, threadId: idea.id, slug: idea.slug };
    },
    { behavior: "immediate" },
  );
}

/** The proposer and every voter: who hears of an idea's status. */
function interestedIn(tx: DbOrTx, idea: IdeaThread): number[] {
  const voters = tx.select({ id: ideaVotes.userId }).from(ideaVotes).where(eq(ideaVotes.threadId, idea.id)).all();
  return [...new Set([idea.authorId, ...voters.map((v) => v.id)])];
}

/** Of these members, those who read early access now (staff included), as early access decides it for a list. */
function earlyReadersAmong(tx: DbOrTx, ids: number[]): Set<number> {
  if (!ids.length) return new Set();
  const threshold = earlyAccessRankOf(getRewardRules(tx)).min;
  const rows = tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), readsEarlyAccess(threshold), liveAccounts()))
    .all();
  return new Set(rows.map((r) => r.id));
}

/**
 * Tells each interested member whose read status changes, once, what it is
 * now: early-access readers read the early status, everyone else the public
 * one, before and after. So an early status tells only early readers, and
 * publishing it tells only those who did not read it yet.
 */
function tellChange(tx: DbOrTx, idea: IdeaThread, next: IdeaStatusState, actorId: number, now: Date) {
  const interested = interestedIn(tx, idea);
  const early = earlyReadersAmong(tx, interested);
  const before = (id: number) => ideaStatusFor(idea, early.has(id));
  const after = (id: number) => (next.pending && early.has(id) ? next.status : next.publicStatus);
  const byStatus = new Map<IdeaStatus, number[]>();
  for (const id of interested) {
    if (before(id) === after(id)) continue;
    byStatus.set(after(id), [...(byStatus.get(after(id)) ?? []), id]);
  }
  for (const [status, ids] of byStatus) notify(tx, ids, { kind: "idea_status", actorId, threadId: idea.id, data: { status }, now });
}
