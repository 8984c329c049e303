// /settings/data, its download and the admins' account tools on
// /mod/users/<username>, through their loaders and actions with real
// Requests: who may do what, what comes back for bad input (4xx, never a
// 500), and a deleted member's answer on the thread page.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { prepareDataExports } from "../../app/models/accounts/data-export.server";
import { action as dataAction, loader as dataLoader } from "../../app/routes/settings_.data";
import { loader as downloadLoader } from "../../app/routes/settings_.data.download.$id";
import { action as modUserAction, loader as modUserLoader } from "../../app/routes/mod.users.$username";
import ThreadPage, { loader as threadLoader } from "../../app/routes/t.$id.($slug)";
import { loader as profileLoader } from "../../app/routes/u.$username";
import { auditEvents, dataExports, sessions, users } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser, TEST_PASSWORD } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { renderPage } from "../support/render-page";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createEstablishedMember>>;

let asker: User;
let member: User;
let other: User;
let moderator: User;
let admin: User;
let thread: { id: number; slug: string };

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createEstablishedMember(db, { username: "asker_route" });
  member = await createEstablishedMember(db, { username: "nina_route", displayName: "Nina Route" });
  other = await createEstablishedMember(db, { username: "otto_route" });
  moderator = await createUser(db, { username: "mod_route", role: "moderator" });
  admin = await createUser(db, { username: "admin_route", role: "admin" });
  thread = createTestThread(db, asker, { title: "My modem keeps dropping the line" });
  createTestAnswer(db, member, thread.id, "Swap the filter on the phone socket, it fixed mine.");
});

const dataPage = (userId: number | null, path = "/settings/data") => settle(() => dataLoader({ request: getRequest(path), params: {}, context: contextFor(db, userId) }));
const dataPost = (userId: number | null, fields: Record<string, string>, sessionId: string | null = null) =>
  settle(() => dataAction({ request: formRequest("/settings/data", fields), params: {}, context: contextFor(db, userId, sessionId) }));
const download = (userId: number | null, id: string) =>
  settle(() => downloadLoader({ request: getRequest(`/settings/data/download/${id}`), params: { id }, context: contextFor(db, userId) }));
const modPost = (userId: number, username: string, fields: Record<string, string>) =>
  settle(() => modUserAction({ request: formRequest(`/mod/users/${username}`, fields), params: { username }, context: contextFor(db, userId) }));
const modPage = (userId: number, username: string) =>
  settle(() => modUserLoader({ request: getRequest(`/mod/users/${username}`), params: { username }, context: contextFor(db, userId) }));

describe("/settings/data", () => {
  test("visitors are sent to sign in; a member sees their page", async () => {
    const visitor = await dataPage(null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fdata");
    const page = await bodyOf(await dataPage(member.id));
    expect(page).toMatchObject({ deleted: false, page: { username: "nina_route", export: null, reauthentication: { method: "password" }, deletionRefused: null } });
    // The goodbye page is for the signed-out only.
    expect((await bodyOf(await dataPage(null, "/settings/data?deleted=1"))).deleted).toBe(true);
    expect((await bodyOf(await dataPage(member.id, "/settings/data?deleted=1"))).deleted).toBe(false);
  });

  test("asking for one's data, once at a time; the download is the owner's only", async () => {
    const asked = await dataPost(member.id, { intent: "export" });
    expect(asked.status).toBe(302);
    const again = await dataPost(member.id, { intent: "export" });
    expect(again.status).toBe(400);
    expect((await bodyOf(again)).errors.form).toMatch(/already being prepared/);
    const row = db.select().from(dataExports).where(eq(dataExports.userId, member.id)).get()!;
    expect((await bodyOf(await dataPage(member.id))).page.export).toMatchObject({ id: row.id, status: "pending" });

    prepareDataExports(db, new Date());
    const file = await download(member.id, String(row.id));
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(file.headers.get("Content-Disposition")).toBe(`attachment; filename="entraide-nina_route-${new Date().toISOString().slice(0, 10)}.json"`);
    expect(file.headers.get("Cache-Control")).toBe("private, no-store");
    const document = JSON.parse(await file.text());
    expect(document.answers.map((a: { body: string }) => a.body)).toEqual(["Swap the filter on the phone socket, it fixed mine."]);

    // Another member, a moderator, an admin (it is not an admin's export): 404, as for no export at all.
    const none = await download(other.id, "999999");
    for (const someone of [other, moderator, admin]) {
      const refused = await download(someone.id, String(row.id));
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe(await none.clone().text());
    }
    const visitor = await download(null, String(row.id));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/settings/data/download/${row.id}`)}`);
    for (const bad of ["abc", "-1", "0", "1e308", "99999999999999999999999"]) expect((await download(member.id, bad)).status).toBe(404);
  });

  test("bad input is a 400 beside the field, nothing changes, and the password is never sent back", async () => {
    const before = snapshot(db);
    const bad: Record<string, string>[] = [{}, { intent: "nonsense" }, { intent: "delete" }, { intent: "delete", confirmation: "x".repeat(500), password: "p" }];
    for (const fields of bad) {
      const reply = await dataPost(member.id, fields);
      expect(reply.status).toBe(400);
    }
    const missing = await bodyOf(await dataPost(member.id, { intent: "delete", password: TEST_PASSWORD }));
    expect(missing.errors.confirmation).toBe("Type your username to confirm.");
    expect(snapshot(db)).toBe(before);

    const wrong = await dataPost(member.id, { intent: "delete", password: "not the password", confirmation: "nina_route" });
    expect(wrong.status).toBe(400);
    const body = await bodyOf(wrong);
    expect(body.errors.password).toBe("That is not your current password.");
    expect(body.values).toEqual({ confirmation: "nina_route" });
    expect(JSON.stringify(body)).not.toContain("not the password");
    expect(db.select().from(users).where(eq(users.id, member.id)).get()!.deletedAt).toBeNull();
  });

  test("deleting signs the person out, and their answer shows under “a former member” with no profile link", async () => {
    const sessionId = "session-nina";
    db.insert(sessions).values({ id: sessionId, userId: member.id, expiresAt: Math.floor(Date.now() / 1000) + 3600, createdAt: Math.floor(Date.now() / 1000) }).run();
    const done = await dataPost(member.id, { intent: "delete", password: TEST_PASSWORD, confirmation: "nina_route" }, sessionId);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/settings/data?deleted=1");
    expect(done.headers.get("Set-Cookie")).toMatch(/^entraide_session=;/);
    expect(db.select().from(sessions).where(eq(sessions.userId, member.id)).all()).toEqual([]);

    const page = await renderPage(contextFor(db, null), `/t/${thread.id}/${thread.slug}`, [
      { id: "routes/t.$id.($slug)", path: "t/:id/:slug?", loader: threadLoader, Component: ThreadPage },
    ]);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Swap the filter on the phone socket");
    expect(page.html).toContain('aria-label="Answer by a former member"');
    expect(page.html).toMatch(/<span class="user-link user-link-former"><span>a former member<\/span><\/span>/);
    expect(page.html).not.toContain("Nina Route");
    expect(page.html).not.toContain("nina_route");
    expect(page.html).not.toContain(`/u/former-member-${member.id}`);
    // The asker still links to their profile.
    expect(page.html).toContain('href="/u/asker_route"');

    const profile = await settle(() => profileLoader({ request: getRequest(`/u/former-member-${member.id}`), params: { username: `former-member-${member.id}` }, context: contextFor(db, null) }));
    expect(profile.status).toBe(404);
  });
});

