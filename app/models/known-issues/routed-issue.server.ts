// A known issue as its owning team is told of it (routing.server.ts): the
// staff's view — the team, the internal note, the counts — for the team's
// email and for the `data` of its webhook's "known_issue.routed" envelope
// (app/models/notify/webhook-envelope.server.ts reads it here, so this module
// imports nothing that writes webhooks). Only a team's route ever carries it.
import { and, count, eq, gt, lte } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import type { KnownIssueStatus, TeamRoute } from "../../../db/enums";
import { knownIssueMeToos, knownIssues, teams } from "../../../db/schema";
import { siteUrl } from "../notify/notification-email.server";

export type RoutingReason = "opened" | "me_too_surge";
export const ROUTING_REASONS: readonly RoutingReason[] = ["opened", "me_too_surge"];
/** The window a "me too" surge is counted over. */
export const ME_TOO_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Where staff open a known issue: its page, which shows staff its staff-only parts. */
export function knownIssueStaffUrl(issueId: number, origin = siteUrl()): string {
  return `${origin}/known-issues/${issueId}`;
}

/** The "me too" said on an issue in the 24 hours up to `now` (the index known_issue_me_toos_day_idx). */
export function meTooCountSince(db: DbOrTx, issueId: number, now: Date): number {
  return db
    .select({ n: count() })
    .from(knownIssueMeToos)
    .where(
      and(eq(knownIssueMeToos.knownIssueId, issueId), gt(knownIssueMeToos.createdAt, new Date(now.getTime() - ME_TOO_WINDOW_MS)), lte(knownIssueMeToos.createdAt, now)),
    )
    .get()!.n;
}

/** A known issue with its owning team and that team's route, or null when it does not exist. */
export function issueWithTeam(db: DbOrTx, issueId: number) {
  const row = db
    .select({ issue: knownIssues, team: teams })
    .from(knownIssues)
    .leftJoin(teams, eq(teams.id, knownIssues.teamId))
    .where(eq(knownIssues.id, issueId))
    .get();
  return row ?? null;
}

/** The `data` of a "known_issue.routed" envelope: the issue as staff see it, the team, and why it was sent. */
export type RoutedKnownIssue = {
  id: number;
  title: string;
  status: KnownIssueStatus;
  description: string;
  internalNote: string;
  team: { id: number; name: string; route: TeamRoute } | null;
  threadCount: number;
  meTooCount: number;
  meTooToday: number;
  reason: RoutingReason;
  url: string;
  createdAt: string;
  updatedAt: string;
};

export function routedKnownIssue(
  db: DbOrTx,
  subject: { id: number; reason?: string; meTooToday?: number },
  origin = siteUrl(),
  now = new Date(),
): RoutedKnownIssue | null {
  const found = issueWithTeam(db, subject.id);
  if (!found) return null;
  const { issue, team } = found;
  return {
    id: issue.id,
    title: issue.title,
    status: issue.status,
    description: issue.description,
    internalNote: issue.internalNote,
    team: team ? { id: team.id, name: team.name, route: team.route } : null,
    threadCount: issue.threadCount,
    meTooCount: issue.meTooCount,
    meTooToday: subject.meTooToday ?? meTooCountSince(db, issue.id, now),
    reason: subject.reason === "me_too_surge" ? "me_too_surge" : "opened",
    url: knownIssueStaffUrl(issue.id, origin),
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
  };
}
