// The knowledge base, search, status incidents and the leaderboard.
import { eq } from "drizzle-orm";
import { articles, ARTICLE_STATUSES, SEARCH_KINDS } from "../../../db/schema";
import { KB_SORTS } from "../../forms/kb";
import { SEARCH_SORTS, SEARCH_STATUSES } from "../../forms/search";
import { defineOperation } from "../operation.server";
import { articleForApi, incidentForApi } from "../present.server";
import { listArticlesForApi } from "../reads/article-list.server";
import { listIncidentsForApi } from "../reads/incident-list.server";
import { leaderboardForApi } from "../reads/leaderboard.server";
import { categoryNamed, found, SCOPE_PROBLEMS } from "../reads/lookups.server";
import { SEARCH_QUERY_MAX, searchForApi } from "../reads/search.server";
import {
  articleSchema,
  articleSummarySchema,
  cursorQuery,
  idParams,
  incidentSchema,
  incidentSummarySchema,
  leaderboardSchema,
  listOf,
  searchResultsSchema,
} from "../schemas";
import { z } from "../zod";

const slugParams = z.object({
  slug: z.string().min(1).max(200).openapi({ param: { name: "slug", in: "path" }, example: "reset-your-router" }),
});

export const contentReadOperations = [
  defineOperation({
    method: "get",
    path: "/articles",
    operationId: "listArticles",
    summary: "Knowledge-base articles",
    description: "Published articles, most helpful or newest first. Staff may list drafts and archived articles (`status`); for anyone else those lists are empty.",
    tags: ["Knowledge base"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    query: z.object({
      sort: z.enum(KB_SORTS).default("helpful"),
      status: z.enum(ARTICLE_STATUSES).default("published"),
      category: z.string().max(80).optional().openapi({ description: "A category's slug." }),
      ...cursorQuery,
    }),
    success: { description: "A page of articles.", schema: listOf(articleSummarySchema, "ArticleList") },
    handler: ({ db, caller, query }) => {
      const category = query.category ? categoryNamed(db, query.category, caller.language) : null;
      return { body: listArticlesForApi(db, caller, { sort: query.sort, status: query.status, categoryId: category?.id, cursor: query.cursor, limit: query.limit }) };
    },
  }),
  defineOperation({
    method: "get",
    path: "/articles/{slug}",
    operationId: "getArticle",
    summary: "A knowledge-base article",
    tags: ["Knowledge base"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    params: slugParams,
    success: { description: "The article.", schema: articleSchema },
    handler: ({ db, caller, params }) => {
      const row = db.select({ id: articles.id }).from(articles).where(eq(articles.slug, params.slug)).get();
      return { body: found(row ? articleForApi(db, caller, row.id) : null, caller.language) };
    },
  }),
  defineOperation({
    method: "get",
    path: "/search",
    operationId: "search",
    summary: "Search questions, answers and articles",
    description:
      "The site's search: every word must match (with the brand's synonyms); failing that, a misspelt word is corrected (`corrected`), then documents with some of the words are returned (`matched: any`). Twenty results a page, up to 50 pages.",
    tags: ["Search"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    query: z.object({
      q: z.string().trim().min(1).max(SEARCH_QUERY_MAX),
      category: z.string().max(80).optional().openapi({ description: "A category's slug." }),
      tag: z.string().max(40).optional(),
      status: z.enum(SEARCH_STATUSES).optional().openapi({ description: "Questions only, solved or not." }),
      type: z.enum(SEARCH_KINDS).optional(),
      sort: z.enum(SEARCH_SORTS).default("relevance"),
      cursor: cursorQuery.cursor,
    }),
    success: { description: "A page of results.", schema: searchResultsSchema },
    handler: ({ db, caller, query }) => {
      const category = query.category ? categoryNamed(db, query.category, caller.language) : null;
      return {
        body: searchForApi(db, caller, { q: query.q, categoryId: category?.id, tag: query.tag, status: query.status, type: query.type, sort: query.sort, cursor: query.cursor }),
      };
    },
  }),
  defineOperation({
    method: "get",
    path: "/incidents",
    operationId: "listIncidents",
    summary: "Status incidents, newest first",
    tags: ["Status"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    query: z.object({ status: z.enum(["open", "resolved"]).optional(), ...cursorQuery }),
    success: { description: "A page of incidents.", schema: listOf(incidentSummarySchema, "IncidentList") },
    handler: ({ db, caller, query }) => ({ body: listIncidentsForApi(db, caller, query) }),
  }),
  defineOperation({
    method: "get",
    path: "/incidents/{id}",
    operationId: "getIncident",
    summary: "A status incident with its updates",
    tags: ["Status"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    params: idParams,
    success: { description: "The incident.", schema: incidentSchema },
    handler: ({ db, caller, params }) => ({ body: found(incidentForApi(db, caller, params.id), caller.language) }),
  }),
  defineOperation({
    method: "get",
    path: "/leaderboard",
    operationId: "getLeaderboard",
    summary: "The members who helped most in a period",
    description: "Members only (not staff), ranked by the reputation gained in the period, overall or in one category: the top 50 and those tied with the last.",
    tags: ["Members"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    query: z.object({
      period: z.enum(["week", "month", "all"]).default("week"),
      category: z.string().max(80).optional().openapi({ description: "A category's slug." }),
    }),
    success: { description: "The board.", schema: leaderboardSchema },
    handler: ({ db, caller, query }) => {
      const category = query.category ? categoryNamed(db, query.category, caller.language) : null;
      return { body: leaderboardForApi(db, caller, query.period, category) };
    },
  }),
];
