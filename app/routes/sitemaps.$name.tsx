import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalResponse, notFoundText } from "~/http/conditional-get.server";
import { childSitemap } from "~/models/site/sitemap.server";

// /sitemaps/<section>-<n>.xml: one child sitemap; a name the index does not list is a 404.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const sitemap = await childSitemap(context.db, params.name);
  return sitemap ? conditionalResponse(request, sitemap, "application/xml; charset=utf-8") : notFoundText("No such sitemap.");
}
