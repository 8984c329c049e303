// Webhook events at their causes: each listed event is written once, by the
// model verb that causes it, in that verb's transaction (a refused or
// rolled-back action writes none), nothing is written when nobody
// subscribes, and the envelope carries the object as the API shows it to a
// visitor (to staff for the staff-only events): hidden or held content never
// reaches a visitor's event — a held answer is announced when it is approved.
import { eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { postForApi, threadForApi, userForApi } from "../../../app/api/present.server";
import { updateAccountRules } from "../../../app/models/accounts/account-rules.server";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { createArticle, setArticleStatus } from "../../../app/models/kb/kb.server";
import { closeEscalation, escalateThread } from "../../../app/models/moderation/escalation.server";
import { flagPost } from "../../../app/models/moderation/flag.server";
import { editIncident, openIncident, postIncidentUpdate, resolveIncident } from "../../../app/models/moderation/incident.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { approveHeldPost } from "../../../app/models/moderation/review.server";
import { deliverDueWebhooks, DELIVERY_ERRORS } from "../../../app/models/notify/webhook-delivery.server";
import { envelopeViewer } from "../../../app/models/notify/webhook-envelope.server";
import { emitWebhookEvent } from "../../../app/models/notify/webhook-events.server";
import { createWebhook, setWebhookEnabled } from "../../../app/models/notify/webhooks.server";
import { updateAllowPrivateWebhookAddresses } from "../../../app/models/site/settings.server";
import { WEBHOOK_EVENTS } from "../../../db/enums";
import { posts, webhookDeliveries } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser, giveReputation } from "../../support/factories";
import { expectRefused, snapshot } from "../../support/model-helpers";
import { expectEnvelopeConforms, startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

const db = createTestDb();
const ORIGIN = "https://community.example.com";
type User = Awaited<ReturnType<typeof createUser>>;

let admin: User;
let mod: User;
let asker: User;
let helper: User;
let receiver: WebhookReceiver;
let webhookId = 0;

let clock = Date.now() - 24 * 60 * 60_000;
const tick = () => new Date((clock += 5 * 60_000));

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
  vi.stubEnv("SUPPORT_WEBHOOK_URL", "");
  createTestCategory(db, { slug: "billing", name: "Billing" });
  admin = await createUser(db, { username: "admin_alex", role: "admin" });
  mod = await createEstablishedMember(db, { username: "mod_morgan", role: "moderator" });
  asker = await createEstablishedMember(db, { username: "asker_ash" });
  helper = await createEstablishedMember(db, { username: "helper_hana" });
  receiver = await startWebhookReceiver();
  updateAllowPrivateWebhookAddresses(db, admin, true);
});

afterAll(async () => {
  await receiver.close();
  vi.unstubAllEnvs();
});

let seen = 0;
/** The events written since the last call. */
function newEvents() {
  const rows = db.select().from(webhookDeliveries).where(gt(webhookDeliveries.id, seen)).orderBy(webhookDeliveries.id).all();
  if (rows.length) seen = rows.at(-1)!.id;
  return rows.map((row) => row.event);
}

/** Delivers what is due and returns the envelopes the receiver got, by event. */
async function deliverAll() {
  const before = receiver.received.length;
  await deliverDueWebhooks(db, new Date(Date.now() + 60_000));
  return receiver.received.slice(before).map((r) => r.json);
}

describe("nobody subscribes", () => {
  test("the verbs write no delivery", () => {
    createTestThread(db, asker, { title: "Nobody listens yet", at: tick() });
    expect(newEvents()).toEqual([]);
  });
});

