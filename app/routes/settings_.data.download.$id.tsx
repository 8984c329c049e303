// The file of one data export: its owner's, or an admin's export of a member
// for admins. Anyone else gets a 404 (the same as for an id that does not
// exist); a visitor is sent to sign in.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { exportIdSchema } from "~/forms/data";
import { dataExportDownload } from "~/models/accounts/data-export.server";
import { refusedWith } from "~/i18n/message";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const id = exportIdSchema.safeParse(params.id);
  if (!id.success) throw refusedWith(404, "accountsServer.data.noSuchDownload");
  const file = dataExportDownload(context.db, user, id.data);
  return new Response(file.content, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      // Personal data: never kept by a shared cache, nor by the browser's.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
