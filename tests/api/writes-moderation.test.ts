// The API's moderators' writes (#15.1): hide, lock, move, escalate, promote
// to the knowledge base, status incidents. The token's `moderate` scope opens
// the door, the policy decides on its owner's role (read on every request);
// each action is in the audit log, as on the site. Every answer is checked
// against the OpenAPI document; every refusal leaves every table as it was.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { announcements, articles, auditEvents, escalations, posts, reputationEvents, threads, users } from "../../db/schema";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { searchContent } from "../../app/models/search/search.server";
import { API_ORIGIN, tokenFor } from "../support/api";
import { asCurrentUser, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { expectLedgerAgrees, expectRefusedUnchanged, reputationOf, writeClient } from "./writes-support";

const db = createTestDb();
const { send } = writeClient(db);
const HOUR = 60 * 60 * 1000;
let minutes = 0;
/** Posts made beforehand: in the past, a minute apart (the site's posting intervals never stand between them). */
const past = () => new Date(Date.now() - 10 * HOUR + (minutes += 1) * 60_000);

let routers: ReturnType<typeof createTestCategory>;
let billing: ReturnType<typeof createTestCategory>;
let asker: Awaited<ReturnType<typeof createEstablishedMember>>;
let answerer: Awaited<ReturnType<typeof createEstablishedMember>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  routers = createTestCategory(db, { slug: "routers", name: "Routers" });
  billing = createTestCategory(db, { slug: "billing-questions", name: "Billing" });
  asker = await createEstablishedMember(db);
  answerer = await createEstablishedMember(db);
  moderator = await createUser(db, { role: "moderator" });
  tokens.moderator = tokenFor(db, moderator.id, ["read", "write", "moderate"]);
  tokens.moderatorWriteOnly = tokenFor(db, moderator.id, ["read", "write"]);
  tokens.member = tokenFor(db, asker.id, ["read", "write"]);
});

function questionWithAnswer(title = `Why does my router ${Math.random().toString(36).slice(2, 8)} drop the line?`) {
  const thread = createTestThread(db, asker, { title, category: routers.slug, at: past() });
  const answer = createTestAnswer(db, answerer, thread.id, "Update the firmware, then restart it twice in a row.", past());
  const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
  return { thread, answer, question };
}

function lastAudit() {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get()!;
}

function auditCount() {
  return db.select().from(auditEvents).all().length;
}

describe("who may moderate", () => {
  test("a member's token, a moderator's token without the scope: 403 insufficient scope; a demoted moderator's token: 403 by the policy; nothing changes", async () => {
    const { thread } = questionWithAnswer();
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/lock", `/threads/${thread.id}/lock`, { token: tokens.member }), 403, "insufficient-scope");
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/lock", `/threads/${thread.id}/lock`, { token: tokens.moderatorWriteOnly }), 403, "insufficient-scope");
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/lock", `/threads/${thread.id}/lock`), 401, "unauthorized");

    const former = await createUser(db, { role: "moderator" });
    const token = tokenFor(db, former.id, ["read", "write", "moderate"]);
    db.update(users).set({ role: "member" }).where(eq(users.id, former.id)).run();
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/lock", `/threads/${thread.id}/lock`, { token }), 403, "forbidden");
    await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/hidden", `/posts/${thread.id}/hidden`, { token, body: { reason: "Spam" } }), 403, "forbidden");
    await expectRefusedUnchanged(db, () => send("POST", "/incidents", "/incidents", { token, body: { title: "Outage in the north", severity: "outage", category: "all", body: "Lines are down in the north." } }), 403, "forbidden");
    // A thread that does not exist says no more to them than one that does.
    await expectRefusedUnchanged(db, () => send("PUT", "/threads/{id}/lock", "/threads/99999999/lock", { token }), 403, "forbidden");
  });
});

