// Emailed single-use links (issue #13): password reset and confirmed email
// addresses. What a person can observe: the emails in the outbox, whether the
// link works (once, in time, for its purpose only), the password that signs
// in afterwards, the sessions that end, the notification emails an
// unconfirmed address does not get, and an address that changes only once
// the new one is confirmed.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { countUserSessions, startSession } from "../../../app/auth/session.server";
import {
  confirmEmail,
  emailConfirmationPage,
  EMAIL_VERIFY_TTL_MS,
  passwordResetPage,
  PASSWORD_RESET_TTL_MS,
  pendingEmailChange,
  requestPasswordReset,
  resetPassword,
  sendEmailConfirmation,
} from "../../../app/models/accounts/account-tokens.server";
import { THROTTLE_LIMIT, THROTTLE_WINDOW_MS, recordFailure } from "../../../app/models/accounts/throttle.server";
import { authenticate, changeEmail, getUserById, registerUser } from "../../../app/models/accounts/user.server";
import { sendDailyDigests, DIGEST_DELAY_MS } from "../../../app/models/notify/notification-email.server";
import { notify } from "../../../app/models/notify/notification.server";
import { accountTokens, notifications, outboxMessages, users } from "../../../db/schema";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createTestCategory, createTestThread, createUser, TEST_PASSWORD } from "../../support/factories";
import { freshAddress } from "../../support/http-helpers";
import { snapshot } from "../../support/model-helpers";

const db = createTestDb();
const ORIGIN = "https://community.example";
const NEW_PASSWORD = "a lighthouse keeps its lamp lit";
const HOUR = 60 * 60_000;
// Most calls skip the answer's floor; the timing test keeps it.
const FAST = { floorMs: 0 };

type User = Awaited<ReturnType<typeof createUser>>;

beforeAll(() => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
  createTestCategory(db, { slug: "billing", name: "Billing" });
});
afterAll(() => {
  vi.unstubAllEnvs();
});

function emailsTo(address: string) {
  return db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address)).orderBy(outboxMessages.id).all();
}

function outboxCount() {
  return db.select().from(outboxMessages).all().length;
}

/** The token of the last link of this kind emailed to `address`. */
function lastLink(address: string, path: "reset-password" | "verify-email"): string {
  const pattern = new RegExp(`${ORIGIN}/${path}/([A-Za-z0-9_-]{43})\\b`);
  const found = emailsTo(address)
    .map((m) => pattern.exec(m.body)?.[1])
    .filter((t): t is string => !!t);
  if (!found.length) throw new Error(`No ${path} link was emailed to ${address}`);
  return found[found.length - 1]!;
}

function tamper(token: string) {
  const last = token.at(-1) === "A" ? "B" : "A";
  return `${token.slice(0, -1)}${last}`;
}

async function ask(login: string, address = freshAddress(), now = new Date()) {
  return requestPasswordReset(db, { login, address }, { ...FAST, now });
}

async function signsIn(user: User, password: string) {
  return (await authenticate(db, { login: user.username, password, address: freshAddress() })).ok;
}

