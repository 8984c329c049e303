// The forum's words made on the server, in the reader's language (#14):
// form errors, a model's refusals and notices, thrown refusals, the held-post
// notice. And what the thread and ask pages show before any JavaScript runs:
// why a vote button can't be used (reachable by keyboard), why a new member
// can't comment yet, and live regions that are there before they change.
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { LanguageProvider } from "../../app/i18n/i18n";
import { CATALOGUES } from "../../app/i18n/i18n.server";
import type { Language } from "../../app/i18n/languages";
import { translateMessage } from "../../app/i18n/messages.server";
import { DEFAULT_ACCOUNT_RULES } from "../../app/models/accounts/account-rules.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import AskPage, { action as askAction, loader as askLoader } from "../../app/routes/ask";
import { action as followUpAction } from "../../app/routes/follow-up.$threadId";
import ThreadPage, { action as threadAction, loader as threadLoader } from "../../app/routes/t.$id.($slug)";
import { action as watchAction } from "../../app/routes/watch";
import { posts, threads, users } from "../../db/schema";
import { contextFor, createTestDb, formRequest, personForm, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser, giveReputation } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { renderPage } from "../support/render-page";
import { root, sourceFiles } from "../support/source-files";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
type Reply = { intent?: string; errors?: Record<string, string>; values?: Record<string, string> };
const DAY = 24 * 60 * 60 * 1000;

let asker: User;
let thread: { id: number; slug: string; title: string };

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createEstablishedMember(db);
  thread = createTestThread(db, asker, { title: "Wifi keeps dropping every evening at home", at: new Date(Date.now() - 3 * DAY) });
  createTestAnswer(db, await createEstablishedMember(db), thread.id, "Move the box away from the microwave and use 5 GHz.", new Date(Date.now() - 2 * DAY));
});

afterEach(() => {
  writeSiteSettings(db, { accountRules: DEFAULT_ACCOUNT_RULES });
});

/** A load context for `userId` speaking `language` (the request's and the member's own choice). */
function contextIn(language: Language, userId: number | null) {
  const context = contextFor(db, userId);
  context.language = language;
  if (context.user) context.user.language = language;
  return context;
}

function ask(fields: Record<string, string>, userId: number, language: Language = "en") {
  return settle(() => askAction({ request: formRequest("/ask", personForm(db, fields)), params: {}, context: contextIn(language, userId) }));
}

function postToThread(fields: Record<string, string>, userId: number, language: Language = "en") {
  const where = `/t/${thread.id}/${thread.slug}`;
  return settle(() => threadAction({ request: formRequest(where, fields), params: { id: String(thread.id), slug: thread.slug }, context: contextIn(language, userId) }));
}

/** A thrown refusal's words, as the error page shows them to a reader of `language`. */
async function refusalIn(response: Response, language: Language) {
  const { message, values } = (await bodyOf<{ message: string; values?: Record<string, unknown> }>(response)) ?? {};
  return translateMessage(language, message, values);
}

