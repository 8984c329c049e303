// "Download my data": a member asks, the background worker writes their data
// as one JSON document (prepareDataExports), the file is offered for 7 days,
// then deleted. Admins may prepare a member's export too (account-admin):
// that row is marked by its "user.export" audit entry, and only admins
// download it. The document holds what belongs to the person alone: their
// profile and posts as they may see them, their votes, points, badges,
// notifications, watches, flags, article feedback and comments on
// announcements, and the language they chose; never a password hash, a
// two-factor secret, a token or anyone else's private data. When a member's
// own export is ready, they are told by email (in their language).
import { and, asc, desc, eq, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import {
  announcementComments,
  articleFeedback,
  auditEvents,
  categories,
  dataExports,
  flags,
  notifications,
  posts,
  reputationEvents,
  tags,
  threads,
  threadTags,
  userBadges,
  userIdentities,
  users,
  votes,
  watches,
  type DataExportStatus,
} from "../../../db/schema";
import { refusedWith } from "../../i18n/message";
import type { Language } from "../../i18n/languages";
import { isAdmin, type Actor } from "../../policy";
import type { FieldErrors } from "../../utils/form.server";
import { threadPath } from "../../utils/paths";
import { exactTime } from "../../utils/time";
import { queueOutboxMessages } from "../notify/outbox.server";
import { liveAnnouncementComments, visiblePosts, type Sight } from "../visibility.server";
import { accountEmailContext, dataExportReadyEmail } from "./account-emails.server";
import { wordsFor, wordsIn } from "./account-words.server";
import { recipientLanguage } from "./language.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** How long a prepared file is offered. */
export const EXPORT_LIFETIME_MS = 7 * DAY;
/** A member may ask once an hour: each export reads all of their rows. */
export const EXPORT_REQUEST_INTERVAL_MS = HOUR;
/** Exports prepared per worker run, so one run never holds the worker long. */
const EXPORTS_PER_RUN = 5;

export type DataExportRow = typeof dataExports.$inferSelect;

/** Whether an admin asked for this export (its "user.export" audit entry names it), as SQL on data_exports. */
function requestedByAdmin(exportRow: typeof dataExports = dataExports) {
  return sql<number>`exists (select 1 from ${auditEvents} where ${auditEvents.action} = 'user.export' and ${auditEvents.targetType} = 'user' and ${auditEvents.targetId} = ${exportRow.userId} and json_extract(${auditEvents.details}, '$.exportId') = ${exportRow.id})`;
}

/** What a page shows of one export. */
export type ExportView = {
  id: number;
  status: DataExportStatus | "expired";
  createdAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
};

export function exportView(row: DataExportRow, now: Date): ExportView {
  const expired = row.status === "ready" && !!row.expiresAt && row.expiresAt.getTime() <= now.getTime();
  return { id: row.id, status: expired ? "expired" : row.status, createdAt: row.createdAt, readyAt: row.readyAt, expiresAt: row.expiresAt };
}

/** The latest export the member asked for themselves (an admin's is not theirs to see here). */
export function latestOwnExport(db: DbOrTx, userId: number): DataExportRow | null {
  return (
    db
      .select()
      .from(dataExports)
      .where(and(eq(dataExports.userId, userId), sql`not ${requestedByAdmin()}`))
      .orderBy(desc(dataExports.createdAt), desc(dataExports.id))
      .limit(1)
      .get() ?? null
  );
}

/** The latest export an admin asked for, of this member. */
export function latestAdminExport(db: DbOrTx, userId: number): DataExportRow | null {
  return (
    db
      .select()
      .from(dataExports)
      .where(and(eq(dataExports.userId, userId), requestedByAdmin()))
      .orderBy(desc(dataExports.createdAt), desc(dataExports.id))
      .limit(1)
      .get() ?? null
  );
}

/** The export still being prepared for this member, whoever asked. */
export function pendingExport(db: DbOrTx, userId: number) {
  return db.select({ id: dataExports.id }).from(dataExports).where(and(eq(dataExports.userId, userId), eq(dataExports.status, "pending"))).get() ?? null;
}

/** Why the member may not ask for an export now, or null (in their words). */
function requestRefusal(db: DbOrTx, actor: NonNullable<Actor>, now: Date): string | null {
  const t = wordsFor(actor);
  if (pendingExport(db, actor.id)) return t("accountsServer.data.alreadyPreparing");
  const latest = latestOwnExport(db, actor.id);
  if (latest && now.getTime() - latest.createdAt.getTime() < EXPORT_REQUEST_INTERVAL_MS) {
    const at = new Date(latest.createdAt.getTime() + EXPORT_REQUEST_INTERVAL_MS);
    return t("accountsServer.data.tooSoon", { time: exactTime(at, actor.language ?? "en") });
  }
  return null;
}

export type ExportRequestResult = { ok: true; exportId: number } | { ok: false; errors: FieldErrors };

/** Queues an export of the member's own data: one at a time, at most one an hour. */
export function requestDataExport(db: Db, actor: NonNullable<Actor>, now = new Date()): ExportRequestResult {
  return db.transaction((tx) => {
    const refused = requestRefusal(tx, actor, now);
    if (refused) return { ok: false, errors: { form: refused } };
    const row = tx.insert(dataExports).values({ userId: actor.id, status: "pending", createdAt: now }).returning({ id: dataExports.id }).get();
    return { ok: true, exportId: row.id };
  });
}

/** Queues an export of a member's data on an admin's behalf (the caller checks the admin and writes the audit entry). */
export function insertPendingExport(tx: DbOrTx, userId: number, now: Date): number {
  return tx.insert(dataExports).values({ userId, status: "pending", createdAt: now }).returning({ id: dataExports.id }).get().id;
}

// ------------------------------------------------------------- the document

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * Everything that belongs to the person, in one document. A handful of
 * queries per section, none per row. Posts are read as the person may see
 * them (the visibility scope with their own sight): their hidden posts are
 * in, deleted ones and anything under someone else's hidden post are not.
 */
export function buildDataExport(db: DbOrTx, userId: number, now = new Date()) {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`No user ${userId}`);
  // Their own sight, not staff's: a moderator's export holds their data, not the site's.
  const sight: Sight = { staff: false, viewerId: userId };

  const identities = db
    .select({ provider: userIdentities.provider, email: userIdentities.email, createdAt: userIdentities.createdAt })
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.id))
    .all();

  const postColumns = {
    id: posts.id,
    threadId: posts.threadId,
    parentId: posts.parentId,
    body: posts.body,
    score: posts.score,
    official: posts.official,
    createdAt: posts.createdAt,
    editedAt: posts.editedAt,
    hiddenAt: posts.hiddenAt,
    hiddenReason: posts.hiddenReason,
    heldAt: posts.heldAt,
    threadTitle: threads.title,
    threadSlug: threads.slug,
  };
  const ownPosts = (kind: "question" | "answer" | "comment") =>
    and(eq(posts.authorId, userId), eq(posts.kind, kind), visiblePosts(sight));

  const questionRows = db
    .select({ ...postColumns, category: categories.name, answerCount: threads.answerCount, acceptedAnswerId: threads.acceptedAnswerId, lockedAt: threads.lockedAt })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(categories, eq(categories.id, threads.categoryId))
    .where(ownPosts("question"))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .all();
  const tagRows = questionRows.length
    ? db
        .select({ threadId: threadTags.threadId, name: tags.name })
        .from(threadTags)
        .innerJoin(tags, eq(tags.id, threadTags.tagId))
        .innerJoin(threads, eq(threads.id, threadTags.threadId))
        .where(eq(threads.authorId, userId))
        .orderBy(asc(tags.name))
        .all()
    : [];
  const tagsByThread = new Map<number, string[]>();
  for (const { threadId, name } of tagRows) tagsByThread.set(threadId, [...(tagsByThread.get(threadId) ?? []), name]);

  const answerRows = db
    .select({ ...postColumns, acceptedAnswerId: threads.acceptedAnswerId })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(ownPosts("answer"))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .all();

  const commentRows = db
    .select(postColumns)
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(ownPosts("comment"))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .all();

  const voteRows = db
    .select({ postId: votes.postId, value: votes.value, createdAt: votes.createdAt })
    .from(votes)
    .where(eq(votes.userId, userId))
    .orderBy(asc(votes.createdAt), asc(votes.postId))
    .all();

  // Not the actor: who upvoted an answer is nobody's to know but the voter.
  const reputationRows = db
    .select({ points: reputationEvents.points, reason: reputationEvents.reason, postId: reputationEvents.postId, createdAt: reputationEvents.createdAt })
    .from(reputationEvents)
    .where(eq(reputationEvents.userId, userId))
    .orderBy(asc(reputationEvents.createdAt), asc(reputationEvents.id))
    .all();

  const badgeRows = db
    .select({ badge: userBadges.badge, postId: userBadges.postId, createdAt: userBadges.createdAt })
    .from(userBadges)
    .where(eq(userBadges.userId, userId))
    .orderBy(asc(userBadges.createdAt))
    .all();

  const notificationRows = db
    .select({
      kind: notifications.kind,
      threadId: notifications.threadId,
      postId: notifications.postId,
      announcementId: notifications.announcementId,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt), asc(notifications.id))
    .all();

  const watchRows = db
    .select({ targetType: watches.targetType, targetId: watches.targetId, level: watches.level, createdAt: watches.createdAt })
    .from(watches)
    .where(eq(watches.userId, userId))
    .orderBy(asc(watches.createdAt))
    .all();

  const flagRows = db
    .select({ postId: flags.postId, reason: flags.reason, note: flags.note, status: flags.status, createdAt: flags.createdAt })
    .from(flags)
    .where(eq(flags.reporterId, userId))
    .orderBy(asc(flags.createdAt), asc(flags.id))
    .all();

  // Their comments on announcements, as written (the announcement by its id
  // only: an early-access one may be gated from them by now).
  const announcementCommentRows = db
    .select({ id: announcementComments.id, announcementId: announcementComments.announcementId, body: announcementComments.body, createdAt: announcementComments.createdAt })
    .from(announcementComments)
    .where(and(eq(announcementComments.authorId, userId), liveAnnouncementComments(announcementComments)))
    .orderBy(asc(announcementComments.createdAt), asc(announcementComments.id))
    .all();

  const feedbackRows = db
    .select({ articleId: articleFeedback.articleId, helpful: articleFeedback.helpful, comment: articleFeedback.comment, createdAt: articleFeedback.createdAt, updatedAt: articleFeedback.updatedAt })
    .from(articleFeedback)
    .where(eq(articleFeedback.userId, userId))
    .orderBy(asc(articleFeedback.createdAt), asc(articleFeedback.id))
    .all();

  const postCommon = (row: (typeof commentRows)[number]) => ({
    id: row.id,
    threadId: row.threadId,
    thread: { title: row.threadTitle, path: threadPath({ id: row.threadId, slug: row.threadSlug }) },
    body: row.body,
    score: row.score,
    createdAt: iso(row.createdAt),
    editedAt: iso(row.editedAt),
    hiddenByModerator: row.hiddenAt ? { at: iso(row.hiddenAt), reason: row.hiddenReason } : null,
    heldForReview: !!row.heldAt,
  });

  // The notes are read by the person: in their language.
  const t = wordsIn(recipientLanguage(db as Db, user.language));
  return {
    format: "entraide-data-export",
    version: 1,
    exportedAt: now.toISOString(),
    profile: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      emailVerifiedAt: iso(user.emailVerifiedAt),
      bio: user.bio,
      role: user.role,
      reputation: user.reputation,
      joinedAt: iso(user.createdAt),
      // null: the interface follows their browser (they chose no language).
      language: user.language,
      emailNotifications: user.emailNotifications,
      twoFactorEnabled: !!user.totpEnabledAt,
      signsInWithPassword: user.passwordHash !== "",
      suspension: user.suspendedUntil ? { until: iso(user.suspendedUntil), reason: user.suspendReason } : null,
      linkedSignIns: identities.map((i) => ({ provider: i.provider, email: i.email, linkedAt: iso(i.createdAt) })),
    },
    questions: questionRows.map((row) => ({
      ...postCommon(row),
      title: row.threadTitle,
      category: row.category,
      tags: tagsByThread.get(row.threadId) ?? [],
      answerCount: row.answerCount,
      solved: row.acceptedAnswerId !== null,
      locked: !!row.lockedAt,
    })),
    answers: answerRows.map((row) => ({ ...postCommon(row), accepted: row.acceptedAnswerId === row.id, official: row.official })),
    comments: commentRows.map((row) => ({ ...postCommon(row), onPostId: row.parentId })),
    votes: voteRows.map((v) => ({ postId: v.postId, direction: v.value > 0 ? "up" : "down", createdAt: iso(v.createdAt) })),
    reputationHistory: reputationRows.map((r) => ({ points: r.points, reason: r.reason, postId: r.postId, createdAt: iso(r.createdAt) })),
    badges: badgeRows.map((b) => ({ badge: b.badge, postId: b.postId, earnedAt: iso(b.createdAt) })),
    notifications: notificationRows.map((n) => ({
      kind: n.kind,
      threadId: n.threadId,
      postId: n.postId,
      announcementId: n.announcementId,
      details: JSON.parse(n.data) as unknown,
      createdAt: iso(n.createdAt),
      readAt: iso(n.readAt),
    })),
    watches: watchRows.map((w) => ({ targetType: w.targetType, targetId: w.targetId, level: w.level, since: iso(w.createdAt) })),
    flagsRaised: flagRows.map((f) => ({ postId: f.postId, reason: f.reason, note: f.note, status: f.status, createdAt: iso(f.createdAt) })),
    announcementComments: announcementCommentRows.map((c) => ({ id: c.id, announcementId: c.announcementId, body: c.body, createdAt: iso(c.createdAt) })),
    articleFeedback: feedbackRows.map((f) => ({ articleId: f.articleId, helpful: f.helpful, comment: f.comment, createdAt: iso(f.createdAt), updatedAt: iso(f.updatedAt) })),
    // The search log records the words and whether someone was signed in, never who.
    searchHistory: [] as string[],
    notes: {
      searchHistory: t("accountsServer.export.notes.searchHistory"),
      posts: t("accountsServer.export.notes.posts"),
      announcementComments: t("accountsServer.export.notes.announcementComments"),
    },
  };
}

