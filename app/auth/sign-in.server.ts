// The last step of every way in (password, single sign-on, a password reset):
// the one place that decides whether the person is now signed in, so a rule
// such as two-factor for staff cannot be skipped by one door.
import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/enums";
import { getAccountRules } from "../models/accounts/account-rules.server";
import { safeRedirect } from "./current-user.server";
import { startSession } from "./session.server";

export type SignInMethod = "password" | "sso";

export type SignInOptions = {
  method: SignInMethod;
  /** Where to go once signed in: a local path, else "/". */
  redirectTo?: FormDataEntryValue | string | null;
  /** Headers to send along (cookies to clear, for instance). */
  headers?: Headers;
};

/** Whether this way in is open to this person (admins may keep members to single sign-on). */
export function mayUseMethod(context: AppLoadContext, user: { role: Role }, method: SignInMethod): boolean {
  return method === "sso" || user.role !== "member" || getAccountRules(context.db).memberPasswords;
}

/**
 * Signs the person in and goes on. A way in that is closed to them leads back
 * to the sign-in page with a message instead.
 */
export async function completeSignIn(context: AppLoadContext, user: { id: number; role: Role }, options: SignInOptions) {
  const headers = options.headers ?? new Headers();
  if (!mayUseMethod(context, user, options.method)) return redirect("/login?closed=password", { headers });
  headers.append("Set-Cookie", await startSession(context.db, user.id, { secure: context.secureCookies }));
  return redirect(safeRedirect(options.redirectTo, "/"), { headers });
}
