// The presenters other parts build on (webhook envelopes, write answers):
// they work inside a transaction, agree with the answer schemas, show a
// visitor only what a visitor may see, and keep staff-only objects for staff.
// And the token owner's notifications: theirs only, marked read with a write token.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { flagPost } from "../../app/models/moderation/flag.server";
import { escalateThread } from "../../app/models/moderation/escalation.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import {
  articleForApi,
  escalationForApi,
  flagForApi,
  incidentForApi,
  postForApi,
  threadForApi,
  threadSummaryForApi,
  userForApi,
  type ApiViewer,
} from "../../app/api/present.server";
import {
  articleSchema,
  escalationSchema,
  flagObjectSchema,
  incidentSchema,
  postSchema,
  threadSchema,
  threadSummarySchema,
  userSchema,
} from "../../app/api/schemas";
import { createArticle } from "../../app/models/kb/kb.server";
import { openIncident } from "../../app/models/moderation/incident.server";
import { escalations, flags, notifications, posts } from "../../db/schema";
import { apiClient, expectConforms, tokenFor } from "../support/api";
import { asCurrentUser, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
const api = apiClient(db);
const ORIGIN = "https://help.example.com";

type User = Awaited<ReturnType<typeof createUser>>;
let asker: User;
let helper: User;
let moderator: User;
const ids = {} as Record<string, number>;
let clock = Date.now() - 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));

const visitor = (): ApiViewer => ({ user: null, language: "en", origin: ORIGIN });
const as = (user: User): ApiViewer => ({ user: asCurrentUser(db, user.id), language: "en", origin: ORIGIN });

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createEstablishedMember(db, { username: "asker_ann" });
  helper = await createEstablishedMember(db, { username: "helper_hal" });
  moderator = await createUser(db, { username: "mod_mia", role: "moderator" });
  const thread = createTestThread(db, asker, { title: "My router keeps dropping the line", body: "Every evening at eight, it drops.", category: "billing", tags: ["router"], at: tick() });
  ids.thread = thread.id;
  ids.answer = createTestAnswer(db, helper, thread.id, "Change the wifi channel to 6, it helps.", tick()).id;
  ids.hiddenAnswer = createTestAnswer(db, helper, thread.id, "Buy a new one from my shop, wordsecret.", tick()).id;
  ids.comment = createTestComment(db, asker, ids.answer, "Thanks, trying now.", tick()).id;
  hidePost(db, moderator, ids.hiddenAnswer, "Advertising", tick());
  const flagged = flagPost(db, asker, { postId: ids.answer, reason: "other", note: "Looks wrong to me" });
  if (!flagged.ok) throw new Error(JSON.stringify(flagged));
  ids.flag = db.select().from(flags).get()!.id;
  const escalated = escalateThread(db, moderator, thread.id, "Customer line checks needed", tick());
  if (!escalated.ok) throw new Error(JSON.stringify(escalated));
  ids.escalation = db.select().from(escalations).get()!.id;
  const article = createArticle(db, moderator, { title: "Fix a dropping line", body: "Change the channel.", category: "billing", tags: [], note: "", publish: true, answerId: ids.answer }, tick());
  if (!article.ok) throw new Error(JSON.stringify(article));
  ids.article = article.article.id;
  const incident = openIncident(db, moderator, { title: "Lines drop in the north", severity: "outage", category: "billing", body: "We know." }, tick());
  if (!incident.ok) throw new Error(JSON.stringify(incident));
  ids.incident = incident.incident.id;
});

describe("the presenters", () => {
  test("inside a transaction, for a visitor: what a visitor may see, matching the answer schemas", () => {
    db.transaction((tx) => {
      const thread = threadForApi(tx, visitor(), ids.thread!)!;
      threadSchema.parse(thread);
      expect(thread.answers.map((a) => a.id)).toEqual([ids.answer]);
      expect(JSON.stringify(thread)).not.toContain("wordsecret");
      expect(thread.url).toBe(`${ORIGIN}/t/${ids.thread}/my-router-keeps-dropping-the-line`);
      threadSummarySchema.parse(threadSummaryForApi(tx, visitor(), ids.thread!));
      postSchema.parse(postForApi(tx, visitor(), ids.comment!));
      expect(postForApi(tx, visitor(), ids.hiddenAnswer!)).toBeNull();
      userSchema.parse(userForApi(tx, visitor(), helper.id));
      const article = articleSchema.parse(articleForApi(tx, visitor(), ids.article!));
      expect(article).toMatchObject({ credit: { username: "helper_hal" }, sourceThreadId: ids.thread });
      incidentSchema.parse(incidentForApi(tx, visitor(), ids.incident!));
    });
  });

  test("null for what does not exist", () => {
    expect(threadForApi(db, visitor(), 999_999)).toBeNull();
    expect(threadSummaryForApi(db, visitor(), 999_999)).toBeNull();
    expect(postForApi(db, visitor(), 999_999)).toBeNull();
    expect(userForApi(db, visitor(), 999_999)).toBeNull();
    expect(articleForApi(db, visitor(), 999_999)).toBeNull();
    expect(incidentForApi(db, visitor(), 999_999)).toBeNull();
  });

  test("flags and escalations: null unless the viewer is staff", () => {
    for (const viewer of [visitor(), as(asker), as(helper)]) {
      expect(flagForApi(db, viewer, ids.flag!)).toBeNull();
      expect(escalationForApi(db, viewer, ids.escalation!)).toBeNull();
    }
    const flag = flagObjectSchema.parse(flagForApi(db, as(moderator), ids.flag!));
    expect(flag).toMatchObject({ postId: ids.answer, threadId: ids.thread, reason: "other", note: "Looks wrong to me", status: "open", reporter: { username: "asker_ann" } });
    expect(flag.postUrl).toBe(`${ORIGIN}/t/${ids.thread}/my-router-keeps-dropping-the-line#post-${ids.answer}`);
    const escalation = escalationSchema.parse(escalationForApi(db, as(moderator), ids.escalation!));
    expect(escalation).toMatchObject({ threadId: ids.thread, note: "Customer line checks needed", status: "open", openedBy: { username: "mod_mia" }, closedBy: null });
    expect(flagForApi(db, as(moderator), 999_999)).toBeNull();
    expect(escalationForApi(db, as(moderator), 999_999)).toBeNull();
  });

  test("the hidden answer for its author and staff, with the reason", () => {
    expect(postForApi(db, as(helper), ids.hiddenAnswer!)).toMatchObject({ hidden: true, hiddenReason: "Advertising" });
    expect(postForApi(db, as(moderator), ids.hiddenAnswer!)).toMatchObject({ hidden: true });
    expect(postForApi(db, as(asker), ids.hiddenAnswer!)).toBeNull();
  });
});

