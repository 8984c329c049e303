import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalResponse } from "~/http/conditional-get.server";
import { sitemapIndex } from "~/models/site/sitemap.server";

// /sitemap.xml: the index of the child sitemaps (app/models/site/sitemap.server.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  return conditionalResponse(request, await sitemapIndex(context.db), "application/xml; charset=utf-8");
}
