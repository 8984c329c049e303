// The API's objects as a viewer may see them: a thread with its question,
// answers and comments, a post, a member's public profile, an article, an
// incident, and for staff a flag and an escalation. Every read goes through
// the visibility scope (the SQL conditions for lists of posts, the policy's
// canSee... for one object), so an operation, a webhook's envelope and a
// write's answer show exactly what the site shows the same viewer. Each
// presenter takes a database or a transaction (a write answers with what it
// just wrote, a webhook envelope is built inside the causing transaction) and
// answers null for what the viewer may not see (the operations make it a 404).
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "../../db/client";
import { inJsonIds, preparedQuery } from "../../db/prepared";
import {
  announcements,
  announcementUpdates,
  articles,
  articleTags,
  categories,
  escalations,
  flags,
  posts,
  tags,
  threads,
  threadTags,
  users,
  type BrandTranslations,
} from "../../db/schema";
import { translatorFor } from "../i18n/i18n";
import type { Language } from "../i18n/languages";
import { canSeeArticle, canSeeThread, isStaff, type Actor } from "../policy";
import { localCategory, localRankName } from "../utils/brand-words";
import { hiddenReasonText } from "../utils/hidden-reason";
import { articlePath, threadPath } from "../utils/paths";
import { rankOf } from "../utils/ranks";
import { listUserBadges } from "../models/reputation/badge.server";
import { getRewardRules } from "../models/reputation/reward-rules.server";
import { isStatus } from "../models/moderation/incident.server";
import { PREPARED_SIGHT, PUBLIC_SIGHT, liveThreads, seenOf, sightOf, sightValues, visiblePosts, visibleThreads } from "../models/visibility.server";
import type {
  ApiArticle,
  ApiArticleSummary,
  ApiCategoryRef,
  ApiEscalation,
  ApiFlag,
  ApiIncident,
  ApiIncidentSummary,
  ApiPost,
  ApiPostWithComments,
  ApiThread,
  ApiThreadSummary,
  ApiUser,
  ApiUserRef,
} from "./schemas";

/** Who the object is shown to: the token's owner (or null: a visitor), in which language, and the site's origin for links. */
export type ApiViewer = { user: NonNullable<Actor> | null; language: Language; origin: string };

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);

// ---------------------------------------------------------------------------
// Members as authors, categories, tags: read for many objects at once.

type AuthorRow = { id: number; username: string; displayName: string; isBot: boolean; deletedAt: Date | null };

const selectAuthors = preparedQuery((db) =>
  db
    .select({ id: users.id, username: users.username, displayName: users.displayName, isBot: users.isBot, deletedAt: users.deletedAt })
    .from(users)
    .where(inJsonIds(users.id, "ids"))
    .prepare(),
);

/** The members behind these ids, by id: one query whatever their number. */
export function authorsById(db: DbOrTx, ids: Iterable<number | null | undefined>): Map<number, AuthorRow> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === "number"))];
  if (!wanted.length) return new Map();
  return new Map(selectAuthors(db).all({ ids: JSON.stringify(wanted) }).map((row) => [row.id, row]));
}

/** A post's author as the API names them: null for a former member (a deleted account), who has no profile. */
export function userRef(viewer: ApiViewer, author: AuthorRow | undefined): ApiUserRef {
  if (!author || author.deletedAt) return null;
  return {
    id: author.id,
    username: author.username,
    displayName: author.displayName,
    url: `${viewer.origin}/u/${encodeURIComponent(author.username)}`,
    bot: author.isBot,
  };
}

type CategoryRow = { id: number; slug: string; name: string; translations: BrandTranslations<"name" | "description"> };

const selectCategoriesByIds = preparedQuery((db) =>
  db
    .select({ id: categories.id, slug: categories.slug, name: categories.name, translations: categories.translations })
    .from(categories)
    .where(inJsonIds(categories.id, "ids"))
    .prepare(),
);

export function categoriesById(db: DbOrTx, ids: Iterable<number | null | undefined>): Map<number, CategoryRow> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === "number"))];
  if (!wanted.length) return new Map();
  return new Map(selectCategoriesByIds(db).all({ ids: JSON.stringify(wanted) }).map((row) => [row.id, row]));
}

