import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { leaderboardPageFor } from "~/models/reputation/leaderboard-page.server";
import type { LeaderboardPeriod } from "~/models/reputation/leaderboard.server";
import { useSite } from "~/root";
import { BADGE_TIERS, BADGES, type BadgeKey } from "~/utils/badges";
import { useBadgeName, useCategoryName } from "~/components/brand-words";
import { unlessDefault, withPageMeta } from "~/utils/page-meta";

// Kept here rather than imported from the model: the page's links need them in
// the browser, where a .server module is empty.
const PERIODS = ["week", "month", "all"] as const satisfies readonly LeaderboardPeriod[];
const DEFAULT_PERIOD: LeaderboardPeriod = "week";

/** The period's words: its tab, its name inside the heading, what the points column counts, exactly, and the empty board's sentence. */
function periodWords(t: TFunction, period: LeaderboardPeriod, category: string | null) {
  switch (period) {
    case "week":
      return {
        tab: t("leaderboard.week"),
        inHeading: t("leaderboard.weekInHeading"),
        span: t("leaderboard.weekSpan"),
        empty: category ? t("leaderboard.weekEmptyIn", { category }) : t("leaderboard.weekEmpty"),
      };
    case "month":
      return {
        tab: t("leaderboard.month"),
        inHeading: t("leaderboard.monthInHeading"),
        span: t("leaderboard.monthSpan"),
        empty: category ? t("leaderboard.monthEmptyIn", { category }) : t("leaderboard.monthEmpty"),
      };
    case "all":
      return {
        tab: t("leaderboard.all"),
        inHeading: t("leaderboard.allInHeading"),
        span: t("leaderboard.allSpan"),
        empty: category ? t("leaderboard.allEmptyIn", { category }) : t("leaderboard.allEmpty"),
      };
  }
}

