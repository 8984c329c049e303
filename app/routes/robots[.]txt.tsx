import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalResponse } from "~/http/conditional-get.server";
import { robotsTxt } from "~/models/site/sitemap.server";

// /robots.txt: what crawlers may read, and where the sitemap is.
export async function loader({ request }: LoaderFunctionArgs) {
  return conditionalResponse(request, robotsTxt(), "text/plain; charset=utf-8");
}
