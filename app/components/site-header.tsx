import { Form, Link, NavLink } from "@remix-run/react";

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
  const staff = user?.role === "moderator" || user?.role === "admin";
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand" aria-label={`${brandName} Community, home`}>
          <span className="brand-mark" aria-hidden="true">
            {brandName.slice(0, 1).toUpperCase()}
          </span>
          <span className="brand-name">{brandName}</span>
          <span className="brand-sub">Community</span>
        </Link>
        <form className="header-search" action="/search" method="get" role="search">
          <label htmlFor="site-search" className="visually-hidden">
            Search the community
          </label>
          <input id="site-search" type="search" name="q" defaultValue={query} placeholder="Search questions and articles" />
          <button type="submit" className="button button-quiet">
            Search
          </button>
        </form>
        <nav className="header-actions" aria-label="Account">
          <Link to="/ask" className="button button-primary">
            Ask a question
          </Link>
          {user ? (
            <NavLink
              to="/notifications"
              className="bell"
              aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
              title={unread ? `${unread} unread notifications` : "Notifications"}
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
                  <span className="count-badge" aria-label={`${openFlags} open flags`}>
                    {openFlags}
                  </span>
                ) : null}
                <span className="visually-hidden">: open your menu</span>
              </summary>
              <ul className="user-menu-list">
                <li>
                  <NavLink to={`/u/${user.username}`}>Your profile</NavLink>
                </li>
                <li>
                  <NavLink to="/settings">Settings</NavLink>
                </li>
                {staff ? (
                  <li>
                    <NavLink to="/mod">Moderation</NavLink>
                  </li>
                ) : null}
                {staff ? (
                  <li>
                    <NavLink to="/mod/flags">
                      Flagged posts <span className="count-badge">{openFlags}</span>
                    </NavLink>
                  </li>
                ) : null}
                {user.role === "admin" ? (
                  <li>
                    <NavLink to="/admin">Administration</NavLink>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </Form>
                </li>
              </ul>
            </details>
          ) : (
            <>
              <Link to="/login" className="header-link">
                Sign in
              </Link>
              <Link to="/join" className="button">
                Join
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
