// The words the staff tools make on the server (#14): form messages (zod keys
// put into words by parseForm), what the moderation models say back, the
// refusals they throw, in the reader's language. The English ones are
// checked by the other tests of this folder; here the same messages come out
// in French.
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { escalateSchema, closeEscalationSchema } from "../../../app/forms/escalation";
import { incidentIdFrom, incidentSchema, incidentUpdateSchema, linkThreadSchema, resolveSchema } from "../../../app/forms/incident";
import { flagDecisionSchema, duplicateSchema, hidePostSchema, moveSchema, pinSchema, suspendSchema } from "../../../app/forms/moderation";
import { serverT } from "../../../app/i18n/i18n.server";
import { translateMessage } from "../../../app/i18n/messages.server";
import { closeEscalation, escalateThread } from "../../../app/models/moderation/escalation.server";
import { flagPost } from "../../../app/models/moderation/flag.server";
import { linkThread, openIncident, postIncidentUpdate, resolveIncident, unlinkThread } from "../../../app/models/moderation/incident.server";
import { closeAsDuplicate, hidePost, moveThread, pinThread, suspendUser, unsuspendUser } from "../../../app/models/moderation/moderation.server";
import { approveHeldPost, rejectHeldPost, SPAM_HOLD_REASON } from "../../../app/models/moderation/review.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { writeSiteSettings } from "../../../app/models/site/settings.server";
import { hiddenReasonText } from "../../../app/utils/hidden-reason";
import { parseForm } from "../../../app/utils/form.server";
import { posts, webhookDeliveries } from "../../../db/schema";
import { envelopeViewer } from "../../../app/models/notify/webhook-envelope.server";
import { ensureEnvWebhook } from "../../../app/models/notify/webhooks.server";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { refusal, snapshot } from "../../support/model-helpers";

const db = createTestDb();
const billing = createTestCategory(db, { slug: "billing", name: "Facturation" });
const mod = await createUser(db, { username: "mod_manon", displayName: "Manon", role: "moderator" });
const asker = await createEstablishedMember(db, { username: "asker_ines" });
const helper = await createEstablishedMember(db, { username: "helper_hugo" });
const member = await createEstablishedMember(db, { username: "member_mia" });

let clock = Date.now() - 20 * 60 * 60 * 1000;
const tick = () => new Date((clock += 3 * 60 * 1000));

/** The actor as a request in this language sees them. */
const as = (user: { id: number }, language: "en" | "fr") => ({ ...asCurrentUser(db, user.id), language });
const fr = (user: { id: number }) => as(user, "fr");

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}
const errorsOf = (result: { ok: boolean }) => (result as unknown as { errors: Record<string, string> }).errors;
const NNBSP = "\u202f";