describe("asking for a reset link", () => {
  test("the same answer for an account (by username or email), an unknown name and a deleted account; only the account gets an email", async () => {
    const rosa = await createUser(db, { username: "rosa_reset", email: "rosa@example.test", displayName: "Rosa" });
    const gone = await createUser(db, { username: "gone_reset", email: "gone@example.test" });
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone.id)).run();

    const answers = [await ask("rosa_reset"), await ask("ROSA@example.test"), await ask("nobody_here"), await ask("nobody@example.test"), await ask("gone_reset"), await ask("gone@example.test")];
    for (const answer of answers) expect(answer).toEqual({ ok: true });

    const sent = emailsTo("rosa@example.test");
    expect(sent).toHaveLength(2);
    expect(sent[0]!.userId).toBe(rosa.id);
    expect(sent[0]!.subject).toMatch(/Reset your password/);
    expect(sent[0]!.body).toContain("Hello Rosa,");
    expect(sent[0]!.body).toMatch(new RegExp(`${ORIGIN}/reset-password/[A-Za-z0-9_-]{43}`));
    expect(emailsTo("nobody@example.test")).toHaveLength(0);
    expect(emailsTo("gone@example.test")).toHaveLength(0);
    expect(db.select().from(accountTokens).where(eq(accountTokens.userId, gone.id)).all()).toHaveLength(0);
  });

  test("the link's token is kept only as its SHA-256 hash, with a one-hour life", async () => {
    const user = await createUser(db);
    const now = new Date();
    await ask(user.username, freshAddress(), now);
    const token = lastLink(user.email, "reset-password");
    const rows = db.select().from(accountTokens).where(eq(accountTokens.userId, user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.purpose).toBe("password_reset");
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(rows[0]!.expiresAt.getTime() - now.getTime()).toBe(PASSWORD_RESET_TTL_MS);
    // Nowhere in the tables but the outgoing email itself.
    const tables = JSON.parse(snapshot(db)) as Record<string, unknown[]>;
    const withToken = Object.entries(tables).filter(([, rowsOf]) => JSON.stringify(rowsOf).includes(token)).map(([name]) => name);
    expect(withToken).toEqual(["outbox_messages"]);
  });

  test("every answer takes the same time: the floor, whether or not an email was written", async () => {
    const user = await createUser(db);
    const floorMs = 150;
    const time = async (login: string) => {
      const start = performance.now();
      const answer = await requestPasswordReset(db, { login, address: freshAddress() }, { floorMs });
      return { answer, ms: performance.now() - start };
    };
    const known = await time(user.username);
    const unknown = await time("no_such_member_anywhere");
    expect(known.answer).toEqual(unknown.answer);
    expect(known.ms).toBeGreaterThanOrEqual(floorMs - 1);
    expect(unknown.ms).toBeGreaterThanOrEqual(floorMs - 1);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(60);
    expect(emailsTo(user.email)).toHaveLength(1);
  });

  test("an account without a password (single sign-on, an import) may ask, and so gets one", async () => {
    const created = await registerUser(db, { username: "sso_claimer", email: "sso-claimer@example.test", emailVerified: true });
    if (!created.ok) throw new Error("setup");
    await ask("sso_claimer");
    const result = await resetPassword(db, { token: lastLink("sso-claimer@example.test", "reset-password"), password: NEW_PASSWORD });
    expect(result.ok).toBe(true);
    expect(await authenticate(db, { login: "sso_claimer", password: NEW_PASSWORD, address: freshAddress() })).toMatchObject({ ok: true });
  });

  test("per account: past the limit the account gets no more emails, and the answer stays the same", async () => {
    const user = await createUser(db);
    const now = new Date();
    for (let i = 0; i < THROTTLE_LIMIT; i += 1) expect(await ask(i % 2 ? user.username : user.email, freshAddress(), now)).toEqual({ ok: true });
    expect(emailsTo(user.email)).toHaveLength(THROTTLE_LIMIT);
    expect(await ask(user.username, freshAddress(), now)).toEqual({ ok: true });
    expect(emailsTo(user.email)).toHaveLength(THROTTLE_LIMIT);
    // Once the window has passed, a link goes out again.
    expect(await ask(user.username, freshAddress(), new Date(now.getTime() + THROTTLE_WINDOW_MS + 1000))).toEqual({ ok: true });
    expect(emailsTo(user.email)).toHaveLength(THROTTLE_LIMIT + 1);
  });

  test("per address: past the limit the connection is told to wait, whatever it asks for", async () => {
    const user = await createUser(db);
    const address = freshAddress();
    const now = new Date();
    for (let i = 0; i < THROTTLE_LIMIT; i += 1) expect(await ask(`someone_${i}`, address, now)).toEqual({ ok: true });
    const refused = await ask(user.username, address, now);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.form).toMatch(/Too many reset requests.*15 minutes/);
    expect(emailsTo(user.email)).toHaveLength(0);
    expect(await ask(user.username, address, new Date(now.getTime() + THROTTLE_WINDOW_MS + 1000))).toEqual({ ok: true });
    expect(emailsTo(user.email)).toHaveLength(1);
  });
});

