// Atom and RSS 2.0 feeds: the latest questions, a category's, a tag's, a
// thread's answers, the knowledge base and the status incidents.
//
// A feed is what a visitor sees, whoever fetches it: feed readers carry no
// session, and a feed's address is shared and cached publicly, so every read
// here uses PUBLIC_SIGHT and never an actor (a moderator's cookie must not
// put hidden posts into a feed a proxy then keeps).
//
// The words are the community's own (titles, bodies as stored, already
// sanitised when written); only the feed's own title comes from the
// catalogue, in the site's default language (one address, every reader).
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { Feed } from "feed";
import type { Db } from "../../../db/client";
import { announcements, announcementUpdates, articles, posts, threadTags, threads, users } from "../../../db/schema";
import { serverT } from "../../i18n/i18n.server";
import { articlePath, threadPath } from "../../utils/paths";
import { feedPaths, type FeedFormat } from "../../utils/feed-paths";
import { FORMER_MEMBER_NAME, isFormerMember } from "../../utils/former-member";
import { getCategoryBySlug } from "../forum/category.server";
import { findVisibleThread, getTag } from "../forum/thread.server";
import { isStatus } from "../moderation/incident.server";
import { siteUrl } from "../notify/notification-email.server";
import { PUBLIC_SIGHT, visibleArticles, visiblePosts } from "../visibility.server";
import { getSiteSettings } from "./settings.server";

/** The most entries a feed carries: readers poll often, so the newest are enough. */
export const FEED_ENTRIES = 50;

/** The site-wide feeds, by their name in /feeds/<name>.atom. */
export const SITE_FEEDS = ["questions", "kb", "status"] as const;
type SiteFeed = (typeof SITE_FEEDS)[number];

export type FeedRequest =
  | { kind: SiteFeed; format: FeedFormat }
  | { kind: "category"; slug: string; format: FeedFormat }
  | { kind: "tag"; tag: string; format: FeedFormat }
  | { kind: "thread"; threadId: number; format: FeedFormat };

export type RenderedFeed = { body: string; contentType: string; etag: string; lastModified: Date };

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
};

/** "support.atom" → { name: "support", format: "atom" }; null for any other ending. */
export function parseFeedName(file: string | undefined): { name: string; format: FeedFormat } | null {
  const match = /^(.+)\.(atom|rss)$/.exec(file ?? "");
  return match ? { name: match[1]!, format: match[2] as FeedFormat } : null;
}

type Entry = {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published: Date;
  author: { username: string; displayName: string };
  html: string;
};

type FeedSubject = {
  title: string;
  /** The page the feed follows (absolute). */
  page: string;
  /** The feed's own path, in each format. */
  path: (format: FeedFormat) => string;
  /** When the subject began: the feed's date while it has no entry yet. */
  since: Date;
  entries: Entry[];
};

const EPOCH = new Date(0);

/**
 * A feed as a visitor may read it, or null when its subject does not exist
 * or may not be seen (an unknown category or tag, a hidden or deleted thread).
 */
export function feedFor(db: Db, request: FeedRequest, origin: string = siteUrl()): RenderedFeed | null {
  const { brandName, defaultLanguage } = getSiteSettings(db);
  const t = serverT(defaultLanguage);
  const subject = subjectOf(db, request, origin, { brand: brandName, t });
  if (!subject) return null;
  return renderFeed(subject, request.format, origin, defaultLanguage);
}

type Words = { brand: string; t: ReturnType<typeof serverT> };

