// The welcome a new member gets on the page they land on after joining
// (with a password, or their first single sign-on): what to do first, and
// how reputation opens commenting and voting. A flash: joining sets a short
// cookie naming the new account, root's loader reads it once (readWelcome)
// and clears it, so the welcome shows on one page and never again.
//
// The cookie holds only the account's id and is shown only to that account:
// forging it would only show someone their own welcome.
import type { AppLoadContext } from "@remix-run/node";
import { DEFAULT_PRIVILEGES } from "../policy";

export const WELCOME_COOKIE = "entraide_welcome";
/** Long enough for a slow redirect (or the two-factor step), short enough to be forgotten. */
const WELCOME_SECONDS = 10 * 60;

function attributes(secure: boolean) {
  return `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value the join answers with. */
export function welcomeCookie(userId: number, secure: boolean): string {
  return `${WELCOME_COOKIE}=${userId}; Max-Age=${WELCOME_SECONDS}; ${attributes(secure)}`;
}

/** The Set-Cookie value that forgets the welcome once it was shown. */
export function clearWelcomeCookie(secure: boolean): string {
  return `${WELCOME_COOKIE}=; Max-Age=0; ${attributes(secure)}`;
}

/** What the welcome says: who, the address to confirm, and the reputation that opens comments and votes. */
export type WelcomeNotice = {
  username: string;
  /** The address to confirm, or null when it is confirmed already (a provider vouched for it). */
  unconfirmedEmail: string | null;
  commentAt: number;
  upvoteAt: number;
};

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const pair of cookieHeader?.split(";") ?? []) {
    const [key, ...rest] = pair.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}

/**
 * The welcome to show on this page, and the header that clears it; null when
 * there is none for the signed-in member (no cookie, someone else's id, signed out).
 */
export function readWelcome(request: Request, context: Pick<AppLoadContext, "user" | "secureCookies">): { notice: WelcomeNotice; clear: string } | null {
  const value = cookieValue(request.headers.get("Cookie"), WELCOME_COOKIE);
  if (!value) return null;
  const user = context.user;
  if (!user || String(user.id) !== value) return null;
  const privileges = user.privileges ?? DEFAULT_PRIVILEGES;
  return {
    notice: {
      username: user.username,
      unconfirmedEmail: user.email && !user.emailVerifiedAt ? user.email : null,
      commentAt: privileges.comment,
      upvoteAt: privileges.upvote,
    },
    clear: clearWelcomeCookie(context.secureCookies),
  };
}
