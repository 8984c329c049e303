// The insights page's tables as CSV files (/mod/insights.csv?table=...):
// the same filter as the page, the same figures, headers in the reader's
// language. Times are in hours and shares in percent, to one decimal.
import type { Db } from "../../../db/client";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { actorT } from "../../i18n/messages.server";
import { toCsv, type CsvCell } from "./csv";
import { insights, type Figures } from "./insights.server";
import { METRICS, METRIC_FORMATS, type Metric } from "./metrics";
import { readInsightsFilter } from "./insights-page.server";
import { risingTopics } from "./rising-topics.server";

export const INSIGHT_TABLES = ["summary", "weekly", "contributors", "rising"] as const;
export type InsightTable = (typeof INSIGHT_TABLES)[number];

const HOUR_MS = 60 * 60 * 1000;
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** A figure as the file holds it: counts as they are, times in hours, shares in percent. */
export function csvValue(metric: Metric, value: number | null): number | null {
  if (value === null) return null;
  const format = METRIC_FORMATS[metric];
  return format === "duration" ? oneDecimal(value / HOUR_MS) : format === "percent" ? oneDecimal(value * 100) : value;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function insightsCsv(db: Db, actor: Actor, params: Record<string, unknown>, now = new Date()):
  | { ok: true; filename: string; body: string }
  | { ok: false; errors: string[] } {
  assertCan(actor, "search.insights");
  const t = actorT(actor);
  const table = INSIGHT_TABLES.find((name) => name === params.table);
  const filter = readInsightsFilter(db, params, now);
  const errors = [...(table ? [] : [t("insights.errors.table")]), ...(filter.ok ? [] : Object.values(filter.errors).map((key) => t(key!)))];
  if (!table || !filter.ok) return { ok: false, errors };

  const metricName = (metric: Metric) => {
    const unit = METRIC_FORMATS[metric];
    return unit === "count" ? t(`insights.metrics.${metric}`) : t(`insights.csv.${unit}Unit`, { name: t(`insights.metrics.${metric}`) });
  };
  let rows: CsvCell[][];
  if (table === "rising") {
    const rising = risingTopics(db, actor, { now: filter.to, categoryId: filter.categoryId });
    rows = [
      [t("insights.csv.term"), t("insights.csv.kind"), t("insights.csv.count"), t("insights.csv.baseline"), t("insights.csv.z"), t("insights.csv.sampleThreads"), t("insights.csv.sampleSearches")],
      ...rising.terms.map((term) => [
        term.term,
        term.kind,
        term.count,
        oneDecimal(term.baseline),
        oneDecimal(term.z),
        term.sampleThreads.map((thread) => thread.title).join("\n"),
        term.sampleSearches.join("\n"),
      ]),
    ];
  } else {
    const figures = insights(db, actor, filter);
    if (table === "summary") {
      const change = (metric: Metric) => {
        const now = csvValue(metric, figures.current[metric]);
        const before = csvValue(metric, figures.previous[metric]);
        return now === null || before === null ? null : oneDecimal(now - before);
      };
      rows = [
        [t("insights.csv.figure"), t("insights.csv.current"), t("insights.csv.previous"), t("insights.csv.change")],
        ...METRICS.map((metric) => [metricName(metric), csvValue(metric, figures.current[metric]), csvValue(metric, figures.previous[metric]), change(metric)]),
      ];
    } else if (table === "weekly") {
      const cells = (f: Figures) => METRICS.map((metric) => csvValue(metric, f[metric]));
      rows = [[t("insights.csv.weekStart"), t("insights.csv.weekEnd"), ...METRICS.map(metricName)], ...figures.weeks.map((week) => [day(week.start), day(new Date(week.end.getTime() - 1)), ...cells(week.figures)])];
    } else {
      rows = [
        [t("insights.csv.username"), t("insights.csv.displayName"), t("insights.csv.answers")],
        ...figures.topContributors.map((c) => [c.username, c.displayName, c.answers]),
      ];
    }
  }
  return { ok: true, filename: `insights-${table}-${day(filter.from)}-${day(new Date(filter.to.getTime() - 1))}.csv`, body: toCsv(rows) };
}
