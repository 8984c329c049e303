// The knowledge base: articles promoted from customers' answers or written by
// moderators, and their versions. "Was this helpful?" lives in
// kb-feedback.server.ts, the review queue in kb-review.server.ts.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { inJsonIds, preparedQuery } from "../../../db/prepared";
import {
  articleReviews,
  articles,
  articleTags,
  articleVersions,
  categories,
  posts,
  reputationEvents,
  tags,
  threads,
  users,
  type ArticleStatus,
} from "../../../db/schema";
import { getCategoryBySlug } from "../forum/category.server";
import { loadArticle, type Article } from "./kb-article.server";
import { PREPARED_SIGHT, PUBLIC_SIGHT, seenOf, sightValues, visibleArticles } from "../visibility.server";
import type { KbSort } from "../../forms/kb";
import { can, canSeeArticle, canSeeThread, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import { actorT } from "../../i18n/messages.server";
import type { FieldErrors } from "../../utils/form.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { recordAudit } from "../moderation/audit.server";
import { awardBadge } from "../reputation/badge.server";
import { knownUsersIn } from "../forum/mention.server";
import { award } from "../reputation/reputation.server";
import { feedbackOf, listNegativeFeedback, type FeedbackVoter } from "./kb-feedback.server";
import { findSimilar } from "../search/search.server";
import { reindexArticle } from "../search/search-index.server";
import { slugify, threadPath, upsertTags } from "../forum/thread.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

export const ARTICLES_PER_PAGE = 20;

export { loadArticle, type Article } from "./kb-article.server";
export type ArticleInput = { title: string; body: string; category: string; tags: string[]; note: string };

export { articlePath } from "../../utils/paths";

function render(db: DbOrTx, body: string) {
  return renderMarkdown(body, { knownUsers: knownUsersIn(db as Db, body) });
}

/** A slug no other article has: "reset-your-router", then "reset-your-router-2"... */
function freeSlug(db: DbOrTx, title: string) {
  // "new" is the editor's own address, /kb/new.
  const base = slugify(title) === "new" ? "new-article" : slugify(title);
  const taken = new Set(
    db
      .select({ slug: articles.slug })
      .from(articles)
      .where(sql`${articles.slug} = ${base} or ${articles.slug} like ${`${base}-%`}`)
      .all()
      .map((a) => a.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function setTags(tx: DbOrTx, articleId: number, names: string[]) {
  tx.delete(articleTags).where(eq(articleTags.articleId, articleId)).run();
  const ids = upsertTags(tx, names);
  if (ids.length)
    tx.insert(articleTags)
      .values(ids.map((tagId) => ({ articleId, tagId })))
      .run();
}

function tagsOf(db: DbOrTx, articleId: number) {
  return db
    .select({ name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
}

type PromotionSource = { answer: typeof posts.$inferSelect; thread: typeof threads.$inferSelect };
type PromotionRefusal = "contentServer.article.answerGone" | "contentServer.article.questionHidden" | "contentServer.article.answerHidden";

/**
 * The answer an article would be promoted from, with its thread; or why it
 * can't be: gone, or hidden by a moderator (an article is public, and would
 * publish the hidden text and link to the hidden thread).
 */
function promotableAnswer(
  db: DbOrTx,
  answerId: number,
): { ok: true; source: PromotionSource } | { ok: false; status: 404 | 409; reason: PromotionRefusal } {
  const row = db
    .select({ answer: posts, thread: threads })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, answerId))
    .get();
  if (!row || row.answer.kind !== "answer" || row.answer.deletedAt || row.thread.deletedAt) {
    return { ok: false, status: 404, reason: "contentServer.article.answerGone" };
  }
  if (row.thread.hiddenAt) {
    return { ok: false, status: 409, reason: "contentServer.article.questionHidden" };
  }
  if (row.answer.hiddenAt) return { ok: false, status: 409, reason: "contentServer.article.answerHidden" };
  return { ok: true, source: row };
}

export function articleForAnswer(db: DbOrTx, answerId: number) {
  return db.select().from(articles).where(eq(articles.sourceAnswerId, answerId)).get() ?? null;
}

/**
 * What the promotion editor starts from: the question's title, the answer's
 * text, the thread's category and tags. If the answer already became an
 * article, that article instead.
 */
export function promotionDraft(db: Db, actor: Actor, answerId: number) {
  assertCan(actor, "kb.manage");
  const existing = articleForAnswer(db, answerId);
  if (existing) return { existing };
  const promotable = promotableAnswer(db, answerId);
  if (!promotable.ok) throw new Response(actorT(actor)(promotable.reason), { status: promotable.status });
  const source = promotable.source;
  const category = db.select().from(categories).where(eq(categories.id, source.thread.categoryId)).get()!;
  const threadTagNames = db
    .select({ name: tags.name })
    .from(tags)
    .where(inArray(tags.id, sql`(select tag_id from thread_tags where thread_id = ${source.thread.id})`))
    .orderBy(asc(tags.name))
    .all()
    .map((t) => t.name);
  const author = db
    .select({ username: users.username, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, source.answer.authorId))
    .get()!;
  return {
    existing: null,
    draft: { title: source.thread.title, body: source.answer.body, category: category.slug, tags: threadTagNames.join(", "), answerId },
    source: { threadTitle: source.thread.title, threadPath: threadPath(source.thread), answerId, author },
  };
}

/** The first publication of a promoted answer credits its author, once. */
function creditPromotion(tx: DbOrTx, article: Article, actorId: number, now: Date) {
  if (!article.sourceAnswerId || !article.creditUserId) return;
  const already = tx
    .select({ id: reputationEvents.id })
    .from(reputationEvents)
    .where(and(eq(reputationEvents.postId, article.sourceAnswerId), eq(reputationEvents.reason, "answer_promoted")))
    .get();
  if (already) return;
  award(tx, {
    userId: article.creditUserId,
    reason: "answer_promoted",
    postId: article.sourceAnswerId,
    actorId,
    now,
  });
  awardBadge(tx, article.creditUserId, "knowledge_author", { postId: article.sourceAnswerId, now });
}

export type ArticleResult = { ok: true; article: Article } | { ok: false; errors: FieldErrors };

/**
 * Writes a new article — from scratch, or promoted from an answer (credited
 * to the answer's author, linked to its thread) — as a draft or published.
 */
export function createArticle(
  db: Db,
  actor: Actor,
  input: ArticleInput & { answerId?: number; publish: boolean },
  now = new Date(),
): ArticleResult {
  assertCan(actor, "kb.manage");
  const t = actorT(actor);
  const category = getCategoryBySlug(db, input.category);
  if (!category) return { ok: false, errors: { category: t("contentServer.article.unknownCategory") } };
  const promotable = input.answerId ? promotableAnswer(db, input.answerId) : null;
  if (promotable && !promotable.ok) return { ok: false, errors: { form: t(promotable.reason) } };
  const source = promotable?.source ?? null;
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      if (source && articleForAnswer(tx, source.answer.id)) {
        return { ok: false as const, errors: { form: t("contentServer.article.alreadyPromoted") } };
      }
      const article = tx
        .insert(articles)
        .values({
          slug: freeSlug(tx, input.title),
          title: input.title,
          body: input.body,
          bodyHtml,
          categoryId: category.id,
          status: input.publish ? "published" : "draft",
          sourceAnswerId: source?.answer.id ?? null,
          sourceThreadId: source?.thread.id ?? null,
          creditUserId: source?.answer.authorId ?? null,
          authorId: actor!.id,
          createdAt: now,
          updatedAt: now,
          publishedAt: input.publish ? now : null,
        })
        .returning()
        .get();
      tx.insert(articleVersions)
        .values({
          articleId: article.id,
          number: 1,
          title: input.title,
          body: input.body,
          editorId: actor!.id,
          // A note the moderator did not write is in their language, like one they did.
          note: input.note || t(source ? "contentServer.article.promotedVersion" : "contentServer.article.firstVersion"),
          createdAt: now,
        })
        .run();
      setTags(tx, article.id, input.tags);
      if (input.publish) creditPromotion(tx, article, actor!.id, now);
      if (input.publish) emitWebhookEvent(tx, "article.published", article.id, now);
      recordAudit(tx, {
        actorId: actor!.id,
        action: source ? "article.promote" : "article.create",
        targetType: "article",
        targetId: article.id,
        details: { title: input.title, status: article.status, answerId: source?.answer.id ?? null },
        at: now,
      });
      reindexArticle(tx, article.id);
      return { ok: true as const, article };
    },
    { behavior: "immediate" },
  );
}

type ArticleText = { title: string; body: string; bodyHtml: string; categoryId?: number };

/**
 * Writes the article's new text and keeps it as the next numbered version,
 * read inside the caller's (immediate) transaction: another save may have
 * come first. Returns the article and the version's number.
 */
function saveVersion(tx: DbOrTx, articleId: number, text: ArticleText, editorId: number, note: string, now: Date) {
  const number = loadArticle(tx, articleId).version + 1;
  const article = tx
    .update(articles)
    .set({ ...text, version: number, updatedAt: now })
    .where(eq(articles.id, articleId))
    .returning()
    .get();
  tx.insert(articleVersions).values({ articleId, number, title: text.title, body: text.body, editorId, note, createdAt: now }).run();
  return { article, number };
}

/** Saves an edit as a new version (who, when, a note). */
export function updateArticle(db: Db, actor: Actor, articleId: number, input: ArticleInput, now = new Date()): ArticleResult {
  assertCan(actor, "kb.manage");
  const article = loadArticle(db, articleId);
  const category = getCategoryBySlug(db, input.category);
  if (!category) return { ok: false, errors: { category: actorT(actor)("contentServer.article.unknownCategory") } };
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      const { article: updated, number } = saveVersion(
        tx,
        article.id,
        { title: input.title, body: input.body, bodyHtml, categoryId: category.id },
        actor!.id,
        input.note,
        now,
      );
      setTags(tx, article.id, input.tags);
      recordAudit(tx, {
        actorId: actor!.id,
        action: "article.edit",
        targetType: "article",
        targetId: article.id,
        reason: input.note,
        details: { version: number },
      });
      reindexArticle(tx, article.id);
      return { ok: true as const, article: updated };
    },
    { behavior: "immediate" },
  );
}

