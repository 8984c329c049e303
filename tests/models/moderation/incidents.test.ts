// Status announcements (issue #7, point 7): moderators open an incident, post
// updates, link threads and resolve it; while it is open a banner on every
// page links to it, /ask shows it above the form in its category, and the
// category's watchers are told when it opens and when it ends. Nobody else
// can do any of it, by the models or by a forged form.
import { and, count, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { IncidentBanner } from "../../../app/components/incident-banner";
import { getIncidentPage, listIncidents, listOpenIncidents } from "../../../app/models/moderation/incident-views.server";
import {
  editIncident,
  linkThread,
  openIncident,
  postIncidentUpdate,
  resolveIncident,
  unlinkThread,
  type IncidentInput,
} from "../../../app/models/moderation/incident.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { listNotifications } from "../../../app/models/notify/notification.server";
import { loader as rootLoader } from "../../../app/root";
import Ask, { loader as askLoader } from "../../../app/routes/ask";
import { action as editAction, loader as editLoader } from "../../../app/routes/status.$id_.edit";
import StatusPage, { action as statusAction, loader as statusLoader } from "../../../app/routes/status.$id";
import StatusList, { loader as statusListLoader } from "../../../app/routes/status._index";
import { action as newAction, loader as newLoader } from "../../../app/routes/status.new";
import { loader as threadLoader } from "../../../app/routes/t.$id.($slug)";
import { auditLabel } from "../../../app/utils/audit-labels";
import { serverT } from "../../../app/i18n/i18n.server";
import { describeNotification } from "../../../app/utils/notification-text";
import { announcements, announcementUpdates, auditEvents, notifications, posts, threads, watches } from "../../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createEstablishedMember, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { bodyOf } from "../../support/http-helpers";
import { threadIdFromReference } from "../../../app/utils/paths";
import { renderPage } from "../../support/render-page";
import { refusal, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

let mod: User;
let admin: User;
let member: User;
let billingWatcher: User;
let networkWatcher: User;
let bothWatcher: User;
let mutedBilling: User;
let threadA: { id: number; slug: string; title: string };
let threadB: { id: number; slug: string; title: string };

const actor = (user: User) => asCurrentUser(db, user.id);

const OUTAGE: IncidentInput = {
  title: "Direct debits fail for October bills",
  severity: "outage",
  category: "billing",
  body: "Direct debits for October bills are **failing** since 9:00. Do not pay twice: we will retry them.",
};

function open(input: Partial<IncidentInput> = {}, by: User = mod, now?: Date) {
  const result = openIncident(db, actor(by), { ...OUTAGE, ...input }, now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.incident;
}

function watch(user: User, categoryId: number, level: "watching" | "muted" = "watching") {
  db.insert(watches).values({ userId: user.id, targetType: "category", targetId: categoryId, level }).run();
}

/** Everything a refused action could touch, the incident updates included. */
function state() {
  return snapshot(db) + JSON.stringify(db.select().from(announcementUpdates).all());
}

function expectRefusedHere(run: () => unknown, status: number) {
  const before = state();
  expect(refusal(run).status).toBe(status);
  expect(state()).toBe(before);
}

async function expectRouteRefused(run: () => unknown, status: number) {
  const before = state();
  const response = await settle(run);
  expect(response.status).toBe(status);
  if (status === 302) expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  expect(state()).toBe(before);
}

const notificationsFor = (incidentId: number, kind: string) =>
  db
    .select({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.announcementId, incidentId), eq(notifications.kind, kind)))
    .all()
    .map((r) => r.userId)
    .sort((a, b) => a - b);

const sorted = (...users: User[]) => users.map((u) => u.id).sort((a, b) => a - b);

async function rootIncidents(userId: number | null) {
  const response = await settle(() => rootLoader({ request: getRequest("/"), params: {}, context: contextFor(db, userId) }));
  return (await bodyOf(response)).incidents as { id: number; title: string; severity: string }[];
}

const statusPost = (id: number, fields: Record<string, string>, userId: number | null) =>
  settle(() => statusAction({ request: formRequest(`/status/${id}`, fields), params: { id: String(id) }, context: contextFor(db, userId) }));

/** A page rendered to HTML as the server sends it, without JavaScript. */
async function render(path: string, userId: number | null) {
  const page = await renderPage(contextFor(db, userId), path, [
    { id: "routes/ask", path: "ask", loader: askLoader, Component: Ask },
    { id: "routes/status._index", path: "status", loader: statusListLoader, Component: StatusList },
    { id: "routes/status.$id", path: "status/:id", loader: statusLoader, Component: StatusPage },
  ]);
  return page.html;
}

/** One component rendered to HTML inside a router (its links need one). */
async function renderElement(element: ReturnType<typeof createElement>) {
  const handler = createStaticHandler([{ id: "page", path: "/", Component: () => element }]);
  const result = await handler.query(getRequest("/"));
  if (result instanceof Response) throw new Error(`Unexpected response ${result.status}`);
  return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, result), context: result, hydrate: false }));
}

