import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { openedNotificationPath } from "~/models/notify/notifications-page.server";
import { refusedWith } from "~/i18n/message";

// Opening a notification marks it read and goes where it points. A link, not a
// form, so it works from the list without JavaScript; it only ever touches the
// signed-in user's own notification.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const id = Number(params.id);
  const path = Number.isSafeInteger(id) && id > 0 ? openedNotificationPath(context.db, user, id) : null;
  if (!path) throw refusedWith(404, "forumServer.notFound.notification");
  return redirect(path);
}