const STATUS_ACTIONS = { published: "article.publish", draft: "article.unpublish", archived: "article.archive" } as const;

/** Publish, unpublish (back to draft) or archive. Only published articles are read and found. */
export function setArticleStatus(db: Db, actor: Actor, articleId: number, status: ArticleStatus, now = new Date()) {
  assertCan(actor, "kb.manage");
  loadArticle(db, articleId);
  return db.transaction(
    (tx) => {
      // Read inside the immediate transaction, so two clicks at once change (and log) it once.
      const article = loadArticle(tx, articleId);
      if (article.status === status) return article;
      // "Last updated" is about the text: a change of status leaves it.
      const updated = tx
        .update(articles)
        .set({ status, ...(status === "published" && !article.publishedAt ? { publishedAt: now } : {}) })
        .where(eq(articles.id, article.id))
        .returning()
        .get();
      if (status === "published") creditPromotion(tx, updated, actor!.id, now);
      if (status === "published") emitWebhookEvent(tx, "article.published", article.id, now);
      recordAudit(tx, {
        actorId: actor!.id,
        action: STATUS_ACTIONS[status],
        targetType: "article",
        targetId: article.id,
        details: { from: article.status, to: status },
      });
      reindexArticle(tx, article.id);
      return updated;
    },
    { behavior: "immediate" },
  );
}

