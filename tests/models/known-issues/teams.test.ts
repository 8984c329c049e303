// Teams (app/models/known-issues/teams.server.ts): admins only (a moderator
// or member is refused and nothing changes), every field validated with its
// message beside it, names unique whatever their case, a route by webhook
// being a webhook of source "team" that follows the route (made with a secret
// shown once, its address changed, removed with its log), deleting a team
// detaching the known issues it owned, and every change audit-logged.
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createTeam, deleteTeam, editTeam, getTeam, listTeams, teamChoices } from "../../../app/models/known-issues/teams.server";
import { webhookSchema } from "../../../app/forms/webhooks";
import { deleteWebhook, editWebhook, getWebhookWithLog, listWebhooks } from "../../../app/models/notify/webhooks.server";
import { updateAllowPrivateWebhookAddresses } from "../../../app/models/site/settings.server";
import { auditEvents, knownIssues, teams, webhookDeliveries, webhooks } from "../../../db/schema";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createEstablishedMember, createUser } from "../../support/factories";
import { expectRefused, snapshot } from "../../support/model-helpers";

const db = createTestDb();
type Actor = ReturnType<typeof asCurrentUser>;
let admin: Actor;
let moderator: Actor;
let member: Actor;

beforeAll(async () => {
  admin = asCurrentUser(db, (await createUser(db, { username: "admin_alex", role: "admin" })).id);
  moderator = asCurrentUser(db, (await createEstablishedMember(db, { username: "mod_morgan", role: "moderator" })).id);
  member = asCurrentUser(db, (await createEstablishedMember(db, { username: "member_mo" })).id);
});

beforeEach(() => {
  updateAllowPrivateWebhookAddresses(db, admin, false);
});

const base = { name: "Firmware", description: "Box and router firmware.", route: "none", routeEmail: "", routeUrl: "", meTooThreshold: 5 } as const;

function created(result: ReturnType<typeof createTeam>) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

function auditOf(action: string, targetId: number) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .all()
    .map((row) => ({ actorId: row.actorId, targetType: row.targetType, details: JSON.parse(row.details) }));
}

function knownIssue(teamId: number | null, title: string) {
  return db.insert(knownIssues).values({ title, teamId, createdById: moderator.id, updatedAt: new Date() }).returning().get();
}

describe("admins only", () => {
  test("a moderator or a member is refused every verb and nothing changes", () => {
    const team = created(createTeam(db, admin, { ...base, name: "Refusals" }));
    for (const actor of [moderator, member, null]) {
      expectRefused(db, () => createTeam(db, actor, { ...base, name: "Sneaky" }), actor ? 403 : 401);
      expectRefused(db, () => editTeam(db, actor, { ...base, teamId: team.id, route: "email", routeEmail: "evil@example.test" }), actor ? 403 : 401);
      expectRefused(db, () => deleteTeam(db, actor, { teamId: team.id }), actor ? 403 : 401);
      expectRefused(db, () => listTeams(db, actor), actor ? 403 : 401);
      expectRefused(db, () => getTeam(db, actor, team.id), actor ? 403 : 401);
    }
  });
});

