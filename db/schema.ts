import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { ROLES, EMAIL_FREQUENCIES, POST_KINDS, FLAG_REASONS, SEARCH_KINDS, ARTICLE_STATUSES, REVIEW_REASONS, ANNOUNCEMENT_KINDS, SEVERITIES, WATCH_TARGETS, OUTBOX_KINDS, OUTBOX_STATUSES, ACCOUNT_TOKEN_PURPOSES, DATA_EXPORT_STATUSES, API_TOKEN_KINDS, WEBHOOK_DELIVERY_STATUSES, IMPORT_KINDS, IMPORT_RUN_STATUSES, SITE_EXPORT_STATUSES, CATEGORY_KINDS, KNOWN_ISSUE_STATUSES, TEAM_ROUTES, IDEA_STATUSES, FIX_CHECK_ANSWERS } from "./enums";
import { LANGUAGES, type Language } from "../app/i18n/languages";

/** A brand's own words in other languages than the default, per field. */
export type BrandTranslations<F extends string> = Partial<Record<Language, Partial<Record<F, string>>>>;
// The closed lists of values live in ./enums, which the browser may import without drizzle.
export * from "./enums";



const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    bio: text("bio").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("member"),
    reputation: integer("reputation").notNull().default(1),
    // Set for accounts created with a generated password (create-admin): the
    // first thing such a user must do is choose their own.
    mustChangePassword: integer("must_change_password", { mode: "boolean" })
      .notNull()
      .default(false),
    // How notifications reach this user by email.
    emailNotifications: text("email_notifications", { enum: EMAIL_FREQUENCIES }).notNull().default("daily"),
    // A suspended user can read but not write until this moment.
    suspendedUntil: integer("suspended_until", { mode: "timestamp_ms" }),
    suspendReason: text("suspend_reason").notNull().default(""),
    // When the person proved they read mail at `email` (a confirmation link,
    // or a provider's email_verified). Until then no notification is emailed.
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    // Two-factor sign-in: the TOTP secret (base32), set up first, then
    // enabled once the person has entered a code from their app.
    totpSecret: text("totp_secret").notNull().default(""),
    totpEnabledAt: integer("totp_enabled_at", { mode: "timestamp_ms" }),
    // Set when the account was deleted: the row stays, anonymised, so the
    // person's posts stay under "a former member".
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    // The interface's language the member chose in their settings; null
    // follows the switcher's cookie, the browser, then the site's default.
    language: text("language", { enum: LANGUAGES }),
    // An account an admin made for an integration's bot token: it signs in
    // only through the API and is marked as a bot wherever it writes.
    isBot: integer("is_bot", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_username_lower_unique").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`),
    index("users_role_idx").on(t.role),
    index("users_created_at_idx").on(t.createdAt),
  ],
);

// Lucia v3 stores sessions here. expires_at is in seconds (the adapter's
// convention); created_at lets us cap a session's whole life at 90 days even
// though each visit slides its expiry forward.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

// Failed sign-in attempts, keyed by account ("account:<login>") and by
// address ("ip:<address>"), for throttling.
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_attempts_key_created_idx").on(t.key, t.createdAt)],
);

// Single-use links sent by email: a password reset, or the confirmation of
// an address (a new member's, or the new one they changed to). Only the
// token's SHA-256 is kept; `email` is the address being confirmed.
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull().default(""),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("account_tokens_hash_unique").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

// Two-factor recovery codes: ten per setup, each usable once, kept hashed.
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

// OpenID Connect providers configured by admins (those from the environment
// are not stored). The slug names the provider in URLs and identities.
export const oidcProviders = sqliteTable(
  "oidc_providers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    label: text("label").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecret: text("client_secret").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("oidc_providers_slug_unique").on(t.slug)],
);

// An account at a provider (its `sub`) linked to one of ours.
export const userIdentities = sqliteTable(
  "user_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    email: text("email").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_identities_subject_unique").on(t.provider, t.subject), index("user_identities_user_idx").on(t.userId)],
);

