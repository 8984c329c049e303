// The admins' pages in an admin's words (#14.7): the outbox says why emails
// wait and what each message is (no "SMTP_URL is not set", no raw JSON
// headers, no "Held" under "Last error"); suspended members stand out in the
// users list and on their moderation page; the recent role changes never
// read "from undefined to undefined". In English and in French.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { suspendUser } from "../../app/models/moderation/moderation.server";
import { changeRole } from "../../app/models/accounts/user.server";
import { deliverDueMessages, queueOutboxMessages } from "../../app/models/notify/outbox.server";
import AdminUsers, { loader as usersLoader } from "../../app/routes/admin._index";
import AdminOutbox, { loader as outboxLoader } from "../../app/routes/admin.outbox";
import SuspendMember, { loader as memberLoader } from "../../app/routes/mod.users.$username";
import { outboxMessages } from "../../db/schema";
import { asCurrentUser, contextFor, createTestDb, settle, getRequest } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
createTestCategory(db, { slug: "billing", name: "Billing" });
const alex = await createUser(db, { username: "admin_alex", displayName: "Alex", role: "admin" });
const morgan = await createUser(db, { username: "morgan", displayName: "Morgan", role: "moderator" });
const ollie = await createEstablishedMember(db, { username: "dev_ollie", displayName: "Ollie" });
const sam = await createEstablishedMember(db, { username: "sam", displayName: "Sam" });
const member = await createEstablishedMember(db, { username: "member_mo" });

beforeAll(() => {
  // No mail server and no support webhook: everything is kept in the outbox.
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("SUPPORT_WEBHOOK_URL", "");
  vi.stubEnv("PUBLIC_URL", "https://community.example.com");
});
afterAll(() => vi.unstubAllEnvs());

const outbox = { id: "routes/admin.outbox", path: "admin/outbox", loader: outboxLoader, Component: AdminOutbox };
const users = { id: "routes/admin._index", path: "admin", loader: usersLoader, Component: AdminUsers };
const memberPage = { id: "routes/mod.users.$username", path: "mod/users/:username", loader: memberLoader, Component: SuspendMember };

