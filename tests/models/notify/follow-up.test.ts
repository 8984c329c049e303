// "Did this solve your problem?" with a clock the tests control: the first
// answer sets the due date, the worker's "follow-ups" job asks the asker once
// (never twice, not for solved threads, resuming after a restart), and only
// the asker answers: Yes leads to choosing the answer, No to the moderators'
// "still unresolved" queue.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import { answerFollowUp, runFollowUps } from "../../../app/models/notify/follow-up.server";
import { hidePost, unhidePost } from "../../../app/models/moderation/moderation.server";
import { listNotifications } from "../../../app/models/notify/notification.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { getFollowUpDays, updateFollowUpDays } from "../../../app/models/site/settings.server";
import { action as settingsAction } from "../../../app/routes/admin.settings";
import { action as followUpAction, loader as followUpLoader } from "../../../app/routes/follow-up.$threadId";
import { loader as threadLoader } from "../../../app/routes/t.$id.($slug)";
import { describeNotification } from "../../../app/utils/notification-text";
import { createWorker, scheduledJobs } from "../../../app/worker.server";
import { createDb } from "../../../db/client";
import { notifications, posts, threads } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// The tests' clock: a month ago, moving forward a few minutes per post so the posting limits stay out of the way.
let clock = Date.now() - 30 * DAY;
const tick = () => new Date((clock += 5 * MINUTE));

let asker: User;
let helper: User;
let other: User;
let mod: User;
let admin: User;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createEstablishedMember(db);
  helper = await createEstablishedMember(db);
  other = await createEstablishedMember(db);
  mod = await createEstablishedMember(db, { role: "moderator" });
  admin = await createEstablishedMember(db, { role: "admin" });
});

function threadRow(id: number) {
  return db.select().from(threads).where(eq(threads.id, id)).get()!;
}

function followUpsTo(userId: number, threadId?: number) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "follow_up"), threadId ? eq(notifications.threadId, threadId) : undefined))
    .all();
}

/** A question with one answer from someone else; returns the thread and the time of that first answer. */
function answeredThread(title?: string) {
  const thread = createTestThread(db, asker, { at: tick(), ...(title ? { title } : {}) });
  const answeredAt = tick();
  const answer = createTestAnswer(db, helper, thread.id, "Restart the box and wait two minutes before checking the lights.", answeredAt);
  return { thread, answer, answeredAt };
}

const after = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function threadPage(thread: { id: number; slug: string }, userId: number | null) {
  const response = await settle(() =>
    threadLoader({
      request: getRequest(`/t/${thread.id}/${thread.slug}`),
      params: { id: String(thread.id), slug: thread.slug },
      context: contextFor(db, userId),
    }),
  );
  expect(response.status).toBe(200);
  return bodyOf(response);
}

function answerRoute(threadId: number, answer: string, userId: number | null) {
  return settle(() =>
    followUpAction({
      request: formRequest(`/follow-up/${threadId}`, { answer }),
      params: { threadId: String(threadId) },
      context: contextFor(db, userId),
    }),
  );
}

describe("scheduling", () => {
  test("the first answer from someone else sets the due date; later answers and the asker's own do not move it", () => {
    const thread = createTestThread(db, asker, { at: tick() });
    createTestAnswer(db, asker, thread.id, "Answering myself with what I tried so far, in detail.", tick());
    expect(threadRow(thread.id).followUpDueAt).toBeNull();

    const first = tick();
    createTestAnswer(db, helper, thread.id, undefined, first);
    expect(threadRow(thread.id).followUpDueAt).toEqual(after(first, 3 * DAY));
    createTestAnswer(db, other, thread.id, "Another idea: check the cable behind the box.", tick());
    expect(threadRow(thread.id).followUpDueAt).toEqual(after(first, 3 * DAY));
    expect(threadRow(thread.id).followUpSentAt).toBeNull();
  });
});

