// The Watch, Stop watching, Mute and Unmute buttons post here (threads,
// categories, tags, and the list on /notifications), then go back to the page
// they came from. Works without JavaScript: a plain form post and a redirect.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser, safeRedirect } from "~/auth/current-user.server";
import { watchSchema } from "~/forms/watch";
import { setWatch } from "~/models/notify/watch.server";
import { readForm } from "~/utils/form.server";
import { postOnly, refusedWith } from "~/i18n/message";

export async function loader() {
  throw postOnly("forumServer.watch.useButton");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = watchSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  // The schema's messages are catalogue keys: the error page puts them into the reader's words.
  if (!parsed.success) throw refusedWith(400, parsed.error.issues[0]?.message ?? "forumServer.watch.incomplete");
  const { redirectTo, ...change } = parsed.data;
  // A visitor signs in first and comes back to the page, not to this address.
  if (!context.user) return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo ?? "/")}`);
  const user = requireUser(request, context);
  const target = setWatch(context.db, user, change);
  return redirect(safeRedirect(redirectTo, target.path));
}
