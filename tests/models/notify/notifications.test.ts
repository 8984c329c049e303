// Notifications against a real migrated database: written in the transaction
// of what causes them, once per recipient, composed when read (a deleted
// thread drops out), read one by one or all at once, by their owner only;
// the rank-up notice and the brand's thanks; the bell's count and the pages.
import { and, eq, ne } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { deletePost } from "../../../app/models/forum/post.server";
import {
  countUnread,
  listNotifications,
  markAllRead,
  markThreadRead,
  notify,
  openNotification,
} from "../../../app/models/notify/notification.server";
import { thankAnswer } from "../../../app/models/reputation/thanks.server";
import { castVote } from "../../../app/models/forum/vote.server";
import { loader as rootLoader } from "../../../app/root";
import { action as notificationsAction, loader as notificationsLoader } from "../../../app/routes/notifications";
import { loader as openLoader } from "../../../app/routes/notifications.$id";
import { describeNotification, type NotificationView } from "../../../app/utils/notification-text";
import { notifications, posts, users } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser, giveReputation } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });

// Questions are posted a few minutes apart, so the posting limits stay out of the way.
let clock = Date.now() - 24 * 60 * 60_000;
const tick = () => new Date((clock += 5 * 60_000));

function questionOf(threadId: number) {
  return db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;
}

function unreadOf(userId: number) {
  return countUnread(db, userId);
}

/** A user's notifications other than badges (which posting and answering also earn). */
function kindsOf(userId: number) {
  return db
    .select({ kind: notifications.kind, data: notifications.data })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), ne(notifications.kind, "badge")))
    .all();
}

describe("notify", () => {
  test("writes one notification per recipient, never to the one who caused it", async () => {
    const actor = await createEstablishedMember(db);
    const a = await createUser(db);
    const b = await createUser(db);
    const thread = createTestThread(db, actor);
    db.transaction((tx) => notify(tx, [a.id, b.id, a.id, actor.id], { kind: "new_thread", actorId: actor.id, threadId: thread.id }));
    expect(unreadOf(a.id)).toBe(1);
    expect(unreadOf(b.id)).toBe(1);
    expect(kindsOf(actor.id)).toEqual([]);
  });

  test("is undone with the transaction that caused it", async () => {
    const user = await createUser(db);
    expect(() =>
      db.transaction((tx) => {
        notify(tx, user.id, { kind: "badge", data: { badge: "first_question" } });
        throw new Error("the action failed");
      }),
    ).toThrow("the action failed");
    expect(unreadOf(user.id)).toBe(0);
  });

  test("handles thousands of recipients in a few statements", async () => {
    const user = await createUser(db);
    const many = Array.from({ length: 2_500 }, () => user.id);
    db.transaction((tx) => notify(tx, many, { kind: "badge", data: { badge: "solver" } }));
    expect(unreadOf(user.id)).toBe(1);
  });
});