describe("using a reset link", () => {
  test("sets the new password, ends every session, and works once", async () => {
    const user = await createUser(db);
    await startSession(db, user.id, { secure: false });
    await startSession(db, user.id, { secure: false });
    expect(countUserSessions(db, user.id)).toBe(2);
    await ask(user.email);
    const token = lastLink(user.email, "reset-password");
    expect(passwordResetPage(db, token)).toEqual({ ok: true, username: user.username });

    const result = await resetPassword(db, { token, password: NEW_PASSWORD });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.user.id).toBe(user.id);
    expect(countUserSessions(db, user.id)).toBe(0);
    expect(await signsIn(user, NEW_PASSWORD)).toBe(true);
    expect(await signsIn(user, TEST_PASSWORD)).toBe(false);

    const before = snapshot(db);
    expect(await resetPassword(db, { token, password: "yet another fine sentence" })).toEqual({ ok: false, problem: "used" });
    expect(passwordResetPage(db, token)).toEqual({ ok: false, problem: "used" });
    expect(snapshot(db)).toBe(before);
  });

  test("an expired, tampered, malformed or other-purpose link is refused and changes nothing", async () => {
    const user = await createUser(db);
    await ask(user.username);
    const token = lastLink(user.email, "reset-password");
    const unconfirmed = await createUser(db, { emailVerified: false });
    const verifyToken = lastLink(unconfirmed.email, "verify-email");
    const later = new Date(Date.now() + PASSWORD_RESET_TTL_MS + 60_000);

    const before = snapshot(db);
    expect(await resetPassword(db, { token, password: NEW_PASSWORD }, later)).toEqual({ ok: false, problem: "expired" });
    expect(await resetPassword(db, { token: tamper(token), password: NEW_PASSWORD })).toEqual({ ok: false, problem: "invalid" });
    for (const malformed of ["", "abc", `${token}x`, token.slice(1), "é".repeat(43), "../".repeat(15), "A".repeat(5000)]) {
      expect(await resetPassword(db, { token: malformed, password: NEW_PASSWORD })).toEqual({ ok: false, problem: "invalid" });
      expect(passwordResetPage(db, malformed)).toEqual({ ok: false, problem: "invalid" });
    }
    // A confirmation link is no reset link, and the other way round.
    expect(await resetPassword(db, { token: verifyToken, password: NEW_PASSWORD })).toEqual({ ok: false, problem: "invalid" });
    expect(confirmEmail(db, token)).toEqual({ ok: false, problem: "invalid" });
    expect(emailConfirmationPage(db, token)).toEqual({ ok: false, problem: "invalid" });
    expect(snapshot(db)).toBe(before);
    expect(passwordResetPage(db, token, later)).toEqual({ ok: false, problem: "expired" });
    // The real link, in time, still works.
    expect((await resetPassword(db, { token, password: NEW_PASSWORD })).ok).toBe(true);
  });

  test("a common password is refused beside the field, and the link still works", async () => {
    const user = await createUser(db);
    await ask(user.username);
    const token = lastLink(user.email, "reset-password");
    const before = snapshot(db);
    const refused = await resetPassword(db, { token, password: "qwertyuiop" });
    expect(refused).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/most common/) } });
    expect(snapshot(db)).toBe(before);
    expect((await resetPassword(db, { token, password: NEW_PASSWORD })).ok).toBe(true);
  });

  test("using one link ends the account's other reset links", async () => {
    const user = await createUser(db);
    await ask(user.username);
    const first = lastLink(user.email, "reset-password");
    await ask(user.username);
    const second = lastLink(user.email, "reset-password");
    expect(first).not.toBe(second);
    expect((await resetPassword(db, { token: second, password: NEW_PASSWORD })).ok).toBe(true);
    expect(await resetPassword(db, { token: first, password: "some other long sentence" })).toEqual({ ok: false, problem: "used" });
  });

  test("a link sent to an address the account no longer has does not work", async () => {
    const user = await createUser(db);
    await ask(user.username);
    const token = lastLink(user.email, "reset-password");
    db.update(users).set({ email: "moved-on@example.test" }).where(eq(users.id, user.id)).run();
    expect(await resetPassword(db, { token, password: NEW_PASSWORD })).toEqual({ ok: false, problem: "superseded" });
  });

  test("a deleted account's link does not work", async () => {
    const user = await createUser(db);
    await ask(user.username);
    const token = lastLink(user.email, "reset-password");
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, user.id)).run();
    expect(await resetPassword(db, { token, password: NEW_PASSWORD })).toEqual({ ok: false, problem: "invalid" });
    expect(await signsIn(user, NEW_PASSWORD)).toBe(false);
  });

  test("lifts the sign-in throttle and confirms the address the link reached", async () => {
    const user = await createUser(db, { emailVerified: false });
    recordFailure(db, Array.from({ length: THROTTLE_LIMIT }, () => `account:${user.id}`));
    expect((await authenticate(db, { login: user.username, password: TEST_PASSWORD, address: freshAddress() })).ok).toBe(false);
    await ask(user.username);
    expect((await resetPassword(db, { token: lastLink(user.email, "reset-password"), password: NEW_PASSWORD })).ok).toBe(true);
    expect(await signsIn(user, NEW_PASSWORD)).toBe(true);
    expect(getUserById(db, user.id)!.emailVerifiedAt).not.toBeNull();
  });
});

