// Comments under an early-access announcement (#14.7: "tell Morgan here" could
// not be answered). Exactly the announcement's readers see them and add one;
// whoever may not read it gets a 404 for the comment form and never a comment
// in any page; a suspended reader is refused by the policy; a comment is
// deleted by its author or staff only; markdown is rendered once, safely.
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createEarlyAccess, deleteEarlyAccess, grantEarlyAccess } from "../../../app/models/reputation/early-access.server";
import {
  commentOnAnnouncement,
  deleteAnnouncementComment,
  earlyAccessAnnouncementPage,
} from "../../../app/models/reputation/early-access-comments.server";
import EarlyAccessAnnouncement, { action as announcementAction, loader as announcementLoader } from "../../../app/routes/early-access.$id";
import { LanguageProvider } from "../../../app/i18n/i18n";
import type { Language } from "../../../app/i18n/languages";
import { announcementComments, announcements, auditEvents, users } from "../../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, settle } from "../../support/db";
import { createUser, giveReputation } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused, snapshot } from "../../support/model-helpers";
import { renderPage } from "../../support/render-page";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
const DAY = 24 * 60 * 60 * 1000;

let mod: User;
let expert: User; // at the Expert rank
let granted: User; // 1 reputation, granted by a moderator
let almost: User; // one point short
let newcomer: User;
let suspended: User; // at the rank, but suspended
let published: number;
let other: number; // a second announcement

const actor = (user: User) => asCurrentUser(db, user.id);

