// The demo's service status: one incident from last week, opened, updated and
// resolved by the moderator, linked to the thread where customers reported it.
// Written through the same model functions as the site, each at the moment it
// happened, so the audit log dates them as the status page does.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { threads, type users } from "../db/schema";
import { linkThread, openIncident, postIncidentUpdate, resolveIncident } from "../app/models/moderation/incident.server";
import type { Language } from "../app/i18n/languages";
import { demoThreadTitle } from "./demo-threads/index";

type Person = typeof users.$inferSelect;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Where customers reported it (a thread's key, the same in every language). */
const REPORTED_IN = "sms-code-missing";

const WORDS: Record<Language, { title: string; body: string; update: string; resolution: string }> = {
  en: {
    title: "Sign-in codes by SMS are arriving late",
    body: "Some two-step verification codes sent by SMS are taking up to 30 minutes to arrive. Codes from the authenticator app are not affected.\n\nIf you are locked out, wait for the 30-minute timer to end before asking for a new code.",
    update: "Our SMS provider has found the delayed route and is moving traffic to another one. Codes should start arriving normally within the hour.",
    resolution: "Codes have been arriving normally since 11:30. Thank you for your patience, and for the reports in the community.",
  },
  fr: {
    title: "Les codes de connexion par SMS arrivent en retard",
    body: "Certains codes de double authentification envoyés par SMS mettent jusqu'à 30 minutes à arriver. Les codes de l'application d'authentification ne sont pas concernés.\n\nSi votre compte est bloqué, attendez la fin du délai de 30 minutes avant de redemander un code.",
    update: "Notre prestataire SMS a identifié la route en cause et bascule le trafic sur une autre. Les codes devraient de nouveau arriver normalement dans l'heure.",
    resolution: "Les codes arrivent normalement depuis 11 h 30. Merci pour votre patience, et pour vos signalements dans la communauté.",
  },
};

export function seedDemoStatus(db: Db, moderator: Person, now = Date.now(), language: Language = "en") {
  const words = WORDS[language];
  const opened = now - 9 * DAY + 0.5 * HOUR;
  const result = openIncident(db, moderator, { title: words.title, severity: "degraded", category: "account", body: words.body }, new Date(opened));
  if (!result.ok) throw new Error(`The demo incident was refused: ${JSON.stringify(result.errors)}`);
  const incidentId = result.incident.id;
  postIncidentUpdate(db, moderator, { incidentId, body: words.update }, new Date(opened + 1.5 * HOUR));
  resolveIncident(db, moderator, { incidentId, note: words.resolution }, new Date(opened + 3 * HOUR));
  const reported = db
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.title, demoThreadTitle(language, REPORTED_IN)))
    .get();
  // Linked once the moderator saw the reports, an hour into the incident (its audit entry says so too).
  if (reported) linkThread(db, moderator, { incidentId, thread: String(reported.id) }, new Date(opened + HOUR));
  return incidentId;
}
