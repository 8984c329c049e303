// The sitemaps and robots.txt that search engines read: /sitemap.xml is an
// index of child sitemaps (/sitemaps/<section>-<n>.xml), each of at most
// 50,000 addresses with their last change.
//
// A sitemap is what a visitor may see, whoever fetches it (crawlers carry no
// session, and the answer is cached publicly), so every read here uses the
// public's sight of app/models/visibility.server.ts: no deleted, hidden or
// held thread, no draft or archived article, no early-access announcement
// (only status incidents are listed; they are public).
//
// Threads, articles, tags and incidents are paged by id ranges: child n of a
// section holds the rows with ids in ((n-1)·limit, n·limit], so a child is one
// primary-key range read (never an OFFSET), holds at most `limit` addresses,
// and keeps its number while rows come and go. A range with nothing visible
// in it is left out of the index and answers 404 like any number past the end.
import { createHash } from "node:crypto";
import { and, asc, between, desc, eq, max, sql, type SQL } from "drizzle-orm";
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise } from "sitemap";
import type { Db } from "../../../db/client";
import { announcements, articles, categories, tags, threadTags, threads } from "../../../db/schema";
import { isStatus } from "../moderation/incident.server";
import { siteUrl } from "../notify/notification-email.server";
import { hiddenQuestionThreadIds, liveThreads, PUBLIC_SIGHT, threadNotHidden, visibleArticles, visibleThreads } from "../visibility.server";

/** The most addresses one sitemap may hold (sitemaps.org). */
export const SITEMAP_URL_LIMIT = 50_000;

export const SITEMAP_SECTIONS = ["pages", "threads", "articles", "tags", "status"] as const;
export type SitemapSection = (typeof SITEMAP_SECTIONS)[number];

export type SitemapOptions = {
  /** The site's origin for absolute addresses (PUBLIC_URL's by default). */
  origin?: string;
  /** Addresses per child sitemap; smaller in tests. */
  limit?: number;
};

export type RenderedDocument = { body: string; etag: string; lastModified: Date | null };

type Entry = { path: string; lastmod: Date | null };
type Child = { section: SitemapSection; page: number; lastmod: Date | null };

/** "threads-3.xml" → { section: "threads", page: 3 }; null for any other name. */
export function parseSitemapName(name: string | undefined): { section: SitemapSection; page: number } | null {
  const match = /^([a-z]+)-([1-9]\d{0,8})\.xml$/.exec(name ?? "");
  const section = SITEMAP_SECTIONS.find((s) => s === match?.[1]);
  return match && section ? { section, page: Number(match[2]) } : null;
}

export function sitemapPath(child: { section: SitemapSection; page: number }) {
  return `/sitemaps/${child.section}-${child.page}.xml`;
}

function limitOf(options: SitemapOptions): number {
  const limit = options.limit ?? SITEMAP_URL_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > SITEMAP_URL_LIMIT) throw new Error(`A sitemap holds 1 to ${SITEMAP_URL_LIMIT} addresses, not ${limit}.`);
  return limit;
}

/** The index of child sitemaps: every child with something in it, with its newest change. */
export async function sitemapIndex(db: Db, options: SitemapOptions = {}): Promise<RenderedDocument> {
  const origin = options.origin ?? siteUrl();
  const limit = limitOf(options);
  const children: Child[] = [
    ...chunk(pageEntries(db), limit).map((entries, i) => ({ section: "pages" as const, page: i + 1, lastmod: newest(entries) })),
    ...rangePages(db, "threads", limit),
    ...rangePages(db, "articles", limit),
    ...rangePages(db, "tags", limit),
    ...rangePages(db, "status", limit),
  ];
  const stream = new SitemapIndexStream({ level: ErrorLevel.THROW });
  for (const child of children) stream.write({ url: `${origin}${sitemapPath(child)}`, ...(child.lastmod ? { lastmod: child.lastmod.toISOString() } : {}) });
  stream.end();
  return rendered((await streamToPromise(stream)).toString("utf8"), newest(children));
}

