// Notifications: written by the model function whose change causes them, in
// its transaction, one row per recipient. Their text is composed when read
// (app/utils/notification-text.ts), from the rows they refer to, so a renamed
// thread reads right and a deleted or hidden post drops out of the list.
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { notifications, posts, threads } from "../../../db/schema";
import type { Actor } from "../../policy";
import type { NotificationKind } from "../../utils/notification-text";
import { queueNotificationEmails } from "./notification-email.server";
import { recipients, selectViews, stillVisible, toView } from "./notification-views.server";

export type NewNotification = {
  kind: NotificationKind;
  actorId?: number | null;
  threadId?: number | null;
  postId?: number | null;
  announcementId?: number | null;
  /** What the kind needs beyond the references: a badge key, a rank name. */
  data?: Record<string, string | number>;
  now?: Date;
};

/** SQLite takes at most 32,766 bound values per statement; 8 columns a row. */
const ROWS_PER_INSERT = 1_000;

/**
 * Notifies each of these users once (the one who caused it excepted), inside
 * the caller's transaction, and queues the emails of those who want them at once.
 */
export function notify(tx: DbOrTx, recipients: number | Iterable<number>, notification: NewNotification) {
  const ids = new Set(typeof recipients === "number" ? [recipients] : recipients);
  if (notification.actorId) ids.delete(notification.actorId);
  if (!ids.size) return;
  const now = notification.now ?? new Date();
  const rows = [...ids].map((userId) => ({
    userId,
    kind: notification.kind,
    actorId: notification.actorId ?? null,
    threadId: notification.threadId ?? null,
    postId: notification.postId ?? null,
    announcementId: notification.announcementId ?? null,
    data: JSON.stringify(notification.data ?? {}),
    createdAt: now,
  }));
  const inserted: number[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = tx.insert(notifications).values(rows.slice(i, i + ROWS_PER_INSERT)).returning({ id: notifications.id }).all();
    inserted.push(...chunk.map((r) => r.id));
  }
  queueNotificationEmails(tx, inserted, now);
}

/** Whether the user was already told this (for notices given once, like a rank reached). */
export function wasNotified(tx: DbOrTx, userId: number, kind: NotificationKind, data: Record<string, string | number>) {
  return !!tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind), eq(notifications.data, JSON.stringify(data))))
    .get();
}

export const NOTIFICATIONS_PER_PAGE = 30;

/** A user's notifications, newest first. */
export function listNotifications(db: Db, actor: NonNullable<Actor>, page = 1, perPage = NOTIFICATIONS_PER_PAGE) {
  const rows = selectViews(db)
    .where(and(eq(notifications.userId, actor.id), stillVisible))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .all();
  return { notifications: rows.slice(0, perPage).map(toView), hasMore: rows.length > perPage };
}

/**
 * How many notifications the user has not read (for the bell): exactly the
 * unread ones the list shows, so the bell never promises more than it has.
 * One query on the unread index, with the joins the visibility needs.
 */
// The bell's count, on every page a member opens.
const selectUnreadCount = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .innerJoin(recipients, eq(recipients.id, notifications.userId))
    .leftJoin(threads, eq(threads.id, notifications.threadId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt), stillVisible))
    .prepare(),
);

export function countUnread(db: DbOrTx, userId: number) {
  return selectUnreadCount(db).get({ userId })!.n;
}

/** Marks one of the user's own notifications read and returns it (null if it is not theirs or not visible). */
export function openNotification(db: Db, actor: NonNullable<Actor>, id: number, now = new Date()) {
  const row = selectViews(db)
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id), stillVisible))
    .get();
  if (!row) return null;
  db.update(notifications).set({ readAt: now }).where(and(eq(notifications.id, id), isNull(notifications.readAt))).run();
  return toView(row);
}

/** Marks all the user's notifications read. */
export function markAllRead(db: Db, actor: NonNullable<Actor>, now = new Date()) {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
    .run().changes;
}

/** Marks read what the user has now seen on a thread's page. */
const selectUnreadOnThread = preparedQuery((db) =>
  db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, sql.placeholder("userId")),
        isNull(notifications.readAt),
        eq(notifications.threadId, sql.placeholder("threadId")),
      ),
    )
    .limit(1)
    .prepare(),
);

export function markThreadRead(db: Db, actor: NonNullable<Actor>, threadId: number, now = new Date()) {
  // Reading a page writes only when there is something to mark: a write takes
  // the database's one write lock, which every serving process shares.
  if (!selectUnreadOnThread(db).get({ userId: actor.id, threadId })) return;
  const unread = and(eq(notifications.userId, actor.id), isNull(notifications.readAt), eq(notifications.threadId, threadId));
  db.update(notifications).set({ readAt: now }).where(unread).run();
}