describe("validation", () => {
  test("each field's message beside it, nothing written", () => {
    const before = snapshot(db);
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ name: "  " }, { name: "Enter the team's name." }],
      [{ name: "x".repeat(81) }, { name: "A name has at most 80 characters." }],
      [{ description: "d".repeat(501) }, { description: "A description has at most 500 characters." }],
      [{ route: "carrier-pigeon" }, { route: "Choose nowhere, by email or by webhook." }],
      [{ route: "email", routeEmail: "" }, { routeEmail: "Enter the address to email known issues to." }],
      [{ route: "email", routeEmail: "not-an-address" }, { routeEmail: "Enter an email address, such as firmware@example.com." }],
      [{ route: "webhook", routeUrl: "" }, { routeUrl: "Enter the address to send known issues to." }],
      [{ route: "webhook", routeUrl: "ftp://files.example.com/drop" }, { routeUrl: "The address must start with http:// or https://." }],
      [{ route: "webhook", routeUrl: "http://127.0.0.1:9000/hook" }, { routeUrl: expect.stringMatching(/private network/) as unknown as string }],
      [{ route: "webhook", routeUrl: "http://localhost/hook" }, { routeUrl: expect.stringMatching(/private network/) as unknown as string }],
      [{ meTooThreshold: 0 }, { meTooThreshold: "Enter a number from 1 to 1000." }],
      [{ meTooThreshold: 1001 }, { meTooThreshold: "Enter a number from 1 to 1000." }],
      [{ meTooThreshold: "2.5" }, { meTooThreshold: "Enter a whole number, such as 5." }],
      [{ meTooThreshold: "lots" }, { meTooThreshold: "Enter a whole number, such as 5." }],
      [{ meTooThreshold: "" }, { meTooThreshold: 'Enter how many "me too" in a day send the issue again.' }],
    ];
    for (const [fields, errors] of cases) {
      const result = createTeam(db, admin, { ...base, ...fields } as Parameters<typeof createTeam>[2]);
      expect(result, JSON.stringify(fields)).toEqual({ ok: false, errors });
    }
    expect(snapshot(db)).toBe(before);
  });

  test("a name is unique whatever its case, on adding and on editing", () => {
    created(createTeam(db, admin, { ...base, name: "Billing" }));
    const other = created(createTeam(db, admin, { ...base, name: "Mobile app" }));
    expect(createTeam(db, admin, { ...base, name: " billing " })).toEqual({ ok: false, errors: { name: "There is already a team called billing: choose another name." } });
    expect(editTeam(db, admin, { ...base, teamId: other.id, name: "BILLING" })).toEqual({ ok: false, errors: { name: "There is already a team called BILLING: choose another name." } });
    // Its own name, in another case, is fine.
    expect(editTeam(db, admin, { ...base, teamId: other.id, name: "Mobile App" })).toMatchObject({ ok: true });
  });

  test("private addresses are accepted once the admins' setting allows them, as for every webhook", () => {
    updateAllowPrivateWebhookAddresses(db, admin, true);
    const team = created(createTeam(db, admin, { ...base, name: "Local lab", route: "webhook", routeUrl: "http://127.0.0.1:9000/hook" }));
    expect(team.webhookId).not.toBeNull();
  });

  test("a French admin reads the messages in French", () => {
    const french = { ...admin, language: "fr" as const };
    expect(createTeam(db, french, { ...base, name: "", meTooThreshold: 0 })).toEqual({
      ok: false,
      errors: { name: "Saisissez le nom de l'équipe.", meTooThreshold: "Saisissez un nombre de 1 à 1000." },
    });
  });
});

