// The shapes the API answers with, shared by the operations, the webhooks'
// envelopes and the OpenAPI document (each registered under its name).
// Dates are ISO 8601 strings; ids are integers; links are absolute URLs.
import { z } from "./zod";

export const isoDate = z.string().datetime({ offset: true }).openapi({ example: "2026-03-14T09:26:53.589Z" });

export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: "id", in: "path" }, example: 42 }) });

export const userRefSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    url: z.string().url().openapi({ description: "The member's profile page." }),
    bot: z.boolean().openapi({ description: "An integration's bot account, not a person." }),
  })
  .nullable()
  .openapi("UserRef", { description: "A post's author; null for a former member (a deleted account)." });

export const categorySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string().openapi({ description: "In the caller's language when the brand translated it." }),
    description: z.string(),
    threadCount: z.number().int(),
    url: z.string().url(),
  })
  .openapi("Category");

export const listOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last one." }),
    })
    .openapi(name);

export const meSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(["member", "moderator", "admin"]),
    reputation: z.number().int(),
    bot: z.boolean(),
    language: z.enum(["en", "fr"]),
    token: z.object({ kind: z.enum(["personal", "bot"]), scopes: z.array(z.enum(["read", "write", "moderate"])) }),
  })
  .openapi("Me");

// ---------------------------------------------------------------------------
// The read side's objects: threads, posts, members, articles, incidents, and
// the staff-only flags and escalations. Built by app/api/present.server.ts.

export const cursorQuery = {
  cursor: z.string().max(512).optional().openapi({ description: "The `nextCursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(30).openapi({ description: "How many items a page holds (1 to 100)." }),
};

export const categoryRefSchema = z
  .object({ id: z.number().int(), slug: z.string(), name: z.string(), url: z.string().url() })
  .openapi("CategoryRef");

/**
 * A value or null, written as a union: the OpenAPI generator turns
 * `.nullable()` on a registered schema or an enum into a schema that still
 * refuses null (an `allOf` with the reference, an `enum` without null).
 */
export const orNull = <T extends z.ZodTypeAny>(schema: T) => z.union([schema, z.null()]);

const postFields = {
  id: z.number().int(),
  threadId: z.number().int(),
  kind: z.enum(["question", "answer", "comment"]),
  parentId: z.number().int().nullable().openapi({ description: "For a comment: the question or answer it is under." }),
  author: userRefSchema,
  body: z.string().openapi({ description: "The Markdown source." }),
  bodyHtml: z.string().openapi({ description: "The sanitised HTML the site shows." }),
  score: z.number().int(),
  official: z.boolean().openapi({ description: "Written by staff as the brand's official answer." }),
  accepted: z.boolean().openapi({ description: "The answer the asker accepted." }),
  createdAt: isoDate,
  editedAt: isoDate.nullable(),
  hidden: z.boolean().openapi({ description: "Hidden by a moderator (only its author and staff see it)." }),
  held: z.boolean().openapi({ description: "Held for review (only its author and staff see it)." }),
  deleted: z.boolean().openapi({ description: "Deleted (only staff see it)." }),
  hiddenReason: z.string().nullable().openapi({ description: "Why a moderator hid it, for its author and staff." }),
  url: z.string().url(),
};

export const postSchema = z.object(postFields).openapi("Post");

export const postWithCommentsSchema = z
  .object({ ...postFields, comments: z.array(postSchema).openapi({ description: "The comments under it, oldest first." }) })
  .openapi("PostWithComments");

const threadSummaryFields = {
  id: z.number().int(),
  title: z.string(),
  slug: z.string(),
  url: z.string().url(),
  category: categoryRefSchema,
  tags: z.array(z.string()),
  author: userRefSchema,
  score: z.number().int().openapi({ description: "The question's score." }),
  answerCount: z.number().int().openapi({ description: "Answers everyone may read." }),
  viewCount: z.number().int(),
  solved: z.boolean(),
  acceptedAnswerId: z.number().int().nullable(),
  locked: z.boolean(),
  pinned: z.boolean(),
  duplicateOfId: z.number().int().nullable().openapi({ description: "The question this one was closed as a duplicate of, when the caller may open it." }),
  incidentId: z.number().int().nullable().openapi({ description: "The status incident this question is about." }),
  hidden: z.boolean().openapi({ description: "Its question is hidden or held for review (only its asker and staff see it)." }),
  deleted: z.boolean().openapi({ description: "Deleted (only staff see it)." }),
  createdAt: isoDate,
  lastActivityAt: isoDate,
};

export const threadSummarySchema = z.object(threadSummaryFields).openapi("ThreadSummary");

export const threadSchema = z
  .object({
    ...threadSummaryFields,
    question: postWithCommentsSchema,
    answers: z.array(postWithCommentsSchema).openapi({ description: "The accepted answer first, then by score, then oldest first." }),
  })
  .openapi("Thread");

export const badgeSchema = z.object({ key: z.string(), earnedAt: isoDate }).openapi("Badge");

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    bio: z.string(),
    role: z.enum(["member", "moderator", "admin"]),
    bot: z.boolean(),
    reputation: z.number().int(),
    rank: z.string().openapi({ description: "The rank's name in the caller's language." }),
    badges: z.array(badgeSchema),
    questionCount: z.number().int().openapi({ description: "Questions everyone may read." }),
    answerCount: z.number().int().openapi({ description: "Answers everyone may read." }),
    suspendedUntil: isoDate.nullable(),
    createdAt: isoDate,
    url: z.string().url(),
  })
  .openapi("User");

