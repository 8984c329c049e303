// Watching threads, categories and tags; who is told of a new question,
// answer or comment (and told once); official answers and the staff mark.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { createAnswer, createComment } from "../../../app/models/forum/post.server";
import { createThread, getThreadPage, getTag, listThreads } from "../../../app/models/forum/thread.server";
import { listWatches, setWatch, watchLevel, type WatchChange } from "../../../app/models/notify/watch.server";
import { loader as categoryLoader } from "../../../app/routes/c.$slug";
import { loader as notificationsLoader } from "../../../app/routes/notifications";
import { loader as threadLoader } from "../../../app/routes/t.$id.($slug)";
import { loader as tagLoader } from "../../../app/routes/tags.$tag";
import { action as watchAction, loader as watchLoader } from "../../../app/routes/watch";
import { categories, notifications, outboxMessages, posts, threads, users, watches } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser, madeComment } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
// Posts are spaced a few minutes apart, in the past, so no posting limit gets in the way.
let clock = Date.now() - 20 * DAY;
const tick = () => new Date((clock += 7 * 60_000));

let billing: typeof categories.$inferSelect;
let devices: typeof categories.$inferSelect;
let asker: User;
let helper: User;
let other: User;
let bystander: User;
let mod: User;

beforeAll(async () => {
  billing = createTestCategory(db, { slug: "billing", name: "Billing" });
  devices = createTestCategory(db, { slug: "devices", name: "Devices" });
  asker = await createEstablishedMember(db, { username: "asker_ann" });
  helper = await createEstablishedMember(db, { username: "helper_hal" });
  other = await createEstablishedMember(db, { username: "other_olga" });
  bystander = await createEstablishedMember(db, { username: "by_stan" });
  mod = await createEstablishedMember(db, { username: "mod_mo", role: "moderator" });
});

/** Who was told what about one post: "username:kind", sorted. */
function toldAbout(postId: number) {
  return db
    .select({ userId: notifications.userId, kind: notifications.kind })
    .from(notifications)
    .where(eq(notifications.postId, postId))
    .all()
    .map((n) => `${nameOf(n.userId)}:${n.kind}`)
    .sort();
}

function nameOf(userId: number) {
  return [asker, helper, other, bystander, mod].find((u) => u.id === userId)?.username ?? `user${userId}`;
}

function questionOf(threadId: number) {
  return db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;
}

function newThread(author: User, overrides: Parameters<typeof createTestThread>[2] = {}) {
  return createTestThread(db, author, { at: tick(), ...overrides });
}

function answer(author: User, threadId: number, body?: string) {
  return createTestAnswer(db, author, threadId, body, tick());
}

function levelOf(user: User, targetType: WatchChange["targetType"], targetId: number) {
  return watchLevel(db, user, targetType, targetId);
}

function postWatch(fields: Record<string, string>, userId: number | null) {
  return settle(() => watchAction({ request: formRequest("/watch", fields), params: {}, context: contextFor(db, userId) }));
}