describe("/mod/users/<username>: the admins' account tools", () => {
  test("moderators see no tools and are refused them (403), and nothing changes", async () => {
    const page = await bodyOf(await modPage(moderator.id, "otto_route"));
    expect(page.admin).toBeNull();
    expect(page.member.username).toBe("otto_route");
    const before = snapshot(db);
    const tools: Record<string, string>[] = [{ intent: "export" }, { intent: "reset-two-factor" }, { intent: "delete", confirmation: "otto_route", reason: "" }];
    for (const fields of tools) {
      expect((await modPost(moderator.id, "otto_route", fields)).status).toBe(403);
    }
    // Members do not reach the page at all.
    expect((await modPost(other.id, "asker_route", { intent: "delete", confirmation: "asker_route" })).status).toBe(403);
    expect(snapshot(db)).toBe(before);
  });

  test("an admin exports, resets two-factor and deletes, each audit-logged; a wrong confirmation is refused beside the field", async () => {
    expect((await bodyOf(await modPage(admin.id, "otto_route"))).admin).toEqual({ twoFactorOn: false, export: null });

    const exported = await modPost(admin.id, "otto_route", { intent: "export" });
    expect(exported.status).toBe(200);
    expect((await bodyOf(exported)).message).toMatch(/being prepared/);
    prepareDataExports(db, new Date());
    const panel = (await bodyOf(await modPage(admin.id, "otto_route"))).admin;
    expect(panel.export.status).toBe("ready");
    expect((await download(admin.id, String(panel.export.id))).status).toBe(200);
    expect((await download(moderator.id, String(panel.export.id))).status).toBe(404);

    const notOn = await modPost(admin.id, "otto_route", { intent: "reset-two-factor" });
    expect(notOn.status).toBe(400);
    db.update(users).set({ totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: new Date() }).where(eq(users.id, other.id)).run();
    expect((await modPost(admin.id, "otto_route", { intent: "reset-two-factor" })).status).toBe(200);
    expect(db.select().from(users).where(eq(users.id, other.id)).get()).toMatchObject({ totpSecret: "", totpEnabledAt: null });

    const before = snapshot(db);
    const wrong = await modPost(admin.id, "otto_route", { intent: "delete", confirmation: "otto", reason: "Asked by phone" });
    expect(wrong.status).toBe(400);
    const reply = await bodyOf(wrong);
    expect(reply.errors.confirmation).toBe("Type the member's username, otto_route, to confirm.");
    expect(reply.values).toMatchObject({ confirmation: "otto", reason: "Asked by phone" });
    expect((await modPost(admin.id, "otto_route", { intent: "delete", confirmation: "otto_route", reason: "y".repeat(600) })).status).toBe(400);
    expect(snapshot(db)).toBe(before);

    const deleted = await modPost(admin.id, "otto_route", { intent: "delete", confirmation: "otto_route", reason: "Asked by phone" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe(`/mod/users/former-member-${other.id}`);
    const after = await bodyOf(await modPage(admin.id, `former-member-${other.id}`));
    expect(after.deletedAt).not.toBeNull();
    expect(after.admin).toBeNull();
    // Suspending what no longer exists is refused.
    expect((await modPost(admin.id, `former-member-${other.id}`, { intent: "suspend", duration: "7", reason: "x" })).status).toBe(400);

    const actions = db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, other.id)))
      .all();
    expect(actions).toEqual([
      { action: "user.export", actorId: admin.id },
      { action: "user.two_factor_reset", actorId: admin.id },
      { action: "user.delete", actorId: admin.id },
    ]);
  });
});