// "Download my data": prepared in the background, offered for 7 days.
export const dataExports = sqliteTable(
  "data_exports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: DATA_EXPORT_STATUSES }).notNull().default("pending"),
    content: text("content").notNull().default(""),
    createdAt: createdAt(),
    readyAt: integer("ready_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("data_exports_user_idx").on(t.userId, t.createdAt), index("data_exports_status_idx").on(t.status)],
);

export const categories = sqliteTable(
  "categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // The brand's words in other languages: { fr: { name, description } }.
    // `name` and `description` are the default; a missing one falls back to them.
    translations: text("translations", { mode: "json" }).$type<BrandTranslations<"name" | "description">>().notNull().default({}),
    position: integer("position").notNull().default(0),
    // "ideas": its threads are product ideas (one vote per member, a status).
    kind: text("kind", { enum: CATEGORY_KINDS }).notNull().default("questions"),
    createdAt: createdAt(),
  },
  (t) => [index("categories_position_idx").on(t.position)],
);

// Every staff action that changes someone else's standing or content:
// who did what, to what, why and when.
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: integer("target_id"),
    // JSON: what changed, e.g. {"from":"member","to":"moderator"}
    details: text("details").notNull().default("{}"),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_actor_idx").on(t.actorId, t.createdAt),
    index("audit_events_target_idx").on(t.targetType, t.targetId),
    index("audit_events_action_idx").on(t.action, t.createdAt),
  ],
);

