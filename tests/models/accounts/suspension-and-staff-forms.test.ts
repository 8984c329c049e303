// Against a real migrated database: what a suspended
// member may still do (stop watching, mute, email preferences) and may not
// (rewrite their profile, answer "Was this helpful?"); "accepted" told once
// per answer; staff forms refused before they are read; and the queries the
// flag queue and the knowledge-base queue make, counted.
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { acceptAnswer, unacceptAnswer } from "../../../app/models/forum/acceptance.server";
import { decideFlag, flagPost } from "../../../app/models/moderation/flag.server";
import { createArticle } from "../../../app/models/kb/kb.server";
import { listNegativeFeedbackFor, recordFeedback } from "../../../app/models/kb/kb-feedback.server";
import { getKbReviewRule, getSiteSettings } from "../../../app/models/site/settings.server";
import { listSynonyms } from "../../../app/models/search/synonym.server";
import { updateProfile } from "../../../app/models/accounts/user.server";
import { setWatch } from "../../../app/models/notify/watch.server";
import { can, refusal as policyRefusal } from "../../../app/policy";
import { action as usersAction } from "../../../app/routes/admin._index";
import { action as siteSettingsAction } from "../../../app/routes/admin.settings";
import { action as articleAction } from "../../../app/routes/kb.$slug";
import { loader as modKbLoader } from "../../../app/routes/mod.kb";
import { action as synonymsAction } from "../../../app/routes/mod.synonyms";
import { action as settingsAction } from "../../../app/routes/settings";
import { action as watchAction } from "../../../app/routes/watch";
import { articleFeedback, auditEvents, flags, notifications, outboxMessages, posts, users, watches } from "../../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
// Questions are posted minutes apart, so the posting limits stay out of the way.
let clock = Date.now() - 5 * DAY;
const tick = () => new Date((clock += 5 * 60_000));

let mod: User;
let admin: User;

