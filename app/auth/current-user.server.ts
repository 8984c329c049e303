import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { CurrentUser } from "./session.server";

/**
 * A path on this site to go back to, or `fallback`. Never another site
 * ("//host", "/\\host", "/\t/host", which browsers read as "//host"), and
 * always re-serialised by the URL parser, so what goes into the Location
 * header is escaped ASCII: a control character or a non-Latin letter in what
 * was sent cannot make the header throw after the action has saved its change.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, "http://localhost");
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//host" normalises to "//host": as a Location that is another site.
  if (url.origin !== "http://localhost" || path.startsWith("//")) return fallback;
  return path;
}

export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`;
}

// Paths a user who must choose a new password may still use.
const PASSWORD_CHANGE_PATHS = ["/settings", "/logout"];

/**
 * A user still holding a one-time password can do nothing but change it:
 * every page (root's loader) and every action (requireUser) goes through here.
 */
export function requirePasswordChosen(request: Request, user: CurrentUser | null) {
  if (user?.mustChangePassword && !PASSWORD_CHANGE_PATHS.includes(new URL(request.url).pathname)) {
    throw redirect("/settings#password");
  }
}

/**
 * The signed-in user, or a redirect to the sign-in page that comes back here.
 * A user still holding a one-time password can do nothing but change it.
 */
export function requireUser(request: Request, context: AppLoadContext): CurrentUser {
  if (!context.user) throw redirect(loginUrl(request));
  requirePasswordChosen(request, context.user);
  return context.user;
}

/** For pages only visitors need (sign in, join): the signed-in go home. */
export function requireVisitor(context: AppLoadContext) {
  if (context.user) throw redirect("/");
}
