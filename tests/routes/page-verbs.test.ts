// Pages whose loader is one model verb (issue #12): each still sends the data
// its component reads, under the same keys in the same order, and refuses the
// wrong viewer as before (403 for members on staff pages, a sign-in for
// visitors, 404 for what does not exist). Real Requests on a real database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createArticle } from "../../app/models/kb/kb.server";
import { openIncident } from "../../app/models/moderation/incident.server";
import { setWatch } from "../../app/models/notify/watch.server";
import { queueOutboxMessages } from "../../app/models/notify/outbox.server";
import { loader as adminUsersLoader } from "../../app/routes/admin._index";
import { loader as outboxLoader } from "../../app/routes/admin.outbox";
import { loader as settingsLoader } from "../../app/routes/admin.settings";
import { loader as editArticleLoader } from "../../app/routes/kb.$slug_.edit";
import { loader as kbLoader } from "../../app/routes/kb._index";
import { loader as newArticleLoader } from "../../app/routes/kb.new";
import { loader as leaderboardLoader } from "../../app/routes/leaderboard";
import { loader as modLogLoader } from "../../app/routes/mod.log";
import { loader as modLoader } from "../../app/routes/mod";
import { loader as openNotificationLoader } from "../../app/routes/notifications.$id";
import { loader as notificationsLoader } from "../../app/routes/notifications";
import { loader as editIncidentLoader } from "../../app/routes/status.$id_.edit";
import { loader as tagLoader } from "../../app/routes/tags.$tag";
import { notifications, outboxMessages, tags } from "../../db/schema";
import { contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser, giveReputation } from "../support/factories";
import { bodyOf, loaderArgs } from "../support/http-helpers";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
createTestCategory(db, { slug: "devices", name: "Devices" });

const asker = await createEstablishedMember(db, { username: "pv_asker" });
const helper = await createEstablishedMember(db, { username: "pv_helper" });
const member = await createEstablishedMember(db, { username: "pv_member" });
const moderator = await createUser(db, { username: "pv_mod", role: "moderator" });
const admin = await createUser(db, { username: "pv_admin", role: "admin" });

const thread = createTestThread(db, asker, { title: "My router drops the line every evening", tags: ["router"], at: new Date(Date.now() - 60 * 60_000) });
// Answering notifies the asker, so the notifications pages have one to show.
const answer = createTestAnswer(db, helper, thread.id, "Move the router away from the microwave, then restart it.");
giveReputation(db, helper, 40);
setWatch(db, member, { targetType: "tag", targetId: tagIdOf("router"), level: "watching" });

const article = createArticle(db, moderator, { title: "Restarting your router", body: "Unplug it for thirty seconds, then plug it back in.", category: "devices", tags: ["router"], note: "", publish: true });
if (!article.ok) throw new Error("The article was refused");
const incident = openIncident(db, moderator, { title: "Evening outage in the north", severity: "outage", category: "all", body: "We are looking into it." });
if (!incident.ok) throw new Error("The incident was refused");
queueOutboxMessages(db, [{ kind: "email", userId: asker.id, toAddress: "pv_asker@example.test", subject: "Hello", body: "A message for the outbox." }]);
const outboxId = db.select({ id: outboxMessages.id }).from(outboxMessages).get()!.id;