// Site-wide settings an admin edits (brand name, tagline...), one JSON value
// per key.
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// One row whose number changes whenever something a visitor can see changes:
// the page cache compares it on every request, in every process. Triggers
// (migration 0009, written by hand) bump it inside the writing transaction,
// so a page read after a write returns never comes from an older cache entry.
export const pageVersion = sqliteTable("page_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});


// A question and its answers. Counters (answer count, score, last activity)
// are changed in the same transaction as the rows they count.
export const threads = sqliteTable(
  "threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    // The question's score, mirrored here so lists sort without a join.
    score: integer("score").notNull().default(0),
    answerCount: integer("answer_count").notNull().default(0),
    acceptedAnswerId: integer("accepted_answer_id"),
    viewCount: integer("view_count").notNull().default(0),
    lastActivityAt: integer("last_activity_at", { mode: "timestamp_ms" }).notNull(),
    lastActivityById: integer("last_activity_by_id").references(() => users.id),
    createdAt: createdAt(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    deletedById: integer("deleted_by_id").references(() => users.id),
    // Moderation: a locked thread takes no new answers or comments; a pinned one
    // stays on top of its category ("category") or of the home page ("home");
    // a duplicate points at the thread that answers it.
    lockedAt: integer("locked_at", { mode: "timestamp_ms" }),
    // Set while a moderator hides the question: the thread is out of lists and search.
    hiddenAt: integer("hidden_at", { mode: "timestamp_ms" }),
    pinnedIn: text("pinned_in", { enum: ["category", "home"] }),
    pinnedAt: integer("pinned_at", { mode: "timestamp_ms" }),
    duplicateOfId: integer("duplicate_of_id"),
    // The open incident (status announcement) this thread is about.
    incidentId: integer("incident_id").references(() => announcements.id),
    // "Did this solve your problem?": when to ask (set by the first answer),
    // when it was asked, and what the asker said.
    followUpDueAt: integer("follow_up_due_at", { mode: "timestamp_ms" }),
    followUpSentAt: integer("follow_up_sent_at", { mode: "timestamp_ms" }),
    followUpAnswer: text("follow_up_answer", { enum: ["solved", "not_solved"] }),
    followUpAnsweredAt: integer("follow_up_answered_at", { mode: "timestamp_ms" }),
    // The known issue this thread reports (one at a time). No foreign key, like
    // duplicateOfId: a known issue refers to an article, which refers to threads,
    // and the full export writes parents before the rows that refer to them.
    knownIssueId: integer("known_issue_id"),
    // A product idea (a thread in an "ideas" category): its status, the
    // reason a moderator gave, its votes. While ideaEarlyAccessAt is set the
    // status is told to early-access readers (and staff) only, and everyone
    // else reads ideaPublicStatus, the status before.
    ideaStatus: text("idea_status", { enum: IDEA_STATUSES }).notNull().default("open"),
    ideaPublicStatus: text("idea_public_status", { enum: IDEA_STATUSES }).notNull().default("open"),
    ideaStatusReason: text("idea_status_reason").notNull().default(""),
    ideaStatusChangedAt: integer("idea_status_changed_at", { mode: "timestamp_ms" }),
    ideaEarlyAccessAt: integer("idea_early_access_at", { mode: "timestamp_ms" }),
    ideaVoteCount: integer("idea_vote_count").notNull().default(0),
  },
  (t) => [
    index("threads_pinned_idx").on(t.pinnedIn, t.pinnedAt),
    // Few rows: lists read the hidden threads' ids through this partial index.
    index("threads_hidden_idx").on(t.hiddenAt).where(sql`hidden_at is not null`),
    index("threads_duplicate_of_idx").on(t.duplicateOfId),
    index("threads_incident_idx").on(t.incidentId),
    index("threads_follow_up_due_idx").on(t.followUpSentAt, t.followUpDueAt),
    index("threads_follow_up_answer_idx").on(t.followUpAnswer, t.followUpAnsweredAt),
    index("threads_created_idx").on(t.deletedAt, t.createdAt),
    index("threads_active_idx").on(t.deletedAt, t.lastActivityAt),
    index("threads_score_idx").on(t.deletedAt, t.score),
    index("threads_unanswered_idx").on(t.deletedAt, t.answerCount, t.createdAt),
    index("threads_category_created_idx").on(t.categoryId, t.deletedAt, t.createdAt),
    index("threads_category_active_idx").on(t.categoryId, t.deletedAt, t.lastActivityAt),
    index("threads_category_score_idx").on(t.categoryId, t.deletedAt, t.score),
    index("threads_author_idx").on(t.authorId, t.createdAt),
    // Accepted answers per member (leaderboards, badges).
    index("threads_accepted_answer_idx").on(t.acceptedAnswerId),
    index("threads_known_issue_idx").on(t.knownIssueId),
    // The ideas' lists: by votes, by status (the public's or early access's).
    index("threads_category_idea_votes_idx").on(t.categoryId, t.deletedAt, t.ideaVoteCount),
    index("threads_category_idea_public_status_idx").on(t.categoryId, t.ideaPublicStatus, t.ideaVoteCount),
    index("threads_category_idea_status_idx").on(t.categoryId, t.ideaStatus, t.ideaVoteCount),
  ],
);

// The question body, each answer and each comment. Markdown is rendered once,
// when written, and the sanitized HTML is stored beside the source.
export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    kind: text("kind", { enum: POST_KINDS }).notNull(),
    // For a comment: the question or answer it is under.
    parentId: integer("parent_id"),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    score: integer("score").notNull().default(0),
    createdAt: createdAt(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    editedById: integer("edited_by_id").references(() => users.id),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    deletedById: integer("deleted_by_id").references(() => users.id),
    // Hidden by a moderator (with a reason): out of sight for everyone but staff and the author.
    hiddenAt: integer("hidden_at", { mode: "timestamp_ms" }),
    hiddenById: integer("hidden_by_id").references(() => users.id),
    hiddenReason: text("hidden_reason").notNull().default(""),
    // Written by staff: shown as the brand's official answer.
    official: integer("official", { mode: "boolean" }).notNull().default(false),
    // Held for review (a new account's post, or one flagged as spam by
    // enough members): hidden as well, until a moderator approves or rejects it.
    heldAt: integer("held_at", { mode: "timestamp_ms" }),
    // Imported content: the original's address and its licence (CC BY-SA for
    // Stack Exchange), shown with the author's credit wherever it is read.
    sourceUrl: text("source_url"),
    sourceLicense: text("source_license"),
  },
  (t) => [
    // The review queue: few rows, read through a partial index.
    index("posts_held_idx").on(t.heldAt).where(sql`held_at is not null`),
    // A thread's posts by kind and time; the rest of the columns let the
    // insights' first-answer and answer counts read the index alone.
    index("posts_thread_idx").on(t.threadId, t.kind, t.createdAt, t.deletedAt, t.hiddenAt, t.authorId),
    index("posts_parent_idx").on(t.parentId),
    index("posts_author_kind_idx").on(t.authorId, t.kind, t.createdAt),
  ],
);

// Every version of a post's text, the first one included, so every earlier
// text can be read on its history page.
export const revisions = sqliteTable(
  "revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    editorId: integer("editor_id")
      .notNull()
      .references(() => users.id),
    title: text("title"),
    body: text("body").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("revisions_post_idx").on(t.postId, t.createdAt)],
);

export const tags = sqliteTable("tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const threadTags = sqliteTable(
  "thread_tags",
  {
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.tagId] }), index("thread_tags_tag_idx").on(t.tagId, t.threadId)],
);

