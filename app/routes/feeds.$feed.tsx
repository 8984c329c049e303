import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/http/feed-response.server";
import { feedFor, parseFeedName, SITE_FEEDS } from "~/models/site/feeds.server";

// The site-wide feeds: /feeds/questions, /feeds/kb, /feeds/status (.atom or .rss).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const asked = parseFeedName(params.feed);
  const kind = SITE_FEEDS.find((name) => name === asked?.name);
  return feedResponse(request, asked && kind ? feedFor(context.db, { kind, format: asked.format }) : null);
}
