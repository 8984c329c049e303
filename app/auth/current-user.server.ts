import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { DbOrTx } from "../../db/client";
import type { Role } from "../../db/enums";
import { getAccountRules } from "../models/accounts/account-rules.server";
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

// Paths a moderator or admin may still use before turning on two-factor, when the admins require it.
const TWO_FACTOR_SETUP_PATHS = ["/settings/security", "/logout"];
export const TWO_FACTOR_SETUP_PATH = "/settings/security";

/** Whether the admins' rule requires this person (a moderator or an admin) to sign in with two-factor. */
export function staffMustUseTwoFactor(db: DbOrTx, user: { role: Role }): boolean {
  return user.role !== "member" && getAccountRules(db).requireStaffTwoFactor;
}

/**
 * Staff who must use two-factor and have not turned it on yet. The rule is
 * read only for staff without two-factor, so members' requests cost nothing.
 */
export function mustSetUpTwoFactor(db: DbOrTx, user: Pick<CurrentUser, "role" | "totpEnabledAt">): boolean {
  return !user.totpEnabledAt && staffMustUseTwoFactor(db, user);
}

/**
 * A user still holding a one-time password can do nothing but change it, and
 * then (given the database) a moderator or admin whom the admins require to
 * use two-factor can do nothing but turn it on: every page (root's loader)
 * and every action (requireUser) goes through here. Without `db` only the
 * password rule is checked.
 */
export function requirePasswordChosen(request: Request, user: CurrentUser | null, db?: DbOrTx) {
  if (!user) return;
  const path = new URL(request.url).pathname;
  if (user.mustChangePassword) {
    // The password first: its page is not the two-factor page, so checking both would loop.
    if (!PASSWORD_CHANGE_PATHS.includes(path)) throw redirect("/settings#password");
    return;
  }
  if (db && mustSetUpTwoFactor(db, user) && !TWO_FACTOR_SETUP_PATHS.includes(path)) {
    throw redirect(TWO_FACTOR_SETUP_PATH);
  }
}

/**
 * The signed-in user, or a redirect to the sign-in page that comes back here.
 * A user still holding a one-time password can do nothing but change it;
 * staff required to use two-factor can do nothing but turn it on.
 */
export function requireUser(request: Request, context: AppLoadContext): CurrentUser {
  if (!context.user) throw redirect(loginUrl(request));
  requirePasswordChosen(request, context.user, context.db);
  return context.user;
}

/** For pages only visitors need (sign in, join): the signed-in go home. */
export function requireVisitor(context: AppLoadContext) {
  if (context.user) throw redirect("/");
}
