// Email for notifications: preferences, the digest, the outbox and its
// delivery (a fake transport, a tiny SMTP server, a local webhook receiver),
// the worker's jobs, the unsubscribe link, the settings form and /admin/outbox.
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { appSecret } from "../../../app/models/site/app-secret.server";
import { DIGEST_DELAY_MS, sendDailyDigests } from "../../../app/models/notify/notification-email.server";
import { getEmailNotifications, setEmailNotifications, unsubscribeToken } from "../../../app/models/notify/notification-settings.server";
import { hidePost } from "../../../app/models/moderation/moderation.server";
import { notify } from "../../../app/models/notify/notification.server";
import {
  deliverDueMessages,
  MAX_ATTEMPTS,
  queueOutboxMessages,
  readDeliveryConfig,
  smtpTransport,
  transportsFromEnv,
  webhookSignature,
  webhookTransport,
  type OutboxMessage,
  type OutboxTransport,
} from "../../../app/models/notify/outbox.server";
import { action as outboxAction, loader as outboxLoader } from "../../../app/routes/admin.outbox";
import { action as settingsAction, loader as settingsLoader } from "../../../app/routes/settings";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../../app/routes/unsubscribe";
import { createWorker, scheduledJobs } from "../../../app/worker.server";
import type { EmailFrequency } from "../../../db/schema";
import { notifications, outboxMessages, posts, users } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createTestCategory, createTestThread, createUser } from "../../support/factories";
import { actionArgs, bodyOf, loaderArgs } from "../../support/http-helpers";

const db = createTestDb();
const ORIGIN = "https://community.example";
const T0 = new Date("2030-03-01T08:00:00Z");
const HOUR = 60 * 60_000;
const MINUTE = 60_000;

type User = Awaited<ReturnType<typeof createUser>>;
let asker: User;
let thread: { id: number; title: string };

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("SUPPORT_WEBHOOK_URL", "");
  vi.stubEnv("APP_SECRET", "");
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createUser(db, { displayName: "Asker" });
  thread = createTestThread(db, asker, { title: "Why is my bill higher this month?" });
});
afterAll(() => {
  vi.unstubAllEnvs();
});

async function member(frequency: EmailFrequency, overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, overrides);
  db.update(users).set({ emailNotifications: frequency }).where(eq(users.id, user.id)).run();
  return user;
}

/** "Asker answered ..." for `userId`, at `now`. */
function notifyAnswer(userId: number, now: Date) {
  notify(db, userId, { kind: "answer", actorId: asker.id, threadId: thread.id, now });
}

function emailsTo(userId: number) {
  return db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "email")))
    .orderBy(outboxMessages.id)
    .all();
}

function notificationsOf(userId: number) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id).all();
}

function outboxRow(id: number) {
  return db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get()!;
}

/** Queues one message and returns its row. */
function queue(kind: "email" | "escalation", now: Date, extra: Partial<Parameters<typeof queueOutboxMessages>[1][number]> = {}) {
  queueOutboxMessages(db, [{ kind, toAddress: kind === "email" ? "someone@example.test" : "", subject: `A ${kind}`, body: "Hello.", ...extra }], now);
  return db.select().from(outboxMessages).orderBy(outboxMessages.id).all().at(-1)!;
}

/** Sets every other due message aside, so a test only delivers its own. */
function settleOthers(keep: number[]) {
  const others = db.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.status, "pending")).all();
  for (const { id } of others) {
    if (!keep.includes(id)) db.update(outboxMessages).set({ status: "sent" }).where(eq(outboxMessages.id, id)).run();
  }
}

function recordingTransport(fail?: (message: OutboxMessage) => string | null) {
  const sent: OutboxMessage[] = [];
  const transport: OutboxTransport = {
    async send(message) {
      const error = fail?.(message);
      if (error) throw new Error(error);
      sent.push(message);
    },
  };
  return { sent, transport };
}

