// Spam defences (issue #13, point 6): the form guard on join and ask, the
// link limit of new accounts, posts held for review (/mod/review) and posts
// hidden at once by members' spam flags, and the admins' rules for them.
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { updateAccountRules } from "../../../app/models/accounts/account-rules.server";
import { createAnswer, createComment, editPost, loadPost } from "../../../app/models/forum/post.server";
import { findVisibleThread, getThread, listThreads } from "../../../app/models/forum/thread.server";
import { flagPost } from "../../../app/models/moderation/flag.server";
import { approveHeldPost, countHeldPosts, listHeldPosts, rejectHeldPost, SPAM_HOLD_REASON } from "../../../app/models/moderation/review.server";
import { setWatch } from "../../../app/models/notify/watch.server";
import { searchContent } from "../../../app/models/search/search.server";
import { action as adminSettingsAction } from "../../../app/routes/admin.settings";
import { action as askAction } from "../../../app/routes/ask";
import { action as reviewAction, loader as reviewLoader } from "../../../app/routes/mod.review";
import { checkFormGuard, issueFormStamp, STALE_MESSAGE, TOO_FAST_MESSAGE } from "../../../app/utils/form-guard.server";
import { auditEvents, flags, notifications, posts, threads } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser, giveReputation } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
const billing = createTestCategory(db, { slug: "network", name: "Network" });
const mod = await createUser(db, { username: "mod_rev", role: "moderator" });
const admin = await createUser(db, { username: "admin_rev", role: "admin" });
const regular = await createEstablishedMember(db, { username: "regular_rita" });
const watcher = await createEstablishedMember(db, { username: "watcher_wes" });
setWatch(db, watcher, { targetType: "category", targetId: billing.id, level: "watching" });

let clock = Date.now() - 60 * 60 * 1000;
const tick = () => new Date((clock += 5 * 60 * 1000));
/** A member who joined just now (a new account), posting minutes later. */
const newcomer = (username: string) => createUser(db, { username, createdAt: new Date(clock) });
const notificationsOf = (userId: number) => db.select().from(notifications).where(eq(notifications.userId, userId)).all();
const auditOf = (action: string, targetId: number) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId))).all();

describe("the form guard", () => {
  test("a person's form passes; a filled honeypot, a form sent too fast, a forged or old stamp do not", () => {
    const now = Date.now();
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) data.set(key, value);
      return data;
    };
    const stamp = issueFormStamp(db, now - 10_000);
    expect(checkFormGuard(db, form({ formStamp: stamp, website: "" }), now, 3)).toEqual({ ok: true });
    expect(checkFormGuard(db, form({ formStamp: stamp, website: "http://spam.example" }), now, 3)).toMatchObject({ ok: false, reason: "honeypot", message: TOO_FAST_MESSAGE });
    expect(checkFormGuard(db, form({ formStamp: issueFormStamp(db, now - 1_000) }), now, 3)).toMatchObject({ ok: false, reason: "too-fast" });
    const [issued] = stamp.split(".");
    const forged = `${Number(issued) - 60_000}.${stamp.split(".")[1]}`;
    expect(checkFormGuard(db, form({ formStamp: forged }), now, 3)).toMatchObject({ ok: false, reason: "stale", message: STALE_MESSAGE });
    expect(checkFormGuard(db, form({}), now, 3)).toMatchObject({ ok: false, reason: "stale" });
    expect(checkFormGuard(db, form({ formStamp: "not a stamp" }), now, 3)).toMatchObject({ ok: false, reason: "stale" });
    expect(checkFormGuard(db, form({ formStamp: issueFormStamp(db, now - 25 * 60 * 60 * 1000) }), now, 3)).toMatchObject({ ok: false, reason: "stale" });
  });

  test("/ask turns a bot's question back with nothing saved, and keeps a person's text with a fresh stamp", async () => {
    const member = await createEstablishedMember(db, { username: "asks_fast" });
    const fields = { title: "My router blinks orange every night", body: "Since Monday the light blinks orange after 10pm.", category: "network", tags: "", checked: "1" };
    const before = snapshot(db);
    const extras: Record<string, string>[] = [{ website: "http://cheap.example" }, { formStamp: issueFormStamp(db, Date.now()) }, { formStamp: "" }];
    for (const extra of extras) {
      const response = await settle(() => askAction({ request: formRequest("/ask", { ...fields, formStamp: issueFormStamp(db, Date.now() - 60_000), ...extra }), params: {}, context: contextFor(db, member.id) }));
      expect(response.status).toBe(400);
      const reply = await bodyOf(response);
      expect(reply.errors.form).toMatch(/quicker than a person|open for a long time/);
      expect(reply.values.title).toBe(fields.title);
      expect(reply.values.website).toBeUndefined();
      expect(reply.formStamp).toMatch(/^\d+\./);
    }
    expect(snapshot(db)).toBe(before);
    const ok = await settle(() => askAction({ request: formRequest("/ask", { ...fields, formStamp: issueFormStamp(db, Date.now() - 60_000), website: "" }), params: {}, context: contextFor(db, member.id) }));
    expect(ok.status).toBe(302);
  });
});

