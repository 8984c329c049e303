// How the audit log names each recorded action, in the reader's language.
// The actions a model may record are this list (AuditAction): one that is not
// listed is a type error where it is recorded, and a test checks that each
// has its words in every catalogue (mod.auditActions.<action>). A row
// written before its action was listed reads from its key ("thread.lock" →
// "thread lock"), so nothing is hidden.
import type { TFunction } from "i18next";

export const AUDIT_ACTIONS = [
  "user.role_change",
  "user.suspend",
  "user.unsuspend",
  "settings.update",
  "settings.rewards",
  "settings.kb_review",
  "settings.follow_up",
  "flag.dismissed",
  "flag.actioned",
  "post.delete",
  "post.restore",
  "post.hide",
  "post.unhide",
  "post.edit",
  "thread.lock",
  "thread.unlock",
  "thread.pin",
  "thread.unpin",
  "thread.move",
  "thread.duplicate",
  "thread.reopen",
  "settings.needs_attention",
  "thread.escalate",
  "escalation.close",
  "answer.thank",
  "article.create",
  "article.promote",
  "article.edit",
  "article.restore",
  "article.publish",
  "article.unpublish",
  "article.archive",
  "article.review_request",
  "article.review_resolve",
  "synonym.add",
  "synonym.remove",
  "early_access.publish",
  "early_access.edit",
  "early_access.delete",
  "early_access.grant",
  "early_access.revoke",
  "outbox.retry",
  "incident.open",
  "incident.update",
  "incident.resolve",
  "incident.edit",
  "incident.link",
  "incident.unlink",
  "settings.accounts",
  "sso.provider_add",
  "sso.provider_edit",
  "sso.provider_remove",
  "sso.refused",
  "user.delete",
  "user.export",
  "user.two_factor_reset",
  "post.approve",
  "post.reject",
  "post.auto_hide",
  "category.update",
  "api_token.create",
  "api_token.revoke",
  "bot.create",
  "webhook.create",
  "webhook.edit",
  "webhook.delete",
  "webhook.disable",
  "webhook.enable",
  "webhook.redeliver",
  "webhook.ping",
  "site.export",
  "site.export_download",
  "known_issue.create",
  "known_issue.edit",
  "known_issue.status",
  "known_issue.link",
  "known_issue.unlink",
  "known_issue.merge",
  "team.create",
  "team.edit",
  "team.delete",
  "idea.status",
] as const;

/** An action the audit log records. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const KNOWN = new Set<string>(AUDIT_ACTIONS);

export function hasAuditLabel(action: string): action is AuditAction {
  return KNOWN.has(action);
}

/** The catalogue key of an action's label ("mod.auditActions.thread.lock"); null for an unknown action. */
export function auditLabelKey(action: string): string | null {
  return hasAuditLabel(action) ? `mod.auditActions.${action}` : null;
}

/**
 * An action in the reader's words. A flag acted on says how (a flagged
 * post deleted reads as such, not as "acted on a flag").
 */
export function auditLabel(t: TFunction, action: string, details?: Record<string, unknown>): string {
  if (action === "flag.actioned" && details?.decision === "delete") return t("mod.auditActions.flag.deleted");
  const key = auditLabelKey(action);
  return key ? t(key) : action.replace(/[._]/g, " ");
}
