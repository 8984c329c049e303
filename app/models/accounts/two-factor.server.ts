// Two-factor sign-in: a TOTP code from an authenticator app (RFC 6238, via
// otpauth), or one of ten single-use recovery codes.
//
// Where things are kept (no schema change):
// - users.totp_secret holds the base32 secret, first while it is being set up
//   (totp_enabled_at null), then once enabled; '' when two-factor is off.
// - recovery_codes holds SHA-256 hashes only. A slow hash (argon2) would add
//   nothing against someone who reads the database: the TOTP secret beside
//   them must be readable to check codes, so such a reader can make codes
//   anyway. The hash keeps the codes themselves out of backups and exports,
//   and an exact-match lookup keeps using one a single atomic update.
// - Replay: the time step of the last accepted code is a row of the sign-in
//   throttle's table (login_attempts), key "totp-step:<user id>:<step>". A
//   code is accepted only if no step at or after its own was accepted for
//   that user (RFC 6238 §5.2), checked and written in one IMMEDIATE
//   transaction, so two processes cannot both accept it. The throttle's own
//   pruning drops those rows after its 15-minute window, long after any
//   step they could refuse has left the ±1-step validation window; the keys
//   never collide with the throttle's "account:" and "ip:" keys.
// - Wrong codes (app or recovery) are throttled per account under their own
//   key, "two-factor:<user id>": a correct password clears the "account:" key,
//   so sharing it would let someone who knows the password reset the count.
import { createHash, randomInt } from "node:crypto";
import { and, count, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { Db, DbOrTx } from "../../../db/client";
import { loginAttempts, recoveryCodes, users } from "../../../db/schema";
import { currentPasswordProblem, passwordRefusal } from "./user.server";
import { staffMustUseTwoFactor } from "../../auth/current-user.server";
import { RECOVERY_CODE_COUNT, TOTP_DIGITS } from "../../forms/two-factor";
import type { FieldErrors } from "../../utils/form.server";
import { refusedWith } from "../../i18n/message";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/languages";
import { getSiteSettings } from "../site/settings.server";
import { sayIn } from "./account-words.server";
import { checkThrottle, clearThrottle, recordFailure, waitMessage } from "./throttle.server";

export { RECOVERY_CODE_COUNT } from "../../forms/two-factor";

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now: a code typed as it changed, or a clock a little off. */
export const TOTP_WINDOW = 1;
/** 160 bits, the length RFC 4226 recommends for HMAC-SHA1. */
const SECRET_BYTES = 20;

const WRONG_CODE = "accountsServer.twoFactor.wrongCode";
const USED_CODE = "accountsServer.twoFactor.usedCode";
const WRONG_RECOVERY_CODE = "accountsServer.twoFactor.wrongRecoveryCode";
const STAFF_MUST_KEEP = "accountsServer.twoFactor.staffMustKeep";

/** The English words of these refusals (tests compare with them). */
export const WRONG_CODE_MESSAGE = sayIn("en", WRONG_CODE);
export const USED_CODE_MESSAGE = sayIn("en", USED_CODE);
export const WRONG_RECOVERY_CODE_MESSAGE = sayIn("en", WRONG_RECOVERY_CODE);

/** A refusal says `throttled` when it is "too many tries, wait" (the route answers 429). */
export type Result<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors; throttled?: boolean };

/** The person acting on their own account; `language` is their request's (what they are told is in it). */
type Account = { id: number; role: "member" | "moderator" | "admin"; language?: Language | null };

function languageFor(actor: { language?: Language | null }): Language {
  return actor.language ?? DEFAULT_LANGUAGE;
}

function noSuchAccount(): Response {
  return refusedWith(404, "accountsServer.notFound.account");
}