/** One child sitemap, or null when the name is not one of the index's children. */
export async function childSitemap(db: Db, name: string | undefined, options: SitemapOptions = {}): Promise<RenderedDocument | null> {
  const asked = parseSitemapName(name);
  if (!asked) return null;
  const origin = options.origin ?? siteUrl();
  const limit = limitOf(options);
  const entries =
    asked.section === "pages" ? (chunk(pageEntries(db), limit)[asked.page - 1] ?? []) : rangeEntries(db, asked.section, (asked.page - 1) * limit + 1, asked.page * limit);
  if (!entries.length) return null;
  // Plain addresses: none of the image, video, news or hreflang namespaces.
  const stream = new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: false, video: false, image: false, xhtml: false } });
  for (const entry of entries) stream.write({ url: `${origin}${entry.path}`, ...(entry.lastmod ? { lastmod: entry.lastmod.toISOString() } : {}) });
  stream.end();
  return rendered((await streamToPromise(stream)).toString("utf8"), newest(entries));
}

/** What robots may crawl: everything public; not staff, personal, form or machine addresses (the API but its docs). */
export const ROBOTS_DISALLOWED = [
  "/mod",
  "/admin",
  "/settings",
  "/search",
  "/api",
  "/notifications",
  "/ask",
  "/login",
  "/join",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/auth",
  "/preview",
  "/watch",
  "/language",
  "/i18n",
];

export function robotsTxt(origin: string = siteUrl()): RenderedDocument {
  // The longest matching rule wins (RFC 9309), so "Allow: /api/docs" beats "Disallow: /api".
  const lines = ["User-agent: *", "Allow: /", "Allow: /api/docs", ...ROBOTS_DISALLOWED.map((path) => `Disallow: ${path}`), "", `Sitemap: ${origin}/sitemap.xml`, ""];
  return rendered(lines.join("\n"), null);
}

