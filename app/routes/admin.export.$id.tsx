// The file of one full export, streamed to an admin (and recorded in the
// audit log). Anyone else is refused; an export that is not ready or gone is a 404.
import { createReadStream } from "node:fs";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { refusedWith } from "~/i18n/message";
import { siteExportDownload } from "~/models/portability/site-export-jobs.server";
import { assertCan } from "~/policy.server";

const exportId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.export");
  const id = /^\d+$/.test(params.id ?? "") ? exportId.safeParse(params.id) : null;
  if (!id?.success) throw refusedWith(404, "siteExport.errors.noSuchDownload");
  const file = siteExportDownload(context.db, user, id.data);
  return new Response(createReadableStreamFromReadable(createReadStream(file.path)), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Length": String(file.bytes),
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      // The whole community, perhaps with its secrets: never kept by a cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
