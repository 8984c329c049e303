// The last step of every way in (password, single sign-on, a password reset):
// the one place that decides whether the person is now signed in, so a rule
// such as two-factor for staff cannot be skipped by one door.
import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { safeRedirect } from "./current-user.server";
import { startSession } from "./session.server";

/** Signs `userId` in and goes to `redirectTo` (a local path), or "/". */
export async function completeSignIn(context: AppLoadContext, userId: number, redirectTo: FormDataEntryValue | string | null | undefined, headers: Headers = new Headers()) {
  headers.append("Set-Cookie", await startSession(context.db, userId, { secure: context.secureCookies }));
  return redirect(safeRedirect(redirectTo, "/"), { headers });
}
