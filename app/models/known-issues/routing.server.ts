// Routing a known issue to the team that owns it (issue #17): a new known
// issue, and one that gains the team's threshold of "me too" in a day, is
// sent to the team's route — an email through the outbox, or a delivery to
// the team's own webhook (event "known_issue.routed", signed, retried and
// logged like every webhook). Both are written inside the caller's
// transaction, so a rolled-back change sends nothing.
//
// The email is written in the site's default language (a team is not a
// person with a language of its own); the webhook's `data` is built by the
// worker at the first attempt (routed-issue.server.ts).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { knownIssues } from "../../../db/schema";
import { serverT } from "../../i18n/i18n.server";
import { siteUrl } from "../notify/notification-email.server";
import { queueOutboxMessages } from "../notify/outbox.server";
import { emitWebhookEventTo } from "../notify/webhook-events.server";
import { getSiteSettings } from "../site/settings.server";
import { issueWithTeam, knownIssueStaffUrl, meTooCountSince, type RoutingReason } from "./routed-issue.server";

export type { RoutingReason } from "./routed-issue.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const K = "teams.mail";

/** The UTC midnight (ms) of the day `now` falls in. */
export function utcDay(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS) * DAY_MS;
}

type Found = NonNullable<ReturnType<typeof issueWithTeam>>;

function routingEmail(tx: DbOrTx, found: Found, reason: RoutingReason, meTooToday: number) {
  const { issue, team } = found;
  const settings = getSiteSettings(tx);
  const t = serverT(settings.defaultLanguage);
  const origin = siteUrl();
  const brand = settings.brandName;
  const values = { brand, team: team!.name, title: issue.title, count: meTooToday, threshold: team!.meTooThreshold };
  const body = [
    t(`${K}.hello`, values),
    "",
    t(`${K}.intro.${reason}`, values),
    "",
    t(`${K}.title`, { title: issue.title }),
    t(`${K}.status`, { status: t(`knownIssues.status.${issue.status}`) }),
    t(`${K}.reason`, { reason: t(`${K}.reasons.${reason}`, values) }),
    t(`${K}.threads`, { count: issue.threadCount }),
    t(`${K}.meToos`, { count: issue.meTooCount, today: meTooToday }),
    "",
    t(`${K}.descriptionLabel`),
    issue.description || t(`${K}.none`),
    "",
    t(`${K}.noteLabel`),
    issue.internalNote || t(`${K}.none`),
    "",
    t(`${K}.open`, { url: knownIssueStaffUrl(issue.id, origin) }),
    "",
    "-- ",
    t(`${K}.why`, values),
    t(`${K}.change`, { url: `${origin}/admin/teams/${team!.id}` }),
  ].join("\n");
  return {
    kind: "email" as const,
    userId: null,
    toAddress: team!.routeEmail,
    subject: t(`${K}.subject.${reason}`, values),
    body,
    payload: { fromName: t(`${K}.fromName`, values) },
  };
}

/**
 * Sends the known issue to its team's route, inside the caller's
 * transaction: an email (route "email") or a delivery to the team's webhook
 * only (route "webhook"). Nothing without a team, with route "none", or for
 * an issue merged into another.
 */
export function routeKnownIssue(tx: DbOrTx, issueId: number, reason: RoutingReason, now: Date): void {
  const found = issueWithTeam(tx, issueId);
  if (!found?.team || found.issue.mergedIntoId !== null) return;
  const { team } = found;
  const meTooToday = meTooCountSince(tx, issueId, now);
  if (team.route === "email" && team.routeEmail) {
    queueOutboxMessages(tx, [routingEmail(tx, found, reason, meTooToday)], now);
  } else if (team.route === "webhook" && team.webhookId !== null) {
    emitWebhookEventTo(tx, team.webhookId, "known_issue.routed", { id: issueId, reason, meTooToday }, now);
  }
}

/**
 * After a "me too" (inside its transaction): when the issue's "me too" of
 * the last 24 hours reach its team's threshold, sends it to the team with the
 * reason "me_too_surge" — at most once per UTC day (meTooRoutedDay).
 */
export function routeMeTooSurge(tx: DbOrTx, issueId: number, now: Date): void {
  const found = issueWithTeam(tx, issueId);
  if (!found?.team || found.team.route === "none" || found.issue.mergedIntoId !== null) return;
  const today = utcDay(now);
  if (found.issue.meTooRoutedDay === today) return;
  if (meTooCountSince(tx, issueId, now) < found.team.meTooThreshold) return;
  tx.update(knownIssues).set({ meTooRoutedDay: today }).where(eq(knownIssues.id, issueId)).run();
  routeKnownIssue(tx, issueId, "me_too_surge", now);
}
