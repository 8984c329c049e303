// The anonymous page cache: a visitor's GET of a public page is the same for
// every visitor, so it is rendered once and served from memory until
// something a visitor can see changes. What "changes" means is kept by the
// database itself (the page_version row, bumped by triggers in the writing
// transaction), so every process sees a write at once; a short time to live
// is only a safety net.
import { createHash } from "node:crypto";
import etag from "etag";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { SESSION_COOKIE } from "../auth/session.server";
import { pageVersionOf } from "../models/site/page-version.server";
import { compress, type Encoding } from "./compression.server";

/** Cookies that make a page one person's: a request carrying one is never served from, or stored in, the cache. */
const PERSONAL_COOKIES = new Set([SESSION_COOKIE, "kb_visitor"]);

/** Response headers that belong to one response, not to the page. */
const PER_RESPONSE_HEADERS = new Set(["set-cookie", "date", "content-length", "content-encoding", "cache-control", "etag", "content-security-policy", "vary"]);

export type CachedPage = {
  version: number;
  status: number;
  headers: [string, string][];
  /** The page without any nonce: its inline scripts are allowed by their hashes instead. */
  body: Buffer;
  etag: string;
  /** The CSP script-src sources for this page's inline scripts ('sha256-…'). */
  scriptSources: string;
  /** Compressed copies, made the first time an encoding is asked for. */
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Every header it is sent with, made when it is first sent (see app/http.server.ts). */
  sendHeaders?: Record<string, string | string[]>;
};

export type PageCacheOptions = {
  /** How many bytes of pages (and their compressed copies) to keep. */
  maxBytes?: number;
  ttlMs?: number;
};

export function cookieNames(cookieHeader: string | undefined): string[] {
  if (!cookieHeader) return [];
  return cookieHeader.split(";").map((pair) => pair.split("=")[0]!.trim());
}

/** Whether a request may be answered from the cache: a visitor's GET or HEAD of a page. */
export function isCacheableRequest(method: string, cookieHeader: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  return !cookieNames(cookieHeader).some((name) => PERSONAL_COOKIES.has(name));
}

/** Whether a response may be kept for every visitor. */
export function isCacheableResponse(response: Response): boolean {
  if (response.status !== 200 || response.headers.has("set-cookie")) return false;
  const cacheControl = response.headers.get("cache-control") ?? "";
  if (/\b(private|no-store|no-cache)\b/i.test(cacheControl)) return false;
  const type = response.headers.get("content-type") ?? "";
  return type.startsWith("text/html") || type.startsWith("application/json");
}

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP hash sources of a page's inline scripts. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    hashes.add(`'sha256-${createHash("sha256").update(match[1]!, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

export function createPageCache(db: Db, { maxBytes = 64 * 1024 * 1024, ttlMs = 30_000 }: PageCacheOptions = {}) {
  const entries = new LRUCache<string, CachedPage>({
    maxSize: maxBytes,
    ttl: ttlMs,
    sizeCalculation: (page) => page.body.length + Object.values(page.encoded).reduce((n, b) => n + b.length, 0) + 512,
  });

  function currentVersion(): number {
    return pageVersionOf(db.$client);
  }

  return {
    currentVersion,

    /** The fresh page for this key, if there is one. */
    get(key: string): CachedPage | undefined {
      const page = entries.get(key);
      if (!page) return undefined;
      if (page.version !== currentVersion()) {
        entries.delete(key);
        return undefined;
      }
      return page;
    },

    /**
     * Keeps a rendered page, read at `version` (the version before it was
     * rendered: a write during the render makes it stale at once, never the
     * reverse). The nonce of the response it was rendered for is removed.
     */
    store(key: string, version: number, response: { status: number; headers: Headers; body: Buffer }, nonce: string): CachedPage {
      let text = response.body.toString("utf8");
      const isHtml = (response.headers.get("content-type") ?? "").startsWith("text/html");
      if (isHtml && nonce) text = text.replaceAll(` nonce="${nonce}"`, "");
      const body = Buffer.from(text, "utf8");
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (!PER_RESPONSE_HEADERS.has(name.toLowerCase())) headers.push([name, value]);
      });
      const page: CachedPage = {
        version,
        status: response.status,
        headers,
        body,
        etag: etag(body),
        scriptSources: isHtml ? inlineScriptHashes(text).join(" ") : "",
        encoded: {},
      };
      entries.set(key, page);
      return page;
    },

    /** The page's body in an encoding, compressed once and kept. */
    encodedBody(key: string, page: CachedPage, encoding: Encoding): Buffer {
      if (encoding === "identity") return page.body;
      let body = page.encoded[encoding];
      if (!body) {
        body = compress(page.body, encoding, "once");
        page.encoded[encoding] = body;
        // Its size has grown: tell the cache (if it still holds this page).
        if (entries.peek(key) === page) entries.set(key, page, { noUpdateTTL: true });
      }
      return body;
    },

    clear() {
      entries.clear();
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