describe("adding, editing and deleting", () => {
  test("a team routed by email: stored, listed, audit-logged; only the chosen route's address is kept", () => {
    const team = created(createTeam(db, admin, { ...base, name: "Network", route: "email", routeEmail: " network@example.test ", routeUrl: "https://ignored.example.com/hook", meTooThreshold: "12" }));
    expect(team).toMatchObject({ webhookId: null, secret: null });
    const row = db.select().from(teams).where(eq(teams.id, team.id)).get()!;
    expect(row).toMatchObject({ name: "Network", route: "email", routeEmail: "network@example.test", webhookId: null, meTooThreshold: 12 });
    expect(getTeam(db, admin, team.id)).toMatchObject({ name: "Network", route: "email", routeEmail: "network@example.test", webhook: null, knownIssueCount: 0 });
    expect(listTeams(db, admin).map((t) => t.name)).toContain("Network");
    expect(teamChoices(db)).toContainEqual({ id: team.id, name: "Network" });
    expect(auditOf("team.create", team.id)).toEqual([
      {
        actorId: admin.id,
        targetType: "team",
        details: { name: "Network", description: "Box and router firmware.", route: "email", routeEmail: "network@example.test", routeUrl: "", meTooThreshold: 12 },
      },
    ]);

    expect(editTeam(db, admin, { ...base, teamId: team.id, name: "Network", route: "none", meTooThreshold: 3 })).toMatchObject({ ok: true, webhookId: null, secret: null });
    expect(db.select().from(teams).where(eq(teams.id, team.id)).get()).toMatchObject({ route: "none", routeEmail: "", meTooThreshold: 3 });
    expect(auditOf("team.edit", team.id)[0]!.details).toMatchObject({ before: { route: "email", routeEmail: "network@example.test" }, after: { route: "none", routeEmail: "", meTooThreshold: 3 } });
  });

  test("a route by webhook is a webhook of the team's (source team, known_issue.routed only) that follows the route", () => {
    const team = created(createTeam(db, admin, { ...base, name: "Payments", route: "webhook", routeUrl: "https://payments.example.com/hooks/entraide" }));
    expect(team.secret).toMatch(/^[0-9a-f]{64}$/);
    const hook = db.select().from(webhooks).where(eq(webhooks.id, team.webhookId!)).get()!;
    expect(hook).toMatchObject({ url: "https://payments.example.com/hooks/entraide", source: "team", secret: team.secret, description: "Payments", createdById: admin.id });
    expect(JSON.parse(hook.events)).toEqual(["known_issue.routed"]);
    expect(getTeam(db, admin, team.id).webhook).toEqual({ id: hook.id, url: hook.url, disabled: false });
    // /admin/webhooks labels it with its team, and refuses to edit or delete it there.
    expect(listWebhooks(db, admin).webhooks.find((w) => w.id === hook.id)).toMatchObject({ source: "team", events: ["known_issue.routed"], team: { id: team.id, name: "Payments" } });
    expect(getWebhookWithLog(db, admin, hook.id).webhook).toMatchObject({ team: { id: team.id, name: "Payments" } });
    const before = snapshot(db);
    expect(editWebhook(db, admin, hook.id, { url: "https://evil.example/hook", description: "", events: ["thread.created"] })).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/team's route/) } });
    expect(deleteWebhook(db, admin, hook.id)).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/team's route/) } });
    expect(snapshot(db)).toBe(before);

    // A new address: the same webhook, its secret kept, no new secret shown.
    db.insert(webhookDeliveries).values({ webhookId: hook.id, eventId: "e1", event: "ping", body: "{}", status: "sent" }).run();
    expect(editTeam(db, admin, { ...base, teamId: team.id, name: "Payments team", route: "webhook", routeUrl: "https://payments.example.com/v2" })).toMatchObject({ ok: true, webhookId: hook.id, secret: null });
    expect(db.select().from(webhooks).where(eq(webhooks.id, hook.id)).get()).toMatchObject({ url: "https://payments.example.com/v2", secret: team.secret, description: "Payments team" });
    expect(auditOf("team.edit", team.id).at(-1)!.details).toMatchObject({
      before: { route: "webhook", routeUrl: "https://payments.example.com/hooks/entraide" },
      after: { route: "webhook", routeUrl: "https://payments.example.com/v2" },
    });

    // Routed by email instead: the webhook goes, with its log.
    expect(editTeam(db, admin, { ...base, teamId: team.id, name: "Payments team", route: "email", routeEmail: "payments@example.test" })).toMatchObject({ ok: true, webhookId: null });
    expect(db.select().from(webhooks).where(eq(webhooks.id, hook.id)).get()).toBeUndefined();
    expect(db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id)).all()).toEqual([]);

    // A webhook again: a new one, with a new secret shown once.
    const again = editTeam(db, admin, { ...base, teamId: team.id, name: "Payments team", route: "webhook", routeUrl: "https://payments.example.com/v3" });
    if (!again.ok) throw new Error("refused");
    expect(again.webhookId).not.toBe(hook.id);
    expect(again.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(again.secret).not.toBe(team.secret);
  });

  test("an admin's webhook cannot subscribe to the teams' event: only a team's own webhook is sent its issues", () => {
    const parsed = webhookSchema.safeParse({ url: "https://crm.example.com/hooks", description: "CRM", events: ["known_issue.routed"] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain("webhooks.form.eventUnknown");
  });

  test("deleting a team detaches its known issues (never deletes them), removes its webhook and is audit-logged", () => {
    const team = created(createTeam(db, admin, { ...base, name: "Television", route: "webhook", routeUrl: "https://tv.example.com/hook" }));
    const other = created(createTeam(db, admin, { ...base, name: "Radio" }));
    const first = knownIssue(team.id, "No picture on channel 4");
    const second = knownIssue(team.id, "Guide empty after midnight");
    const elsewhere = knownIssue(other.id, "Static on FM");
    expect(getTeam(db, admin, team.id).knownIssueCount).toBe(2);

    expect(deleteTeam(db, admin, { teamId: team.id })).toEqual({ ok: true, name: "Television", detached: 2 });
    expect(db.select().from(teams).where(eq(teams.id, team.id)).get()).toBeUndefined();
    expect(db.select().from(webhooks).where(eq(webhooks.id, team.webhookId!)).get()).toBeUndefined();
    const rows = db.select().from(knownIssues).all();
    expect(rows.find((r) => r.id === first.id)).toMatchObject({ title: "No picture on channel 4", teamId: null });
    expect(rows.find((r) => r.id === second.id)).toMatchObject({ teamId: null });
    expect(rows.find((r) => r.id === elsewhere.id)).toMatchObject({ teamId: other.id });
    expect(auditOf("team.delete", team.id)).toEqual([
      {
        actorId: admin.id,
        targetType: "team",
        details: expect.objectContaining({ name: "Television", route: "webhook", routeUrl: "https://tv.example.com/hook", detachedKnownIssues: [first.id, second.id] }),
      },
    ]);
    // Gone: a 404 for the next admin who tries.
    expect(expectRefused(db, () => deleteTeam(db, admin, { teamId: team.id }), 404).status).toBe(404);
  });
});
