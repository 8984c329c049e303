// The API's members' writes (#15.1): ask, answer, comment, edit, vote,
// accept, flag — each through the site's model verb
// and policy, as the token's owner. Every answer is checked against the
// OpenAPI document; every refusal leaves every table as it was.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { apiTokens, flags, notifications, posts, reputationEvents, revisions, threads, votes } from "../../db/schema";
import { revokeApiToken } from "../../app/models/accounts/api-tokens.server";
import { deletePost } from "../../app/models/forum/post.server";
import { hidePost, lockThread, suspendUser } from "../../app/models/moderation/moderation.server";
import { searchContent } from "../../app/models/search/search.server";
import { API_ORIGIN, tokenFor } from "../support/api";
import { asCurrentUser, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { contentState, expectLedgerAgrees, expectRefusedUnchanged, reputationOf, writeClient } from "./writes-support";

const db = createTestDb();
const { send } = writeClient(db);
const HOUR = 60 * 60 * 1000;
// Posts made beforehand are dated in the past, one minute apart, so that the
// site's posting intervals never stand between two of them.
let minutes = 0;
const anHourAgo = () => new Date(Date.now() - 10 * HOUR + (minutes += 1) * 60_000);

let category: ReturnType<typeof createTestCategory>;
let asker: Awaited<ReturnType<typeof createEstablishedMember>>;
let answerer: Awaited<ReturnType<typeof createEstablishedMember>>;
let other: Awaited<ReturnType<typeof createEstablishedMember>>;
let poser: Awaited<ReturnType<typeof createEstablishedMember>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  category = createTestCategory(db, { slug: "routers", name: "Routers" });
  asker = await createEstablishedMember(db);
  answerer = await createEstablishedMember(db);
  other = await createEstablishedMember(db);
  // Asks through the API (at the present time, which the factories' past dates must not follow).
  poser = await createEstablishedMember(db);
  moderator = await createUser(db, { role: "moderator" });
  tokens.asker = tokenFor(db, asker.id, ["read", "write"]);
  tokens.answerer = tokenFor(db, answerer.id, ["read", "write"]);
  tokens.other = tokenFor(db, other.id, ["read", "write"]);
  tokens.poser = tokenFor(db, poser.id, ["read", "write"]);
  tokens.askerReadOnly = tokenFor(db, asker.id, ["read"]);
});

/** A question (an hour old, so its asker may ask again at once) with an answer from `answerer`. */
function questionWithAnswer(title = `Why does my router ${Math.random().toString(36).slice(2, 8)} drop the line?`) {
  const thread = createTestThread(db, asker, { title, category: category.slug, at: anHourAgo() });
  const answer = createTestAnswer(db, answerer, thread.id, "Update the firmware, then restart it twice in a row.", anHourAgo());
  const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
  return { thread, answer, question };
}

