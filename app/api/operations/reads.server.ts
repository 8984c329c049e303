// The API's reads: the forum, the knowledge base, search, status incidents,
// the leaderboard and the token owner's notifications.
import type { AnyOperation } from "../operation.server";
import { contentReadOperations } from "./read-content.server";
import { forumReadOperations } from "./read-forum.server";
import { notificationReadOperations } from "./read-notifications.server";

export const readOperations: AnyOperation[] = [...forumReadOperations, ...contentReadOperations, ...notificationReadOperations];
