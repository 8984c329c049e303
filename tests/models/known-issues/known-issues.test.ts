// Known issues (issue #17, points 3 and 5): staff make one, link threads (one
// issue per thread), change its status and merge; members say "me too" once;
// a status change reaches each interested person exactly once (never those
// who muted the thread they are interested through); marking it fixed asks
// each linked thread's asker whether the fix solved their problem, and only
// that asker answers. Members are refused every staff verb and nothing changes.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import {
  answerFixCheck,
  createKnownIssue,
  editKnownIssue,
  interestedInKnownIssue,
  linkThread,
  mergeKnownIssues,
  sayMeToo,
  setKnownIssueStatus,
  unlinkThread,
} from "../../../app/models/known-issues/known-issues.server";
import { knownIssueBannerFor } from "../../../app/models/known-issues/known-issue-banner.server";
import { fixCheckEvidence } from "../../../app/models/known-issues/fix-checks.server";
import { knownIssuePage } from "../../../app/models/known-issues/known-issue-pages.server";
import { setWatch } from "../../../app/models/notify/watch.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { listNotifications } from "../../../app/models/notify/notification.server";
import { describeNotification } from "../../../app/utils/notification-text";
import { auditEvents, knownIssueChecks, knownIssueMeToos, knownIssueUpdates, knownIssues, notifications, outboxMessages, posts, teams, threads } from "../../../db/schema";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { expectRefused, refusal } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
type Thread = ReturnType<typeof createTestThread>;
const DAY = 24 * 60 * 60 * 1000;
const actor = (user: User) => asCurrentUser(db, user.id);

let mod: User;
let member: User;
let asker1: User;
let asker2: User;
let helper: User;
let watcher: User;
let muter: User;
let bystander: User;

const DESCRIPTION = "Since firmware 7.2 the Wi-Fi drops every evening for a few minutes. Restarting the box helps for a while.";

// Posts go out a minute apart, in the past: the posting limits (one question every so often) never refuse them.
let clock = Date.now() - 20 * DAY;
const tick = () => new Date((clock += 60_000));

function thread(author: User, title?: string): Thread {
  return createTestThread(db, actor(author), { title: title ?? `Wi-Fi drops every evening on my box, case ${Math.random().toString(36).slice(2, 7)}`, category: "network", at: tick() });
}

function answer(author: User, threadId: number, body: string) {
  return createTestAnswer(db, actor(author), threadId, body, tick());
}