function tagIdOf(name: string) {
  return db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get()!.id;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
/** The loader's answer to `path` for `userId` (null: a visitor), thrown responses included. */
function load(loader: Loader, path: string, userId: number | null, params: Record<string, string> = {}) {
  return settle(() => loader({ ...loaderArgs(getRequest(path), contextFor(db, userId)), params }));
}
async function dataOf(loader: Loader, path: string, userId: number | null, params: Record<string, string> = {}) {
  const response = await load(loader, path, userId, params);
  expect(response.status).toBe(200);
  return bodyOf(response);
}
async function expectStatus(loader: Loader, path: string, userId: number | null, status: number, params: Record<string, string> = {}) {
  const response = await load(loader, path, userId, params);
  expect(response.status).toBe(status);
  if (status === 302 && userId === null) expect(response.headers.get("Location")).toContain("/login");
  return response;
}

describe("public pages", () => {
  test("a tag's page: the tag, its questions, whether the viewer watches it; 404 for an unknown tag", async () => {
    const data = await dataOf(tagLoader, "/tags/Router", member.id, { tag: "Router" });
    expect(Object.keys(data)).toEqual(["tagId", "signedIn", "watchLevel", "tag", "list", "sort"]);
    expect(data).toMatchObject({ tagId: tagIdOf("router"), signedIn: true, watchLevel: "watching", tag: "router", sort: "active" });
    expect(data.list.threads.map((t: { id: number }) => t.id)).toEqual([thread.id]);

    const visitor = await dataOf(tagLoader, "/tags/router?sort=newest&page=oops", null, { tag: "router" });
    expect(visitor).toMatchObject({ signedIn: false, watchLevel: "none", sort: "newest" });
    await expectStatus(tagLoader, "/tags/nothing-here", member.id, 404, { tag: "nothing-here" });
  });

  test("the knowledge base: counts per category and the articles, in one category or all", async () => {
    const all = await dataOf(kbLoader, "/kb", null);
    expect(Object.keys(all)).toEqual(["categories", "category", "list", "sort"]);
    expect(all.categories).toEqual([
      { slug: "billing", name: "Billing", articles: 0 },
      { slug: "devices", name: "Devices", articles: 1 },
    ]);
    expect(all.category).toBeNull();
    expect(all.list.articles.map((a: { slug: string }) => a.slug)).toEqual([article.article.slug]);

    const billing = await dataOf(kbLoader, "/kb?category=billing&sort=newest", null);
    expect(billing).toMatchObject({ category: { slug: "billing", name: "Billing" }, sort: "newest" });
    expect(billing.list.articles).toEqual([]);
    // An unknown category lists them all, never an error.
    expect((await dataOf(kbLoader, "/kb?category=nope", null)).category).toBeNull();
  });

  test("the leaderboard: period, categories, the chosen category and the rows", async () => {
    const data = await dataOf(leaderboardLoader, "/leaderboard?period=all", null);
    expect(Object.keys(data)).toEqual(["period", "categories", "category", "rows"]);
    expect(data.period).toBe("all");
    expect(data.categories).toEqual([
      { slug: "billing", name: "Billing" },
      { slug: "devices", name: "Devices" },
    ]);
    expect(data.category).toBeNull();
    expect(data.rows[0]).toMatchObject({ position: 1, user: { username: "pv_helper" }, points: 240 });
    // Staff are left off the board.
    expect(data.rows.some((r: { user: { username: string } }) => r.user.username === "pv_mod")).toBe(false);

    const devices = await dataOf(leaderboardLoader, "/leaderboard?category=devices&period=year", null);
    expect(devices).toMatchObject({ period: "week", category: { slug: "devices", name: "Devices" }, rows: [] });
  });
});

describe("a member's own pages", () => {
  test("notifications: the page, the list, what they watch; a visitor is asked to sign in", async () => {
    const data = await dataOf(notificationsLoader, "/notifications", asker.id);
    expect(Object.keys(data)).toEqual(["page", "notifications", "hasMore", "watches", "watchingOpen"]);
    expect(data).toMatchObject({ page: 1, hasMore: false, watchingOpen: false });
    expect(data.notifications.map((n: { kind: string }) => n.kind)).toContain("answer");

    const watcher = await dataOf(notificationsLoader, "/notifications?watching=1&page=x", member.id);
    expect(watcher).toMatchObject({ page: 1, watchingOpen: true, notifications: [] });
    expect(watcher.watches).toEqual([expect.objectContaining({ targetType: "tag", level: "watching" })]);
    await expectStatus(notificationsLoader, "/notifications", null, 302);
  });

  test("opening a notification: someone else's is a 404 and stays unread; the owner's goes to the answer and is read", async () => {
    const mine = db.select().from(notifications).where(and(eq(notifications.userId, asker.id), eq(notifications.kind, "answer"))).get()!;
    const unread = () => db.select().from(notifications).where(and(eq(notifications.id, mine.id), isNull(notifications.readAt))).get();

    await expectStatus(openNotificationLoader, `/notifications/${mine.id}`, member.id, 404, { id: String(mine.id) });
    await expectStatus(openNotificationLoader, "/notifications/abc", asker.id, 404, { id: "abc" });
    expect(unread()).toBeDefined();

    const response = await expectStatus(openNotificationLoader, `/notifications/${mine.id}`, asker.id, 302, { id: String(mine.id) });
    expect(response.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#post-${answer.id}`);
    expect(unread()).toBeUndefined();
  });
});

describe("moderators' pages", () => {
  test("the /mod layout's counts: for staff; a member gets a 403, a visitor the sign-in", async () => {
    const data = await dataOf(modLoader, "/mod", moderator.id);
    expect(data).toEqual({ openFlags: 0, openReviews: 0, heldPosts: 0 });
    await expectStatus(modLoader, "/mod", member.id, 403);
    await expectStatus(modLoader, "/mod", null, 302);
  });

  test("the audit log: query, entries and the filters' choices; 403 for a member", async () => {
    const data = await dataOf(modLogLoader, "/mod/log?action=incident.open", moderator.id);
    expect(Object.keys(data)).toEqual(["query", "entries", "hasMore", "moderators", "actions"]);
    expect(data.query).toEqual({ action: "incident.open", page: 1 });
    expect(data.entries.map((e: { action: string }) => e.action)).toEqual(["incident.open"]);
    expect(data.actions).toContain("incident.open");
    expect(data.moderators.map((m: { username: string }) => m.username)).toContain("pv_mod");
    await expectStatus(modLogLoader, "/mod/log", member.id, 403);
  });

  test("writing an article: a blank editor or a promotion; a member is refused either way", async () => {
    const blank = await dataOf(newArticleLoader, "/kb/new", moderator.id);
    expect(Object.keys(blank)).toEqual(["categories", "draft", "source"]);
    expect(blank.categories.map((c: { slug: string }) => c.slug)).toEqual(["billing", "devices"]);
    expect(blank).toMatchObject({ draft: null, source: null });

    const promotion = await dataOf(newArticleLoader, `/kb/new?answer=${answer.id}`, moderator.id);
    expect(Object.keys(promotion)).toEqual(["categories", "draft", "source"]);
    expect(promotion.draft).toMatchObject({ title: thread.title, category: "billing", tags: "router", answerId: answer.id });
    expect(promotion.source).toMatchObject({ answerId: answer.id, author: { username: "pv_helper" } });

    await expectStatus(newArticleLoader, "/kb/new", member.id, 403);
    await expectStatus(newArticleLoader, `/kb/new?answer=${answer.id}`, member.id, 403);
    await expectStatus(newArticleLoader, "/kb/new?answer=12abc", moderator.id, 404);
    await expectStatus(newArticleLoader, "/kb/new", null, 302);
  });

  test("an answer already promoted sends the editor to its article", async () => {
    const promoted = createArticle(db, moderator, { title: "Keep the router away from the microwave", body: answer.body, category: "billing", tags: [], note: "", answerId: answer.id, publish: false });
    if (!promoted.ok) throw new Error("The promotion was refused");
    const response = await expectStatus(newArticleLoader, `/kb/new?answer=${answer.id}`, moderator.id, 302);
    expect(response.headers.get("Location")).toBe(`/kb/${promoted.article.slug}`);
  });

  test("editing an article: what the form shows and the categories; 403 for a member, 404 for no article", async () => {
    const slug = article.article.slug;
    const data = await dataOf(editArticleLoader, `/kb/${slug}/edit`, moderator.id, { slug });
    expect(Object.keys(data)).toEqual(["article", "category", "tags", "categories"]);
    expect(Object.keys(data.article)).toEqual(["id", "slug", "title", "body", "status", "version"]);
    expect(data).toMatchObject({ article: { slug, title: "Restarting your router", status: "published", version: 1 }, category: "devices", tags: "router" });
    await expectStatus(editArticleLoader, `/kb/${slug}/edit`, member.id, 403, { slug });
    await expectStatus(editArticleLoader, "/kb/no-such-article/edit", moderator.id, 404, { slug: "no-such-article" });
  });

  test("editing an incident: the incident and the categories; 403 for a member, 404 for no incident", async () => {
    const id = String(incident.incident.id);
    const data = await dataOf(editIncidentLoader, `/status/${id}/edit`, moderator.id, { id });
    expect(data).toEqual({
      incident: { id: incident.incident.id, title: "Evening outage in the north", severity: "outage", category: "all", body: "We are looking into it." },
      categories: [
        { slug: "billing", name: "Billing" },
        { slug: "devices", name: "Devices" },
      ],
    });
    await expectStatus(editIncidentLoader, `/status/${id}/edit`, member.id, 403, { id });
    await expectStatus(editIncidentLoader, "/status/999999/edit", moderator.id, 404, { id: "999999" });
  });
});

describe("admins' pages", () => {
  test("users and roles: the list, the query, the admin's own account, the latest changes; 403 for a moderator", async () => {
    const data = await dataOf(adminUsersLoader, "/admin?q=pv_&role=moderator", admin.id);
    expect(Object.keys(data)).toEqual(["users", "total", "page", "pageCount", "query", "me", "audit"]);
    expect(data.users.map((u: { username: string }) => u.username)).toEqual(["pv_mod"]);
    expect(data.query).toEqual({ q: "pv_", role: "moderator", page: 1 });
    expect(Object.keys(data.me)).toEqual(["id", "role", "reputation", "createdAt"]);
    expect(data.me).toMatchObject({ id: admin.id, role: "admin" });
    expect(Array.isArray(data.audit)).toBe(true);
    await expectStatus(adminUsersLoader, "/admin", moderator.id, 403);
    await expectStatus(adminUsersLoader, "/admin", member.id, 403);
  });

  test("the outbox: the list or one message; 404 for an unknown number; 403 for a moderator, even for one message", async () => {
    const list = await dataOf(outboxLoader, "/admin/outbox?status=bogus", admin.id);
    expect(Object.keys(list)).toEqual(["view", "list", "query", "configured"]);
    expect(list).toMatchObject({ view: "list", query: { status: "", kind: "" } });
    expect(Object.keys(list.configured)).toEqual(["email", "escalation"]);
    expect(list.list.messages.map((m: { id: number }) => m.id)).toContain(outboxId);

    const one = await dataOf(outboxLoader, `/admin/outbox?id=${outboxId}`, admin.id);
    expect(Object.keys(one)).toEqual(["view", "found", "configured"]);
    expect(one).toMatchObject({ view: "message", found: { message: { id: outboxId, subject: "Hello" }, username: "pv_asker" } });

    await expectStatus(outboxLoader, "/admin/outbox?id=999999", admin.id, 404);
    await expectStatus(outboxLoader, "/admin/outbox", moderator.id, 403);
    await expectStatus(outboxLoader, `/admin/outbox?id=${outboxId}`, moderator.id, 403);
  });

  test("site settings: every setting its forms edit; 403 for a moderator, the sign-in for a visitor", async () => {
    const data = await dataOf(settingsLoader, "/admin/settings", admin.id);
    expect(Object.keys(data)).toEqual(["settings", "kbReview", "followUpDays", "needsAttentionHours", "accountRules"]);
    expect(typeof data.settings.brandName).toBe("string");
    expect(data.followUpDays).toBeGreaterThanOrEqual(1);
    expect(data.needsAttentionHours).toBeGreaterThanOrEqual(1);
    expect(data.accountRules).toHaveProperty("memberPasswords");
    await expectStatus(settingsLoader, "/admin/settings", moderator.id, 403);
    await expectStatus(settingsLoader, "/admin/settings", null, 302);
  });
});
