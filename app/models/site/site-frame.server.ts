// What every page shows around its content: the brand, the ranks' names, the
// signed-in member's menu (with their suspension, an address still to
// confirm, unread notifications and, for staff, open flags) and the open
// status announcements.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { categories, users } from "../../../db/schema";
import type { CurrentUser } from "../../auth/session.server";
import { isStaff, suspendedUntil } from "../../policy";
import { countOpenFlags } from "../moderation/flag.server";
import { listOpenIncidents } from "../moderation/incident-views.server";
import { countUnread, markThreadRead } from "../notify/notification.server";
import { getRewardRules } from "../reputation/reward-rules.server";
import { getSiteSettings } from "./settings.server";
import type { Language } from "../../i18n/languages";
import { localCategory, localRanks, localSite } from "../../utils/brand-words";
import { memoByPageVersion } from "./page-version.server";

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

/**
 * The categories whose admins gave words in this language, by slug: pages
 * name a category through it (useCategoryWords), so no list query needs the
 * reader's language. Few rows, read again only when a page version changes.
 */
function categoryWordsIn(db: Db, language: Language): Record<string, { name: string; description: string }> {
  return memoByPageVersion(db, `categoryWords:${language}`, () => {
    const words: Record<string, { name: string; description: string }> = {};
    for (const row of db.select({ slug: categories.slug, name: categories.name, description: categories.description, translations: categories.translations }).from(categories).all()) {
      if (!row.translations?.[language]) continue;
      const { name, description } = localCategory(row, language);
      words[row.slug] = { name, description };
    }
    return words;
  });
}

export function siteFrameFor(db: Db, user: CurrentUser | null, url: URL, language: Language) {
  // What the member came to see is seen: their notifications about the thread
  // they open are read, here and not in the thread's loader, so that the bell
  // counted below agrees on the same request (root revalidates on every
  // thread page, see shouldRevalidate in app/root.tsx).
  const threadPage = user ? /^\/t\/(\d+)(?:\/|$)/.exec(url.pathname) : null;
  if (user && threadPage) markThreadRead(db, user, Number(threadPage[1]));
  return {
    // The brand's words in the reader's language.
    site: localSite(getSiteSettings(db), language),
    ranks: localRanks(getRewardRules(db).ranks, language),
    categoryWords: categoryWordsIn(db, language),
    // Badges the admins renamed in this language (the others keep the interface's name).
    badgeNames: getSiteSettings(db).badgeNames[language] ?? {},
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