describe("asking: POST /threads", () => {
  test("the asker's question is created as /ask creates it: thread, question, revision, tags, search index, Location", async () => {
    const title = "How do I open port forwarding on the quixotron router?";
    const sent = await send("POST", "/threads", "/threads", {
      token: tokens.poser,
      body: { title, body: "I need port 8080 open for my camera, the menu has nothing for it.", category: "routers", tags: ["Port-Forwarding", "router", "router"] },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ title, tags: ["port-forwarding", "router"], category: { slug: "routers" }, answerCount: 0, solved: false });
    expect(sent.headers.get("location")).toBe(`${API_ORIGIN}/api/v1/threads/${sent.body.id}`);
    const row = db.select().from(threads).where(eq(threads.id, sent.body.id)).get()!;
    expect(row).toMatchObject({ authorId: poser.id, categoryId: category.id, title });
    const question = db.select().from(posts).where(eq(posts.threadId, row.id)).all();
    expect(question).toHaveLength(1);
    expect(db.select().from(revisions).where(eq(revisions.postId, question[0]!.id)).all()).toHaveLength(1);
    expect(searchContent(db, { q: "quixotron" }).hits.map((hit) => hit.id)).toContain(row.id);
  });

  test("too soon after the last question is a 429 and nothing is saved", async () => {
    await expectRefusedUnchanged(
      db,
      () => send("POST", "/threads", "/threads", { token: tokens.poser, body: { title: "Another question asked straight after the first one", body: "Asked a second time in the same minute, far too soon.", category: "routers" } }),
      429,
      "too-many-requests",
    );
  });

  test("invalid fields are a 422 naming each, in the token owner's words; unknown fields are named too", async () => {
    const invalid = await expectRefusedUnchanged(
      db,
      () => send("POST", "/threads", "/threads", { token: tokens.other, body: { title: "Short", body: "Too short", category: "nowhere", tags: ["not a tag!"] } }),
      422,
      "invalid-input",
    );
    const fields = invalid.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "body", "tags"]));
    expect(invalid.body.errors.find((e: { field: string }) => e.field === "title").message).toMatch(/15/);

    const unknownCategory = await expectRefusedUnchanged(
      db,
      () => send("POST", "/threads", "/threads", { token: tokens.other, body: { title: "A perfectly fine title for a question", body: "A perfectly fine body for a question, long enough.", category: "nowhere" } }),
      422,
    );
    expect(unknownCategory.body.errors).toEqual([{ field: "category", message: expect.any(String) }]);

    const unknown = await expectRefusedUnchanged(
      db,
      () => send("POST", "/threads", "/threads", { token: tokens.other, body: { title: "A perfectly fine title for a question", body: "A perfectly fine body for a question, long enough.", category: "routers", authorId: poser.id } }),
      422,
    );
    expect(unknown.body.errors).toEqual([{ field: "authorId", message: "This field is unknown." }]);
  });

  test("malformed JSON is a 400; no token, a read-only token, a forged token are refused and nothing is saved", async () => {
    const body = { title: "A perfectly fine title for a question", body: "A perfectly fine body for a question, long enough.", category: "routers" };
    await expectRefusedUnchanged(db, () => send("POST", "/threads", "/threads", { token: tokens.other, body: '{"title": "broken' }), 400, "bad-request");
    await expectRefusedUnchanged(db, () => send("POST", "/threads", "/threads", { body }), 401, "unauthorized");
    await expectRefusedUnchanged(db, () => send("POST", "/threads", "/threads", { token: tokens.askerReadOnly, body }), 403, "insufficient-scope");
    await expectRefusedUnchanged(db, () => send("POST", "/threads", "/threads", { token: `entraide_${"x".repeat(43)}`, body }), 401, "unauthorized");
  });

  test("a suspended member is refused with the reason (403) and nothing is saved", async () => {
    const suspended = await createEstablishedMember(db);
    const token = tokenFor(db, suspended.id, ["read", "write"]);
    suspendUser(db, asCurrentUser(db, moderator.id), suspended.id, { until: new Date(Date.now() + 24 * HOUR), reason: "Too many links" });
    const refused = await expectRefusedUnchanged(
      db,
      () => send("POST", "/threads", "/threads", { token, body: { title: "A perfectly fine title for a question", body: "A perfectly fine body for a question, long enough.", category: "routers" } }),
      403,
      "forbidden",
    );
    expect(refused.body.detail).toMatch(/Too many links/);
  });

  test("a token revoked between two requests stops working on the next one", async () => {
    const member = await createEstablishedMember(db);
    const token = tokenFor(db, member.id, ["read", "write"]);
    const first = await send("POST", "/threads", "/threads", { token, body: { title: "The first question of a member with a token", body: "Asked once with a token that is about to be revoked.", category: "routers" } });
    expect(first.status).toBe(201);
    const row = db.select().from(apiTokens).where(eq(apiTokens.userId, member.id)).get()!;
    revokeApiToken(db, asCurrentUser(db, member.id), row.id);
    const before = contentState(db);
    const second = await send("POST", "/threads/{id}/answers", `/threads/${first.body.id}/answers`, { token, body: { body: "An answer sent after the token was revoked." } });
    expect(second.status).toBe(401);
    expect(contentState(db)).toBe(before);
  });
});

