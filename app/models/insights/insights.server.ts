// The community's figures for a period, for staff (/mod/insights): each for
// the period, for the period of the same length just before it, and week by
// week. Five statements over indexed columns (created_at ranges), each
// grouped by week and period in SQL; the questions are one read of the rows
// since the earliest day shown (bounded by the longest period), from which
// medians and 90th percentiles are taken by nearest rank: the smallest time
// within which at least half (nine in ten) of the questions had it.
//
// What is counted is what the public sees (visibility's public scope): a
// deleted or hidden thread or answer is in no figure.
import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../../db/client";
import { posts, threads } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { postSeenByAll, PUBLIC_SIGHT, visibleThreads } from "../visibility.server";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;
/** The trend shows at least this many weeks, so that even a 7-day period has a trend. */
export const MIN_TREND_WEEKS = 8;
/** How many of the busiest answerers "the top" is. */
export const TOP_CONTRIBUTORS = 10;

export { METRICS, METRIC_FORMATS, SITE_WIDE_METRICS, type Metric, type MetricFormat } from "./metrics";
import { METRICS, type Metric } from "./metrics";

/** A figure is null when there is nothing to measure (a median of no answers, a share of nothing). */
export type Figures = Record<Metric, number | null>;
export type InsightsInput = { from: Date; to: Date; categoryId?: number | null };
export type InsightWeek = { start: Date; end: Date; figures: Figures };
export type Insights = {
  period: { from: Date; to: Date; previousFrom: Date };
  current: Figures;
  previous: Figures;
  /** Oldest first; the last one ends at the period's end. */
  weeks: InsightWeek[];
  /** The busiest answerers of the period, most answers first. */
  topContributors: { username: string; displayName: string; answers: number }[];
};

type Bounds = { from: number; to: number; previousFrom: number; trendFrom: number; weekCount: number };

function boundsOf(input: InsightsInput): Bounds {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const length = Math.max(0, to - from);
  const weekCount = Math.max(MIN_TREND_WEEKS, Math.ceil(length / WEEK_MS));
  return { from, to, previousFrom: from - length, trendFrom: to - weekCount * WEEK_MS, weekCount };
}

const lowest = (b: Bounds) => Math.min(b.previousFrom, b.trendFrom);

/**
 * Each statement groups its rows by week (counted back from the period's
 * end: 0 is the last) and by period ("p": 0 the chosen one, 1 the one
 * before, 2 neither); `weekOf` and `periodOf` say so in SQL.
 */
const weekOf = (b: Bounds, ts: SQL) => sql`cast((${b.to} - ${ts}) / ${WEEK_MS} as integer)`;
const periodOf = (b: Bounds, ts: SQL) => sql`case when ${ts} >= ${b.from} then 0 when ${ts} >= ${b.previousFrom} then 1 else 2 end`;

type ThreadFact = { ts: number; firstAt: number | null; firstByStaff: number | null; acceptedAt: number | null; solved: number };

/**
 * One read of the questions asked since the earliest day shown (bounded by
 * the longest period): when asked, the first answer's time and whether staff
 * wrote it, the accepted answer's time, solved or not.
 */
function threadFacts(db: Db, b: Bounds, categoryId: number | null): ThreadFact[] {
  const firstAnswer = alias(posts, "first_answer");
  const acceptedAnswer = alias(posts, "accepted_answer");
  const candidate = alias(posts, "candidate");
  const inCategory = categoryId ? sql`and ${threads.categoryId} = ${categoryId}` : sql``;
  return db.all<ThreadFact>(sql`
    select ${threads.createdAt} as ts,
      ${firstAnswer.createdAt} as firstAt,
      first_author.role in ('moderator', 'admin') as firstByStaff,
      ${acceptedAnswer.createdAt} as acceptedAt,
      (${acceptedAnswer.id} is not null or ${threads.followUpAnswer} = 'solved') as solved
    from ${threads}
    left join ${posts} ${firstAnswer} on ${firstAnswer.id} = (
      select ${candidate.id} from ${posts} ${candidate}
      where ${candidate.threadId} = ${threads.id} and ${candidate.kind} = 'answer' and ${postSeenByAll(candidate)}
      order by ${candidate.createdAt}, ${candidate.id} limit 1)
    left join users first_author on first_author.id = ${firstAnswer.authorId}
    left join ${posts} ${acceptedAnswer} on ${acceptedAnswer.id} = ${threads.acceptedAnswerId} and ${postSeenByAll(acceptedAnswer)}
    where ${visibleThreads(PUBLIC_SIGHT)} ${inCategory}
      and ${threads.createdAt} >= ${lowest(b)} and ${threads.createdAt} < ${b.to}`);
}

