import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { openNotification } from "~/models/notify/notification.server";
import { getSiteSettings } from "~/models/site/settings.server";
import { describeNotification } from "~/utils/notification-text";

// Opening a notification marks it read and goes where it points. A link, not a
// form, so it works from the list without JavaScript; it only ever touches the
// signed-in user's own notification.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const id = Number(params.id);
  const notification = Number.isSafeInteger(id) && id > 0 ? openNotification(context.db, user, id) : null;
  if (!notification) throw new Response("No such notification.", { status: 404 });
  return redirect(describeNotification(notification, getSiteSettings(context.db).brandName).path);
}