function totpFor(secret: string, label = "", issuer = "") {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

function throttleKey(userId: number) {
  return `two-factor:${userId}`;
}

function stepKey(userId: number, step: number) {
  return `totp-step:${userId}:${step}`;
}

function accountRow(db: DbOrTx, userId: number) {
  return (
    db
      .select({
        id: users.id,
        username: users.username,
        role: users.role,
        passwordHash: users.passwordHash,
        totpSecret: users.totpSecret,
        totpEnabledAt: users.totpEnabledAt,
        deletedAt: users.deletedAt,
      })
      .from(users)
      .where(eq(users.id, userId))
      .get() ?? null
  );
}

/** Whether this person signs in with a second factor. */
export function hasTwoFactor(db: DbOrTx, userId: number): boolean {
  const row = accountRow(db, userId);
  return !!row && !!row.totpEnabledAt && !!row.totpSecret && !row.deletedAt;
}

// ---------------------------------------------------------------- recovery codes

// No 0/o, 1/l/i: codes are copied by hand from paper.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person types, as the code is stored: case, spaces and hyphens do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

/** The stored form: SHA-256 of the user id and the normalised code (see the top of the file for why not argon2). */
export function hashRecoveryCode(userId: number, code: string): string {
  return createHash("sha256").update(`${userId}:${normalizeRecoveryCode(code)}`).digest("hex");
}

/** Replaces the user's recovery codes with ten new ones, and returns them (the only time they are seen). */
function replaceRecoveryCodes(tx: DbOrTx, userId: number, now: number): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code), createdAt: new Date(now) })))
    .run();
  return codes;
}

export function countRecoveryCodesLeft(db: DbOrTx, userId: number): number {
  const row = db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .get();
  return row?.n ?? 0;
}

/** Marks the code used if it is one of the user's unused ones; one atomic update, so it works once. */
function useRecoveryCode(tx: DbOrTx, userId: number, code: string, now: number): boolean {
  if (!normalizeRecoveryCode(code)) return false;
  const result = tx
    .update(recoveryCodes)
    .set({ usedAt: new Date(now) })
    .where(
      and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(userId, code)), isNull(recoveryCodes.usedAt)),
    )
    .run();
  return result.changes > 0;
}

// ---------------------------------------------------------------- TOTP codes

type CodeCheck = "accepted" | "wrong" | "used";

/**
 * Checks a code against the secret and, when it is right, records its time
 * step so that neither it nor any earlier code works again. Runs inside the
 * caller's IMMEDIATE transaction.
 */
function acceptTotpCode(tx: DbOrTx, userId: number, secret: string, code: string, now: number): CodeCheck {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return "wrong";
  const totp = totpFor(secret);
  const delta = totp.validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return "wrong";
  const current = totp.counter({ timestamp: now });
  const step = current + delta;
  // A step accepted earlier was at most one past the "now" of that time, so
  // the later steps worth looking for run up to current + TOTP_WINDOW.
  const laterSteps: string[] = [];
  for (let s = step; s <= current + TOTP_WINDOW; s++) laterSteps.push(stepKey(userId, s));
  const used = tx.select({ id: loginAttempts.id }).from(loginAttempts).where(inArray(loginAttempts.key, laterSteps)).get();
  if (used) return "used";
  // This user's older steps are no longer needed: the newest one refuses them all.
  tx.delete(loginAttempts)
    .where(and(gte(loginAttempts.key, `totp-step:${userId}:`), lt(loginAttempts.key, `totp-step:${userId};`)))
    .run();
  tx.insert(loginAttempts).values({ key: stepKey(userId, step), createdAt: new Date(now) }).run();
  return "accepted";
}

/**
 * Runs `check` (which returns an error message, or null when the code was
 * accepted) under the per-account throttle for codes: refused while the
 * account has had too many wrong codes, counted when wrong, cleared when right.
 */
type Outcome<T> = { error: string; throttled?: boolean } | { value: T };

function throttled<T>(db: Db, userId: number, now: number, language: Language, check: () => Outcome<T>): Outcome<T> {
  const keys = [throttleKey(userId)];
  const state = checkThrottle(db, keys, now);
  if (!state.allowed) return { error: waitMessage(state.retryAt, now, language), throttled: true };
  const outcome = check();
  if ("error" in outcome) recordFailure(db, keys, now);
  else clearThrottle(db, keys);
  return outcome;
}

function codeMessage(check: CodeCheck, language: Language): string {
  return sayIn(language, check === "used" ? USED_CODE : WRONG_CODE);
}

/** A code's refusal, beside the field (the throttle's "wait" marked, for a 429). */
function codeRefusal(outcome: { error: string; throttled?: boolean }, field = "code"): { ok: false; errors: FieldErrors; throttled?: boolean } {
  return outcome.throttled ? { ok: false, errors: { [field]: outcome.error }, throttled: true } : { ok: false, errors: { [field]: outcome.error } };
}


// ---------------------------------------------------------------- the settings page

export type TwoFactorState = {
  /** When it was turned on; null while off. */
  enabledAt: Date | null;
  /** While being set up: what the app needs (the QR code, and the same key in text). */
  setup: { secret: string; uri: string; qrSvg: string } | null;
  recoveryCodesLeft: number;
  /** Staff under the admins' rule: it must be on, and cannot be turned off. */
  required: boolean;
  /** Whether a password is asked before changes (a single sign-on account may have none). */
  hasPassword: boolean;
};