describe("the follow-ups job", () => {
  test("not before three days; asked once at three days; never twice when the job runs again", () => {
    const { thread, answeredAt } = answeredThread();
    const due = after(answeredAt, 3 * DAY);

    runFollowUps(db, after(answeredAt, DAY));
    runFollowUps(db, after(due, -1));
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(0);
    expect(threadRow(thread.id).followUpSentAt).toBeNull();

    const report = runFollowUps(db, due);
    expect(report.asked).toBeGreaterThanOrEqual(1);
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
    expect(threadRow(thread.id).followUpSentAt).toEqual(due);

    runFollowUps(db, after(due, MINUTE));
    runFollowUps(db, after(due, 10 * DAY));
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
    // Nobody else is asked: not the one who answered, not the moderators.
    expect(followUpsTo(helper.id, thread.id)).toHaveLength(0);
    expect(followUpsTo(mod.id, thread.id)).toHaveLength(0);
  });

  test("the notification asks in words and leads to the prompt at #follow-up", async () => {
    const { thread, answeredAt } = answeredThread("Why does my router reboot every night?");
    runFollowUps(db, after(answeredAt, 3 * DAY));
    const view = listNotifications(db, asker).notifications.find((n) => n.kind === "follow_up" && n.thread?.id === thread.id)!;
    expect(describeNotification(view, "Nimbus")).toEqual({
      text: "Did the answers to “Why does my router reboot every night?” solve your problem?",
      path: `/t/${thread.id}/${thread.slug}#follow-up`,
    });
  });

  test("two workers running the job at once (a restart while the old one still runs, on two connections) ask once", async () => {
    const { thread, answeredAt } = answeredThread();
    const due = after(answeredAt, 3 * DAY);
    const secondConnection = createDb(db.$client.name);
    try {
      const first = createWorker({ clock: () => due });
      const second = createWorker({ clock: () => due });
      for (const job of scheduledJobs(db, {})) first.registerJob(job.name, job.everyMs, job.run);
      for (const job of scheduledJobs(secondConnection, {})) second.registerJob(job.name, job.everyMs, job.run);
      const runs = await Promise.all([
        first.runJob("follow-ups", due),
        second.runJob("follow-ups", due),
        first.runJob("follow-ups", due),
        Promise.resolve().then(() => runFollowUps(secondConnection, due)),
      ]);
      // The same worker never runs a job twice at once.
      expect(runs.slice(0, 3)).toEqual([true, true, false]);
      expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
    } finally {
      secondConnection.$client.close();
    }
  });

  test("after a restart, a new worker picks up the threads that came due while it was down", async () => {
    const { thread, answeredAt } = answeredThread();
    const before = createWorker({ clock: () => after(answeredAt, DAY) });
    for (const job of scheduledJobs(db, {})) before.registerJob(job.name, job.everyMs, job.run);
    await before.tick();
    await before.stop();
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(0);

    // Down for a week: the thread came due on day 3, nobody asked.
    const restartedAt = after(answeredAt, 10 * DAY);
    const restarted = createWorker({ clock: () => restartedAt });
    for (const job of scheduledJobs(db, {})) restarted.registerJob(job.name, job.everyMs, job.run);
    expect(restarted.jobNames()).toContain("follow-ups");
    await restarted.tick();
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
    expect(threadRow(thread.id).followUpSentAt).toEqual(restartedAt);
    await restarted.tick(after(restartedAt, 5 * MINUTE));
    await restarted.stop();
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
  });

  test("many due threads are all asked, batch after batch", () => {
    const due: number[] = [];
    let last = new Date(0);
    for (let i = 0; i < 5; i++) {
      const { thread, answeredAt } = answeredThread();
      due.push(thread.id);
      last = answeredAt;
    }
    runFollowUps(db, after(last, 3 * DAY), 2);
    for (const id of due) expect(followUpsTo(asker.id, id)).toHaveLength(1);
  });

  test("a thread solved before its due date is never asked, and is not looked at again", () => {
    const { thread, answer, answeredAt } = answeredThread();
    acceptAnswer(db, asker, answer.id, after(answeredAt, DAY));
    runFollowUps(db, after(answeredAt, 3 * DAY));
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(0);
    const row = threadRow(thread.id);
    expect(row.followUpSentAt).toBeNull();
    expect(row.followUpDueAt).toBeNull();
    runFollowUps(db, after(answeredAt, 30 * DAY));
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(0);
  });

  test("a thread whose only answer was deleted, or that was deleted, is not asked", () => {
    const gone = answeredThread();
    deletePost(db, helper, gone.answer.id, after(gone.answeredAt, MINUTE));
    // A moderator deletes the whole question.
    const deleted = answeredThread();
    const question = db.select().from(posts).where(and(eq(posts.threadId, deleted.thread.id), eq(posts.kind, "question"))).get()!;
    deletePost(db, mod, question.id, after(deleted.answeredAt, MINUTE));
    expect(threadRow(deleted.thread.id).deletedAt).not.toBeNull();

    runFollowUps(db, after(deleted.answeredAt, 3 * DAY));
    expect(followUpsTo(asker.id, gone.thread.id)).toHaveLength(0);
    expect(followUpsTo(asker.id, deleted.thread.id)).toHaveLength(0);
  });

  test("an answer hidden past the due date and then unhidden puts the question back on: asked once, at the next run", () => {
    const { thread, answer, answeredAt } = answeredThread();
    expect(hidePost(db, mod, answer.id, "Checking a link in it", after(answeredAt, 60 * MINUTE)).ok).toBe(true);
    const due = after(answeredAt, 3 * DAY);
    runFollowUps(db, due);
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(0);
    expect(threadRow(thread.id).followUpDueAt).toBeNull();

    expect(unhidePost(db, mod, answer.id).ok).toBe(true);
    expect(threadRow(thread.id).followUpDueAt).toEqual(due);
    runFollowUps(db, after(due, DAY));
    runFollowUps(db, after(due, 2 * DAY));
    expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
  });

  test("the site setting changes the delay for threads answered after the change", async () => {
    expect(getFollowUpDays(db)).toBe(3);
    const bad = await settle(() =>
      settingsAction({ request: formRequest("/admin/settings", { intent: "follow-up", followUpDays: "45" }), params: {}, context: contextFor(db, admin.id) }),
    );
    expect(bad.status).toBe(400);
    const badBody = await bodyOf(bad);
    expect(badBody.errors.followUpDays).toBe("Between 1 and 30.");
    expect(badBody.values.followUpDays).toBe("45");
    expect(getFollowUpDays(db)).toBe(3);
    // Only admins change it.
    expectRefused(db, () => updateFollowUpDays(db, mod, 5), 403);

    const saved = await settle(() =>
      settingsAction({ request: formRequest("/admin/settings", { intent: "follow-up", followUpDays: "5" }), params: {}, context: contextFor(db, admin.id) }),
    );
    expect(saved.status).toBe(200);
    expect(getFollowUpDays(db)).toBe(5);
    try {
      const { thread, answeredAt } = answeredThread();
      runFollowUps(db, after(answeredAt, 3 * DAY));
      runFollowUps(db, after(answeredAt, 5 * DAY - 1));
      expect(followUpsTo(asker.id, thread.id)).toHaveLength(0);
      runFollowUps(db, after(answeredAt, 5 * DAY));
      expect(followUpsTo(asker.id, thread.id)).toHaveLength(1);
    } finally {
      updateFollowUpDays(db, admin, 3);
    }
  });
});