describe("reading notifications", () => {
  test("newest first, composed from the thread's current title; a deleted thread drops out", async () => {
    const asker = await createEstablishedMember(db);
    const helper = await createEstablishedMember(db);
    const first = createTestThread(db, asker, { title: "The box blinks orange after the update", at: tick() });
    const second = createTestThread(db, asker, { title: "Roaming charges in Spain look wrong", at: tick() });
    const gone = createTestThread(db, asker, { title: "A question that will be deleted soon", at: tick() });
    for (const thread of [first, second, gone]) {
      db.transaction((tx) => notify(tx, helper.id, { kind: "new_thread", actorId: asker.id, threadId: thread.id }));
    }
    deletePost(db, asker, questionOf(gone.id).id);
    const { notifications: list } = listNotifications(db, helper);
    expect(list.map((n) => n.thread?.title)).toEqual([second.title, first.title]);
    const text = describeNotification(list[0], "Nimbus");
    expect(text.text).toBe(`${asker.displayName} asked “${second.title}”`);
    expect(text.path).toBe(`/t/${second.id}/${second.slug}`);
  });

  test("opening marks one read and gives where it points; someone else's is not found and stays unread", async () => {
    const owner = await createUser(db);
    const other = await createUser(db);
    db.transaction((tx) => notify(tx, owner.id, { kind: "badge", data: { badge: "first_answer" } }));
    const [mine] = listNotifications(db, owner).notifications;
    expect(openNotification(db, other, mine.id)).toBeNull();
    expect(unreadOf(owner.id)).toBe(1);
    const opened = openNotification(db, owner, mine.id)!;
    expect(describeNotification(opened, "Nimbus")).toEqual({ text: "You earned the “First answer” badge", path: "/badges#badge-first_answer" });
    expect(unreadOf(owner.id)).toBe(0);
  });

  test("mark all read, and visiting a thread reads its notifications only", async () => {
    const asker = await createEstablishedMember(db);
    const user = await createUser(db);
    const one = createTestThread(db, asker, { at: tick() });
    const two = createTestThread(db, asker, { at: tick() });
    db.transaction((tx) => {
      notify(tx, user.id, { kind: "new_thread", actorId: asker.id, threadId: one.id });
      notify(tx, user.id, { kind: "new_thread", actorId: asker.id, threadId: two.id });
      notify(tx, user.id, { kind: "badge", data: { badge: "solver" } });
    });
    markThreadRead(db, user, one.id);
    expect(unreadOf(user.id)).toBe(2);
    expect(markAllRead(db, user)).toBe(2);
    expect(unreadOf(user.id)).toBe(0);
  });

  test("an early-access notification never carries the announcement's title", () => {
    const view: NotificationView = {
      id: 1,
      kind: "early_access",
      data: {},
      createdAt: new Date().toISOString(),
      read: false,
      username: "priya",
      actorName: "Kim",
      thread: null,
      postId: null,
      announcementId: 7,
      statusTitle: null,
    };
    expect(describeNotification(view, "Nimbus")).toEqual({ text: "There is a new early-access announcement for you", path: "/early-access/7" });
  });
});

describe("rank-up and thanks", () => {
  test("reaching a rank is told once, even when it is lost and regained", async () => {
    const asker = await createEstablishedMember(db);
    const helper = await createUser(db);
    // 45 + 10 = 55: from Newcomer to Member (50).
    db.update(users).set({ reputation: 45 }).where(eq(users.id, helper.id)).run();
    const thread = createTestThread(db, asker, { at: tick() });
    const answer = createTestAnswer(db, helper, thread.id);
    castVote(db, asker, answer.id, "up");
    expect(kindsOf(helper.id)).toEqual([{ kind: "rank_up", data: JSON.stringify({ rank: "Member" }) }]);
    castVote(db, asker, answer.id, "up"); // takes the vote back: 45
    castVote(db, asker, answer.id, "up"); // and again: 55
    expect(kindsOf(helper.id)).toHaveLength(1);
    const [view] = listNotifications(db, helper).notifications;
    expect(describeNotification(view, "Nimbus")).toEqual({
      text: "You reached the rank of Member",
      path: `/u/${helper.username}?tab=reputation`,
    });
  });

  test("points that stay within a rank tell nothing", async () => {
    const asker = await createEstablishedMember(db);
    const helper = await createUser(db);
    const thread = createTestThread(db, asker, { at: tick() });
    castVote(db, asker, createTestAnswer(db, helper, thread.id).id, "up"); // 1 → 11, still a Newcomer
    expect(kindsOf(helper.id)).toEqual([]);
  });

  test("the brand's thanks notifies the answer's author", async () => {
    const mod = await createUser(db, { role: "moderator" });
    const asker = await createEstablishedMember(db);
    const helper = await createUser(db);
    const thread = createTestThread(db, asker, { title: "Voicemail stopped working after the SIM swap" });
    const answer = createTestAnswer(db, helper, thread.id);
    thankAnswer(db, mod, answer.id);
    const [view] = listNotifications(db, helper).notifications;
    expect(describeNotification(view, "Nimbus")).toEqual({
      text: `Nimbus thanked you for your answer to “${thread.title}”`,
      path: `/t/${thread.id}/${thread.slug}#post-${answer.id}`,
    });
  });
});