beforeAll(async () => {
  const billing = createTestCategory(db, { slug: "billing", name: "Billing" });
  const network = createTestCategory(db, { slug: "network", name: "Network & outages" });
  const joined = new Date(Date.now() - 30 * DAY);
  mod = await createUser(db, { role: "moderator", createdAt: joined, displayName: "Morgan Mod" });
  admin = await createUser(db, { role: "admin", createdAt: joined });
  member = await createEstablishedMember(db);
  billingWatcher = await createUser(db, { createdAt: joined });
  networkWatcher = await createUser(db, { createdAt: joined });
  bothWatcher = await createUser(db, { createdAt: joined });
  mutedBilling = await createUser(db, { createdAt: joined });
  watch(billingWatcher, billing.id);
  watch(networkWatcher, network.id);
  watch(bothWatcher, billing.id);
  watch(bothWatcher, network.id);
  watch(mutedBilling, billing.id, "muted");
  // The moderator who opens it watches billing too: nobody is told about their own act.
  watch(mod, billing.id);
  const start = Date.now() - 2 * 60 * MINUTE;
  threadA = createTestThread(db, member, { title: "My direct debit failed this morning, why?", category: "billing", at: new Date(start) });
  threadB = createTestThread(db, member, { title: "Bank says the payment was refused", category: "billing", at: new Date(start + 10 * MINUTE) });
});