describe("links from new accounts", () => {
  test("a new account may post two links in its first day, all posts together; an established member and staff are not limited", async () => {
    const fresh = await newcomer("linky_new");
    const thread = createTestThread(db, regular, { category: "network", at: tick() });
    const twoLinks = "See https://example.com/a and [this](https://example.com/b).";
    const first = createAnswer(db, fresh, { threadId: thread.id, body: twoLinks }, tick());
    expect(first.ok).toBe(true);
    const before = snapshot(db);
    const third = createAnswer(db, fresh, { threadId: thread.id, body: "And also https://example.com/c please." }, tick());
    expect(third.ok).toBe(false);
    if (!third.ok) expect(third.errors.body).toMatch(/2 links to other sites in their first day, and you have reached it/);
    const comment = createComment(db, fresh, { postId: first.ok ? first.answer.id : 0, body: "https://example.com/d" }, tick());
    expect(comment.ok).toBe(false);
    expect(snapshot(db)).toBe(before);
    // Editing the first answer counts its own links once, not twice.
    const edited = editPost(db, fresh, first.ok ? first.answer.id : 0, { body: `${twoLinks} Edited.`, reason: "typo" }, tick());
    expect(edited.ok).toBe(true);
    const tooMany = editPost(db, fresh, first.ok ? first.answer.id : 0, { body: `${twoLinks} https://example.com/e`, reason: "more" }, tick());
    expect(tooMany.ok).toBe(false);
    // A mention is a link within the forum: never counted.
    expect(createAnswer(db, fresh, { threadId: thread.id, body: "Ask @regular_rita, she knows." }, tick()).ok).toBe(true);
    expect(createAnswer(db, regular, { threadId: thread.id, body: "https://a.example https://b.example https://c.example" }, tick()).ok).toBe(true);
    expect(createAnswer(db, mod, { threadId: thread.id, body: "https://a.example https://b.example https://c.example" }, tick()).ok).toBe(true);
  });

  test("the limit is the admins' setting, and a day later it no longer applies", async () => {
    updateAccountRules(db, admin, { newAccountLinkLimit: 0 });
    const fresh = await newcomer("linky_zero");
    const thread = createTestThread(db, regular, { category: "network", at: tick() });
    const refused = createAnswer(db, fresh, { threadId: thread.id, body: "https://example.com" }, new Date(clock + 60_000));
    expect(refused.ok).toBe(false);
    const dayLater = createAnswer(db, fresh, { threadId: thread.id, body: "https://example.com" }, new Date(clock + 25 * 60 * 60 * 1000));
    expect(dayLater.ok).toBe(true);
    updateAccountRules(db, admin, { newAccountLinkLimit: 2 });
  });
});

