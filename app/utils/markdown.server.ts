// Markdown is rendered once, when a post is written or edited: marked turns
// it into HTML, then an allowlist sanitizer keeps only what is safe. The
// result is stored beside the source and served as is.
import { Marked, type TokenizerAndRendererExtension } from "marked";
import sanitizeHtml from "sanitize-html";

const LINK_REL = "nofollow ugc noopener";
const MENTION = /(^|[^A-Za-z0-9_@/-])@([A-Za-z0-9_-]{3,30})/g;

/** The @names a text mentions (lower-cased, unique), to look up in one query. */
export function mentionedNames(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(MENTION)) names.add(match[2]!.toLowerCase());
  return [...names];
}

function mentionExtension(known: Map<string, string>): TokenizerAndRendererExtension {
  return {
    name: "mention",
    level: "inline",
    start(src) {
      MENTION.lastIndex = 0;
      const match = MENTION.exec(src);
      return match ? match.index + match[1]!.length : undefined;
    },
    tokenizer(src) {
      // Inside a link's text a mention would nest a link in a link.
      if (this.lexer.state.inLink) return undefined;
      const match = /^@([A-Za-z0-9_-]{3,30})/.exec(src);
      const username = match ? known.get(match[1]!.toLowerCase()) : undefined;
      if (!match || !username) return undefined;
      return { type: "mention", raw: match[0], username };
    },
    renderer(token) {
      const username = String(token.username);
      return `<a href="/u/${encodeURIComponent(username)}" class="mention">@${username}</a>`;
    },
  };
}

function markedFor(known: Map<string, string>) {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  if (known.size) marked.use({ extensions: [mentionExtension(known)] });
  return marked;
}

const addRel: sanitizeHtml.Transformer = (tagName, attribs) => ({
  tagName,
  attribs: { ...attribs, rel: LINK_REL },
});

// Images load from http(s) addresses only: never data:, never a path on this site.
const onlyAbsoluteImages: sanitizeHtml.Transformer = (tagName, attribs) => {
  const { src, ...rest } = attribs;
  return { tagName, attribs: src && /^https?:\/\//i.test(src.trim()) ? { ...rest, src } : rest };
};

const BLOCK_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "s",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "kbd",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "class"],
    img: ["src", "alt", "title"],
    code: ["class"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  allowedClasses: { a: ["mention"], code: [/^language-[A-Za-z0-9_+-]{1,30}$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Users' top-level headings would compete with the page's own.
  transformTags: { a: addRel, img: onlyAbsoluteImages, h1: "h3", h2: "h4" },
  // An image left without a source (it was not http or https) is dropped.
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
};

const INLINE_OPTIONS: sanitizeHtml.IOptions = {
  ...BLOCK_OPTIONS,
  allowedTags: ["a", "code", "em", "strong", "del", "s"],
  allowedAttributes: { a: ["href", "title", "rel", "class"] },
};

export type RenderOptions = {
  /** Maps lower-cased usernames that exist to their spelling; others stay plain text. */
  knownUsers?: Map<string, string>;
};

/** Full markdown (questions, answers, articles) to safe HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const html = markedFor(options.knownUsers ?? new Map()).parse(source) as string;
  return sanitizeHtml(html, BLOCK_OPTIONS);
}

/** Inline markdown only (comments): emphasis, code, links and mentions. */
export function renderInlineMarkdown(source: string, options: RenderOptions = {}): string {
  const html = markedFor(options.knownUsers ?? new Map()).parseInline(source) as string;
  return sanitizeHtml(html, INLINE_OPTIONS);
}

/** The plain text of stored HTML: what a search indexes and an excerpt shows. */
export function htmlToText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|li|h\d|pre|blockquote|tr)>|<br\s*\/?>/g, " "), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Plain text of stored HTML, shortened, for excerpts and page descriptions. */
export function excerpt(html: string, max = 200): string {
  const text = htmlToText(html);
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
