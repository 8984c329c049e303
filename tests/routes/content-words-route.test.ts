// The words the server makes for the knowledge base, early access and search
// (#14): form errors, a model's refusals and notes, in the language of whoever
// reads them; English as before, French when the reader's language is French.
// What people wrote is never translated.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { articleSchema, feedbackSchema } from "../../app/forms/kb";
import { announcementSchema, grantSchema } from "../../app/forms/early-access";
import { synonymSchema } from "../../app/forms/search";
import { translateMessage } from "../../app/i18n/messages.server";
import type { Language } from "../../app/i18n/languages";
import { createArticle, getArticleHistory, restoreArticleVersion, updateArticle } from "../../app/models/kb/kb.server";
import { recordFeedback } from "../../app/models/kb/kb-feedback.server";
import { grantEarlyAccess, readEarlyAccess, revokeEarlyAccess } from "../../app/models/reputation/early-access.server";
import { addSynonyms } from "../../app/models/search/synonym.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import { action as newAnnouncementAction } from "../../app/routes/early-access.new";
import { action as newArticleAction } from "../../app/routes/kb.new";
import { articleReviews } from "../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, settle } from "../support/db";
import { createTestCategory, createUser, giveReputation } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { refusal } from "../support/model-helpers";
import { parseForm } from "../../app/utils/form.server";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
let mod: User;
let member: User;

/** A moderator acting in `language` (the request's language, as the edge sets it). */
const modIn = (language: Language) => ({ ...asCurrentUser(db, mod.id), language });

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

function contextIn(language: Language, userId: number) {
  const context = contextFor(db, userId);
  context.language = language;
  context.user = { ...context.user!, language };
  return context;
}

beforeAll(async () => {
  createTestCategory(db, { slug: "network", name: "Network" });
  const joined = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
  mod = await createUser(db, { username: "morgan_words", role: "moderator", createdAt: joined });
  member = await createUser(db, { username: "mia_words", createdAt: joined });
  giveReputation(db, member, 10);
});

describe("form errors (zod messages are catalogue keys)", () => {
  test("the article editor's, with their bounds, in English as before and in French", () => {
    const bad = form({ title: "Too short", body: "x".repeat(50_001), category: "" });
    const en = parseForm(articleSchema, bad, "en");
    const fr = parseForm(articleSchema, bad, "fr");
    if (en.ok || fr.ok) throw new Error("accepted");
    expect(en.errors).toEqual({
      title: "A title needs at least 10 characters.",
      body: "This is longer than 50,000 characters; please shorten it.",
      category: "Choose a category.",
    });
    expect(fr.errors.title).toBe("Un titre doit compter au moins 10 caractères.");
    expect(fr.errors.body).toMatch(/^Ce texte dépasse 50\s000 caractères : raccourcissez-le\.$/u);
    expect(fr.errors.category).toBe("Choisissez une catégorie.");
    // What was typed comes back as typed.
    expect(fr.values.title).toBe("Too short");
  });

  test("feedback, announcements, grants and synonyms", () => {
    const feedback = parseForm(feedbackSchema, form({ helpful: "maybe" }), "fr");
    expect(!feedback.ok && feedback.errors.helpful).toBe("Choisissez Oui ou Non.");
    const announcement = parseForm(announcementSchema, form({ title: "", body: "short", expiresOn: "2030-02-31" }), "fr");
    expect(!announcement.ok && announcement.errors).toEqual({
      title: "Donnez un titre à l'annonce.",
      body: "Écrivez au moins 10 caractères.",
      expiresOn: "Saisissez une date comme 2030-12-31, ou laissez le champ vide.",
    });
    const grant = parseForm(grantSchema, form({ username: "@", reason: "no" }), "en");
    expect(!grant.ok && grant.errors).toEqual({ username: "Whose access? Enter their username.", reason: "A reason needs at least 5 characters." });
    const synonym = parseForm(synonymSchema, form({ term: "x".repeat(61), synonyms: "" }), "fr");
    expect(!synonym.ok && synonym.errors).toEqual({
      term: "Limitez-vous à un mot ou à une courte expression (60 caractères au plus).",
      synonyms: "Saisissez le mot de la marque, ou plusieurs séparés par des virgules.",
    });
  });

  test("through the pages: a French moderator's article and announcement forms answer in French", async () => {
    const article = await settle(() =>
      newArticleAction({ request: formRequest("/kb/new", { intent: "publish", title: "Court", body: "Un texte assez long pour être un article.", category: "network" }), params: {}, context: contextIn("fr", mod.id) }),
    );
    expect(article.status).toBe(400);
    expect((await bodyOf(article)).errors.title).toBe("Un titre doit compter au moins 10 caractères.");
    const announcement = await settle(() =>
      newAnnouncementAction({ request: formRequest("/early-access/new", { intent: "publish", title: "Une annonce", body: "Assez long pour passer.", expiresOn: "2001-01-01" }), params: {}, context: contextIn("fr", mod.id) }),
    );
    expect(announcement.status).toBe(400);
    expect((await bodyOf(announcement)).errors.expiresOn).toBe("Choisissez une date à partir d'aujourd'hui : une annonce déjà terminée n'atteint personne.");
  });
});