describe("an incident from opening to resolution", () => {
  let id: number;

  test("opening: stored as a status announcement, markdown rendered once, recorded in the audit log", () => {
    const incident = open();
    id = incident.id;
    expect(incident).toMatchObject({ kind: "status", severity: "outage", title: OUTAGE.title, resolvedAt: null, authorId: mod.id });
    expect(incident.categoryId).not.toBeNull();
    expect(incident.bodyHtml).toContain("<strong>failing</strong>");
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "incident.open"), eq(auditEvents.targetId, id))).get();
    expect(audit?.actorId).toBe(mod.id);
    expect(auditLabel(serverT("en"), "incident.link")).toBe("Linked a thread to an incident");
    expect(auditLabel(serverT("fr"), "incident.link")).toBe("A lié un fil à un incident");
  });

  test("the banner data is in the root loader for everyone while it is open (id, title, severity only)", async () => {
    for (const who of [null, member.id, mod.id]) {
      expect(await rootIncidents(who)).toEqual([{ id, title: OUTAGE.title, severity: "outage" }]);
    }
    expect(listOpenIncidents(db)).toEqual([{ id, title: OUTAGE.title, severity: "outage" }]);
    const html = await renderElement(createElement(IncidentBanner, { incidents: listOpenIncidents(db) }));
    expect(html).toContain('role="status"');
    expect(html).toContain("incident-banner-outage");
    expect(html).toContain(`href="/status/${id}"`);
    expect(html).toContain("Read the status update");
  });

  test("watchers of the category are told once; the muted and the moderator who opened it are not", () => {
    expect(notificationsFor(id, "status_opened")).toEqual(sorted(billingWatcher, bothWatcher));
    const [view] = listNotifications(db, actor(billingWatcher)).notifications.filter((n) => n.announcementId === id);
    expect(describeNotification(view!, "Nimbus")).toEqual({ text: `Nimbus reports a problem: ${OUTAGE.title}`, path: `/status/${id}` });
  });

  test("/ask in the category shows the incident above the form, without JavaScript; another category doesn't", async () => {
    const inBilling = await render("/ask?category=billing", member.id);
    expect(inBilling).toContain("Known problem in Billing:");
    expect(inBilling).toContain(OUTAGE.title);
    expect(inBilling.indexOf(OUTAGE.title)).toBeLessThan(inBilling.indexOf("<form"));
    expect(inBilling).toContain(`href="/status/${id}"`);
    for (const path of ["/ask?category=network", "/ask"]) expect(await render(path, null)).not.toContain(OUTAGE.title);
  });

  test("an update joins the timeline, oldest first, and is audited", async () => {
    const result = postIncidentUpdate(db, actor(mod), { incidentId: id, body: "The bank's link is back; retries start at *14:00*." });
    expect(result).toEqual({ ok: true });
    const page = getIncidentPage(db, null, id);
    expect(page.updates).toHaveLength(1);
    expect(page.updates[0]).toMatchObject({ authorName: "Morgan Mod", closing: false });
    expect(page.updates[0]!.bodyHtml).toContain("<em>14:00</em>");
    expect(page.incident.updatedAt).not.toBeNull();
    expect(page.canManage).toBe(false);
    expect(getIncidentPage(db, actor(mod), id).canManage).toBe(true);
    expect(db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "incident.update")).get()!.n).toBe(1);

    // Through the page's form, with a message beside the field and nothing saved when it is empty.
    const empty = await statusPost(id, { intent: "update", body: "   " }, mod.id);
    expect(empty.status).toBe(400);
    expect((await bodyOf(empty)).errors).toEqual({ body: "Write the update here." });
    const posted = await statusPost(id, { intent: "update", body: "Half of the retries went through." }, mod.id);
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(`/status/${id}#updates`);
    expect(getIncidentPage(db, null, id).updates).toHaveLength(2);
  });

  test("threads are linked by address or by number; their page points to the incident; deleted ones are not listed", async () => {
    expect(threadIdFromReference(`https://community.example.com/t/${threadA.id}/${threadA.slug}`)).toBe(threadA.id);
    expect(threadIdFromReference(`/t/${threadA.id}`)).toBe(threadA.id);
    expect(threadIdFromReference(`#${threadB.id}`)).toBe(threadB.id);
    expect(threadIdFromReference("/kb/some-article")).toBeNull();

    const byForm = await statusPost(id, { intent: "link", thread: `http://localhost/t/${threadA.id}/${threadA.slug}` }, mod.id);
    expect(byForm.status).toBe(302);
    expect(linkThread(db, actor(mod), { incidentId: id, thread: String(threadB.id) })).toEqual({ ok: true });
    expect(db.select({ id: threads.id }).from(threads).where(eq(threads.incidentId, id)).all()).toHaveLength(2);
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "incident.link"), eq(auditEvents.targetId, threadA.id))).get();
    expect(audit).toMatchObject({ actorId: mod.id, targetType: "thread" });

    // Mistakes come back beside the field, with the text kept.
    const wrong = await statusPost(id, { intent: "link", thread: "the billing one" }, mod.id);
    expect(wrong.status).toBe(400);
    expect(await bodyOf(wrong)).toMatchObject({ intent: "link", values: { thread: "the billing one" }, errors: { thread: expect.stringContaining("address") } });
    expect(linkThread(db, actor(mod), { incidentId: id, thread: String(threadA.id) })).toMatchObject({ ok: false, errors: { thread: expect.stringContaining("already linked") } });
    expect(linkThread(db, actor(mod), { incidentId: id, thread: "999999" })).toMatchObject({ ok: false, errors: { thread: "There is no question number 999999." } });

    const threadPage = await settle(() =>
      threadLoader({ request: getRequest(`/t/${threadA.id}/${threadA.slug}`), params: { id: String(threadA.id), slug: threadA.slug }, context: contextFor(db, null) }),
    );
    expect((await bodyOf(threadPage)).incident).toEqual({ id, title: OUTAGE.title, severity: "outage", resolved: false });

    db.update(threads).set({ deletedAt: new Date() }).where(eq(threads.id, threadB.id)).run();
    expect(getIncidentPage(db, null, id).threads.map((t) => t.id)).toEqual([threadA.id]);
    db.update(threads).set({ deletedAt: null }).where(eq(threads.id, threadB.id)).run();

    const unlinked = await statusPost(id, { intent: "unlink", threadId: String(threadB.id) }, mod.id);
    expect(unlinked.status).toBe(302);
    expect(db.select({ incidentId: threads.incidentId }).from(threads).where(eq(threads.id, threadB.id)).get()!.incidentId).toBeNull();
    expect(unlinkThread(db, actor(mod), { incidentId: id, threadId: threadB.id })).toMatchObject({ ok: false });

    const html = await render(`/status/${id}`, null);
    expect(html).toContain(threadA.title);
    expect(html).not.toContain(threadB.title);
    expect(html).not.toContain("Post the update");
  });

  test("a linked thread whose question a moderator hid is listed for its asker and staff only", async () => {
    const hidden = createTestThread(db, member, { title: "Direct debit failed, my IBAN is FR76-secret", category: "billing", at: new Date(Date.now() - 30 * MINUTE) });
    expect(linkThread(db, actor(mod), { incidentId: id, thread: String(hidden.id) })).toEqual({ ok: true });
    const question = db.select().from(posts).where(and(eq(posts.threadId, hidden.id), eq(posts.kind, "question"))).get()!;
    expect(hidePost(db, actor(mod), question.id, "Bank details in the title").ok).toBe(true);
    try {
      for (const viewer of [null, actor(billingWatcher)]) {
        expect(getIncidentPage(db, viewer, id).threads.map((t) => t.id)).not.toContain(hidden.id);
      }
      expect(getIncidentPage(db, actor(member), id).threads.map((t) => t.id)).toContain(hidden.id);
      expect(getIncidentPage(db, actor(mod), id).threads.map((t) => t.id)).toContain(hidden.id);
      expect(await render(`/status/${id}`, null)).not.toContain("FR76-secret");
      expect(await render(`/status/${id}`, billingWatcher.id)).not.toContain("FR76-secret");
    } finally {
      unlinkThread(db, actor(mod), { incidentId: id, threadId: hidden.id });
    }
  });

  test("resolving: the closing note is the last update, the banner is gone, watchers are told once", async () => {
    const response = await statusPost(id, { intent: "resolve", note: "All October direct debits went through. Sorry for the trouble." }, mod.id);
    expect(response.status).toBe(302);
    const page = getIncidentPage(db, null, id);
    expect(page.incident.resolvedAt).not.toBeNull();
    expect(page.incident.resolvedByName).toBe("Morgan Mod");
    expect(page.updates.at(-1)).toMatchObject({ closing: true });
    expect(page.updates.at(-1)!.bodyHtml).toContain("All October direct debits went through.");

    expect(await rootIncidents(null)).toEqual([]);
    expect(await render("/ask?category=billing", null)).not.toContain(OUTAGE.title);
    expect(notificationsFor(id, "status_resolved")).toEqual(sorted(billingWatcher, bothWatcher));
    expect(notificationsFor(id, "status_opened")).toEqual(sorted(billingWatcher, bothWatcher));
    const threadPage = await settle(() =>
      threadLoader({ request: getRequest(`/t/${threadA.id}/${threadA.slug}`), params: { id: String(threadA.id), slug: threadA.slug }, context: contextFor(db, null) }),
    );
    expect((await bodyOf(threadPage)).incident).toMatchObject({ resolved: true });

    // Once resolved, it stays resolved: no second closing, no more updates.
    expect(resolveIncident(db, actor(mod), { incidentId: id, note: "Again" })).toEqual({ ok: false, errors: { note: "This incident is already resolved." } });
    expect(postIncidentUpdate(db, actor(mod), { incidentId: id, body: "Late news" })).toMatchObject({ ok: false });
    expect(notificationsFor(id, "status_resolved")).toHaveLength(2);

    const list = listIncidents(db);
    expect(list.open).toEqual([]);
    expect(list.resolved.map((i) => i.id)).toEqual([id]);
    const html = await render("/status", null);
    expect(html).toContain("No known problems right now");
    expect(html).toContain(OUTAGE.title);
  });
});