beforeAll(async () => {
  mod = await createUser(db, { role: "moderator", createdAt: new Date(Date.now() - 30 * DAY) });
  admin = await createUser(db, { role: "admin", createdAt: new Date(Date.now() - 30 * DAY) });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const SUSPENSION = /^Your account is suspended until .+ UTC: Rude replies$/;

function suspend(user: User) {
  db.update(users).set({ suspendedUntil: new Date(Date.now() + 7 * DAY), suspendReason: "Rude replies" }).where(eq(users.id, user.id)).run();
  return asCurrentUser(db, user.id);
}

const userRow = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;

/** The SQL statements run while `run` runs (drizzle prepares one per query). */
async function statementsDuring(run: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const prepare = db.$client.prepare.bind(db.$client);
  const spy = vi.spyOn(db.$client, "prepare").mockImplementation((source: string) => {
    seen.push(source);
    return prepare(source);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

describe("a suspended member", () => {
  test("may not rewrite their display name or bio, by the model or a forged form, and sees why beside the form", async () => {
    const member = await createEstablishedMember(db, { displayName: "Sunny", bio: "Here to help." });
    const suspended = suspend(member);
    expect(policyRefusal(suspended, "profile.edit")).toMatch(SUSPENSION);
    expect(can(asCurrentUser(db, mod.id), "profile.edit")).toBe(true);

    const refused = expectRefused(db, () => updateProfile(db, suspended, { displayName: "Totally the brand", bio: "Official support." }));
    expect(await refused.text()).toMatch(SUSPENSION);
    expect(userRow(member.id)).toMatchObject({ displayName: "Sunny", bio: "Here to help." });

    const before = snapshot(db);
    const forged = await settle(() =>
      settingsAction({ request: formRequest("/settings", { intent: "profile", displayName: "Totally the brand", bio: "Official support." }), params: {}, context: contextFor(db, member.id) }),
    );
    expect(forged.status).toBe(403);
    const reply = await bodyOf<{ errors: Record<string, string>; values: Record<string, string> }>(forged);
    expect(reply.errors.form).toMatch(SUSPENSION);
    // What they typed stays in the form.
    expect(reply.values).toMatchObject({ displayName: "Totally the brand", bio: "Official support." });
    expect(snapshot(db)).toBe(before);
    expect(userRow(member.id)).toMatchObject({ displayName: "Sunny", bio: "Here to help." });
  });

  test("still changes their email preference; a member who is not suspended still edits their profile", async () => {
    const member = await createEstablishedMember(db);
    const free = await createEstablishedMember(db);
    suspend(member);
    const preference = await settle(() =>
      settingsAction({ request: formRequest("/settings", { intent: "notifications", emailNotifications: "off" }), params: {}, context: contextFor(db, member.id) }),
    );
    expect(preference.status).toBe(200);
    expect(userRow(member.id).emailNotifications).toBe("off");

    const saved = await settle(() =>
      settingsAction({ request: formRequest("/settings", { intent: "profile", displayName: "Free Bird", bio: "Still here." }), params: {}, context: contextFor(db, free.id) }),
    );
    expect(saved.status).toBe(200);
    expect(userRow(free.id)).toMatchObject({ displayName: "Free Bird", bio: "Still here." });
  });

  test("may not answer “Was this helpful?” (it credits reputation), by the model or a forged form; a visitor still may", async () => {
    const asker = await createEstablishedMember(db);
    const helper = await createEstablishedMember(db);
    const thread = createTestThread(db, asker, { at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "Unplug the box for thirty seconds, then plug it back in.", tick());
    const created = createArticle(
      db,
      mod,
      { title: "Restart the box the right way", body: "Unplug it for thirty seconds.", category: "billing", tags: [], note: "", publish: true, answerId: answer.id },
      tick(),
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const article = created.article;
    const member = await createEstablishedMember(db);
    suspend(member);
    const feedback = () => db.select().from(articleFeedback).where(eq(articleFeedback.articleId, article.id)).all();
    const helperPoints = userRow(helper.id).reputation;

    const refused = expectRefused(db, () => recordFeedback(db, article.id, { userId: member.id }, { helpful: true, comment: "" }));
    expect(await refused.text()).toMatch(SUSPENSION);
    const request = formRequest(`/kb/${article.slug}`, { intent: "feedback", helpful: "yes", comment: "" });
    const before = snapshot(db);
    const forged = await settle(() => articleAction({ request, params: { slug: article.slug }, context: contextFor(db, member.id) }));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(SUSPENSION);
    expect(snapshot(db)).toBe(before);
    expect(feedback()).toEqual([]);
    expect(userRow(helper.id).reputation).toBe(helperPoints);

    // A visitor's cookie feedback is unaffected.
    const visitor = await settle(() =>
      articleAction({ request: formRequest(`/kb/${article.slug}`, { intent: "feedback", helpful: "yes", comment: "" }), params: { slug: article.slug }, context: contextFor(db) }),
    );
    expect(visitor.status).toBe(303);
    expect(feedback()).toHaveLength(1);
  });

  test("may stop watching and mute, but not start watching (model and form)", async () => {
    const asker = await createEstablishedMember(db);
    const member = await createEstablishedMember(db);
    const thread = createTestThread(db, asker, { at: tick() });
    const other = createTestThread(db, asker, { at: tick() });
    setWatch(db, asCurrentUser(db, member.id), { targetType: "thread", targetId: thread.id, level: "watching" });
    setWatch(db, asCurrentUser(db, member.id), { targetType: "category", targetId: 1, level: "watching" });
    const suspended = suspend(member);
    const levels = () =>
      Object.fromEntries(
        db
          .select()
          .from(watches)
          .where(eq(watches.userId, member.id))
          .all()
          .map((w) => [`${w.targetType}:${w.targetId}`, w.level]),
      );

    expect(can(suspended, "watch", { level: "none" })).toBe(true);
    expect(can(suspended, "watch", { level: "muted" })).toBe(true);
    expect(policyRefusal(suspended, "watch", { level: "watching" })).toMatch(SUSPENSION);

    const refused = expectRefused(db, () => setWatch(db, suspended, { targetType: "thread", targetId: other.id, level: "watching" }));
    expect(await refused.text()).toMatch(SUSPENSION);
    const watchPost = (fields: Record<string, string>) =>
      settle(() => watchAction({ request: formRequest("/watch", fields), params: {}, context: contextFor(db, member.id) }));
    const before = snapshot(db);
    expect((await watchPost({ targetType: "tag", targetId: "1", level: "watching" })).status).toBe(403);
    expect((await watchPost({ targetType: "thread", targetId: String(other.id), level: "watching" })).status).toBe(403);
    expect(snapshot(db)).toBe(before);

    expect((await watchPost({ targetType: "thread", targetId: String(thread.id), level: "muted" })).status).toBe(302);
    expect((await watchPost({ targetType: "category", targetId: "1", level: "none" })).status).toBe(302);
    expect(levels()).toEqual({ [`thread:${thread.id}`]: "muted" });
    setWatch(db, suspended, { targetType: "thread", targetId: thread.id, level: "none" });
    expect(levels()).toEqual({});
  });
});

describe("acceptance", () => {
  test("tells the answerer once per answer, however often it is accepted again", async () => {
    const asker = await createEstablishedMember(db);
    const helper = await createEstablishedMember(db);
    const thread = createTestThread(db, asker, { at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "Try the other cable, it fixed mine.", tick());
    const other = createTestAnswer(db, await createEstablishedMember(db), thread.id, "Call the support line, they reset it remotely.", tick());
    const told = () =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, helper.id), eq(notifications.kind, "accepted")))
        .all();
    const outbox = () => db.select().from(outboxMessages).all().length;

    acceptAnswer(db, asker, answer.id, tick());
    expect(told()).toHaveLength(1);
    expect(told()[0]!.postId).toBe(answer.id);
    const emails = outbox();
    unacceptAnswer(db, asker, answer.id);
    acceptAnswer(db, asker, answer.id, tick());
    acceptAnswer(db, asker, other.id, tick());
    acceptAnswer(db, asker, answer.id, tick());
    expect(told()).toHaveLength(1);
    // The other answer's author was told once too, and nothing else was queued for the first answerer.
    expect(outbox() - emails).toBeLessThanOrEqual(1);
    expect(db.select().from(notifications).where(and(eq(notifications.kind, "accepted"), eq(notifications.postId, other.id))).all()).toHaveLength(1);
  });
});

describe("staff forms are refused before they are read", () => {
  test("a member's forged, invalid synonym form gets 403, not field messages", async () => {
    const member = await createEstablishedMember(db);
    const before = snapshot(db);
    const forged = await settle(() => synonymsAction({ request: formRequest("/mod/synonyms", { term: "", synonyms: "" }), params: {}, context: contextFor(db, member.id) }));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toBe("Only moderators can do that.");
    expect(snapshot(db)).toBe(before);
    expect(listSynonyms(db, asCurrentUser(db, mod.id))).toEqual([]);
  });

  test("a member's or moderator's forged, invalid role form gets 403", async () => {
    const member = await createEstablishedMember(db);
    for (const userId of [member.id, mod.id]) {
      const before = snapshot(db);
      const forged = await settle(() => usersAction({ request: formRequest("/admin", { userId: "nope", role: "emperor" }), params: {}, context: contextFor(db, userId) }));
      expect(forged.status).toBe(403);
      expect(await forged.text()).toBe("Only administrators can do that.");
      expect(snapshot(db)).toBe(before);
    }
  });

  test("a member's or moderator's forged, invalid settings forms get 403 and change nothing", async () => {
    const member = await createEstablishedMember(db);
    const site = getSiteSettings(db);
    const rule = getKbReviewRule(db);
    const forms: Record<string, string>[] = [
      { brandName: "", tagline: "" },
      { intent: "kb", minNo: "-1", noPercent: "abc" },
      { intent: "follow-up", followUpDays: "zero" },
      { intent: "needs-attention", needsAttentionHours: "" },
    ];
    for (const userId of [member.id, mod.id]) {
      for (const fields of forms) {
        const before = snapshot(db);
        const forged = await settle(() => siteSettingsAction({ request: formRequest("/admin/settings", fields), params: {}, context: contextFor(db, userId) }));
        expect(forged.status).toBe(403);
        expect(await forged.text()).toBe("Only administrators can do that.");
        expect(snapshot(db)).toBe(before);
      }
    }
    expect(getSiteSettings(db)).toEqual(site);
    expect(getKbReviewRule(db)).toEqual(rule);
    // An admin still gets the field messages.
    const bad = await settle(() => siteSettingsAction({ request: formRequest("/admin/settings", { brandName: "", tagline: "" }), params: {}, context: contextFor(db, admin.id) }));
    expect(bad.status).toBe(400);
  });
});

describe("queries outside loops", () => {
  test("deleting a flagged post closes all its open flags in one update, with one audit entry for them", async () => {
    const author = await createEstablishedMember(db);
    const thread = createTestThread(db, await createEstablishedMember(db), { at: tick() });
    const answer = createTestAnswer(db, author, thread.id, "Buy cheap pills at pills.example, best price!", tick());
    const reporters = [await createEstablishedMember(db), await createEstablishedMember(db), await createEstablishedMember(db)];
    for (const reporter of reporters) expect(flagPost(db, reporter, { postId: answer.id, reason: "spam", note: "" })).toEqual({ ok: true });
    const open = db.select().from(flags).where(eq(flags.postId, answer.id)).all();
    const auditBefore = db.select().from(auditEvents).all().length;

    const moderator = asCurrentUser(db, mod.id);
    const statements = await statementsDuring(() => decideFlag(db, moderator, open[1]!.id, "delete", "Spam links"));
    expect(statements.filter((s) => /^update "flags"/.test(s))).toHaveLength(1);

    expect(db.select().from(posts).where(eq(posts.id, answer.id)).get()!.deletedAt).not.toBeNull();
    const closed = db.select().from(flags).where(eq(flags.postId, answer.id)).all();
    expect(closed.map((f) => [f.status, f.resolvedById])).toEqual(open.map(() => ["actioned", mod.id]));
    // The deletion itself, and one entry for the flags it settled.
    const audit = db.select().from(auditEvents).all().slice(auditBefore);
    expect(audit.map((a) => a.action)).toEqual(["post.delete", "flag.actioned"]);
    expect(audit[1]).toMatchObject({ actorId: mod.id, action: "flag.actioned", targetType: "post", targetId: answer.id, reason: "Spam links" });
    expect(JSON.parse(audit[1]!.details)).toEqual({ flagId: open[1]!.id, reason: "spam", decision: "delete", flags: open.map((f) => f.id) });
  });

  test("the knowledge-base queue reads readers' comments for every article in one query, 10 newest each", async () => {
    const created = [1, 2].map((n) => {
      const result = createArticle(
        db,
        mod,
        { title: `Reset the box, method number ${n}`, body: "Hold the button for ten seconds.", category: "billing", tags: [], note: "", publish: true },
        tick(),
      );
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.article;
    });
    const readers = await Promise.all(Array.from({ length: 12 }, () => createUser(db)));
    readers.forEach((reader, i) => {
      recordFeedback(db, created[0]!.id, { userId: reader.id }, { helpful: false, comment: `First article, reader ${i}` }, tick());
      if (i < 3) recordFeedback(db, created[1]!.id, { userId: reader.id }, { helpful: false, comment: `Second article, reader ${i}` }, tick());
    });

    let response: Response | undefined;
    const statements = await statementsDuring(async () => {
      response = await settle(() => modKbLoader({ request: getRequest("/mod/kb"), params: {}, context: contextFor(db, mod.id) }));
    });
    expect(response!.status).toBe(200);
    expect(statements.filter((s) => /from "article_feedback"/.test(s))).toHaveLength(1);
    const page = await bodyOf<{ comments: Record<string, { comment: string }[]> }>(response!);
    expect(page.comments[created[0]!.id]!.map((c) => c.comment)).toEqual(Array.from({ length: 10 }, (_, i) => `First article, reader ${11 - i}`));
    expect(page.comments[created[1]!.id]!.map((c) => c.comment)).toEqual(["Second article, reader 2", "Second article, reader 1", "Second article, reader 0"]);

    // Moderators only, and nothing for no articles.
    const member = await createEstablishedMember(db);
    expectRefused(db, () => listNegativeFeedbackFor(db, asCurrentUser(db, member.id), [created[0]!.id]));
    expect(listNegativeFeedbackFor(db, asCurrentUser(db, mod.id), []).size).toBe(0);
  });
});
