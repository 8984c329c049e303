// How the audit log names each recorded action. The actions a model may
// record are this list's keys (AuditAction): one without a label is a type
// error where it is recorded. A row written before a label existed reads
// from its key ("thread.lock" → "thread lock"), so nothing is hidden.

const LABELS = {
  "user.role_change": "Changed a role",
  "user.suspend": "Suspended a user",
  "user.unsuspend": "Lifted a suspension",
  "settings.update": "Changed the site settings",
  "settings.rewards": "Changed the reward rules",
  "settings.kb_review": "Changed the review rule",
  "settings.follow_up": "Changed the follow-up delay",
  "flag.dismissed": "Dismissed a flag",
  "flag.actioned": "Acted on a flag",
  "post.delete": "Deleted a post",
  "post.restore": "Restored a post",
  "post.hide": "Hid a post",
  "post.unhide": "Unhid a post",
  "post.edit": "Edited a post",
  "thread.lock": "Locked a thread",
  "thread.unlock": "Unlocked a thread",
  "thread.pin": "Pinned a thread",
  "thread.unpin": "Unpinned a thread",
  "thread.move": "Moved a thread",
  "thread.duplicate": "Closed a thread as a duplicate",
  "thread.reopen": "Reopened a duplicate",
  "settings.needs_attention": "Changed the “needs attention” delay",
  "thread.escalate": "Escalated a thread",
  "escalation.close": "Closed an escalation",
  "answer.thank": "Thanked a contributor",
  "article.create": "Wrote an article",
  "article.promote": "Promoted an answer to the knowledge base",
  "article.edit": "Edited an article",
  "article.restore": "Restored an article version",
  "article.publish": "Published an article",
  "article.unpublish": "Unpublished an article",
  "article.archive": "Archived an article",
  "article.review_request": "Asked for an article review",
  "article.review_resolve": "Resolved an article review",
  "synonym.add": "Added a synonym",
  "synonym.remove": "Removed a synonym",
  "early_access.publish": "Published an early-access announcement",
  "early_access.edit": "Edited an early-access announcement",
  "early_access.delete": "Deleted an early-access announcement",
  "early_access.grant": "Granted early access",
  "early_access.revoke": "Revoked early access",
  "outbox.retry": "Retried an email or event",
  "incident.open": "Opened an incident",
  "incident.update": "Posted an incident update",
  "incident.resolve": "Resolved an incident",
  "incident.edit": "Edited an incident",
  "incident.link": "Linked a thread to an incident",
  "incident.unlink": "Unlinked a thread from an incident",
  "settings.accounts": "Changed the account rules",
  "sso.provider_add": "Added a sign-in provider",
  "sso.provider_edit": "Changed a sign-in provider",
  "sso.provider_remove": "Removed a sign-in provider",
  "sso.refused": "Refused a single sign-on",
  "user.delete": "Deleted an account",
  "user.export": "Prepared a member's data",
  "user.two_factor_reset": "Turned off a member's two-factor sign-in",
  "post.approve": "Approved a post held for review",
  "post.reject": "Rejected a post held for review",
  "post.auto_hide": "Hid a post flagged as spam",
} as const satisfies Record<string, string>;

/** An action the audit log records. */
export type AuditAction = keyof typeof LABELS;

export function hasAuditLabel(action: string): boolean {
  return Object.hasOwn(LABELS, action);
}

export function auditLabel(action: string): string {
  return hasAuditLabel(action) ? LABELS[action as AuditAction] : action.replace(/[._]/g, " ");
}
