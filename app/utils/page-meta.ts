// What a public page tells search engines and link previews: its canonical
// address, Open Graph and Twitter card tags, and (threads, articles) its
// structured data. Shared by the pages' `meta` exports (so not .server) and
// the server module that builds a thread's or an article's
// (app/models/site/page-meta.server.ts), which sends a thread's and an
// article's tags ready made: the thread page's script needs none of this.
import type { MetaDescriptor } from "@remix-run/node";

type Matches = readonly { id: string; data: unknown; meta?: MetaDescriptor[] }[] | undefined;

/** A public page as search engines and previews see it. */
export type PublicPage = {
  /** The canonical address, absolute. */
  url: string;
  title: string;
  /** Plain text. */
  description: string;
  type: "website" | "article";
  /** schema.org data (a QAPage, an Article): Remix escapes `<`, `>` and `&` in it when it writes the script. */
  jsonLd?: Record<string, unknown>;
};

/** The query values that name what a page lists; null, undefined and "" are left out. */
export type CanonicalQuery = Record<string, string | number | null | undefined>;

function rootData(matches: Matches) {
  return matches?.find((match) => match.id === "root")?.data as { origin?: string; site?: { brandName?: string } } | undefined;
}

/** An absolute address: the origin, the path, and the query's values in the order given. */
export function canonicalUrl(origin: string, path: string, query: CanonicalQuery = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return `${origin}${path}${text ? `?${text}` : ""}`;
}

/** A value unless it is the default one (a canonical address leaves defaults out). */
export function unlessDefault<T extends string | number>(value: T, fallback: T): T | null {
  return value === fallback ? null : value;
}

/** Plain text cut to `max` characters at most, whitespace folded, an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const folded = text.replace(/\s+/g, " ").trim();
  if (folded.length <= max) return folded;
  // Never half of a character outside the BMP (an emoji).
  const end = /[\ud800-\udbff]/.test(folded[max - 2] ?? "") ? max - 2 : max - 1;
  return `${folded.slice(0, end).trimEnd()}…`;
}

/**
 * The canonical link, Open Graph and Twitter card tags (and structured data)
 * of a public page, under the brand's name (in the reader's language).
 */
export function publicPageTags(page: PublicPage, brand: string | undefined): MetaDescriptor[] {
  return [
    { tagName: "link", rel: "canonical", href: page.url },
    ...(brand ? [{ property: "og:site_name", content: brand }] : []),
    { property: "og:type", content: page.type },
    { property: "og:title", content: page.title },
    ...(page.description ? [{ property: "og:description", content: page.description }] : []),
    { property: "og:url", content: page.url },
    { name: "twitter:card", content: "summary" },
    ...(page.jsonLd ? [{ "script:ld+json": page.jsonLd }] : []),
  ];
}

/**
 * A list or directory page's meta: its own (title, description) followed by
 * the public page's tags, built from those and its address on the site's
 * origin (root's data).
 */
export function withPageMeta(matches: Matches, own: MetaDescriptor[], path: string, query?: CanonicalQuery): MetaDescriptor[] {
  const root = rootData(matches);
  if (!root?.origin) return own;
  let title = "";
  let description = "";
  for (const tag of own) {
    // A <link> may have a title too (a feed's): the page's is the one without a tag name.
    if ("title" in tag && !("tagName" in tag)) title = String(tag.title);
    else if ("name" in tag && tag.name === "description") description = String(tag.content ?? "");
  }
  return [...own, ...publicPageTags({ url: canonicalUrl(root.origin, path, query), title, description, type: "website" }, root.site?.brandName)];
}

/** Root's own meta (the site's title and description), for a page that keeps it and adds its own tags. */
export function rootMeta(matches: Matches): MetaDescriptor[] {
  return matches?.find((match) => match.id === "root")?.meta ?? [];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * The plain text of stored, sanitised HTML (the allowlist left no script or
 * comment to hide text in): tags become spaces, entities characters.
 * Cheaper than a parser, for the thread page's every answer.
 */
export function htmlText(html: string, max: number): string {
  // A long post is read only as far as its first words need (markup rarely
  // takes two thirds of it); a tag, an entity or a character cut at the end is dropped.
  const head = html.length > max * 3 ? `${html.slice(0, max * 3).replace(/<[^>]*$|&[#\w]*$|[\ud800-\udbff]$/, "")} …` : html;
  const text = head
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    });
  return shorten(text, max);
}