describe("watching, unwatching and muting", () => {
  test("a member watches, mutes and forgets a thread", () => {
    const thread = newThread(asker);
    expect(levelOf(other, "thread", thread.id)).toBe("none");
    const target = setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "watching" });
    expect(target.path).toBe(`/t/${thread.id}/${thread.slug}`);
    expect(levelOf(other, "thread", thread.id)).toBe("watching");
    setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "muted" });
    expect(levelOf(other, "thread", thread.id)).toBe("muted");
    setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "none" });
    expect(levelOf(other, "thread", thread.id)).toBe("none");
    // Forgetting twice is harmless, and only ever touches the actor's own row.
    setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "none" });
    expect(levelOf(asker, "thread", thread.id)).toBe("watching");
  });

  test("a member watches and stops watching a category and a tag", () => {
    newThread(asker, { tags: ["router"] });
    const tag = getTag(db, "router")!;
    setWatch(db, other, { targetType: "category", targetId: devices.id, level: "watching" });
    setWatch(db, other, { targetType: "tag", targetId: tag.id, level: "watching" });
    expect(levelOf(other, "category", devices.id)).toBe("watching");
    expect(levelOf(other, "tag", tag.id)).toBe("watching");
    expect(listWatches(db, other).filter((w) => w.targetType !== "thread")).toEqual([
      { targetType: "category", targetId: devices.id, level: "watching", label: "Devices", path: "/c/devices" },
      { targetType: "tag", targetId: tag.id, level: "watching", label: "router", path: "/tags/router" },
    ]);
    setWatch(db, other, { targetType: "category", targetId: devices.id, level: "none" });
    setWatch(db, other, { targetType: "tag", targetId: tag.id, level: "none" });
    expect(levelOf(other, "category", devices.id)).toBe("none");
    expect(levelOf(other, "tag", tag.id)).toBe("none");
  });

  test("only a thread can be muted; unknown targets and deleted threads are refused, changing nothing", () => {
    expectRefused(db, () => setWatch(db, other, { targetType: "category", targetId: billing.id, level: "muted" }), 400);
    expectRefused(db, () => setWatch(db, other, { targetType: "category", targetId: 999_999, level: "watching" }), 404);
    expectRefused(db, () => setWatch(db, other, { targetType: "tag", targetId: 999_999, level: "watching" }), 404);
    expectRefused(db, () => setWatch(db, other, { targetType: "thread", targetId: 999_999, level: "watching" }), 404);
    const thread = newThread(asker);
    db.update(threads).set({ deletedAt: new Date() }).where(eq(threads.id, thread.id)).run();
    expectRefused(db, () => setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "watching" }), 404);
    // ...and it drops out of the asker's list (its title is no longer theirs to read).
    expect(listWatches(db, asker).some((w) => w.targetType === "thread" && w.targetId === thread.id)).toBe(false);
  });

  test("visitors are refused", () => {
    const thread = newThread(asker);
    expectRefused(db, () => setWatch(db, null, { targetType: "thread", targetId: thread.id, level: "watching" }), 401);
    expectRefused(db, () => setWatch(db, null, { targetType: "category", targetId: billing.id, level: "watching" }), 401);
  });
});

describe("watching automatically", () => {
  test("the asker watches their thread, and an answerer watches it from their answer on", () => {
    const thread = newThread(asker);
    expect(levelOf(asker, "thread", thread.id)).toBe("watching");
    expect(levelOf(helper, "thread", thread.id)).toBe("none");
    answer(helper, thread.id);
    expect(levelOf(helper, "thread", thread.id)).toBe("watching");
    // A comment is not an answer: commenting does not watch.
    createTestComment(db, other, questionOf(thread.id).id, "Same here since Monday.", tick());
    expect(levelOf(other, "thread", thread.id)).toBe("none");
  });

  test("an answerer who muted the thread stays muted", () => {
    const thread = newThread(asker);
    setWatch(db, helper, { targetType: "thread", targetId: thread.id, level: "muted" });
    answer(helper, thread.id);
    expect(levelOf(helper, "thread", thread.id)).toBe("muted");
  });
});

describe("fan-out of a new question", () => {
  test("category and tag watchers are told once; the asker, the muted and the rest are not", () => {
    newThread(asker, { category: "devices", tags: ["modem"] });
    const modem = getTag(db, "modem")!;
    setWatch(db, other, { targetType: "category", targetId: devices.id, level: "watching" });
    setWatch(db, other, { targetType: "tag", targetId: modem.id, level: "watching" });
    setWatch(db, helper, { targetType: "tag", targetId: modem.id, level: "watching" });
    setWatch(db, asker, { targetType: "category", targetId: devices.id, level: "watching" });
    setWatch(db, bystander, { targetType: "category", targetId: billing.id, level: "watching" });

    const thread = newThread(asker, { category: "devices", tags: ["modem", "fibre"] });
    expect(toldAbout(questionOf(thread.id).id)).toEqual(["helper_hal:new_thread", "other_olga:new_thread"]);

    // A tag alone is enough, in any category.
    const inBilling = newThread(bystander, { category: "billing", tags: ["modem"] });
    expect(toldAbout(questionOf(inBilling.id).id)).toEqual(["helper_hal:new_thread", "other_olga:new_thread"]);

    for (const user of [other, helper, asker, bystander]) {
      setWatch(db, user, { targetType: "category", targetId: devices.id, level: "none" });
      setWatch(db, user, { targetType: "category", targetId: billing.id, level: "none" });
      setWatch(db, user, { targetType: "tag", targetId: modem.id, level: "none" });
    }
  });

  test("a mentioned watcher gets the mention only", () => {
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "watching" });
    setWatch(db, helper, { targetType: "category", targetId: billing.id, level: "watching" });
    const thread = newThread(asker, { body: "@other_olga you had this too, I think? And @asker_ann is me." });
    expect(toldAbout(questionOf(thread.id).id)).toEqual(["helper_hal:new_thread", "other_olga:mention"]);
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "none" });
    setWatch(db, helper, { targetType: "category", targetId: billing.id, level: "none" });
  });
});

