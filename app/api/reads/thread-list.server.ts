// The API's list of questions: the site's lists (home, a category, a tag, a
// member's questions) with the same sorts and the same "unanswered" and
// "unsolved" meanings, read a page at a time by cursor rather than by page
// number. Like the site's lists it shows what everyone may read (no deleted
// thread, none whose question a moderator hid or holds for review), to
// every caller: staff open those one by one (GET /threads/{id}).
import { and, desc, eq, gt, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { tags, threads, threadTags } from "../../../db/schema";
import type { ThreadSort } from "../../forms/thread";
import { hiddenQuestionThreadIds, liveThreads, threadNotHidden } from "../../models/visibility.server";
import { presentThreadSummaries, type ApiViewer } from "../present.server";
import type { ApiThreadSummary } from "../schemas";
import { afterDescending, decodeCursor, pageOf } from "./cursor.server";

export const THREAD_STATUSES = ["unanswered", "answered", "solved", "unsolved"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export type ThreadListQuery = {
  sort: ThreadSort;
  status?: ThreadStatus;
  categoryId?: number;
  tag?: string;
  authorId?: number;
  cursor?: string;
  limit: number;
};

/** The site's sorts "unanswered" and "unsolved" are a filter and an order: newest first, and most recently active first. */
function orderOf(sort: ThreadSort) {
  switch (sort) {
    case "newest":
    case "unanswered":
      return { name: "newest", columns: [threads.createdAt, threads.id], key: (t: typeof threads.$inferSelect) => [t.createdAt.getTime(), t.id] };
    case "top":
      return {
        name: "top",
        columns: [threads.score, threads.lastActivityAt, threads.id],
        key: (t: typeof threads.$inferSelect) => [t.score, t.lastActivityAt.getTime(), t.id],
      };
    case "active":
    case "unsolved":
      return { name: "active", columns: [threads.lastActivityAt, threads.id], key: (t: typeof threads.$inferSelect) => [t.lastActivityAt.getTime(), t.id] };
  }
}

function statusConditions(status: ThreadStatus | undefined): SQL[] {
  switch (status) {
    // As the site's "Unanswered" (and the moderators' queue): no answer yet, and able to take one.
    case "unanswered":
      return [eq(threads.answerCount, 0), isNull(threads.lockedAt), isNull(threads.duplicateOfId)];
    case "answered":
      return [gt(threads.answerCount, 0)];
    case "solved":
      return [isNotNull(threads.acceptedAnswerId)];
    case "unsolved":
      return [isNull(threads.acceptedAnswerId)];
    default:
      return [];
  }
}

export function listThreadsForApi(db: Db, viewer: ApiViewer, query: ThreadListQuery): { items: ApiThreadSummary[]; nextCursor: string | null } {
  const order = orderOf(query.sort);
  const status = query.status ?? (query.sort === "unanswered" ? "unanswered" : query.sort === "unsolved" ? "unsolved" : undefined);
  // The list's name in its cursors: the order and every filter, so a cursor cannot be replayed on another list.
  const listName = ["threads", order.name, status ?? "", query.categoryId ?? "", query.tag ?? "", query.authorId ?? ""].join(":");
  const after = query.cursor ? decodeCursor(query.cursor, listName, order.columns.map(() => "number"), viewer.language) : null;
  const conditions: (SQL | undefined)[] = [
    liveThreads(),
    // Threads whose question is hidden or held are left out by id (they are few), as the site's lists do.
    threadNotHidden(hiddenQuestionThreadIds(db)),
    ...statusConditions(status),
    query.categoryId ? eq(threads.categoryId, query.categoryId) : undefined,
    query.authorId ? eq(threads.authorId, query.authorId) : undefined,
    query.tag
      ? inArray(
          threads.id,
          db
            .select({ id: threadTags.threadId })
            .from(threadTags)
            .innerJoin(tags, eq(tags.id, threadTags.tagId))
            .where(eq(tags.name, query.tag)),
        )
      : undefined,
    after ? afterDescending(order.columns, after) : undefined,
  ];
  const rows = db
    .select()
    .from(threads)
    .where(and(...conditions))
    .orderBy(...order.columns.map((column) => desc(column)))
    .limit(query.limit + 1)
    .all();
  const page = pageOf(rows, query.limit, listName, order.key);
  return { items: presentThreadSummaries(db, viewer, page.items), nextCursor: page.nextCursor };
}