describe("when notifications are emailed", () => {
  test("immediate: one email per notification, written with the notification, with its link and the unsubscribe link last", async () => {
    const user = await member("immediate", { displayName: "Ivy Immediate" });
    notifyAnswer(user.id, T0);
    const [mail, ...rest] = emailsTo(user.id);
    expect(rest).toHaveLength(0);
    expect(mail!.toAddress).toBe(user.email);
    expect(mail!.status).toBe("pending");
    expect(mail!.subject).toBe(`Asker answered “${thread.title}”`);
    expect(mail!.body).toContain("Hello Ivy Immediate,");
    expect(mail!.body).toContain(`${ORIGIN}/t/${thread.id}/`);
    const lines = mail!.body.trimEnd().split("\n");
    expect(lines.at(-2)).toContain(`${ORIGIN}/settings`);
    expect(lines.at(-1)).toBe(`Stop all emails with one click: ${ORIGIN}/unsubscribe?token=${unsubscribeToken(db, user.id)}`);
    const headers = JSON.parse(mail!.payload).headers;
    expect(headers["List-Unsubscribe"]).toBe(`<${ORIGIN}/unsubscribe?token=${unsubscribeToken(db, user.id)}>`);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(notificationsOf(user.id)[0]!.emailedAt).toEqual(T0);
    // Nothing is left for a digest.
    sendDailyDigests(db, new Date(T0.getTime() + 2 * DIGEST_DELAY_MS));
    expect(emailsTo(user.id)).toHaveLength(1);
  });

  test("daily: nothing is written at once; the notification waits for the digest", async () => {
    const user = await member("daily");
    notifyAnswer(user.id, T0);
    expect(emailsTo(user.id)).toHaveLength(0);
    expect(notificationsOf(user.id)[0]!.emailedAt).toBeNull();
  });

  test("off: never an email, and the notification is settled at once (no backlog when email is turned on)", async () => {
    const user = await member("off");
    notifyAnswer(user.id, T0);
    expect(emailsTo(user.id)).toHaveLength(0);
    expect(notificationsOf(user.id)[0]!.emailedAt).toEqual(T0);
    setEmailNotifications(db, { id: user.id, role: "member", reputation: 1, createdAt: T0 }, "daily");
    sendDailyDigests(db, new Date(T0.getTime() + 3 * DIGEST_DELAY_MS));
    expect(emailsTo(user.id)).toHaveLength(0);
  });

  test("new accounts get the daily digest by default", async () => {
    const user = await createUser(db);
    expect(getEmailNotifications(db, user.id)).toBe("daily");
  });
});

describe("the daily digest", () => {
  test("one digest once the oldest waiting notification is 24 hours old, listing them all, never twice", async () => {
    const user = await member("daily", { displayName: "Dana Daily" });
    const later = await member("daily");
    notifyAnswer(user.id, T0);
    notify(db, user.id, { kind: "rank_up", data: { rank: "Helper" }, now: new Date(T0.getTime() + HOUR) });
    notifyAnswer(later.id, new Date(T0.getTime() + 10 * HOUR));

    sendDailyDigests(db, new Date(T0.getTime() + DIGEST_DELAY_MS - MINUTE));
    expect(emailsTo(user.id)).toHaveLength(0);

    const at = new Date(T0.getTime() + DIGEST_DELAY_MS);
    expect(sendDailyDigests(db, at)).toBeGreaterThanOrEqual(1);
    expect(emailsTo(user.id)).toHaveLength(1);
    const [digest] = emailsTo(user.id);
    expect(digest!.subject).toMatch(/daily summary.*2 notifications/);
    expect(digest!.body).toContain(`- Asker answered “${thread.title}”`);
    expect(digest!.body).toContain("- You reached the rank of Helper");
    expect(digest!.body.trimEnd().split("\n").at(-1)).toContain(`${ORIGIN}/unsubscribe?token=`);
    expect(notificationsOf(user.id).map((n) => n.emailedAt)).toEqual([at, at]);
    // The other user's notification is only 14 hours old.
    expect(emailsTo(later.id)).toHaveLength(0);

    // Run again, at once and an hour later: nothing new for this user.
    sendDailyDigests(db, at);
    sendDailyDigests(db, new Date(at.getTime() + HOUR));
    expect(emailsTo(user.id)).toHaveLength(1);

    // The next notification waits 24 hours of its own.
    const next = new Date(at.getTime() + 2 * HOUR);
    notifyAnswer(user.id, next);
    sendDailyDigests(db, new Date(next.getTime() + DIGEST_DELAY_MS - MINUTE));
    expect(emailsTo(user.id)).toHaveLength(1);
    sendDailyDigests(db, new Date(next.getTime() + DIGEST_DELAY_MS));
    expect(emailsTo(user.id)).toHaveLength(2);
    expect(emailsTo(user.id)[1]!.subject).toMatch(/1 notification$/);
  });

  test("turning email off settles what was waiting: no digest comes later", async () => {
    const user = await member("daily");
    notifyAnswer(user.id, T0);
    setEmailNotifications(db, { id: user.id, role: "member", reputation: 1, createdAt: T0 }, "off");
    setEmailNotifications(db, { id: user.id, role: "member", reputation: 1, createdAt: T0 }, "daily");
    sendDailyDigests(db, new Date(T0.getTime() + 2 * DIGEST_DELAY_MS));
    expect(emailsTo(user.id)).toHaveLength(0);
  });
});

