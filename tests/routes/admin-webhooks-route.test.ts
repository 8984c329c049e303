// /admin/webhooks through its loaders and actions with real Requests: admins
// only (a moderator's or member's forged form is refused before it is read,
// and changes nothing), validation beside the fields with what was typed kept,
// adding (then the secret on the webhook's page), editing, pausing, deleting
// only when confirmed, the test ping to a real receiver shown in the log with
// "Redeliver", the rule on private addresses, and the pages in both languages.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import AdminWebhooks, { action as listAction, loader as listLoader } from "../../app/routes/admin.webhooks";
import AdminWebhook, { action as webhookAction, loader as webhookLoader } from "../../app/routes/admin.webhooks_.$id";
import { ensureEnvWebhook } from "../../app/models/notify/webhooks.server";
import { getAllowPrivateWebhookAddresses, updateAllowPrivateWebhookAddresses } from "../../app/models/site/settings.server";
import { auditEvents, webhookDeliveries, webhooks } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createEstablishedMember, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { startWebhookReceiver, type WebhookReceiver } from "../models/notify/webhook-receiver";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
let admin: User;
let moderator: User;
let member: User;
let receiver: WebhookReceiver;

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", "https://community.example.com");
  admin = await createUser(db, { username: "admin_alex", role: "admin" });
  moderator = await createEstablishedMember(db, { username: "mod_morgan", role: "moderator" });
  member = await createEstablishedMember(db, { username: "member_mo" });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver.close();
  vi.unstubAllEnvs();
});

const listPage = { id: "routes/admin.webhooks", path: "admin/webhooks", loader: listLoader, action: listAction, Component: AdminWebhooks };
const webhookPage = { id: "routes/admin.webhooks_.$id", path: "admin/webhooks/:id", loader: webhookLoader, action: webhookAction, Component: AdminWebhook };

/** A form as a browser sends it, events checked one by one. */
function webhookForm(path: string, fields: Record<string, string>, events: string[] = []) {
  const body = new URLSearchParams(fields);
  for (const event of events) body.append("events", event);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" } });
}

const postList = (request: Request, userId: number | null) => settle(() => listAction({ request, params: {}, context: contextFor(db, userId) }));
const postWebhook = (id: number, request: Request, userId: number | null) => settle(() => webhookAction({ request, params: { id: String(id) }, context: contextFor(db, userId) }));

function addByAdmin(url: string, events = ["thread.created"]) {
  return postList(webhookForm("/admin/webhooks", { intent: "add", url, description: "Help desk" }, events), admin.id);
}