/** What /settings/security shows the signed-in person about their own account. */
export async function getTwoFactorState(db: Db, actor: Account): Promise<TwoFactorState> {
  const row = accountRow(db, actor.id);
  if (!row) throw noSuchAccount();
  const required = staffMustUseTwoFactor(db, row);
  let setup: TwoFactorState["setup"] = null;
  if (!row.totpEnabledAt && row.totpSecret) {
    // The name the authenticator app lists the account under, as the emails sign.
    const issuer = sayIn(languageFor(actor), "accountsServer.mail.fromName", { brand: getSiteSettings(db).brandName });
    const uri = totpFor(row.totpSecret, row.username, issuer).toString();
    // The QR code is drawn here, as SVG paths: no script, no image request,
    // nothing of the person's text inside the markup (only in the modules).
    const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    setup = { secret: row.totpSecret, uri, qrSvg };
  }
  return {
    enabledAt: row.totpEnabledAt,
    setup,
    recoveryCodesLeft: row.totpEnabledAt ? countRecoveryCodesLeft(db, row.id) : 0,
    required,
    hasPassword: !!row.passwordHash,
  };
}

/**
 * Starts setting up: a new secret, kept while the person adds it to their app
 * and proves it with a code. Starting again replaces a secret not yet enabled.
 */
export function startTwoFactorSetup(db: Db, actor: Account): Result<object> {
  const row = accountRow(db, actor.id);
  if (!row) throw noSuchAccount();
  if (row.totpEnabledAt) return { ok: false, errors: { form: sayIn(languageFor(actor), "accountsServer.twoFactor.alreadyOn") } };
  const secret = new Secret({ size: SECRET_BYTES }).base32;
  db.update(users).set({ totpSecret: secret }).where(and(eq(users.id, actor.id), isNull(users.totpEnabledAt))).run();
  return { ok: true };
}

/** Turns two-factor on once a code from the app matches the secret being set up; returns the recovery codes, once. */
export function enableTwoFactor(db: Db, actor: Account, input: { code: string }, now = Date.now()): Result<{ recoveryCodes: string[] }> {
  const language = languageFor(actor);
  const row = accountRow(db, actor.id);
  if (!row) throw noSuchAccount();
  if (row.totpEnabledAt) return { ok: false, errors: { form: sayIn(language, "accountsServer.twoFactor.alreadyOn") } };
  if (!row.totpSecret) return { ok: false, errors: { form: sayIn(language, "accountsServer.twoFactor.startFirst") } };
  const secret = row.totpSecret;
  const outcome = throttled<string[]>(db, actor.id, now, language, () =>
    db.transaction(
      (tx): Outcome<string[]> => {
        const check = acceptTotpCode(tx, actor.id, secret, input.code, now);
        if (check !== "accepted") return { error: codeMessage(check, language) };
        const enabled = tx
          .update(users)
          .set({ totpEnabledAt: new Date(now) })
          .where(and(eq(users.id, actor.id), eq(users.totpSecret, secret), isNull(users.totpEnabledAt)))
          .run();
        // Started again in another tab, or enabled there: this secret is no longer the one.
        if (enabled.changes === 0) return { error: sayIn(language, "accountsServer.twoFactor.changedElsewhere") };
        return { value: replaceRecoveryCodes(tx, actor.id, now) };
      },
      { behavior: "immediate" },
    ),
  );
  if ("error" in outcome) return codeRefusal(outcome);
  return { ok: true, recoveryCodes: outcome.value };
}

/** Ten new recovery codes (the old ones stop working), after the password, or a code when the account has no password. */
export async function regenerateRecoveryCodes(
  db: Db,
  actor: Account,
  input: { currentPassword: string; code?: string },
  now = Date.now(),
): Promise<Result<{ recoveryCodes: string[] }>> {
  const language = languageFor(actor);
  const row = accountRow(db, actor.id);
  if (!row) throw noSuchAccount();
  if (!row.totpEnabledAt) return { ok: false, errors: { form: sayIn(language, "accountsServer.twoFactor.noCodesToReplace") } };
  if (row.passwordHash) {
    const wrong = await currentPasswordProblem(db, row.id, input.currentPassword, now, language);
    if (wrong) return passwordRefusal(wrong);
    return { ok: true, recoveryCodes: db.transaction((tx) => replaceRecoveryCodes(tx, actor.id, now)) };
  }
  const secret = row.totpSecret;
  const outcome = throttled<string[]>(db, actor.id, now, language, () =>
    db.transaction(
      (tx): Outcome<string[]> => {
        const check = acceptTotpCode(tx, actor.id, secret, (input.code ?? "").replace(/\s+/g, ""), now);
        return check === "accepted" ? { value: replaceRecoveryCodes(tx, actor.id, now) } : { error: codeMessage(check, language) };
      },
      { behavior: "immediate" },
    ),
  );
  if ("error" in outcome) return codeRefusal(outcome);
  return { ok: true, recoveryCodes: outcome.value };
}