type AnswerCount = { week: number; period: number; authorId: number; answers: number };

/**
 * The answers posted since the earliest day shown (on threads everyone
 * sees), counted per author, week and period. An answer moves its thread's
 * last activity to its own time, so the threads active since then hold
 * every such answer: the read starts from threads' last-activity index
 * rather than from every post.
 */
function answerCounts(db: Db, b: Bounds, categoryId: number | null): AnswerCount[] {
  const inCategory = categoryId ? sql`and ${threads.categoryId} = ${categoryId}` : sql``;
  const start = lowest(b);
  const ts = sql`${posts.createdAt}`;
  return db.all<AnswerCount>(sql`
    select ${weekOf(b, ts)} as week, ${periodOf(b, ts)} as period, ${posts.authorId} as authorId, count(*) as answers
    from ${threads} join ${posts} on ${posts.threadId} = ${threads.id} and ${posts.kind} = 'answer'
    where ${visibleThreads(PUBLIC_SIGHT)} ${inCategory} and ${threads.lastActivityAt} >= ${start}
      and ${postSeenByAll(posts)} and ${posts.createdAt} >= ${start} and ${posts.createdAt} < ${b.to}
    group by week, period, authorId`);
}

function contributorNames(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, { username: string; displayName: string }>();
  const rows = db.all<{ id: number; username: string; displayName: string }>(
    sql`select id, username, display_name as displayName from users where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

type CountRow = { week: number; period: number; total: number; part: number };

/** Searches in the log and those that found nothing (the log has no category: site-wide). */
function searchCounts(db: Db, b: Bounds): CountRow[] {
  const ts = sql`created_at`;
  return db.all<CountRow>(sql`
    select ${weekOf(b, ts)} as week, ${periodOf(b, ts)} as period, count(*) as total, sum(result_count = 0) as part
    from search_queries where created_at >= ${lowest(b)} and created_at < ${b.to} group by week, period`);
}

/** "This answered my question" on /ask; in a category, those whose thread or article is in it. */
function deflectionCounts(db: Db, b: Bounds, categoryId: number | null): CountRow[] {
  const inCategory = categoryId
    ? sql`and ${categoryId} = case deflections.target_kind
        when 'thread' then (select category_id from threads where threads.id = deflections.target_id)
        else (select category_id from articles where articles.id = deflections.target_id) end`
    : sql``;
  const ts = sql`created_at`;
  return db.all<CountRow>(sql`
    select ${weekOf(b, ts)} as week, ${periodOf(b, ts)} as period, count(*) as total, 0 as part
    from deflections where created_at >= ${lowest(b)} and created_at < ${b.to} ${inCategory} group by week, period`);
}

/** "Was this helpful?" answers given (or last changed) in the period, on the category's articles. */
function feedbackCounts(db: Db, b: Bounds, categoryId: number | null): CountRow[] {
  const inCategory = categoryId ? sql`and articles.category_id = ${categoryId}` : sql``;
  const ts = sql`article_feedback.updated_at`;
  return db.all<CountRow>(sql`
    select ${weekOf(b, ts)} as week, ${periodOf(b, ts)} as period, count(*) as total, sum(article_feedback.helpful) as part
    from article_feedback join articles on articles.id = article_feedback.article_id
    where article_feedback.updated_at >= ${lowest(b)} and article_feedback.updated_at < ${b.to} ${inCategory}
    group by week, period`);
}

const ratio = (part: number | null | undefined, whole: number | null | undefined) => (whole ? (part ?? 0) / whole : null);

/** Nearest rank: the smallest value at or below which at least `p` of the values lie (sorts `values`). */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  values.sort((x, y) => x - y);
  return values[Math.max(0, Math.ceil(p * values.length) - 1)]!;
}

function emptyFigures(): Figures {
  return Object.fromEntries(METRICS.map((metric) => [metric, null])) as Figures;
}

/** What one bucket (a period or a week) gathers before it becomes figures. */
class Tally {
  asked = 0;
  unanswered = 0;
  solved = 0;
  byStaff = 0;
  firstWaits: number[] = [];
  acceptedWaits: number[] = [];
  answersBy = new Map<number, number>();
  searches = 0;
  searchesNoResults = 0;
  deflections = 0;
  feedback = 0;
  helpful = 0;

  figures(): Figures {
    const f = emptyFigures();
    const answered = this.asked - this.unanswered;
    f.asked = this.asked;
    f.unansweredShare = ratio(this.unanswered, this.asked);
    f.solvedRate = ratio(this.solved, this.asked);
    f.staffShare = ratio(this.byStaff, answered);
    f.communityShare = ratio(answered - this.byStaff, answered);
    f.firstAnswerMedian = percentile(this.firstWaits, 0.5);
    f.firstAnswerP90 = percentile(this.firstWaits, 0.9);
    f.acceptedMedian = percentile(this.acceptedWaits, 0.5);
    f.acceptedP90 = percentile(this.acceptedWaits, 0.9);
    const counts = [...this.answersBy.values()].sort((x, y) => y - x);
    const answers = counts.reduce((sum, n) => sum + n, 0);
    f.contributors = counts.length;
    f.answers = answers;
    f.topShare = ratio(counts.slice(0, TOP_CONTRIBUTORS).reduce((sum, n) => sum + n, 0), answers);
    f.searches = this.searches;
    f.searchesNoResults = this.searchesNoResults;
    f.noResultsShare = ratio(this.searchesNoResults, this.searches);
    f.deflections = this.deflections;
    f.deflectionRate = ratio(this.deflections, this.deflections + this.asked);
    f.kbFeedback = this.feedback;
    f.kbHelpfulRate = ratio(this.helpful, this.feedback);
    return f;
  }
}

/**
 * The figures of a period (`from` included, `to` excluded) and a category
 * (or all), beside the period before and week by week. Staff only.
 */
export function insights(db: Db, actor: Actor, input: InsightsInput): Insights {
  assertCan(actor, "search.insights");
  const b = boundsOf(input);
  const categoryId = input.categoryId ?? null;
  const periods = [new Tally(), new Tally()];
  const weeks = Array.from({ length: b.weekCount }, () => new Tally());
  /** The tallies a row counts in: its period's (if any) and its week's (if shown). */
  const tallies = (week: number, period: number) => {
    const found: Tally[] = [];
    if (period < 2) found.push(periods[period]!);
    if (week >= 0 && week < b.weekCount) found.push(weeks[week]!);
    return found;
  };
  const weekOfTs = (ts: number) => Math.floor((b.to - ts) / WEEK_MS);
  const periodOfTs = (ts: number) => (ts >= b.from ? 0 : ts >= b.previousFrom ? 1 : 2);

  for (const fact of threadFacts(db, b, categoryId)) {
    for (const tally of tallies(weekOfTs(fact.ts), periodOfTs(fact.ts))) {
      tally.asked++;
      if (fact.solved) tally.solved++;
      if (fact.firstAt === null) tally.unanswered++;
      else {
        tally.firstWaits.push(fact.firstAt - fact.ts);
        if (fact.firstByStaff) tally.byStaff++;
      }
      if (fact.acceptedAt !== null) tally.acceptedWaits.push(fact.acceptedAt - fact.ts);
    }
  }
  for (const row of answerCounts(db, b, categoryId)) {
    for (const tally of tallies(row.week, row.period)) tally.answersBy.set(row.authorId, (tally.answersBy.get(row.authorId) ?? 0) + row.answers);
  }
  for (const row of searchCounts(db, b)) {
    for (const tally of tallies(row.week, row.period)) {
      tally.searches += row.total;
      tally.searchesNoResults += row.part;
    }
  }
  for (const row of deflectionCounts(db, b, categoryId)) for (const tally of tallies(row.week, row.period)) tally.deflections += row.total;
  for (const row of feedbackCounts(db, b, categoryId)) {
    for (const tally of tallies(row.week, row.period)) {
      tally.feedback += row.total;
      tally.helpful += row.part;
    }
  }

  const busiest = [...periods[0]!.answersBy.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, TOP_CONTRIBUTORS);
  const names = contributorNames(db, busiest.map(([id]) => id));
  return {
    period: { from: new Date(b.from), to: new Date(b.to), previousFrom: new Date(b.previousFrom) },
    current: periods[0]!.figures(),
    previous: periods[1]!.figures(),
    weeks: weeks
      .map((tally, k) => ({ start: new Date(b.to - (k + 1) * WEEK_MS), end: new Date(b.to - k * WEEK_MS), figures: tally.figures() }))
      .reverse(),
    topContributors: busiest.map(([id, answers]) => ({ username: names.get(id)?.username ?? "", displayName: names.get(id)?.displayName ?? "", answers })),
  };
}

/** Each figure's statement on its own, for the benchmark (scripts/bench/insights.ts) to time one by one. */
export function insightStatements(db: Db, input: InsightsInput): Record<string, () => unknown> {
  const b = boundsOf(input);
  const categoryId = input.categoryId ?? null;
  return {
    questions: () => threadFacts(db, b, categoryId),
    answers: () => answerCounts(db, b, categoryId),
    searches: () => searchCounts(db, b),
    deflections: () => deflectionCounts(db, b, categoryId),
    feedback: () => feedbackCounts(db, b, categoryId),
  };
}
