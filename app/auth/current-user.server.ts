import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { CurrentUser } from "./session.server";

/** Only our own paths: never another site, never a protocol-relative "//host". */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`;
}

// Paths a user who must choose a new password may still use.
export const PASSWORD_CHANGE_PATHS = ["/settings", "/logout"];

/**
 * The signed-in user, or a redirect to the sign-in page that comes back here.
 * A user still holding a one-time password can do nothing but change it.
 */
export function requireUser(request: Request, context: AppLoadContext): CurrentUser {
  if (!context.user) throw redirect(loginUrl(request));
  if (context.user.mustChangePassword && !PASSWORD_CHANGE_PATHS.includes(new URL(request.url).pathname)) {
    throw redirect("/settings#password");
  }
  return context.user;
}

/** For pages only visitors need (sign in, join): the signed-in go home. */
export function requireVisitor(context: AppLoadContext) {
  if (context.user) throw redirect("/");
}