describe("fan-out of a new answer", () => {
  test("the thread's watchers are told, not the answerer, not who muted it, not category watchers", () => {
    const thread = newThread(asker);
    const first = answer(helper, thread.id);
    expect(toldAbout(first.id)).toEqual(["asker_ann:answer"]);

    setWatch(db, bystander, { targetType: "thread", targetId: thread.id, level: "watching" });
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "watching" });
    const second = answer(mod, thread.id);
    expect(toldAbout(second.id)).toEqual(["asker_ann:answer", "by_stan:answer", "helper_hal:answer"]);

    setWatch(db, bystander, { targetType: "thread", targetId: thread.id, level: "muted" });
    const third = answer(other, thread.id);
    expect(toldAbout(third.id)).toEqual(["asker_ann:answer", "helper_hal:answer", "mod_mo:answer"]);
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "none" });
  });

  test("mentioned and watching: only the mention; muted: nothing, even mentioned or watching the category", () => {
    const thread = newThread(asker);
    setWatch(db, bystander, { targetType: "category", targetId: billing.id, level: "watching" });
    setWatch(db, bystander, { targetType: "thread", targetId: thread.id, level: "muted" });
    const reply = answer(helper, thread.id, "Hi @asker_ann, @other_olga and @by_stan: restart the box, then check the lights.");
    expect(toldAbout(reply.id)).toEqual(["asker_ann:mention", "other_olga:mention"]);
    setWatch(db, bystander, { targetType: "category", targetId: billing.id, level: "none" });
  });

  test("a failed answer leaves no notification, no watch and no post (one transaction)", () => {
    const thread = newThread(asker);
    db.run(sql`create trigger fail_notifications before insert on notifications begin select raise(abort, 'mail room on fire'); end`);
    try {
      const before = snapshot(db);
      expect(() => createAnswer(db, helper, { threadId: thread.id, body: "Restart the box and wait two minutes, @other_olga." }, tick())).toThrow(
        /mail room on fire/,
      );
      expect(snapshot(db)).toBe(before);
    } finally {
      db.run(sql`drop trigger fail_notifications`);
    }
    expect(levelOf(helper, "thread", thread.id)).toBe("none");
    expect(db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "answer"))).all()).toEqual([]);
  });

  test("a failed question leaves no thread and no notification", () => {
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "watching" });
    const threadsBefore = db.select().from(threads).all().length;
    db.run(sql`create trigger fail_notifications before insert on notifications begin select raise(abort, 'mail room on fire'); end`);
    try {
      const before = snapshot(db);
      expect(() =>
        createThread(db, asker, { title: "My router blinks red every night", body: "It blinks red from midnight on; why?", category: "billing", tags: [] }, tick()),
      ).toThrow(/mail room on fire/);
      expect(snapshot(db)).toBe(before);
    } finally {
      db.run(sql`drop trigger fail_notifications`);
    }
    expect(db.select().from(threads).all().length).toBe(threadsBefore);
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "none" });
  });
});