export const votes = sqliteTable(
  "votes",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    value: integer("value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("votes_user_idx").on(t.userId)],
);

// The reputation ledger: every point a user has, with why, for which post and
// by whose action. users.reputation is kept equal to 1 + the sum of a user's rows.
export const reputationEvents = sqliteTable(
  "reputation_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    points: integer("points").notNull(),
    reason: text("reason").notNull(),
    postId: integer("post_id").references(() => posts.id),
    actorId: integer("actor_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("reputation_events_user_idx").on(t.userId, t.createdAt),
    index("reputation_events_source_idx").on(t.postId, t.actorId, t.reason),
    index("reputation_events_created_idx").on(t.createdAt),
  ],
);


export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    reporterId: integer("reporter_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: FLAG_REASONS }).notNull(),
    note: text("note").notNull().default(""),
    status: text("status", { enum: ["open", "dismissed", "actioned"] }).notNull().default("open"),
    createdAt: createdAt(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedById: integer("resolved_by_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("flags_post_reporter_unique").on(t.postId, t.reporterId),
    index("flags_status_idx").on(t.status, t.createdAt),
  ],
);

// Search. One document per searchable thing (a thread now, an article with the
// knowledge base): the filters live here, the words in the FTS5 table
// search_fts (created by a hand-written migration, rowid = this id). Only what
// every visitor may read is ever indexed.

export const searchDocuments = sqliteTable(
  "search_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: SEARCH_KINDS }).notNull(),
    refId: integer("ref_id").notNull(),
    categoryId: integer("category_id").references(() => categories.id),
    solved: integer("solved", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("search_documents_ref_unique").on(t.kind, t.refId),
    // "Newest first" over a common word walks this index instead of sorting every match.
    index("search_documents_created_idx").on(t.createdAt, t.id),
  ],
);

// The search log: every search, normalised, with its result count and the
// result clicked (the first one), if any. No user id: signed in or not is enough.
export const searchQueries = sqliteTable(
  "search_queries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    query: text("query").notNull(),
    resultCount: integer("result_count").notNull(),
    signedIn: integer("signed_in", { mode: "boolean" }).notNull(),
    clickedKind: text("clicked_kind", { enum: SEARCH_KINDS }),
    clickedId: integer("clicked_id"),
    clickedAt: integer("clicked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  // With the result count, the insights count searches and those that found nothing from the index alone.
  (t) => [index("search_queries_created_idx").on(t.createdAt, t.resultCount)],
);

// "This answered my question" on /ask: a question that was never posted.
export const deflections = sqliteTable(
  "deflections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    query: text("query").notNull(),
    targetKind: text("target_kind", { enum: SEARCH_KINDS }).notNull(),
    targetId: integer("target_id").notNull(),
    signedIn: integer("signed_in", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("deflections_created_idx").on(t.createdAt)],
);

// Customers' words mapped to the brand's: a search for `term` also looks for `synonym`.
export const searchSynonyms = sqliteTable(
  "search_synonyms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    term: text("term").notNull(),
    synonym: text("synonym").notNull(),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("search_synonyms_pair_unique").on(t.term, t.synonym)],
);

// The knowledge base. An article is the brand's official self-service text:
// written by a moderator, or promoted from a customer's answer (one article per
// answer at most), credited to that customer.

export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    status: text("status", { enum: ARTICLE_STATUSES }).notNull().default("draft"),
    // The answer it was promoted from, its thread, and the customer credited.
    sourceAnswerId: integer("source_answer_id").references(() => posts.id),
    sourceThreadId: integer("source_thread_id").references(() => threads.id),
    creditUserId: integer("credit_user_id").references(() => users.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    helpfulYes: integer("helpful_yes").notNull().default(0),
    helpfulNo: integer("helpful_no").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("articles_slug_unique").on(t.slug),
    uniqueIndex("articles_source_answer_unique").on(t.sourceAnswerId),
    index("articles_status_updated_idx").on(t.status, t.updatedAt),
    index("articles_status_helpful_idx").on(t.status, t.helpfulYes),
    index("articles_category_idx").on(t.categoryId, t.status, t.updatedAt),
    index("articles_source_thread_idx").on(t.sourceThreadId),
    index("articles_credit_idx").on(t.creditUserId),
  ],
);

export const articleTags = sqliteTable(
  "article_tags",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tagId] }), index("article_tags_tag_idx").on(t.tagId, t.articleId)],
);

