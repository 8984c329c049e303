import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirect } from "~/auth/current-user.server";
import { isLanguage, LANGUAGE_COOKIE } from "~/i18n/languages";
import { setChosenLanguage } from "~/models/accounts/language.server";
import { readForm } from "~/utils/form.server";

const A_YEAR = 365 * 24 * 60 * 60;

// The footer's language switcher (a plain form): the choice is kept in a
// cookie, and on a member's account (which comes before the cookie, so the
// switcher must change it too); the reader goes back to the page they were on.
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const language = form.get("language");
  if (!isLanguage(language)) throw new Response("Choose one of the languages.", { status: 400 });
  if (context.user) setChosenLanguage(context.db, context.user, language);
  const secure = context.secureCookies ? "; Secure" : "";
  return redirect(safeRedirect(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${A_YEAR}; SameSite=Lax${secure}` },
  });
}

export async function loader() {
  return redirect("/");
}