function publish(title: string, expiresAt: Date | null = null, now = new Date()) {
  const result = createEarlyAccess(db, actor(mod), { title, body: "Testers wanted: tell Morgan here if you want one.", expiresAt }, now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.announcement.id;
}

function comment(user: User, body: string, announcementId = published) {
  return commentOnAnnouncement(db, actor(user), { announcementId, body });
}

function frenchContext(userId: number | null) {
  const context = contextFor(db, userId);
  context.language = "fr";
  if (context.user) context.user = { ...context.user, language: "fr" };
  return context;
}

function post(fields: Record<string, string>, userId: number | null, id = published, language: Language = "en") {
  const context = language === "fr" ? frenchContext(userId) : contextFor(db, userId);
  return settle(() => announcementAction({ request: formRequest(`/early-access/${id}`, fields), params: { id: String(id) }, context }));
}

/** The announcement's page as the server renders it, in a language. */
async function render(userId: number | null, language: Language = "en", id = published) {
  const context = language === "fr" ? frenchContext(userId) : contextFor(db, userId);
  const Page = () => createElement(LanguageProvider, { language, children: createElement(EarlyAccessAnnouncement) });
  return renderPage(context, `/early-access/${id}`, [{ id: "routes/early-access.$id", path: "early-access/:id", loader: announcementLoader, Component: Page }]);
}

const liveComments = () => db.select().from(announcementComments).all().filter((c) => !c.deletedAt);

beforeAll(async () => {
  const joined = new Date(Date.now() - 30 * DAY);
  mod = await createUser(db, { username: "morgan_mod", displayName: "Morgan", role: "moderator", createdAt: joined });
  expert = await createUser(db, { username: "eve_expert", displayName: "Eve Expert", createdAt: joined });
  giveReputation(db, expert, 1_500);
  granted = await createUser(db, { username: "gus_granted", displayName: "Gus Granted", createdAt: joined });
  almost = await createUser(db, { username: "al_almost", createdAt: joined });
  giveReputation(db, almost, 998);
  newcomer = await createUser(db, { username: "nina_new", createdAt: new Date() });
  suspended = await createUser(db, { username: "sam_suspended", createdAt: joined });
  giveReputation(db, suspended, 1_500);
  db.update(users).set({ suspendedUntil: new Date(Date.now() + 7 * DAY), suspendReason: "Cooling off" }).where(eq(users.id, suspended.id)).run();
  expect(grantEarlyAccess(db, actor(mod), { username: granted.username, reason: "Runs the local user group" }).ok).toBe(true);
  published = publish("Quasar router: testers wanted");
  other = publish("Another announcement for readers");
});

describe("readers comment on an announcement", () => {
  test("a reader's comment is stored with its markdown rendered once, and every reader sees it, oldest first", () => {
    const written = comment(expert, "Count me in: I have **three floors** and a `mesh` setup. @morgan_mod");
    expect(written.bodyHtml).toContain("<strong>three floors</strong>");
    expect(written.bodyHtml).toContain("<code>mesh</code>");
    expect(written.bodyHtml).toMatch(/<a href="\/u\/morgan_mod" class="mention"[^>]*>@morgan_mod<\/a>/);
    comment(granted, "Same here, for the user group.");
    for (const reader of [expert, granted, mod]) {
      const page = earlyAccessAnnouncementPage(db, actor(reader), published);
      if (!page.eligible) throw new Error("a reader was refused");
      expect(page.comments.map((c) => c.author.username)).toEqual(["eve_expert", "gus_granted"]);
      expect(page.commentRefusal).toBeNull();
    }
    // Comments belong to their announcement.
    const elsewhere = earlyAccessAnnouncementPage(db, actor(expert), other);
    expect(elsewhere.comments).toEqual([]);
  });

  test("hostile markdown is made safe when written: no script, no event handler, no javascript: link", () => {
    const hostile = [
      "<script>alert(1)</script> hello",
      '<img src=x onerror="alert(2)"> [click](javascript:alert(3)) <a href="javascript:alert(4)">me</a>',
      '<iframe src="https://evil.example"></iframe> <svg onload=alert(5)> <b onclick="alert(6)">bold</b>',
      "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) <style>body{display:none}</style>",
    ].join(" ");
    const written = comment(expert, hostile);
    for (const bad of ["<script", "onerror", "javascript:", "<iframe", "onload", "onclick", "data:text", "<style", "<img", "<svg"]) {
      expect(written.bodyHtml.toLowerCase()).not.toContain(bad);
    }
    // What they wrote is kept as written (the source), only its HTML is made safe.
    expect(db.select().from(announcementComments).where(eq(announcementComments.id, written.id)).get()!.body).toBe(hostile);
    deleteAnnouncementComment(db, actor(expert), { announcementId: published, commentId: written.id });
  });

  test("whoever may not read the announcement cannot comment (404, nothing written) and sees no comment", () => {
    for (const outsider of [null, actor(newcomer), actor(almost)]) {
      expectRefused(db, () => commentOnAnnouncement(db, outsider, { announcementId: published, body: "Let me in please" }), 404);
      const page = earlyAccessAnnouncementPage(db, outsider, published);
      expect(page.eligible).toBe(false);
      expect(page.comments).toEqual([]);
      expect(JSON.stringify(page)).not.toContain("three floors");
    }
  });

  test("an ended announcement takes no more comments from members (404); staff still read it", () => {
    const ended = publish("An announcement that ended", new Date(Date.now() - DAY), new Date(Date.now() - 2 * DAY));
    expectRefused(db, () => comment(expert, "Too late?", ended), 404);
    expect(comment(mod, "Closing note for the team.", ended).id).toBeGreaterThan(0);
  });

  test("a suspended reader reads the comments but is refused by the policy when writing one; nothing is written", () => {
    const page = earlyAccessAnnouncementPage(db, actor(suspended), published);
    if (!page.eligible) throw new Error("a suspended reader still reads");
    expect(page.comments.length).toBeGreaterThan(0);
    expect(page.commentRefusal).toMatch(/suspended/);
    expectRefused(db, () => comment(suspended, "I should not be able to write this."), 403);
  });

  test("a comment is deleted by its author or by staff (logged), never by another reader", () => {
    const mine = comment(granted, "A comment Gus will take back.");
    const eves = comment(expert, "A comment a moderator will remove.");
    // Another reader: refused, nothing changed.
    expectRefused(db, () => deleteAnnouncementComment(db, actor(expert), { announcementId: published, commentId: mine.id }), 403);
    // The right comment, through another announcement's address: no such comment there.
    expectRefused(db, () => deleteAnnouncementComment(db, actor(granted), { announcementId: other, commentId: mine.id }), 404);
    // An outsider learns nothing, not even that the comment exists.
    expectRefused(db, () => deleteAnnouncementComment(db, actor(newcomer), { announcementId: published, commentId: mine.id }), 404);

    deleteAnnouncementComment(db, actor(granted), { announcementId: published, commentId: mine.id });
    expect(liveComments().map((c) => c.id)).not.toContain(mine.id);
    // Gone for everyone, and a second delete finds nothing.
    for (const reader of [expert, mod]) {
      const page = earlyAccessAnnouncementPage(db, actor(reader), published);
      expect(page.comments.map((c) => c.id)).not.toContain(mine.id);
    }
    expectRefused(db, () => deleteAnnouncementComment(db, actor(granted), { announcementId: published, commentId: mine.id }), 404);

    const before = db.select().from(auditEvents).all().length;
    deleteAnnouncementComment(db, actor(mod), { announcementId: published, commentId: eves.id });
    const audit = db.select().from(auditEvents).all();
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1)).toMatchObject({ actorId: mod.id, action: "post.delete", targetType: "announcement", targetId: published });
    expect(JSON.parse(audit.at(-1)!.details)).toEqual({ commentId: eves.id, authorId: expert.id });
  });

  test("only its author and staff are offered the delete button", () => {
    const page = (user: User) => earlyAccessAnnouncementPage(db, actor(user), published).comments;
    const eves = page(expert).find((c) => c.author.username === "eve_expert")!;
    expect(eves.canDelete).toBe(true);
    expect(page(granted).find((c) => c.id === eves.id)!.canDelete).toBe(false);
    expect(page(mod).find((c) => c.id === eves.id)!.canDelete).toBe(true);
  });

  test("deleting an announcement deletes its comments with it", () => {
    const doomed = publish("An announcement that will be deleted");
    comment(expert, "A comment on a doomed announcement.", doomed);
    deleteEarlyAccess(db, actor(mod), doomed);
    expect(db.select().from(announcements).where(eq(announcements.id, doomed)).get()).toBeUndefined();
    expect(db.select().from(announcementComments).where(eq(announcementComments.announcementId, doomed)).all()).toEqual([]);
  });
});

