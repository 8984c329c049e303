// The moderators' dashboard (/mod, issue #7 point 4): every queue with its
// count and age — unanswered questions oldest first with "needs attention"
// after the admins' delay (a controlled clock here), open flags by reason,
// "still unresolved" threads newest first, knowledge-base reviews, open
// escalations — and the admins' setting for the delay.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { flagPost } from "../../../app/models/moderation/flag.server";
import { createArticle } from "../../../app/models/kb/kb.server";
import { openReview } from "../../../app/models/kb/kb-review.server";
import { getModDashboard } from "../../../app/models/moderation/mod-dashboard.server";
import { closeAsDuplicate, hidePost, lockThread } from "../../../app/models/moderation/moderation.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { getNeedsAttentionHours, updateNeedsAttentionHours } from "../../../app/models/site/settings.server";
import { action as settingsAction } from "../../../app/routes/admin.settings";
import { loader as dashboardLoader } from "../../../app/routes/mod._index";
import { loader as modLayoutLoader } from "../../../app/routes/mod";
import { articleReviews, escalations, posts, threads } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused } from "../../support/model-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });

const kim = await createUser(db, { username: "mod_kim", role: "moderator" });
const alex = await createUser(db, { username: "admin_alex", role: "admin" });
// Members of long standing, so questions can be dated days back (oldest first, as the posting limits expect).
const longAgo = { createdAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) };
const asker = await createEstablishedMember(db, longAgo);
const helper = await createEstablishedMember(db, longAgo);
const reporter = await createEstablishedMember(db, longAgo);

const HOUR = 60 * 60 * 1000;
// The dashboard's clock: every question below is dated from it.
const now = new Date(Date.now() - 60 * 1000);
const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR);
const questionOf = (threadId: number) => db.select().from(posts).where(eq(posts.threadId, threadId)).all().find((p) => p.kind === "question")!;

// Three askers said "not solved", at different times; one then accepted an answer.
const unresolvedEarly = createTestThread(db, asker, { title: "Still broken after the answers (early)", at: hoursAgo(80) });
const unresolvedLate = createTestThread(db, asker, { title: "Still broken after the answers (late)", at: hoursAgo(79) });
const solvedLater = createTestThread(db, asker, { title: "Said not solved, then accepted", at: hoursAgo(78) });
for (const [thread, answeredAt, saidAt] of [
  [unresolvedEarly, 70, 5],
  [unresolvedLate, 69, 2],
  [solvedLater, 68, 1],
] as const) {
  const a = createTestAnswer(db, helper, thread.id, "Try the other cable, it usually helps.", hoursAgo(answeredAt));
  db.update(threads).set({ followUpAnswer: "not_solved", followUpAnsweredAt: hoursAgo(saidAt) }).where(eq(threads.id, thread.id)).run();
  if (thread === solvedLater) db.update(threads).set({ acceptedAnswerId: a.id }).where(eq(threads.id, thread.id)).run();
}

// Threads that can't take an answer are not waiting for one.
const locked = createTestThread(db, asker, { title: "Locked unanswered question here", at: hoursAgo(50) });
const duplicate = createTestThread(db, asker, { title: "Duplicate unanswered question here", at: hoursAgo(49) });
const hidden = createTestThread(db, asker, { title: "Hidden unanswered question here", at: hoursAgo(48) });
const deleted = createTestThread(db, asker, { title: "Deleted unanswered question here", at: hoursAgo(47) });
const answered = createTestThread(db, asker, { title: "Answered question, not in the queue", at: hoursAgo(40) });
const answer = createTestAnswer(db, helper, answered.id, "Here is how: reset the box from the app.", hoursAgo(39));
lockThread(db, kim, locked.id);
closeAsDuplicate(db, kim, duplicate.id, String(answered.id));
hidePost(db, kim, questionOf(hidden.id).id, "Personal data");
deletePost(db, kim, questionOf(deleted.id).id);

const oldest = createTestThread(db, asker, { title: "Oldest unanswered: 30 hours old", at: hoursAgo(30) });
const middle = createTestThread(db, asker, { title: "Middle unanswered: 10 hours old", at: hoursAgo(10) });
const fresh = createTestThread(db, asker, { title: "Fresh unanswered: 1 hour old", at: hoursAgo(1) });

flagPost(db, reporter, { postId: answer.id, reason: "spam", note: "" });
flagPost(db, asker, { postId: answer.id, reason: "offensive", note: "" });
flagPost(db, reporter, { postId: questionOf(fresh.id).id, reason: "spam", note: "" });

db.insert(escalations).values({ threadId: middle.id, openedById: kim.id, note: "Billing bug", createdAt: hoursAgo(3) }).run();
db.insert(escalations).values({ threadId: fresh.id, openedById: kim.id, note: "Closed one", status: "closed", createdAt: hoursAgo(4) }).run();

