import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import type { Language } from "~/i18n/languages";
import { insightsParamsSchema, PERIODS } from "~/forms/search";
import { searchInsights } from "~/models/search/search-log.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.search.title") }];

const DAY = 24 * 60 * 60 * 1000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { days } = insightsParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const to = new Date();
  const from = new Date(to.getTime() - Number(days) * DAY);
  return json({ days, insights: searchInsights(context.db, user, { from, to }) });
}

/** "42%", "42 %": a whole percentage in the reader's language. */
function percent(part: number, whole: number, language: Language) {
  return whole ? new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(Math.round((100 * part) / whole) / 100) : "—";
}

function searchLink(query: string) {
  return `/search?q=${encodeURIComponent(query)}`;
}

export default function SearchInsights() {
  const { days, insights } = useLoaderData<typeof loader>();
  const { totals } = insights;
  const t = useT();
  const language = useLanguage();
  return (
    <div className="stack-lg">
      <div className="page-header-row">
        <p className="lede">{t("mod.search.lede")}</p>
        <Form method="get" className="period-form">
          <label htmlFor="period">{t("mod.search.period")}</label>
          <select id="period" name="days" defaultValue={days}>
            {Object.keys(PERIODS).map((value) => (
              <option key={value} value={value}>
                {t(`mod.search.periods.${value}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small">
            {t("mod.search.show")}
          </button>
        </Form>
      </div>

      <section className="queue-cards" aria-label={t("mod.search.totals")}>
        <div className="card queue-card">
          <strong className="queue-count">{totals.searches}</strong> {t("mod.search.searches")}
        </div>
        <div className="card queue-card">
          <strong className="queue-count">{percent(totals.noResults, totals.searches, language)}</strong> {t("mod.search.foundNothing")}
        </div>
        <div className="card queue-card">
          <strong className="queue-count">{percent(totals.clicked, totals.searches, language)}</strong> {t("mod.search.openedResult")}
        </div>
        <div className="card queue-card">
          <strong className="queue-count">{totals.deflections}</strong> {t("mod.search.notAsked", { count: totals.deflections })}
        </div>
      </section>

      <section className="card stack" aria-labelledby="top-title">
        <h2 id="top-title">{t("mod.search.topTitle")}</h2>
        {insights.top.length ? (
          <QueryTable rows={insights.top} withClicks />
        ) : (
          <p className="empty">{t("mod.search.noSearches")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="none-title">
        <h2 id="none-title">{t("mod.search.noResultsTitle")}</h2>
        <p className="muted">{t("mod.search.noResultsText")}</p>
        {insights.noResults.length ? (
          <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("mod.search.search")}</th>
                <th scope="col">{t("mod.search.times")}</th>
                <th scope="col">{t("mod.search.last")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("mod.search.action")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {insights.noResults.map((row) => (
                <tr key={row.query}>
                  <td data-label={t("mod.search.search")}>{row.query}</td>
                  <td data-label={t("mod.search.times")}>{row.searches}</td>
                  <td data-label={t("mod.search.last")}>
                    <RelativeTime date={row.lastAt} />
                  </td>
                  <td>
                    <Link to={`/mod/synonyms?term=${encodeURIComponent(row.query)}`} className="button button-small">
                      {t("mod.search.addSynonym")}
                      <span className="visually-hidden"> {t("mod.search.addSynonymFor", { query: row.query })}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : (
          <p className="empty">{t("mod.search.allFound")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="noclick-title">
        <h2 id="noclick-title">{t("mod.search.noClickTitle")}</h2>
        <p className="muted">{t("mod.search.noClickText")}</p>
        {insights.noClick.length ? (
          <QueryTable rows={insights.noClick} />
        ) : (
          <p className="empty">{t("mod.search.allOpened")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="deflections-title">
        <h2 id="deflections-title">{t("mod.search.deflectionsTitle")}</h2>
        {insights.deflections.byTarget.length ? (
          <>
            <h3>{t("mod.search.topPages")}</h3>
            <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("mod.search.page")}</th>
                  <th scope="col">{t("mod.search.deflections")}</th>
                </tr>
              </thead>
              <tbody>
                {insights.deflections.byTarget.map((row) => (
                  <tr key={`${row.kind}:${row.id}`}>
                    <td data-label={t("mod.search.page")}>{row.path ? <Link to={row.path}>{row.title}</Link> : row.title}</td>
                    <td data-label={t("mod.search.deflections")}>{row.deflections}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
            <h3>{t("mod.search.aboutToAsk")}</h3>
            <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("mod.search.titleTyped")}</th>
                  <th scope="col">{t("mod.search.answeredBy")}</th>
                  <th scope="col">{t("mod.search.when")}</th>
                </tr>
              </thead>
              <tbody>
                {insights.deflections.recent.map((row, i) => (
                  <tr key={i}>
                    <td data-label={t("mod.search.titleTyped")}>{row.query || t("mod.search.noTitle")}</td>
                    <td data-label={t("mod.search.answeredBy")}>{row.path ? <Link to={row.path}>{row.title}</Link> : row.title}</td>
                    <td data-label={t("mod.search.when")}>
                      <RelativeTime date={row.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          </>
        ) : (
          <p className="empty">{t("mod.search.noDeflections")}</p>
        )}
      </section>
    </div>
  );
}

type QueryRow = { query: string; searches: number; averageResults: number; clicks?: number };

/** Searches with how often they were made and what they found; with `withClicks`, how often a result was opened. */
function QueryTable({ rows, withClicks = false }: { rows: QueryRow[]; withClicks?: boolean }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <thead>
          <tr>
            <th scope="col">{t("mod.search.search")}</th>
            <th scope="col">{t("mod.search.times")}</th>
            <th scope="col">{t("mod.search.averageResults")}</th>
            {withClicks ? <th scope="col">{t("mod.search.openedColumn")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.query}>
              <td data-label={t("mod.search.search")}>
                <Link to={searchLink(row.query)}>{row.query}</Link>
              </td>
              <td data-label={t("mod.search.times")}>{row.searches}</td>
              <td data-label={t("mod.search.averageResults")}>{row.averageResults.toLocaleString(language)}</td>
              {withClicks ? <td data-label={t("mod.search.openedColumn")}>{percent(row.clicks ?? 0, row.searches, language)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