describe("a thread whose question a moderator hid", () => {
  test("its title goes by email to its asker and staff only: not in a digest, not in an immediate email", async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * HOUR);
    const secretAsker = await member("immediate", { createdAt: twoDaysAgo });
    const moderator = await member("immediate", { role: "moderator" });
    const secret = createTestThread(db, secretAsker, { title: "My card number 4970-secret was charged twice" });
    const daily = await member("daily");
    const immediate = await member("immediate");
    // Told before the question was hidden; the digest is written after.
    notify(db, daily.id, { kind: "answer", actorId: immediate.id, threadId: secret.id, now: T0 });
    const question = db.select().from(posts).where(and(eq(posts.threadId, secret.id), eq(posts.kind, "question"))).get()!;
    expect(hidePost(db, moderator, question.id, "Card number in the title").ok).toBe(true);

    sendDailyDigests(db, new Date(T0.getTime() + DIGEST_DELAY_MS));
    expect(JSON.stringify(emailsTo(daily.id))).not.toContain("4970-secret");
    // Looked at, so never sent later either.
    expect(notificationsOf(daily.id).every((n) => n.emailedAt !== null)).toBe(true);

    // Told since (an acceptance, say): only its asker and staff get the email.
    for (const user of [immediate, secretAsker, moderator]) {
      notify(db, user.id, { kind: "accepted", actorId: daily.id, threadId: secret.id, now: T0 });
    }
    expect(JSON.stringify(emailsTo(immediate.id))).not.toContain("4970-secret");
    expect(emailsTo(secretAsker.id).at(-1)!.subject).toContain("4970-secret");
    expect(emailsTo(moderator.id).at(-1)!.subject).toContain("4970-secret");
  });
});