describe("answering and commenting", () => {
  test("an answer is posted as the thread page posts it: count, search index, the asker notified, Location", async () => {
    const thread = createTestThread(db, asker, { title: "Which cable fits the zorblax modem best?", category: category.slug, at: anHourAgo() });
    const sent = await send("POST", "/threads/{id}/answers", `/threads/${thread.id}/answers`, { token: tokens.other, body: { body: "The grey flumox cable that came in the box fits it." } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ threadId: thread.id, kind: "answer", author: { username: other.username }, body: "The grey flumox cable that came in the box fits it.", hidden: false });
    expect(sent.body.bodyHtml).toContain("<p>");
    expect(sent.headers.get("location")).toBe(`${API_ORIGIN}/api/v1/posts/${sent.body.id}`);
    expect(db.select().from(threads).where(eq(threads.id, thread.id)).get()!.answerCount).toBe(1);
    expect(searchContent(db, { q: "flumox" }).hits.map((hit) => hit.id)).toContain(thread.id);
    expect(db.select().from(notifications).where(and(eq(notifications.userId, asker.id), eq(notifications.postId, sent.body.id))).all()).toHaveLength(1);
  });

  test("a hidden or deleted question is a 404 for a member's answer, never a 403; a locked one is a 403; nothing is saved", async () => {
    const hidden = createTestThread(db, asker, { category: category.slug, at: anHourAgo() });
    const hiddenQuestion = db.select().from(posts).where(eq(posts.threadId, hidden.id)).get()!;
    hidePost(db, asCurrentUser(db, moderator.id), hiddenQuestion.id, "Spam");
    const deleted = createTestThread(db, asker, { category: category.slug, at: anHourAgo() });
    deletePost(db, asCurrentUser(db, asker.id), db.select().from(posts).where(eq(posts.threadId, deleted.id)).get()!.id);
    const locked = createTestThread(db, asker, { category: category.slug, at: anHourAgo() });
    lockThread(db, asCurrentUser(db, moderator.id), locked.id);
    const body = { body: "An answer to a question the member may not see." };

    const notFound = await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", `/threads/${hidden.id}/answers`, { token: tokens.other, body }), 404, "not-found");
    const nowhere = await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", "/threads/999999/answers", { token: tokens.other, body }), 404, "not-found");
    // The same words whether the question is hidden or does not exist.
    expect(notFound.body.detail).toBe(nowhere.body.detail);
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", `/threads/${deleted.id}/answers`, { token: tokens.other, body }), 404);
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", `/threads/${locked.id}/answers`, { token: tokens.other, body }), 403, "forbidden");
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", "/threads/abc/answers", { token: tokens.other, body }), 404);
  });

  test("a comment goes under its post; none under a comment (403); too short is a 422 on body", async () => {
    const { answer } = questionWithAnswer();
    const sent = await send("POST", "/posts/{id}/comments", `/posts/${answer.id}/comments`, { token: tokens.asker, body: { body: "Thanks, I will try that tonight." } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: "comment", parentId: answer.id, author: { username: asker.username } });
    expect(sent.headers.get("location")).toBe(`${API_ORIGIN}/api/v1/posts/${sent.body.id}`);
    await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/comments", `/posts/${sent.body.id}/comments`, { token: tokens.asker, body: { body: "A comment on a comment." } }), 403);
    const short = await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/comments", `/posts/${answer.id}/comments`, { token: tokens.asker, body: { body: "x" } }), 422);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(["body"]);
  });
});

