import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { insightsCsv } from "~/models/insights/insights-csv.server";

// /mod/insights.csv?table=summary|weekly|contributors|rising&period=&from=&to=&category=
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const result = insightsCsv(context.db, user, Object.fromEntries(new URL(request.url).searchParams));
  if (!result.ok) return new Response(result.errors.join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(result.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