// Every saved text of an article: number 1 is the first, each edit or restore adds one.
export const articleVersions = sqliteTable(
  "article_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    editorId: integer("editor_id")
      .notNull()
      .references(() => users.id),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("article_versions_number_unique").on(t.articleId, t.number)],
);

// "Was this helpful?": one answer per account, or per visitor cookie, changeable.
export const articleFeedback = sqliteTable(
  "article_feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id),
    userId: integer("user_id").references(() => users.id),
    visitorId: text("visitor_id"),
    helpful: integer("helpful", { mode: "boolean" }).notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("article_feedback_user_unique").on(t.articleId, t.userId),
    uniqueIndex("article_feedback_visitor_unique").on(t.articleId, t.visitorId),
  ],
);

// The moderators' review queue for articles that may be wrong or out of date.

export const articleReviews = sqliteTable(
  "article_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id),
    reason: text("reason", { enum: REVIEW_REASONS }).notNull(),
    detail: text("detail").notNull().default(""),
    requestedById: integer("requested_by_id").references(() => users.id),
    status: text("status", { enum: ["open", "resolved"] }).notNull().default("open"),
    resolution: text("resolution").notNull().default(""),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedById: integer("resolved_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("article_reviews_status_idx").on(t.status, t.createdAt),
    index("article_reviews_article_idx").on(t.articleId, t.status),
  ],
);

// A thank-you from the brand for an answer: once per answer, shown on it, credited to its author.
export const answerThanks = sqliteTable("answer_thanks", {
  postId: integer("post_id")
    .primaryKey()
    .references(() => posts.id),
  thankedById: integer("thanked_by_id")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

// Badges: each awarded once per user, automatically, with the post that earned it (if any).
export const userBadges = sqliteTable(
  "user_badges",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    badge: text("badge").notNull(),
    postId: integer("post_id").references(() => posts.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.badge] }), index("user_badges_badge_idx").on(t.badge, t.createdAt)],
);

// Announcements: early-access news for top contributors, and status
// announcements (incidents) shown to everyone while open.

export const announcements = sqliteTable(
  "announcements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ANNOUNCEMENT_KINDS }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    // Early access: hidden from readers after this moment.
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    // Status: how bad, where, and when it ended.
    severity: text("severity", { enum: SEVERITIES }),
    categoryId: integer("category_id").references(() => categories.id),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedById: integer("resolved_by_id").references(() => users.id),
  },
  (t) => [
    index("announcements_kind_created_idx").on(t.kind, t.createdAt),
    index("announcements_kind_resolved_idx").on(t.kind, t.resolvedAt),
  ],
);

// The updates posted on an incident, oldest first.
export const announcementUpdates = sqliteTable(
  "announcement_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    announcementId: integer("announcement_id")
      .notNull()
      .references(() => announcements.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("announcement_updates_announcement_idx").on(t.announcementId, t.createdAt)],
);

// Readers' comments on an early-access announcement: seen only by those who
// may read the announcement itself.
export const announcementComments = sqliteTable(
  "announcement_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    announcementId: integer("announcement_id")
      .notNull()
      .references(() => announcements.id),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("announcement_comments_announcement_idx").on(t.announcementId, t.createdAt)],
);

// Early access granted by a moderator, whatever the member's rank. A grant is
// in force until revoked; both carry a reason.
export const accessGrants = sqliteTable(
  "access_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    grantedById: integer("granted_by_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedById: integer("revoked_by_id").references(() => users.id),
    revokeReason: text("revoke_reason").notNull().default(""),
  },
  (t) => [index("access_grants_user_idx").on(t.userId, t.revokedAt), index("access_grants_created_idx").on(t.createdAt)],
);

// What a user watches: a thread, a category or a tag. "muted" silences a thread
// the user would otherwise watch (their own, for instance).

export const watches = sqliteTable(
  "watches",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    targetType: text("target_type", { enum: WATCH_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    level: text("level", { enum: ["watching", "muted"] }).notNull().default("watching"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.targetType, t.targetId] }),
    index("watches_target_idx").on(t.targetType, t.targetId, t.level),
  ],
);

// A user's notifications, written in the transaction of what caused them. The
// text is composed when read, from the rows referred to, so a renamed thread
// reads right and a deleted one drops out.
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    threadId: integer("thread_id").references(() => threads.id),
    postId: integer("post_id").references(() => posts.id),
    announcementId: integer("announcement_id").references(() => announcements.id),
    // JSON: what the kind needs beyond the references (a badge key, a rank name).
    data: text("data").notNull().default("{}"),
    createdAt: createdAt(),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    // Set once the notification has gone out by email (immediately or in a digest).
    emailedAt: integer("emailed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId, t.readAt),
    index("notifications_email_idx").on(t.emailedAt, t.userId),
  ],
);