describe("the bell and the pages", () => {
  test("the root loader counts the unread notifications of the signed-in user only", async () => {
    const user = await createUser(db);
    giveReputation(db, user, 0);
    db.transaction((tx) => notify(tx, user.id, { kind: "badge", data: { badge: "guru" } }));
    const signedIn = await bodyOf(await settle(() => rootLoader({ request: getRequest("/"), params: {}, context: contextFor(db, user.id) })));
    expect(signedIn.unreadNotifications).toBe(1);
    const visitor = await bodyOf(await settle(() => rootLoader({ request: getRequest("/"), params: {}, context: contextFor(db) })));
    expect(visitor.unreadNotifications).toBe(0);
  });

  test("on a thread's page the bell already leaves out that thread's notifications, on the first load", async () => {
    const asker = await createEstablishedMember(db);
    const first = createTestThread(db, asker, { at: tick() });
    const second = createTestThread(db, asker, { at: tick() });
    markAllRead(db, asker); // the badges asking earned
    createTestAnswer(db, await createUser(db), first.id);
    createTestAnswer(db, await createUser(db), second.id);
    expect(unreadOf(asker.id)).toBe(2);
    const bell = async (path: string, userId: number | null) =>
      (await bodyOf<{ unreadNotifications: number }>(await settle(() => rootLoader({ request: getRequest(path), params: {}, context: contextFor(db, userId) })))).unreadNotifications;
    // A path that only looks like a thread's changes nothing.
    expect(await bell(`/t/${first.id}x/${first.slug}`, asker.id)).toBe(2);
    expect(await bell(`/t/${first.id}/${first.slug}`, asker.id)).toBe(1);
    expect(await bell(`/t/${second.id}`, asker.id)).toBe(0);
    expect(await bell(`/t/${first.id}/${first.slug}`, null)).toBe(0);
  });

  test("/notifications asks a visitor to sign in, and lists the user's own", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    db.transaction((tx) => {
      notify(tx, user.id, { kind: "badge", data: { badge: "thanked" } });
      notify(tx, other.id, { kind: "badge", data: { badge: "guru" } });
    });
    const visitor = await settle(() => notificationsLoader({ request: getRequest("/notifications"), params: {}, context: contextFor(db) }));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/login");
    const page = await bodyOf(await settle(() => notificationsLoader({ request: getRequest("/notifications"), params: {}, context: contextFor(db, user.id) })));
    expect(page.notifications.map((n: NotificationView) => n.data.badge)).toEqual(["thanked"]);
  });

  test("opening someone else's notification by its address is a 404 and changes nothing", async () => {
    const owner = await createUser(db);
    const snooper = await createUser(db);
    db.transaction((tx) => notify(tx, owner.id, { kind: "badge", data: { badge: "solver" } }));
    const [mine] = listNotifications(db, owner).notifications;
    const refused = await settle(() => openLoader({ request: getRequest(`/notifications/${mine.id}`), params: { id: String(mine.id) }, context: contextFor(db, snooper.id) }));
    expect(refused.status).toBe(404);
    expect(unreadOf(owner.id)).toBe(1);
    const opened = await settle(() => openLoader({ request: getRequest(`/notifications/${mine.id}`), params: { id: String(mine.id) }, context: contextFor(db, owner.id) }));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe("/badges#badge-solver");
    expect(unreadOf(owner.id)).toBe(0);
    const junk = await settle(() => openLoader({ request: getRequest("/notifications/abc"), params: { id: "abc" }, context: contextFor(db, owner.id) }));
    expect(junk.status).toBe(404);
  });

  test("'Mark all as read' reads only the user's own", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    db.transaction((tx) => notify(tx, [user.id, other.id], { kind: "badge", data: { badge: "nice_answer" } }));
    const response = await settle(() => notificationsAction({ request: formRequest("/notifications", { intent: "read-all" }), params: {}, context: contextFor(db, user.id) }));
    expect(response.status).toBe(302);
    expect(unreadOf(user.id)).toBe(0);
    expect(unreadOf(other.id)).toBe(1);
  });
});
