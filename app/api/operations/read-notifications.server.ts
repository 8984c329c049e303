// The token owner's notifications: the list, and marking one read (a write:
// it changes what the bell counts).
import { defineOperation } from "../operation.server";
import { found, SCOPE_PROBLEMS } from "../reads/lookups.server";
import { listNotificationsForApi, markNotificationReadForApi } from "../reads/notifications.server";
import { cursorQuery, idParams, listOf, notificationSchema } from "../schemas";
import { z } from "../zod";

export const notificationReadOperations = [
  defineOperation({
    method: "get",
    path: "/notifications",
    operationId: "listNotifications",
    summary: "The token owner's notifications, newest first",
    tags: ["Account"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    tokenRequired: true,
    query: z.object({
      unread: z
        .enum(["true", "false"])
        .optional()
        .transform((value) => value === "true")
        .openapi({ description: "Only the unread ones." }),
      ...cursorQuery,
    }),
    success: { description: "A page of notifications.", schema: listOf(notificationSchema, "NotificationList") },
    handler: ({ db, caller, query }) => ({ body: listNotificationsForApi(db, { ...caller, user: caller.user! }, query) }),
  }),
  defineOperation({
    method: "post",
    path: "/notifications/{id}/read",
    operationId: "markNotificationRead",
    summary: "Marks one of the token owner's notifications read",
    tags: ["Account"],
    scope: "write",
    problems: SCOPE_PROBLEMS,
    params: idParams,
    success: { description: "The notification, now read.", schema: notificationSchema },
    handler: ({ db, caller, params }) => ({ body: found(markNotificationReadForApi(db, { ...caller, user: caller.user! }, params.id), caller.language) }),
  }),
];
