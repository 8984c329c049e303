// The answer to a feed's GET: the feed with its validators, a 304 when the
// reader already has it (conditional-get.server.ts), a 404 when there is no
// such feed. Shared by the feed routes (app/routes/feeds.*.tsx).
import type { RenderedFeed } from "../models/site/feeds.server";
import { conditionalResponse } from "./conditional-get.server";

/** Readers poll; a few minutes' staleness is what a feed reader expects, and a proxy may share it (it is the public's view). */
export const FEED_CACHE_CONTROL = "public, max-age=300";

export function feedResponse(request: Request, feed: RenderedFeed | null): Response {
  // A feed reader reads the status, not a page: no body to translate.
  if (!feed) return new Response(null, { status: 404 });
  return conditionalResponse(request, { body: feed.body, etag: feed.etag, lastModified: feed.lastModified }, feed.contentType, FEED_CACHE_CONTROL);
}