/** "gold badges: Guru, Solver", for screen readers. */
function tierBadges(t: TFunction, tier: (typeof BADGE_TIERS)[number], names: string[]) {
  const values = { count: names.length, names: names.join(", ") };
  switch (tier) {
    case "gold":
      return t("leaderboard.goldBadges", values);
    case "silver":
      return t("leaderboard.silverBadges", values);
    case "bronze":
      return t("leaderboard.bronzeBadges", values);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const own = [
    { title: metaT(matches)("leaderboard.title") },
    { name: "description", content: metaT(matches)("leaderboard.description") },
  ];
  return data ? withPageMeta(matches, own, "/leaderboard", { period: unlessDefault(data.period, DEFAULT_PERIOD), category: data.category?.slug }) : own;
};

// Anything odd in the address falls back to this week, every category: never an error.
const leaderboardQuery = z.object({
  period: z.enum(PERIODS).catch(DEFAULT_PERIOD),
  category: z.string().trim().max(100).catch(""),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { period, category } = leaderboardQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(leaderboardPageFor(context.db, period, category));
}

/** The board's address for a period and a category, leaving out the defaults. */
function boardHref(period: LeaderboardPeriod, category: string | null) {
  const params = new URLSearchParams();
  if (period !== DEFAULT_PERIOD) params.set("period", period);
  if (category) params.set("category", category);
  const query = params.toString();
  return query ? `/leaderboard?${query}` : "/leaderboard";
}

/** A member's badges counted by tier (gold, silver, bronze), their names on hover and for screen readers. */
function BadgeTally({ badges }: { badges: BadgeKey[] }) {
  const t = useT();
  const badgeName = useBadgeName();
  if (!badges.length) return null;
  return (
    <span className="badge-tally">
      {BADGE_TIERS.map((tier) => {
        const names = badges.filter((key) => BADGES[key].tier === tier).map((key) => badgeName(key));
        if (!names.length) return null;
        return (
          <span key={tier} className={`badge-count badge-count-${tier}`} title={names.join(", ")}>
            {names.length}
            <span className="visually-hidden"> {tierBadges(t, tier, names)}</span>
          </span>
        );
      })}
    </span>
  );
}

export default function Leaderboard() {
  const data = useLoaderData<typeof loader>();
  const { period, rows } = data;
  const site = useSite();
  const t = useT();
  // The categories in the reader's language, when the admins gave them words in it.
  const categoryName = useCategoryName();
  const categories = data.categories.map((c) => ({ ...c, name: categoryName(c.slug, c.name) }));
  const category = data.category ? { ...data.category, name: categoryName(data.category.slug, data.category.name) } : null;
  const language = useLanguage();
  const words = periodWords(t, period, category?.name ?? null);
  const heading = category
    ? t("leaderboard.headingIn", { category: category.name, period: words.inHeading })
    : t("leaderboard.heading", { period: words.inHeading });

  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">{t("pages.community")}</Link> › {t("leaderboard.title")}
        </p>
        <h1>{t("leaderboard.title")}</h1>
        <p className="lede">{t("leaderboard.lede", { brand: site.brandName })}</p>
      </header>

      {categories.length ? (
        <nav className="tabs leaderboard-categories" aria-label={t("leaderboard.byCategory")}>
          <Link to={boardHref(period, null)} aria-current={category ? undefined : "page"}>
            {t("leaderboard.allCategories")}
          </Link>
          {categories.map((c) => (
            <Link key={c.slug} to={boardHref(period, c.slug)} aria-current={c.slug === category?.slug ? "page" : undefined}>
              {c.name}
            </Link>
          ))}
        </nav>
      ) : null}

      <section aria-labelledby="leaderboard-heading">
        <header className="section-header">
          <h2 id="leaderboard-heading" className="leaderboard-heading">
            {heading}
          </h2>
          <nav className="sort-tabs" aria-label={t("leaderboard.period")}>
            {PERIODS.map((p) => (
              <Link key={p} to={boardHref(p, category?.slug ?? null)} aria-current={p === period ? "page" : undefined} preventScrollReset>
                {periodWords(t, p, null).tab}
              </Link>
            ))}
          </nav>
        </header>

        {rows.length ? (
          <>
            <div className="table-wrap">
              <table className="table leaderboard-table">
                <caption className="visually-hidden">{heading}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="leaderboard-position">
                      <span aria-hidden="true">#</span>
                      <span className="visually-hidden">{t("leaderboard.position")}</span>
                    </th>
                    <th scope="col">{t("leaderboard.member")}</th>
                    <th scope="col" className="leaderboard-rank">
                      {t("leaderboard.rank")}
                    </th>
                    <th scope="col" className="leaderboard-number">
                      {t("leaderboard.reputationGained")}
                    </th>
                    <th scope="col" className="leaderboard-number">
                      {t("leaderboard.acceptedAnswers")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.user.username} className={row.position <= 3 ? "leaderboard-top" : undefined}>
                      <td className="leaderboard-position">{row.position}</td>
                      <th scope="row" className="leaderboard-member">
                        <Link to={`/u/${row.user.username}`}>{row.user.displayName}</Link>
                        <span className="muted">
                          @{row.user.username}
                          {/* Narrow screens drop the rank column and show the rank here instead. */}
                          <span className="leaderboard-rank-inline"> · {row.user.rank}</span>
                        </span>
                        <BadgeTally badges={row.badges} />
                      </th>
                      <td className="leaderboard-rank">
                        {row.user.rank}
                        <span className="muted">{t("leaderboard.reputation", { points: row.user.reputation.toLocaleString(language) })}</span>
                      </td>
                      <td className="leaderboard-number leaderboard-points">+{row.points.toLocaleString(language)}</td>
                      <td className="leaderboard-number">{row.accepted.toLocaleString(language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted leaderboard-note">
              {category ? t("leaderboard.noteIn", { span: words.span, category: category.name }) : t("leaderboard.note", { span: words.span })}
            </p>
          </>
        ) : (
          <p className="empty">
            {words.empty}{" "}
            <Link to={category ? `/c/${category.slug}?sort=unanswered` : "/?sort=unanswered"}>{t("leaderboard.answerUnanswered")}</Link>{" "}
            {t("leaderboard.firstOnBoard")}
            {period !== "all" ? (
              <>
                {t("leaderboard.orSee")} <Link to={boardHref("all", category?.slug ?? null)}>{t("leaderboard.allTimeLink")}</Link>
              </>
            ) : null}
            {t("leaderboard.emptyEnd")}
          </p>
        )}
      </section>
    </div>
  );
}
