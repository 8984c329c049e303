import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { requireUser } from "~/auth/current-user.server";
import { describedBy, FieldError } from "~/components/field";
import { InsightChart } from "~/components/insight-chart";
import { INSIGHT_PERIODS } from "~/forms/insights";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import type { Language } from "~/i18n/languages";
import { METRICS, METRIC_FORMATS, SITE_WIDE_METRICS, type Metric } from "~/models/insights/metrics";
import { insightsPageFor } from "~/models/insights/insights-page.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("insights.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(insightsPageFor(context.db, user, Object.fromEntries(new URL(request.url).searchParams)));
}

type Figures = Record<Metric, number | null>;

const HOUR_MS = 60 * 60 * 1000;

/** A figure in the reader's language: a count, a time (minutes, hours or days), or a percentage. */
function formatFigure(metric: Metric, value: number | null, language: Language): string {
  if (value === null) return "—";
  const format = METRIC_FORMATS[metric];
  if (format === "count") return value.toLocaleString(language);
  if (format === "percent") return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(value);
  const hours = value / HOUR_MS;
  const [amount, unit] = hours < 1 ? [hours * 60, "minute"] : hours < 48 ? [hours, "hour"] : [hours / 24, "day"];
  return new Intl.NumberFormat(language, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 1 }).format(amount);
}

/** The change from the period before: a signed count, time, or percentage points. */
function formatChange(metric: Metric, now: number | null, before: number | null, language: Language, t: TFunction): string {
  if (now === null || before === null) return "—";
  const delta = now - before;
  if (delta === 0) return t("insights.noChange");
  const sign = delta > 0 ? "+" : "−";
  if (METRIC_FORMATS[metric] === "percent") {
    return t("insights.points", { value: `${sign}${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(Math.abs(delta) * 100)}` });
  }
  return `${sign}${formatFigure(metric, Math.abs(delta), language)}`;
}