function make(input: Partial<Parameters<typeof createKnownIssue>[2]> = {}, by: User = mod) {
  const result = createKnownIssue(db, actor(by), { title: "Evening Wi-Fi drops after firmware 7.2", description: DESCRIPTION, ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.id;
}

const issueRow = (id: number) => db.select().from(knownIssues).where(eq(knownIssues.id, id)).get()!;
const threadIssue = (id: number) => db.select({ knownIssueId: threads.knownIssueId }).from(threads).where(eq(threads.id, id)).get()!.knownIssueId;
/** The notifications of a kind about an issue (its id is in their data). */
const toldAbout = (issueId: number, kind = "known_issue_status") =>
  db
    .select({ userId: notifications.userId, data: notifications.data, threadId: notifications.threadId })
    .from(notifications)
    .where(eq(notifications.kind, kind))
    .all()
    .filter((row) => JSON.parse(row.data).issue === issueId);
const ids = (...users: User[]) => users.map((user) => user.id).sort((a, b) => a - b);
const userIds = (rows: { userId: number }[]) => rows.map((row) => row.userId).sort((a, b) => a - b);

beforeAll(async () => {
  createTestCategory(db, { slug: "network", name: "Network" });
  const joined = { createdAt: new Date(Date.now() - 30 * DAY) };
  mod = await createUser(db, { ...joined, role: "moderator" });
  member = await createUser(db, joined);
  asker1 = await createUser(db, joined);
  asker2 = await createUser(db, joined);
  helper = await createUser(db, joined);
  watcher = await createUser(db, joined);
  muter = await createUser(db, joined);
  bystander = await createUser(db, joined);
});

describe("making and editing a known issue", () => {
  test("a moderator makes one with its threads linked; the history starts, the audit log says so, counts follow", () => {
    const a = thread(asker1);
    const b = thread(asker2);
    const id = make({ threadIds: [a.id, b.id, a.id], internalNote: "Firmware team knows: ticket FW-881" });
    const issue = issueRow(id);
    expect(issue).toMatchObject({ status: "investigating", threadCount: 2, meTooCount: 0, createdById: mod.id, internalNote: "Firmware team knows: ticket FW-881" });
    expect(issue.descriptionHtml).toContain("<p>Since firmware 7.2");
    expect(threadIssue(a.id)).toBe(id);
    expect(threadIssue(b.id)).toBe(id);
    expect(db.select().from(knownIssueUpdates).where(eq(knownIssueUpdates.knownIssueId, id)).all()).toHaveLength(1);
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.create"), eq(auditEvents.targetId, id))).get();
    expect(JSON.parse(audit!.details).threadIds).toEqual([a.id, b.id]);
  });

  test("the description is rendered once, sanitized: no script survives", () => {
    const id = make({ description: "Evening drops. <script>alert(1)</script><img src=x onerror=alert(2)> **bold**" });
    const html = issueRow(id).descriptionHtml;
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toMatch(/<script|onerror/);
  });

  test("`now` is honoured for the issue, its history and its audit entry", () => {
    const when = new Date("2026-09-01T18:00:00Z");
    const id = make({ now: when });
    expect(issueRow(id).createdAt.toISOString()).toBe(when.toISOString());
    const update = db.select().from(knownIssueUpdates).where(eq(knownIssueUpdates.knownIssueId, id)).get()!;
    expect(update.createdAt.toISOString()).toBe(when.toISOString());
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.create"), eq(auditEvents.targetId, id))).get()!;
    expect(audit.createdAt.toISOString()).toBe(when.toISOString());
  });

  test("an unknown team, incident or article is a field message, and nothing is made", () => {
    const before = db.select().from(knownIssues).all().length;
    const result = createKnownIssue(db, actor(mod), { title: "Something else entirely", description: DESCRIPTION, teamId: 999, incidentId: 999, articleId: 999 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["article", "incident", "team"]);
    expect(db.select().from(knownIssues).all()).toHaveLength(before);
  });

  test("a thread already linked elsewhere refuses the whole form, with a message naming the other issue", () => {
    const a = thread(asker1);
    const first = make({ title: "The first issue about it", threadIds: [a.id] });
    const fresh = thread(asker2);
    const before = db.select().from(knownIssues).all().length;
    const result = createKnownIssue(db, actor(mod), { title: "A second issue about it", description: DESCRIPTION, threadIds: [fresh.id, a.id] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.threads).toContain("The first issue about it");
    expect(db.select().from(knownIssues).all()).toHaveLength(before);
    expect(threadIssue(fresh.id)).toBeNull();
    expect(threadIssue(a.id)).toBe(first);
  });

  test("editing changes the words and the staff fields, and is audit-logged", () => {
    const id = make();
    const result = editKnownIssue(db, actor(mod), {
      issueId: id,
      title: "Evening Wi-Fi drops (firmware 7.2)",
      description: "Corrected description of the evening drops.",
      teamId: null,
      incidentId: null,
      articleId: null,
      internalNote: "Ask the firmware team",
    });
    expect(result.ok).toBe(true);
    expect(issueRow(id)).toMatchObject({ title: "Evening Wi-Fi drops (firmware 7.2)", internalNote: "Ask the firmware team" });
    expect(issueRow(id).descriptionHtml).toContain("Corrected description");
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.edit"), eq(auditEvents.targetId, id))).all()).toHaveLength(1);
  });
});

describe("members are refused every staff verb, and nothing changes", () => {
  test("create, edit, link, unlink, status, merge", () => {
    const a = thread(asker1);
    const id = make({ threadIds: [a.id] });
    const other = make({ title: "Another known issue here" });
    const loose = thread(asker2);
    const m = actor(member);
    expectRefused(db, () => createKnownIssue(db, m, { title: "Member's own issue", description: DESCRIPTION }));
    expectRefused(db, () =>
      editKnownIssue(db, m, { issueId: id, title: "Hijacked title", description: DESCRIPTION, teamId: null, incidentId: null, articleId: null, internalNote: "" }),
    );
    expectRefused(db, () => linkThread(db, m, { issueId: id, threadId: loose.id }));
    expectRefused(db, () => unlinkThread(db, m, { threadId: a.id }));
    expectRefused(db, () => setKnownIssueStatus(db, m, { issueId: id, status: "fixed", note: "Fixed by a member?" }));
    expectRefused(db, () => mergeKnownIssues(db, m, { fromId: id, intoId: other }));
    // A visitor is asked to sign in.
    expectRefused(db, () => setKnownIssueStatus(db, null, { issueId: id, status: "fixed", note: "" }), 401);
    expectRefused(db, () => sayMeToo(db, null, { issueId: id }), 401);
  });
});

describe("one known issue per thread", () => {
  test("linking a thread linked elsewhere is a field message; an explicit move takes it over; counts follow", () => {
    const a = thread(asker1);
    const first = make({ threadIds: [a.id] });
    const second = make({ title: "Second issue for the move" });
    const refused = linkThread(db, actor(mod), { issueId: second, threadId: a.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.thread).toMatch(/already linked/);
    expect(threadIssue(a.id)).toBe(first);

    expect(linkThread(db, actor(mod), { issueId: second, threadId: a.id, move: true }).ok).toBe(true);
    expect(threadIssue(a.id)).toBe(second);
    expect(issueRow(first).threadCount).toBe(0);
    expect(issueRow(second).threadCount).toBe(1);
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.link"), eq(auditEvents.targetId, a.id))).all().at(-1)!;
    expect(JSON.parse(audit.details)).toMatchObject({ issueId: second, previousIssueId: first });
  });

  test("linking twice, an unknown thread and a deleted one are field messages", () => {
    const id = make();
    const a = thread(asker1);
    expect(linkThread(db, actor(mod), { issueId: id, threadId: a.id }).ok).toBe(true);
    const again = linkThread(db, actor(mod), { issueId: id, threadId: a.id });
    expect(again.ok || again.errors.thread).toMatch(/already linked to this/);
    const unknown = linkThread(db, actor(mod), { issueId: id, threadId: 987654 });
    expect(unknown.ok || unknown.errors.thread).toMatch(/no question #987654/);
    const gone = thread(asker2);
    const question = db.select().from(posts).where(and(eq(posts.threadId, gone.id), eq(posts.kind, "question"))).get()!;
    deletePost(db, actor(mod), question.id);
    const deleted = linkThread(db, actor(mod), { issueId: id, threadId: gone.id });
    expect(deleted.ok).toBe(false);
    expect(issueRow(id).threadCount).toBe(1);
  });

  test("unlinking takes it off and is audit-logged; unlinking again is a message", () => {
    const a = thread(asker1);
    const id = make({ threadIds: [a.id] });
    expect(unlinkThread(db, actor(mod), { threadId: a.id }).ok).toBe(true);
    expect(threadIssue(a.id)).toBeNull();
    expect(issueRow(id).threadCount).toBe(0);
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.unlink"), eq(auditEvents.targetId, a.id))).all()).toHaveLength(1);
    expect(unlinkThread(db, actor(mod), { threadId: a.id }).ok).toBe(false);
  });
});

describe("me too", () => {
  test("once per member per issue, however often it is said; the count is the rows'", () => {
    const a = thread(asker1);
    const id = make({ threadIds: [a.id] });
    const first = sayMeToo(db, actor(member), { issueId: id, threadId: a.id });
    const second = sayMeToo(db, actor(member), { issueId: id, threadId: a.id });
    expect(first).toEqual({ issueId: id, counted: true, meTooCount: 1 });
    expect(second).toEqual({ issueId: id, counted: false, meTooCount: 1 });
    for (let i = 0; i < 20; i += 1) sayMeToo(db, actor(member), { issueId: id });
    sayMeToo(db, actor(bystander), { issueId: id, threadId: 424242 });
    expect(issueRow(id).meTooCount).toBe(2);
    const rows = db.select().from(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, id)).all();
    expect(rows).toHaveLength(2);
    // A thread that is not the issue's is not kept.
    expect(rows.find((row) => row.userId === bystander.id)!.threadId).toBeNull();
  });

  test("an unknown issue is a 404", () => {
    expect(refusal(() => sayMeToo(db, actor(member), { issueId: 55555 })).status).toBe(404);
  });
});

describe("a status change reaches each interested person once", () => {
  let issueId: number;
  let t1: Thread;
  let t2: Thread;

  beforeAll(() => {
    t1 = thread(asker1);
    t2 = thread(asker2);
    issueId = make({ threadIds: [t1.id, t2.id] });
    // asker2 asked t2, answered t1 and said "me too": one notification.
    answer(asker2, t1.id, "Same here: it drops around 8 pm every evening since the update.");
    sayMeToo(db, actor(asker2), { issueId, threadId: t2.id });
    // helper answered t2.
    answer(helper, t2.id, "Try switching the 5 GHz band to a fixed channel for now.");
    // watcher watches t1.
    setWatch(db, actor(watcher), { targetType: "thread", targetId: t1.id, level: "watching" });
    // muter answered t1 (so watches it), then muted it.
    answer(muter, t1.id, "Mine too, I will mute this thread now though.");
    setWatch(db, actor(muter), { targetType: "thread", targetId: t1.id, level: "muted" });
    // member said "me too" without a thread.
    sayMeToo(db, actor(member), { issueId });
    db.delete(notifications).run();
  });

  test("askers, answerers, watchers and me-toos are interested; the muted and bystanders are not", () => {
    expect([...interestedInKnownIssue(db, issueId)].sort((a, b) => a - b)).toEqual(ids(asker1, asker2, helper, watcher, member));
  });

  test("each is told once, the actor left out, with the issue, its title, status and note", () => {
    const result = setKnownIssueStatus(db, actor(mod), { issueId, status: "fix_planned", note: "Firmware 7.3 fixes it next week." });
    expect(result).toEqual({ ok: true, notified: 5, asked: 0 });
    const rows = toldAbout(issueId);
    expect(userIds(rows)).toEqual(ids(asker1, asker2, helper, watcher, member));
    expect(JSON.parse(rows[0]!.data)).toEqual({ issue: issueId, title: issueRow(issueId).title, status: "fix_planned", note: "Firmware 7.3 fixes it next week." });
    expect(rows.every((row) => row.threadId === null)).toBe(true);
    expect(issueRow(issueId).status).toBe("fix_planned");
    const history = db.select().from(knownIssueUpdates).where(eq(knownIssueUpdates.knownIssueId, issueId)).all();
    expect(history.map((u) => u.status)).toEqual(["investigating", "fix_planned"]);
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.status"), eq(auditEvents.targetId, issueId))).get()!;
    expect(JSON.parse(audit.details)).toMatchObject({ status: "fix_planned", previousStatus: "investigating" });
  });

  test("the notification reads as the status and the note, and leads to the issue's page", () => {
    const { notifications: list } = listNotifications(db, actor(asker1));
    const view = list.find((n) => n.kind === "known_issue_status")!;
    const text = describeNotification(view, "Brand");
    expect(text.text).toContain("Fix planned");
    expect(text.text).toContain("Firmware 7.3 fixes it next week.");
    expect(text.path).toBe(`/known-issues/${issueId}`);
  });

  test("the same status again needs a note", () => {
    const again = setKnownIssueStatus(db, actor(mod), { issueId, status: "fix_planned", note: " " });
    expect(again.ok).toBe(false);
  });

  test("fixed: each linked thread's asker gets a check row and the question again, at their thread's #fix-check", () => {
    db.delete(notifications).run();
    const when = new Date(Date.now() - 60_000);
    const result = setKnownIssueStatus(db, actor(mod), { issueId, status: "fixed", note: "Firmware 7.3 is rolling out.", now: when });
    expect(result).toEqual({ ok: true, notified: 5, asked: 2 });
    expect(issueRow(issueId).fixedAt!.toISOString()).toBe(when.toISOString());
    const checks = db.select().from(knownIssueChecks).where(eq(knownIssueChecks.knownIssueId, issueId)).all();
    expect(checks.map((c) => [c.threadId, c.userId, c.answer]).sort()).toEqual(
      [
        [t1.id, asker1.id, null],
        [t2.id, asker2.id, null],
      ].sort(),
    );
    const asked = toldAbout(issueId, "known_issue_check");
    expect(asked.map((row) => [row.userId, row.threadId]).sort()).toEqual(
      [
        [asker1.id, t1.id],
        [asker2.id, t2.id],
      ].sort(),
    );
    const view = listNotifications(db, actor(asker1)).notifications.find((n) => n.kind === "known_issue_check")!;
    expect(describeNotification(view, "Brand").path).toBe(`/t/${t1.id}/${t1.slug}#fix-check`);
    // A note on an issue fixed already asks nobody twice.
    expect(setKnownIssueStatus(db, actor(mod), { issueId, status: "fixed", note: "Now everywhere." })).toMatchObject({ ok: true, asked: 0 });
  });

  test("the asker answers (and may change their mind); anyone else is refused, nothing changed", () => {
    expectRefused(db, () => answerFixCheck(db, actor(helper), { issueId, threadId: t1.id, answer: "solved" }));
    expectRefused(db, () => answerFixCheck(db, actor(mod), { issueId, threadId: t1.id, answer: "solved" }));
    expectRefused(db, () => answerFixCheck(db, null, { issueId, threadId: t1.id, answer: "solved" }), 401);
    // asker2 is not the asker of t1, though they asked t2.
    expectRefused(db, () => answerFixCheck(db, actor(asker2), { issueId, threadId: t1.id, answer: "not_solved" }));
    answerFixCheck(db, actor(asker1), { issueId, threadId: t1.id, answer: "not_solved" });
    answerFixCheck(db, actor(asker1), { issueId, threadId: t1.id, answer: "solved" });
    const evidence = fixCheckEvidence(db, issueId);
    expect({ solved: evidence.solved, notSolved: evidence.notSolved, waiting: evidence.waiting }).toEqual({ solved: 1, notSolved: 0, waiting: 1 });
    expect(evidence.rows.find((r) => r.threadId === t1.id)).toMatchObject({ answer: "solved", askerUsername: asker1.username });
  });

  test("the banner shows the asker their check, and others none", () => {
    const mine = knownIssueBannerFor(db, actor(asker1), t1.id)!;
    expect(mine.issue).toMatchObject({ id: issueId, status: "fixed", statusNote: "Now everywhere." });
    expect(mine.check).toEqual({ asked: true, answer: "solved" });
    expect(knownIssueBannerFor(db, actor(helper), t1.id)!.check).toBeUndefined();
    const visitor = knownIssueBannerFor(db, null, t2.id)!;
    expect(visitor.meToo).toEqual({ count: 2, mine: false, canSay: false });
    expect(knownIssueBannerFor(db, actor(member), t2.id)!.meToo).toEqual({ count: 2, mine: true, canSay: false });
    expect(knownIssueBannerFor(db, actor(bystander), t2.id)!.meToo).toEqual({ count: 2, mine: false, canSay: true });
    expect(knownIssueBannerFor(db, actor(bystander), thread(bystander).id)).toBeNull();
  });

  test("answering a thread that was never asked is refused", () => {
    const other = make({ title: "Never fixed issue here" });
    expect(refusal(() => answerFixCheck(db, actor(asker1), { issueId: other, threadId: t1.id, answer: "solved" })).status).toBe(409);
  });
});

describe("merging", () => {
  test("threads, me-toos (deduplicated) and checks move; the source points at the target; both counts follow", () => {
    const a = thread(asker1);
    const b = thread(asker2);
    const from = make({ title: "Duplicate issue to merge", threadIds: [a.id] });
    const into = make({ title: "The issue to keep", threadIds: [b.id] });
    sayMeToo(db, actor(member), { issueId: from });
    sayMeToo(db, actor(bystander), { issueId: from });
    sayMeToo(db, actor(member), { issueId: into });
    setKnownIssueStatus(db, actor(mod), { issueId: from, status: "fixed", note: "" });
    const result = mergeKnownIssues(db, actor(mod), { fromId: from, intoId: into });
    expect(result.ok).toBe(true);
    expect(issueRow(from)).toMatchObject({ mergedIntoId: into, threadCount: 0, meTooCount: 0 });
    expect(issueRow(into)).toMatchObject({ threadCount: 2, meTooCount: 2 });
    expect(threadIssue(a.id)).toBe(into);
    expect(db.select().from(knownIssueChecks).where(eq(knownIssueChecks.knownIssueId, into)).all().map((c) => c.threadId)).toEqual([a.id]);
    expect(db.select().from(knownIssueChecks).where(eq(knownIssueChecks.knownIssueId, from)).all()).toEqual([]);
    expect(knownIssuePage(db, actor(member), from)).toEqual({ mergedInto: into });
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "known_issue.merge"), eq(auditEvents.targetId, from))).all()).toHaveLength(1);
    // A merged issue takes no more changes; "me too" on it counts on the target.
    expect(refusal(() => setKnownIssueStatus(db, actor(mod), { issueId: from, status: "investigating", note: "x" })).status).toBe(409);
    expect(sayMeToo(db, actor(asker2), { issueId: from })).toMatchObject({ issueId: into, counted: true, meTooCount: 3 });
  });

  test("into itself, into an unknown issue or into a merged one: field messages", () => {
    const a = make({ title: "Merge source for refusals" });
    const b = make({ title: "Merge target for refusals" });
    const c = make({ title: "Already merged away one" });
    mergeKnownIssues(db, actor(mod), { fromId: c, intoId: b });
    for (const intoId of [a, 424242, c]) {
      const result = mergeKnownIssues(db, actor(mod), { fromId: a, intoId });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.into).toBeTruthy();
    }
    expect(issueRow(a).mergedIntoId).toBeNull();
  });

  test("issues merged into the source before follow it to the new target", () => {
    const first = make({ title: "First of a merge chain" });
    const middle = make({ title: "Middle of a merge chain" });
    const last = make({ title: "Last of a merge chain" });
    mergeKnownIssues(db, actor(mod), { fromId: first, intoId: middle });
    mergeKnownIssues(db, actor(mod), { fromId: middle, intoId: last });
    expect(issueRow(first).mergedIntoId).toBe(last);
    expect(knownIssuePage(db, null, first)).toEqual({ mergedInto: last });
  });
});

