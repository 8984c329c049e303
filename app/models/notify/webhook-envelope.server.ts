// A webhook delivery's envelope: { id, event, occurredAt, data }, where data
// is the event's object exactly as the API shows it (app/api/present.server.ts)
// to a visitor — or, for the staff-only events (a post hidden or deleted, a
// flag, an escalation), to staff; and a known issue routed to its team, as
// staff see it (app/models/known-issues/routed-issue.server.ts), sent to that
// team's webhook only. Built once per event at its first delivery attempt
// and kept, so every webhook, retry and redelivery gets the same bytes.
//
// An object a visitor may no longer see (hidden or deleted since) is never
// sent in a visitor's event: the presenters answer null and the delivery is
// dropped (see webhook-delivery.server.ts).
import type { DbOrTx } from "../../../db/client";
import type { WebhookEvent } from "../../../db/enums";
import { isStaffEvent } from "../../forms/webhooks";
import {
  articleForApi,
  escalationForApi,
  flagForApi,
  incidentForApi,
  postForApi,
  threadForApi,
  userForApi,
  type ApiViewer,
} from "../../api/present.server";
import { routedKnownIssue } from "../known-issues/routed-issue.server";
import { getSiteSettings } from "../site/settings.server";
import { siteUrl } from "./notification-email.server";
import type { PendingEnvelope, WebhookSubject } from "./webhook-events.server";

export type WebhookEnvelope = { id: string; event: WebhookEvent | "ping"; occurredAt: string; data: unknown };

/** A visitor (nobody signed in), or staff for the staff-only events, in the site's language, with the site's links. */
export function envelopeViewer(db: DbOrTx, staff: boolean): ApiViewer {
  return {
    user: staff ? { id: 0, role: "admin", reputation: 0, createdAt: new Date(0) } : null,
    language: getSiteSettings(db).defaultLanguage,
    origin: siteUrl(),
  };
}

/** The object of an event as its viewer sees it now; null when that viewer may not see it (or it is gone). */
export function eventData(db: DbOrTx, event: WebhookEvent, subject: WebhookSubject): unknown {
  const viewer = envelopeViewer(db, isStaffEvent(event));
  switch (event) {
    case "thread.created":
      return threadForApi(db, viewer, subject.id);
    case "answer.posted":
    case "answer.accepted":
    case "post.hidden":
    case "post.deleted":
      return postForApi(db, viewer, subject.id);
    case "flag.raised":
      return flagForApi(db, viewer, subject.id);
    case "escalation.opened":
    case "escalation.closed":
      return escalationForApi(db, viewer, subject.id);
    case "incident.opened":
    case "incident.updated":
    case "incident.resolved":
      return incidentForApi(db, viewer, subject.id);
    case "article.published":
      return articleForApi(db, viewer, subject.id);
    case "user.joined":
      return userForApi(db, viewer, subject.id);
    case "rank.reached": {
      const user = userForApi(db, viewer, subject.id);
      return user ? { rank: subject.rank ?? "", user } : null;
    }
    case "known_issue.routed":
      // Only ever sent to the owning team's own webhook: the issue as staff see it.
      return routedKnownIssue(db, subject, viewer.origin);
  }
}

/** Whether a delivery's body is still the event's reference (its envelope not built yet). */
export function isPendingEnvelope(body: unknown): body is PendingEnvelope {
  return !!body && typeof body === "object" && "subject" in body && !("data" in body);
}

/** The envelope's text for a pending reference, or null when its object may not be shown (any more). */
export function buildEnvelope(db: DbOrTx, pending: PendingEnvelope): string | null {
  if (pending.event === "ping") return null;
  const data = eventData(db, pending.event, pending.subject);
  if (data === null || data === undefined) return null;
  const envelope: WebhookEnvelope = { id: pending.id, event: pending.event, occurredAt: pending.occurredAt, data };
  return JSON.stringify(envelope);
}
