import type { LoaderFunctionArgs } from "@remix-run/node";
import { CATALOGUES, catalogueVersion } from "~/i18n/i18n.server";
import { isLanguage } from "~/i18n/languages";

// A language's message catalogue, fetched by the browser before it hydrates
// a page. Asked for with its version, it never changes: kept for a year.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = params.language;
  if (!isLanguage(language)) throw new Response("No such language.", { status: 404 });
  const current = new URL(request.url).searchParams.get("v") === catalogueVersion(language);
  return new Response(JSON.stringify(CATALOGUES[language]), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
    },
  });
}