describe("admins only", () => {
  test("moderators and members are refused every page and every form, and nothing changes; visitors are sent to sign in", async () => {
    const added = await addByAdmin("https://helpdesk.example.com/hooks/entraide");
    const id = Number(added.headers.get("Location")!.match(/\/admin\/webhooks\/(\d+)/)![1]);
    const before = snapshot(db);
    for (const userId of [moderator.id, member.id]) {
      expect((await settle(() => listLoader({ request: getRequest("/admin/webhooks"), params: {}, context: contextFor(db, userId) }))).status).toBe(403);
      expect((await settle(() => webhookLoader({ request: getRequest(`/admin/webhooks/${id}`), params: { id: String(id) }, context: contextFor(db, userId) }))).status).toBe(403);
      expect((await postList(webhookForm("/admin/webhooks", { intent: "add", url: "https://evil.example/hook" }, ["thread.created"]), userId)).status).toBe(403);
      expect((await postList(formRequest("/admin/webhooks", { intent: "private", allowPrivateAddresses: "on" }), userId)).status).toBe(403);
      for (const intent of ["edit", "delete", "disable", "ping"]) {
        const response = await postWebhook(id, webhookForm(`/admin/webhooks/${id}`, { intent, url: "https://evil.example/hook", confirm: "on" }, ["user.joined"]), userId);
        expect(response.status, intent).toBe(403);
      }
    }
    const visitor = await postList(webhookForm("/admin/webhooks", { intent: "add", url: "https://evil.example/hook" }, ["thread.created"]), null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect(snapshot(db)).toBe(before);
    expect(getAllowPrivateWebhookAddresses(db)).toBe(false);
  });
});

describe("adding a webhook", () => {
  test("bad input: a message beside each field, what was typed kept, nothing written", async () => {
    const before = snapshot(db);
    const cases: [Record<string, string>, string[], Record<string, string>][] = [
      [{ url: "", description: "" }, [], { url: "Enter the address to send the events to.", events: "Choose at least one event to send." }],
      [{ url: "ftp://files.example.com/drop", description: "Files" }, ["thread.created"], { url: "The address must start with http:// or https://." }],
      [{ url: "not an address", description: "x" }, ["thread.created"], { url: "Enter a full address, such as https://helpdesk.example.com/hooks/entraide." }],
      [{ url: "https://user:pw@helpdesk.example.com/hook", description: "" }, ["thread.created"], { url: expect.stringMatching(/user name and password/) as unknown as string }],
      [{ url: "https://helpdesk.example.com/hook", description: "d".repeat(201) }, ["thread.created"], { description: "A description has at most 200 characters." }],
      [{ url: "https://helpdesk.example.com/hook", description: "" }, ["thread.created", "everything.happened"], { events: "Choose events from the list." }],
      [{ url: "http://127.0.0.1:9000/hook", description: "Local" }, ["answer.posted"], { url: expect.stringMatching(/private network/) as unknown as string }],
    ];
    for (const [fields, events, errors] of cases) {
      const response = await postList(webhookForm("/admin/webhooks", { intent: "add", ...fields }, events), admin.id);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const body = await bodyOf(response);
      expect(body.errors).toEqual(errors);
      expect(body.values).toEqual({ ...fields, events });
    }
    expect(snapshot(db)).toBe(before);

    // The page shows the messages beside the fields and keeps what was typed, events checked.
    const request = webhookForm("/admin/webhooks", { intent: "add", url: "ftp://files.example.com/drop", description: "Our files" }, ["flag.raised"]);
    const { html } = await renderIn("en", contextFor(db, admin.id), "/admin/webhooks", [listPage], request);
    expect(html).toContain('id="url-error"');
    expect(html).toContain("The address must start with http:// or https://.");
    expect(html).toContain('value="ftp://files.example.com/drop"');
    expect(html).toContain('value="Our files"');
    expect(html).toMatch(/<input type="checkbox" name="events" checked="" value="flag.raised"/);
    expect(html).not.toMatch(/<input type="checkbox" name="events" checked="" value="thread.created"/);
  });

  test("a valid webhook is added, audit-logged, and its page shows its secret", async () => {
    const response = await addByAdmin("https://crm.example.com/hooks", ["answer.accepted", "thread.created"]);
    expect(response.status).toBe(302);
    const id = Number(response.headers.get("Location")!.match(/\/admin\/webhooks\/(\d+)\?added=1$/)![1]);
    const row = db.select().from(webhooks).where(eq(webhooks.id, id)).get()!;
    expect(row).toMatchObject({ url: "https://crm.example.com/hooks", description: "Help desk", source: "admin", createdById: admin.id, disabledAt: null });
    expect(JSON.parse(row.events)).toEqual(["thread.created", "answer.accepted"]);
    expect(row.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "webhook.create")).all().at(-1)).toMatchObject({ actorId: admin.id, targetId: id });

    const text = textOf((await renderIn("en", contextFor(db, admin.id), `/admin/webhooks/${id}?added=1`, [webhookPage])).html);
    expect(text).toContain("Webhook added.");
    expect(text).toContain(row.secret);
    expect(text).toContain("A question is asked, An answer is accepted");
    expect(text).toContain("Nothing delivered yet.");
    const list = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/webhooks", [listPage])).html);
    expect(list).toContain("https://crm.example.com/hooks");
  });
});