describe("fan-out of a new comment", () => {
  test("the author of the post commented on is told, not the commenter, not the thread's other watchers", () => {
    const thread = newThread(asker);
    const reply = answer(helper, thread.id);
    const onAnswer = createTestComment(db, other, reply.id, "Did that work for the 5G box too?", tick());
    expect(toldAbout(onAnswer.id)).toEqual(["helper_hal:comment"]);
    const onQuestion = createTestComment(db, helper, questionOf(thread.id).id, "Which box model is it?", tick());
    expect(toldAbout(onQuestion.id)).toEqual(["asker_ann:comment"]);
    // Commenting on your own post tells nobody.
    const own = createTestComment(db, helper, reply.id, "Edit: wait two minutes, not one.", tick());
    expect(toldAbout(own.id)).toEqual([]);
  });

  test("mentions: one notification each, the mention preferred; whoever muted the thread hears nothing", () => {
    const thread = newThread(asker);
    const reply = answer(helper, thread.id);
    const both = madeComment(createComment(db, other, { postId: reply.id, body: "@helper_hal thanks! @by_stan see this" }, tick()));
    expect(toldAbout(both.id)).toEqual(["by_stan:mention", "helper_hal:mention"]);

    setWatch(db, helper, { targetType: "thread", targetId: thread.id, level: "muted" });
    const muted = madeComment(createComment(db, other, { postId: reply.id, body: "@helper_hal one more question" }, tick()));
    expect(toldAbout(muted.id)).toEqual([]);
  });

  test("a failed comment leaves no notification", () => {
    const thread = newThread(asker);
    db.run(sql`create trigger fail_notifications before insert on notifications begin select raise(abort, 'mail room on fire'); end`);
    try {
      const before = snapshot(db);
      expect(() => createComment(db, other, { postId: questionOf(thread.id).id, body: "Same problem here." }, tick())).toThrow(/mail room on fire/);
      expect(snapshot(db)).toBe(before);
    } finally {
      db.run(sql`drop trigger fail_notifications`);
    }
  });
});

describe("hidden threads and posts", () => {
  test("a thread whose question is hidden: only its asker and staff may watch it; anyone else gets a 404 that carries no title", async () => {
    const thread = newThread(asker, { title: "Secret title about a hidden SIM swap" });
    expect(hidePost(db, mod, questionOf(thread.id).id, "Personal data in the question").ok).toBe(true);
    expectRefused(db, () => setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "watching" }), 404);
    const before = snapshot(db);
    const forged = await postWatch({ targetType: "thread", targetId: String(thread.id), level: "watching" }, other.id);
    expect(forged.status).toBe(404);
    expect(forged.headers.get("Location")).toBeNull();
    expect(await forged.text()).not.toContain("sim-swap");
    expect(snapshot(db)).toBe(before);
    // Its asker and staff still may.
    expect(setWatch(db, asker, { targetType: "thread", targetId: thread.id, level: "muted" }).path).toBe(`/t/${thread.id}/${thread.slug}`);
    setWatch(db, mod, { targetType: "thread", targetId: thread.id, level: "watching" });
    expect(levelOf(mod, "thread", thread.id)).toBe("watching");
    setWatch(db, asker, { targetType: "thread", targetId: thread.id, level: "watching" });
  });

  test("a new answer in a thread whose question is hidden tells only its asker and staff: no notification or email takes its title elsewhere", () => {
    const thread = newThread(asker, { title: "Hidden thread about an unpaid invoice" });
    answer(helper, thread.id);
    setWatch(db, bystander, { targetType: "thread", targetId: thread.id, level: "watching" });
    db.update(users).set({ emailNotifications: "immediate" }).where(eq(users.id, helper.id)).run();
    try {
      expect(hidePost(db, mod, questionOf(thread.id).id, "Account number in the question").ok).toBe(true);
      const staffAnswer = answer(mod, thread.id, "We removed your account number, @other_olga and @helper_hal: please use a private message.");
      expect(toldAbout(staffAnswer.id)).toEqual(["asker_ann:answer"]);
      const mails = db.select({ subject: outboxMessages.subject, body: outboxMessages.body }).from(outboxMessages).where(eq(outboxMessages.userId, helper.id)).all();
      expect(JSON.stringify(mails)).not.toContain("unpaid invoice");
      // A staff watcher still hears of it.
      setWatch(db, other, { targetType: "category", targetId: billing.id, level: "none" });
      const mods = newThread(asker, { title: "Another hidden thread, watched by staff" });
      setWatch(db, mod, { targetType: "thread", targetId: mods.id, level: "watching" });
      hidePost(db, mod, questionOf(mods.id).id, "Spam");
      const own = madeComment(createComment(db, asker, { postId: questionOf(mods.id).id, body: "Why was this hidden? @helper_hal @mod_mo" }, tick()));
      expect(toldAbout(own.id)).toEqual(["mod_mo:mention"]);
    } finally {
      db.update(users).set({ emailNotifications: "daily" }).where(eq(users.id, helper.id)).run();
    }
  });

  test("a comment on a hidden answer tells only that answer's author and staff", () => {
    const thread = newThread(asker);
    const reply = answer(helper, thread.id, "Call this premium number for help: it costs only a little.");
    expect(hidePost(db, mod, reply.id, "Premium-rate number").ok).toBe(true);
    const note = madeComment(createComment(db, mod, { postId: reply.id, body: "@asker_ann @other_olga please don't call it. @helper_hal why this number?" }, tick()));
    expect(toldAbout(note.id)).toEqual(["helper_hal:mention"]);
  });
});

