// The signed-in member's notifications page (/notifications) in one verb: one
// page of their notifications and what they watch or muted; and opening one
// (/notifications/:id), which marks it read and says where it points.
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { describeNotification } from "../../utils/notification-text";
import { getSiteSettings } from "../site/settings.server";
import { listNotifications, openNotification } from "./notification.server";
import { listWatches } from "./watch.server";

/** `watchingOpen`: whether the list of watches starts unfolded. */
export function notificationsPageFor(db: Db, actor: NonNullable<Actor>, page: number, watchingOpen: boolean) {
  return { page, ...listNotifications(db, actor, page), watches: listWatches(db, actor), watchingOpen };
}

/** Marks the member's own notification read and returns its address, or null when they have no such notification. */
export function openedNotificationPath(db: Db, actor: NonNullable<Actor>, id: number) {
  const notification = openNotification(db, actor, id);
  if (!notification) return null;
  return describeNotification(notification, getSiteSettings(db).brandName).path;
}