// Side effects that leave the application: emails, and events for the
// support team's integrations (escalations). Written in the transaction of
// what caused them; the in-process worker delivers them with retries.

export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    userId: integer("user_id").references(() => users.id),
    toAddress: text("to_address").notNull().default(""),
    subject: text("subject").notNull().default(""),
    body: text("body").notNull().default(""),
    // JSON: the event for integrations (escalations), or extra headers.
    payload: text("payload").notNull().default("{}"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error").notNull().default(""),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("outbox_messages_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_messages_kind_idx").on(t.kind, t.createdAt),
    // The admins' list, newest first, with or without a status.
    index("outbox_messages_created_idx").on(t.createdAt),
    index("outbox_messages_status_created_idx").on(t.status, t.createdAt),
  ],
);

// A thread handed to the support team: open until a moderator closes it with a resolution.
export const escalations = sqliteTable(
  "escalations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    openedById: integer("opened_by_id")
      .notNull()
      .references(() => users.id),
    note: text("note").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    resolution: text("resolution").notNull().default(""),
    createdAt: createdAt(),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    closedById: integer("closed_by_id").references(() => users.id),
  },
  (t) => [index("escalations_status_idx").on(t.status, t.createdAt), index("escalations_thread_idx").on(t.threadId, t.status)],
);

// API tokens: personal (a member's own, /settings/tokens) or a bot's (made by
// an admin, /admin/api). Only the SHA-256 of the secret is kept; the prefix
// lets a person tell their tokens apart. scopes is a JSON array of API_SCOPES.
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: API_TOKEN_KINDS }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    scopes: text("scopes").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId, t.createdAt),
    index("api_tokens_kind_idx").on(t.kind, t.createdAt),
  ],
);

// Requests counted per token or per address, in fixed windows, shared by every
// server process (the layout rate-limiter-flexible's SQLite store reads).
export const apiRateLimits = sqliteTable("api_rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

// An admin's subscription of a URL to events. The secret signs every delivery.
// A webhook that keeps failing is disabled (disabledAt, with the reason).
// source "env" is the support team's escalation webhook from SUPPORT_WEBHOOK_URL.
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    secret: text("secret").notNull(),
    // JSON array of WEBHOOK_EVENTS.
    events: text("events").notNull(),
    source: text("source", { enum: ["admin", "env", "team"] }).notNull().default("admin"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    disabledReason: text("disabled_reason").notNull().default(""),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_created_idx").on(t.createdAt)],
);

// The webhooks' outbox and delivery log: one row per event per subscribed
// webhook, written in the transaction of the event's cause.
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    // The envelope's id: the same on a redelivery, so a receiver can ignore a repeat.
    eventId: text("event_id").notNull(),
    event: text("event").notNull(),
    // The envelope, exactly as it is sent.
    body: text("body").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    responseStatus: integer("response_status"),
    durationMs: integer("duration_ms"),
    lastError: text("last_error").notNull().default(""),
    createdAt: createdAt(),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
  ],
);