/** Puts an earlier version back; the restored text becomes a new version. */
export function restoreArticleVersion(db: Db, actor: Actor, articleId: number, number: number, now = new Date()) {
  assertCan(actor, "kb.manage");
  const article = loadArticle(db, articleId);
  const version = db
    .select()
    .from(articleVersions)
    .where(and(eq(articleVersions.articleId, article.id), eq(articleVersions.number, number)))
    .get();
  if (!version) throw refusedWith(404, "contentServer.article.versionNotFound");
  if (version.number === article.version) throw refusedWith(400, "contentServer.article.versionIsCurrent");
  const bodyHtml = render(db, version.body);
  return db.transaction(
    (tx) => {
      const { article: updated, number: next } = saveVersion(
        tx,
        article.id,
        { title: version.title, body: version.body, bodyHtml },
        actor!.id,
        actorT(actor)("contentServer.article.restoredVersion", { number }),
        now,
      );
      recordAudit(tx, {
        actorId: actor!.id,
        action: "article.restore",
        targetType: "article",
        targetId: article.id,
        details: { version: number, newVersion: next },
      });
      reindexArticle(tx, article.id);
      return updated;
    },
    { behavior: "immediate" },
  );
}

/** An article the viewer may read: published, or any for moderators. */
export function findVisibleArticle(db: Db, viewer: Actor, slug: string) {
  const article = db.select().from(articles).where(eq(articles.slug, slug)).get();
  if (!article) return null;
  return canSeeArticle(viewer, article) ? article : null;
}

