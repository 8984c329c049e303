// The feeds' addresses (app/routes/feeds.*.tsx), shared by the server (a
// feed's own links) and the pages' <link rel="alternate"> (so not .server).

export const FEED_FORMATS = ["atom", "rss"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = { atom: "application/atom+xml", rss: "application/rss+xml" };

export const feedPaths = {
  questions: (format: FeedFormat) => `/feeds/questions.${format}`,
  category: (slug: string, format: FeedFormat) => `/feeds/c/${encodeURIComponent(slug)}.${format}`,
  tag: (tag: string, format: FeedFormat) => `/feeds/tags/${encodeURIComponent(tag)}.${format}`,
  thread: (threadId: number, format: FeedFormat) => `/feeds/t/${threadId}.${format}`,
  kb: (format: FeedFormat) => `/feeds/kb.${format}`,
  status: (format: FeedFormat) => `/feeds/status.${format}`,
};

/** A format's own name, the links' title when a page gives none (a name, not a word to translate). */
const FORMAT_NAMES: Record<FeedFormat, string> = { atom: "Atom", rss: "RSS" };

/**
 * A page's pair of <link rel="alternate"> for its feed (Atom first, the
 * format readers prefer), for a route's `links` export (static pages).
 */
export function feedLinks(path: (format: FeedFormat) => string, title?: string) {
  return FEED_FORMATS.map((format) => ({ rel: "alternate", type: FEED_MEDIA_TYPES[format], href: path(format), title: title ?? FORMAT_NAMES[format] }));
}

/** The same pair as `meta` descriptors, for pages whose feed depends on their data (a category, a tag, a thread). */
export function feedAlternates(path: (format: FeedFormat) => string, title?: string) {
  return feedLinks(path, title).map((link) => ({ tagName: "link" as const, ...link }));
}