describe("confirming the address after joining", () => {
  test("joining queues the confirmation email; opening the link confirms the address, once", async () => {
    const created = await registerUser(db, { username: "newcomer_verify", email: "Newcomer@Example.test", password: NEW_PASSWORD });
    if (!created.ok) throw new Error("setup");
    expect(created.user.emailVerifiedAt).toBeNull();
    const [email] = emailsTo("newcomer@example.test");
    expect(email!.subject).toMatch(/Confirm your email address/);
    expect(email!.userId).toBe(created.user.id);
    const token = lastLink("newcomer@example.test", "verify-email");
    const row = db.select().from(accountTokens).where(eq(accountTokens.userId, created.user.id)).get()!;
    expect(row).toMatchObject({ purpose: "email_verify", email: "newcomer@example.test", usedAt: null });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(EMAIL_VERIFY_TTL_MS);

    expect(emailConfirmationPage(db, token)).toEqual({ ok: true, email: "newcomer@example.test", change: false });
    expect(confirmEmail(db, token)).toEqual({ ok: true, email: "newcomer@example.test", changed: false });
    expect(getUserById(db, created.user.id)!.emailVerifiedAt).not.toBeNull();
    const before = snapshot(db);
    expect(confirmEmail(db, token)).toEqual({ ok: false, problem: "used" });
    expect(snapshot(db)).toBe(before);
  });

  test("an address already vouched for gets no email, and a refused sign-up writes none", async () => {
    const before = outboxCount();
    const vouched = await registerUser(db, { username: "vouched_for", email: "vouched@example.test", password: NEW_PASSWORD, emailVerified: true });
    expect(vouched.ok).toBe(true);
    const duplicate = await registerUser(db, { username: "vouched_for", email: "another@example.test", password: NEW_PASSWORD });
    expect(duplicate.ok).toBe(false);
    expect(outboxCount()).toBe(before);
  });

  test("an expired, tampered or malformed confirmation link is refused and changes nothing", async () => {
    const user = await createUser(db, { emailVerified: false });
    const token = lastLink(user.email, "verify-email");
    const before = snapshot(db);
    expect(confirmEmail(db, token, new Date(Date.now() + EMAIL_VERIFY_TTL_MS + 60_000))).toEqual({ ok: false, problem: "expired" });
    expect(confirmEmail(db, tamper(token))).toEqual({ ok: false, problem: "invalid" });
    for (const malformed of ["", "nope", `${token}=`, "%00".repeat(20)]) expect(confirmEmail(db, malformed)).toEqual({ ok: false, problem: "invalid" });
    expect(snapshot(db)).toBe(before);
    expect(getUserById(db, user.id)!.emailVerifiedAt).toBeNull();
  });
});