export type DataExportDocument = ReturnType<typeof buildDataExport>;

// ------------------------------------------------------------- the worker

export type ExportRunReport = { prepared: number; failed: number; removed: number };

/**
 * The worker's job: removes the exports whose 7 days are over (and failed
 * ones as old), then prepares the oldest pending ones. Each export is read
 * and written in one transaction, so it is one consistent picture, and an
 * account deleted meanwhile (its pending row gone) is never written back.
 */
export function prepareDataExports(db: Db, now = new Date(), log: Pick<Console, "error"> = console): ExportRunReport {
  const removed = db
    .delete(dataExports)
    .where(
      or(
        lte(dataExports.expiresAt, now),
        and(eq(dataExports.status, "failed"), lte(dataExports.createdAt, new Date(now.getTime() - EXPORT_LIFETIME_MS))),
      ),
    )
    .run().changes;
  const pending = db
    .select({ id: dataExports.id, userId: dataExports.userId })
    .from(dataExports)
    .where(eq(dataExports.status, "pending"))
    .orderBy(asc(dataExports.createdAt), asc(dataExports.id))
    .limit(EXPORTS_PER_RUN)
    .all();
  let prepared = 0;
  let failed = 0;
  const emails = pending.length ? accountEmailContext(db) : null;
  for (const row of pending) {
    try {
      db.transaction((tx) => {
        const content = JSON.stringify(buildDataExport(tx, row.userId, now), null, 2);
        const expiresAt = new Date(now.getTime() + EXPORT_LIFETIME_MS);
        const ready = tx
          .update(dataExports)
          .set({ status: "ready", content, readyAt: now, expiresAt })
          .where(and(eq(dataExports.id, row.id), eq(dataExports.status, "pending")))
          .run();
        if (ready.changes) tellExportReady(tx, row.id, row.userId, expiresAt, emails, now);
      });
      prepared += 1;
    } catch (error) {
      log.error(`[data-exports] the export ${row.id} failed:`, error);
      db.update(dataExports).set({ status: "failed" }).where(eq(dataExports.id, row.id)).run();
      failed += 1;
    }
  }
  return { prepared, failed, removed };
}

