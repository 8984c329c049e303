// The insights page's filter (/mod/insights?period=&from=&to=&category=):
// a preset period or custom dates (UTC days, the "to" day included), and a
// category or all. Errors are catalogue keys, shown beside the filter.
import { z } from "zod";

export const INSIGHT_PERIODS = ["7", "30", "90", "custom"] as const;
export type InsightPeriodChoice = (typeof INSIGHT_PERIODS)[number];
export const DEFAULT_INSIGHT_PERIOD: InsightPeriodChoice = "30";
/** The longest custom period, in days: three years of weekly points at most. */
export const MAX_INSIGHT_DAYS = 1096;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of a YYYY-MM-DD day that exists (not 2025-02-30), else null. */
export function parseDay(value: string): Date | null {
  if (!ISO_DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? date : null;
}

const text = (max: number) => z.preprocess((v) => (typeof v === "string" ? v.trim() : v === undefined || v === null ? "" : v), z.string().max(max, "insights.errors.tooLong"));

export const insightsFilterSchema = z
  .object({
    period: z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? DEFAULT_INSIGHT_PERIOD : v),
      z.enum(INSIGHT_PERIODS, { errorMap: () => ({ message: "insights.errors.period" }) }),
    ),
    from: text(10),
    to: text(10),
    category: text(80),
  })
  .superRefine((value, ctx) => {
    if (value.period !== "custom") return;
    const from = value.from ? parseDay(value.from) : null;
    const to = value.to ? parseDay(value.to) : null;
    if (!value.from) ctx.addIssue({ code: "custom", path: ["from"], message: "insights.errors.fromMissing" });
    else if (!from) ctx.addIssue({ code: "custom", path: ["from"], message: "insights.errors.badDate" });
    if (!value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.errors.toMissing" });
    else if (!to) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.errors.badDate" });
    if (from && to) {
      if (from > to) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.errors.toBeforeFrom" });
      else if ((to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_INSIGHT_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "insights.errors.tooLongPeriod" });
    }
  });

export type InsightsFilterValues = { period: string; from: string; to: string; category: string };
export type InsightsFilterField = keyof InsightsFilterValues;
export type InsightsFilterErrors = Partial<Record<InsightsFilterField, string>>;

/** What was typed, as strings, to show again in the form. */
export function filterValuesOf(params: Record<string, unknown>): InsightsFilterValues {
  const s = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");
  return { period: s(params.period, 10) || DEFAULT_INSIGHT_PERIOD, from: s(params.from, 10), to: s(params.to, 10), category: s(params.category, 80) };
}

/** The filter, or its errors per field (catalogue keys). */
export function parseInsightsFilter(params: Record<string, unknown>):
  | { ok: true; filter: z.infer<typeof insightsFilterSchema> }
  | { ok: false; errors: InsightsFilterErrors } {
  const parsed = insightsFilterSchema.safeParse(params);
  if (parsed.success) return { ok: true, filter: parsed.data };
  const errors: InsightsFilterErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as InsightsFilterField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The period a filter means, as [from, to) instants: presets end now; custom days are whole UTC days, "to" included. */
export function periodOf(filter: { period: InsightPeriodChoice; from: string; to: string }, now: Date): { from: Date; to: Date } {
  if (filter.period === "custom") {
    const from = parseDay(filter.from)!;
    const to = new Date(parseDay(filter.to)!.getTime() + DAY_MS);
    return { from, to };
  }
  return { from: new Date(now.getTime() - Number(filter.period) * DAY_MS), to: now };
}
