import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Suspense, type ReactNode } from "react";
import { requirePasswordChosen } from "./auth/current-user.server";
import { SiteHeader } from "./components/site-header";
import { ErrorPage } from "./components/error-page";
import { EmailConfirmBanner } from "./components/email-confirm-banner";
import * as rootParts from "./components/root-parts.server";
import { onDemand } from "./components/on-demand";
import { readWelcome } from "./auth/welcome.server";
import "./load-context";
import { DEFAULT_RANKS } from "./utils/ranks";
import { DEFAULT_SETTINGS } from "./utils/site-defaults";
import { siteFrameFor } from "./models/site/site-frame.server";
import { siteOrigin } from "./models/site/page-meta.server";
import { exactTime } from "./utils/time";
import { useNonce } from "./utils/nonce";
import { LanguageProvider, translatorFor, useLanguage, useT } from "./i18n/i18n";
import { catalogueUrl } from "./i18n/i18n.server";
import { DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, type Language } from "./i18n/languages";

// Shown by some pages at some times only: loaded when shown (see onDemand).
const IncidentBanner = onDemand(rootParts.IncidentBanner, () => import("./components/incident-banner").then((module) => module.IncidentBanner));
const WelcomeNotice = onDemand(rootParts.WelcomeNotice, () => import("./components/welcome-notice").then((module) => module.WelcomeNotice));

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: translatorFor(data?.language ?? DEFAULT_LANGUAGE)("frame.title", { brand: data?.site.brandName ?? DEFAULT_SETTINGS.brandName }) },
  { name: "description", content: data?.site.tagline ?? DEFAULT_SETTINGS.tagline },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = context;
  requirePasswordChosen(request, user, context.db);
  // A new member's welcome, shown once (the cookie joining set is cleared).
  const welcome = readWelcome(request, context);
  return json(
    {
      ...siteFrameFor(context.db, user, new URL(request.url), context.language),
      language: context.language,
      // The browser fetches this page's catalogue before it hydrates (entry.client.tsx).
      catalogue: catalogueUrl(context.language),
      welcome: welcome?.notice ?? null,
      // The site's public origin, for the pages' canonical addresses and previews' tags (app/utils/page-meta.ts).
      origin: siteOrigin(),
    },
    welcome ? { headers: { "Set-Cookie": welcome.clear } } : undefined,
  );
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
  const data = useRouteLoaderData<RootData>("root");
  const language = data?.language ?? DEFAULT_LANGUAGE;
  return (
    <LanguageProvider language={language}>
      <Frame data={data}>{children}</Frame>
    </LanguageProvider>
  );
}

function Frame({ data, children }: { data: SerializeFrom<RootData> | undefined; children: ReactNode }) {
  const nonce = useNonce();
  const t = useT();
  const language = useLanguage();
  const site = data?.site ?? DEFAULT_SETTINGS;
  const here = useLocation();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("frame.skipToContent")}
        </a>
        <SiteHeader
          brandName={site.brandName}
          user={data?.user ?? null}
          query={data?.query}
          openFlags={data?.openFlags ?? 0}
          unread={data?.unreadNotifications ?? 0}
        />
        {data?.incidents.length ? (
          <Suspense fallback={null}>
            <IncidentBanner incidents={data.incidents} />
          </Suspense>
        ) : null}
        {/* tabIndex -1: "Skip to content" moves focus here, so the next Tab starts in the page, not at the top. */}
        <main id="main" className="container main" tabIndex={-1}>
          {data?.user?.suspension ? (
            <p className="notice notice-suspended" role="status">
              {t("frame.suspended", {
                until: exactTime(data.user.suspension.until, language),
                reason: data.user.suspension.reason ? `: ${data.user.suspension.reason.replace(/[.!?]*$/, ".")}` : ".",
              })}
            </p>
          ) : null}
          {data?.welcome ? (
            <Suspense fallback={null}>
              <WelcomeNotice notice={data.welcome} />
            </Suspense>
          ) : null}
          <EmailConfirmBanner email={data?.user?.unconfirmedEmail} />
          {children}
        </main>
        <footer className="site-footer">
          <div className="container footer-inner">
            <nav aria-label={t("footer.site")} className="footer-nav">
              <Link to="/">{t("footer.questions")}</Link>
              <Link to="/kb">{t("footer.knowledgeBase")}</Link>
              <Link to="/leaderboard">{t("footer.leaderboard")}</Link>
              <Link to="/badges">{t("footer.badges")}</Link>
              <Link to="/early-access">{t("footer.earlyAccess")}</Link>
              <Link to="/search">{t("footer.search")}</Link>
              <Link to="/status">{t("footer.status")}</Link>
              <Link to="/known-issues">{t("footer.knownIssues")}</Link>
              <Link to="/ideas">{t("footer.ideas")}</Link>
            </nav>
            <LanguageSwitcher current={language} back={`${here.pathname}${here.search}`} />
            <p>{t("footer.tagline", { brand: site.brandName })}</p>
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

// The statuses the error page has its own words for; any other is a 500's.
export function ErrorBoundary() {
  return <ErrorPage />;
}

/**
 * The footer's language switcher: a plain form (no JavaScript needed) that
 * sets the reader's language and comes back to this page.
 */
function LanguageSwitcher({ current, back }: { current: Language; back: string }) {
  const t = useT();
  return (
    <form method="post" action="/language" className="language-switcher">
      <input type="hidden" name="redirectTo" value={back} />
      <label htmlFor="footer-language">{t("footer.language")}</label>
      <select id="footer-language" name="language" defaultValue={current}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small">
        {t("footer.changeLanguage")}
      </button>
    </form>
  );
}