export function categoryRef(viewer: ApiViewer, category: CategoryRow): ApiCategoryRef {
  const local = localCategory(category, viewer.language);
  return { id: category.id, slug: category.slug, name: local.name, url: `${viewer.origin}/c/${category.slug}` };
}

const selectThreadTags = preparedQuery((db) =>
  db
    .select({ threadId: threadTags.threadId, name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(inJsonIds(threadTags.threadId, "ids"))
    .orderBy(asc(tags.name))
    .prepare(),
);

function tagsByThread(db: DbOrTx, threadIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (!threadIds.length) return map;
  for (const row of selectThreadTags(db).all({ ids: JSON.stringify(threadIds) })) {
    const list = map.get(row.threadId) ?? [];
    list.push(row.name);
    map.set(row.threadId, list);
  }
  return map;
}

// ---------------------------------------------------------------------------
// Threads.

type ThreadRow = typeof threads.$inferSelect;

const selectThread = preparedQuery((db) => db.select().from(threads).where(eq(threads.id, sql.placeholder("id"))).prepare());

/** The thread's row if the viewer may open it (the policy's canSeeThread, the scope's twin for one thread). */
export function visibleThreadRow(db: DbOrTx, viewer: ApiViewer, threadId: number): ThreadRow | null {
  const thread = selectThread(db).get({ id: threadId });
  if (!thread || !canSeeThread(viewer.user, seenOf(thread))) return null;
  return thread;
}

const selectThreadsSeen = preparedQuery((db) =>
  db
    .select({ id: threads.id, authorId: threads.authorId, deletedAt: threads.deletedAt, hiddenAt: threads.hiddenAt })
    .from(threads)
    .where(inJsonIds(threads.id, "ids"))
    .prepare(),
);

/** Which of these threads the viewer may open (one query): a duplicate's original is named only to those. */
function threadsSeenBy(db: DbOrTx, viewer: ApiViewer, ids: (number | null)[]): Set<number> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Set();
  const rows = selectThreadsSeen(db).all({ ids: JSON.stringify(wanted) });
  return new Set(rows.filter((row) => canSeeThread(viewer.user, seenOf(row))).map((row) => row.id));
}

/**
 * Threads' summaries for rows the caller has already read through the
 * visibility scope (a list), in their order: four queries at most, whatever their number.
 */
export function presentThreadSummaries(db: DbOrTx, viewer: ApiViewer, rows: ThreadRow[]): ApiThreadSummary[] {
  const authors = authorsById(db, rows.map((row) => row.authorId));
  const cats = categoriesById(db, rows.map((row) => row.categoryId));
  const tagLists = tagsByThread(db, rows.map((row) => row.id));
  const originals = threadsSeenBy(db, viewer, rows.map((row) => row.duplicateOfId));
  return rows.map((thread) => ({
    id: thread.id,
    title: thread.title,
    slug: thread.slug,
    url: `${viewer.origin}${threadPath(thread)}`,
    category: categoryRef(viewer, cats.get(thread.categoryId)!),
    tags: tagLists.get(thread.id) ?? [],
    author: userRef(viewer, authors.get(thread.authorId)),
    score: thread.score,
    answerCount: thread.answerCount,
    viewCount: thread.viewCount,
    solved: thread.acceptedAnswerId !== null,
    acceptedAnswerId: thread.acceptedAnswerId,
    locked: !!thread.lockedAt,
    pinned: thread.pinnedIn !== null,
    duplicateOfId: thread.duplicateOfId !== null && originals.has(thread.duplicateOfId) ? thread.duplicateOfId : null,
    incidentId: thread.incidentId,
    hidden: !!thread.hiddenAt,
    deleted: !!thread.deletedAt,
    createdAt: iso(thread.createdAt),
    lastActivityAt: iso(thread.lastActivityAt),
  }));
}

export function threadSummaryForApi(db: DbOrTx, viewer: ApiViewer, threadId: number): ApiThreadSummary | null {
  const thread = visibleThreadRow(db, viewer, threadId);
  return thread ? presentThreadSummaries(db, viewer, [thread])[0] : null;
}

const postColumns = {
  id: posts.id,
  threadId: posts.threadId,
  kind: posts.kind,
  parentId: posts.parentId,
  authorId: posts.authorId,
  body: posts.body,
  bodyHtml: posts.bodyHtml,
  score: posts.score,
  official: posts.official,
  createdAt: posts.createdAt,
  editedAt: posts.editedAt,
  deletedAt: posts.deletedAt,
  hiddenAt: posts.hiddenAt,
  hiddenReason: posts.hiddenReason,
  heldAt: posts.heldAt,
  threadSlug: threads.slug,
  acceptedAnswerId: threads.acceptedAnswerId,
};

type PostRow = {
  id: number;
  threadId: number;
  kind: "question" | "answer" | "comment";
  parentId: number | null;
  authorId: number;
  body: string;
  bodyHtml: string;
  score: number;
  official: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string;
  heldAt: Date | null;
  threadSlug: string;
  acceptedAnswerId: number | null;
};

// Every post of a thread the viewer may read (the scope's sight as placeholders: one statement for every viewer).
const selectThreadPosts = preparedQuery((db) =>
  db
    .select(postColumns)
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(posts.threadId, sql.placeholder("threadId")), visiblePosts(PREPARED_SIGHT)))
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .prepare(),
);