describe("each event, once, at its cause", () => {
  beforeAll(() => {
    const result = createWebhook(db, admin, { url: receiver.url, description: "Everything", events: [...WEBHOOK_EVENTS] });
    if (!result.ok) throw new Error("not created");
    webhookId = result.webhook.id;
  });

  test("questions, answers, comments, acceptance; the visitor's view of each", async () => {
    const thread = createTestThread(db, asker, { title: "My invoice shows a device I never bought", body: "Line 4 of the May invoice.", at: tick() });
    expect(newEvents()).toEqual(["thread.created"]);
    const answer = createTestAnswer(db, helper, thread.id, "Ask billing for a credit note.", tick());
    expect(newEvents()).toEqual(["answer.posted"]);
    createTestComment(db, asker, answer.id, "Thanks, I will.", tick());
    expect(newEvents()).toEqual([]);
    acceptAnswer(db, asker, answer.id, tick());
    expect(newEvents()).toEqual(["answer.accepted"]);
    // Accepting it again changes nothing and says nothing.
    acceptAnswer(db, asker, answer.id, tick());
    expect(newEvents()).toEqual([]);

    const envelopes = await deliverAll();
    expect(envelopes.map((e) => e.event)).toEqual(["thread.created", "answer.posted", "answer.accepted"]);
    const visitor = envelopeViewer(db, false);
    expect(envelopes[0]!.data).toEqual(threadForApi(db, visitor, thread.id));
    expect(envelopes[1]!.data).toEqual(postForApi(db, visitor, answer.id));
    expect(envelopes[1]!.data).toMatchObject({ id: answer.id, kind: "answer", body: "Ask billing for a credit note.", author: { username: "helper_hana" } });
    expect(envelopes[2]!.data).toMatchObject({ id: answer.id, accepted: true });
  });

  test("a member reaching a rank; a member joining", async () => {
    const newcomer = await createUser(db, { username: "newcomer_nia", createdAt: new Date(Date.now() - 3 * 24 * 60 * 60_000) });
    expect(newEvents()).toEqual(["user.joined"]);
    giveReputation(db, newcomer, 45);
    const thread = createTestThread(db, asker, { title: "Which plan includes roaming?", at: tick() });
    const answer = createTestAnswer(db, newcomer, thread.id, "The Travel plan does.", tick());
    newEvents();
    acceptAnswer(db, asker, answer.id, tick());
    expect(newEvents()).toEqual(["answer.accepted", "rank.reached"]);
    const envelopes = await deliverAll();
    const joined = envelopes.find((e) => e.event === "user.joined")!;
    expect(joined.data).toMatchObject({ id: newcomer.id, username: "newcomer_nia" });
    const rank = envelopes.find((e) => e.event === "rank.reached")!;
    expect(rank.data).toEqual({ rank: "Member", user: userForApi(db, envelopeViewer(db, false), newcomer.id) });
  });

  test("a held answer is announced when it is approved, never before", async () => {
    updateAccountRules(db, admin, { holdForReview: "new" });
    try {
      const fresh = await createUser(db, { username: "fresh_fred" });
      newEvents();
      const thread = createTestThread(db, asker, { title: "Modem lights blink orange", at: tick() });
      expect(newEvents()).toEqual(["thread.created"]);
      const held = createTestAnswer(db, fresh, thread.id, "Buy my miracle cable at example.biz.", tick());
      expect(db.select().from(posts).where(eq(posts.id, held.id)).get()!.heldAt).not.toBeNull();
      expect(newEvents()).toEqual([]);
      let envelopes = await deliverAll();
      expect(JSON.stringify(envelopes)).not.toContain("miracle cable");

      expect(approveHeldPost(db, mod, held.id, tick()).ok).toBe(true);
      expect(newEvents()).toEqual(["answer.posted"]);
      envelopes = await deliverAll();
      expect(envelopes.map((e) => e.event)).toEqual(["answer.posted"]);
      expect(envelopes[0]!.data).toMatchObject({ id: held.id, held: false, hidden: false });
    } finally {
      updateAccountRules(db, admin, { holdForReview: "off" });
    }
  });

  test("hidden, deleted, flagged: staff events carry the staff's view", async () => {
    const thread = createTestThread(db, asker, { title: "Router firmware 2.1 bricked my box", at: tick() });
    const spam = createTestAnswer(db, helper, thread.id, "Visit cheap-routers.example for a new one.", tick());
    const mine = createTestAnswer(db, helper, thread.id, "Actually, ignore my answer.", tick());
    newEvents();
    await deliverAll();

    expect(flagPost(db, asker, { postId: spam.id, reason: "spam", note: "An advert." })).toEqual({ ok: true });
    expect(newEvents()).toEqual(["flag.raised"]);
    expect(hidePost(db, mod, spam.id, "Advertising", tick()).ok).toBe(true);
    expect(newEvents()).toEqual(["post.hidden"]);
    deletePost(db, helper, mine.id, tick());
    expect(newEvents()).toEqual(["post.deleted"]);

    const envelopes = await deliverAll();
    expect(envelopes.map((e) => e.event)).toEqual(["flag.raised", "post.hidden", "post.deleted"]);
    expect(envelopes[0]!.data).toMatchObject({ postId: spam.id, reason: "spam", note: "An advert.", reporter: { username: "asker_ash" } });
    expect(envelopes[1]!.data).toMatchObject({ id: spam.id, hidden: true, hiddenReason: "Advertising" });
    expect(envelopes[2]!.data).toMatchObject({ id: mine.id, deleted: true });
  });

  test("escalations (staff), incidents and articles (visitors)", async () => {
    const thread = createTestThread(db, asker, { title: "Charged twice in June", at: tick() });
    newEvents();
    const escalated = escalateThread(db, mod, thread.id, "Refund both charges.", tick());
    if (!escalated.ok) throw new Error("not escalated");
    expect(newEvents()).toEqual(["escalation.opened"]);
    // Refused with a message: nothing written.
    expect(escalateThread(db, mod, thread.id, "Again.", tick()).ok).toBe(false);
    expect(newEvents()).toEqual([]);
    expect(closeEscalation(db, mod, escalated.escalation.id, "Refunded.", tick()).ok).toBe(true);
    expect(newEvents()).toEqual(["escalation.closed"]);

    const incident = openIncident(db, mod, { title: "Mobile data outage", severity: "outage", category: "all", body: "No data in the north." }, tick());
    if (!incident.ok) throw new Error("not opened");
    expect(newEvents()).toEqual(["incident.opened"]);
    postIncidentUpdate(db, mod, { incidentId: incident.incident.id, body: "Engineers are on site." }, tick());
    expect(newEvents()).toEqual(["incident.updated"]);
    editIncident(db, mod, incident.incident.id, { title: "Mobile data outage (north)", severity: "outage", category: "all", body: "No data in the north." }, tick());
    expect(newEvents()).toEqual(["incident.updated"]);
    resolveIncident(db, mod, { incidentId: incident.incident.id, note: "Fixed." }, tick());
    expect(newEvents()).toEqual(["incident.resolved"]);

    const draft = createArticle(db, mod, { title: "Reading your invoice", body: "Each line is a service.", category: "billing", tags: [], note: "", publish: false }, tick());
    if (!draft.ok) throw new Error("no article");
    expect(newEvents()).toEqual([]);
    setArticleStatus(db, mod, draft.article.id, "published", tick());
    expect(newEvents()).toEqual(["article.published"]);
    const published = createArticle(db, mod, { title: "Roaming in Europe", body: "Included in every plan.", category: "billing", tags: [], note: "", publish: true }, tick());
    if (!published.ok) throw new Error("no article");
    expect(newEvents()).toEqual(["article.published"]);

    const envelopes = await deliverAll();
    const byEvent = (event: string) => envelopes.filter((e) => e.event === event);
    expect(byEvent("escalation.opened")[0]!.data).toMatchObject({ threadId: thread.id, note: "Refund both charges." });
    expect(byEvent("escalation.closed")[0]!.data).toMatchObject({ status: "closed", resolution: "Refunded." });
    expect(byEvent("incident.opened")[0]!.data).toMatchObject({ id: incident.incident.id });
    expect(byEvent("incident.resolved")[0]!.data.resolvedAt).not.toBeNull();
    expect(byEvent("article.published").map((e) => e.data.title)).toEqual(["Reading your invoice", "Roaming in Europe"]);
  });

  test("every event of the list has been emitted by its cause, and each envelope matches the OpenAPI document", () => {
    const kinds = new Set<string>();
    for (const { json } of receiver.received) {
      expectEnvelopeConforms(json);
      kinds.add(json.event);
    }
    expect(kinds.size).toBe(WEBHOOK_EVENTS.length);
    const written = new Set(db.select({ event: webhookDeliveries.event }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).all().map((r) => r.event));
    expect([...WEBHOOK_EVENTS].filter((event) => !written.has(event))).toEqual([]);
  });
});