describe("delivery", () => {
  test("a due message goes through the transport and is marked sent", async () => {
    const message = queue("email", T0);
    settleOthers([message.id]);
    const { sent, transport } = recordingTransport();
    const report = await deliverDueMessages(db, { email: transport }, T0);
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0, held: 0 });
    expect(sent.map((m) => m.id)).toEqual([message.id]);
    const row = outboxRow(message.id);
    expect(row.status).toBe("sent");
    expect(row.sentAt).toEqual(T0);
    expect(row.attempts).toBe(1);
    // Sent once only.
    await deliverDueMessages(db, { email: transport }, new Date(T0.getTime() + HOUR));
    expect(sent).toHaveLength(1);
  });

  test("failures are retried after 1 min, 5 min, 30 min and 2 h, then the message fails for good with its last error", async () => {
    const message = queue("email", T0);
    settleOthers([message.id]);
    let tries = 0;
    const { transport } = recordingTransport(() => `Connection refused (try ${++tries})`);
    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // Not due a moment before its time: nothing is tried.
      if (attempt > 1) {
        await deliverDueMessages(db, { email: transport }, new Date(now.getTime() - 1000));
        expect(tries).toBe(attempt - 1);
      }
      await deliverDueMessages(db, { email: transport }, now);
      expect(tries).toBe(attempt);
      const row = outboxRow(message.id);
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe(`Connection refused (try ${attempt})`);
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        waits.push(row.nextAttemptAt!.getTime() - now.getTime());
        now = row.nextAttemptAt!;
      } else {
        expect(row.status).toBe("failed");
        expect(row.nextAttemptAt).toBeNull();
      }
    }
    expect(waits).toEqual([MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR]);
    await deliverDueMessages(db, { email: transport }, new Date(now.getTime() + 24 * HOUR));
    expect(tries).toBe(MAX_ATTEMPTS);
  });

  test("without SMTP_URL (or a webhook) messages are held, readable, never dropped", async () => {
    const email = queue("email", T0);
    const escalation = queue("escalation", T0, { payload: { event: "escalation.opened", threadId: 1 } });
    settleOthers([email.id, escalation.id]);
    const transports = transportsFromEnv({});
    expect(Object.keys(transports)).toEqual([]);
    const report = await deliverDueMessages(db, transports, T0);
    expect(report.held).toBe(2);
    expect(outboxRow(email.id)).toMatchObject({ status: "held", body: "Hello.", attempts: 0 });
    expect(outboxRow(email.id).lastError).toBe("");
    expect(outboxRow(escalation.id).status).toBe("held");
    expect(outboxRow(escalation.id).lastError).toBe("");
  });

  test("the configuration refuses a webhook without its secret, and a non-SMTP address", () => {
    expect(() => readDeliveryConfig({ SUPPORT_WEBHOOK_URL: "https://support.example/hook" })).toThrow(/SUPPORT_WEBHOOK_SECRET/);
    expect(() => readDeliveryConfig({ SMTP_URL: "https://mail.example" })).toThrow(/SMTP_URL/);
    const transports = transportsFromEnv({ SMTP_URL: "smtp://mail.example:587", SUPPORT_WEBHOOK_URL: "https://support.example/hook", SUPPORT_WEBHOOK_SECRET: "s".repeat(32) });
    expect(Object.keys(transports).sort()).toEqual(["email", "escalation"]);
  });

  test("by SMTP (nodemailer to a local server), with the one-click unsubscribe headers", async () => {
    const smtp = await startSmtpServer();
    try {
      const user = await member("immediate");
      notifyAnswer(user.id, T0);
      const mail = emailsTo(user.id)[0]!;
      settleOthers([mail.id]);
      await deliverDueMessages(db, { email: smtpTransport(`smtp://127.0.0.1:${smtp.port}`, "no-reply@community.example") }, T0);
      expect(outboxRow(mail.id).status).toBe("sent");
      expect(smtp.envelopes).toEqual([{ from: "no-reply@community.example", to: [user.email] }]);
      const headers = unfold(smtp.messages[0]!.split("\r\n\r\n")[0]!);
      expect(headers).toContain(`To: ${user.email}`);
      expect(headers).toMatch(/^From: .*<no-reply@community\.example>$/m);
      expect(headers).toContain(`List-Unsubscribe: <${ORIGIN}/unsubscribe?token=${unsubscribeToken(db, user.id)}>`);
      expect(headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    } finally {
      await smtp.close();
    }
  });

  test("an SMTP server that refuses is a failed attempt, retried later", async () => {
    const message = queue("email", T0);
    settleOthers([message.id]);
    // A port nothing listens on.
    const closed = await startSmtpServer();
    await closed.close();
    await deliverDueMessages(db, { email: smtpTransport(`smtp://127.0.0.1:${closed.port}`, "no-reply@community.example") }, T0);
    const row = outboxRow(message.id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).not.toBe("");
    expect(row.nextAttemptAt).toEqual(new Date(T0.getTime() + MINUTE));
  });

  test("escalations are POSTed as JSON with an HMAC-SHA256 signature; an error answer is retried", async () => {
    const secret = "a-long-shared-secret-for-tests";
    const hook = await startWebhookReceiver([500, 204]);
    try {
      const message = queue("escalation", T0, { payload: { event: "escalation.opened", threadId: 42, note: "Billing error" } });
      settleOthers([message.id]);
      const transports = { escalation: webhookTransport(hook.url, secret) };
      await deliverDueMessages(db, transports, T0);
      expect(outboxRow(message.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "The webhook answered HTTP 500." });
      await deliverDueMessages(db, transports, new Date(T0.getTime() + MINUTE));
      expect(outboxRow(message.id).status).toBe("sent");
      expect(hook.requests).toHaveLength(2);
      const { body, headers } = hook.requests[1]!;
      expect(JSON.parse(body)).toEqual({ event: "escalation.opened", threadId: 42, note: "Billing error" });
      expect(headers["content-type"]).toBe("application/json");
      expect(headers["x-entraide-signature"]).toBe(webhookSignature(secret, body));
      expect(headers["x-entraide-delivery"]).toBe(String(message.id));
      expect(hook.requests[0]!.headers["x-entraide-delivery"]).toBe(String(message.id));
    } finally {
      await hook.close();
    }
  });
});

