// The closed lists of values the schema's columns take. Kept apart from
// schema.ts so that forms and components in the browser can import them
// without bringing drizzle into the page's JavaScript.

export const ROLES = ["member", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const EMAIL_FREQUENCIES = ["off", "immediate", "daily"] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];
export const POST_KINDS = ["question", "answer", "comment"] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const FLAG_REASONS = ["spam", "offensive", "off-topic", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const SEARCH_KINDS = ["thread", "article"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const ARTICLE_STATUSES = ["draft", "published", "archived"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const REVIEW_REASONS = ["feedback", "source_activity", "manual"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
export const ANNOUNCEMENT_KINDS = ["early_access", "status"] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];
export const SEVERITIES = ["information", "degraded", "outage"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const WATCH_TARGETS = ["thread", "category", "tag"] as const;
export type WatchTarget = (typeof WATCH_TARGETS)[number];
export const OUTBOX_KINDS = ["email", "escalation"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ["pending", "sent", "failed", "held"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const ACCOUNT_TOKEN_PURPOSES = ["password_reset", "email_verify"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];
export const DATA_EXPORT_STATUSES = ["pending", "ready", "failed"] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];
export const API_SCOPES = ["read", "write", "moderate"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/** A personal token acts as the member who made it; a bot token as a bot account an admin made. */
export const API_TOKEN_KINDS = ["personal", "bot"] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];
/** What a webhook may subscribe to; "ping" is only ever sent by an admin's "Send a test ping". */
export const WEBHOOK_EVENTS = [
  "thread.created",
  "answer.posted",
  "answer.accepted",
  "post.hidden",
  "post.deleted",
  "flag.raised",
  "escalation.opened",
  "escalation.closed",
  "incident.opened",
  "incident.updated",
  "incident.resolved",
  "article.published",
  "user.joined",
  "rank.reached",
] as const;
/**
 * Sent only to a team's own webhook (source "team", made on /admin/teams) when
 * a known issue is routed to the team: never one an admin's webhook subscribes to.
 */
export const TEAM_WEBHOOK_EVENTS = ["known_issue.routed"] as const;
export type TeamWebhookEvent = (typeof TEAM_WEBHOOK_EVENTS)[number];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | TeamWebhookEvent;
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
/** What an import keeps the source ids of, so a second run adds nothing twice. */
export const IMPORT_KINDS = ["user", "tag", "thread", "post", "revision", "vote", "link", "badge"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_RUN_STATUSES = ["running", "finished", "failed"] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];
export const SITE_EXPORT_STATUSES = ["pending", "running", "ready", "failed"] as const;
export type SiteExportStatus = (typeof SITE_EXPORT_STATUSES)[number];
/** What a category holds: questions (the default) or customers' product ideas. */
export const CATEGORY_KINDS = ["questions", "ideas"] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];
/** Where a known issue stands, as customers read it on /known-issues. */
export const KNOWN_ISSUE_STATUSES = ["investigating", "fix_planned", "fixed", "wont_fix"] as const;
export type KnownIssueStatus = (typeof KNOWN_ISSUE_STATUSES)[number];
/** How a team is told of a new known issue, or of one many customers report in a day. */
export const TEAM_ROUTES = ["none", "email", "webhook"] as const;
export type TeamRoute = (typeof TEAM_ROUTES)[number];
/** A product idea's status; "open" until a moderator reviews it. */
export const IDEA_STATUSES = ["open", "under_review", "planned", "in_progress", "done", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
/** What an asker said when asked again whether a known issue's fix solved their problem. */
export const FIX_CHECK_ANSWERS = ["solved", "not_solved"] as const;
export type FixCheckAnswer = (typeof FIX_CHECK_ANSWERS)[number];
