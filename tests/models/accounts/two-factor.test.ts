// Two-factor sign-in's model: setting it up, codes (right, wrong, replayed,
// too old), recovery codes (single use, stored hashed), the throttle, and
// what staff may not do while the admins require it.
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, test } from "vitest";
import { checkThrottle, clearThrottle, THROTTLE_LIMIT } from "../../../app/models/accounts/throttle.server";
import { updateAccountRules } from "../../../app/models/accounts/account-rules.server";
import {
  countRecoveryCodesLeft,
  disableTwoFactor,
  enableTwoFactor,
  getTwoFactorState,
  hashRecoveryCode,
  regenerateRecoveryCodes,
  STAFF_MUST_KEEP_MESSAGE,
  startTwoFactorSetup,
  USED_CODE_MESSAGE,
  verifySignInCode,
  WRONG_CODE_MESSAGE,
  WRONG_RECOVERY_CODE_MESSAGE,
} from "../../../app/models/accounts/two-factor.server";
import { getUserById } from "../../../app/models/accounts/user.server";
import { loginAttempts, recoveryCodes, users } from "../../../db/schema";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { snapshot } from "../../support/model-helpers";

const db = createTestDb();
const STEP = 30_000;
/** Five seconds into the current time step, so neighbouring steps are exactly ±30 s away. */
const T = Math.floor(Date.now() / STEP) * STEP + 5_000;

function codeAt(secret: string, timestamp: number) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp });
}

/** A code that is not the one for any step in the window. */
function wrongCode(secret: string, now: number) {
  const valid = new Set([-1, 0, 1].map((d) => codeAt(secret, now + d * STEP)));
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

function secretOf(userId: number) {
  return getUserById(db, userId)!.totpSecret;
}

/** A user with two-factor on; returns the user, its secret and its recovery codes. */
async function userWithTwoFactor(overrides: Parameters<typeof createUser>[1] = {}, now = T - 10 * STEP) {
  const user = await createUser(db, overrides);
  expect(startTwoFactorSetup(db, user).ok).toBe(true);
  const secret = secretOf(user.id);
  const enabled = enableTwoFactor(db, user, { code: codeAt(secret, now) }, now);
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.errors));
  return { user, secret, codes: enabled.recoveryCodes };
}

