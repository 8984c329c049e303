// The insights' figures and how each reads; no server code, so the page's
// component may import it.
export const METRICS = [
  "asked",
  "firstAnswerMedian",
  "firstAnswerP90",
  "acceptedMedian",
  "acceptedP90",
  "solvedRate",
  "unansweredShare",
  "communityShare",
  "staffShare",
  "deflections",
  "deflectionRate",
  "searches",
  "searchesNoResults",
  "noResultsShare",
  "kbFeedback",
  "kbHelpfulRate",
  "contributors",
  "answers",
  "topShare",
] as const;
export type Metric = (typeof METRICS)[number];
export type MetricFormat = "count" | "duration" | "percent";
/** How each figure reads: a number of things, a time (milliseconds), or a share (0 to 1). */
export const METRIC_FORMATS: Record<Metric, MetricFormat> = {
  asked: "count",
  firstAnswerMedian: "duration",
  firstAnswerP90: "duration",
  acceptedMedian: "duration",
  acceptedP90: "duration",
  solvedRate: "percent",
  unansweredShare: "percent",
  communityShare: "percent",
  staffShare: "percent",
  deflections: "count",
  deflectionRate: "percent",
  searches: "count",
  searchesNoResults: "count",
  noResultsShare: "percent",
  kbFeedback: "count",
  kbHelpfulRate: "percent",
  contributors: "count",
  answers: "count",
  topShare: "percent",
};
/** Figures that do not depend on the category (the search log has none). */
export const SITE_WIDE_METRICS: ReadonlySet<Metric> = new Set(["searches", "searchesNoResults", "noResultsShare"]);