export default function Insights() {
  const data = useLoaderData<typeof loader>();
  const { values, errors, categories, insights, rising } = data;
  const t = useT();
  const language = useLanguage();
  const error = (field: keyof typeof values) => (errors[field] ? t(errors[field]!) : undefined);
  const query = new URLSearchParams(values).toString();
  const shortDate = (iso: string) => new Intl.DateTimeFormat(language, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(iso));
  const longDate = (iso: string) => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

  return (
    <div className="stack-lg insights">
      <p className="lede">{t("insights.lede")}</p>

      <Form method="get" className="card insights-filter" aria-labelledby="insights-filter-title">
        <h2 id="insights-filter-title" className="visually-hidden">
          {t("insights.filter.title")}
        </h2>
        <div className={`field${errors.period ? " field-invalid" : ""}`}>
          <label htmlFor="insights-period">{t("insights.filter.period")}</label>
          <select id="insights-period" name="period" defaultValue={values.period} aria-invalid={errors.period ? true : undefined} aria-describedby={describedBy("period", error("period"))}>
            {INSIGHT_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`insights.filter.periods.${period}`)}
              </option>
            ))}
          </select>
          <FieldError name="period" error={error("period")} />
        </div>
        <div className={`field${errors.from ? " field-invalid" : ""}`}>
          <label htmlFor="insights-from">{t("insights.filter.from")}</label>
          <input id="insights-from" type="date" name="from" defaultValue={values.from} aria-invalid={errors.from ? true : undefined} aria-describedby={describedBy("from", error("from"), true)} />
          <p className="field-hint" id="from-hint">
            {t("insights.filter.customHint")}
          </p>
          <FieldError name="from" error={error("from")} />
        </div>
        <div className={`field${errors.to ? " field-invalid" : ""}`}>
          <label htmlFor="insights-to">{t("insights.filter.to")}</label>
          <input id="insights-to" type="date" name="to" defaultValue={values.to} aria-invalid={errors.to ? true : undefined} aria-describedby={describedBy("to", error("to"))} />
          <FieldError name="to" error={error("to")} />
        </div>
        <div className={`field${errors.category ? " field-invalid" : ""}`}>
          <label htmlFor="insights-category">{t("insights.filter.category")}</label>
          <select id="insights-category" name="category" defaultValue={values.category} aria-invalid={errors.category ? true : undefined} aria-describedby={describedBy("category", error("category"))}>
            <option value="">{t("insights.filter.allCategories")}</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
            {errors.category && values.category ? <option value={values.category}>{values.category}</option> : null}
          </select>
          <FieldError name="category" error={error("category")} />
        </div>
        <button type="submit" className="button">
          {t("insights.filter.show")}
        </button>
      </Form>

      {!insights ? (
        <p className="empty">{t("insights.fixFilter")}</p>
      ) : (
        <>
          <p className="muted">
            {t("insights.periodLine", {
              from: longDate(insights.period.from),
              to: longDate(new Date(new Date(insights.period.to).getTime() - 1).toISOString()),
              previousFrom: longDate(insights.period.previousFrom),
            })}
          </p>

          <section className="stack" aria-labelledby="insights-figures-title">
            <div className="page-header-row">
              <h2 id="insights-figures-title">{t("insights.figuresTitle")}</h2>
              <a className="button button-small" href={`/mod/insights.csv?table=summary&${query}`} download>
                {t("insights.downloadCsv")}
                <span className="visually-hidden"> {t("insights.figuresTitle")}</span>
              </a>
            </div>
            <ul className="insights-grid">
              {METRICS.map((metric) => (
                <MetricCard key={metric} metric={metric} current={insights.current} previous={insights.previous} weeks={insights.weeks} shortDate={shortDate} />
              ))}
            </ul>
            <p className="muted">{t("insights.definitionsLead")}</p>
            <dl className="insights-definitions">
              {METRICS.map((metric) => (
                <div key={metric}>
                  <dt>{t(`insights.metrics.${metric}`)}</dt>
                  <dd>{t(`insights.definitions.${metric}`)}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="card stack" aria-labelledby="insights-weekly-title">
            <div className="page-header-row">
              <h2 id="insights-weekly-title">{t("insights.weeklyTitle")}</h2>
              <a className="button button-small" href={`/mod/insights.csv?table=weekly&${query}`} download>
                {t("insights.downloadCsv")}
                <span className="visually-hidden"> {t("insights.weeklyTitle")}</span>
              </a>
            </div>
            {/* Wider than a phone: a region the keyboard can reach and scroll. */}
            <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="insights-weekly-title">
              <table className="table insights-weekly">
                <thead>
                  <tr>
                    <th scope="col">{t("insights.week")}</th>
                    {METRICS.map((metric) => (
                      <th scope="col" key={metric}>
                        {t(`insights.metrics.${metric}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {insights.weeks.map((week) => (
                    <tr key={week.start}>
                      <th scope="row">{t("insights.weekOf", { date: shortDate(week.start) })}</th>
                      {METRICS.map((metric) => (
                        <td key={metric}>{formatFigure(metric, week.figures[metric], language)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card stack" aria-labelledby="insights-contributors-title">
            <div className="page-header-row">
              <h2 id="insights-contributors-title">{t("insights.contributorsTitle")}</h2>
              <a className="button button-small" href={`/mod/insights.csv?table=contributors&${query}`} download>
                {t("insights.downloadCsv")}
                <span className="visually-hidden"> {t("insights.contributorsTitle")}</span>
              </a>
            </div>
            {insights.topContributors.length ? (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("insights.contributor")}</th>
                      <th scope="col">{t("insights.metrics.answers")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {insights.topContributors.map((c) => (
                      <tr key={c.username}>
                        <td>
                          <Link to={`/u/${c.username}`}>{c.displayName || c.username}</Link>
                        </td>
                        <td>{c.answers.toLocaleString(language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="empty">{t("insights.noAnswers")}</p>
            )}
          </section>

          {rising ? (
            <section className="card stack" aria-labelledby="insights-rising-title">
              <div className="page-header-row">
                <h2 id="insights-rising-title">{t("insights.rising.title")}</h2>
                <a className="button button-small" href={`/mod/insights.csv?table=rising&${query}`} download>
                  {t("insights.downloadCsv")}
                  <span className="visually-hidden"> {t("insights.rising.title")}</span>
                </a>
              </div>
              <p className="muted">{t("insights.rising.lede")}</p>
              {rising.terms.length ? (
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t("insights.rising.term")}</th>
                        <th scope="col">{t("insights.rising.thisWeek")}</th>
                        <th scope="col">{t("insights.rising.usual")}</th>
                        <th scope="col">{t("insights.rising.z")}</th>
                        <th scope="col">{t("insights.rising.samples")}</th>
                        <th scope="col">{t("insights.rising.act")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rising.terms.map((term) => (
                        <tr key={`${term.kind}:${term.term}`}>
                          <td>
                            {term.term} <span className="muted">({t(`insights.rising.kinds.${term.kind}`)})</span>
                          </td>
                          <td>{term.count.toLocaleString(language)}</td>
                          <td>{term.baseline.toLocaleString(language, { maximumFractionDigits: 1 })}</td>
                          <td>{term.z.toLocaleString(language, { maximumFractionDigits: 1 })}</td>
                          <td>
                            <ul className="insights-samples">
                              {term.sampleThreads.map((thread) => (
                                <li key={thread.id}>
                                  <Link to={threadPath(thread)}>{thread.title}</Link>
                                </li>
                              ))}
                              {term.sampleSearches.map((search) => (
                                <li key={`q:${search}`}>
                                  <Link to={`/search?q=${encodeURIComponent(search)}`}>{search}</Link>
                                </li>
                              ))}
                            </ul>
                          </td>
                          <td>
                            <Link to={`/mod/known-issues/new?term=${encodeURIComponent(term.term)}`}>
                              {t("insights.rising.openKnownIssue")}
                              <span className="visually-hidden"> ({term.term})</span>
                            </Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p className="empty">{t("insights.rising.none")}</p>
              )}
            </section>
          ) : null}
        </>
      )}
    </div>
  );

  function MetricCard({ metric, current, previous, weeks, shortDate }: {
    metric: Metric;
    current: Figures;
    previous: Figures;
    weeks: { start: string; figures: Figures }[];
    shortDate: (iso: string) => string;
  }) {
    const name = t(`insights.metrics.${metric}`);
    return (
      <li className="card insights-card">
        <h3>{name}</h3>
        <p className="insights-value">{formatFigure(metric, current[metric], language)}</p>
        <p className="muted">
          {t("insights.previous", { value: formatFigure(metric, previous[metric], language) })}
          {" · "}
          {t("insights.change", { value: formatChange(metric, current[metric], previous[metric], language, t) })}
        </p>
        {SITE_WIDE_METRICS.has(metric) && values.category ? <p className="field-hint">{t("insights.siteWide")}</p> : null}
        <InsightChart
          title={t("insights.chartTitle", { name })}
          description={t("insights.chartDescription", { name, count: weeks.length })}
          columnLabels={[t("insights.week"), name]}
          points={weeks.map((week) => ({ label: shortDate(week.start), value: week.figures[metric], text: formatFigure(metric, week.figures[metric], language) }))}
        />
      </li>
    );
  }
}