// One post, if the viewer may read it (its thread and, for a comment, the post it is under).
const selectVisiblePost = preparedQuery((db) =>
  db
    .select(postColumns)
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(posts.id, sql.placeholder("id")), visiblePosts(PREPARED_SIGHT)))
    .prepare(),
);

function presentPost(viewer: ApiViewer, post: PostRow, authors: Map<number, AuthorRow>): ApiPost {
  const t = translatorFor(viewer.language);
  return {
    id: post.id,
    threadId: post.threadId,
    kind: post.kind,
    parentId: post.parentId,
    author: userRef(viewer, authors.get(post.authorId)),
    body: post.body,
    bodyHtml: post.bodyHtml,
    score: post.score,
    official: post.official,
    accepted: post.kind === "answer" && post.acceptedAnswerId === post.id,
    createdAt: iso(post.createdAt),
    editedAt: isoOrNull(post.editedAt),
    hidden: !!post.hiddenAt,
    held: !!post.heldAt,
    deleted: !!post.deletedAt,
    // Only ever read by the post's author and staff: the scope shows a hidden post to nobody else.
    hiddenReason: post.hiddenAt && post.hiddenReason ? hiddenReasonText(t, post.hiddenReason) : null,
    url: `${viewer.origin}${threadPath({ id: post.threadId, slug: post.threadSlug })}#post-${post.id}`,
  };
}

export function threadForApi(db: DbOrTx, viewer: ApiViewer, threadId: number): ApiThread | null {
  const thread = visibleThreadRow(db, viewer, threadId);
  if (!thread) return null;
  const rows = selectThreadPosts(db).all({ threadId: thread.id, ...sightValues(viewer.user) }) as PostRow[];
  const question = rows.find((row) => row.kind === "question");
  if (!question) return null;
  const authors = authorsById(db, [thread.authorId, ...rows.map((row) => row.authorId)]);
  const [summary] = presentThreadSummaries(db, viewer, [thread]);
  const comments = new Map<number, ApiPost[]>();
  for (const row of rows) {
    if (row.kind !== "comment" || row.parentId === null) continue;
    const list = comments.get(row.parentId) ?? [];
    list.push(presentPost(viewer, row, authors));
    comments.set(row.parentId, list);
  }
  const withComments = (row: PostRow): ApiPostWithComments => ({ ...presentPost(viewer, row, authors), comments: comments.get(row.id) ?? [] });
  // The site's order: the accepted answer first, then by score, then the oldest.
  const answers = rows
    .filter((row) => row.kind === "answer")
    .sort(
      (a, b) =>
        Number(b.id === thread.acceptedAnswerId) - Number(a.id === thread.acceptedAnswerId) ||
        b.score - a.score ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.id - b.id,
    );
  return { ...summary, question: withComments(question), answers: answers.map(withComments) };
}

