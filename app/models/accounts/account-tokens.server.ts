// Single-use links sent by email: a password reset (one hour) and an address
// to confirm (48 hours), after joining or for a change of address.
//
// The link carries 32 random bytes (base64url); only their SHA-256 is kept,
// so the table alone opens no account. A link is found by its hash (a unique
// index) and its purpose together, so a link of one purpose never works for
// the other; it is used in the transaction of the change it makes.
import { liveAccounts } from "../visibility.server";
import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { accountTokens, users, type AccountTokenPurpose } from "../../../db/schema";
import { hashPassword, isCommonPassword } from "../../auth/password.server";
import { endUserSessions, type CurrentUser } from "../../auth/session.server";
import { COMMON_PASSWORD_KEY } from "../../forms/account";
import { refusedWith } from "../../i18n/message";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/languages";
import type { TokenProblem } from "../../utils/account-links";
import type { FieldErrors } from "../../utils/form.server";
import { queueOutboxMessages } from "../notify/outbox.server";
import {
  accountEmailContext,
  emailChangeNotice,
  emailConfirmationEmail,
  passwordResetEmail,
  type AccountEmailContext,
  type AccountRecipient,
} from "./account-emails.server";
import { sayIn, wordsFor } from "./account-words.server";
import { recipientLanguage } from "./language.server";
import { checkThrottle, clearThrottle, minutesUntil, recordFailure } from "./throttle.server";

export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
export const EMAIL_VERIFY_TTL_MS = 48 * 60 * 60_000;
const TTL: Record<AccountTokenPurpose, number> = { password_reset: PASSWORD_RESET_TTL_MS, email_verify: EMAIL_VERIFY_TTL_MS };

/**
 * "Forgot your password?" answers no sooner than this, whatever happened
 * (an email written or not), so its time says nothing about the account.
 */
export const RESET_ANSWER_FLOOR_MS = 250;

// 32 bytes in base64url, no padding.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type UserRow = typeof users.$inferSelect;
type TokenRow = typeof accountTokens.$inferSelect;

export type { TokenProblem };
export type TokenCheck = { ok: true; token: TokenRow; user: UserRow } | { ok: false; problem: TokenProblem };

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function mintToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashAccountToken(token) };
}

function insertToken(
  tx: DbOrTx,
  minted: { tokenHash: string },
  input: { userId: number; purpose: AccountTokenPurpose; email: string; now: Date },
) {
  tx.insert(accountTokens)
    .values({
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: minted.tokenHash,
      email: input.email,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + TTL[input.purpose]),
    })
    .run();
}

/** Writes a new token and returns what goes in the link. */
export function createAccountToken(tx: DbOrTx, input: { userId: number; purpose: AccountTokenPurpose; email: string; now: Date }): string {
  const minted = mintToken();
  insertToken(tx, minted, input);
  return minted.token;
}