describe("posts held for review", () => {
  test("with “first”, a member's first question waits: only its author and staff see it, nothing lists, finds or announces it; approving publishes it", async () => {
    updateAccountRules(db, admin, { holdForReview: "first" });
    const asker = await createEstablishedMember(db, { username: "first_timer" });
    const other = await createEstablishedMember(db, { username: "other_otto" });
    const watcherBefore = notificationsOf(watcher.id).length;
    const thread = createTestThread(db, asker, { category: "network", title: "Zanzibarquux router resets itself", at: tick() });
    const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
    expect(question.heldAt).not.toBeNull();
    expect(getThread(db, thread.id)!.hiddenAt).not.toBeNull();
    expect(findVisibleThread(db, asker, thread.id)?.id).toBe(thread.id);
    expect(findVisibleThread(db, other, thread.id)).toBeNull();
    expect(findVisibleThread(db, null, thread.id)).toBeNull();
    expect(findVisibleThread(db, mod, thread.id)?.id).toBe(thread.id);
    expect(listThreads(db, { categoryId: billing.id }, "newest", 1).threads.map((t) => t.id)).not.toContain(thread.id);
    expect(searchContent(db, { q: "zanzibarquux" }).hits).toHaveLength(0);
    expect(notificationsOf(watcher.id).length).toBe(watcherBefore);

    const queue = listHeldPosts(db, mod);
    expect(queue.posts.map((p) => p.id)).toContain(question.id);
    expect(queue.posts.find((p) => p.id === question.id)?.why).toBe("new-account");
    expect(queue.total).toBe(countHeldPosts(db));
    expect(queue.total).toBe(db.select().from(posts).all().filter((p) => p.heldAt && !p.deletedAt).length);

    // Members (the author included) cannot approve or reject, and nothing changes.
    expectRefused(db, () => approveHeldPost(db, asker, question.id));
    expectRefused(db, () => rejectHeldPost(db, other, question.id, "no"));
    expectRefused(db, () => listHeldPosts(db, other));

    expect(approveHeldPost(db, mod, question.id, tick())).toEqual({ ok: true });
    expect(getThread(db, thread.id)!.hiddenAt).toBeNull();
    expect(db.select().from(posts).where(eq(posts.id, question.id)).get()!.heldAt).toBeNull();
    expect(findVisibleThread(db, other, thread.id)?.id).toBe(thread.id);
    expect(listThreads(db, { categoryId: billing.id }, "newest", 1).threads.map((t) => t.id)).toContain(thread.id);
    expect(searchContent(db, { q: "zanzibarquux" }).hits.map((h) => h.id)).toContain(thread.id);
    expect(notificationsOf(watcher.id).length).toBe(watcherBefore + 1);
    expect(auditOf("post.approve", question.id)).toHaveLength(1);
    expect(approveHeldPost(db, mod, question.id)).toMatchObject({ ok: false });

    // Their next question is published at once; their first answer waits.
    const second = createTestThread(db, asker, { category: "network", at: tick() });
    expect(getThread(db, second.id)!.hiddenAt).toBeNull();
    const answered = createTestThread(db, regular, { category: "network", at: tick() });
    const answer = createTestAnswer(db, asker, answered.id, "Unplug it for a minute, that fixed mine.", tick());
    expect(answer.heldAt).not.toBeNull();
    expect(getThread(db, answered.id)!.answerCount).toBe(0);
    expect(() => loadPost(db, other, answer.id)).toThrow();
    expect(loadPost(db, asker, answer.id).post.id).toBe(answer.id);
    const askerNotices = notificationsOf(regular.id).length;
    expect(approveHeldPost(db, mod, answer.id, tick())).toEqual({ ok: true });
    expect(getThread(db, answered.id)!.answerCount).toBe(1);
    expect(notificationsOf(regular.id).length).toBe(askerNotices + 1);
    updateAccountRules(db, admin, { holdForReview: "off" });
  });

  test("rejecting deletes the held post with the reason in the audit log; staff are never held", async () => {
    updateAccountRules(db, admin, { holdForReview: "new" });
    const fresh = await newcomer("spammy_sam");
    const thread = createTestThread(db, regular, { category: "network", at: tick() });
    const answer = createTestAnswer(db, fresh, thread.id, "Buy followers cheap at my site.", new Date(clock + 60_000));
    expect(answer.heldAt).not.toBeNull();
    const comment = createComment(db, fresh, { postId: answer.id, body: "Great deals" }, new Date(clock + 120_000));
    expect(comment.ok && comment.held).toBe(true);
    expect(rejectHeldPost(db, mod, answer.id, "advertising", tick())).toEqual({ ok: true });
    const row = db.select().from(posts).where(eq(posts.id, answer.id)).get()!;
    expect(row.deletedAt).not.toBeNull();
    expect(row.heldAt).toBeNull();
    expect(auditOf("post.reject", answer.id)[0]?.reason).toBe("advertising");
    expect(getThread(db, thread.id)!.answerCount).toBe(0);
    expect(listHeldPosts(db, mod).posts.map((p) => p.id)).not.toContain(answer.id);
    // A moderator's post never waits.
    const staffAnswer = createTestAnswer(db, mod, thread.id, "We are looking into it.", tick());
    expect(staffAnswer.heldAt).toBeNull();
    updateAccountRules(db, admin, { holdForReview: "off" });
  });

  test("/mod/review lists, approves and rejects; a member is refused before the form is read", async () => {
    updateAccountRules(db, admin, { holdForReview: "first" });
    const asker = await createEstablishedMember(db, { username: "route_asker" });
    const thread = createTestThread(db, asker, { category: "network", at: tick() });
    const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
    const page = await bodyOf(await settle(() => reviewLoader({ request: getRequest("/mod/review"), params: {}, context: contextFor(db, mod.id) })));
    expect(page.posts.map((p: { id: number }) => p.id)).toContain(question.id);
    expect(page.total).toBe(countHeldPosts(db));
    const refused = await settle(() => reviewAction({ request: formRequest("/mod/review", { postId: String(question.id), decision: "approve" }), params: {}, context: contextFor(db, asker.id) }));
    expect(refused.status).toBe(403);
    expect(db.select().from(posts).where(eq(posts.id, question.id)).get()!.heldAt).not.toBeNull();
    const malformed = await settle(() => reviewAction({ request: formRequest("/mod/review", { postId: "x", decision: "approve" }), params: {}, context: contextFor(db, mod.id) }));
    expect(malformed.status).toBe(400);
    const approved = await settle(() => reviewAction({ request: formRequest("/mod/review", { postId: String(question.id), decision: "approve" }), params: {}, context: contextFor(db, mod.id) }));
    expect(approved.status).toBe(302);
    expect(getThread(db, thread.id)!.hiddenAt).toBeNull();
    updateAccountRules(db, admin, { holdForReview: "off" });
  });
});

