// Comments under an early-access announcement (#14.7: an announcement asks its
// readers to "tell Morgan here"). Exactly the announcement's readers see them
// and may add one: every verb starts from readEarlyAccess, so whoever may not
// read the announcement learns nothing, not even that it has comments (a 404).
// Markdown is rendered once, when written, like a comment under a post.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { announcementComments, announcements, users } from "../../../db/schema";
import { refusedWith } from "../../i18n/message";
import { can, refusal, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { renderInlineMarkdown } from "../../utils/markdown.server";
import { knownUsersIn } from "../forum/mention.server";
import { recordAudit } from "../moderation/audit.server";
import { liveAnnouncementComments } from "../visibility.server";
import { readEarlyAccess, type EarlyAccessReading, type ListedAnnouncement } from "./early-access.server";

/** More than any announcement gathers; a bound on the page's size all the same. */
export const ANNOUNCEMENT_COMMENTS_SHOWN = 500;

// Who may read, and so comment, is the policy's "earlyAccess.read" through
// readEarlyAccess; "announcement.comment" adds what stops a writer (a suspension).
const POSTING = "announcement.comment" as const;

/**
 * The announcement, if the actor reads it; otherwise a 404 that says nothing
 * about it (a visitor, a member below the rank, an ended announcement).
 */
function readableAnnouncement(db: Db, actor: Actor, announcementId: number, now: Date): ListedAnnouncement {
  const reading = readEarlyAccess(db, actor, announcementId, now);
  if (!reading.eligible) throw refusedWith(404, "contentServer.earlyAccess.endedOrMissing");
  return reading.announcement;
}

const notDeleted = liveAnnouncementComments();

/** The shown comments of an announcement. */
function liveComments(announcementId: number) {
  return and(eq(announcementComments.announcementId, announcementId), notDeleted);
}

export type ShownAnnouncementComment = {
  id: number;
  bodyHtml: string;
  createdAt: Date;
  author: { username: string; displayName: string; role: "member" | "moderator" | "admin"; reputation: number };
  /** Its author and staff may delete it. */
  canDelete: boolean;
};

function listComments(db: Db, actor: Actor, announcementId: number): ShownAnnouncementComment[] {
  return db
    .select({
      id: announcementComments.id,
      bodyHtml: announcementComments.bodyHtml,
      createdAt: announcementComments.createdAt,
      authorId: announcementComments.authorId,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      reputation: users.reputation,
    })
    .from(announcementComments)
    .innerJoin(users, eq(users.id, announcementComments.authorId))
    .where(liveComments(announcementId))
    .orderBy(asc(announcementComments.createdAt), asc(announcementComments.id))
    .limit(ANNOUNCEMENT_COMMENTS_SHOWN)
    .all()
    .map((row) => ({
      id: row.id,
      bodyHtml: row.bodyHtml,
      createdAt: row.createdAt,
      author: { username: row.username, displayName: row.displayName, role: row.role, reputation: row.reputation },
      canDelete: can(actor, "post.delete", { authorId: row.authorId, kind: "comment" }),
    }));
}

export type AnnouncementPage =
  | (Extract<EarlyAccessReading, { eligible: false }> & { comments: []; commentRefusal: null })
  | (Extract<EarlyAccessReading, { eligible: true }> & {
      comments: ShownAnnouncementComment[];
      /** Why this reader may not comment (a suspension), or null when they may. */
      commentRefusal: string | null;
    });

/**
 * /early-access/:id: the announcement and its comments for its readers; for
 * everyone else only where they stand (the explainer), never a comment.
 */
export function earlyAccessAnnouncementPage(db: Db, actor: Actor, announcementId: number, now = new Date()): AnnouncementPage {
  const reading = readEarlyAccess(db, actor, announcementId, now);
  if (!reading.eligible) return { ...reading, comments: [], commentRefusal: null };
  return { ...reading, comments: listComments(db, actor, announcementId), commentRefusal: refusal(actor, POSTING) };
}

/**
 * Refuses (404) whoever may not read the announcement, before anything they
 * sent is looked at: a form's errors would otherwise tell them it exists.
 */
export function assertReadsAnnouncement(db: Db, actor: Actor, announcementId: number, now = new Date()) {
  readableAnnouncement(db, actor, announcementId, now);
}

/** A reader comments on an announcement; a suspended reader is refused by the policy. */
export function commentOnAnnouncement(db: Db, actor: Actor, input: { announcementId: number; body: string }, now = new Date()) {
  readableAnnouncement(db, actor, input.announcementId, now);
  assertCan(actor, POSTING);
  const bodyHtml = renderInlineMarkdown(input.body, { knownUsers: knownUsersIn(db, input.body) });
  return db.transaction(
    (tx) => {
      // Deleted by staff in the meantime: nothing to comment on any more.
      const still = tx.select({ id: announcements.id }).from(announcements).where(eq(announcements.id, input.announcementId)).get();
      if (!still) throw refusedWith(404, "contentServer.earlyAccess.endedOrMissing");
      return tx
        .insert(announcementComments)
        .values({ announcementId: input.announcementId, authorId: actor!.id, body: input.body, bodyHtml, createdAt: now })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/**
 * Deletes a comment: its author, or staff (recorded in the audit log when it
 * is someone else's). Gone for every reader; the row stays, marked deleted.
 */
export function deleteAnnouncementComment(db: Db, actor: Actor, input: { announcementId: number; commentId: number }, now = new Date()) {
  readableAnnouncement(db, actor, input.announcementId, now);
  const comment = db
    .select({ id: announcementComments.id, authorId: announcementComments.authorId })
    .from(announcementComments)
    .where(and(eq(announcementComments.id, input.commentId), liveComments(input.announcementId)))
    .get();
  if (!comment) throw refusedWith(404, "contentServer.announcementComment.notFound");
  assertCan(actor, "post.delete", { authorId: comment.authorId, kind: "comment" });
  db.transaction(
    (tx) => {
      const deleted = tx
        .update(announcementComments)
        .set({ deletedAt: now })
        .where(and(eq(announcementComments.id, comment.id), notDeleted))
        .run().changes;
      // Two clicks at once: the second finds it gone.
      if (!deleted) throw refusedWith(404, "contentServer.announcementComment.notFound");
      if (comment.authorId !== actor!.id) {
        recordAudit(tx, {
          actorId: actor!.id,
          action: "post.delete",
          targetType: "announcement",
          targetId: input.announcementId,
          details: { commentId: comment.id, authorId: comment.authorId },
        });
      }
    },
    { behavior: "immediate" },
  );
}