describe("form errors and notices in the member's language", () => {
  test("a French member's question comes back with its errors in French, what they typed kept", async () => {
    const member = await createEstablishedMember(db);
    const response = await ask({ title: "Trop court", body: "", category: "", tags: "Wi_Fi!, box", checked: "1" }, member.id, "fr");
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors).toEqual({
      title: "Un titre compte au moins 15 caractères : dites quel est le problème.",
      body: "Décrivez votre problème ici.",
      category: "Choisissez une catégorie.",
      // The tag as typed (lower-cased by the field), never translated.
      tags: "« wi_fi! » n'est pas un mot-clé valide : utilisez des lettres minuscules, des chiffres et - (25 caractères au plus).",
    });
    expect(reply.values).toMatchObject({ title: "Trop court", tags: "Wi_Fi!, box" });
  });

  test("the same form in English says the same in English, numbers in each language's way", async () => {
    const member = await createEstablishedMember(db);
    const long = "x".repeat(30_001);
    const english = await bodyOf<Reply>(await ask({ title: "Short", body: long, category: "billing", tags: "" }, member.id));
    expect(english.errors?.title).toBe("A title needs at least 15 characters: say what the problem is.");
    expect(english.errors?.body).toBe("This is longer than 30,000 characters; please shorten it.");
    const french = await bodyOf<Reply>(await ask({ title: "Short", body: long, category: "billing", tags: "" }, member.id, "fr"));
    expect(french.errors?.body).toMatch(/^Ce texte dépasse 30\s000 caractères/);
    const unknown = await bodyOf<Reply>(await ask({ title: "A category nobody ever made", body: "Which category is this one in?", category: "nowhere", tags: "", checked: "1" }, member.id, "fr"));
    expect(unknown.errors).toEqual({ category: "Choisissez l'une des catégories." });
  });

  test("posting too soon: a French newcomer is told in French, and the reply is flagged 429 by the model's flag, not its words", async () => {
    const newcomer = await createUser(db);
    const first = { title: "Première question d'un nouveau compte", body: "Ma toute première question ici.", category: "billing", tags: "", checked: "1" };
    expect((await ask(first, newcomer.id, "fr")).status).toBe(302);
    const response = await ask({ ...first, title: "Deuxième question juste après la première" }, newcomer.id, "fr");
    expect(response.status).toBe(429);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.form).toMatch(
      /^Vous pourrez publier une autre question dans (2 minutes|1 minute( et \d+ secondes?)?)\. Les nouveaux comptes attendent un peu entre deux messages ; .+ Votre texte est conservé ci-dessous\.$/,
    );
  });

  test("too many links is a 400 (the text's fault, not a wait), in the member's language", async () => {
    const newcomer = await createUser(db);
    const body = "Look at https://a.example, https://b.example and https://c.example for the settings.";
    const response = await postToThread({ intent: "answer", body }, newcomer.id, "fr");
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.body).toBe(
      "Les nouveaux comptes peuvent publier 2 liens vers d'autres sites le premier jour : ce texte en contient 3, vous pouvez en ajouter 2. Votre texte est conservé ci-dessous.",
    );
    expect(reply.values?.body).toBe(body);
    expect(db.select().from(posts).where(eq(posts.authorId, newcomer.id)).all()).toEqual([]);
  });

  test("a comment and a flag come back with their errors in French", async () => {
    const member = await createEstablishedMember(db);
    const question = db.select().from(posts).where(eq(posts.threadId, thread.id)).all().find((p) => p.kind === "question")!;
    const comment = await bodyOf<Reply>(await postToThread({ intent: "comment", postId: String(question.id), comment: "x" }, member.id, "fr"));
    expect(comment.errors?.comment).toBe("Un commentaire compte au moins 2 caractères.");
    const flag = await bodyOf<Reply>(await postToThread({ intent: "flag", postId: String(question.id), reason: "other", note: "" }, member.id, "fr"));
    expect(flag.errors?.note).toBe("Dites aux modérateurs ce qui ne va pas (au moins 5 caractères).");
    const noReason = await bodyOf<Reply>(await postToThread({ intent: "flag", postId: String(question.id), reason: "because" }, member.id, "fr"));
    expect(noReason.errors?.reason).toBe("Choisissez pourquoi vous signalez ce message.");
  });

  test("thrown refusals are catalogue keys the error page puts into the reader's words", async () => {
    const member = await createEstablishedMember(db);
    const watch = await settle(() =>
      watchAction({ request: formRequest("/watch", { targetType: "category", targetId: "1", level: "muted" }), params: {}, context: contextIn("fr", member.id) }),
    );
    expect(watch.status).toBe(400);
    expect(await refusalIn(watch.clone(), "fr")).toBe("Seule une discussion peut être mise en sourdine.");
    expect(await refusalIn(watch, "en")).toBe("Only a thread can be muted.");
    const followUp = await settle(() =>
      followUpAction({ request: formRequest(`/follow-up/${thread.id}`, { answer: "maybe" }), params: { threadId: String(thread.id) }, context: contextIn("fr", asker.id) }),
    );
    expect(followUp.status).toBe(400);
    expect(await refusalIn(followUp, "fr")).toBe("Choisissez Oui ou Non.");
    const notAsked = await settle(() =>
      followUpAction({ request: formRequest(`/follow-up/${thread.id}`, { answer: "solved" }), params: { threadId: String(thread.id) }, context: contextIn("fr", asker.id) }),
    );
    expect(notAsked.status).toBe(409);
    expect(await refusalIn(notAsked, "fr")).toBe("Cette question ne vous a pas encore été posée.");
    const unknown = await postToThread({ intent: "teleport" }, member.id, "fr");
    expect(await refusalIn(unknown, "fr")).toBe("Action inconnue.");
  });

  test("the held-post notice speaks its reader's language", async () => {
    writeSiteSettings(db, { accountRules: { ...DEFAULT_ACCOUNT_RULES, holdForReview: "new" } });
    const newcomer = await createUser(db);
    expect((await postToThread({ intent: "answer", body: "Mon premier message, retenu pour relecture." }, newcomer.id, "fr")).status).toBe(302);
    const page = await bodyOf<{ answers: { held?: boolean; hiddenReason?: string }[] }>(
      await settle(() => threadLoader({ request: new Request(`http://localhost/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextIn("fr", newcomer.id) })),
    );
    const held = page.answers.find((a) => a.held)!;
    expect(held.hiddenReason).toBe("En attente de relecture : un modérateur va bientôt s'en occuper. D'ici là, seuls vous et les modérateurs pouvez le voir.");
    const mod = await createEstablishedMember(db, { role: "moderator" });
    const staffView = await bodyOf<{ answers: { held?: boolean; hiddenReason?: string }[] }>(
      await settle(() => threadLoader({ request: new Request(`http://localhost/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextIn("en", mod.id) })),
    );
    expect(staffView.answers.find((a) => a.held)!.hiddenReason).toBe("Waiting for review (held when written). Only its author and staff can see it.");
  });
});

/** The page as the server sends it, in `language`. */
async function render(language: Language, userId: number | null, where: string, route: { id: string; path: string; loader: (args: never) => unknown; Component: ComponentType }) {
  const Component = () => createElement(LanguageProvider, { language, children: createElement(route.Component) });
  const page = await renderPage(contextIn(language, userId), where, [{ ...route, loader: route.loader as never, Component }]);
  expect(page.status).toBe(200);
  return page.html;
}

const threadRoute = { id: "routes/t.$id.($slug)", path: "t/:id/:slug?", loader: threadLoader, Component: ThreadPage };
const askRoute = { id: "routes/ask", path: "ask", loader: askLoader, Component: AskPage };
const threadPage = (language: Language, userId: number | null) => render(language, userId, `/t/${thread.id}/${thread.slug}`, threadRoute);

/** The opening tag of the element whose attributes match. */
function tagWith(html: string, pattern: RegExp) {
  return html.match(new RegExp(`<[a-z]+[^>]*${pattern.source}[^>]*>`))?.[0] ?? null;
}

describe("the thread page says why a button can't be used", () => {
  test("a downvote the member may not cast stays reachable by keyboard and says why (#14.7)", async () => {
    const voter = await createEstablishedMember(db);
    giveReputation(db, voter, -150); // 50: enough to upvote (15), not to downvote (125).
    const html = await threadPage("en", voter.id);
    const down = tagWith(html, /class="vote-button vote-down"/)!;
    expect(down).toContain('aria-disabled="true"');
    expect(down).not.toMatch(/\sdisabled(=|\s|>)/);
    expect(down).not.toContain('tabindex="-1"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(down)![1]!;
    const reason = new RegExp(`id="${describedBy}"[^>]*>([^<]+)<`).exec(html)![1]!;
    expect(reason).toMatch(/125/);
    expect(reason).toMatch(/downvote/i);
    // The upvote it may cast is a real button in a form.
    expect(tagWith(html, /class="vote-button vote-up"/)).toMatch(/type="submit"/);

    const french = await threadPage("fr", voter.id);
    const frenchDown = tagWith(french, /class="vote-button vote-down"/)!;
    const frenchReason = new RegExp(`id="${/aria-describedby="([^"]+)"/.exec(frenchDown)![1]}"[^>]*>([^<]+)<`).exec(french)![1]!;
    expect(frenchReason).toMatch(/125/);
    expect(frenchReason).not.toMatch(/You need|downvote/);
  });

  test("a new member reads where “Add a comment” would be what commenting takes; others don't", async () => {
    const newcomer = await createUser(db, { createdAt: new Date(Date.now() - 3 * DAY) });
    giveReputation(db, newcomer, 20);
    const have = db.select({ reputation: users.reputation }).from(users).where(eq(users.id, newcomer.id)).get()!.reputation;
    expect(have).toBeLessThan(50);
    const privilegeNote = (html: string) => /<p class="comment-add comment-privilege[^"]*">([^<]+)<\/p>/.exec(html)?.[1]?.replaceAll("&#x27;", "'");
    const html = await threadPage("en", newcomer.id);
    expect(html).not.toContain("Add a comment");
    expect(privilegeNote(html)).toBe(
      `Commenting on other people's posts opens at 50 reputation (you have ${have}): you earn it when your questions and answers are upvoted or an answer of yours is accepted.`,
    );
    const french = await threadPage("fr", newcomer.id);
    expect(privilegeNote(french)).toMatch(new RegExp(`^Commenter les messages des autres s'ouvre à 50 points de réputation \\(vous en avez ${have}\\)`));

    // The asker comments anywhere in their own thread; an established member anywhere; a visitor is told to sign in elsewhere.
    for (const html of [await threadPage("en", asker.id), await threadPage("en", (await createEstablishedMember(db)).id)]) {
      expect(html).toContain("Add a comment");
      expect(html).not.toContain("comment-privilege");
    }
    expect(await threadPage("en", null)).not.toContain("comment-privilege");

    // Locked: reputation is not what stands in the way, so nothing promises it.
    db.update(threads).set({ lockedAt: new Date() }).where(eq(threads.id, thread.id)).run();
    try {
      expect(await threadPage("en", newcomer.id)).not.toContain("comment-privilege");
    } finally {
      db.update(threads).set({ lockedAt: null }).where(eq(threads.id, thread.id)).run();
    }
  });
});

describe("live regions are there before they change (#14.6)", () => {
  test("the answer editor's preview region exists, empty, before anything is typed", async () => {
    const html = await threadPage("en", (await createEstablishedMember(db)).id);
    expect(html).toMatch(/<div class="preview-live" aria-live="polite" data-preview-for="body"><\/div>/);
  });

  test("on /ask the similar questions' region is there with no suggestion; with some, their buttons belong to the small deflect form", async () => {
    const member = await createEstablishedMember(db);
    const empty = await render("en", member.id, "/ask", askRoute);
    expect(empty).toMatch(/<div class="similar-region" aria-live="polite"><\/div>/);

    const html = await render("en", member.id, `/ask?title=${encodeURIComponent("wifi dropping every evening")}`, askRoute);
    const buttons = [...html.matchAll(/<button[^>]*name="deflect"[^>]*>/g)].map((m) => m[0]);
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) expect(button).toContain('form="deflect-form"');
    expect(html).toMatch(/<form[^>]*id="deflect-form"[^>]*>\s*<input type="hidden" name="title" value="wifi dropping every evening"\/?>/);
    // Enter in a field submits the question form through its first button: never a suggestion.
    const questionForm = html.slice(html.indexOf("<form"), html.indexOf("</form>"));
    const firstButton = /<button[^>]*type="submit"[^>]*>/.exec(questionForm.replace(/<button[^>]*form="deflect-form"[^>]*>/g, ""))![0];
    expect(firstButton).toMatch(/value="(post|similar)"/);
  });
});

describe("the forum's server words are in both catalogues", () => {
  test("every forumServer key the forum's code names exists in English and French", () => {
    const files = [
      ...sourceFiles(path.join(root, "app", "forms")),
      ...sourceFiles(path.join(root, "app", "models", "forum")),
      ...sourceFiles(path.join(root, "app", "models", "notify")),
      ...sourceFiles(path.join(root, "app", "routes")),
      path.join(root, "app", "utils", "notification-text.ts"),
    ];
    const named = new Set<string>();
    for (const file of files) for (const match of readFileSync(file, "utf8").matchAll(/"(forumServer\.[\w.]+)"/g)) named.add(match[1]!);
    expect(named.size).toBeGreaterThan(60);
    for (const language of ["en", "fr"] as const) {
      const has = (key: string) => {
        const node = (k: string) => k.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], CATALOGUES[language]);
        return typeof node(key) === "string" || typeof node(`${key}_other`) === "string";
      };
      expect([...named].filter((key) => !has(key)), language).toEqual([]);
    }
  });
});