describe("GET /notifications and POST /notifications/{id}/read", () => {
  test("a token is required", async () => {
    const response = await api.call("GET", "/notifications");
    expect(response.status).toBe(401);
    await expectConforms(response, "GET", "/notifications");
  });

  test("only the token owner's, walked by cursor, each once; about a hidden answer: dropped", async () => {
    const token = tokenFor(db, asker.id, ["read"]);
    const mine = db.select().from(notifications).where(eq(notifications.userId, asker.id)).all();
    expect(mine.length).toBeGreaterThan(0);
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const response = await api.call("GET", `/notifications?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { token });
      const page: any = await expectConforms(response, "GET", "/notifications");
      expect(response.status).toBe(200);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const hiddenNotice = mine.filter((n) => n.postId === ids.hiddenAnswer).map((n) => n.id);
    expect(hiddenNotice.length).toBeGreaterThan(0);
    expect(seen.map((n) => n.id).sort()).toEqual(mine.filter((n) => !hiddenNotice.includes(n.id)).map((n) => n.id).sort());
    expect(seen[0]).toMatchObject({ kind: expect.any(String), read: false, url: expect.stringMatching(/^http:\/\/community\.test\//) });
    expect(seen.find((n) => n.postId === ids.answer)?.text).toContain("My router keeps dropping the line");
  });

  test("marking read: a write token, one's own notification only; then ?unread=true leaves it out", async () => {
    const mine = db.select().from(notifications).where(and(eq(notifications.userId, asker.id), eq(notifications.postId, ids.answer!))).get()!;
    const readOnly = tokenFor(db, asker.id, ["read"]);
    const refused = await api.call("POST", `/notifications/${mine.id}/read`, { token: readOnly });
    expect(refused.status).toBe(403);
    await expectConforms(refused, "POST", "/notifications/{id}/read");

    const writer = tokenFor(db, asker.id, ["read", "write"]);
    const someoneElse = tokenFor(db, helper.id, ["read", "write"]);
    const foreign = await api.call("POST", `/notifications/${mine.id}/read`, { token: someoneElse });
    expect(foreign.status).toBe(404);
    await expectConforms(foreign, "POST", "/notifications/{id}/read");
    expect(db.select().from(notifications).where(eq(notifications.id, mine.id)).get()!.readAt).toBeNull();

    const marked = await api.call("POST", `/notifications/${mine.id}/read`, { token: writer });
    expect(await expectConforms(marked, "POST", "/notifications/{id}/read")).toMatchObject({ id: mine.id, read: true });
    expect(db.select().from(notifications).where(eq(notifications.id, mine.id)).get()!.readAt).not.toBeNull();

    const unread = await expectConforms(await api.call("GET", "/notifications?unread=true", { token: readOnly }), "GET", "/notifications");
    expect(unread.items.map((n: { id: number }) => n.id)).not.toContain(mine.id);
    const missing = await api.call("POST", "/notifications/999999/read", { token: writer });
    expect(missing.status).toBe(404);
    await expectConforms(missing, "POST", "/notifications/{id}/read");
  });

  test("another member's notifications never appear", async () => {
    const token = tokenFor(db, moderator.id, ["read"]);
    const page = await expectConforms(await api.call("GET", "/notifications?limit=100", { token }), "GET", "/notifications");
    const theirs = new Set(db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, moderator.id)).all().map((n) => n.id));
    for (const item of page.items) expect(theirs.has(item.id)).toBe(true);
    expect(db.select().from(posts).where(eq(posts.id, ids.answer!)).get()).toBeTruthy();
  });
});

describe("scopes", () => {
  test("a token without the read scope is refused every read with a declared 403", async () => {
    const writeOnly = tokenFor(db, helper.id, ["write"]);
    for (const [path, template] of [
      ["/threads", "/threads"],
      [`/threads/${ids.thread}`, "/threads/{id}"],
      [`/posts/${ids.answer}`, "/posts/{id}"],
      ["/users/helper_hal", "/users/{username}"],
      ["/articles", "/articles"],
      ["/search?q=router", "/search"],
      ["/incidents", "/incidents"],
      ["/leaderboard", "/leaderboard"],
      ["/notifications", "/notifications"],
    ] as const) {
      const response = await api.call("GET", path, { token: writeOnly });
      expect(response.status, path).toBe(403);
      expect(await expectConforms(response, "GET", template)).toMatchObject({ type: "/api/docs#problem-insufficient-scope" });
    }
  });
});