function rendered(body: string, lastModified: Date | null): RenderedDocument {
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`, lastModified };
}

function newest(items: { lastmod: Date | null }[]): Date | null {
  let result: Date | null = null;
  for (const { lastmod } of items) if (lastmod && (!result || lastmod > result)) result = lastmod;
  return result;
}

function chunk<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const segment = encodeURIComponent;

/** Timestamps read through raw SQL (scalar subqueries) arrive as milliseconds. */
const toDate = (value: number | null) => (value === null ? null : new Date(Number(value)));

/**
 * The site's own pages and the categories (few: read whole), each with the
 * newest change under it. Leaderboard and badges change with every vote:
 * no date.
 */
function pageEntries(db: Db): Entry[] {
  const hidden = hiddenQuestionThreadIds(db);
  // The list's form of the public's sight (liveThreads, threadNotHidden): it walks the (category,) deleted_at, last_activity_at indexes newest first.
  const newestThread = (filter?: SQL) =>
    db
      .select({ at: threads.lastActivityAt })
      .from(threads)
      .where(and(filter, liveThreads(), threadNotHidden(hidden)))
      .orderBy(desc(threads.lastActivityAt))
      .limit(1);
  const home = newestThread().get()?.at ?? null;
  const kb = db.select({ at: max(articles.updatedAt) }).from(articles).where(visibleArticles(PUBLIC_SIGHT)).get()?.at ?? null;
  const status = toDate(db.select({ at: sql<number | null>`max(coalesce(${announcements.updatedAt}, ${announcements.createdAt}))` }).from(announcements).where(isStatus).get()?.at ?? null);
  const categoryRows = db
    .select({ slug: categories.slug, at: sql<number | null>`(${newestThread(eq(threads.categoryId, categories.id))})` })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id))
    .all();
  return [
    { path: "/", lastmod: home },
    { path: "/kb", lastmod: kb },
    { path: "/leaderboard", lastmod: null },
    { path: "/badges", lastmod: null },
    { path: "/status", lastmod: status },
    ...categoryRows.map((row) => ({ path: `/c/${segment(row.slug)}`, lastmod: toDate(row.at) })),
  ];
}

type RangeSection = Exclude<SitemapSection, "pages">;

/** A row's page in its section: (id - 1) / limit, the limit written as a literal so GROUP BY sees one expression. */
const pageOf = (id: SQL | typeof threads.id, limit: number) => sql<number>`(${id} - 1) / ${sql.raw(String(limit))}`;

/** The section's non-empty id ranges, each with its newest change: one grouped query. */
function rangePages(db: Db, section: RangeSection, limit: number): Child[] {
  let rows: { page: number; at: number | null }[];
  switch (section) {
    case "threads": {
      const page = pageOf(sql`${threads.id}`, limit);
      rows = db
        .select({ page, at: sql<number | null>`max(${threads.lastActivityAt})` })
        .from(threads)
        .where(and(liveThreads(), threadNotHidden(hiddenQuestionThreadIds(db))))
        .groupBy(page)
        .all();
      break;
    }
    case "articles": {
      const page = pageOf(sql`${articles.id}`, limit);
      rows = db.select({ page, at: sql<number | null>`max(${articles.updatedAt})` }).from(articles).where(visibleArticles(PUBLIC_SIGHT)).groupBy(page).all();
      break;
    }
    case "tags": {
      const page = pageOf(sql`${threadTags.tagId}`, limit);
      rows = db
        .select({ page, at: sql<number | null>`max(${threads.lastActivityAt})` })
        .from(threadTags)
        .innerJoin(threads, eq(threads.id, threadTags.threadId))
        .where(and(liveThreads(), threadNotHidden(hiddenQuestionThreadIds(db))))
        .groupBy(page)
        .all();
      break;
    }
    case "status": {
      const page = pageOf(sql`${announcements.id}`, limit);
      rows = db
        .select({ page, at: sql<number | null>`max(coalesce(${announcements.updatedAt}, ${announcements.createdAt}))` })
        .from(announcements)
        .where(isStatus)
        .groupBy(page)
        .all();
      break;
    }
  }
  return rows.sort((a, b) => a.page - b.page).map((row) => ({ section, page: row.page + 1, lastmod: toDate(row.at) }));
}

/** The addresses of one id range of a section, in id order: a primary-key range read. */
function rangeEntries(db: Db, section: RangeSection, from: number, to: number): Entry[] {
  switch (section) {
    case "threads":
      return db
        .select({ id: threads.id, slug: threads.slug, lastmod: threads.lastActivityAt })
        .from(threads)
        .where(and(between(threads.id, from, to), visibleThreads(PUBLIC_SIGHT)))
        .orderBy(asc(threads.id))
        .all()
        .map((row) => ({ path: `/t/${row.id}/${segment(row.slug)}`, lastmod: row.lastmod }));
    case "articles":
      return db
        .select({ slug: articles.slug, lastmod: articles.updatedAt })
        .from(articles)
        .where(and(between(articles.id, from, to), visibleArticles(PUBLIC_SIGHT)))
        .orderBy(asc(articles.id))
        .all()
        .map((row) => ({ path: `/kb/${segment(row.slug)}`, lastmod: row.lastmod }));
    case "tags":
      // A tag is listed while one visible thread carries it; its date is that thread's newest activity.
      return db
        .select({ name: tags.name, at: sql<number | null>`max(${threads.lastActivityAt})` })
        .from(tags)
        .innerJoin(threadTags, eq(threadTags.tagId, tags.id))
        .innerJoin(threads, eq(threads.id, threadTags.threadId))
        .where(and(between(tags.id, from, to), visibleThreads(PUBLIC_SIGHT)))
        .groupBy(tags.id)
        .orderBy(asc(tags.id))
        .all()
        .map((row) => ({ path: `/tags/${segment(row.name)}`, lastmod: toDate(row.at) }));
    case "status":
      return db
        .select({ id: announcements.id, at: sql<number>`coalesce(${announcements.updatedAt}, ${announcements.createdAt})` })
        .from(announcements)
        .where(and(between(announcements.id, from, to), isStatus))
        .orderBy(asc(announcements.id))
        .all()
        .map((row) => ({ path: `/status/${row.id}`, lastmod: toDate(row.at) }));
  }
}
