import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { requirePasswordChosen } from "./auth/current-user.server";
import { SiteHeader } from "./components/site-header";
import { IncidentBanner } from "./components/incident-banner";
import { EmailConfirmBanner } from "./components/email-confirm-banner";
import "./load-context";
import { DEFAULT_RANKS } from "./utils/ranks";
import { DEFAULT_SETTINGS } from "./utils/site-defaults";
import { siteFrameFor } from "./models/site/site-frame.server";
import { exactTime } from "./utils/time";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.site.brandName ?? DEFAULT_SETTINGS.brandName} Community` },
  { name: "description", content: data?.site.tagline ?? DEFAULT_SETTINGS.tagline },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = context;
  requirePasswordChosen(request, user, context.db);
  return json(siteFrameFor(context.db, user, new URL(request.url)));
}

/**
 * Opening a thread reads its notifications (siteFrameFor), so the frame is
 * loaded again on every thread page, not only when Remix would by default.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || /^\/t\/\d+(?:\/|$)/.test(nextUrl.pathname);

export type RootData = typeof loader;

export function useOptionalUser() {
  return useRouteLoaderData<RootData>("root")?.user ?? null;
}

/** The ranks' names and thresholds, so any page can name an author's rank. */
export function useRanks() {
  return useRouteLoaderData<RootData>("root")?.ranks ?? DEFAULT_RANKS;
}

export function useSite() {
  return useRouteLoaderData<RootData>("root")?.site ?? DEFAULT_SETTINGS;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<RootData>("root");
  const site = data?.site ?? DEFAULT_SETTINGS;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader
          brandName={site.brandName}
          user={data?.user ?? null}
          query={data?.query}
          openFlags={data?.openFlags ?? 0}
          unread={data?.unreadNotifications ?? 0}
        />
        <IncidentBanner incidents={data?.incidents ?? []} />
        <main id="main" className="container main">
          {data?.user?.suspension ? (
            <p className="notice notice-suspended" role="status">
              Your account is suspended until {exactTime(data.user.suspension.until)}
              {data.user.suspension.reason ? `: ${data.user.suspension.reason.replace(/[.!?]*$/, ".")}` : "."} You can read, but not post, vote or flag.
            </p>
          ) : null}
          <EmailConfirmBanner email={data?.user?.unconfirmedEmail} />
          {children}
        </main>
        <footer className="site-footer">
          <div className="container footer-inner">
            <nav aria-label="Site" className="footer-nav">
              <Link to="/">Questions</Link>
              <Link to="/kb">Knowledge base</Link>
              <Link to="/leaderboard">Leaderboard</Link>
              <Link to="/badges">Badges</Link>
              <Link to="/early-access">Early access</Link>
              <Link to="/search">Search</Link>
              <Link to="/status">Service status</Link>
            </nav>
            <p>
              {site.brandName} Community · customers helping customers. Powered by Entraide.
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const ERROR_COPY: Record<number, { title: string; text: string }> = {
  400: { title: "That request didn't make sense", text: "Something in the address or the form was malformed. Please go back and try again." },
  401: { title: "Please sign in", text: "You need to be signed in to see this page." },
  403: { title: "You can't do that", text: "You don't have permission for this page or action." },
  404: { title: "We couldn't find that page", text: "The link may be broken, or the page may have been removed." },
  413: { title: "That was too large", text: "What you sent is larger than this site accepts." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let detail: string | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (typeof error.data === "string" && error.data && status !== 404) detail = error.data;
  }
  const copy = ERROR_COPY[status] ?? {
    title: "Something went wrong",
    text: "An unexpected error happened on our side. Please try again in a moment.",
  };
  return (
    <section className="page-narrow error-page" aria-labelledby="error-title">
      <p className="error-status">Error {status}</p>
      <h1 id="error-title">{copy.title}</h1>
      <p>{detail ?? copy.text}</p>
      <p className="error-actions">
        <Link to="/" className="button button-primary">
          Back to the community
        </Link>
        {status === 401 ? (
          <Link to="/login" className="button">
            Sign in
          </Link>
        ) : null}
      </p>
    </section>
  );
}
