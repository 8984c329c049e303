import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { insightsParamsSchema, PERIODS } from "~/forms/search";
import { searchInsights } from "~/models/search/search-log.server";

export const meta: MetaFunction = () => [{ title: "Search insights · Moderation" }];

const DAY = 24 * 60 * 60 * 1000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { days } = insightsParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const to = new Date();
  const from = new Date(to.getTime() - Number(days) * DAY);
  return json({ days, insights: searchInsights(context.db, user, { from, to }) });
}

function percent(part: number, whole: number) {
  return whole ? `${Math.round((100 * part) / whole)}%` : "—";
}

function searchLink(query: string) {
  return `/search?q=${encodeURIComponent(query)}`;
}

export default function SearchInsights() {
  const { days, insights } = useLoaderData<typeof loader>();
  const { totals } = insights;
  return (
    <div className="stack-lg">
      <div className="page-header-row">
        <p className="lede">What customers looked for, in their own words: the words to use in titles, articles and synonyms.</p>
        <Form method="get" className="period-form">
          <label htmlFor="period">Period</label>
          <select id="period" name="days" defaultValue={days}>
            {Object.entries(PERIODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small">
            Show
          </button>
        </Form>
      </div>

      <section className="queue-cards" aria-label="Totals">
        <div className="card queue-card">
          <strong className="queue-count">{totals.searches}</strong> searches
        </div>
        <div className="card queue-card">
          <strong className="queue-count">{percent(totals.noResults, totals.searches)}</strong> found nothing
        </div>
        <div className="card queue-card">
          <strong className="queue-count">{percent(totals.clicked, totals.searches)}</strong> opened a result
        </div>
        <div className="card queue-card">
          <strong className="queue-count">{totals.deflections}</strong> {totals.deflections === 1 ? "question" : "questions"} not asked (deflections)
        </div>
      </section>

      <section className="card stack" aria-labelledby="top-title">
        <h2 id="top-title">Top searches</h2>
        {insights.top.length ? (
          <QueryTable rows={insights.top} withClicks />
        ) : (
          <p className="empty">No searches in this period.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="none-title">
        <h2 id="none-title">Searches with no results</h2>
        <p className="muted">The customers' words the community does not use yet. Map them to yours with a synonym, or write the article they were looking for.</p>
        {insights.noResults.length ? (
          <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Search</th>
                <th scope="col">Times</th>
                <th scope="col">Last</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {insights.noResults.map((row) => (
                <tr key={row.query}>
                  <td>{row.query}</td>
                  <td>{row.searches}</td>
                  <td>
                    <RelativeTime date={row.lastAt} />
                  </td>
                  <td>
                    <Link to={`/mod/synonyms?term=${encodeURIComponent(row.query)}`} className="button button-small">
                      Add a synonym<span className="visually-hidden"> for “{row.query}”</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : (
          <p className="empty">Every search found something.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="noclick-title">
        <h2 id="noclick-title">Results, but nobody opened one</h2>
        <p className="muted">The results did not look like answers: better titles, or an article, may help.</p>
        {insights.noClick.length ? (
          <QueryTable rows={insights.noClick} />
        ) : (
          <p className="empty">Every search with results had one opened.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="deflections-title">
        <h2 id="deflections-title">Deflections: questions answered before they were asked</h2>
        {insights.deflections.byTarget.length ? (
          <>
            <h3>Pages that answered the most</h3>
            <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Page</th>
                  <th scope="col">Deflections</th>
                </tr>
              </thead>
              <tbody>
                {insights.deflections.byTarget.map((row) => (
                  <tr key={`${row.kind}:${row.id}`}>
                    <td>{row.path ? <Link to={row.path}>{row.title}</Link> : row.title}</td>
                    <td>{row.deflections}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
            <h3>What they were about to ask</h3>
            <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Title typed</th>
                  <th scope="col">Answered by</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {insights.deflections.recent.map((row, i) => (
                  <tr key={i}>
                    <td>{row.query || "(no title)"}</td>
                    <td>{row.path ? <Link to={row.path}>{row.title}</Link> : row.title}</td>
                    <td>
                      <RelativeTime date={row.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </>
        ) : (
          <p className="empty">No deflections in this period.</p>
        )}
      </section>
    </div>
  );
}

type QueryRow = { query: string; searches: number; averageResults: number; clicks?: number };

/** Searches with how often they were made and what they found; with `withClicks`, how often a result was opened. */
function QueryTable({ rows, withClicks = false }: { rows: QueryRow[]; withClicks?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Search</th>
            <th scope="col">Times</th>
            <th scope="col">Results (average)</th>
            {withClicks ? <th scope="col">Opened a result</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.query}>
              <td>
                <Link to={searchLink(row.query)}>{row.query}</Link>
              </td>
              <td>{row.searches}</td>
              <td>{row.averageResults}</td>
              {withClicks ? <td>{percent(row.clicks ?? 0, row.searches)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