export function postForApi(db: DbOrTx, viewer: ApiViewer, postId: number): ApiPost | null {
  const row = selectVisiblePost(db).get({ id: postId, ...sightValues(viewer.user) }) as PostRow | undefined;
  if (!row) return null;
  return presentPost(viewer, row, authorsById(db, [row.authorId]));
}

/** Several posts the caller already knows the viewer may read (a search's or a list's), in their order. */
export function presentPosts(db: DbOrTx, viewer: ApiViewer, rows: PostRow[]): ApiPost[] {
  const authors = authorsById(db, rows.map((row) => row.authorId));
  return rows.map((row) => presentPost(viewer, row, authors));
}

export type { PostRow as ApiPostRow };
export { postColumns as apiPostColumns };

// ---------------------------------------------------------------------------
// Members.

const selectUser = preparedQuery((db) => db.select().from(users).where(eq(users.id, sql.placeholder("id"))).prepare());

// What everyone may read a member wrote: their questions (threads) and answers, counted under the public's sight.
const countPublicQuestions = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(threads)
    .where(and(eq(threads.authorId, sql.placeholder("userId")), liveThreads(), visibleThreads(PUBLIC_SIGHT)))
    .prepare(),
);

const countPublicAnswers = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(posts.authorId, sql.placeholder("userId")), eq(posts.kind, "answer"), visiblePosts(PUBLIC_SIGHT)))
    .prepare(),
);

/** A member's public profile; null for an unknown id or a deleted account (which has no profile). */
export function userForApi(db: DbOrTx, viewer: ApiViewer, userId: number, now = new Date()): ApiUser | null {
  const user = selectUser(db).get({ id: userId });
  if (!user || user.deletedAt) return null;
  const ranks = getRewardRules(db).ranks;
  const suspended = user.suspendedUntil && user.suspendedUntil.getTime() > now.getTime() ? user.suspendedUntil : null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    role: user.role,
    bot: user.isBot,
    reputation: user.reputation,
    rank: localRankName(ranks, rankOf(user.reputation, ranks).rank.name, viewer.language),
    badges: listUserBadges(db, user.id).map((badge) => ({ key: badge.key, earnedAt: iso(badge.earnedAt) })),
    questionCount: countPublicQuestions(db).get({ userId: user.id })!.n,
    answerCount: countPublicAnswers(db).get({ userId: user.id })!.n,
    suspendedUntil: isoOrNull(suspended),
    createdAt: iso(user.createdAt),
    url: `${viewer.origin}/u/${encodeURIComponent(user.username)}`,
  };
}

// ---------------------------------------------------------------------------
// The knowledge base.

type ArticleRow = typeof articles.$inferSelect;

const selectArticle = preparedQuery((db) => db.select().from(articles).where(eq(articles.id, sql.placeholder("id"))).prepare());

