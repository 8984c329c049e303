// What /mod/insights shows: the filter as typed (with its errors, if any),
// the categories to choose from, the figures, and the rising topics.
import type { Db } from "../../../db/client";
import { filterValuesOf, parseInsightsFilter, periodOf, type InsightsFilterErrors, type InsightsFilterValues } from "../../forms/insights";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { languageOf } from "../../i18n/messages.server";
import { getCategoryBySlug, listCategories } from "../forum/category.server";
import { insights, type Insights } from "./insights.server";
import { risingTopics, type RisingTopics } from "./rising-topics.server";

export type InsightsRequest =
  | { ok: true; values: InsightsFilterValues; from: Date; to: Date; categoryId: number | null }
  | { ok: false; values: InsightsFilterValues; errors: InsightsFilterErrors };

/** The filter of a request's parameters, checked (the category must exist). */
export function readInsightsFilter(db: Db, params: Record<string, unknown>, now: Date): InsightsRequest {
  const values = filterValuesOf(params);
  const parsed = parseInsightsFilter(params);
  const errors: InsightsFilterErrors = parsed.ok ? {} : { ...parsed.errors };
  const category = parsed.ok && parsed.filter.category ? getCategoryBySlug(db, parsed.filter.category) : null;
  if (parsed.ok && parsed.filter.category && !category) errors.category = "insights.errors.category";
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, values, errors };
  const { from, to } = periodOf(parsed.filter, now);
  return { ok: true, values, from, to, categoryId: category?.id ?? null };
}

export function insightsPageFor(db: Db, actor: Actor, params: Record<string, unknown>, now = new Date()) {
  assertCan(actor, "search.insights");
  const language = languageOf(actor);
  const categories = listCategories(db).map((c) => ({ slug: c.slug, name: c.translations?.[language]?.name || c.name }));
  const filter = readInsightsFilter(db, params, now);
  if (!filter.ok) return { values: filter.values, errors: filter.errors, categories, insights: null, rising: null };
  const figures: Insights = insights(db, actor, filter);
  const rising: RisingTopics = risingTopics(db, actor, { now: filter.to, categoryId: filter.categoryId });
  return { values: filter.values, errors: {} as InsightsFilterErrors, categories, insights: figures, rising };
}
