import { Form, Link, NavLink } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useLanguage, useT } from "~/i18n/i18n";

export type HeaderUser = {
  username: string;
  displayName: string;
  role: "member" | "moderator" | "admin";
};

export function SiteHeader({
  brandName,
  user,
  query,
  openFlags = 0,
  unread = 0,
}: {
  brandName: string;
  user: HeaderUser | null;
  query?: string;
  openFlags?: number;
  /** The user's unread notifications (the bell's count). */
  unread?: number;
}) {
  const t = useT();
  const staff = user?.role === "moderator" || user?.role === "admin";
  return (
    <header className="site-header">
      <div className="container header-inner">
        {/* The link's name is its visible words (then "(home)"), so speech users can say what they see. */}
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            {brandName.slice(0, 1).toUpperCase()}
          </span>
          <span className="brand-name">{brandName}</span>{" "}
          <span className="brand-sub">{t("frame.community")}</span>
          <span className="visually-hidden">{t("a11y.homeSuffix")}</span>
        </Link>
        <form className="header-search" action="/search" method="get" role="search" aria-label={t("a11y.siteSearch")}>
          <label htmlFor="site-search" className="visually-hidden">
            {t("frame.searchLabel")}
          </label>
          <input id="site-search" type="search" name="q" defaultValue={query} placeholder={t("frame.searchPlaceholder")} />
          <button type="submit" className="button button-quiet">
            {t("frame.search")}
          </button>
        </form>
        <nav className="header-actions" aria-label={t("frame.account")}>
          <Link to="/ask" className="button button-primary">
            {t("frame.ask")}
          </Link>
          {user ? (
            <NavLink
              to="/notifications"
              className="bell"
              aria-label={unread ? t("frame.notificationsUnread", { count: unread }) : t("frame.notifications")}
              title={unread ? t("frame.unreadTitle", { count: unread }) : t("frame.notifications")}
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
                <path
                  d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.1 17h13.8a1 1 0 0 0 .8-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0h-5Z"
                  fill="currentColor"
                />
              </svg>
              {unread ? (
                <span className="count-badge bell-count" aria-hidden="true">
                  {unread > 99 ? "99+" : unread}
                </span>
              ) : null}
            </NavLink>
          ) : null}
          {user ? (
            <details className="user-menu">
              <summary>
                <span className="avatar" aria-hidden="true">
                  {user.displayName.slice(0, 1).toUpperCase()}
                </span>
                <span className="user-menu-name">{user.displayName}</span>
                {staff && openFlags > 0 ? (
                  <span className="count-badge" aria-label={t("frame.openFlags", { count: openFlags })}>
                    {openFlags}
                  </span>
                ) : null}
                <span className="visually-hidden">{t("frame.openMenu")}</span>
              </summary>
              <ul className="user-menu-list">
                <li>
                  <NavLink to={`/u/${user.username}`}>{t("frame.profile")}</NavLink>
                </li>
                <li>
                  <NavLink to="/settings">{t("frame.settings")}</NavLink>
                </li>
                {staff ? (
                  <li>
                    <NavLink to="/mod">{t("frame.moderation")}</NavLink>
                  </li>
                ) : null}
                {staff ? (
                  <li>
                    <NavLink to="/mod/flags">
                      {t("frame.flaggedPosts")} <span className="count-badge">{openFlags}</span>
                    </NavLink>
                  </li>
                ) : null}
                {user.role === "admin" ? (
                  <li>
                    <NavLink to="/admin">{t("frame.administration")}</NavLink>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("frame.signOut")}
                    </button>
                  </Form>
                </li>
              </ul>
            </details>
          ) : (
            <>
              <Link to="/login" className="header-link">
                {t("frame.signIn")}
              </Link>
              <Link to="/join" className="button">
                {t("frame.join")}
              </Link>
            </>
          )}
        </nav>
        {user ? <UnreadAnnouncer unread={unread} /> : null}
      </div>
    </header>
  );
}

/**
 * Says the bell's new count when it changes while the page stays open (a
 * link followed by the client's router reads a notification): the bell's
 * label changes silently, a live region is spoken. Empty until a change, so
 * nothing is read out on arrival.
 */
function UnreadAnnouncer({ unread }: { unread: number }) {
  const t = useT();
  const language = useLanguage();
  const [message, setMessage] = useState("");
  const shown = useRef(unread);
  useEffect(() => {
    if (shown.current === unread) return;
    shown.current = unread;
    setMessage(unread ? t("frame.unreadTitle", { count: unread }) : t("a11y.noUnread"));
    // `t` is the language's one translator: the language stands for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unread, language]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}
