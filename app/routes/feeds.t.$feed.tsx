import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/http/feed-response.server";
import { feedFor, parseFeedName } from "~/models/site/feeds.server";

// A thread's answers: /feeds/t/<id>.atom or .rss (404 for a thread a visitor may not see).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const asked = parseFeedName(params.feed);
  const threadId = asked && /^\d{1,12}$/.test(asked.name) ? Number(asked.name) : null;
  return feedResponse(request, asked && threadId ? feedFor(context.db, { kind: "thread", threadId, format: asked.format }) : null);
}