describe("form messages in French (zod keys put into words with their bounds)", () => {
  test("the moderators' forms", () => {
    expect(errorsOf(parseForm(hidePostSchema, form({ reason: "" }), "fr")).reason).toBe("Dites pourquoi le message est masqué : son auteur lira ce motif.");
    expect(errorsOf(parseForm(hidePostSchema, form({ reason: "x".repeat(501) }), "fr")).reason).toBe("Un motif compte au plus 500 caractères.");
    expect(errorsOf(parseForm(hidePostSchema, form({ reason: "x".repeat(501) }), "en")).reason).toBe("A reason has at most 500 characters.");
    expect(errorsOf(parseForm(flagDecisionSchema, form({ flagId: "1", decision: "delete" }), "fr")).reason).toBe(
      "Dites pourquoi le message est supprimé : le motif est consigné au journal d'audit.",
    );
    expect(parseForm(flagDecisionSchema, form({ flagId: "1", decision: "dismiss" }), "fr").ok).toBe(true);
    expect(errorsOf(parseForm(pinSchema, form({ where: "roof" }), "fr")).where).toBe("Choisissez où épingler le fil.");
    expect(errorsOf(parseForm(moveSchema, form({ categoryId: "abc" }), "fr")).categoryId).toBe("Choisissez l'une des catégories.");
    expect(errorsOf(parseForm(duplicateSchema, form({ original: "" }), "fr")).original).toBe("Saisissez le numéro du fil d'origine ou son adresse.");
    const suspend = (fields: Record<string, string>) => errorsOf(parseForm(suspendSchema(new Date("2026-11-20T12:00:00Z")), form(fields), "fr"));
    expect(suspend({ duration: "forever", reason: "x" }).duration).toBe("Choisissez la durée de la suspension.");
    expect(suspend({ duration: "custom", until: "20/12/2026", reason: "x" }).until).toBe("Indiquez le dernier jour de la suspension (AAAA-MM-JJ).");
    expect(suspend({ duration: "custom", until: "2026-11-19", reason: "x" }).until).toBe("Choisissez un jour à partir d'aujourd'hui.");
    expect(suspend({ duration: "7", reason: " " }).reason).toBe("Dites pourquoi : le membre lira ce motif.");
  });

  test("the incident and escalation forms, with numbers written the French way", () => {
    const incident = (fields: Record<string, string>) =>
      errorsOf(parseForm(incidentSchema, form({ title: "Box en panne", severity: "outage", category: "all", body: "Les box ne démarrent plus.", ...fields }), "fr"));
    expect(incident({ title: "" }).title).toBe("Donnez un titre à l'incident.");
    expect(incident({ title: "Box" }).title).toBe("Un titre compte au moins 5 caractères.");
    expect(incident({ severity: "apocalypse" }).severity).toBe("Choisissez la gravité.");
    expect(incident({ body: "x".repeat(20_001) }).body).toBe(`Ce texte dépasse 20${NNBSP}000 caractères ; raccourcissez-le.`);
    expect(errorsOf(parseForm(incidentSchema, form({ title: "Box", severity: "outage", category: "all", body: "x".repeat(20_001) }), "en")).body).toBe(
      "This is longer than 20,000 characters; please shorten it.",
    );
    expect(errorsOf(parseForm(incidentUpdateSchema, form({ body: "x".repeat(10_001) }), "fr")).body).toBe(`Une mise à jour compte au plus 10${NNBSP}000 caractères.`);
    expect(errorsOf(parseForm(resolveSchema, form({ note: "" }), "fr")).note).toBe("Dites ce qui a été réparé : ce sera la dernière mise à jour.");
    expect(errorsOf(parseForm(linkThreadSchema, form({ thread: "" }), "fr")).thread).toBe("Collez l'adresse du fil ou saisissez son numéro.");
    expect(errorsOf(parseForm(escalateSchema, form({ threadId: "1", note: "x".repeat(2001) }), "fr")).note).toBe(`Une note compte au plus 2${NNBSP}000 caractères.`);
    expect(errorsOf(parseForm(escalateSchema, form({ threadId: "1", note: "x".repeat(2001) }), "en")).note).toBe("A note has at most 2,000 characters.");
    expect(errorsOf(parseForm(closeEscalationSchema, form({ escalationId: "1", resolution: "" }), "fr")).resolution).toBe(
      "Écrivez la résolution : qu'a trouvé ou fait l'équipe support ?",
    );
  });

  test("what a person typed is kept as typed, never translated", () => {
    const typed = "staffServer.flag.already";
    const result = parseForm(hidePostSchema, form({ reason: `${typed}${"x".repeat(500)}` }), "fr");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.values.reason).toBe(`${typed}${"x".repeat(500)}`);
    // A moderator who writes a key as their reason sees their words, not the catalogue's.
    expect(hiddenReasonText(serverT("fr"), typed)).toBe(typed);
    expect(hiddenReasonText(serverT("fr"), SPAM_HOLD_REASON)).toBe("Signalé comme spam par plusieurs membres : masqué jusqu'à ce qu'un modérateur l'examine.");
    expect(hiddenReasonText(serverT("en"), SPAM_HOLD_REASON)).toBe("Flagged as spam by several members: hidden until a moderator reviews it.");
  });
});