describe("the worker", () => {
  test("the scheduled jobs, driven with our clock: a digest is written, then delivered through the injected transport", async () => {
    const user = await member("daily");
    notifyAnswer(user.id, T0);
    settleOthers([]);
    const { sent, transport } = recordingTransport();
    const worker = createWorker({ clock: () => T0 });
    for (const job of scheduledJobs(db, { email: transport })) worker.registerJob(job.name, job.everyMs, job.run);
    expect(worker.jobNames()).toEqual(["deliver-outbox", "email-digests", "follow-ups", "data-exports", "deliver-webhooks", "site-exports", "rising-topics-email", "api-rate-limits"]);

    const at = new Date(T0.getTime() + DIGEST_DELAY_MS);
    await worker.runJob("email-digests", at);
    await worker.runJob("deliver-outbox", at);
    expect(sent.filter((m) => m.userId === user.id).map((m) => m.toAddress)).toEqual([user.email]);
    expect(emailsTo(user.id)[0]!.status).toBe("sent");
    await worker.tick(new Date(at.getTime() + HOUR));
    expect(sent.filter((m) => m.userId === user.id)).toHaveLength(1);
  });

  test("a job never runs twice at once; errors are logged, not thrown; jobs run every `everyMs`; stop waits", async () => {
    const logged: unknown[][] = [];
    const worker = createWorker({ log: { error: (...args: unknown[]) => void logged.push(args) } });
    let release = () => {};
    let slowRuns = 0;
    worker.registerJob("slow", 10 * MINUTE, async () => {
      slowRuns += 1;
      await new Promise<void>((resolve) => (release = resolve));
    });
    const quickRuns: Date[] = [];
    worker.registerJob("quick", MINUTE, (now) => void quickRuns.push(now));
    worker.registerJob("broken", MINUTE, () => {
      throw new Error("boom");
    });
    expect(() => worker.registerJob("quick", MINUTE, () => {})).toThrow(/already/);

    const first = worker.runJob("slow", T0);
    expect(await worker.runJob("slow", T0)).toBe(false);
    await expect(worker.runJob("broken", T0)).resolves.toBe(true);
    expect(String(logged[0]?.[0])).toContain("broken");
    expect((logged[0]?.[1] as Error).message).toBe("boom");

    // tick: everything is due the first time; "slow" is still running, so it is skipped.
    await worker.tick(T0);
    expect(quickRuns).toEqual([T0]);
    await worker.tick(new Date(T0.getTime() + 30_000));
    expect(quickRuns).toHaveLength(1);
    await worker.tick(new Date(T0.getTime() + MINUTE));
    expect(quickRuns).toHaveLength(2);
    expect(slowRuns).toBe(1);

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await first).toBe(true);
    await worker.tick(new Date(T0.getTime() + HOUR));
    expect(quickRuns).toHaveLength(2);
  });
});