export const articleSummaryFields = {
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  category: categoryRefSchema,
  tags: z.array(z.string()),
  status: z.enum(["draft", "published", "archived"]).openapi({ description: "Only staff see drafts and archived articles." }),
  helpfulYes: z.number().int(),
  helpfulNo: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
  publishedAt: isoDate.nullable(),
  url: z.string().url(),
};

export const articleSummarySchema = z.object(articleSummaryFields).openapi("ArticleSummary");

export const articleSchema = z
  .object({
    ...articleSummaryFields,
    body: z.string().openapi({ description: "The Markdown source." }),
    bodyHtml: z.string(),
    version: z.number().int(),
    author: userRefSchema,
    /** The member whose answer it was promoted from, if any. */
    credit: userRefSchema,
    sourceThreadId: z.number().int().nullable().openapi({ description: "The thread it was promoted from, when the caller may read it." }),
  })
  .openapi("Article");

const severity = z.enum(["information", "degraded", "outage"]);

export const incidentUpdateSchema = z
  .object({ id: z.number().int(), body: z.string(), bodyHtml: z.string(), author: userRefSchema, createdAt: isoDate })
  .openapi("IncidentUpdate");

const incidentSummaryFields = {
  id: z.number().int(),
  title: z.string(),
  severity,
  /** The area affected; null: every category. */
  category: orNull(categoryRefSchema),
  resolved: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  updateCount: z.number().int(),
  url: z.string().url(),
};

export const incidentSummarySchema = z.object(incidentSummaryFields).openapi("IncidentSummary");

export const incidentSchema = z
  .object({
    ...incidentSummaryFields,
    body: z.string(),
    bodyHtml: z.string(),
    updates: z.array(incidentUpdateSchema).openapi({ description: "Oldest first." }),
    threadIds: z.array(z.number().int()).openapi({ description: "The questions linked to it that the caller may read." }),
  })
  .openapi("Incident");

export const flagObjectSchema = z
  .object({
    id: z.number().int(),
    postId: z.number().int(),
    threadId: z.number().int(),
    reporter: userRefSchema,
    reason: z.enum(["spam", "offensive", "off-topic", "other"]),
    note: z.string(),
    status: z.enum(["open", "dismissed", "actioned"]),
    createdAt: isoDate,
    resolvedAt: isoDate.nullable(),
    postUrl: z.string().url(),
  })
  .openapi("Flag", { description: "Staff only." });

