// The last step of every way in (password, single sign-on, a password reset):
// the one place that decides whether the person is now signed in, so a rule
// such as two-factor for staff cannot be skipped by one door.
//
// Two-factor: a person who has it on and signs in with a password (a reset
// link included) gets no session yet. A signed, httpOnly, 5-minute cookie
// says who passed the password and where they were going, and
// /login/two-factor asks for a code before finishTwoFactorSignIn starts the
// session. With single sign-on, the provider's own sign-in (and any second
// factor it asks for) is trusted for members; moderators and admins with
// two-factor on are asked for our code whatever the way in, so staff powers
// always sit behind the factor this site checks itself.
import { createCookie, redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/enums";
import { getAccountRules } from "../models/accounts/account-rules.server";
import { hasTwoFactor } from "../models/accounts/two-factor.server";
import { appSecret } from "../models/site/app-secret.server";
import { safeRedirect } from "./current-user.server";
import { startSession } from "./session.server";
import { TWO_FACTOR_STEP_SECONDS } from "../forms/two-factor";
import { welcomeCookie } from "./welcome.server";

export type SignInMethod = "password" | "sso";

export type SignInOptions = {
  method: SignInMethod;
  /** Where to go once signed in: a local path, else "/". */
  redirectTo?: FormDataEntryValue | string | null;
  /** Headers to send along (cookies to clear, for instance). */
  headers?: Headers;
  /** A new account: the page it lands on welcomes it, once (see welcome.server.ts). */
  welcome?: boolean;
};

export const TWO_FACTOR_PATH = "/login/two-factor";
export const TWO_FACTOR_COOKIE = "entraide_two_factor";
/** How long the code may be entered after the password. */
export { TWO_FACTOR_STEP_SECONDS };

/** Whether this way in is open to this person (admins may keep members to single sign-on). */
export function mayUseMethod(context: AppLoadContext, user: { role: Role }, method: SignInMethod): boolean {
  return method === "sso" || user.role !== "member" || getAccountRules(context.db).memberPasswords;
}

/** Whether this way in must be followed by a code (see the top of the file). */
export function needsSecondFactor(context: AppLoadContext, user: { id: number; role: Role }, method: SignInMethod): boolean {
  return (method === "password" || user.role !== "member") && hasTwoFactor(context.db, user.id);
}

// Signed with the app's own secret (APP_SECRET, or the one kept in settings),
// so the user id inside cannot be changed; the issue time is checked on the
// server too, since a browser's Max-Age is only a request.
function twoFactorCookie(context: AppLoadContext) {
  return createCookie(TWO_FACTOR_COOKIE, {
    path: "/login",
    httpOnly: true,
    sameSite: "lax",
    secure: context.secureCookies,
    maxAge: TWO_FACTOR_STEP_SECONDS,
    secrets: [appSecret(context.db)],
  });
}

export type PendingSignIn = { userId: number; redirectTo: string; issuedAt: number };

function isPendingSignIn(value: unknown): value is PendingSignIn {
  if (!value || typeof value !== "object") return false;
  const { userId, redirectTo, issuedAt } = value as Record<string, unknown>;
  return Number.isSafeInteger(userId) && (userId as number) > 0 && typeof redirectTo === "string" && typeof issuedAt === "number" && Number.isFinite(issuedAt);
}

/** Starts the session and goes on (the session's cookie first: the one that matters). */
async function signedIn(context: AppLoadContext, userId: number, redirectTo: SignInOptions["redirectTo"], headers: Headers, welcome = false) {
  headers.append("Set-Cookie", await startSession(context.db, userId, { secure: context.secureCookies }));
  if (welcome) headers.append("Set-Cookie", welcomeCookie(userId, context.secureCookies));
  return redirect(safeRedirect(redirectTo, "/"), { headers });
}

/**
 * Signs the person in and goes on, or, when they use two-factor, on to the
 * code step without a session. A way in that is closed to them leads back to
 * the sign-in page with a message instead.
 */
export async function completeSignIn(context: AppLoadContext, user: { id: number; role: Role }, options: SignInOptions) {
  const headers = options.headers ?? new Headers();
  if (!mayUseMethod(context, user, options.method)) return redirect("/login?closed=password", { headers });
  if (needsSecondFactor(context, user, options.method)) {
    const pending: PendingSignIn = { userId: user.id, redirectTo: safeRedirect(options.redirectTo, "/"), issuedAt: Date.now() };
    headers.append("Set-Cookie", await twoFactorCookie(context).serialize(pending));
    // Kept for after the code: the cookie outlives the two-factor step.
    if (options.welcome) headers.append("Set-Cookie", welcomeCookie(user.id, context.secureCookies));
    return redirect(TWO_FACTOR_PATH, { headers });
  }
  return signedIn(context, user.id, options.redirectTo, headers, options.welcome);
}

/**
 * Who passed the password and now owes a code: null when the cookie is
 * missing, tampered with (its signature fails), malformed or older than
 * TWO_FACTOR_STEP_SECONDS.
 */
export async function readPendingSignIn(request: Request, context: AppLoadContext, now = Date.now()): Promise<PendingSignIn | null> {
  let value: unknown;
  try {
    value = await twoFactorCookie(context).parse(request.headers.get("Cookie"));
  } catch {
    return null;
  }
  if (!isPendingSignIn(value)) return null;
  const age = now - value.issuedAt;
  if (age < 0 || age > TWO_FACTOR_STEP_SECONDS * 1000) return null;
  return value;
}

/** The Set-Cookie value that forgets the pending sign-in. */
export function clearPendingSignIn(context: AppLoadContext): Promise<string> {
  return twoFactorCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

/** The code was right: the session starts, the pending cookie goes, and on to where they were going. */
export async function finishTwoFactorSignIn(context: AppLoadContext, pending: PendingSignIn) {
  const headers = new Headers();
  headers.append("Set-Cookie", await clearPendingSignIn(context));
  return signedIn(context, pending.userId, pending.redirectTo, headers);
}