describe("editing: PATCH /posts/{id} and PATCH /threads/{id}", () => {
  test("the author edits their answer: a new revision with the reason, the text and the search index follow", async () => {
    const { answer, thread } = questionWithAnswer();
    const sent = await send("PATCH", "/posts/{id}", `/posts/${answer.id}`, { token: tokens.answerer, body: { body: "Update the firmware to the glimmerwick release, then restart.", reason: "Named the release" } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ id: answer.id, body: "Update the firmware to the glimmerwick release, then restart." });
    expect(sent.body.editedAt).not.toBeNull();
    const history = db.select().from(revisions).where(eq(revisions.postId, answer.id)).all();
    expect(history.at(-1)).toMatchObject({ reason: "Named the release", editorId: answerer.id });
    expect(searchContent(db, { q: "glimmerwick" }).hits.map((hit) => hit.id)).toContain(thread.id);
  });

  test("the asker edits the question's title and tags through the thread; an answer has no title (422)", async () => {
    const { thread, answer } = questionWithAnswer();
    const sent = await send("PATCH", "/threads/{id}", `/threads/${thread.id}`, { token: tokens.asker, body: { title: "Why does my router drop the line every night at ten?", tags: ["wifi", "night"] } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ id: thread.id, title: "Why does my router drop the line every night at ten?", slug: "why-does-my-router-drop-the-line-every-night-at-ten", tags: ["night", "wifi"] });
    const noTitle = await expectRefusedUnchanged(db, () => send("PATCH", "/posts/{id}", `/posts/${answer.id}`, { token: tokens.answerer, body: { title: "An answer has no title at all" } }), 422);
    expect(noTitle.body.errors).toEqual([{ field: "title", message: "Only a question has a title and tags." }]);
    const empty = await expectRefusedUnchanged(db, () => send("PATCH", "/posts/{id}", `/posts/${answer.id}`, { token: tokens.answerer, body: {} }), 422);
    expect(empty.body.errors[0].field).toBe("body");
    const tooShort = await expectRefusedUnchanged(db, () => send("PATCH", "/posts/{id}", `/posts/${answer.id}`, { token: tokens.answerer, body: { body: "short" } }), 422);
    expect(tooShort.body.errors[0].field).toBe("body");
  });

  test("another member without the reputation to edit others' posts is refused (403) and nothing changes", async () => {
    const { answer } = questionWithAnswer();
    const refused = await expectRefusedUnchanged(db, () => send("PATCH", "/posts/{id}", `/posts/${answer.id}`, { token: tokens.other, body: { body: "Somebody else's words written over the answer." } }), 403, "forbidden");
    expect(refused.body.detail).toMatch(/2,000|2000/);
  });
});

describe("voting: PUT and DELETE /posts/{id}/vote", () => {
  test("an upvote moves the score and the author's reputation (ledger and total agree); again changes nothing; down switches; DELETE takes it back", async () => {
    const { answer } = questionWithAnswer();
    const start = reputationOf(db, answerer.id);
    const up = await send("PUT", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.other, body: { direction: "up" } });
    expect(up).toMatchObject({ status: 200, body: { postId: answer.id, score: 1, vote: "up" } });
    const upvoted = reputationOf(db, answerer.id);
    expect(upvoted).toBeGreaterThan(start);
    expect(db.select().from(reputationEvents).where(and(eq(reputationEvents.postId, answer.id), eq(reputationEvents.reason, "answer_upvoted"))).all()).toHaveLength(1);
    expectLedgerAgrees(db, answerer.id, other.id);

    const before = contentState(db);
    const again = await send("PUT", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.other, body: { direction: "up" } });
    expect(again.body).toMatchObject({ score: 1, vote: "up" });
    expect(contentState(db)).toBe(before);

    const down = await send("PUT", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.other, body: { direction: "down" } });
    expect(down.body).toMatchObject({ score: -1, vote: "down" });
    expect(db.select().from(votes).where(eq(votes.postId, answer.id)).all()).toEqual([expect.objectContaining({ userId: other.id, value: -1 })]);
    expectLedgerAgrees(db, answerer.id, other.id);

    const withdrawn = await send("DELETE", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.other });
    expect(withdrawn.body).toMatchObject({ score: 0, vote: null });
    expect(db.select().from(votes).where(eq(votes.postId, answer.id)).all()).toHaveLength(0);
    expect(reputationOf(db, answerer.id)).toBe(start);
    expect(db.select().from(reputationEvents).where(eq(reputationEvents.postId, answer.id)).all()).toHaveLength(0);
    expectLedgerAgrees(db, answerer.id, other.id);

    const nothing = contentState(db);
    const none = await send("DELETE", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.other });
    expect(none.body).toMatchObject({ score: 0, vote: null });
    expect(contentState(db)).toBe(nothing);
  });

  test("one's own post, a comment, too little reputation, a bad direction: refused, nothing changes", async () => {
    const { answer } = questionWithAnswer();
    await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.answerer, body: { direction: "up" } }), 403);
    const newcomer = await createUser(db, { createdAt: new Date(Date.now() - 48 * HOUR) });
    const newcomerToken = tokenFor(db, newcomer.id, ["write"]);
    const refused = await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: newcomerToken, body: { direction: "down" } }), 403);
    expect(refused.body.detail).toMatch(/125/);
    const bad = await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/vote", `/posts/${answer.id}/vote`, { token: tokens.other, body: { direction: "sideways" } }), 422);
    expect(bad.body.errors[0].field).toBe("direction");
    const comment = db.select().from(posts).where(eq(posts.kind, "comment")).get();
    if (comment) await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/vote", `/posts/${comment.id}/vote`, { token: tokens.other, body: { direction: "up" } }), 403);
  });
});