describe("official answers and the staff mark", () => {
  test("a moderator's answer is official, a member's is not; the thread page and its loader say so", async () => {
    const thread = newThread(asker);
    const member = answer(helper, thread.id);
    const staff = answer(mod, thread.id);
    expect(db.select().from(posts).where(eq(posts.id, member.id)).get()!.official).toBe(false);
    expect(db.select().from(posts).where(eq(posts.id, staff.id)).get()!.official).toBe(true);
    expect(questionOf(thread.id).official).toBe(false);

    const page = getThreadPage(db, null, thread.id)!;
    const byId = new Map(page.answers.map((a) => [a.id, a]));
    expect(byId.get(staff.id)).toMatchObject({ official: true, authorRole: "moderator" });
    expect(byId.get(member.id)).toMatchObject({ official: false, authorRole: "member" });

    const response = await settle(() =>
      threadLoader({ request: getRequest(`/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, null) }),
    );
    const data = await bodyOf(response);
    const answers = new Map<number, { official: boolean; authorRole: string }>(data.answers.map((a: { id: number }) => [a.id, a]));
    expect(answers.get(staff.id)).toMatchObject({ official: true, authorRole: "moderator" });
    expect(answers.get(member.id)).toMatchObject({ official: false, authorRole: "member" });
  });

  test("a moderator's comment or question is not an official answer, and thread lists carry the author's role", () => {
    const thread = newThread(mod);
    const comment = createTestComment(db, mod, questionOf(thread.id).id, "Adding the model number for you.", tick());
    expect(db.select().from(posts).where(eq(posts.id, comment.id)).get()!.official).toBe(false);
    expect(questionOf(thread.id).official).toBe(false);
    const listed = listThreads(db, { authorId: mod.id }, "newest", 1).threads.find((t) => t.id === thread.id);
    expect(listed?.authorRole).toBe("moderator");
  });
});

describe("the pages", () => {
  test("the thread, category and tag pages give the viewer's watch level", async () => {
    const thread = newThread(asker, { tags: ["sim"] });
    const sim = getTag(db, "sim")!;
    setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "muted" });
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "watching" });
    const view = async (userId: number | null) =>
      bodyOf(
        await settle(() =>
          threadLoader({ request: getRequest(`/t/${thread.id}/${thread.slug}`), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, userId) }),
        ),
      );
    expect((await view(asker.id)).watchLevel).toBe("watching");
    expect((await view(other.id)).watchLevel).toBe("muted");
    expect((await view(null)).watchLevel).toBe("none");

    const category = await bodyOf(
      await settle(() => categoryLoader({ request: getRequest("/c/billing"), params: { slug: "billing" }, context: contextFor(db, other.id) })),
    );
    expect(category).toMatchObject({ watchLevel: "watching", signedIn: true });
    const tag = await bodyOf(await settle(() => tagLoader({ request: getRequest("/tags/sim"), params: { tag: "sim" }, context: contextFor(db, other.id) })));
    expect(tag).toMatchObject({ watchLevel: "none", tagId: sim.id, signedIn: true });

    const mine = await bodyOf(await settle(() => notificationsLoader({ request: getRequest("/notifications"), params: {}, context: contextFor(db, other.id) })));
    expect(mine.watches).toEqual(
      expect.arrayContaining([
        { targetType: "category", targetId: billing.id, level: "watching", label: "Billing", path: "/c/billing" },
        { targetType: "thread", targetId: thread.id, level: "muted", label: thread.title, path: `/t/${thread.id}/${thread.slug}` },
      ]),
    );
    setWatch(db, other, { targetType: "category", targetId: billing.id, level: "none" });
  });
});

describe("POST /watch", () => {
  test("watches, mutes and forgets for the signed-in user, then goes back", async () => {
    const thread = newThread(asker);
    const back = `/t/${thread.id}/${thread.slug}?sort=top`;
    const fields = { targetType: "thread", targetId: String(thread.id), redirectTo: back };
    let response = await postWatch({ ...fields, level: "watching" }, other.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(back);
    expect(levelOf(other, "thread", thread.id)).toBe("watching");
    response = await postWatch({ ...fields, level: "muted" }, other.id);
    expect(levelOf(other, "thread", thread.id)).toBe("muted");
    response = await postWatch({ ...fields, level: "none" }, other.id);
    expect(levelOf(other, "thread", thread.id)).toBe("none");

    // Without redirectTo it goes to what was watched.
    response = await postWatch({ targetType: "category", targetId: String(billing.id), level: "watching" }, other.id);
    expect(response.headers.get("Location")).toBe("/c/billing");
    expect(levelOf(other, "category", billing.id)).toBe("watching");
    await postWatch({ targetType: "category", targetId: String(billing.id), level: "none" }, other.id);
  });

  test("a forged user id changes only the signed-in user's own watch", async () => {
    const thread = newThread(asker);
    await postWatch({ targetType: "thread", targetId: String(thread.id), level: "none", userId: String(asker.id) }, other.id);
    expect(levelOf(asker, "thread", thread.id)).toBe("watching");
    await postWatch({ targetType: "thread", targetId: String(thread.id), level: "muted", userId: String(asker.id) }, other.id);
    expect(levelOf(asker, "thread", thread.id)).toBe("watching");
    expect(levelOf(other, "thread", thread.id)).toBe("muted");
  });

  test("a visitor's forged post changes nothing and is sent to sign in, coming back to the page", async () => {
    const thread = newThread(asker);
    const before = snapshot(db);
    const response = await postWatch({ targetType: "thread", targetId: String(thread.id), level: "watching", redirectTo: `/t/${thread.id}/${thread.slug}` }, null);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/t/${thread.id}/${thread.slug}`)}`);
    expect(snapshot(db)).toBe(before);
  });

  test("another site as redirectTo, a bad target or level, or muting a category is refused and changes nothing", async () => {
    const thread = newThread(asker);
    const base = { targetType: "thread", targetId: String(thread.id), level: "watching" };
    const bad: Record<string, string>[] = [
      { ...base, redirectTo: "https://evil.example/" },
      { ...base, redirectTo: "//evil.example/" },
      { ...base, redirectTo: "/\\evil.example/" },
      { ...base, redirectTo: "/\t/evil.example/" },
      { ...base, redirectTo: "javascript:alert(1)" },
      { ...base, redirectTo: "" },
      { ...base, targetType: "user" },
      { ...base, targetId: "abc" },
      { ...base, targetId: "-1" },
      { ...base, level: "loud" },
      { targetType: "category", targetId: String(billing.id), level: "muted" },
    ];
    for (const fields of bad) {
      const before = snapshot(db);
      const response = await postWatch(fields, other.id);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(snapshot(db)).toBe(before);
    }
    const missing = await postWatch({ ...base, targetId: "999999" }, other.id);
    expect(missing.status).toBe(404);
  });

  test("GET is not allowed", async () => {
    const response = await settle(() => watchLoader());
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });
});

test("watches are unique per user and target", () => {
  const thread = newThread(asker);
  setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "watching" });
  setWatch(db, other, { targetType: "thread", targetId: thread.id, level: "watching" });
  const rows = db.select().from(watches).where(and(eq(watches.userId, other.id), eq(watches.targetId, thread.id), eq(watches.targetType, "thread"))).all();
  expect(rows).toHaveLength(1);
});