describe("notification emails wait for a confirmed address", () => {
  let asker: User;
  let threadId: number;
  beforeAll(async () => {
    asker = await createUser(db);
    threadId = createTestThread(db, asker).id;
  });

  async function member(frequency: "immediate" | "daily", verified: boolean) {
    const user = await createUser(db, { emailVerified: verified });
    db.update(users).set({ emailNotifications: frequency }).where(eq(users.id, user.id)).run();
    return user;
  }
  const notificationEmails = (userId: number) =>
    db.select().from(outboxMessages).where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "email"))).all().filter((m) => !/Confirm your email/.test(m.subject));

  test("immediate: none while unconfirmed (and no backlog later), one each once confirmed", async () => {
    const unconfirmed = await member("immediate", false);
    const confirmed = await member("immediate", true);
    notify(db, [unconfirmed.id, confirmed.id], { kind: "answer", actorId: asker.id, threadId });
    expect(notificationEmails(unconfirmed.id)).toHaveLength(0);
    expect(notificationEmails(confirmed.id)).toHaveLength(1);
    // Settled: confirming later does not send what happened before.
    expect(db.select().from(notifications).where(eq(notifications.userId, unconfirmed.id)).get()!.emailedAt).not.toBeNull();

    expect(confirmEmail(db, lastLink(unconfirmed.email, "verify-email")).ok).toBe(true);
    notify(db, unconfirmed.id, { kind: "answer", actorId: asker.id, threadId });
    expect(notificationEmails(unconfirmed.id)).toHaveLength(1);
  });

  test("daily: the digest skips an unconfirmed address and reaches a confirmed one", async () => {
    const unconfirmed = await member("daily", false);
    const confirmed = await member("daily", true);
    const at = new Date(Date.now() - DIGEST_DELAY_MS - HOUR);
    notify(db, [unconfirmed.id, confirmed.id], { kind: "answer", actorId: asker.id, threadId, now: at });
    // Even a row left waiting (written before confirmation existed) is not picked.
    db.update(notifications).set({ emailedAt: null }).where(eq(notifications.userId, unconfirmed.id)).run();
    sendDailyDigests(db);
    expect(notificationEmails(unconfirmed.id)).toHaveLength(0);
    expect(notificationEmails(confirmed.id)).toHaveLength(1);
  });
});