/**
 * The member who asked for their own export hears that it is ready (an
 * admin's export is the admins' business), at a confirmed address, in their
 * language; in the transaction that made it ready.
 */
function tellExportReady(
  tx: DbOrTx,
  exportId: number,
  userId: number,
  expiresAt: Date,
  emails: ReturnType<typeof accountEmailContext> | null,
  now: Date,
) {
  if (!emails) return;
  const byAdmin = tx.select({ byAdmin: requestedByAdmin() }).from(dataExports).where(eq(dataExports.id, exportId)).get()?.byAdmin;
  if (byAdmin) return;
  const user = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!user || user.deletedAt || !user.emailVerifiedAt || !user.email) return;
  // (A transaction reads the settings like the database does.)
  const language: Language = recipientLanguage(tx as Db, user.language);
  queueOutboxMessages(tx, [dataExportReadyEmail(emails, language, user, user.email, expiresAt)], now);
}

// ------------------------------------------------------------- downloading

/** A file name of safe characters only: the username is the person's, the date the export's. */
export function exportFileName(username: string, readyAt: Date) {
  return `entraide-${username.replace(/[^A-Za-z0-9_-]/g, "-")}-${readyAt.toISOString().slice(0, 10)}.json`;
}

function notFound(): Response {
  return refusedWith(404, "accountsServer.data.noSuchDownload");
}

/**
 * The file of one export, for its owner, or for an admin when an admin asked
 * for it. Anyone else gets the same 404 as for an id that does not exist, so
 * nothing tells them whose it is or whether it exists.
 */
export function dataExportDownload(db: Db, actor: NonNullable<Actor>, id: number, now = new Date()) {
  const row = db
    .select({ export: dataExports, username: users.username, byAdmin: requestedByAdmin() })
    .from(dataExports)
    .innerJoin(users, eq(users.id, dataExports.userId))
    // A deleted account has no exports left: deletion removes them with the rest.
    .where(eq(dataExports.id, id))
    .get();
  if (!row) throw notFound();
  const mayDownload = row.export.userId === actor.id || (isAdmin(actor) && !!row.byAdmin);
  if (!mayDownload) throw notFound();
  const view = exportView(row.export, now);
  if (view.status === "expired") {
    throw refusedWith(410, "accountsServer.data.downloadExpired");
  }
  if (view.status !== "ready" || !row.export.readyAt) {
    throw refusedWith(409, "accountsServer.data.notReady");
  }
  return { fileName: exportFileName(row.username, row.export.readyAt), content: row.export.content };
}