describe("spam flags", () => {
  test("three spam flags from members with enough reputation hide a post at once, pending review; low-reputation flags do not count", async () => {
    const thread = createTestThread(db, regular, { category: "network", at: tick() });
    const spammer = await createEstablishedMember(db, { username: "seller_sid" });
    const answer = createTestAnswer(db, spammer, thread.id, "Visit my shop for cheap routers.", tick());
    expect(getThread(db, thread.id)!.answerCount).toBe(1);
    const lowRep = await createUser(db, { username: "low_rep_lou", createdAt: new Date(Date.now() - 3 * 86400000) });
    const flaggers = await Promise.all(["flag_a", "flag_b", "flag_c"].map((username) => createEstablishedMember(db, { username })));
    flagPost(db, lowRep, { postId: answer.id, reason: "spam", note: "" });
    flagPost(db, flaggers[0]!, { postId: answer.id, reason: "spam", note: "" });
    flagPost(db, flaggers[1]!, { postId: answer.id, reason: "off-topic", note: "" });
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.hiddenAt).toBeNull();
    flagPost(db, flaggers[2]!, { postId: answer.id, reason: "spam", note: "" });
    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.hiddenAt).toBeNull();
    giveReputation(db, lowRep, 50);
    const another = await createEstablishedMember(db, { username: "flag_d" });
    flagPost(db, another, { postId: answer.id, reason: "spam", note: "" });
    const hidden = db.select().from(posts).where(eq(posts.id, answer.id)).get()!;
    expect(hidden.hiddenAt).not.toBeNull();
    expect(hidden.heldAt).not.toBeNull();
    expect(hidden.hiddenReason).toBe(SPAM_HOLD_REASON);
    expect(getThread(db, thread.id)!.answerCount).toBe(0);
    expect(auditOf("post.auto_hide", answer.id)).toHaveLength(1);
    expect(() => loadPost(db, regular, answer.id)).toThrow();
    expect(listHeldPosts(db, mod).posts.find((p) => p.id === answer.id)?.why).toBe("spam-flags");

    // Approving puts it back (counted again, not announced twice) and dismisses the flags.
    const notices = notificationsOf(regular.id).length;
    expect(approveHeldPost(db, mod, answer.id, tick())).toEqual({ ok: true });
    expect(getThread(db, thread.id)!.answerCount).toBe(1);
    expect(notificationsOf(regular.id).length).toBe(notices);
    expect(db.select().from(flags).where(and(eq(flags.postId, answer.id), eq(flags.status, "open"))).all()).toHaveLength(0);
  });

  test("a moderator's post is never hidden by flags", async () => {
    const thread = createTestThread(db, regular, { category: "network", at: tick() });
    const official = createTestAnswer(db, mod, thread.id, "Official: the outage is fixed.", tick());
    for (const username of ["flag_m1", "flag_m2", "flag_m3"]) {
      flagPost(db, await createEstablishedMember(db, { username }), { postId: official.id, reason: "spam", note: "" });
    }
    expect(db.select().from(posts).where(eq(posts.id, official.id)).get()!.hiddenAt).toBeNull();
  });
});