describe("setting it up", () => {
  test("a secret is kept while it is set up, shown as a QR code and as text, and nothing is on yet", async () => {
    const user = await createUser(db, { username: "setup_sam" });
    expect((await getTwoFactorState(db, user)).setup).toBeNull();
    expect(startTwoFactorSetup(db, user).ok).toBe(true);

    const row = getUserById(db, user.id)!;
    expect(row.totpSecret).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes in base32
    expect(row.totpEnabledAt).toBeNull();

    const state = await getTwoFactorState(db, user);
    expect(state.enabledAt).toBeNull();
    expect(state.setup?.secret).toBe(row.totpSecret);
    expect(state.setup?.uri).toBe(
      `otpauth://totp/Entraide%20Community:setup_sam?issuer=Entraide%20Community&secret=${row.totpSecret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(state.setup?.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox=/);
    expect(state.setup?.qrSvg).not.toMatch(/<script|on\w+=/i);
  });

  test("a wrong code does not turn it on; the right one does and gives ten recovery codes, once", async () => {
    const user = await createUser(db);
    startTwoFactorSetup(db, user);
    const secret = secretOf(user.id);

    const wrong = enableTwoFactor(db, user, { code: wrongCode(secret, T) }, T);
    expect(wrong).toEqual({ ok: false, errors: { code: WRONG_CODE_MESSAGE } });
    expect(getUserById(db, user.id)!.totpEnabledAt).toBeNull();
    expect(countRecoveryCodesLeft(db, user.id)).toBe(0);

    const right = enableTwoFactor(db, user, { code: codeAt(secret, T) }, T);
    expect(right.ok).toBe(true);
    if (!right.ok) return;
    expect(getUserById(db, user.id)!.totpEnabledAt?.getTime()).toBe(T);
    expect(right.recoveryCodes).toHaveLength(10);
    expect(new Set(right.recoveryCodes).size).toBe(10);
    for (const code of right.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);

    const state = await getTwoFactorState(db, user);
    expect(state.setup).toBeNull(); // the secret is no longer shown
    expect(state.recoveryCodesLeft).toBe(10);
    expect(enableTwoFactor(db, user, { code: codeAt(secret, T + STEP) }, T + STEP)).toEqual({
      ok: false,
      errors: { form: "Two-factor sign-in is already on." },
    });
  });

  test("recovery codes are stored as SHA-256 hashes: no code appears anywhere in the database", async () => {
    const { user, codes } = await userWithTwoFactor();
    const rows = db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all();
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.codeHash).sort()).toEqual(codes.map((c) => hashRecoveryCode(user.id, c)).sort());
    for (const row of rows) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const everything = snapshot(db);
    for (const code of codes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace("-", ""));
    }
  });

  test("starting again before it is on gives a new secret; starting when it is on is refused", async () => {
    const user = await createUser(db);
    startTwoFactorSetup(db, user);
    const first = secretOf(user.id);
    startTwoFactorSetup(db, user);
    const second = secretOf(user.id);
    expect(second).not.toBe(first);
    // A code from the first secret no longer turns it on.
    expect(enableTwoFactor(db, user, { code: codeAt(first, T) }, T).ok).toBe(false);

    const { user: on, secret } = await userWithTwoFactor();
    expect(startTwoFactorSetup(db, on)).toEqual({ ok: false, errors: { form: "Two-factor sign-in is already on." } });
    expect(secretOf(on.id)).toBe(secret);
  });
});

describe("codes at sign-in", () => {
  test("the right code is accepted, a wrong one refused", async () => {
    const { user, secret } = await userWithTwoFactor();
    expect(verifySignInCode(db, user.id, { code: wrongCode(secret, T) }, T)).toEqual({ ok: false, errors: { code: WRONG_CODE_MESSAGE } });
    expect(verifySignInCode(db, user.id, { code: codeAt(secret, T) }, T)).toEqual({ ok: true, recoveryCodesLeft: null });
  });

  test("the same code is refused the second time (replay), and so is an earlier one once a later one was used", async () => {
    const { user, secret } = await userWithTwoFactor();
    const code = codeAt(secret, T);
    expect(verifySignInCode(db, user.id, { code }, T).ok).toBe(true);
    expect(verifySignInCode(db, user.id, { code }, T)).toEqual({ ok: false, errors: { code: USED_CODE_MESSAGE } });
    // Still refused a few seconds later, within the same step and the next.
    expect(verifySignInCode(db, user.id, { code }, T + 20_000).ok).toBe(false);
    expect(verifySignInCode(db, user.id, { code }, T + STEP).ok).toBe(false);

    // The next step's code (accepted one step early), then the current one: the older one is refused.
    const { user: other, secret: otherSecret } = await userWithTwoFactor();
    expect(verifySignInCode(db, other.id, { code: codeAt(otherSecret, T + STEP) }, T).ok).toBe(true);
    expect(verifySignInCode(db, other.id, { code: codeAt(otherSecret, T) }, T)).toEqual({ ok: false, errors: { code: USED_CODE_MESSAGE } });
    // Another person's use of a code says nothing about this one.
    expect(verifySignInCode(db, user.id, { code: codeAt(secret, T + STEP) }, T + STEP).ok).toBe(true);
  });

  test("one step either side is accepted; a code from two steps ago, or two ahead, is refused", async () => {
    const { user, secret } = await userWithTwoFactor();
    expect(verifySignInCode(db, user.id, { code: codeAt(secret, T - 2 * STEP) }, T)).toEqual({ ok: false, errors: { code: WRONG_CODE_MESSAGE } });
    expect(verifySignInCode(db, user.id, { code: codeAt(secret, T + 2 * STEP) }, T)).toEqual({ ok: false, errors: { code: WRONG_CODE_MESSAGE } });
    expect(verifySignInCode(db, user.id, { code: codeAt(secret, T - STEP) }, T).ok).toBe(true);
    const { user: other, secret: otherSecret } = await userWithTwoFactor();
    expect(verifySignInCode(db, other.id, { code: codeAt(otherSecret, T + STEP) }, T).ok).toBe(true);
  });

  test("the replay guard keeps one row per person in the throttle's table, apart from the throttle's own keys", async () => {
    const { user, secret } = await userWithTwoFactor();
    verifySignInCode(db, user.id, { code: codeAt(secret, T) }, T);
    verifySignInCode(db, user.id, { code: codeAt(secret, T + 3 * STEP) }, T + 3 * STEP);
    const rows = db.select().from(loginAttempts).all().filter((r) => r.key.startsWith(`totp-step:${user.id}:`));
    expect(rows.map((r) => r.key)).toEqual([`totp-step:${user.id}:${Math.floor((T + 3 * STEP) / STEP)}`]);
    // The sign-in throttle does not count them as failures.
    expect(checkThrottle(db, [`account:${user.id}`], T + 3 * STEP)).toEqual({ allowed: true });
  });

  test("a recovery code works once, typed in any case, with or without its hyphen", async () => {
    const { user, codes } = await userWithTwoFactor();
    const [first, second] = codes as [string, string];
    expect(verifySignInCode(db, user.id, { recoveryCode: ` ${first.toUpperCase()} ` }, T)).toEqual({ ok: true, recoveryCodesLeft: 9 });
    expect(verifySignInCode(db, user.id, { recoveryCode: first }, T)).toEqual({ ok: false, errors: { recoveryCode: WRONG_RECOVERY_CODE_MESSAGE } });
    expect(verifySignInCode(db, user.id, { recoveryCode: second.replace("-", "") }, T)).toEqual({ ok: true, recoveryCodesLeft: 8 });
    expect(verifySignInCode(db, user.id, { recoveryCode: "zzzz-zzzz" }, T).ok).toBe(false);
    expect(verifySignInCode(db, user.id, { recoveryCode: "---" }, T).ok).toBe(false);
    expect(countRecoveryCodesLeft(db, user.id)).toBe(8);
  });

  test("another person's recovery code does not work", async () => {
    const { codes } = await userWithTwoFactor();
    const { user: other } = await userWithTwoFactor();
    expect(verifySignInCode(db, other.id, { recoveryCode: codes[0]! }, T).ok).toBe(false);
  });

  test("wrong codes are throttled per account: after ten, even the right code waits, and a right password does not reset it", async () => {
    const { user, secret } = await userWithTwoFactor();
    for (let i = 0; i < THROTTLE_LIMIT; i++) {
      const result = verifySignInCode(db, user.id, i % 2 ? { code: wrongCode(secret, T) } : { recoveryCode: "nope-nope" }, T + i);
      expect(result.ok).toBe(false);
    }
    // What a right password does at sign-in (clears the account's key) changes nothing here.
    clearThrottle(db, [`account:${user.id}`]);
    const refused = verifySignInCode(db, user.id, { code: codeAt(secret, T) }, T + 100);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.form).toMatch(/^Too many sign-in attempts\. Please try again in 15 minutes\.$/);
    // Someone else is not held back.
    const { user: other, secret: otherSecret } = await userWithTwoFactor();
    expect(verifySignInCode(db, other.id, { code: codeAt(otherSecret, T) }, T + 100).ok).toBe(true);
  });

  test("a person without two-factor, or an unknown id, cannot pass the step", async () => {
    const plain = await createUser(db);
    expect(verifySignInCode(db, plain.id, { code: "123456" }, T).ok).toBe(false);
    expect(verifySignInCode(db, 999_999, { code: "123456" }, T).ok).toBe(false);
  });
});

describe("changing it later", () => {
  test("new recovery codes need the password; the old ones stop working", async () => {
    const { user, codes } = await userWithTwoFactor();
    const wrong = await regenerateRecoveryCodes(db, user, { currentPassword: "not my password" }, T);
    expect(wrong).toEqual({ ok: false, errors: { currentPassword: "That is not your current password." } });
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all().map((r) => r.codeHash).sort()).toEqual(
      codes.map((c) => hashRecoveryCode(user.id, c)).sort(),
    );

    const fresh = await regenerateRecoveryCodes(db, user, { currentPassword: TEST_PASSWORD }, T);
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes.some((c) => codes.includes(c))).toBe(false);
    expect(verifySignInCode(db, user.id, { recoveryCode: codes[0]! }, T).ok).toBe(false);
    expect(verifySignInCode(db, user.id, { recoveryCode: fresh.recoveryCodes[0]! }, T).ok).toBe(true);
  });

  test("turning it off takes the password and a current code (or a recovery code)", async () => {
    const { user, secret } = await userWithTwoFactor();
    expect(await disableTwoFactor(db, user, { currentPassword: "not my password", code: codeAt(secret, T) }, T)).toEqual({
      ok: false,
      errors: { currentPassword: "That is not your current password." },
    });
    expect(await disableTwoFactor(db, user, { currentPassword: TEST_PASSWORD, code: wrongCode(secret, T) }, T)).toEqual({
      ok: false,
      errors: { code: WRONG_CODE_MESSAGE },
    });
    expect(getUserById(db, user.id)!.totpEnabledAt).not.toBeNull();

    expect(await disableTwoFactor(db, user, { currentPassword: TEST_PASSWORD, code: codeAt(secret, T) }, T)).toEqual({ ok: true });
    const row = getUserById(db, user.id)!;
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecret).toBe("");
    expect(countRecoveryCodesLeft(db, user.id)).toBe(0);
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all()).toEqual([]);

    const { user: lost, codes } = await userWithTwoFactor();
    expect(await disableTwoFactor(db, lost, { currentPassword: TEST_PASSWORD, code: codes[3]! }, T)).toEqual({ ok: true });
  });

  test("staff cannot turn it off while the admins require it; nothing changes", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { user: moderator, secret } = await userWithTwoFactor({ role: "moderator" });
    updateAccountRules(db, asCurrentUser(db, admin.id), { requireStaffTwoFactor: true });
    try {
      const before = db.select().from(users).where(eq(users.id, moderator.id)).get();
      const result = await disableTwoFactor(db, moderator, { currentPassword: TEST_PASSWORD, code: codeAt(secret, T) }, T);
      expect(result).toEqual({ ok: false, errors: { form: STAFF_MUST_KEEP_MESSAGE } });
      expect(db.select().from(users).where(eq(users.id, moderator.id)).get()).toEqual(before);
      expect(countRecoveryCodesLeft(db, moderator.id)).toBe(10);
      expect((await getTwoFactorState(db, moderator)).required).toBe(true);
      // A member may still turn theirs off under the same rule.
      const { user: member, secret: memberSecret } = await userWithTwoFactor();
      expect((await disableTwoFactor(db, member, { currentPassword: TEST_PASSWORD, code: codeAt(memberSecret, T) }, T)).ok).toBe(true);
    } finally {
      updateAccountRules(db, asCurrentUser(db, admin.id), { requireStaffTwoFactor: false });
    }
  });
});