describe("the page and its form", () => {
  test("a reader posts through the page: a 303 back to the comment, which the page then shows", async () => {
    const response = await post({ intent: "comment", comment: "Posted through *the form*." }, granted.id);
    expect(response.status).toBe(303);
    const written = db.select().from(announcementComments).all().at(-1)!;
    expect(response.headers.get("Location")).toBe(`/early-access/${published}#comment-${written.id}`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const { html } = await render(expert.id);
    expect(html).toContain("Posted through <em>the form</em>.");
    expect(html).toContain(`id="comment-${written.id}"`);
    expect(html).toMatch(/\d+ comments/);
    expect(html).toContain("Post your comment");
  });

  test("a visitor and a member without access get a 404 for the form, whatever they send; nothing is written", async () => {
    for (const userId of [null, newcomer.id, almost.id]) {
      const attempts: Record<string, string>[] = [{ intent: "comment", comment: "Let me in, please." }, { intent: "comment", comment: "" }, { intent: "deleteComment", commentId: "1" }, { intent: "bogus" }];
      for (const fields of attempts) {
        const before = snapshot(db);
        expect((await post(fields, userId)).status).toBe(404);
        expect(snapshot(db)).toBe(before);
      }
      // And an announcement that does not exist looks the same.
      expect((await post({ intent: "comment", comment: "Hello there" }, userId, 987_654)).status).toBe(404);
    }
  });

  test("the page shows outsiders the explainer and no comment", async () => {
    for (const userId of [null, newcomer.id]) {
      const { html } = await render(userId);
      expect(html).toContain("How to earn it");
      expect(html).not.toContain("Posted through");
      expect(html).not.toContain("Post your comment");
    }
  });

  test("a comment too short or too long comes back beside its field with the text kept, in the reader's language", async () => {
    const before = snapshot(db);
    const short = await post({ intent: "comment", comment: " x " }, expert.id);
    expect(short.status).toBe(400);
    expect(await bodyOf(short)).toEqual({ errors: { comment: "A comment needs at least 2 characters." }, values: { intent: "comment", comment: " x " } });
    const long = await post({ intent: "comment", comment: "y".repeat(601) }, expert.id, published, "fr");
    expect((await bodyOf(long)).errors).toEqual({ comment: "Un commentaire compte au plus 600 caractères." });
    expect(snapshot(db)).toBe(before);
  });

  test("another reader's delete is refused through the form too; the author's works", async () => {
    const mine = comment(granted, "Gus deletes this one from the page.");
    const before = snapshot(db);
    expect((await post({ intent: "deleteComment", commentId: String(mine.id) }, expert.id)).status).toBe(403);
    expect(snapshot(db)).toBe(before);
    expect((await post({ intent: "deleteComment", commentId: "abc" }, granted.id)).status).toBe(400);
    const deleted = await post({ intent: "deleteComment", commentId: String(mine.id) }, granted.id);
    expect(deleted.status).toBe(303);
    expect(liveComments().map((c) => c.id)).not.toContain(mine.id);
  });

  test("in French: the comments' heading, the form and the suspension's refusal", async () => {
    const { html } = await render(granted.id, "fr");
    expect(html).toMatch(/\d+ commentaires/);
    expect(html).toContain("Votre commentaire");
    expect(html).toContain("Publier votre commentaire");
    const asSuspended = await render(suspended.id, "fr");
    expect(asSuspended.html).not.toContain("Publier votre commentaire");
    expect(asSuspended.html).toContain("Cooling off");
  });
});
