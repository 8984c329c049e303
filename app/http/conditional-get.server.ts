// The answer to a GET of a generated document (feeds, sitemaps, robots.txt):
// the document with its validators, or a 304 when the client already has it.
// Validators are checked with `fresh`, as the edge does for cached pages.
import fresh from "fresh";

/** Crawlers come back often; a few minutes' staleness is harmless, and any cache may share it (it is the public's view). */
export const DOCUMENT_CACHE_CONTROL = "public, max-age=600";

export type ConditionalDocument = { body: string; etag: string; lastModified: Date | null };

export function conditionalResponse(request: Request, document: ConditionalDocument, contentType: string, cacheControl = DOCUMENT_CACHE_CONTROL): Response {
  const headers: Record<string, string> = { "Content-Type": contentType, ETag: document.etag, "Cache-Control": cacheControl };
  if (document.lastModified) headers["Last-Modified"] = document.lastModified.toUTCString();
  const asked = {
    "if-none-match": request.headers.get("If-None-Match") ?? undefined,
    "if-modified-since": request.headers.get("If-Modified-Since") ?? undefined,
    "cache-control": request.headers.get("Cache-Control") ?? undefined,
  };
  if (fresh(asked, { etag: document.etag, "last-modified": headers["Last-Modified"] })) return new Response(null, { status: 304, headers });
  return new Response(document.body, { headers });
}

export function notFoundText(message: string): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
