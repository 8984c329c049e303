// /admin/teams through its loaders and actions with real Requests: admins
// only (a moderator's or member's forged form is refused before it is read,
// and changes nothing), messages beside the fields with what was typed kept,
// adding a team routed by webhook (its secret shown once, its webhook
// labelled as the team's on /admin/webhooks, not editable there), editing,
// deleting only when confirmed (the known issues detached, as the page
// says), and the pages in both languages.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import AdminTeams, { loader as listLoader } from "../../app/routes/admin.teams";
import AdminTeam, { action as teamAction, loader as teamLoader } from "../../app/routes/admin.teams_.$id";
import AdminWebhooks, { loader as webhooksLoader } from "../../app/routes/admin.webhooks";
import AdminWebhook, { action as webhookAction, loader as webhookLoader } from "../../app/routes/admin.webhooks_.$id";
import { updateAllowPrivateWebhookAddresses } from "../../app/models/site/settings.server";
import { auditEvents, knownIssues, teams, webhooks } from "../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createEstablishedMember, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
let admin: User;
let moderator: User;
let member: User;

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", "https://community.example.com");
  admin = await createUser(db, { username: "admin_alex", role: "admin" });
  moderator = await createEstablishedMember(db, { username: "mod_morgan", role: "moderator" });
  member = await createEstablishedMember(db, { username: "member_mo" });
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const listPage = { id: "routes/admin.teams", path: "admin/teams", loader: listLoader, Component: AdminTeams };
const teamPage = { id: "routes/admin.teams_.$id", path: "admin/teams/:id", loader: teamLoader, action: teamAction, Component: AdminTeam };
const webhooksPage = { id: "routes/admin.webhooks", path: "admin/webhooks", loader: webhooksLoader, Component: AdminWebhooks };
const webhookPage = { id: "routes/admin.webhooks_.$id", path: "admin/webhooks/:id", loader: webhookLoader, action: webhookAction, Component: AdminWebhook };

const postTeam = (id: string | number, fields: Record<string, string>, userId: number | null) =>
  settle(() => teamAction({ request: formRequest(`/admin/teams/${id}`, fields), params: { id: String(id) }, context: contextFor(db, userId) }));

const teamFields = (overrides: Record<string, string> = {}) => ({ intent: "save", name: "Firmware", description: "", route: "none", routeEmail: "", routeUrl: "", meTooThreshold: "5", ...overrides });

async function addTeam(overrides: Record<string, string>) {
  const response = await postTeam("new", teamFields(overrides), admin.id);
  const body = await bodyOf(response);
  if (response.status !== 200) throw new Error(JSON.stringify(body));
  return body as { addedId: number; secret: string | null; webhookId: number | null; message: string };
}