describe("the outbox, in an admin's words", () => {
  let emailId = 0;
  let escalationId = 0;

  beforeAll(async () => {
    queueOutboxMessages(db, [
      {
        kind: "email",
        userId: sam.id,
        toAddress: "sam@example.test",
        subject: "New answer to “My router reboots”",
        body: "Ollie answered your question.",
        payload: {
          fromName: "Nimbus Community",
          headers: { "List-Unsubscribe": "<https://community.example.com/unsubscribe?t=abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        },
      },
    ]);
    const thread = createTestThread(db, sam, { title: "Charged twice in May" });
    createTestAnswer(db, ollie, thread.id, "Same here.");
    // Escalations now leave as webhook deliveries; an outbox written before
    // that still holds escalation messages, and the page still reads them.
    queueOutboxMessages(db, [
      {
        kind: "escalation",
        subject: "Escalated: Charged twice in May",
        payload: {
          event: "escalation.opened",
          threadId: thread.id,
          title: "Charged twice in May",
          url: `https://community.example.com/t/${thread.id}/${thread.slug}`,
          note: "Two customers charged twice: please refund.",
          escalatedBy: { username: "morgan", displayName: "Morgan" },
        },
      },
    ]);
    // The worker runs with no transport: both are kept here.
    await deliverDueMessages(db, {});
    const rows = db.select().from(outboxMessages).all();
    emailId = rows.find((m) => m.kind === "email")!.id;
    escalationId = rows.find((m) => m.kind === "escalation")!.id;
    expect(rows.map((m) => m.status)).toEqual(["held", "held"]);
  });

  test("the list says why messages wait and where each stands, without developers' words", async () => {
    const text = textOf((await renderIn("en", contextFor(db, alex.id), "/admin/outbox", [outbox])).html);
    expect(text).toContain("Emails are kept here because no mail server is configured: set SMTP_URL (see the README) to send them.");
    expect(text).toContain("Escalations are kept here because no support webhook is configured");
    expect(text).not.toContain("is not set");
    expect(text).not.toContain("Last error");
    expect(text).not.toContain("Held:");
    expect(text).toContain("Kept here No mail server is configured");
    expect(text).toContain("Kept here No support webhook is configured");
  });

  test("an email reads as an email: from, to, subject and its unsubscribe link, never its JSON", async () => {
    const html = (await renderIn("en", contextFor(db, alex.id), `/admin/outbox?id=${emailId}`, [outbox])).html;
    const text = textOf(html);
    expect(text).toContain("From Nimbus Community");
    expect(text).toMatch(/To sam@example\.test \( ?@sam ?\)/);
    expect(text).toContain("Subject New answer to “My router reboots”");
    expect(text).toContain("Unsubscribe link https://community.example.com/unsubscribe?t=abc");
    expect(text).toContain("One-click unsubscribe Yes");
    expect(text).toContain("Ollie answered your question.");
    expect(html).not.toContain("&quot;headers&quot;");
    expect(html).not.toContain("List-Unsubscribe");
    expect(text).not.toContain("SMTP_URL is not set");
  });

  test("an escalation says what the support team receives, its JSON folded away for integrators", async () => {
    const html = (await renderIn("en", contextFor(db, alex.id), `/admin/outbox?id=${escalationId}`, [outbox])).html;
    const text = textOf(html);
    expect(text).toContain("Thread Charged twice in May");
    expect(text).toContain("Escalated by Morgan (@morgan)");
    expect(text).toContain("Note for the support team Two customers charged twice: please refund.");
    expect(html).toMatch(/<details class="outbox-technical"><summary>The webhook&#x27;s body, for integrations \(JSON\)<\/summary><pre/);
  });

  test("in French", async () => {
    const list = textOf((await renderIn("fr", contextFor(db, alex.id), "/admin/outbox", [outbox])).html);
    expect(list).toContain("Les e-mails sont conservés ici, car aucun serveur de messagerie n'est configuré");
    expect(list).toContain("Conservé ici");
    const email = textOf((await renderIn("fr", contextFor(db, alex.id), `/admin/outbox?id=${emailId}`, [outbox])).html);
    expect(email).toContain("Lien de désinscription https://community.example.com/unsubscribe?t=abc");
    expect(email).toContain("Désinscription en un clic Oui");
    for (const english of ["Kept here", "Unsubscribe link", "Status", "Subject"]) expect(email).not.toContain(english);
  });

  test("is refused to moderators and members", async () => {
    for (const userId of [morgan.id, member.id]) {
      expect((await settle(() => outboxLoader({ request: getRequest("/admin/outbox"), params: {}, context: contextFor(db, userId) }))).status).toBe(403);
    }
  });
});

describe("suspended members stand out", () => {
  beforeAll(() => {
    const until = new Date(Date.UTC(2031, 0, 15, 12, 0));
    expect(suspendUser(db, asCurrentUser(db, morgan.id), ollie.id, { until, reason: "Spam links" })).toEqual({ ok: true });
    changeRole(db, asCurrentUser(db, alex.id), { userId: sam.id, role: "moderator", reason: "Answers every billing question" });
  });

  test("in the admins' users list: a “Suspended until …” badge on that member only", async () => {
    const html = (await renderIn("en", contextFor(db, alex.id), "/admin", [users])).html;
    const badges = [...html.matchAll(/<a[^>]*href="\/mod\/users\/([^"]+)"[^>]*>([^<]+)<\/a>/g)].filter((m) => m[0].includes("badge-suspended")).map((m) => [m[1], m[2]]);
    expect(badges).toEqual([["dev_ollie", "Suspended until January 15, 2031 at 12:00 PM UTC"]]);
    const french = (await renderIn("fr", contextFor(db, alex.id), "/admin", [users])).html;
    expect(textOf(french)).toContain("@dev_ollie Suspendu jusqu'au 15 janvier 2031 à 12:00 UTC");
  });

  test("on the member's moderation page", async () => {
    const text = textOf((await renderIn("en", contextFor(db, morgan.id), "/mod/users/dev_ollie", [memberPage])).html);
    expect(text).toContain("Suspended until January 15, 2031 at 12:00 PM UTC");
    const other = textOf((await renderIn("en", contextFor(db, morgan.id), "/mod/users/member_mo", [memberPage])).html);
    expect(other).not.toContain("Suspended until");
    expect(other).toContain("Not suspended.");
  });

  test("the recent role changes show role changes only: a suspension never reads “from undefined to undefined”", async () => {
    const text = textOf((await renderIn("en", contextFor(db, alex.id), "/admin", [users])).html);
    expect(text).toContain("@admin_alex changed @sam from member to moderator — “Answers every billing question”");
    expect(text).not.toContain("undefined");
    expect(text).not.toMatch(/changed @dev_ollie/);
    const french = textOf((await renderIn("fr", contextFor(db, alex.id), "/admin", [users])).html);
    expect(french).toContain("@admin_alex a fait passer @sam de membre à modérateur");
    expect(french).not.toContain("undefined");
  });
});