describe("in the causing transaction", () => {
  test("a refused action writes no event; a rolled-back transaction takes its events with it", () => {
    const thread = createTestThread(db, asker, { title: "Voicemail PIN forgotten", at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "Call 123 from your phone.", tick());
    newEvents();
    expectRefused(db, () => hidePost(db, helper, answer.id, "Not allowed"));
    expectRefused(db, () => acceptAnswer(db, helper, answer.id));
    expectRefused(db, () => escalateThread(db, asker, thread.id, "Please"));
    const before = snapshot(db);
    expect(() =>
      db.transaction((tx) => {
        expect(emitWebhookEvent(tx, "thread.created", thread.id)).toBe(1);
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(snapshot(db)).toBe(before);
    expect(newEvents()).toEqual([]);
  });

  test("(what was written above goes out)", async () => {
    expect((await deliverAll()).map((e) => e.event)).toEqual(["thread.created", "answer.posted"]);
  });

  test("a paused webhook gets no new event", () => {
    setWebhookEnabled(db, admin, webhookId, false);
    createTestThread(db, asker, { title: "Nobody hears this one", at: tick() });
    expect(newEvents()).toEqual([]);
    setWebhookEnabled(db, admin, webhookId, true);
  });
});

describe("what a visitor may not see never leaves in a visitor's event", () => {
  test("a question hidden before its event is sent: the event is dropped, the staff's post.hidden goes", async () => {
    const thread = createTestThread(db, asker, { title: "Secret discount code inside", body: "CODE-XYZZY-42 gives 90% off.", at: tick() });
    const question = db.select().from(posts).where(eq(posts.threadId, thread.id)).get()!;
    hidePost(db, mod, question.id, "Leaked internal code", tick());
    expect(newEvents()).toEqual(["thread.created", "post.hidden"]);
    const envelopes = await deliverAll();
    expect(envelopes.map((e) => e.event)).toEqual(["post.hidden"]);
    const dropped = db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, "thread.created")).all().at(-1)!;
    expect(dropped).toMatchObject({ status: "failed", attempts: 0, lastError: DELIVERY_ERRORS.gone });
    expect(dropped.body).not.toContain("XYZZY");
    for (const envelope of receiver.received.map((r) => r.json).filter((e) => !["post.hidden", "post.deleted", "flag.raised", "escalation.opened", "escalation.closed"].includes(e.event))) {
      expect(JSON.stringify(envelope)).not.toContain("XYZZY");
      if (envelope.data && "hidden" in envelope.data) expect(envelope.data.hidden).toBe(false);
    }
  });
});
