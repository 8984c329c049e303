// What every page shows around its content: the brand, the ranks' names, the
// signed-in member's menu (with their suspension, an address still to
// confirm, unread notifications and, for staff, open flags) and the open
// status announcements.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users } from "../../../db/schema";
import type { CurrentUser } from "../../auth/session.server";
import { isStaff, suspendedUntil } from "../../policy";
import { countOpenFlags } from "../moderation/flag.server";
import { listOpenIncidents } from "../moderation/incident-views.server";
import { countUnread, markThreadRead } from "../notify/notification.server";
import { getRewardRules } from "../reputation/reward-rules.server";
import { getSiteSettings } from "./settings.server";

/**
 * The address still to confirm, shown in a banner until it is. On the
 * confirmation pages it is read again: a form posted there without
 * JavaScript confirmed it in this very request, after the session was read.
 */
function unconfirmedEmail(db: Db, user: CurrentUser, url: URL): string | null {
  const current = url.pathname.startsWith("/verify-email/")
    ? (db.select({ email: users.email, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, user.id)).get() ?? user)
    : user;
  return current.email && !current.emailVerifiedAt ? current.email : null;
}

export function siteFrameFor(db: Db, user: CurrentUser | null, url: URL) {
  // What the member came to see is seen: their notifications about the thread
  // they open are read, here and not in the thread's loader, so that the bell
  // counted below agrees on the same request (root revalidates on every
  // thread page, see shouldRevalidate in app/root.tsx).
  const threadPage = user ? /^\/t\/(\d+)(?:\/|$)/.exec(url.pathname) : null;
  if (user && threadPage) markThreadRead(db, user, Number(threadPage[1]));
  return {
    site: getSiteSettings(db),
    ranks: getRewardRules(db).ranks,
    user: user
      ? {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          reputation: user.reputation,
          mustChangePassword: user.mustChangePassword,
          createdAt: user.createdAt,
          // Shown on every page while it lasts: the account can read, not write.
          suspension: suspendedUntil(user) ? { until: suspendedUntil(user)!.toISOString(), reason: user.suspendReason ?? "" } : null,
          // Shown on every page until confirmed: no notification email goes to it before.
          unconfirmedEmail: unconfirmedEmail(db, user, url),
        }
      : null,
    openFlags: isStaff(user) ? countOpenFlags(db) : 0,
    unreadNotifications: user ? countUnread(db, user.id) : 0,
    // Open status announcements, for the banner under the header (one indexed query).
    incidents: listOpenIncidents(db),
    query: url.pathname === "/search" ? (url.searchParams.get("q") ?? "") : "",
  };
}
