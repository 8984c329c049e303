// The demo's service status: one incident from last week, opened, updated and
// resolved by the moderator, linked to the thread where customers reported it.
// Written through the same model functions as the site.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { threads, type users } from "../db/schema";
import { linkThread, openIncident, postIncidentUpdate, resolveIncident } from "../app/models/moderation/incident.server";

type Person = typeof users.$inferSelect;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export function seedDemoStatus(db: Db, moderator: Person, now = Date.now()) {
  const opened = now - 9 * DAY + 0.5 * HOUR;
  const result = openIncident(
    db,
    moderator,
    {
      title: "Sign-in codes by SMS are arriving late",
      severity: "degraded",
      category: "account",
      body: "Some two-step verification codes sent by SMS are taking up to 30 minutes to arrive. Codes from the authenticator app are not affected.\n\nIf you are locked out, wait for the 30-minute timer to end before asking for a new code.",
    },
    new Date(opened),
  );
  if (!result.ok) throw new Error(`The demo incident was refused: ${JSON.stringify(result.errors)}`);
  const incidentId = result.incident.id;
  postIncidentUpdate(
    db,
    moderator,
    { incidentId, body: "Our SMS provider has found the delayed route and is moving traffic to another one. Codes should start arriving normally within the hour." },
    new Date(opened + 1.5 * HOUR),
  );
  resolveIncident(
    db,
    moderator,
    { incidentId, note: "Codes have been arriving normally since 11:30. Thank you for your patience, and for the reports in the community." },
    new Date(opened + 3 * HOUR),
  );
  const reported = db
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.title, "2FA code never arrives"))
    .get();
  if (reported) linkThread(db, moderator, { incidentId, thread: String(reported.id) });
  return incidentId;
}
