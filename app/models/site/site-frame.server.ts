// What every page shows around its content: the brand, the ranks' names, the
// signed-in member's menu (with their suspension, unread notifications and,
// for staff, open flags) and the open status announcements.
import type { Db } from "../../../db/client";
import type { CurrentUser } from "../../auth/session.server";
import { isStaff, suspendedUntil } from "../../policy";
import { countOpenFlags } from "../moderation/flag.server";
import { listOpenIncidents } from "../moderation/incident-views.server";
import { countUnread, markThreadRead } from "../notify/notification.server";
import { getRewardRules } from "../reputation/reward-rules.server";
import { getSiteSettings } from "./settings.server";

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
        }
      : null,
    openFlags: isStaff(user) ? countOpenFlags(db) : 0,
    unreadNotifications: user ? countUnread(db, user.id) : 0,
    // Open status announcements, for the banner under the header (one indexed query).
    incidents: listOpenIncidents(db),
    query: url.pathname === "/search" ? (url.searchParams.get("q") ?? "") : "",
  };
}
