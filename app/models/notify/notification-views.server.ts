// What a notification says, read from the rows it refers to: the queries the
// list, the bell and the emails share (kept apart from notification.server.ts,
// which writes notifications and queues their emails, so that the emails can
// read them without the two importing each other).
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "../../../db/client";
import { announcements, notifications, posts, threads, users } from "../../../db/schema";
import type { NotificationKind, NotificationView } from "../../utils/notification-text";
import { liveThreads, livePosts, postSeenBy, visibleThreads, type Sight } from "../visibility.server";

/**
 * Notifications with what their text needs, by id or for one user. A thread
 * that is gone, or a post that is deleted or hidden, drops the notification;
 * an announcement's title is only joined for status announcements (an
 * early-access title never leaves the early-access pages).
 */
export const recipients = alias(users, "recipients");

export function selectViews(db: DbOrTx) {
  return db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      username: recipients.username,
      kind: notifications.kind,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      actorName: users.displayName,
      threadId: threads.id,
      threadTitle: threads.title,
      threadSlug: threads.slug,
      postId: notifications.postId,
      announcementId: notifications.announcementId,
      statusTitle: sql<string | null>`case when ${announcements.kind} = 'status' then ${announcements.title} end`,
    })
    .from(notifications)
    .innerJoin(recipients, eq(recipients.id, notifications.userId))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .leftJoin(threads, eq(threads.id, notifications.threadId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(announcements, eq(announcements.id, notifications.announcementId))
    .$dynamic();
}

/**
 * Rows referring to a thread or post that readers can no longer see are left
 * out, and a follow-up question whose thread is solved: a deleted thread for everyone; a thread whose question a moderator hid
 * stays for its asker and staff only (those told before the hiding would
 * otherwise still read its title), and so does a hidden post, for its author
 * and staff, each row judged with its recipient's sight; a deleted post, for
 * everyone.
 * Needs the joins of selectViews on recipients, threads and posts.
 */
const recipientSight: Sight = { staff: sql`${recipients.role} in ('moderator', 'admin')`, viewerId: notifications.userId };
export const stillVisible = and(
  or(isNull(notifications.threadId), and(liveThreads(), visibleThreads(recipientSight))),
  or(isNull(notifications.postId), and(livePosts(), postSeenBy(recipientSight))),
  // "Did the answers solve your problem?" is answered once an answer is
  // accepted, whoever accepted it: the question leaves the list, the bell and
  // the digests (and comes back should the acceptance be taken back).
  or(ne(notifications.kind, "follow_up"), isNull(threads.acceptedAnswerId)),
)!;

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>["all"]>>[number];

export function toView(row: ViewRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    data: JSON.parse(row.data) as Record<string, string | number>,
    createdAt: row.createdAt.toISOString(),
    read: !!row.readAt,
    username: row.username,
    actorName: row.actorName,
    thread: row.threadId ? { id: row.threadId, title: row.threadTitle!, slug: row.threadSlug! } : null,
    postId: row.postId,
    announcementId: row.announcementId,
    statusTitle: row.statusTitle,
  };
}

/** Notifications by id, as the emails need them (visible ones only). */
export function notificationViews(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return selectViews(db)
    .where(and(inArray(notifications.id, ids), stillVisible))
    .orderBy(notifications.id)
    .all()
    .map((row) => ({ ...toView(row), userId: row.userId }));
}
