// Starts a sign-in with a provider (GET from a "Sign in with …" link, or a
// POST): the browser is sent to the provider with a fresh state, nonce and
// PKCE challenge, kept in a signed cookie until the callback. A signed-in
// person links the provider to their account (or signs in again, when it is
// already theirs: /auth/<slug>?redirectTo=/settings/data re-authenticates).
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { beginSignIn, siteOrigin } from "~/models/accounts/sso.server";
import { readForm } from "~/utils/form.server";
import { refusedWith } from "~/i18n/message";

async function start(request: Request, context: AppLoadContext, slug: string | undefined, redirectTo: FormDataEntryValue | null) {
  const result = await beginSignIn(context.db, {
    slug: slug ?? "",
    redirectTo,
    viewer: context.user,
    origin: siteOrigin(request),
    secure: context.secureCookies,
  });
  if (result.kind === "unknown") throw refusedWith(404, "accountsServer.sso.noSuchProvider");
  if (result.kind === "unavailable") return redirect(result.location);
  return redirect(result.location, { headers: { "Set-Cookie": result.cookie, "Cache-Control": "no-store" } });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return start(request, context, params.provider, new URL(request.url).searchParams.get("redirectTo"));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  return start(request, context, params.provider, form.get("redirectTo"));
}