export const STAFF_MUST_KEEP_MESSAGE = sayIn("en", STAFF_MUST_KEEP);

/**
 * Turns two-factor off: the password (when the account has one) and a current
 * code, from the app or a recovery code. Refused for staff while the admins'
 * rule requires it.
 */
export async function disableTwoFactor(
  db: Db,
  actor: Account,
  input: { currentPassword: string; code: string },
  now = Date.now(),
): Promise<Result<object>> {
  const language = languageFor(actor);
  const row = accountRow(db, actor.id);
  if (!row) throw noSuchAccount();
  if (!row.totpEnabledAt) return { ok: false, errors: { form: sayIn(language, "accountsServer.twoFactor.alreadyOff") } };
  if (staffMustUseTwoFactor(db, row)) return { ok: false, errors: { form: sayIn(language, STAFF_MUST_KEEP) } };
  if (row.passwordHash) {
    const wrong = await currentPasswordProblem(db, row.id, input.currentPassword, now, language);
    if (wrong) return passwordRefusal(wrong);
  }
  const code = input.code.trim();
  const secret = row.totpSecret;
  const outcome = throttled<boolean>(db, actor.id, now, language, () =>
    db.transaction(
      (tx): Outcome<boolean> => {
        const appCode = code.replace(/\s+/g, "");
        const fromApp = new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(appCode);
        const accepted = fromApp
          ? acceptTotpCode(tx, actor.id, secret, appCode, now)
          : useRecoveryCode(tx, actor.id, code, now)
            ? "accepted"
            : "wrong";
        if (accepted !== "accepted") return { error: fromApp ? codeMessage(accepted, language) : sayIn(language, WRONG_RECOVERY_CODE) };
        tx.update(users).set({ totpSecret: "", totpEnabledAt: null }).where(eq(users.id, actor.id)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id)).run();
        return { value: true };
      },
      { behavior: "immediate" },
    ),
  );
  if ("error" in outcome) return codeRefusal(outcome);
  return { ok: true };
}

// ---------------------------------------------------------------- the sign-in step

/**
 * The second step of signing in: a code from the app, or a recovery code
 * (used up). `userId` comes from the signed two-factor cookie, never the form;
 * `language` is the page's (the person is not signed in yet).
 */
export function verifySignInCode(
  db: Db,
  userId: number,
  input: { code: string } | { recoveryCode: string },
  now = Date.now(),
  language: Language = DEFAULT_LANGUAGE,
): Result<{ recoveryCodesLeft: number | null }> {
  const field = "code" in input ? "code" : "recoveryCode";
  const row = accountRow(db, userId);
  if (!row || !row.totpEnabledAt || !row.totpSecret || row.deletedAt) {
    return { ok: false, errors: { form: sayIn(language, "accountsServer.twoFactor.signInGone") } };
  }
  const secret = row.totpSecret;
  const outcome = throttled<number | null>(db, userId, now, language, () =>
    db.transaction(
      (tx): Outcome<number | null> => {
        if ("code" in input) {
          const check = acceptTotpCode(tx, userId, secret, input.code, now);
          return check === "accepted" ? { value: null } : { error: codeMessage(check, language) };
        }
        return useRecoveryCode(tx, userId, input.recoveryCode, now)
          ? { value: countRecoveryCodesLeft(tx, userId) }
          : { error: sayIn(language, WRONG_RECOVERY_CODE) };
      },
      { behavior: "immediate" },
    ),
  );
  if ("error" in outcome) {
    // The throttle's "wait" is about the whole step, not one field.
    return outcome.throttled ? { ok: false, errors: { form: outcome.error }, throttled: true } : { ok: false, errors: { [field]: outcome.error } };
  }
  return { ok: true, recoveryCodesLeft: outcome.value };
}
