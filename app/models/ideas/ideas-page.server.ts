// /ideas: the ideas category's threads by votes, trending (votes of the last
// seven days) or newest, filtered by status, a page at a time. The status
// each row shows and filters on is the one this viewer may read (early access
// first, or the public one). A fixed number of queries per page: the list
// (trending's counts come from one grouped subquery), its total, and the
// viewer's own votes among its rows.
import { and, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { IdeaStatus } from "../../../db/enums";
import { ideaVotes, threads } from "../../../db/schema";
import { can, isStaff, type Actor } from "../../policy";
import { hiddenQuestionThreadIds, liveThreads, threadNotHidden } from "../visibility.server";
import { ideasCategory, readsEarlyIdeaStatus } from "./ideas.server";

export const IDEAS_PER_PAGE = 30;
export const IDEA_SORTS = ["votes", "trending", "newest"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
/** "Trending" counts the votes of this many days. */
export const TRENDING_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type IdeasQuery = { sort: IdeaSort; status: IdeaStatus | null; page: number };

export type IdeaListRow = {
  id: number;
  title: string;
  slug: string;
  votes: number;
  /** Votes of the last TRENDING_DAYS days. */
  recentVotes: number;
  answerCount: number;
  status: IdeaStatus;
  createdAt: Date;
  voted: boolean;
  /** The policy's "idea.vote" for this viewer (false for visitors, whom the button sends to sign in). */
  canVote: boolean;
};

export type IdeasPage =
  | { category: null; staff: boolean; signedIn: boolean }
  | {
      category: { id: number; slug: string; name: string; description: string };
      staff: boolean;
      signedIn: boolean;
      sort: IdeaSort;
      status: IdeaStatus | null;
      ideas: IdeaListRow[];
      total: number;
      page: number;
      pageCount: number;
    };

function order(sort: IdeaSort, recent: ReturnType<typeof recentVotes>) {
  switch (sort) {
    case "votes":
      return [desc(threads.ideaVoteCount), desc(threads.createdAt), desc(threads.id)];
    case "trending":
      return [desc(sql`coalesce(${recent.votes}, 0)`), desc(threads.ideaVoteCount), desc(threads.id)];
    case "newest":
      return [desc(threads.createdAt), desc(threads.id)];
  }
}

/** Each idea's votes since `since`, grouped in one pass over idea_votes' (created_at, thread_id) index. */
function recentVotes(db: Db, since: Date) {
  return db
    .select({ threadId: ideaVotes.threadId, votes: count().as("recent_votes") })
    .from(ideaVotes)
    .where(gte(ideaVotes.createdAt, since))
    .groupBy(ideaVotes.threadId)
    .as("recent");
}

export function ideasPageFor(db: Db, viewer: Actor, query: IdeasQuery, perPage = IDEAS_PER_PAGE, now = new Date()): IdeasPage {
  const category = ideasCategory(db);
  const staff = isStaff(viewer);
  const signedIn = !!viewer;
  if (!category) return { category: null, staff, signedIn };
  const early = readsEarlyIdeaStatus(db, viewer);
  // Without an early status pending the two columns are equal: early readers read ideaStatus, others ideaPublicStatus.
  const statusColumn = early ? threads.ideaStatus : threads.ideaPublicStatus;
  // The public lists' scope, in the form that keeps the category's indexes: not deleted, hidden threads left out by id.
  const where = and(eq(threads.categoryId, category.id), liveThreads(), threadNotHidden(hiddenQuestionThreadIds(db)), query.status ? eq(statusColumn, query.status) : undefined);
  const recent = recentVotes(db, new Date(now.getTime() - TRENDING_DAYS * DAY_MS));
  const rows = db
    .select({
      id: threads.id,
      title: threads.title,
      slug: threads.slug,
      votes: threads.ideaVoteCount,
      recentVotes: sql<number>`coalesce(${recent.votes}, 0)`.mapWith(Number),
      answerCount: threads.answerCount,
      status: statusColumn,
      createdAt: threads.createdAt,
      authorId: threads.authorId,
    })
    .from(threads)
    .leftJoin(recent, eq(recent.threadId, threads.id))
    .where(where)
    .orderBy(...order(query.sort, recent))
    .limit(perPage)
    .offset((query.page - 1) * perPage)
    .all();
  const total = db.select({ n: count() }).from(threads).where(where).get()!.n;
  const mine = viewer && rows.length
    ? new Set(
        db
          .select({ threadId: ideaVotes.threadId })
          .from(ideaVotes)
          .where(and(eq(ideaVotes.userId, viewer.id), inArray(ideaVotes.threadId, rows.map((r) => r.id))))
          .all()
          .map((r) => r.threadId),
      )
    : new Set<number>();
  return {
    category: { id: category.id, slug: category.slug, name: category.name, description: category.description },
    staff,
    signedIn,
    sort: query.sort,
    status: query.status,
    ideas: rows.map(({ authorId, ...row }) => ({
      ...row,
      voted: mine.has(row.id),
      canVote: can(viewer, "idea.vote", { authorId, deleted: false, status: row.status }),
    })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  };
}