describe("an incident affecting every category", () => {
  test("watchers of any category are told once each; it shows on /ask whatever the category", async () => {
    const incident = open({ title: "Sign-in is slow for everyone", severity: "degraded", category: "all", body: "Signing in takes up to a minute. We are on it." });
    expect(incident.categoryId).toBeNull();
    expect(notificationsFor(incident.id, "status_opened")).toEqual(sorted(billingWatcher, networkWatcher, bothWatcher));
    for (const path of ["/ask", "/ask?category=network", "/ask?category=billing"]) {
      const html = await render(path, null);
      expect(html).toContain("Sign-in is slow for everyone");
      expect(html).toContain("badge-severity-degraded");
    }
    expect((await rootIncidents(null)).map((i) => i.id)).toEqual([incident.id]);
    resolveIncident(db, actor(admin), { incidentId: incident.id, note: "Sign-in is fast again." });
    expect(notificationsFor(incident.id, "status_resolved")).toEqual(sorted(billingWatcher, networkWatcher, bothWatcher, mod));
    expect(await rootIncidents(null)).toEqual([]);
  });
});

describe("the editor", () => {
  test("opening through the form: messages beside the fields, the text kept, nothing saved until it is right", async () => {
    const post = (fields: Record<string, string>) =>
      settle(() => newAction({ request: formRequest("/status/new", fields), params: {}, context: contextFor(db, mod.id) }));
    const before = state();
    const bad = await post({ title: "Oops", severity: "catastrophic", category: "nowhere", body: "Short" });
    expect(bad.status).toBe(400);
    const reply = await bodyOf(bad);
    expect(reply.errors).toEqual({
      title: "A title needs at least 5 characters.",
      severity: "Choose how serious it is.",
      body: "Please write at least 10 characters.",
    });
    expect(reply.values).toMatchObject({ title: "Oops", body: "Short" });
    const unknownCategory = await post({ title: "Roaming is down in Spain", severity: "outage", category: "nowhere", body: "Calls abroad fail since noon." });
    expect(unknownCategory.status).toBe(400);
    expect((await bodyOf(unknownCategory)).errors).toEqual({ category: "Choose one of the categories, or all of them." });
    expect(state()).toBe(before);

    const ok = await post({ title: "Roaming is down in Spain", severity: "outage", category: "network", body: "Calls abroad fail since noon." });
    expect(ok.status).toBe(302);
    const id = Number(ok.headers.get("Location")!.split("/").pop());
    expect(getIncidentPage(db, null, id).incident).toMatchObject({ title: "Roaming is down in Spain", categoryName: "Network & outages" });

    const edited = await settle(() =>
      editAction({
        request: formRequest(`/status/${id}/edit`, { title: "Roaming is down in Spain and Portugal", severity: "degraded", category: "network", body: "Calls abroad fail since noon." }),
        params: { id: String(id) },
        context: contextFor(db, mod.id),
      }),
    );
    expect(edited.status).toBe(302);
    expect(getIncidentPage(db, null, id).incident).toMatchObject({ title: "Roaming is down in Spain and Portugal", severity: "degraded" });
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.action, "incident.edit"), eq(auditEvents.targetId, id))).get()?.actorId).toBe(mod.id);
    resolveIncident(db, actor(mod), { incidentId: id, note: "Roaming works again." });
  });

  test("hostile markdown in the body, an update or the title never runs script", async () => {
    const incident = open({
      title: `<script>alert("title")</script> Billing page broken`,
      body: `Broken <script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3)) <iframe src="https://evil.test"></iframe>`,
    });
    postIncidentUpdate(db, actor(mod), { incidentId: incident.id, body: `<a href="javascript:alert(4)" onclick="alert(5)">more</a><style>body{display:none}</style>` });
    const page = getIncidentPage(db, null, incident.id);
    for (const html of [page.incident.bodyHtml, page.updates[0]!.bodyHtml]) {
      expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<style/i);
    }
    const rendered = await render(`/status/${incident.id}`, null);
    expect(rendered).not.toContain("<script>alert");
    expect(rendered).toContain("&lt;script&gt;alert");
    resolveIncident(db, actor(mod), { incidentId: incident.id, note: "Fixed." });
  });
});

