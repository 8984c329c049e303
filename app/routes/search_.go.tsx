import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { SEARCH_KINDS } from "../../db/enums";
import { recordSearchClick } from "~/models/search/search-log.server";
import { refusedWith } from "~/i18n/message";

// A search result's link: counts the click in the search log, then goes to
// the result. Only our own results are reachable from here, never another site.
const goSchema = z.object({
  log: z.coerce.number().int().positive().optional().catch(undefined),
  type: z.enum(SEARCH_KINDS),
  id: z.coerce.number().int().positive(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = goSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw refusedWith(400, "contentServer.search.incompleteLink");
  const path = recordSearchClick(context.db, parsed.data.log ?? null, parsed.data.type, parsed.data.id);
  if (!path) throw refusedWith(404, "contentServer.search.gone");
  return redirect(path);
}