describe("routing to the owning team", () => {
  const sentTo = (address: string) => db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address)).all();

  test("a new issue with a team is sent to it; a change of team sends it to the new one; a surge of me-too once a day", async () => {
    const firmware = db.insert(teams).values({ name: "Firmware", route: "email", routeEmail: "firmware@brand.test", meTooThreshold: 2 }).returning().get();
    const app = db.insert(teams).values({ name: "App", route: "email", routeEmail: "app@brand.test" }).returning().get();
    const id = make({ title: "Routed to firmware", teamId: firmware.id });
    expect(sentTo("firmware@brand.test")).toHaveLength(1);
    editKnownIssue(db, actor(mod), { issueId: id, title: "Routed to firmware", description: DESCRIPTION, teamId: firmware.id, incidentId: null, articleId: null, internalNote: "" });
    expect(sentTo("firmware@brand.test")).toHaveLength(1);
    editKnownIssue(db, actor(mod), { issueId: id, title: "Routed to the app team", description: DESCRIPTION, teamId: app.id, incidentId: null, articleId: null, internalNote: "" });
    expect(sentTo("app@brand.test")).toHaveLength(1);
    editKnownIssue(db, actor(mod), { issueId: id, title: "Back to firmware", description: DESCRIPTION, teamId: firmware.id, incidentId: null, articleId: null, internalNote: "" });
    expect(sentTo("firmware@brand.test")).toHaveLength(2);
    for (const user of [member, bystander, helper]) sayMeToo(db, actor(user), { issueId: id });
    expect(sentTo("firmware@brand.test")).toHaveLength(3);
  });
});
