import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/http/feed-response.server";
import { feedFor, parseFeedName } from "~/models/site/feeds.server";

// A category's questions: /feeds/c/<slug>.atom or .rss.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const asked = parseFeedName(params.feed);
  return feedResponse(request, asked && feedFor(context.db, { kind: "category", slug: asked.name, format: asked.format }));
}
