// The token owner's notifications, newest first, by cursor: the rows the
// /notifications page lists (the same views and visibility: a notification
// about what its reader may no longer see drops out), each with its words in
// the caller's language and the address it points to.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { notifications } from "../../../db/schema";
import { translatorFor } from "../../i18n/i18n";
import type { Actor } from "../../policy";
import { localRankName, localSite } from "../../utils/brand-words";
import { describeNotification, type NotificationView } from "../../utils/notification-text";
import { openNotification } from "../../models/notify/notification.server";
import { selectViews, stillVisible, toView } from "../../models/notify/notification-views.server";
import { getRewardRules } from "../../models/reputation/reward-rules.server";
import { getSiteSettings } from "../../models/site/settings.server";
import type { ApiViewer } from "../present.server";
import type { ApiNotification } from "../schemas";
import { afterDescending, decodeCursor, pageOf } from "./cursor.server";

export type NotificationListQuery = { unread?: boolean; cursor?: string; limit: number };

function presenter(db: Db, viewer: ApiViewer) {
  const t = translatorFor(viewer.language);
  const brand = localSite(getSiteSettings(db), viewer.language).brandName;
  const { ranks } = getRewardRules(db);
  return (view: NotificationView): ApiNotification => {
    const { text, path } = describeNotification(view, brand, t, (name) => localRankName(ranks, name, viewer.language));
    return {
      id: view.id,
      kind: view.kind,
      text,
      url: `${viewer.origin}${path}`,
      read: view.read,
      createdAt: view.createdAt,
      threadId: view.thread?.id ?? null,
      postId: view.postId,
    };
  };
}

export function listNotificationsForApi(db: Db, viewer: ApiViewer & { user: NonNullable<Actor> }, query: NotificationListQuery) {
  const listName = ["notifications", query.unread ? "unread" : ""].join(":");
  const after = query.cursor ? decodeCursor(query.cursor, listName, ["number", "number"], viewer.language) : null;
  const rows = selectViews(db)
    .where(
      and(
        eq(notifications.userId, viewer.user.id),
        stillVisible,
        query.unread ? isNull(notifications.readAt) : undefined,
        after ? afterDescending([notifications.createdAt, notifications.id], after) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1)
    .all();
  const page = pageOf(rows, query.limit, listName, (row) => [row.createdAt.getTime(), row.id]);
  const present = presenter(db, viewer);
  return { items: page.items.map((row) => present(toView(row))), nextCursor: page.nextCursor };
}

/** Marks one of the owner's notifications read (the model's verb); null when they have no such notification. */
export function markNotificationReadForApi(db: Db, viewer: ApiViewer & { user: NonNullable<Actor> }, id: number): ApiNotification | null {
  const view = openNotification(db, viewer.user, id);
  return view ? presenter(db, viewer)({ ...view, read: true }) : null;
}