const selectArticleTags = preparedQuery((db) =>
  db
    .select({ articleId: articleTags.articleId, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(inJsonIds(articleTags.articleId, "ids"))
    .orderBy(asc(tags.name))
    .prepare(),
);

/** Articles' summaries for rows the caller read through the scope (visibleArticles), in their order. */
export function presentArticleSummaries(db: DbOrTx, viewer: ApiViewer, rows: ArticleRow[]): ApiArticleSummary[] {
  const cats = categoriesById(db, rows.map((row) => row.categoryId));
  const tagLists = new Map<number, string[]>();
  if (rows.length) {
    for (const row of selectArticleTags(db).all({ ids: JSON.stringify(rows.map((a) => a.id)) })) {
      const list = tagLists.get(row.articleId) ?? [];
      list.push(row.name);
      tagLists.set(row.articleId, list);
    }
  }
  return rows.map((article) => ({
    id: article.id,
    slug: article.slug,
    title: article.title,
    category: categoryRef(viewer, cats.get(article.categoryId)!),
    tags: tagLists.get(article.id) ?? [],
    status: article.status,
    helpfulYes: article.helpfulYes,
    helpfulNo: article.helpfulNo,
    createdAt: iso(article.createdAt),
    updatedAt: iso(article.updatedAt),
    publishedAt: isoOrNull(article.publishedAt),
    url: `${viewer.origin}${articlePath(article)}`,
  }));
}

/** An article as the viewer may read it: published ones for everyone, drafts and archived ones for staff. */
export function articleForApi(db: DbOrTx, viewer: ApiViewer, articleId: number): ApiArticle | null {
  const article = selectArticle(db).get({ id: articleId });
  if (!article || !canSeeArticle(viewer.user, article)) return null;
  const [summary] = presentArticleSummaries(db, viewer, [article]);
  const authors = authorsById(db, [article.authorId, article.creditUserId]);
  // The source thread's id only for a reader who may open that thread.
  const source = article.sourceThreadId ? visibleThreadRow(db, viewer, article.sourceThreadId) : null;
  return {
    ...summary,
    body: article.body,
    bodyHtml: article.bodyHtml,
    version: article.version,
    author: userRef(viewer, authors.get(article.authorId)),
    credit: article.creditUserId ? userRef(viewer, authors.get(article.creditUserId)) : null,
    sourceThreadId: source ? source.id : null,
  };
}

// ---------------------------------------------------------------------------
// Status incidents (public: everyone reads them, as /status shows them).

type IncidentRow = typeof announcements.$inferSelect & { updateCount: number };

// db.$count nests its condition, so its columns keep their table names (a
// column written straight into a sql`` field of a one-table select loses it:
// `announcement_id = id` would compare each update with itself, issue #12).
const incidentColumns = (db: DbOrTx) => ({
  id: announcements.id,
  kind: announcements.kind,
  title: announcements.title,
  body: announcements.body,
  bodyHtml: announcements.bodyHtml,
  authorId: announcements.authorId,
  createdAt: announcements.createdAt,
  updatedAt: announcements.updatedAt,
  expiresAt: announcements.expiresAt,
  severity: announcements.severity,
  categoryId: announcements.categoryId,
  resolvedAt: announcements.resolvedAt,
  resolvedById: announcements.resolvedById,
  updateCount: db.$count(announcementUpdates, eq(announcementUpdates.announcementId, announcements.id)),
});

export { incidentColumns as apiIncidentColumns };

const selectIncident = preparedQuery((db) =>
  db
    .select(incidentColumns(db))
    .from(announcements)
    .where(and(eq(announcements.id, sql.placeholder("id")), isStatus))
    .prepare(),
);

const selectIncidentUpdates = preparedQuery((db) =>
  db
    .select()
    .from(announcementUpdates)
    .where(eq(announcementUpdates.announcementId, sql.placeholder("id")))
    .orderBy(asc(announcementUpdates.createdAt), asc(announcementUpdates.id))
    .prepare(),
);

/** Incidents' summaries for rows the caller read (status announcements only), in their order. */
export function presentIncidentSummaries(db: DbOrTx, viewer: ApiViewer, rows: IncidentRow[]): ApiIncidentSummary[] {
  const cats = categoriesById(db, rows.map((row) => row.categoryId));
  return rows.map((incident) => {
    const category = incident.categoryId ? cats.get(incident.categoryId) : undefined;
    return {
      id: incident.id,
      title: incident.title,
      severity: incident.severity ?? "information",
      category: category ? categoryRef(viewer, category) : null,
      resolved: !!incident.resolvedAt,
      createdAt: iso(incident.createdAt),
      updatedAt: isoOrNull(incident.updatedAt),
      resolvedAt: isoOrNull(incident.resolvedAt),
      updateCount: incident.updateCount,
      url: `${viewer.origin}/status/${incident.id}`,
    };
  });
}

export function incidentForApi(db: DbOrTx, viewer: ApiViewer, incidentId: number): ApiIncident | null {
  const incident = selectIncident(db).get({ id: incidentId });
  if (!incident) return null;
  const [summary] = presentIncidentSummaries(db, viewer, [incident]);
  const updates = selectIncidentUpdates(db).all({ id: incident.id });
  const authors = authorsById(db, updates.map((update) => update.authorId));
  // The linked questions the viewer may open, as the incident's page lists them.
  const linked = db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.incidentId, incident.id), liveThreads(), visibleThreads(sightOf(viewer.user))))
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .all();
  return {
    ...summary,
    body: incident.body,
    bodyHtml: incident.bodyHtml,
    updates: updates.map((update) => ({
      id: update.id,
      body: update.body,
      bodyHtml: update.bodyHtml,
      author: userRef(viewer, authors.get(update.authorId)),
      createdAt: iso(update.createdAt),
    })),
    threadIds: linked.map((row) => row.id),
  };
}