describe("what the moderation models say back, in the moderator's language", () => {
  const thread = createTestThread(db, asker, { title: "Ma facture est fausse", at: tick() });
  const answer = createTestAnswer(db, helper, thread.id, "Même chose chez moi depuis mars.", tick());

  test("flags, hiding, suspensions", async () => {
    expect(flagPost(db, fr(member), { postId: answer.id, reason: "spam", note: "" })).toEqual({ ok: true });
    expect(errorsOf(flagPost(db, fr(member), { postId: answer.id, reason: "spam", note: "" })).form).toBe(
      "Vous avez déjà signalé ce message. Les modérateurs vont l'examiner.",
    );
    expect(errorsOf(flagPost(db, as(member, "en"), { postId: answer.id, reason: "spam", note: "" })).form).toBe(
      "You have already flagged this post. The moderators will look at it.",
    );
    expect(errorsOf(hidePost(db, fr(mod), answer.id, " ")).reason).toBe("Dites pourquoi le message est masqué : son auteur lira ce motif.");
    expect(hidePost(db, fr(mod), answer.id, "Insultes")).toEqual({ ok: true });
    expect(errorsOf(hidePost(db, fr(mod), answer.id, "Encore")).form).toBe("Ce message est déjà masqué.");
    const now = new Date();
    expect(errorsOf(suspendUser(db, fr(mod), member.id, { until: new Date(now.getTime() - 1000), reason: "" }, now))).toEqual({
      reason: "Dites pourquoi : le membre lira ce motif.",
      until: "La suspension doit se terminer dans le futur.",
    });
    expect(errorsOf(suspendUser(db, fr(mod), member.id, { until: new Date(now.getTime() + 4000 * 86_400_000), reason: "Spam" }, now)).until).toBe(
      `Une suspension dure au plus 3${NNBSP}650 jours.`,
    );
    expect(errorsOf(unsuspendUser(db, fr(mod), member.id)).form).toBe("Ce membre n'est pas suspendu.");
  });

  test("a thread's tools", () => {
    const other = createTestThread(db, asker, { title: "Remboursement en attente", at: tick() });
    expect(errorsOf(moveThread(db, fr(mod), other.id, billing.id)).categoryId).toBe("Le fil est déjà dans la catégorie Facturation.");
    expect(errorsOf(moveThread(db, fr(mod), other.id, 99_999)).categoryId).toBe("Choisissez l'une des catégories.");
    expect(errorsOf(closeAsDuplicate(db, fr(mod), other.id, "n'importe quoi")).original).toBe(
      "Saisissez le numéro du fil d'origine ou son adresse (par exemple /t/123/son-titre).",
    );
    expect(errorsOf(closeAsDuplicate(db, fr(mod), other.id, "99999")).original).toBe("Il n'existe pas de fil n° 99999.");
    expect(errorsOf(closeAsDuplicate(db, fr(mod), other.id, String(other.id))).original).toBe("Un fil ne peut pas être le doublon de lui-même.");
    const gone = createTestThread(db, asker, { title: "Fil supprimé plus tard", at: tick() });
    const question = db.select().from(posts).where(and(eq(posts.threadId, gone.id), eq(posts.kind, "question"))).get()!;
    deletePost(db, mod, question.id);
    expect(errorsOf(pinThread(db, fr(mod), gone.id, "home")).pin).toBe("Un fil supprimé ne peut pas être épinglé.");
  });

  test("incidents, escalations and the review queue", () => {
    const opened = openIncident(db, fr(mod), { title: "Panne réseau", severity: "outage", category: "nowhere", body: "Plus de connexion." });
    expect(errorsOf(opened).category).toBe("Choisissez l'une des catégories, ou toutes.");
    const incident = openIncident(db, fr(mod), { title: "Panne réseau", severity: "outage", category: "all", body: "Plus de connexion." });
    if (!incident.ok) throw new Error("not opened");
    const id = incident.incident.id;
    expect(errorsOf(linkThread(db, fr(mod), { incidentId: id, thread: "pas un fil" })).thread).toBe(
      "Collez l'adresse d'un fil (elle commence par /t/) ou saisissez son numéro.",
    );
    expect(errorsOf(linkThread(db, fr(mod), { incidentId: id, thread: "99999" })).thread).toBe("Il n'existe pas de question n° 99999.");
    expect(linkThread(db, fr(mod), { incidentId: id, thread: String(thread.id) })).toEqual({ ok: true });
    expect(errorsOf(linkThread(db, fr(mod), { incidentId: id, thread: String(thread.id) })).thread).toBe(`« ${thread.title} » est déjà liée à cet incident.`);
    expect(errorsOf(unlinkThread(db, fr(mod), { incidentId: id, threadId: 99_999 })).form).toBe("Ce fil n'est pas lié à cet incident.");
    expect(resolveIncident(db, fr(mod), { incidentId: id, note: "Réparé." })).toEqual({ ok: true });
    expect(errorsOf(resolveIncident(db, fr(mod), { incidentId: id, note: "Encore ?" })).note).toBe("Cet incident est déjà résolu.");
    expect(errorsOf(postIncidentUpdate(db, fr(mod), { incidentId: id, body: "Encore ?" })).body).toBe(
      "Cet incident est résolu. Si le problème revient, ouvrez-en un nouveau.",
    );

    const escalated = escalateThread(db, fr(mod), thread.id, "Double prélèvement");
    expect(escalated.ok).toBe(true);
    expect(errorsOf(escalateThread(db, fr(mod), thread.id, "Encore")).form).toBe(
      "Ce fil est déjà transmis à l'équipe support. Clôturez cette escalade avant d'en ouvrir une autre.",
    );
    expect(errorsOf(escalateThread(db, fr(mod), thread.id, "")).note).toBe("Écrivez une note pour l'équipe support : que doit-elle examiner ?");
    if (!escalated.ok) return;
    expect(closeEscalation(db, fr(mod), escalated.escalation.id, "Remboursé").ok).toBe(true);
    expect(errorsOf(closeEscalation(db, fr(mod), escalated.escalation.id, "Encore")).form).toBe("Cette escalade est déjà close.");

    expect(errorsOf(approveHeldPost(db, fr(mod), answer.id)).form).toBe("Ce message n'attend plus de validation.");
    expect(errorsOf(rejectHeldPost(db, fr(mod), answer.id, "x".repeat(501))).reason).toBe("Un motif compte au plus 500 caractères.");
  });

  test("what the support team receives is built in the site's language, whoever escalates", () => {
    // Escalations leave as webhook events (no subject line any more): their
    // envelope is built for the site, in its language, not the moderator's.
    const supportHook = ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: "https://support.example/hook", SUPPORT_WEBHOOK_SECRET: "s".repeat(32) })!;
    const events = () => db.select({ event: webhookDeliveries.event }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, supportHook.id)).all().map((d) => d.event);
    const english = createTestThread(db, asker, { title: "Charged twice", at: tick() });
    escalateThread(db, fr(mod), english.id, "Please check");
    expect(events()).toEqual(["escalation.opened"]);
    expect(envelopeViewer(db, true).language).toBe("en");
    writeSiteSettings(db, { defaultLanguage: "fr" });
    expect(envelopeViewer(db, true).language).toBe("fr");
    writeSiteSettings(db, { defaultLanguage: "en" });
  });
});

describe("refusals thrown as keys, put into words where they are shown", () => {
  test("an unknown incident, member or escalation is a 404 whose reason reads in each language", async () => {
    const thrown = (() => {
      try {
        incidentIdFrom({ id: "abc" });
      } catch (response) {
        return response as Response;
      }
      throw new Error("not refused");
    })();
    expect(thrown.status).toBe(404);
    const body = (await thrown.json()) as { message: string };
    expect(translateMessage("fr", body.message)).toBe("Incident introuvable.");
    expect(translateMessage("en", body.message)).toBe("No such status update.");
    const before = snapshot(db);
    const missing = refusal(() => closeEscalation(db, fr(mod), 99_999, "Rien"));
    expect(missing.status).toBe(404);
    expect(translateMessage("fr", ((await missing.json()) as { message: string }).message)).toBe("Escalade introuvable.");
    const noMember = refusal(() => suspendUser(db, fr(mod), 99_999, { until: new Date(Date.now() + 86_400_000), reason: "x" }));
    expect(translateMessage("fr", ((await noMember.json()) as { message: string }).message)).toBe("Membre introuvable.");
    expect(snapshot(db)).toBe(before);
  });
});