function sameAddress(a: string, b: string) {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether another account (not `exceptUserId`) uses this address, in any case. */
export function emailInUse(db: DbOrTx, email: string, exceptUserId?: number): boolean {
  const row = db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`).get();
  return !!row && row.id !== exceptUserId;
}

/** A confirmation sent later for another address makes this one stale. */
function supersededBy(db: DbOrTx, token: TokenRow): boolean {
  const newer = db
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, token.userId),
        eq(accountTokens.purpose, "email_verify"),
        gt(accountTokens.id, token.id),
        sql`lower(${accountTokens.email}) <> lower(${token.email})`,
      ),
    )
    .get();
  return !!newer;
}

/**
 * What a link is worth, without using it. Anything that is not a token of
 * ours for this purpose (malformed, unknown, tampered, another purpose, a
 * deleted account) is simply "invalid".
 */
export function checkAccountToken(db: DbOrTx, raw: unknown, purpose: AccountTokenPurpose, now: Date): TokenCheck {
  if (typeof raw !== "string" || !TOKEN_SHAPE.test(raw)) return { ok: false, problem: "invalid" };
  const row = db
    .select({ token: accountTokens, user: users })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(and(eq(accountTokens.tokenHash, hashAccountToken(raw)), eq(accountTokens.purpose, purpose)))
    .get();
  if (!row || row.user.deletedAt) return { ok: false, problem: "invalid" };
  if (row.token.usedAt) return { ok: false, problem: "used" };
  if (row.token.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: "expired" };
  if (purpose === "password_reset") {
    // Sent to an address the account no longer has: that mailbox may not be theirs any more.
    if (!sameAddress(row.token.email, row.user.email)) return { ok: false, problem: "superseded" };
  } else {
    if (supersededBy(db, row.token)) return { ok: false, problem: "superseded" };
    if (emailInUse(db, row.token.email, row.user.id)) return { ok: false, problem: "taken" };
  }
  return { ok: true, ...row };
}

/** Marks the token used; false when another request used it first. */
function useToken(tx: DbOrTx, tokenId: number, now: Date): boolean {
  return tx.update(accountTokens).set({ usedAt: now }).where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt))).run().changes === 1;
}

// ---------------------------------------------------------------- password reset

// Stands in for the account when there is none, so the same email is composed either way.
const NOBODY: AccountRecipient & { email: string } = { id: 0, username: "nobody", displayName: "nobody", email: "nobody@example.invalid" };

export type ResetRequestResult = { ok: true } | { ok: false; errors: FieldErrors };

function resetWaitMessage(retryAt: Date, now: Date, language: Language) {
  return sayIn(language, "accountsServer.throttle.reset", { count: minutesUntil(retryAt, now.getTime()) });
}

function findResetAccount(db: Db, login: string): UserRow | null {
  return (
    db
      .select()
      .from(users)
      .where(and(liveAccounts(), eq(users.isBot, false), or(sql`lower(${users.username}) = lower(${login})`, sql`lower(${users.email}) = lower(${login})`)))
      .get() ?? null
  );
}

function writeResetLink(db: Db, input: { login: string; address: string; language?: Language }, now: Date): ResetRequestResult {
  const login = input.login.trim();
  const ipKey = `reset:ip:${input.address}`;
  const ip = checkThrottle(db, [ipKey], now.getTime());
  // The one answer that differs, and it depends only on the connection, never on the account.
  if (!ip.allowed) return { ok: false, errors: { form: resetWaitMessage(ip.retryAt, now, input.language ?? DEFAULT_LANGUAGE) } };

  const user = findResetAccount(db, login);
  // Keyed by the account itself, so its username and its email count alike.
  const accountKey = user ? `reset:account:${user.id}` : `reset:account:${login.toLowerCase()}`;
  // Past the limit an account silently gets no more emails: a visible
  // refusal would tell that the account exists.
  const accountAllowed = checkThrottle(db, [accountKey], now.getTime()).allowed;
  recordFailure(db, [ipKey, accountKey], now.getTime());

  // The token and the email are made whether or not they are sent: the same work either way.
  const minted = mintToken();
  const recipient = user ?? NOBODY;
  // In the account's language (the page it was asked from may be anyone's).
  const message = passwordResetEmail(accountEmailContext(db), recipientLanguage(db, user?.language), recipient, recipient.email, minted.token);
  const send = !!user && accountAllowed && user.email !== "";
  db.transaction((tx) => {
    if (!send) return;
    insertToken(tx, minted, { userId: user.id, purpose: "password_reset", email: user.email, now });
    queueOutboxMessages(tx, [message], now);
  });
  return { ok: true };
}

/**
 * "Forgot your password?": emails a reset link to the account named by its
 * username or email, if there is one that is not deleted. The answer is the
 * same, in the same time, whether or not there is (only a connection sending
 * too many requests is told to wait). Accounts without a password may ask
 * too: that is how imported and single-sign-on accounts get one.
 */
export async function requestPasswordReset(
  db: Db,
  input: { login: string; address: string; language?: Language },
  options: { now?: Date; floorMs?: number } = {},
): Promise<ResetRequestResult> {
  const started = Date.now();
  try {
    return writeResetLink(db, input, options.now ?? new Date());
  } finally {
    const left = started + (options.floorMs ?? RESET_ANSWER_FLOOR_MS) - Date.now();
    if (left > 0) await sleep(left);
  }
}

export type ResetPage = { ok: true; username: string } | { ok: false; problem: TokenProblem };

/** /reset-password/<token>: whose password the link resets, or why it does not work. */
export function passwordResetPage(db: Db, token: string, now = new Date()): ResetPage {
  const check = checkAccountToken(db, token, "password_reset", now);
  return check.ok ? { ok: true, username: check.user.username } : check;
}

export type ResetOutcome = { ok: true; user: UserRow } | { ok: false; problem: TokenProblem } | { ok: false; errors: FieldErrors };

/**
 * Sets the new password from a reset link (the sign-up rules apply), uses the
 * link and any other reset link of the account, ends every session, and
 * lifts the account's sign-in throttle. The link reached the account's
 * address, so that address counts as confirmed too.
 */
export async function resetPassword(db: Db, input: { token: string; password: string; language?: Language }, now = new Date()): Promise<ResetOutcome> {
  const check = checkAccountToken(db, input.token, "password_reset", now);
  if (!check.ok) return check;
  if (isCommonPassword(input.password)) return { ok: false, errors: { password: sayIn(input.language ?? DEFAULT_LANGUAGE, COMMON_PASSWORD_KEY) } };
  const passwordHash = await hashPassword(input.password);
  const { user } = check;
  const outcome = db.transaction((tx): ResetOutcome => {
    // Checked again here: two tabs may send the same link at once.
    if (!useToken(tx, check.token.id, now)) return { ok: false, problem: "used" };
    tx.update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, "password_reset"), isNull(accountTokens.usedAt)))
      .run();
    const updated = tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, emailVerifiedAt: user.emailVerifiedAt ?? now })
      .where(eq(users.id, user.id))
      .returning()
      .get();
    endUserSessions(tx, user.id);
    return { ok: true, user: updated };
  });
  if (outcome.ok) clearThrottle(db, [`account:${user.id}`]);
  return outcome;
}

// ---------------------------------------------------------------- confirming an address

/**
 * Writes a confirmation link for `address` and its email, inside the
 * caller's transaction (sign-up, a resend, a change of address), in
 * `language` (the recipient's; on joining, the page's).
 */
export function queueEmailConfirmation(
  tx: DbOrTx,
  context: AccountEmailContext,
  user: AccountRecipient,
  input: { address: string; change: boolean; now: Date; language: Language },
) {
  const token = createAccountToken(tx, { userId: user.id, purpose: "email_verify", email: input.address.toLowerCase(), now: input.now });
  queueOutboxMessages(tx, [emailConfirmationEmail(context, input.language, user, input.address, token, input.change)], input.now);
}

/** The new address waiting for its confirmation, if a change was asked for and its link still works. */
export function pendingEmailChange(db: DbOrTx, user: { id: number; email: string }, now = new Date()): string | null {
  const latest = db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, "email_verify")))
    .orderBy(desc(accountTokens.id))
    .limit(1)
    .get();
  if (!latest || latest.usedAt || latest.expiresAt.getTime() <= now.getTime() || sameAddress(latest.email, user.email)) return null;
  return latest.email;
}

function verifyKeys(userId: number, address?: string) {
  return [`verify:account:${userId}`, ...(address ? [`verify:ip:${address}`] : [])];
}

function verifyWaitMessage(retryAt: Date, now: Date, language: Language) {
  return sayIn(language, "accountsServer.throttle.confirm", { count: minutesUntil(retryAt, now.getTime()) });
}

function liveAccount(db: Db, actor: CurrentUser) {
  const user = db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!user || user.deletedAt) throw refusedWith(404, "accountsServer.notFound.account");
  return user;
}

export type ConfirmationStatus = { email: string; confirmed: boolean; pending: string | null };

/** What "Resend the confirmation email" would do for this member. */
export function emailConfirmationStatus(db: Db, actor: CurrentUser, now = new Date()): ConfirmationStatus {
  return { email: actor.email, confirmed: !!actor.emailVerifiedAt, pending: pendingEmailChange(db, actor, now) };
}

export type SendResult = { ok: true; email: string } | { ok: false; errors: FieldErrors; throttled?: boolean };

/**
 * "Resend the confirmation email": a new link for the address waiting for
 * confirmation (a change asked for, else the account's unconfirmed address).
 */
export function sendEmailConfirmation(db: Db, actor: CurrentUser, input: { address?: string } = {}, now = new Date()): SendResult {
  const t = wordsFor(actor);
  const user = liveAccount(db, actor);
  const pending = pendingEmailChange(db, user, now);
  const address = pending ?? (user.emailVerifiedAt || !user.email ? null : user.email);
  if (!address) return { ok: false, errors: { form: t("accountsServer.confirm.nothingToResend") } };
  const keys = verifyKeys(user.id, input.address);
  const throttle = checkThrottle(db, keys, now.getTime());
  if (!throttle.allowed) return { ok: false, errors: { form: verifyWaitMessage(throttle.retryAt, now, actor.language ?? DEFAULT_LANGUAGE) }, throttled: true };
  recordFailure(db, keys, now.getTime());
  const context = accountEmailContext(db);
  const language = recipientLanguage(db, user.language);
  db.transaction((tx) => queueEmailConfirmation(tx, context, user, { address, change: !!pending, now, language }));
  return { ok: true, email: address };
}

/**
 * A change of address, once the current password was checked (changeEmail in
 * user.server.ts): a confirmation link to the new address, a notice to the
 * old one when it was confirmed. The address changes only when the link is
 * opened (confirmEmail).
 */
export function requestEmailChange(
  db: Db,
  actor: CurrentUser,
  input: { email: string; address?: string },
  now = new Date(),
): { ok: true; email: string } | { ok: false; errors: FieldErrors; throttled?: boolean } {
  const t = wordsFor(actor);
  const user = liveAccount(db, actor);
  const email = input.email.trim().toLowerCase();
  if (sameAddress(email, user.email)) return { ok: false, errors: { email: t("accountsServer.confirm.sameAddress") } };
  if (emailInUse(db, email, user.id)) return { ok: false, errors: { email: t("accountsServer.confirm.addressTaken") } };
  const keys = verifyKeys(user.id, input.address);
  const throttle = checkThrottle(db, keys, now.getTime());
  if (!throttle.allowed) return { ok: false, errors: { form: verifyWaitMessage(throttle.retryAt, now, actor.language ?? DEFAULT_LANGUAGE) }, throttled: true };
  recordFailure(db, keys, now.getTime());
  const context = accountEmailContext(db);
  const language = recipientLanguage(db, user.language);
  db.transaction((tx) => {
    queueEmailConfirmation(tx, context, user, { address: email, change: true, now, language });
    // An unconfirmed old address may be a typo: someone else's mailbox hears nothing.
    if (user.emailVerifiedAt && user.email) queueOutboxMessages(tx, [emailChangeNotice(context, language, user, user.email, email)], now);
  });
  return { ok: true, email };
}

export type ConfirmPage = { ok: true; email: string; change: boolean } | { ok: false; problem: TokenProblem };

/** /verify-email/<token>: which address the link confirms, or why it does not work. */
export function emailConfirmationPage(db: Db, token: string, now = new Date()): ConfirmPage {
  const check = checkAccountToken(db, token, "email_verify", now);
  return check.ok ? { ok: true, email: check.token.email, change: !sameAddress(check.token.email, check.user.email) } : check;
}

function isEmailUniqueViolation(error: unknown) {
  return error instanceof Error && error.message.includes("UNIQUE") && error.message.includes("email");
}

/**
 * Confirms the address of a link: the account's own (from then on it gets
 * notification emails), or the new one of a change, which takes effect now.
 */
export function confirmEmail(db: Db, token: string, now = new Date()): { ok: true; email: string; changed: boolean } | { ok: false; problem: TokenProblem } {
  const check = checkAccountToken(db, token, "email_verify", now);
  if (!check.ok) return check;
  const { user, token: row } = check;
  const changed = !sameAddress(row.email, user.email);
  try {
    return db.transaction((tx) => {
      if (!useToken(tx, row.id, now)) return { ok: false as const, problem: "used" as const };
      tx.update(users)
        .set({ email: row.email, emailVerifiedAt: !changed && user.emailVerifiedAt ? user.emailVerifiedAt : now })
        .where(and(eq(users.id, user.id), liveAccounts()))
        .run();
      return { ok: true as const, email: row.email, changed };
    });
  } catch (error) {
    // Another account took the address between the check and the change: the unique index decides.
    if (isEmailUniqueViolation(error)) return { ok: false, problem: "taken" };
    throw error;
  }
}