describe("the unsubscribe link", () => {
  function get(token: string) {
    return settle(() => unsubscribeLoader(loaderArgs(getRequest(`/unsubscribe?token=${encodeURIComponent(token)}`), contextFor(db, null))));
  }
  /** As a mail client sends it (RFC 8058): no session, no Origin, no token field. */
  function oneClick(token: string) {
    const request = new Request(`http://localhost/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    return settle(() => unsubscribeAction(actionArgs(request, contextFor(db, null))));
  }

  test("the secret is generated once and kept (APP_SECRET wins when set)", () => {
    expect(appSecret(db)).toBe(appSecret(db));
    expect(appSecret(db)).toHaveLength(43);
    expect(appSecret(db, { APP_SECRET: "from-the-environment" })).toBe("from-the-environment");
  });

  test("a valid token shows the confirmation, without signing in, and changes nothing yet", async () => {
    const user = await member("immediate");
    const response = await get(unsubscribeToken(db, user.id));
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ state: "confirm", token: unsubscribeToken(db, user.id) });
    expect(getEmailNotifications(db, user.id)).toBe("immediate");
  });

  test("a POST without a form field (one click from the mail client) turns email off and settles what waits", async () => {
    const user = await member("daily");
    notifyAnswer(user.id, T0);
    const response = await oneClick(unsubscribeToken(db, user.id));
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ state: "done" });
    expect(getEmailNotifications(db, user.id)).toBe("off");
    expect(notificationsOf(user.id)[0]!.emailedAt).not.toBeNull();
  });

  test("the page's own button works too (token in the form)", async () => {
    const user = await member("immediate");
    const response = await settle(() =>
      unsubscribeAction(actionArgs(formRequest("/unsubscribe", { token: unsubscribeToken(db, user.id) }), contextFor(db, null))),
    );
    expect(response.status).toBe(200);
    expect(getEmailNotifications(db, user.id)).toBe("off");
  });

  test("an invalid, tampered or foreign token is a 400 and changes nothing", async () => {
    const user = await member("immediate");
    const other = await member("immediate");
    const token = unsubscribeToken(db, user.id);
    const signature = token.split(".")[1]!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    const foreign = `${user.id}.${"x".repeat(43)}`;
    for (const bad of ["", "nonsense", `${other.id}.${signature}`, `${user.id}.${flipped}`, foreign, `${user.id}.${signature}x`, "999999.".concat(signature)]) {
      expect((await get(bad)).status).toBe(400);
      const response = await oneClick(bad);
      expect(response.status).toBe(400);
      expect(await bodyOf(response)).toEqual({ state: "invalid" });
    }
    // Signed with another secret.
    vi.stubEnv("APP_SECRET", "another-secret");
    const forged = unsubscribeToken(db, user.id);
    vi.stubEnv("APP_SECRET", "");
    expect((await oneClick(forged)).status).toBe(400);
    expect(getEmailNotifications(db, user.id)).toBe("immediate");
    expect(getEmailNotifications(db, other.id)).toBe("immediate");
  });
});

describe("the email preference in /settings", () => {
  type Reply = { intent: string; errors?: Record<string, string>; values?: Record<string, string>; message?: string };
  function post(userId: number, fields: Record<string, string>) {
    return settle(() => settingsAction(actionArgs(formRequest("/settings", fields), contextFor(db, userId))));
  }

  test("the page shows the current choice and saves a new one", async () => {
    const user = await member("daily");
    const page = await bodyOf<{ emailNotifications: string }>(await settle(() => settingsLoader(loaderArgs(getRequest("/settings"), contextFor(db, user.id)))));
    expect(page.emailNotifications).toBe("daily");
    const response = await post(user.id, { intent: "notifications", emailNotifications: "immediate" });
    expect(response.status).toBe(200);
    expect((await bodyOf<Reply>(response)).message).toMatch(/saved/);
    expect(getEmailNotifications(db, user.id)).toBe("immediate");
  });

  test("an unknown or missing choice is refused with a message next to the field, and nothing changes", async () => {
    const user = await member("daily");
    for (const fields of [{ emailNotifications: "weekly" }, {}] as Record<string, string>[]) {
      const response = await post(user.id, { intent: "notifications", ...fields });
      expect(response.status).toBe(400);
      const reply = await bodyOf<Reply>(response);
      expect(reply.intent).toBe("notifications");
      expect(reply.errors?.emailNotifications).toMatch(/right away, a daily summary, or never/);
      expect(getEmailNotifications(db, user.id)).toBe("daily");
    }
  });
});

describe("/admin/outbox", () => {
  let admin: User;
  let moderator: User;
  let plain: User;
  beforeAll(async () => {
    admin = await createUser(db, { role: "admin" });
    moderator = await createUser(db, { role: "moderator" });
    plain = await createUser(db);
  });

  function list(userId: number | null, search = "") {
    return settle(() => outboxLoader(loaderArgs(getRequest(`/admin/outbox${search}`), contextFor(db, userId))));
  }
  function retry(userId: number, id: number) {
    return settle(() => outboxAction(actionArgs(formRequest("/admin/outbox", { intent: "retry", id: String(id) }), contextFor(db, userId))));
  }

  test("members and moderators are refused (403), visitors sent to sign in", async () => {
    expect((await list(plain.id)).status).toBe(403);
    expect((await list(moderator.id)).status).toBe(403);
    const message = queue("email", T0);
    expect((await list(moderator.id, `?id=${message.id}`)).status).toBe(403);
    expect((await retry(moderator.id, message.id)).status).toBe(403);
    // A forged post that isn't even well formed is refused the same way, before it is read.
    for (const fields of [{ intent: "purge" }, { intent: "retry", id: "all" }, {}] as Record<string, string>[]) {
      const forged = await settle(() => outboxAction(actionArgs(formRequest("/admin/outbox", fields), contextFor(db, plain.id))));
      expect(forged.status).toBe(403);
    }
    const visitor = await list(null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
  });

  test("an admin sees the messages newest first, filters by status, and reads one in full", async () => {
    // The two newest of all.
    const older = queue("email", new Date(T0.getTime() + 999 * DIGEST_DELAY_MS), { subject: "Older one", toAddress: "old@example.test" });
    const held = queue("email", new Date(T0.getTime() + 1000 * DIGEST_DELAY_MS), { subject: "Held one", body: "The whole body\nof the email." });
    db.update(outboxMessages).set({ status: "held", lastError: "Held: SMTP_URL is not set" }).where(eq(outboxMessages.id, held.id)).run();

    const response = await list(admin.id);
    expect(response.status).toBe(200);
    const data = await bodyOf(response);
    const ids: number[] = data.list.messages.map((m: { id: number }) => m.id);
    expect(ids.indexOf(held.id)).toBeLessThan(ids.indexOf(older.id));

    const heldOnly = await bodyOf(await list(admin.id, "?status=held"));
    expect(heldOnly.list.messages.every((m: { status: string }) => m.status === "held")).toBe(true);
    expect(heldOnly.list.messages.map((m: { id: number }) => m.id)).toContain(held.id);
    expect(heldOnly.list.messages[0]).toMatchObject({ subject: expect.any(String), attempts: expect.any(Number), lastError: expect.any(String) });

    const one = await bodyOf(await list(admin.id, `?id=${held.id}`));
    expect(one.found.message).toMatchObject({ subject: "Held one", body: "The whole body\nof the email.", status: "held" });
    expect((await list(admin.id, "?id=999999")).status).toBe(404);
  });

  test("Retry now: refused while SMTP is not configured, puts a held email back in line when it is", async () => {
    const held = queue("email", T0);
    db.update(outboxMessages).set({ status: "held", attempts: 0 }).where(eq(outboxMessages.id, held.id)).run();
    const refused = await retry(admin.id, held.id);
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).errors.form).toMatch(/SMTP_URL/);
    expect(outboxRow(held.id).status).toBe("held");

    vi.stubEnv("SMTP_URL", "smtp://mail.example:587");
    try {
      expect((await retry(admin.id, held.id)).status).toBe(200);
      expect(outboxRow(held.id).status).toBe("pending");
      expect((await retry(admin.id, held.id)).status).toBe(400);
    } finally {
      vi.stubEnv("SMTP_URL", "");
    }
  });
});

// ------------------------------------------------------------------ helpers

/** Header lines folded by the mailer, joined back. */
function unfold(headers: string) {
  return headers.replace(/\r\n[ \t]+/g, " ").split("\r\n").join("\n");
}

/** Just enough SMTP to receive messages: every command is accepted. */
async function startSmtpServer() {
  const messages: string[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let data: string | null = null;
    let envelope = { from: "", to: [] as string[] };
    socket.write("220 test.local ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === ".") {
            messages.push(data);
            envelopes.push(envelope);
            envelope = { from: "", to: [] };
            data = null;
            socket.write("250 2.0.0 queued\r\n");
          } else data += `${line.startsWith("..") ? line.slice(1) : line}\r\n`;
          continue;
        }
        const command = line.toUpperCase();
        if (command.startsWith("EHLO") || command.startsWith("HELO")) socket.write("250 test.local\r\n");
        else if (command.startsWith("MAIL FROM:")) {
          envelope.from = /<(.*?)>/.exec(line)?.[1] ?? "";
          socket.write("250 2.1.0 OK\r\n");
        } else if (command.startsWith("RCPT TO:")) {
          envelope.to.push(/<(.*?)>/.exec(line)?.[1] ?? "");
          socket.write("250 2.1.5 OK\r\n");
        } else if (command === "DATA") {
          data = "";
          socket.write("354 go ahead\r\n");
        } else if (command === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    envelopes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers each POST with the next status in `statuses`, recording what it received. */
async function startWebhookReceiver(statuses: number[]) {
  const requests: { body: string; headers: IncomingHttpHeaders }[] = [];
  const server = createHttpServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      requests.push({ body, headers: req.headers });
      res.statusCode = statuses[requests.length - 1] ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