describe("answering", () => {
  function askedThread() {
    const { thread, answer, answeredAt } = answeredThread();
    runFollowUps(db, after(answeredAt, 3 * DAY));
    expect(threadRow(thread.id).followUpSentAt).not.toBeNull();
    return { thread, answer };
  }

  test("the prompt shows to the asker only, once asked", async () => {
    const { thread, answeredAt } = answeredThread();
    expect((await threadPage(thread, asker.id)).followUp).toBeNull();
    runFollowUps(db, after(answeredAt, 3 * DAY));
    expect((await threadPage(thread, asker.id)).followUp).toEqual({ step: "ask" });
    for (const viewer of [helper.id, mod.id, null]) expect((await threadPage(thread, viewer)).followUp).toBeNull();
  });

  test("Yes: the asker is asked to choose the answer to accept; accepting ends the prompt", async () => {
    const { thread, answer } = askedThread();
    const response = await answerRoute(thread.id, "solved", asker.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#follow-up`);
    const row = threadRow(thread.id);
    expect(row.followUpAnswer).toBe("solved");
    expect(row.followUpAnsweredAt).not.toBeNull();

    const page = await threadPage(thread, asker.id);
    expect(page.followUp.step).toBe("choose");
    expect(page.followUp.answers).toEqual([
      { id: answer.id, authorName: helper.displayName, excerpt: "Restart the box and wait two minutes before checking the lights." },
    ]);
    // The answer listed carries the usual "Accept this answer" button.
    expect(page.answers.find((a: { id: number }) => a.id === answer.id).can.accept).toBe(true);

    acceptAnswer(db, asker, answer.id);
    expect((await threadPage(thread, asker.id)).followUp).toBeNull();
  });

  test("No: the thread is marked not solved (the moderators' still-unresolved queue) and the asker is thanked", async () => {
    const { thread } = askedThread();
    const response = await answerRoute(thread.id, "not_solved", asker.id);
    expect(response.status).toBe(302);
    expect(threadRow(thread.id).followUpAnswer).toBe("not_solved");
    expect((await threadPage(thread, asker.id)).followUp).toEqual({ step: "not_solved" });
    // The same answer twice (a double click) changes nothing; the other one is refused.
    expect((await answerRoute(thread.id, "not_solved", asker.id)).status).toBe(302);
    const before = snapshot(db);
    expect((await answerRoute(thread.id, "solved", asker.id)).status).toBe(409);
    expect(snapshot(db)).toBe(before);
  });

  test("only the asker answers: others are refused by the model and by a forged form, and nothing changes", async () => {
    const { thread } = askedThread();
    expectRefused(db, () => answerFollowUp(db, helper, thread.id, "solved"), 403);
    expectRefused(db, () => answerFollowUp(db, mod, thread.id, "not_solved"), 403);
    expectRefused(db, () => answerFollowUp(db, null, thread.id, "solved"), 401);

    const before = snapshot(db);
    expect((await answerRoute(thread.id, "solved", helper.id)).status).toBe(403);
    expect((await answerRoute(thread.id, "not_solved", mod.id)).status).toBe(403);
    const visitor = await answerRoute(thread.id, "solved", null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect((await answerRoute(thread.id, "maybe", asker.id)).status).toBe(400);
    expect(snapshot(db)).toBe(before);
    expect(threadRow(thread.id).followUpAnswer).toBeNull();
  });

  test("not before being asked, and only by POST", async () => {
    const { thread } = answeredThread();
    const before = snapshot(db);
    expect((await answerRoute(thread.id, "solved", asker.id)).status).toBe(409);
    expect(snapshot(db)).toBe(before);
    const get = await settle(() => followUpLoader());
    expect(get.status).toBe(405);
  });
});