describe("accepting: PUT and DELETE /threads/{id}/accepted-answer", () => {
  test("the asker accepts: the thread is solved, both earn the acceptance's reputation, the answerer is told; again changes nothing; DELETE takes it back", async () => {
    const { thread, answer } = questionWithAnswer();
    const [askerBefore, answererBefore] = [reputationOf(db, asker.id), reputationOf(db, answerer.id)];
    const sent = await send("PUT", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.asker, body: { answerId: answer.id } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ id: thread.id, solved: true, acceptedAnswerId: answer.id });
    expect(sent.body.answers[0]).toMatchObject({ id: answer.id, accepted: true });
    expect(reputationOf(db, asker.id)).toBeGreaterThan(askerBefore);
    expect(reputationOf(db, answerer.id)).toBeGreaterThan(answererBefore);
    expectLedgerAgrees(db, asker.id, answerer.id);
    const told = db.select().from(notifications).where(and(eq(notifications.userId, answerer.id), eq(notifications.kind, "accepted"), eq(notifications.postId, answer.id))).all();
    expect(told).toHaveLength(1);

    const before = contentState(db);
    const again = await send("PUT", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.asker, body: { answerId: answer.id } });
    expect(again.status).toBe(200);
    expect(contentState(db)).toBe(before);

    const undone = await send("DELETE", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.asker });
    expect(undone.body).toMatchObject({ solved: false, acceptedAnswerId: null });
    expect(reputationOf(db, asker.id)).toBe(askerBefore);
    expect(reputationOf(db, answerer.id)).toBe(answererBefore);
    expectLedgerAgrees(db, asker.id, answerer.id);
    await expectRefusedUnchanged(db, () => send("DELETE", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.asker }), 409, "conflict");
  });

  test("another member may not accept (403); another question's answer is a 422; nothing changes", async () => {
    const { thread, answer } = questionWithAnswer();
    const elsewhere = questionWithAnswer();
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.other, body: { answerId: answer.id } }), 403, "forbidden");
    const wrong = await expectRefusedUnchanged(
      db,
      () => send("PUT", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.asker, body: { answerId: elsewhere.answer.id } }),
      422,
    );
    expect(wrong.body.errors).toEqual([{ field: "answerId", message: "This is not an answer of this question." }]);
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/accepted-answer", `/threads/${thread.id}/accepted-answer`, { token: tokens.asker, body: { answerId: 99999999 } }), 422);
  });
});

describe("flagging: POST /posts/{id}/flags", () => {
  test("a member flags a post once (201, then 409); `other` needs a note (422); one's own post is a 403", async () => {
    const { answer } = questionWithAnswer();
    const sent = await send("POST", "/posts/{id}/flags", `/posts/${answer.id}/flags`, { token: tokens.other, body: { reason: "offensive", note: "Rude words." } });
    expect(sent).toMatchObject({ status: 201, body: { postId: answer.id, reason: "offensive", note: "Rude words.", status: "open" } });
    expect(db.select().from(flags).where(eq(flags.postId, answer.id)).all()).toEqual([expect.objectContaining({ reporterId: other.id, reason: "offensive", status: "open" })]);
    await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/flags", `/posts/${answer.id}/flags`, { token: tokens.other, body: { reason: "spam" } }), 409, "conflict");
    const noNote = await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/flags", `/posts/${answer.id}/flags`, { token: tokens.asker, body: { reason: "other" } }), 422);
    expect(noNote.body.errors.map((e: { field: string }) => e.field)).toEqual(["note"]);
    await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/flags", `/posts/${answer.id}/flags`, { token: tokens.answerer, body: { reason: "spam" } }), 403);
  });
});