describe("changing the address", () => {
  test("a link to the new address, a notice to the old; the change waits for the link", async () => {
    const user = await createUser(db, { email: "before@example.test", displayName: "Mover" });
    const result = await changeEmail(db, asCurrentUser(db, user.id), { email: "After@Example.test", currentPassword: TEST_PASSWORD });
    expect(result).toEqual({ ok: true, pendingEmail: "after@example.test" });
    expect(getUserById(db, user.id)!.email).toBe("before@example.test");
    expect(pendingEmailChange(db, getUserById(db, user.id)!)).toBe("after@example.test");

    const [notice] = emailsTo("before@example.test");
    expect(notice!.subject).toMatch(/about to change/);
    expect(notice!.body).toContain("after@example.test");
    expect(notice!.body).not.toMatch(/verify-email/);
    const token = lastLink("after@example.test", "verify-email");
    expect(emailConfirmationPage(db, token)).toEqual({ ok: true, email: "after@example.test", change: true });

    expect(confirmEmail(db, token)).toEqual({ ok: true, email: "after@example.test", changed: true });
    const row = getUserById(db, user.id)!;
    expect(row.email).toBe("after@example.test");
    expect(row.emailVerifiedAt).not.toBeNull();
    expect(pendingEmailChange(db, row)).toBeNull();
  });

  test("a wrong password, the same address or another account's address changes nothing and sends nothing", async () => {
    const other = await createUser(db);
    const user = await createUser(db);
    const actor = asCurrentUser(db, user.id);
    const before = outboxCount();
    expect(await changeEmail(db, actor, { email: "wanted@example.test", currentPassword: "not my password" })).toMatchObject({ ok: false, errors: { currentPassword: expect.any(String) } });
    expect(await changeEmail(db, actor, { email: user.email.toUpperCase(), currentPassword: TEST_PASSWORD })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/already your/) } });
    expect(await changeEmail(db, actor, { email: other.email, currentPassword: TEST_PASSWORD })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/already uses/) } });
    expect(outboxCount()).toBe(before);
    expect(db.select().from(accountTokens).where(eq(accountTokens.userId, user.id)).all()).toHaveLength(0);
  });

  test("a link for a change asked for before another one is refused as replaced", async () => {
    const user = await createUser(db);
    const actor = asCurrentUser(db, user.id);
    await changeEmail(db, actor, { email: "first-choice@example.test", currentPassword: TEST_PASSWORD });
    const first = lastLink("first-choice@example.test", "verify-email");
    await changeEmail(db, actor, { email: "second-choice@example.test", currentPassword: TEST_PASSWORD });
    expect(pendingEmailChange(db, user)).toBe("second-choice@example.test");
    const before = snapshot(db);
    expect(confirmEmail(db, first)).toEqual({ ok: false, problem: "superseded" });
    expect(snapshot(db)).toBe(before);
    expect(confirmEmail(db, lastLink("second-choice@example.test", "verify-email")).ok).toBe(true);
    expect(getUserById(db, user.id)!.email).toBe("second-choice@example.test");
  });

  test("a link for an address another account took meanwhile is refused", async () => {
    const user = await createUser(db);
    await changeEmail(db, asCurrentUser(db, user.id), { email: "contested@example.test", currentPassword: TEST_PASSWORD });
    const token = lastLink("contested@example.test", "verify-email");
    await createUser(db, { email: "contested@example.test" });
    const before = snapshot(db);
    expect(emailConfirmationPage(db, token)).toEqual({ ok: false, problem: "taken" });
    expect(confirmEmail(db, token)).toEqual({ ok: false, problem: "taken" });
    expect(snapshot(db)).toBe(before);
    expect(getUserById(db, user.id)!.email).toBe(user.email);
  });

  test("an unconfirmed old address gets no notice (it may be a typo, someone else's mailbox)", async () => {
    const user = await createUser(db, { emailVerified: false, email: "typo@exmaple.test" });
    await changeEmail(db, asCurrentUser(db, user.id), { email: "fixed@example.test", currentPassword: TEST_PASSWORD });
    expect(emailsTo("typo@exmaple.test").map((m) => m.subject)).toEqual([expect.stringMatching(/Confirm your email/)]);
    expect(emailsTo("fixed@example.test")).toHaveLength(1);
  });
});

describe("resending the confirmation email", () => {
  test("a new link to the unconfirmed address; nothing to resend once confirmed", async () => {
    const user = await createUser(db, { emailVerified: false });
    const sent = sendEmailConfirmation(db, asCurrentUser(db, user.id), { address: freshAddress() });
    expect(sent).toEqual({ ok: true, email: user.email });
    expect(emailsTo(user.email)).toHaveLength(2);
    // Both links work: the newer one does not replace a link to the same address.
    expect(confirmEmail(db, lastLink(user.email, "verify-email")).ok).toBe(true);
    const again = sendEmailConfirmation(db, asCurrentUser(db, user.id), { address: freshAddress() });
    expect(again).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/already confirmed/) } });
    expect(emailsTo(user.email)).toHaveLength(2);
  });

  test("goes to the new address while a change waits", async () => {
    const user = await createUser(db);
    await changeEmail(db, asCurrentUser(db, user.id), { email: "waiting-for-it@example.test", currentPassword: TEST_PASSWORD });
    expect(sendEmailConfirmation(db, asCurrentUser(db, user.id), { address: freshAddress() })).toEqual({ ok: true, email: "waiting-for-it@example.test" });
    expect(emailsTo("waiting-for-it@example.test")).toHaveLength(2);
  });

  test("is throttled per account", async () => {
    const user = await createUser(db, { emailVerified: false });
    const actor = asCurrentUser(db, user.id);
    const now = new Date();
    for (let i = 0; i < THROTTLE_LIMIT; i += 1) expect(sendEmailConfirmation(db, actor, { address: freshAddress() }, now).ok).toBe(true);
    const refused = sendEmailConfirmation(db, actor, { address: freshAddress() }, now);
    expect(refused).toMatchObject({ ok: false, throttled: true, errors: { form: expect.stringMatching(/try again in 15 minutes/) } });
    expect(emailsTo(user.email)).toHaveLength(THROTTLE_LIMIT + 1);
  });
});