describe("the admins' spam rules", () => {
  test("saved from /admin/settings with messages beside wrong fields; refused to a moderator with nothing changed", async () => {
    const post = (userId: number, fields: Record<string, string>) =>
      settle(() => adminSettingsAction({ request: formRequest("/admin/settings", { intent: "spam", ...fields }), params: {}, context: contextFor(db, userId) }));
    const good = { holdForReview: "first", newAccountLinkLimit: "1", spamFlagThreshold: "4", spamFlagMinReputation: "20" };
    const before = snapshot(db);
    expect((await post(mod.id, good)).status).toBe(403);
    expect(snapshot(db)).toBe(before);
    const bad = await post(admin.id, { holdForReview: "always", newAccountLinkLimit: "-1", spamFlagThreshold: "0", spamFlagMinReputation: "x" });
    expect(bad.status).toBe(400);
    const reply = await bodyOf(bad);
    expect(Object.keys(reply.errors).sort()).toEqual(["holdForReview", "newAccountLinkLimit", "spamFlagMinReputation", "spamFlagThreshold"]);
    expect(reply.values.spamFlagMinReputation).toBe("x");
    expect(snapshot(db)).toBe(before);
    expect((await post(admin.id, good)).status).toBe(200);
    const { getAccountRules } = await import("../../../app/models/accounts/account-rules.server");
    expect(getAccountRules(db)).toMatchObject({ holdForReview: "first", newAccountLinkLimit: 1, spamFlagThreshold: 4, spamFlagMinReputation: 20 });
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "settings.accounts")).all().length).toBeGreaterThan(0);
    updateAccountRules(db, admin, { holdForReview: "off", newAccountLinkLimit: 2, spamFlagThreshold: 3, spamFlagMinReputation: 15 });
  });
});

void threads;