// Where imported rows came from: (source, kind, source id) → our row's id.
// An import looks a row up here before writing it, so a second run (or one
// resumed after an interruption) adds nothing twice.
export const importSources = sqliteTable(
  "import_sources",
  {
    source: text("source").notNull(),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    sourceId: text("source_id").notNull(),
    targetId: integer("target_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.kind, t.sourceId] }), index("import_sources_target_idx").on(t.kind, t.targetId)],
);

// One run of an importer: where it stands (the phase and the last row done,
// to resume), its counts and its final report (imported, skipped with reasons).
export const importRuns = sqliteTable(
  "import_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    source: text("source").notNull(),
    location: text("location").notNull(),
    status: text("status", { enum: IMPORT_RUN_STATUSES }).notNull().default("running"),
    phase: text("phase").notNull().default(""),
    // JSON: counts per phase, skipped rows with reasons, the checkpoint.
    state: text("state").notNull().default("{}"),
    startedAt: integer("started_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("import_runs_source_idx").on(t.source, t.startedAt)],
);

// A full export an admin asked for at /admin/export: prepared in the
// background into a file, offered to admins only.
export const siteExports = sqliteTable(
  "site_exports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestedById: integer("requested_by_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: SITE_EXPORT_STATUSES }).notNull().default("pending"),
    withSecrets: integer("with_secrets", { mode: "boolean" }).notNull().default(false),
    // Where the file is (relative to the exports folder), its size and how far it got.
    fileName: text("file_name").notNull().default(""),
    bytes: integer("bytes").notNull().default(0),
    progress: text("progress").notNull().default("{}"),
    error: text("error").notNull().default(""),
    createdAt: createdAt(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("site_exports_created_idx").on(t.createdAt), index("site_exports_status_idx").on(t.status)],
);

// A team of the brand that fixes things (firmware, billing, the app): where
// known issues are routed. Only staff ever read a team or its route.
export const teams = sqliteTable(
  "teams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    description: text("description").notNull().default(""),
    route: text("route", { enum: TEAM_ROUTES }).notNull().default("none"),
    routeEmail: text("route_email").notNull().default(""),
    // A route by webhook is a webhook of its own (source "team"): signed, retried and logged like the others.
    webhookId: integer("webhook_id").references(() => webhooks.id),
    // A known issue that gains this many "me too" in a day is sent to the team again.
    meTooThreshold: integer("me_too_threshold").notNull().default(5),
    createdAt: createdAt(),
  },
);

// One problem many customers report: threads are linked to it, customers
// follow its status on /known-issues. The owning team and the internal note
// are staff-only.
export const knownIssues = sqliteTable(
  "known_issues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    status: text("status", { enum: KNOWN_ISSUE_STATUSES }).notNull().default("investigating"),
    teamId: integer("team_id").references(() => teams.id),
    incidentId: integer("incident_id").references(() => announcements.id),
    articleId: integer("article_id").references(() => articles.id),
    internalNote: text("internal_note").notNull().default(""),
    threadCount: integer("thread_count").notNull().default(0),
    meTooCount: integer("me_too_count").notNull().default(0),
    // The day (UTC, ms at midnight) the "me too" surge was last sent to the team: once a day at most.
    meTooRoutedDay: integer("me_too_routed_day"),
    // A merged issue points at the one that took its threads (its page
    // redirects there). No foreign key: the full export's order is parents first.
    mergedIntoId: integer("merged_into_id"),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    fixedAt: integer("fixed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("known_issues_status_idx").on(t.mergedIntoId, t.status, t.updatedAt),
    index("known_issues_updated_idx").on(t.mergedIntoId, t.updatedAt),
    index("known_issues_team_idx").on(t.teamId),
  ],
);

// A known issue's public history: each status change with its note.
export const knownIssueUpdates = sqliteTable(
  "known_issue_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    knownIssueId: integer("known_issue_id")
      .notNull()
      .references(() => knownIssues.id),
    status: text("status", { enum: KNOWN_ISSUE_STATUSES }).notNull(),
    note: text("note").notNull().default(""),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("known_issue_updates_issue_idx").on(t.knownIssueId, t.createdAt)],
);

// "Me too": a member has the problem as well (once per issue).
export const knownIssueMeToos = sqliteTable(
  "known_issue_me_toos",
  {
    knownIssueId: integer("known_issue_id")
      .notNull()
      .references(() => knownIssues.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    // The linked thread the member said it on.
    threadId: integer("thread_id").references(() => threads.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.knownIssueId, t.userId] }), index("known_issue_me_toos_day_idx").on(t.knownIssueId, t.createdAt)],
);

// "Did the fix solve your problem?": asked of each linked thread's asker when
// the issue is marked fixed, and what they answered (staff read it on the issue's page).
export const knownIssueChecks = sqliteTable(
  "known_issue_checks",
  {
    knownIssueId: integer("known_issue_id")
      .notNull()
      .references(() => knownIssues.id),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
    answer: text("answer", { enum: FIX_CHECK_ANSWERS }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.knownIssueId, t.threadId] }), index("known_issue_checks_thread_idx").on(t.threadId, t.askedAt)],
);

// One member's vote for a product idea (separate from answers' votes): at most one each.
export const ideaVotes = sqliteTable(
  "idea_votes",
  {
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.userId] }),
    // "Trending": the votes of the last days, by idea.
    index("idea_votes_created_idx").on(t.createdAt, t.threadId),
    index("idea_votes_user_idx").on(t.userId),
  ],
);