describe("hiding a post: PUT and DELETE /posts/{id}/hidden", () => {
  test("hidden with its reason: out of the count and the search, flags closed, in the audit log; hiding it again is a 409; shown again", async () => {
    const { thread, answer } = questionWithAnswer();
    createTestAnswer(db, asker, thread.id, "My own note: the zibbledorf setting fixed it once.", past());
    const hidden = await send("PUT", "/posts/{id}/hidden", `/posts/${answer.id}/hidden`, { token: tokens.moderator, body: { reason: "Advertising" } });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: answer.id, hidden: true });
    expect(db.select().from(threads).where(eq(threads.id, thread.id)).get()!.answerCount).toBe(1);
    expect(lastAudit()).toMatchObject({ actorId: moderator.id, action: "post.hide", targetType: "post", targetId: answer.id, reason: "Advertising" });

    await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/hidden", `/posts/${answer.id}/hidden`, { token: tokens.moderator, body: { reason: "Again" } }), 409, "conflict");
    const noReason = await expectRefusedUnchanged(db, () => send("PUT", "/posts/{id}/hidden", `/posts/${answer.id}/hidden`, { token: tokens.moderator, body: { reason: " " } }), 422);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(["reason"]);

    // The member's token no longer finds the hidden answer: a 404, as if it never was.
    const memberToken = tokenFor(db, (await createEstablishedMember(db)).id, ["read", "write"]);
    await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/comments", `/posts/${answer.id}/comments`, { token: memberToken, body: { body: "Where did it go?" } }), 404);

    const shown = await send("DELETE", "/posts/{id}/hidden", `/posts/${answer.id}/hidden`, { token: tokens.moderator });
    expect(shown.body).toMatchObject({ id: answer.id, hidden: false });
    expect(db.select().from(threads).where(eq(threads.id, thread.id)).get()!.answerCount).toBe(2);
    expect(lastAudit()).toMatchObject({ action: "post.unhide", targetId: answer.id });
  });

  test("a hidden question takes its thread out of search, and a member's answer finds nothing (404)", async () => {
    const { thread, question } = questionWithAnswer("Why is the wobbleflux light blinking on my box?");
    expect(searchContent(db, { q: "wobbleflux" }).hits.map((hit) => hit.id)).toContain(thread.id);
    await send("PUT", "/posts/{id}/hidden", `/posts/${question.id}/hidden`, { token: tokens.moderator, body: { reason: "Duplicate of a known issue" } });
    expect(searchContent(db, { q: "wobbleflux" }).hits.map((hit) => hit.id)).not.toContain(thread.id);
    const memberToken = tokenFor(db, (await createEstablishedMember(db)).id, ["read", "write"]);
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", `/threads/${thread.id}/answers`, { token: memberToken, body: { body: "An answer to a hidden question, refused." } }), 404);
  });
});

describe("locking and moving a thread", () => {
  test("locked (audit), locking again changes nothing, a member's answer is then refused (403); unlocked", async () => {
    const { thread } = questionWithAnswer();
    const locked = await send("PUT", "/threads/{id}/lock", `/threads/${thread.id}/lock`, { token: tokens.moderator });
    expect(locked).toMatchObject({ status: 200, body: { id: thread.id, locked: true } });
    expect(lastAudit()).toMatchObject({ action: "thread.lock", targetType: "thread", targetId: thread.id, actorId: moderator.id });
    const entries = auditCount();
    const again = await send("PUT", "/threads/{id}/lock", `/threads/${thread.id}/lock`, { token: tokens.moderator });
    expect(again.body.locked).toBe(true);
    expect(auditCount()).toBe(entries);
    const memberToken = tokenFor(db, (await createEstablishedMember(db)).id, ["read", "write"]);
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/answers", `/threads/${thread.id}/answers`, { token: memberToken, body: { body: "An answer to a locked question." } }), 403);
    const unlocked = await send("DELETE", "/threads/{id}/lock", `/threads/${thread.id}/lock`, { token: tokens.moderator });
    expect(unlocked.body.locked).toBe(false);
    expect(lastAudit()).toMatchObject({ action: "thread.unlock", targetId: thread.id });
    await send("PUT", "/threads/{id}/lock", "/threads/99999999/lock", { token: tokens.moderator }).then((sent) => expect(sent.status).toBe(404));
  });

  test("moved to another category (search filters follow, audit); the same or an unknown category is a 422 on categoryId", async () => {
    const { thread } = questionWithAnswer("Where is the snorkelbrand invoice for last month?");
    const moved = await send("POST", "/threads/{id}/move", `/threads/${thread.id}/move`, { token: tokens.moderator, body: { categoryId: billing.id } });
    expect(moved.body).toMatchObject({ id: thread.id, category: { id: billing.id, slug: billing.slug } });
    expect(searchContent(db, { q: "snorkelbrand", filters: { categoryId: billing.id } }).hits.map((hit) => hit.id)).toContain(thread.id);
    expect(lastAudit()).toMatchObject({ action: "thread.move", targetId: thread.id });
    const same = await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/move", `/threads/${thread.id}/move`, { token: tokens.moderator, body: { categoryId: billing.id } }), 422);
    expect(same.body.errors.map((e: { field: string }) => e.field)).toEqual(["categoryId"]);
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/move", `/threads/${thread.id}/move`, { token: tokens.moderator, body: { categoryId: 999999 } }), 422);
  });
});