describe("admins only", () => {
  test("moderators and members are refused every page and every form, and nothing changes; visitors are sent to sign in", async () => {
    const team = await addTeam({ name: "Guarded", route: "email", routeEmail: "guarded@example.test" });
    const before = snapshot(db);
    for (const userId of [moderator.id, member.id]) {
      expect((await settle(() => listLoader({ request: getRequest("/admin/teams"), params: {}, context: contextFor(db, userId) }))).status).toBe(403);
      for (const id of ["new", String(team.addedId)]) {
        expect((await settle(() => teamLoader({ request: getRequest(`/admin/teams/${id}`), params: { id }, context: contextFor(db, userId) }))).status).toBe(403);
      }
      expect((await postTeam("new", teamFields({ name: "Sneaky", route: "email", routeEmail: "evil@example.test" }), userId)).status).toBe(403);
      expect((await postTeam(team.addedId, teamFields({ name: "Guarded", route: "email", routeEmail: "evil@example.test" }), userId)).status).toBe(403);
      expect((await postTeam(team.addedId, { intent: "delete", confirm: "on" }, userId)).status).toBe(403);
    }
    const visitor = await postTeam("new", teamFields({ name: "Sneaky" }), null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect(snapshot(db)).toBe(before);
  });
});

describe("adding a team", () => {
  test("bad input: a message beside each field, what was typed kept, nothing written", async () => {
    const before = snapshot(db);
    const response = await postTeam("new", teamFields({ name: "", route: "email", routeEmail: "firmware at example", meTooThreshold: "0", description: "Box firmware" }), admin.id);
    expect(response.status).toBe(400);
    const body = await bodyOf(response);
    expect(body.errors).toEqual({ name: "Enter the team's name.", routeEmail: "Enter an email address, such as firmware@example.com.", meTooThreshold: "Enter a number from 1 to 1000." });
    expect(body.values).toMatchObject({ name: "", description: "Box firmware", route: "email", routeEmail: "firmware at example", meTooThreshold: "0" });
    expect(snapshot(db)).toBe(before);

    const request = formRequest("/admin/teams/new", teamFields({ name: "Network", route: "webhook", routeUrl: "http://10.0.0.8/hook", description: "Routers" }));
    const { html } = await renderIn("en", contextFor(db, admin.id), "/admin/teams/new", [teamPage], request);
    expect(html).toContain('id="routeUrl-error"');
    expect(html).toContain("private network");
    expect(html).toContain('value="http://10.0.0.8/hook"');
    expect(html).toContain('value="Network"');
    expect(html).toContain("Routers");
    expect(html).toMatch(/<input type="radio" name="route" checked="" value="webhook"/);
    expect(snapshot(db)).toBe(before);
  });

  test("a duplicate name is refused beside the name", async () => {
    await addTeam({ name: "Billing" });
    const response = await postTeam("new", teamFields({ name: "billing" }), admin.id);
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual({ name: "There is already a team called billing: choose another name." });
  });

  test("a team routed by webhook: its secret shown once, its webhook the team's on /admin/webhooks, edited only on the team's page", async () => {
    updateAllowPrivateWebhookAddresses(db, asCurrentUser(db, admin.id), false);
    const request = formRequest("/admin/teams/new", teamFields({ name: "Payments", route: "webhook", routeUrl: "https://payments.example.com/hooks" }));
    const { html } = await renderIn("en", contextFor(db, admin.id), "/admin/teams/new", [teamPage], request);
    const row = db.select().from(teams).where(eq(teams.name, "Payments")).get()!;
    const hook = db.select().from(webhooks).where(eq(webhooks.id, row.webhookId!)).get()!;
    const text = textOf(html);
    expect(text).toContain("The team Payments is added.");
    expect(text).toContain(hook.secret);
    expect(html).toContain(`href="/admin/webhooks/${hook.id}"`);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "team.create")).all().at(-1)).toMatchObject({ actorId: admin.id, targetId: row.id });
    // Shown once: the team's page does not show it again.
    expect(textOf((await renderIn("en", contextFor(db, admin.id), `/admin/teams/${row.id}`, [teamPage])).html)).not.toContain(hook.secret);

    const list = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/teams", [listPage])).html);
    expect(list).toContain("Payments");
    expect(list).toContain("Webhook to https://payments.example.com/hooks");

    const webhooksList = await renderIn("en", contextFor(db, admin.id), "/admin/webhooks", [webhooksPage]);
    expect(textOf(webhooksList.html)).toContain("route of the team Payments");
    expect(webhooksList.html).toContain(`href="/admin/teams/${row.id}"`);
    const webhookView = await renderIn("en", contextFor(db, admin.id), `/admin/webhooks/${hook.id}`, [webhookPage]);
    expect(textOf(webhookView.html)).toContain("This webhook is the route of the team Payments");
    expect(textOf(webhookView.html)).toContain("A known issue is routed to the team");
    expect(webhookView.html).not.toContain("Delete webhook");
    expect(webhookView.html).not.toContain('value="edit"');
    const before = snapshot(db);
    const forgedDelete = await settle(() =>
      webhookAction({ request: formRequest(`/admin/webhooks/${hook.id}`, { intent: "delete", confirm: "on" }), params: { id: String(hook.id) }, context: contextFor(db, admin.id) }),
    );
    expect(forgedDelete.status).toBe(400);
    expect((await bodyOf(forgedDelete)).errors.form).toMatch(/team's route/);
    expect(snapshot(db)).toBe(before);
  });
});