describe("what the models say back", () => {
  test("the article editor's refusals and its automatic version notes, in the moderator's language", () => {
    expect(createArticle(db, modIn("fr"), { title: "Régler le Wi-Fi de la box", body: "Ouvrez les réglages de la box.", category: "nowhere", tags: [], note: "", publish: true })).toEqual({
      ok: false,
      errors: { category: "Choisissez l'une des catégories." },
    });
    const created = createArticle(db, modIn("fr"), { title: "Régler le Wi-Fi de la box", body: "Ouvrez les réglages de la box, puis le Wi-Fi.", category: "network", tags: [], note: "", publish: true });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const edited = updateArticle(db, modIn("en"), created.article.id, { title: "Régler le Wi-Fi de la box", body: "Ouvrez les réglages, puis Wi-Fi, puis Enregistrer.", category: "network", tags: [], note: "A moderator's own note" });
    expect(edited.ok).toBe(true);
    restoreArticleVersion(db, modIn("fr"), created.article.id, 1);
    const notes = getArticleHistory(db, modIn("en"), created.article.slug).versions.map((v) => v.note);
    // Each note in the language of whoever made it; the moderator's own words untouched.
    expect(notes).toEqual(["Version 1 restaurée", "A moderator's own note", "Première version"]);
    const current = refusal(() => restoreArticleVersion(db, modIn("fr"), created.article.id, 3));
    expect(current.status).toBe(400);
  });

  test("thrown refusals carry a key the error page puts into the reader's words", async () => {
    const missing = refusal(() => readEarlyAccess(db, modIn("fr"), 987_654));
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { message: string };
    expect(translateMessage("fr", body.message)).toBe("Cette annonce n'existe pas ou est terminée.");
    expect(translateMessage("en", body.message)).toBe("This announcement does not exist or has ended.");
  });

  test("early-access grants: the member's name is kept as typed inside the French sentence", () => {
    expect(grantEarlyAccess(db, modIn("fr"), { username: "Nobody_Here", reason: "Aide beaucoup" })).toEqual({
      ok: false,
      errors: { username: "Aucun membre ne s'appelle « Nobody_Here ». Vérifiez l'orthographe." },
    });
    expect(grantEarlyAccess(db, modIn("en"), { username: mod.username, reason: "Testing" })).toEqual({
      ok: false,
      errors: { username: "@morgan_words is staff and already reads early access." },
    });
    const granted = grantEarlyAccess(db, modIn("fr"), { username: member.username, reason: "Aide beaucoup" });
    expect(granted.ok).toBe(true);
    expect(grantEarlyAccess(db, modIn("fr"), { username: member.username, reason: "Encore" })).toEqual({ ok: false, errors: { username: "@mia_words a déjà l'accès anticipé." } });
    expect(revokeEarlyAccess(db, modIn("fr"), { grantId: 999_999, reason: "Plus actif" })).toEqual({ ok: false, errors: { form: "Cet accès a déjà été retiré." } });
  });

  test("synonyms: plural in both languages, the moderator's words quoted as written", () => {
    expect(addSynonyms(db, modIn("fr"), { term: "?!", synonyms: "box" })).toEqual({ ok: false, errors: { term: "Utilisez des lettres ou des chiffres : la recherche ignore la ponctuation." } });
    expect(addSynonyms(db, modIn("fr"), { term: "une deux trois quatre", synonyms: "box" }).ok).toBe(false);
    expect(addSynonyms(db, modIn("fr"), { term: "facture", synonyms: "invoice, bill" }).ok).toBe(true);
    expect(addSynonyms(db, modIn("fr"), { term: "facture", synonyms: "invoice, bill" })).toEqual({ ok: false, errors: { synonyms: "« facture » a déjà ces synonymes." } });
    expect(addSynonyms(db, modIn("en"), { term: "facture", synonyms: "bill" })).toEqual({ ok: false, errors: { synonyms: "“facture” already has this synonym." } });
    expect(addSynonyms(db, modIn("en"), { term: "box", synonyms: "a b c d" })).toEqual({ ok: false, errors: { synonyms: "“a b c d” is longer than 3 words." } });
  });

  test("a review opened by readers' \"No\" is written in the site's language, for whichever moderator reads it", async () => {
    writeSiteSettings(db, { defaultLanguage: "fr" });
    try {
      const created = createArticle(db, modIn("en"), { title: "Article read by unhappy readers", body: "A text that does not help anyone at all.", category: "network", tags: [], note: "", publish: true });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      for (const visitorId of [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]) {
        recordFeedback(db, created.article.id, { visitorId }, { helpful: false, comment: "" });
      }
      const review = db.select().from(articleReviews).where(eq(articleReviews.articleId, created.article.id)).get()!;
      expect(review.detail).toBe("3 lecteurs sur 3 ont dit qu'il ne les avait pas aidés.");
    } finally {
      writeSiteSettings(db, { defaultLanguage: "en" });
    }
  });
});