describe("escalations: POST /threads/{id}/escalations, POST /escalations/{id}/close", () => {
  test("opened with its note (audit); a second is a 409; closed once (then 409)", async () => {
    const { thread } = questionWithAnswer();
    const opened = await send("POST", "/threads/{id}/escalations", `/threads/${thread.id}/escalations`, { token: tokens.moderator, body: { note: "Billing system double-charged this member." } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ threadId: thread.id, status: "open", note: "Billing system double-charged this member.", openedBy: { username: moderator.username } });
    expect(lastAudit()).toMatchObject({ action: "thread.escalate", targetId: thread.id, reason: "Billing system double-charged this member." });
    await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/escalations", `/threads/${thread.id}/escalations`, { token: tokens.moderator, body: { note: "Once more." } }), 409, "conflict");

    const closed = await send("POST", "/escalations/{id}/close", `/escalations/${opened.body.id}/close`, { token: tokens.moderator, body: { resolution: "Refunded." } });
    expect(closed.body).toMatchObject({ id: opened.body.id, status: "closed", resolution: "Refunded.", closedBy: { username: moderator.username } });
    expect(db.select().from(escalations).where(eq(escalations.id, opened.body.id)).get()!.status).toBe("closed");
    expect(lastAudit()).toMatchObject({ action: "escalation.close" });
    await expectRefusedUnchanged(db, () => send("POST", "/escalations/{id}/close", `/escalations/${opened.body.id}/close`, { token: tokens.moderator, body: { resolution: "Again." } }), 409);
    await expectRefusedUnchanged(db, () => send("POST", "/escalations/{id}/close", "/escalations/99999999/close", { token: tokens.moderator, body: { resolution: "Nothing." } }), 404);
  });
});

describe("promoting to the knowledge base: POST /posts/{id}/article and POST /threads/{id}/article", () => {
  test("an answer becomes a published article credited to its author (reputation, ledger, audit); a second time is a 409", async () => {
    const { answer, thread } = questionWithAnswer("How do I reset the gadgetron router to its factory settings?");
    const before = reputationOf(db, answerer.id);
    const sent = await send("POST", "/posts/{id}/article", `/posts/${answer.id}/article`, { token: tokens.moderator, body: { publish: true, tags: ["reset"] } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ title: thread.title, status: "published", tags: ["reset"], credit: { username: answerer.username }, sourceThreadId: thread.id });
    expect(sent.headers.get("location")).toBe(`${API_ORIGIN}/api/v1/articles/${sent.body.slug}`);
    const row = db.select().from(articles).where(eq(articles.sourceAnswerId, answer.id)).get()!;
    expect(row).toMatchObject({ id: sent.body.id, creditUserId: answerer.id });
    expect(db.select().from(reputationEvents).where(and(eq(reputationEvents.postId, answer.id), eq(reputationEvents.reason, "answer_promoted"))).all()).toHaveLength(1);
    expect(reputationOf(db, answerer.id)).toBeGreaterThan(before);
    expectLedgerAgrees(db, answerer.id);
    expect(lastAudit()).toMatchObject({ action: "article.promote", targetType: "article", targetId: row.id });
    expect(searchContent(db, { q: "gadgetron" }).hits.some((hit) => hit.kind === "article" && hit.id === row.id)).toBe(true);
    await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/article", `/posts/${answer.id}/article`, { token: tokens.moderator, body: {} }), 409, "conflict");
  });

  test("a draft by default; a thread's accepted answer; a thread without one is a 409; a hidden answer is a 409; a bad title a 422", async () => {
    const { answer, thread } = questionWithAnswer();
    const noneAccepted = await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/article", `/threads/${thread.id}/article`, { token: tokens.moderator, body: {} }), 409);
    expect(noneAccepted.body.detail).toBe("This question has no accepted answer.");
    db.update(threads).set({ acceptedAnswerId: answer.id }).where(eq(threads.id, thread.id)).run();
    const short = await expectRefusedUnchanged(db, () => send("POST", "/threads/{id}/article", `/threads/${thread.id}/article`, { token: tokens.moderator, body: { title: "Short" } }), 422);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(["title"]);
    const draft = await send("POST", "/threads/{id}/article", `/threads/${thread.id}/article`, { token: tokens.moderator, body: { title: "Resetting the line after an outage" } });
    expect(draft).toMatchObject({ status: 201, body: { status: "draft", title: "Resetting the line after an outage" } });
    // A draft credits nobody yet.
    expect(db.select().from(reputationEvents).where(and(eq(reputationEvents.postId, answer.id), eq(reputationEvents.reason, "answer_promoted"))).all()).toHaveLength(0);

    const other = questionWithAnswer();
    hidePost(db, asCurrentUser(db, moderator.id), other.answer.id, "Spam");
    await expectRefusedUnchanged(db, () => send("POST", "/posts/{id}/article", `/posts/${other.answer.id}/article`, { token: tokens.moderator, body: {} }), 409);
  });
});