describe("only moderators manage incidents", () => {
  let id: number;
  beforeAll(() => {
    id = open({ title: "Invoices show the wrong VAT", severity: "information" }).id;
    linkThread(db, actor(mod), { incidentId: id, thread: String(threadA.id) });
  });

  test("every model function refuses members (403) and visitors (401), changing nothing", async () => {
    const memberActor = actor(member);
    for (const [who, status] of [[memberActor, 403], [null, 401]] as const) {
      expectRefusedHere(() => openIncident(db, who, OUTAGE), status);
      expectRefusedHere(() => editIncident(db, who, id, { ...OUTAGE, title: "Hijacked" }), status);
      expectRefusedHere(() => postIncidentUpdate(db, who, { incidentId: id, body: "Fake news" }), status);
      expectRefusedHere(() => resolveIncident(db, who, { incidentId: id, note: "Fake fix" }), status);
      expectRefusedHere(() => linkThread(db, who, { incidentId: id, thread: String(threadB.id) }), status);
      expectRefusedHere(() => unlinkThread(db, who, { incidentId: id, threadId: threadA.id }), status);
    }
    expect(refusal(() => openIncident(db, memberActor, OUTAGE)).status).toBe(403);
    expect(await refusal(() => openIncident(db, memberActor, OUTAGE)).text()).toBe("Only moderators can do that.");
  });

  test("forged form posts from a member are refused with 403, and a visitor is sent to sign in; nothing changes", async () => {
    const forms: Record<string, string>[] = [
      { intent: "update", body: "Fake news" },
      { intent: "resolve", note: "Fake fix" },
      { intent: "link", thread: String(threadB.id) },
      { intent: "unlink", threadId: String(threadA.id) },
    ];
    for (const fields of forms) {
      await expectRouteRefused(() => statusPost(id, fields, member.id), 403);
      await expectRouteRefused(() => statusPost(id, fields, null), 302);
    }
    const incident = { title: "Forged outage", severity: "outage", category: "all", body: "Everything is down, panic." };
    await expectRouteRefused(() => newAction({ request: formRequest("/status/new", incident), params: {}, context: contextFor(db, member.id) }), 403);
    await expectRouteRefused(() => newAction({ request: formRequest("/status/new", incident), params: {}, context: contextFor(db, null) }), 302);
    await expectRouteRefused(
      () => editAction({ request: formRequest(`/status/${id}/edit`, incident), params: { id: String(id) }, context: contextFor(db, member.id) }),
      403,
    );
    await expectRouteRefused(() => newLoader({ request: getRequest("/status/new"), params: {}, context: contextFor(db, member.id) }), 403);
    await expectRouteRefused(() => editLoader({ request: getRequest(`/status/${id}/edit`), params: { id: String(id) }, context: contextFor(db, member.id) }), 403);
    expect(db.select().from(announcements).where(eq(announcements.id, id)).get()).toMatchObject({ resolvedAt: null, title: "Invoices show the wrong VAT" });
  });

  test("the status pages are public, but show the forms to moderators only", async () => {
    const forVisitor = await render(`/status/${id}`, null);
    expect(forVisitor).toContain("Invoices show the wrong VAT");
    for (const form of ["Post the update", "Mark as resolved", "Link the question", "Unlink"]) expect(forVisitor).not.toContain(form);
    const forMember = await render(`/status/${id}`, member.id);
    expect(forMember).not.toContain("Mark as resolved");
    const forMod = await render(`/status/${id}`, mod.id);
    for (const form of ["Post the update", "Mark as resolved", "Link the question", "Unlink"]) expect(forMod).toContain(form);
    expect(await render("/status", null)).not.toContain("Open an incident");
    expect(await render("/status", mod.id)).toContain("Open an incident");
    const missing = await settle(() => statusLoader({ request: getRequest("/status/abc"), params: { id: "abc" }, context: contextFor(db, null) }));
    expect(missing.status).toBe(404);
  });

  test("an early-access announcement's id is no status page", async () => {
    const earlyAccess = db
      .insert(announcements)
      .values({ kind: "early_access", title: "Secret router", body: "Secret", bodyHtml: "<p>Secret</p>", authorId: mod.id })
      .returning()
      .get();
    const response = await settle(() => statusLoader({ request: getRequest(`/status/${earlyAccess.id}`), params: { id: String(earlyAccess.id) }, context: contextFor(db, null) }));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Secret");
    expect(listOpenIncidents(db).map((i) => i.id)).not.toContain(earlyAccess.id);
    expectRefusedHere(() => resolveIncident(db, actor(mod), { incidentId: earlyAccess.id, note: "Not a status update" }), 404);
    db.delete(announcements).where(eq(announcements.id, earlyAccess.id)).run();
  });
});