function subjectOf(db: Db, request: FeedRequest, origin: string, { brand, t }: Words): FeedSubject | null {
  switch (request.kind) {
    case "questions":
      return {
        title: t("feeds.questions", { brand }),
        page: `${origin}/`,
        path: feedPaths.questions,
        since: EPOCH,
        entries: questionEntries(db, undefined, origin),
      };
    case "category": {
      const category = getCategoryBySlug(db, request.slug);
      if (!category) return null;
      return {
        title: t("feeds.category", { brand, category: category.name }),
        page: `${origin}/c/${encodeURIComponent(category.slug)}`,
        path: (format) => feedPaths.category(category.slug, format),
        since: category.createdAt,
        entries: questionEntries(db, eq(threads.categoryId, category.id), origin),
      };
    }
    case "tag": {
      // Tags are stored in lower case (as the tag page looks them up).
      const tag = getTag(db, request.tag.toLowerCase());
      if (!tag) return null;
      const tagged = db.select({ id: threadTags.threadId }).from(threadTags).where(eq(threadTags.tagId, tag.id));
      return {
        title: t("feeds.tag", { brand, tag: tag.name }),
        page: `${origin}/tags/${encodeURIComponent(tag.name)}`,
        path: (format) => feedPaths.tag(tag.name, format),
        since: tag.createdAt,
        entries: questionEntries(db, inArray(threads.id, tagged), origin),
      };
    }
    case "thread": {
      const thread = findVisibleThread(db, null, request.threadId);
      if (!thread) return null;
      const page = `${origin}${threadPath(thread)}`;
      return {
        title: t("feeds.thread", { brand, title: thread.title }),
        page,
        path: (format) => feedPaths.thread(thread.id, format),
        since: thread.createdAt,
        entries: answerEntries(db, thread, origin, t),
      };
    }
    case "kb":
      return { title: t("feeds.kb", { brand }), page: `${origin}/kb`, path: feedPaths.kb, since: EPOCH, entries: articleEntries(db, origin) };
    case "status":
      return { title: t("feeds.status", { brand }), page: `${origin}/status`, path: feedPaths.status, since: EPOCH, entries: incidentEntries(db, origin) };
  }
}

const authorColumns = { username: users.username, displayName: users.displayName };

/** Questions newest first (threads' (category,) deleted_at, created_at indexes), through the visitor's scope. */
function questionEntries(db: Db, filter: SQL | undefined, origin: string): Entry[] {
  const rows = db
    .select({
      id: threads.id,
      title: threads.title,
      slug: threads.slug,
      createdAt: threads.createdAt,
      editedAt: posts.editedAt,
      bodyHtml: posts.bodyHtml,
      ...authorColumns,
    })
    .from(threads)
    .innerJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.kind, "question")))
    .innerJoin(users, eq(users.id, posts.authorId))
    // The question's post in sight (held for review is hidden too) and its thread: visiblePosts says both.
    .where(and(filter, visiblePosts(PUBLIC_SIGHT)))
    .orderBy(desc(threads.createdAt), desc(threads.id))
    .limit(FEED_ENTRIES)
    .all();
  return rows.map((row) => ({
    id: `${origin}/t/${row.id}`,
    title: row.title,
    link: `${origin}${threadPath(row)}`,
    updated: later(row.createdAt, row.editedAt),
    published: row.createdAt,
    author: row,
    html: row.bodyHtml,
  }));
}

/** A thread's answers newest first (posts' thread_id, kind index), through the visitor's scope. */
function answerEntries(db: Db, thread: { id: number; slug: string; title: string }, origin: string, t: Words["t"]): Entry[] {
  const rows = db
    .select({ id: posts.id, createdAt: posts.createdAt, editedAt: posts.editedAt, bodyHtml: posts.bodyHtml, ...authorColumns })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.threadId, thread.id), eq(posts.kind, "answer"), visiblePosts(PUBLIC_SIGHT)))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(FEED_ENTRIES)
    .all();
  return rows.map((row) => ({
    id: `${origin}/t/${thread.id}#post-${row.id}`,
    title: t("feeds.answer", { author: authorName(row), title: thread.title }),
    link: `${origin}${threadPath(thread)}#post-${row.id}`,
    updated: later(row.createdAt, row.editedAt),
    published: row.createdAt,
    author: row,
    html: row.bodyHtml,
  }));
}

/** Published articles, last changed first (articles' status, updated_at index). */
function articleEntries(db: Db, origin: string): Entry[] {
  const rows = db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      bodyHtml: articles.bodyHtml,
      createdAt: articles.createdAt,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      ...authorColumns,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(visibleArticles(PUBLIC_SIGHT))
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(FEED_ENTRIES)
    .all();
  return rows.map((row) => ({
    // By id: a slug may change with an edit, an entry's id must not.
    id: `${origin}/kb#article-${row.id}`,
    title: row.title,
    link: `${origin}${articlePath(row)}`,
    updated: row.updatedAt,
    published: row.publishedAt ?? row.createdAt,
    author: row,
    html: row.bodyHtml,
  }));
}