describe("a webhook's page", () => {
  let id = 0;
  beforeAll(async () => {
    updateAllowPrivateWebhookAddresses(db, admin, true);
    const response = await addByAdmin(receiver.url, ["thread.created"]);
    id = Number(response.headers.get("Location")!.match(/\/admin\/webhooks\/(\d+)/)![1]);
  });
  afterAll(() => updateAllowPrivateWebhookAddresses(db, admin, false));

  test("send a test ping: it arrives, and the log shows it delivered with its code, attempts and a Redeliver button", async () => {
    const response = await postWebhook(id, formRequest(`/admin/webhooks/${id}`, { intent: "ping" }), admin.id);
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).message).toBe("The test ping was delivered.");
    expect(receiver.received.at(-1)!.json.event).toBe("ping");
    const text = textOf((await renderIn("en", contextFor(db, admin.id), `/admin/webhooks/${id}`, [webhookPage])).html);
    expect(text).toContain("1 delivery, the newest first.");
    expect(text).toMatch(/ping\s*Delivered\s*204/);
    expect(text).toContain("Redeliver");

    const delivery = db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).get()!;
    const again = await postWebhook(id, formRequest(`/admin/webhooks/${id}`, { intent: "redeliver", deliveryId: String(delivery.id) }), admin.id);
    expect((await bodyOf(again)).message).toBe("Delivered again.");
    expect(receiver.received.at(-1)!.headers["x-entraide-delivery"]).toBe(delivery.eventId);
    // A delivery of another webhook is not found here.
    expect((await postWebhook(id + 999, formRequest(`/admin/webhooks/${id + 999}`, { intent: "redeliver", deliveryId: String(delivery.id) }), admin.id)).status).toBe(404);
  });

  test("editing: messages beside the fields with what was typed kept; then saved", async () => {
    const before = snapshot(db);
    const bad = await postWebhook(id, webhookForm(`/admin/webhooks/${id}`, { intent: "edit", url: "gopher://old.example", description: "Changed" }, []), admin.id);
    expect(bad.status).toBe(400);
    const body = await bodyOf(bad);
    expect(body.errors).toEqual({ url: "The address must start with http:// or https://.", events: "Choose at least one event to send." });
    expect(body.values).toEqual({ url: "gopher://old.example", description: "Changed", events: [] });
    expect(snapshot(db)).toBe(before);

    const ok = await postWebhook(id, webhookForm(`/admin/webhooks/${id}`, { intent: "edit", url: receiver.url, description: "Receiver" }, ["thread.created", "ping"]), admin.id);
    expect(ok.status).toBe(400);
    const saved = await postWebhook(id, webhookForm(`/admin/webhooks/${id}`, { intent: "edit", url: receiver.url, description: "Receiver" }, ["thread.created", "user.joined"]), admin.id);
    expect((await bodyOf(saved)).message).toBe("Your changes are saved.");
    expect(JSON.parse(db.select().from(webhooks).where(eq(webhooks.id, id)).get()!.events)).toEqual(["thread.created", "user.joined"]);
  });

  test("pausing and enabling again", async () => {
    const paused = await postWebhook(id, formRequest(`/admin/webhooks/${id}`, { intent: "disable" }), admin.id);
    expect((await bodyOf(paused)).message).toMatch(/is paused/);
    expect(db.select().from(webhooks).where(eq(webhooks.id, id)).get()!.disabledReason).toBe("webhooks.disabledReason.byAdmin");
    const text = textOf((await renderIn("en", contextFor(db, admin.id), `/admin/webhooks/${id}`, [webhookPage])).html);
    expect(text).toContain("Paused by an admin.");
    const enabled = await postList(formRequest("/admin/webhooks", { intent: "enable", id: String(id) }), admin.id);
    expect((await bodyOf(enabled)).message).toMatch(/is on again/);
    expect(db.select().from(webhooks).where(eq(webhooks.id, id)).get()!.disabledAt).toBeNull();
  });

  test("deleting needs the box ticked (the message beside it); then the webhook and its log are gone", async () => {
    const before = snapshot(db);
    const unconfirmed = await postWebhook(id, formRequest(`/admin/webhooks/${id}`, { intent: "delete" }), admin.id);
    expect(unconfirmed.status).toBe(400);
    expect((await bodyOf(unconfirmed)).errors).toEqual({ confirm: "Tick the box to confirm that you want to delete this webhook." });
    expect(snapshot(db)).toBe(before);
    const deleted = await postWebhook(id, formRequest(`/admin/webhooks/${id}`, { intent: "delete", confirm: "on" }), admin.id);
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Location")).toBe("/admin/webhooks");
    expect(db.select().from(webhooks).where(eq(webhooks.id, id)).get()).toBeUndefined();
    expect(db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).all()).toEqual([]);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "webhook.delete")).all().at(-1)).toMatchObject({ actorId: admin.id, targetId: id });
    expect((await settle(() => webhookLoader({ request: getRequest(`/admin/webhooks/${id}`), params: { id: String(id) }, context: contextFor(db, admin.id) }))).status).toBe(404);
  });
});