// ---------------------------------------------------------------------------
// Staff-only objects: flags and escalations (null unless the viewer is staff).

const flagPosts = alias(posts, "flag_post");
const flagThreads = alias(threads, "flag_thread");

const selectFlag = preparedQuery((db) =>
  db
    .select({
      id: flags.id,
      postId: flags.postId,
      reporterId: flags.reporterId,
      reason: flags.reason,
      note: flags.note,
      status: flags.status,
      createdAt: flags.createdAt,
      resolvedAt: flags.resolvedAt,
      threadId: flagThreads.id,
      threadSlug: flagThreads.slug,
    })
    .from(flags)
    .innerJoin(flagPosts, eq(flagPosts.id, flags.postId))
    .innerJoin(flagThreads, eq(flagThreads.id, flagPosts.threadId))
    .where(eq(flags.id, sql.placeholder("id")))
    .prepare(),
);

export function flagForApi(db: DbOrTx, viewer: ApiViewer, flagId: number): ApiFlag | null {
  if (!isStaff(viewer.user)) return null;
  const flag = selectFlag(db).get({ id: flagId });
  if (!flag) return null;
  const authors = authorsById(db, [flag.reporterId]);
  return {
    id: flag.id,
    postId: flag.postId,
    threadId: flag.threadId,
    reporter: userRef(viewer, authors.get(flag.reporterId)),
    reason: flag.reason,
    note: flag.note,
    status: flag.status,
    createdAt: iso(flag.createdAt),
    resolvedAt: isoOrNull(flag.resolvedAt),
    postUrl: `${viewer.origin}${threadPath({ id: flag.threadId, slug: flag.threadSlug })}#post-${flag.postId}`,
  };
}

const selectEscalation = preparedQuery((db) =>
  db
    .select({
      id: escalations.id,
      threadId: escalations.threadId,
      openedById: escalations.openedById,
      note: escalations.note,
      status: escalations.status,
      resolution: escalations.resolution,
      createdAt: escalations.createdAt,
      closedAt: escalations.closedAt,
      closedById: escalations.closedById,
      threadTitle: threads.title,
      threadSlug: threads.slug,
    })
    .from(escalations)
    .innerJoin(threads, eq(threads.id, escalations.threadId))
    .where(eq(escalations.id, sql.placeholder("id")))
    .prepare(),
);

export function escalationForApi(db: DbOrTx, viewer: ApiViewer, escalationId: number): ApiEscalation | null {
  if (!isStaff(viewer.user)) return null;
  const escalation = selectEscalation(db).get({ id: escalationId });
  if (!escalation) return null;
  const authors = authorsById(db, [escalation.openedById, escalation.closedById]);
  return {
    id: escalation.id,
    threadId: escalation.threadId,
    threadTitle: escalation.threadTitle,
    threadUrl: `${viewer.origin}${threadPath({ id: escalation.threadId, slug: escalation.threadSlug })}`,
    openedBy: userRef(viewer, authors.get(escalation.openedById)),
    note: escalation.note,
    status: escalation.status,
    resolution: escalation.resolution,
    createdAt: iso(escalation.createdAt),
    closedAt: isoOrNull(escalation.closedAt),
    closedBy: escalation.closedById ? userRef(viewer, authors.get(escalation.closedById)) : null,
  };
}