/**
 * Status incidents newest first (announcements' kind, created_at index),
 * each with its updates under it, newest first, read in one query. Only
 * kind "status": early-access announcements are never public.
 */
function incidentEntries(db: Db, origin: string): Entry[] {
  const rows = db
    .select({
      id: announcements.id,
      title: announcements.title,
      bodyHtml: announcements.bodyHtml,
      createdAt: announcements.createdAt,
      updatedAt: announcements.updatedAt,
      resolvedAt: announcements.resolvedAt,
      ...authorColumns,
    })
    .from(announcements)
    .innerJoin(users, eq(users.id, announcements.authorId))
    .where(isStatus)
    .orderBy(desc(announcements.createdAt), desc(announcements.id))
    .limit(FEED_ENTRIES)
    .all();
  const updates = new Map<number, string[]>();
  if (rows.length) {
    const updateRows = db
      .select({ announcementId: announcementUpdates.announcementId, createdAt: announcementUpdates.createdAt, bodyHtml: announcementUpdates.bodyHtml })
      .from(announcementUpdates)
      .where(inArray(announcementUpdates.announcementId, rows.map((row) => row.id)))
      .orderBy(desc(announcementUpdates.createdAt), desc(announcementUpdates.id))
      .all();
    for (const update of updateRows) {
      const list = updates.get(update.announcementId) ?? [];
      list.push(`<hr><p><time datetime="${update.createdAt.toISOString()}">${update.createdAt.toISOString()}</time></p>${update.bodyHtml}`);
      updates.set(update.announcementId, list);
    }
  }
  return rows.map((row) => ({
    id: `${origin}/status/${row.id}`,
    title: row.title,
    link: `${origin}/status/${row.id}`,
    updated: later(row.createdAt, row.updatedAt, row.resolvedAt),
    published: row.createdAt,
    author: row,
    html: row.bodyHtml + (updates.get(row.id) ?? []).join(""),
  }));
}

function later(...dates: (Date | null)[]): Date {
  return new Date(Math.max(...dates.map((date) => date?.getTime() ?? 0)));
}

/** A deleted account's row is anonymised: feeds are not translated, so its marker name is what they show. */
function authorName(author: { username: string; displayName: string }): string {
  return isFormerMember(author) ? FORMER_MEMBER_NAME : author.displayName;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * An entry's title as the HTML the feed library declares it to be (Atom
 * type="html", and readers take RSS titles as HTML too): a title is plain
 * text, so its markup characters are escaped, or "<script>" in a title would
 * run in a reader. The escaping also leaves no "]]>" to end the CDATA early.
 */
function titleAsHtml(title: string): string {
  return title.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Stored HTML, safe inside CDATA: xml-js (under feed) splits only the first
 * "]]>" of a section, so every one is written "]]&gt;", which HTML reads the same.
 */
function htmlForCdata(html: string): string {
  return html.replaceAll("]]>", "]]&gt;");
}

function renderFeed(subject: FeedSubject, format: FeedFormat, origin: string, language: string): RenderedFeed {
  // The feed's date is its newest entry's (never "now"), so the same content
  // gives the same bytes and the same ETag.
  const updated = subject.entries.reduce((newest, entry) => (entry.updated > newest ? entry.updated : newest), subject.since);
  const feed = new Feed({
    // The feed's own address names it: a page's address may change with a title, the feed's does not.
    id: `${origin}${subject.path("atom")}`,
    title: subject.title,
    description: subject.title,
    link: subject.page,
    updated,
    language,
    generator: "Entraide",
    feedLinks: { atom: `${origin}${subject.path("atom")}`, rss: `${origin}${subject.path("rss")}` },
  });
  for (const entry of subject.entries) {
    feed.addItem({
      id: entry.id,
      title: titleAsHtml(entry.title),
      link: entry.link,
      date: entry.updated,
      published: entry.published,
      author: [{ name: authorName(entry.author) }],
      content: htmlForCdata(entry.html),
    });
  }
  const body = format === "atom" ? feed.atom1() : feed.rss2();
  // Weak: the edge may compress the body, and the validator names the content, not its bytes on the wire.
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, contentType: FEED_CONTENT_TYPES[format], etag, lastModified: updated };
}
