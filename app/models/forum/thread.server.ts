import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { categories, posts, tags, threads, threadTags, users } from "../../../db/schema";
import { getCategoryBySlug } from "./category.server";
import type { ThreadSort } from "../../forms/thread";
import { canSeeThread, type Actor, type ThreadResource } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { renderMarkdown } from "../../utils/markdown.server";
import type { FieldErrors } from "../../utils/form.server";
import { awardBadge } from "../reputation/badge.server";
import { knownUsersIn } from "./mention.server";
import { holdsForReview, linkLimitError } from "./spam-rules.server";
import { postingWait } from "./posting-limits.server";
import { insertPostWithRevision } from "./revision.server";
import { reindexThread } from "../search/search-index.server";
import { fanOutNewThread } from "../notify/watch.server";
import { preparedQuery } from "../../../db/prepared";
import { hiddenQuestionThreadIds, liveThreads, PREPARED_SIGHT, seenOf, sightValues, threadNotHidden, visiblePosts } from "../visibility.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

export const THREADS_PER_PAGE = 30;

/** "My bill is wrong — again!" → "my-bill-is-wrong-again" */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug || "thread";
}

export { threadPath } from "../../utils/paths";

/** Creates the tags that do not exist yet and returns the ids of all of them. */
export function upsertTags(tx: DbOrTx, names: string[]): number[] {
  if (!names.length) return [];
  tx.insert(tags)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing()
    .run();
  return tx.select({ id: tags.id }).from(tags).where(inArray(tags.name, names)).all().map((t) => t.id);
}

export type NewThread = { title: string; body: string; category: string; tags: string[] };

export function createThread(
  db: Db,
  actor: Actor,
  input: NewThread,
  now = new Date(),
): { ok: true; thread: typeof threads.$inferSelect; held: boolean } | { ok: false; errors: FieldErrors; throttled?: boolean } {
  assertCan(actor, "thread.create");
  const category = getCategoryBySlug(db, input.category);
  if (!category) return { ok: false, errors: { category: actorT(actor)("forumServer.category.unknown") } };
  // Too soon after the last question: the route answers 429 (Too Many Requests).
  const wait = postingWait(db, actor!, "question", now);
  if (wait) return { ok: false, throttled: true, errors: { form: wait } };

  const mentioned = knownUsersIn(db, input.body);
  const bodyHtml = renderMarkdown(input.body, { knownUsers: mentioned });
  const tooManyLinks = linkLimitError(db, actor!, bodyHtml, now);
  if (tooManyLinks) return { ok: false, errors: { body: tooManyLinks } };
  // A question held for review is hidden (its asker and staff see it) and
  // tells nobody until a moderator approves it (publishHeldPost does the rest).
  const held = holdsForReview(db, actor!, "question", now);
  const thread = db.transaction((tx) => {
    const thread = tx
      .insert(threads)
      .values({
        title: input.title,
        slug: slugify(input.title),
        categoryId: category.id,
        authorId: actor!.id,
        lastActivityAt: now,
        lastActivityById: actor!.id,
        createdAt: now,
        ...(held ? { hiddenAt: now } : {}),
      })
      .returning()
      .get();
    const question = insertPostWithRevision(
      tx,
      { threadId: thread.id, kind: "question", authorId: actor!.id, body: input.body, bodyHtml, createdAt: now, ...(held ? { hiddenAt: now, heldAt: now } : {}) },
      input.title,
    );
    const tagIds = upsertTags(tx, input.tags);
    if (tagIds.length) tx.insert(threadTags).values(tagIds.map((tagId) => ({ threadId: thread.id, tagId }))).run();
    if (held) return thread;
    awardBadge(tx, actor!.id, "first_question", { postId: question.id, now });
    reindexThread(tx, thread.id);
    fanOutNewThread(tx, { threadId: thread.id, postId: question.id, actorId: actor!.id, now, categoryId: category.id, tagIds, mentioned });
    emitWebhookEvent(tx, "thread.created", thread.id, now);
    return thread;
  });
  return { ok: true, thread, held };
}

const selectThread = preparedQuery((db) =>
  db
    .select()
    .from(threads)
    .where(eq(threads.id, sql.placeholder("id")))
    .prepare(),
);

export function getThread(db: DbOrTx, id: number) {
  return selectThread(db).get({ id }) ?? null;
}