export const escalationSchema = z
  .object({
    id: z.number().int(),
    threadId: z.number().int(),
    threadTitle: z.string(),
    threadUrl: z.string().url(),
    openedBy: userRefSchema,
    note: z.string(),
    status: z.enum(["open", "closed"]),
    resolution: z.string(),
    createdAt: isoDate,
    closedAt: isoDate.nullable(),
    closedBy: userRefSchema,
  })
  .openapi("Escalation", { description: "Staff only." });

export type ApiUserRef = z.infer<typeof userRefSchema>;
export type ApiCategoryRef = z.infer<typeof categoryRefSchema>;
export type ApiPost = z.infer<typeof postSchema>;
export type ApiPostWithComments = z.infer<typeof postWithCommentsSchema>;
export type ApiThreadSummary = z.infer<typeof threadSummarySchema>;
export type ApiThread = z.infer<typeof threadSchema>;
export type ApiUser = z.infer<typeof userSchema>;
export type ApiArticleSummary = z.infer<typeof articleSummarySchema>;
export type ApiArticle = z.infer<typeof articleSchema>;
export type ApiIncidentSummary = z.infer<typeof incidentSummarySchema>;
export type ApiIncident = z.infer<typeof incidentSchema>;
export type ApiFlag = z.infer<typeof flagObjectSchema>;
export type ApiEscalation = z.infer<typeof escalationSchema>;

export const notificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ description: "answer, comment, accepted, mention, new_thread, thanked, badge, rank_up, ..." }),
    text: z.string().openapi({ description: "What it says, in the caller's language." }),
    url: z.string().url().openapi({ description: "Where it points." }),
    read: z.boolean(),
    createdAt: isoDate,
    threadId: z.number().int().nullable(),
    postId: z.number().int().nullable(),
  })
  .openapi("Notification");

const markedTextSchema = z
  .array(z.object({ text: z.string(), mark: z.boolean().openapi({ description: "A word the search looked for." }) }))
  .openapi("MarkedText", { description: "A text in parts; the marked ones are the words found." });

export const searchHitSchema = z
  .object({
    kind: z.enum(["thread", "article"]),
    id: z.number().int(),
    title: z.string(),
    snippet: z.string(),
    highlights: z.object({ title: markedTextSchema, snippet: markedTextSchema }),
    url: z.string().url(),
    category: orNull(categoryRefSchema),
    tags: z.array(z.string()),
    answerCount: z.number().int().openapi({ description: "A thread's answers (0 for an article)." }),
    score: z.number().int(),
    helpful: z.number().int().openapi({ description: "How many readers found an article helpful (0 for a thread)." }),
    solved: z.boolean(),
    createdAt: isoDate.openapi({ description: "When a thread was asked, or an article last updated." }),
  })
  .openapi("SearchHit");

export const searchResultsSchema = z
  .object({
    items: z.array(searchHitSchema),
    total: z.number().int(),
    matched: orNull(z.enum(["all", "any"])).openapi({ description: "all: every word matched; any: nothing had them all, so results have some." }),
    expanded: z.array(z.string()).openapi({ description: "The brand's words the synonyms added." }),
    corrected: z.string().nullable().openapi({ description: "The query the results are for, when what was typed found nothing." }),
    suggestion: z.string().nullable().openapi({ description: "A better-spelt query that finds something." }),
    nextCursor: z.string().nullable(),
  })
  .openapi("SearchResults");

export const leaderboardSchema = z
  .object({
    period: z.enum(["week", "month", "all"]),
    category: orNull(categoryRefSchema),
    items: z.array(
      z
        .object({
          position: z.number().int(),
          user: userRefSchema,
          reputation: z.number().int(),
          rank: z.string(),
          points: z.number().int().openapi({ description: "Reputation gained in the period." }),
          accepted: z.number().int().openapi({ description: "Accepted answers everyone may read, all time." }),
          badges: z.array(z.string()),
        })
        .openapi("LeaderboardEntry"),
    ),
  })
  .openapi("Leaderboard");

export type ApiNotification = z.infer<typeof notificationSchema>;
export type ApiSearchResults = z.infer<typeof searchResultsSchema>;
export type ApiLeaderboard = z.infer<typeof leaderboardSchema>;