describe("status incidents", () => {
  test("opened (201, Location, audit), corrected, updated, resolved; resolving again or updating a resolved one is a 409", async () => {
    const opened = await send("POST", "/incidents", "/incidents", {
      token: tokens.moderator,
      body: { title: "Internet outage in the north", severity: "degraded", category: routers.slug, body: "Some lines in the north are slow since 9:00." },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ title: "Internet outage in the north", severity: "degraded", category: { slug: routers.slug }, resolved: false, updates: [] });
    const id = opened.body.id;
    expect(opened.headers.get("location")).toBe(`${API_ORIGIN}/api/v1/incidents/${id}`);
    expect(lastAudit()).toMatchObject({ action: "incident.open", targetType: "announcement", targetId: id, actorId: moderator.id });

    const edited = await send("PATCH", "/incidents/{id}", `/incidents/${id}`, { token: tokens.moderator, body: { severity: "outage", category: "all" } });
    expect(edited.body).toMatchObject({ id, title: "Internet outage in the north", severity: "outage", category: null });
    expect(lastAudit()).toMatchObject({ action: "incident.edit", targetId: id });
    await expectRefusedUnchanged(db, () => send("PATCH", "/incidents/{id}", `/incidents/${id}`, { token: tokens.moderator, body: {} }), 422);
    const badCategory = await expectRefusedUnchanged(db, () => send("PATCH", "/incidents/{id}", `/incidents/${id}`, { token: tokens.moderator, body: { category: "nowhere" } }), 422);
    expect(badCategory.body.errors.map((e: { field: string }) => e.field)).toEqual(["category"]);

    const updated = await send("POST", "/incidents/{id}/updates", `/incidents/${id}/updates`, { token: tokens.moderator, body: { body: "Engineers are on site." } });
    expect(updated.status).toBe(201);
    expect(updated.body.updates.map((u: { body: string }) => u.body)).toEqual(["Engineers are on site."]);

    const resolved = await send("POST", "/incidents/{id}/resolve", `/incidents/${id}/resolve`, { token: tokens.moderator, body: { note: "Fixed: a cable was cut." } });
    expect(resolved.body).toMatchObject({ id, resolved: true });
    expect(resolved.body.updates.at(-1).body).toBe("Fixed: a cable was cut.");
    expect(db.select().from(announcements).where(eq(announcements.id, id)).get()!.resolvedById).toBe(moderator.id);
    expect(lastAudit()).toMatchObject({ action: "incident.resolve", targetId: id });

    await expectRefusedUnchanged(db, () => send("POST", "/incidents/{id}/resolve", `/incidents/${id}/resolve`, { token: tokens.moderator, body: { note: "Again." } }), 409, "conflict");
    await expectRefusedUnchanged(db, () => send("POST", "/incidents/{id}/updates", `/incidents/${id}/updates`, { token: tokens.moderator, body: { body: "Late news." } }), 409, "conflict");
    await expectRefusedUnchanged(db, () => send("POST", "/incidents/{id}/updates", "/incidents/99999999/updates", { token: tokens.moderator, body: { body: "Nowhere." } }), 404);
  });

  test("invalid fields are a 422 naming them; a member's token may not open one (403); nothing is saved", async () => {
    const invalid = await expectRefusedUnchanged(db, () => send("POST", "/incidents", "/incidents", { token: tokens.moderator, body: { title: "Hm", severity: "apocalyptic", category: "all", body: "Short" } }), 422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["body", "severity", "title"]);
    await expectRefusedUnchanged(
      db,
      () => send("POST", "/incidents", "/incidents", { token: tokens.member, body: { title: "Internet outage in the south", severity: "outage", category: "all", body: "Lines are down in the south." } }),
      403,
      "insufficient-scope",
    );
  });
});