/**
 * The thread if the viewer may see it: deleted threads to moderators only; a
 * thread whose question a moderator hid, to staff and its asker only.
 */
export function findVisibleThread(db: Db, viewer: Actor, id: number) {
  const thread = getThread(db, id);
  // threads.hidden_at mirrors the question's (set and cleared by hidePost/unhidePost).
  if (!thread || !canSeeThread(viewer, seenOf(thread))) return null;
  return thread;
}

/** What the policy needs to know about a thread. */
export function toThreadResource(
  thread: Pick<typeof threads.$inferSelect, "authorId" | "deletedAt" | "lockedAt" | "duplicateOfId">,
): ThreadResource {
  return { authorId: thread.authorId, deleted: !!thread.deletedAt, locked: !!thread.lockedAt, duplicate: thread.duplicateOfId !== null };
}



const authorColumns = {
  authorUsername: users.username,
  authorDisplayName: users.displayName,
  authorReputation: users.reputation,
  authorRole: users.role,
};

const selectCategory = preparedQuery((db) =>
  db
    .select()
    .from(categories)
    .where(eq(categories.id, sql.placeholder("id")))
    .prepare(),
);

// Every post of a thread the viewer may see, in the page's order. The
// viewer's sight is placeholders, so one prepared query serves every viewer.
const selectThreadPosts = preparedQuery((db) =>
  db
    .select({
      id: posts.id,
      kind: posts.kind,
      parentId: posts.parentId,
      authorId: posts.authorId,
      bodyHtml: posts.bodyHtml,
      score: posts.score,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      official: posts.official,
      hiddenAt: posts.hiddenAt,
      hiddenReason: posts.hiddenReason,
      heldAt: posts.heldAt,
      ...authorColumns,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(posts.threadId, sql.placeholder("threadId")), visiblePosts(PREPARED_SIGHT)))
    .orderBy(
      sql`case when ${posts.id} = ${sql.placeholder("acceptedAnswerId")} then 0 else 1 end`,
      desc(posts.score),
      asc(posts.createdAt),
      asc(posts.id),
    )
    .prepare(),
);