/** The article page: a published article for everyone, any article for moderators. */
const READER_COMMENTS_SHOWN = 5;

export function getArticlePage(db: Db, viewer: Actor, slug: string, voter: FeedbackVoter | null) {
  const article = findVisibleArticle(db, viewer, slug);
  if (!article) return null;
  const category = db.select().from(categories).where(eq(categories.id, article.categoryId)).get()!;
  const credit = article.creditUserId
    ? db
        .select({ username: users.username, displayName: users.displayName, role: users.role, reputation: users.reputation })
        .from(users)
        .where(eq(users.id, article.creditUserId))
        .get()!
    : null;
  const source = article.sourceThreadId
    ? db
        .select({
          id: threads.id,
          slug: threads.slug,
          title: threads.title,
          deletedAt: threads.deletedAt,
          hiddenAt: threads.hiddenAt,
          authorId: threads.authorId,
        })
        .from(threads)
        .where(eq(threads.id, article.sourceThreadId))
        .get()
    : null;
  // The link carries the thread's title: only for readers who may open the
  // thread (a hidden question's thread is its asker's and staff's).
  const sourceReadable = !!source && !source.deletedAt && canSeeThread(viewer, seenOf(source));
  // The article and its source thread share its title word for word: left out
  // before the relevance cut, or nothing else would be near enough to show.
  const related = findSimilar(db, article.title, 5, {
    exclude: [{ kind: "article", id: article.id }, ...(article.sourceThreadId ? [{ kind: "thread" as const, id: article.sourceThreadId }] : [])],
  });
  const mine = voter ? feedbackOf(db, article.id, voter) : null;
  const staff = can(viewer, "kb.manage");
  return {
    article,
    category,
    tags: tagsOf(db, article.id),
    credit,
    source: source && sourceReadable ? { title: source.title, path: `${threadPath(source)}#post-${article.sourceAnswerId}` } : null,
    related,
    feedback: mine ? { helpful: mine.helpful, comment: mine.comment } : null,
    openReviews: staff
      ? db
          .select()
          .from(articleReviews)
          .where(and(eq(articleReviews.articleId, article.id), eq(articleReviews.status, "open")))
          .all()
      : [],
    // What readers wrote with their "No": for those who manage the knowledge base.
    readerComments: staff ? listNegativeFeedback(db, viewer, article.id, READER_COMMENTS_SHOWN) : [],
  };
}

const listColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  status: articles.status,
  helpfulYes: articles.helpfulYes,
  helpfulNo: articles.helpfulNo,
  updatedAt: articles.updatedAt,
  categoryName: categories.name,
  categorySlug: categories.slug,
  official: sql<boolean>`${articles.creditUserId} is null`.mapWith(Boolean),
};

/** Published articles, most helpful or newest first, optionally in one category. */
export function listArticles(db: Db, filter: { categoryId?: number }, sort: KbSort, page: number, perPage = ARTICLES_PER_PAGE) {
  const where = and(visibleArticles(PUBLIC_SIGHT), filter.categoryId ? eq(articles.categoryId, filter.categoryId) : undefined);
  const rows = db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(where)
    .orderBy(
      ...(sort === "helpful" ? [desc(articles.helpfulYes), desc(articles.updatedAt)] : [desc(articles.publishedAt)]),
      desc(articles.id),
    )
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  const total = db.select({ n: count() }).from(articles).where(where).get()!.n;
  return { articles: rows, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

/** How many published articles each category has (the /kb browse panel). */
export function articleCountsByCategory(db: Db) {
  return db
    .select({ slug: categories.slug, name: categories.name, articles: count(articles.id) })
    .from(categories)
    .leftJoin(articles, and(eq(articles.categoryId, categories.id), visibleArticles(PUBLIC_SIGHT)))
    .groupBy(categories.id)
    .orderBy(asc(categories.position), asc(categories.id))
    .all();
}

/** Drafts and archived articles: moderators only. */
export function listUnpublishedArticles(db: Db, actor: Actor, status: "draft" | "archived") {
  assertCan(actor, "kb.manage");
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(eq(articles.status, status))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(100)
    .all();
}

/** The editor's starting point for an existing article. */
export function getArticleForEdit(db: Db, actor: Actor, slug: string) {
  assertCan(actor, "kb.manage");
  const article = db.select().from(articles).where(eq(articles.slug, slug)).get();
  if (!article) throw refusedWith(404, "contentServer.article.notFound");
  const category = db.select({ slug: categories.slug }).from(categories).where(eq(categories.id, article.categoryId)).get()!;
  return { article, category: category.slug, tags: tagsOf(db, article.id) };
}

/** Every version, newest first, with who saved it (moderators). */
export function getArticleHistory(db: Db, actor: Actor, slug: string) {
  const { article } = getArticleForEdit(db, actor, slug);
  const versions = db
    .select({
      number: articleVersions.number,
      title: articleVersions.title,
      body: articleVersions.body,
      note: articleVersions.note,
      createdAt: articleVersions.createdAt,
      editorUsername: users.username,
      editorDisplayName: users.displayName,
    })
    .from(articleVersions)
    .innerJoin(users, eq(users.id, articleVersions.editorId))
    .where(eq(articleVersions.articleId, article.id))
    .orderBy(desc(articleVersions.number))
    .all();
  return { article, versions };
}

/**
 * Which of these answers are in the knowledge base (for "This answer is in
 * the knowledge base" on the thread page): published ones for everyone, any
 * for moderators.
 */
// Drafts and archived articles are for the knowledge base's managers only.
const selectArticlesOfAnswers = preparedQuery((db) =>
  db
    .select({ answerId: articles.sourceAnswerId, slug: articles.slug, title: articles.title, status: articles.status })
    .from(articles)
    .where(and(inJsonIds(articles.sourceAnswerId, "answerIds"), visibleArticles(PREPARED_SIGHT)))
    .prepare(),
);

export function articlesForAnswers(db: Db, viewer: Actor, answerIds: number[]) {
  const map = new Map<number, { slug: string; title: string; status: ArticleStatus }>();
  if (!answerIds.length) return map;
  const rows = selectArticlesOfAnswers(db).all({ answerIds: JSON.stringify(answerIds), ...sightValues(viewer) });
  for (const row of rows) if (row.answerId) map.set(row.answerId, { slug: row.slug, title: row.title, status: row.status });
  return map;
}