describe("a team's page", () => {
  test("editing: messages beside the fields with what was typed kept; then saved and audit-logged", async () => {
    const team = await addTeam({ name: "Mobile app", route: "email", routeEmail: "app@example.test" });
    const before = snapshot(db);
    const bad = await postTeam(team.addedId, teamFields({ name: "Mobile app", route: "webhook", routeUrl: "gopher://old.example", meTooThreshold: "many" }), admin.id);
    expect(bad.status).toBe(400);
    const body = await bodyOf(bad);
    expect(body.errors).toEqual({ routeUrl: "The address must start with http:// or https://.", meTooThreshold: "Enter a whole number, such as 5." });
    expect(body.values).toMatchObject({ route: "webhook", routeUrl: "gopher://old.example", meTooThreshold: "many" });
    expect(snapshot(db)).toBe(before);

    const ok = await postTeam(team.addedId, teamFields({ name: "Mobile app", description: "iOS and Android", route: "email", routeEmail: "mobile@example.test", meTooThreshold: "8" }), admin.id);
    expect((await bodyOf(ok)).message).toBe("Your changes are saved.");
    expect(db.select().from(teams).where(eq(teams.id, team.addedId)).get()).toMatchObject({ description: "iOS and Android", routeEmail: "mobile@example.test", meTooThreshold: 8 });
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "team.edit")).all().at(-1)).toMatchObject({ actorId: admin.id, targetId: team.addedId });
    const page = await renderIn("en", contextFor(db, admin.id), `/admin/teams/${team.addedId}`, [teamPage]);
    expect(page.html).toContain('value="mobile@example.test"');
    expect(page.html).toContain('value="8"');
  });

  test("deleting needs the box ticked; it says the known issues are detached, then detaches them", async () => {
    const team = await addTeam({ name: "Television" });
    const now = new Date();
    const issue = db.insert(knownIssues).values({ title: "No picture", teamId: team.addedId, createdById: moderator.id, updatedAt: now }).returning().get();
    const text = textOf((await renderIn("en", contextFor(db, admin.id), `/admin/teams/${team.addedId}`, [teamPage])).html);
    expect(text).toContain("This team owns 1 known issue. Deleting the team detaches it");

    const before = snapshot(db);
    const unconfirmed = await postTeam(team.addedId, { intent: "delete" }, admin.id);
    expect(unconfirmed.status).toBe(400);
    expect((await bodyOf(unconfirmed)).errors).toEqual({ confirm: "Tick the box to confirm that you want to delete this team." });
    expect(snapshot(db)).toBe(before);

    const deleted = await postTeam(team.addedId, { intent: "delete", confirm: "on" }, admin.id);
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe("/admin/teams?deleted=1");
    expect(db.select().from(teams).where(eq(teams.id, team.addedId)).get()).toBeUndefined();
    expect(db.select().from(knownIssues).where(eq(knownIssues.id, issue.id)).get()).toMatchObject({ title: "No picture", teamId: null });
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "team.delete")).all().at(-1)).toMatchObject({ actorId: admin.id, targetId: team.addedId });
    const list = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/teams?deleted=1", [listPage])).html);
    expect(list).toContain("The team is deleted. 1 known issue no longer has an owning team.");
    expect((await settle(() => teamLoader({ request: getRequest(`/admin/teams/${team.addedId}`), params: { id: String(team.addedId) }, context: contextFor(db, admin.id) }))).status).toBe(404);
    expect((await settle(() => teamLoader({ request: getRequest("/admin/teams/1x"), params: { id: "1x" }, context: contextFor(db, admin.id) }))).status).toBe(404);
  });

  test("the pages in French", async () => {
    const team = await addTeam({ name: "Réseau", route: "email", routeEmail: "reseau@example.test" });
    const list = textOf((await renderIn("fr", contextFor(db, admin.id), "/admin/teams", [listPage])).html);
    expect(list).toContain("Équipes");
    expect(list).toContain("E-mail à reseau@example.test");
    const page = textOf((await renderIn("fr", contextFor(db, admin.id), `/admin/teams/${team.addedId}`, [teamPage])).html);
    expect(page).toContain("Modifier l'équipe");
    expect(page).toContain("Supprimer l'équipe");
  });
});