const selectThreadTagNames = preparedQuery((db) =>
  db
    .select({ name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(eq(threadTags.threadId, sql.placeholder("threadId")))
    .orderBy(asc(tags.name))
    .prepare(),
);

/**
 * Everything the thread page shows, in a fixed number of queries: the
 * question, its answers (accepted first, then by score, then oldest), every
 * comment, the tags, and the viewer's own votes.
 */
export function getThreadPage(db: Db, viewer: Actor, threadId: number) {
  const thread = findVisibleThread(db, viewer, threadId);
  if (!thread) return null;
  const category = selectCategory(db).get({ id: thread.categoryId })!;
  const rows = selectThreadPosts(db).all({ threadId: thread.id, acceptedAnswerId: thread.acceptedAnswerId ?? 0, ...sightValues(viewer) });

  const question = rows.find((r) => r.kind === "question");
  if (!question) return null;
  const answers = rows.filter((r) => r.kind === "answer");
  const comments = rows
    .filter((r) => r.kind === "comment")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const visibleIds = new Set([question.id, ...answers.map((a) => a.id)]);
  const commentsByPost: Record<number, typeof comments> = {};
  for (const comment of comments) {
    if (comment.parentId === null || !visibleIds.has(comment.parentId)) continue;
    (commentsByPost[comment.parentId] ??= []).push(comment);
  }

  const threadTagNames = selectThreadTagNames(db)
    .all({ threadId: thread.id })
    .map((t) => t.name);

  return { thread, category, question, answers, commentsByPost, tags: threadTagNames };
}

export type ThreadListFilter = {
  categoryId?: number;
  tag?: string;
  authorId?: number;
  /** Which pins go first on page 1: the home page's, or a category's (home pins count there too). */
  pins?: "home" | "category";
};

function listConditions(filter: ThreadListFilter, sort: ThreadSort): SQL[] {
  const conditions: SQL[] = [liveThreads()];
  if (filter.categoryId) conditions.push(eq(threads.categoryId, filter.categoryId));
  if (filter.authorId) conditions.push(eq(threads.authorId, filter.authorId));
  if (filter.tag) conditions.push(inArray(threads.id, threadIdsWithTag(filter.tag)));
  // Unanswered: the questions that still need an answer and can take one (as
  // the moderators' queue counts them): not locked, not closed as a duplicate.
  if (sort === "unanswered") conditions.push(eq(threads.answerCount, 0), isNull(threads.lockedAt), isNull(threads.duplicateOfId));
  if (sort === "unsolved") conditions.push(isNull(threads.acceptedAnswerId));
  return conditions;
}

// A subquery: the ids of the threads carrying a tag.
function threadIdsWithTag(tag: string) {
  return sql`(select ${threadTags.threadId} from ${threadTags} inner join ${tags} on ${tags.id} = ${threadTags.tagId} where ${tags.name} = ${tag})`;
}

function listOrder(sort: ThreadSort) {
  switch (sort) {
    case "newest":
    case "unanswered":
      return [desc(threads.createdAt), desc(threads.id)];
    case "top":
      return [desc(threads.score), desc(threads.lastActivityAt), desc(threads.id)];
    case "active":
    case "unsolved":
      return [desc(threads.lastActivityAt), desc(threads.id)];
  }
}

/** A page of threads for the home page, a category, a tag or a profile, with their tags. */
export function listThreads(db: Db, filter: ThreadListFilter, sort: ThreadSort, page: number, perPage = THREADS_PER_PAGE) {
  // Pinned threads are read apart (a few rows, by their own index) and go
  // before page 1, so the main list keeps its index-ordered scan.
  const pinned = filter.pins === "home" ? eq(threads.pinnedIn, "home") : filter.pins === "category" ? isNotNull(threads.pinnedIn) : undefined;
  const notPinned = filter.pins === "home" ? or(isNull(threads.pinnedIn), ne(threads.pinnedIn, "home")) : filter.pins ? isNull(threads.pinnedIn) : undefined;
  const where = and(...listConditions(filter, sort), notPinned);
  // Threads whose question a moderator hid are left out (by id: they are few).
  const hidden = hiddenQuestionThreadIds(db);
  const select = () =>
    db
      .select({
        id: threads.id,
        title: threads.title,
        slug: threads.slug,
        score: threads.score,
        answerCount: threads.answerCount,
        viewCount: threads.viewCount,
        solved: sql<boolean>`${threads.acceptedAnswerId} is not null`.mapWith(Boolean),
        createdAt: threads.createdAt,
        lastActivityAt: threads.lastActivityAt,
        categorySlug: categories.slug,
        categoryName: categories.name,
        ...authorColumns,
      })
      .from(threads)
      .innerJoin(users, eq(users.id, threads.authorId))
      .innerJoin(categories, eq(categories.id, threads.categoryId));
  const pinnedRows = pinned
    ? select()
        .where(and(...listConditions(filter, sort), pinned, threadNotHidden(hidden)))
        .orderBy(desc(threads.pinnedAt), desc(threads.id))
        .all()
    : [];
  const rows = select()
    .where(and(where, threadNotHidden(hidden)))
    .orderBy(...listOrder(sort))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  // Counted without them, then less them: the count keeps its index-only scan.
  const total =
    db.select({ n: count() }).from(threads).where(where).get()!.n -
    (hidden.length ? db.select({ n: count() }).from(threads).where(and(where, inArray(threads.id, hidden))).get()!.n : 0);
  const shown = [...(page === 1 ? pinnedRows.map((r) => ({ ...r, pinned: true })) : []), ...rows.map((r) => ({ ...r, pinned: false }))];
  const tagsByThread = tagsForThreads(db, shown.map((r) => r.id));
  return {
    threads: shown.map((r) => ({ ...r, tags: tagsByThread.get(r.id) ?? [] })),
    total: total + pinnedRows.length,
    page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  };
}

/** The tags of many threads in one query. */
export function tagsForThreads(db: Db, threadIds: number[]) {
  const map = new Map<number, string[]>();
  if (!threadIds.length) return map;
  const rows = db
    .select({ threadId: threadTags.threadId, name: tags.name })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(inArray(threadTags.threadId, threadIds))
    .orderBy(asc(tags.name))
    .all();
  for (const row of rows) {
    const list = map.get(row.threadId) ?? [];
    list.push(row.name);
    map.set(row.threadId, list);
  }
  return map;
}

export function getTag(db: Db, name: string) {
  return db.select().from(tags).where(eq(tags.name, name)).get() ?? null;
}