describe("the rule on private addresses, the environment's webhook, French", () => {
  test("admins allow private addresses, and take it back", async () => {
    await postList(formRequest("/admin/webhooks", { intent: "private", allowPrivateAddresses: "on" }), admin.id);
    expect(getAllowPrivateWebhookAddresses(db)).toBe(true);
    const response = await addByAdmin("http://10.0.0.7/hooks");
    expect(response.status).toBe(302);
    const saved = await postList(formRequest("/admin/webhooks", { intent: "private" }), admin.id);
    expect((await bodyOf(saved)).message).toBe("The rule on private addresses is saved.");
    expect(getAllowPrivateWebhookAddresses(db)).toBe(false);
  });

  test("SUPPORT_WEBHOOK_URL's webhook is listed; its address and events cannot be edited, nor can it be deleted", async () => {
    const env = ensureEnvWebhook(db, { SUPPORT_WEBHOOK_URL: "https://support.example.com/hook", SUPPORT_WEBHOOK_SECRET: "s".repeat(32) })!;
    const before = snapshot(db);
    const edit = await postWebhook(env.id, webhookForm(`/admin/webhooks/${env.id}`, { intent: "edit", url: "https://elsewhere.example/hook" }, ["thread.created"]), admin.id);
    expect(edit.status).toBe(400);
    expect((await bodyOf(edit)).errors.form).toMatch(/SUPPORT_WEBHOOK_URL/);
    const del = await postWebhook(env.id, formRequest(`/admin/webhooks/${env.id}`, { intent: "delete", confirm: "on" }), admin.id);
    expect(del.status).toBe(400);
    expect(snapshot(db)).toBe(before);
    const text = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/webhooks", [listPage])).html);
    expect(text).toContain("https://support.example.com/hook");
    expect(text).toContain("from the server's settings");
  });

  test("a webhook disabled because it kept failing: a notice on the list, the reason on its page", async () => {
    const response = await addByAdmin("https://flaky.example.com/hook");
    const id = Number(response.headers.get("Location")!.match(/\/admin\/webhooks\/(\d+)/)![1]);
    db.update(webhooks).set({ disabledAt: new Date(), disabledReason: "webhooks.disabledReason.failing", consecutiveFailures: 10 }).where(eq(webhooks.id, id)).run();
    const list = textOf((await renderIn("en", contextFor(db, admin.id), "/admin/webhooks", [listPage])).html);
    expect(list).toContain("The webhook to https://flaky.example.com/hook was disabled because its deliveries kept failing.");
    const page = textOf((await renderIn("en", contextFor(db, admin.id), `/admin/webhooks/${id}`, [webhookPage])).html);
    expect(page).toContain("Its last 10 delivery attempts failed.");
    expect(page).toContain("Enable");
  });

  test("the pages in French", async () => {
    const list = textOf((await renderIn("fr", contextFor(db, admin.id), "/admin/webhooks", [listPage])).html);
    expect(list).toContain("Ajouter un webhook");
    expect(list).toContain("Autoriser les envois vers des adresses privées");
    expect(list).toContain("Une question est posée");
    for (const english of ["Add a webhook", "Events to send", "Private addresses"]) expect(list).not.toContain(english);
    const bad = await postList(webhookForm("/admin/webhooks", { intent: "add", url: "" }, []), admin.id);
    expect(bad.status).toBe(400);
    const request = webhookForm("/admin/webhooks", { intent: "add", url: "ftp://x.example" }, []);
    const { html } = await renderIn("fr", contextFor(db, admin.id), "/admin/webhooks", [listPage], request);
    expect(textOf(html)).toContain("L'adresse doit commencer par http:// ou https://.");
  });
});