describe("the queues", () => {
  test("unanswered questions: oldest first, only those that can take an answer, with 'needs attention' after 24 hours", () => {
    const { unanswered, needsAttentionHours } = getModDashboard(db, kim, now);
    expect(needsAttentionHours).toBe(24);
    expect(unanswered.threads.map((t) => t.id)).toEqual([oldest.id, middle.id, fresh.id]);
    expect(unanswered.threads.map((t) => t.needsAttention)).toEqual([true, false, false]);
    expect(unanswered.count).toBe(3);
    expect(unanswered.needsAttention).toBe(1);
    expect(unanswered.threads[0]).toMatchObject({ title: oldest.title, categoryName: "Billing" });
  });

  test("the same questions need attention later on the clock, or with a shorter delay", () => {
    expect(getModDashboard(db, kim, new Date(now.getTime() + 15 * HOUR)).unanswered.needsAttention).toBe(2);
    updateNeedsAttentionHours(db, alex, 5);
    const { unanswered, needsAttentionHours } = getModDashboard(db, kim, now);
    expect(needsAttentionHours).toBe(5);
    expect(unanswered.threads.map((t) => t.needsAttention)).toEqual([true, true, false]);
    updateNeedsAttentionHours(db, alex, 24);
  });

  test("open flags with their reasons and the oldest one's age", () => {
    const { flags } = getModDashboard(db, kim, now);
    expect(flags.count).toBe(3);
    expect(flags.byReason).toEqual([
      { reason: "spam", count: 2 },
      { reason: "offensive", count: 1 },
    ]);
    expect(flags.oldest).toBeInstanceOf(Date);
  });

  test("still unresolved: the askers' 'not solved', newest first, without those since solved", () => {
    const { unresolved } = getModDashboard(db, kim, now);
    expect(unresolved.threads.map((t) => t.id)).toEqual([unresolvedLate.id, unresolvedEarly.id]);
    expect(unresolved.count).toBe(2);
    expect(unresolved.threads[0]).toMatchObject({ answerCount: 1, answeredAt: hoursAgo(2) });
  });

  test("knowledge-base reviews and open escalations are counted", () => {
    const { kbReviews, escalations: open } = getModDashboard(db, kim, now);
    expect(kbReviews.count).toBe(0);
    expect(open.count).toBe(1);
    expect(open.oldest).toEqual(hoursAgo(3));
  });

  test("every queue says how long its oldest entry has waited", async () => {
    const article = createArticle(db, kim, { title: "Reset the Nimbus Box", body: "Hold the button for ten seconds.", category: "billing", tags: [], note: "", publish: true });
    if (!article.ok) throw new Error(JSON.stringify(article.errors));
    db.transaction((tx) => openReview(tx, article.article.id, "manual", "Check the button's name", kim.id, hoursAgo(6)));
    try {
      const dashboard = getModDashboard(db, kim, now);
      expect(dashboard.unanswered.oldest).toEqual(hoursAgo(30));
      expect(dashboard.unresolved.oldest).toEqual(hoursAgo(5));
      expect(dashboard.kbReviews).toEqual({ count: 1, oldest: hoursAgo(6) });
      expect(dashboard.flags.oldest).toBeInstanceOf(Date);
      expect(dashboard.escalations.oldest).toEqual(hoursAgo(3));
      // The page carries them to the cards.
      const data = await bodyOf(await settle(() => dashboardLoader({ request: getRequest("/mod"), params: {}, context: contextFor(db, kim.id) })));
      expect([data.unanswered.oldest, data.unresolved.oldest, data.kbReviews.oldest]).toEqual([hoursAgo(30), hoursAgo(5), hoursAgo(6)].map((d) => d.toISOString()));
    } finally {
      db.delete(articleReviews).run();
    }
  });

  test("the page: the dashboard for staff, 403 for members, the sign-in page for visitors — layout included", async () => {
    const page = (userId: number | null) => settle(() => dashboardLoader({ request: getRequest("/mod"), params: {}, context: contextFor(db, userId) }));
    const data = await bodyOf(await page(kim.id));
    expect(data.unanswered.count).toBe(3);
    expect(data.escalations.count).toBe(1);
    expect((await page(asker.id)).status).toBe(403);
    const visitor = await page(null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/login");
    expect((await settle(() => modLayoutLoader({ request: getRequest("/mod"), params: {}, context: contextFor(db, asker.id) }))).status).toBe(403);
    expectRefused(db, () => getModDashboard(db, asker, now));
    expectRefused(db, () => getModDashboard(db, null, now), 401);
  });
});

describe("the 'needs attention' setting", () => {
  const post = (fields: Record<string, string>, userId: number) =>
    settle(() => settingsAction({ request: formRequest("/admin/settings", { intent: "needs-attention", ...fields }), params: {}, context: contextFor(db, userId) }));

  test("an admin sets it; a bad value gets its message beside the field and keeps the text", async () => {
    const bad = await post({ needsAttentionHours: "0" }, alex.id);
    expect(bad.status).toBe(400);
    const body = await bodyOf(bad);
    expect(body.errors.needsAttentionHours).toBe("Between 1 and 720.");
    expect(body.values.needsAttentionHours).toBe("0");
    expect(getNeedsAttentionHours(db)).toBe(24);

    expect((await post({ needsAttentionHours: "12" }, alex.id)).status).toBe(200);
    expect(getNeedsAttentionHours(db)).toBe(12);
    expect(getModDashboard(db, kim, now).needsAttentionHours).toBe(12);
  });

  test("moderators and members can't change it", async () => {
    expect((await post({ needsAttentionHours: "1" }, kim.id)).status).toBe(403);
    expect((await post({ needsAttentionHours: "1" }, asker.id)).status).toBe(403);
    expectRefused(db, () => updateNeedsAttentionHours(db, kim, 1));
    expect(getNeedsAttentionHours(db)).toBe(12);
  });
});
