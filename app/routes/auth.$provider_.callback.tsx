// Where the provider sends the browser back (/auth/<slug>/callback). The
// answer is checked (state, PKCE, the ID token's signature and claims) and
// leads to a sign-in, a link to the signed-in account, the welcome page, or a
// refusal that is logged and signs nobody in. (The trailing underscore keeps
// this page out of auth.$provider's loader, which would start a new sign-in.)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { completeSignIn } from "~/auth/sign-in.server";
import { finishSignIn, siteOrigin } from "~/models/accounts/sso.server";
import { refusedWith } from "~/i18n/message";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await finishSignIn(context.db, {
    slug: params.provider ?? "",
    url: new URL(request.url),
    cookieHeader: request.headers.get("Cookie"),
    origin: siteOrigin(request),
    viewer: context.user,
    address: context.clientAddress,
    secure: context.secureCookies,
  });
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of result.cookies) headers.append("Set-Cookie", cookie);
  if (result.kind === "unknown") {
    const refusal = refusedWith(404, "accountsServer.sso.noSuchProvider");
    for (const [name, value] of headers) refusal.headers.append(name, value);
    throw refusal;
  }
  if (result.kind === "sign-in") return completeSignIn(context, result.user, { method: "sso", redirectTo: result.redirectTo, headers });
  return redirect(result.location, { headers });
}
