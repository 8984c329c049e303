import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { leaderboardPageFor } from "~/models/reputation/leaderboard-page.server";
import type { LeaderboardPeriod } from "~/models/reputation/leaderboard.server";
import { useSite } from "~/root";
import { BADGE_TIERS, BADGES, type BadgeKey } from "~/utils/badges";

// Kept here rather than imported from the model: the page's links need them in
// the browser, where a .server module is empty.
const PERIODS = ["week", "month", "all"] as const satisfies readonly LeaderboardPeriod[];
const DEFAULT_PERIOD: LeaderboardPeriod = "week";

const PERIOD_TABS: Record<LeaderboardPeriod, string> = { week: "This week", month: "This month", all: "All time" };
/** How each period reads at the end of a sentence: "No member has gained reputation this week yet." */
const PERIOD_PHRASE: Record<LeaderboardPeriod, string> = { week: " this week", month: " this month", all: "" };
/** What the points column counts, exactly. */
const PERIOD_SPAN: Record<LeaderboardPeriod, string> = {
  week: "Reputation gained in the last 7 days",
  month: "Reputation gained in the last 30 days",
  all: "All the reputation gained",
};

export const meta: MetaFunction<typeof loader> = () => [
  { title: "Leaderboard" },
  { name: "description", content: "The community members who helped most this week, this month and of all time." },
];

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
  if (!badges.length) return null;
  return (
    <span className="badge-tally">
      {BADGE_TIERS.map((tier) => {
        const names = badges.filter((key) => BADGES[key].tier === tier).map((key) => BADGES[key].name);
        if (!names.length) return null;
        return (
          <span key={tier} className={`badge-count badge-count-${tier}`} title={names.join(", ")}>
            {names.length}
            <span className="visually-hidden">
              {" "}
              {tier} {names.length === 1 ? "badge" : "badges"}: {names.join(", ")}
            </span>
          </span>
        );
      })}
    </span>
  );
}

export default function Leaderboard() {
  const { period, categories, category, rows } = useLoaderData<typeof loader>();
  const site = useSite();
  const where = category ? ` in ${category.name}` : "";
  const heading = `Top contributors${where}: ${PERIOD_TABS[period].toLowerCase()}`;

  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">Community</Link> › Leaderboard
        </p>
        <h1>Leaderboard</h1>
        <p className="lede">
          The members who helped most, by the reputation they gained: upvotes on their questions and answers, answers accepted as the solution,
          answers promoted to the knowledge base. {site.brandName} staff are not ranked.
        </p>
      </header>

      {categories.length ? (
        <nav className="tabs leaderboard-categories" aria-label="Leaderboard by category">
          <Link to={boardHref(period, null)} aria-current={category ? undefined : "page"}>
            All categories
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
          <nav className="sort-tabs" aria-label="Period">
            {PERIODS.map((p) => (
              <Link key={p} to={boardHref(p, category?.slug ?? null)} aria-current={p === period ? "page" : undefined} preventScrollReset>
                {PERIOD_TABS[p]}
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
                      <span className="visually-hidden">Position</span>
                    </th>
                    <th scope="col">Member</th>
                    <th scope="col" className="leaderboard-rank">
                      Rank
                    </th>
                    <th scope="col" className="leaderboard-number">
                      Reputation gained
                    </th>
                    <th scope="col" className="leaderboard-number">
                      Accepted answers
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
                        <span className="muted">{row.user.reputation.toLocaleString("en")} reputation</span>
                      </td>
                      <td className="leaderboard-number leaderboard-points">+{row.points.toLocaleString("en")}</td>
                      <td className="leaderboard-number">{row.accepted.toLocaleString("en")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted leaderboard-note">
              {PERIOD_SPAN[period]}
              {category ? ` on questions in ${category.name}` : ""}; accepted answers are counted over all time{where}.
            </p>
          </>
        ) : (
          <p className="empty">
            No member has gained reputation{where}
            {PERIOD_PHRASE[period]} yet.{" "}
            <Link to={category ? `/c/${category.slug}?sort=unanswered` : "/?sort=unanswered"}>Answer an unanswered question</Link> to be the
            first on the board
            {period !== "all" ? (
              <>
                , or see <Link to={boardHref("all", category?.slug ?? null)}>the all-time leaderboard</Link>
              </>
            ) : null}
            .
          </p>
        )}
      </section>
    </div>
  );
}
