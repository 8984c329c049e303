// The two-factor forms: the code from an authenticator app, a recovery code,
// and the password re-check before a change to either. Shared by
// /settings/security and the sign-in step (/login/two-factor).
import { z } from "zod";
import { PASSWORD_MAX } from "./account";

export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** Apps show "123 456": spaces are dropped before the check. */
export const authenticatorCode = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .min(1, `Enter the ${TOTP_DIGITS}-digit code from your authenticator app.`)
      .regex(/^\d+$/, `The code is ${TOTP_DIGITS} digits, from your authenticator app.`)
      .length(TOTP_DIGITS, `The code is ${TOTP_DIGITS} digits, from your authenticator app.`),
  );

export const recoveryCode = z
  .string()
  .trim()
  .min(1, "Enter one of your recovery codes.")
  .max(40, "A recovery code looks like abcd-2345.");

/** A code from the app, or one of the recovery codes (turning two-factor off after losing the phone). */
export const codeOrRecoveryCode = z
  .string()
  .trim()
  .min(1, "Enter a code from your authenticator app, or a recovery code.")
  .max(40, "Enter a 6-digit code from your app, or a recovery code like abcd-2345.");

const currentPassword = z.string().max(PASSWORD_MAX, "That password is too long.");

export const enableTwoFactorSchema = z.object({ code: authenticatorCode });

/** The password is asked for when the account has one (a single sign-on account may not). */
export const regenerateRecoveryCodesSchema = z.object({ currentPassword: currentPassword.optional().default("") });

export const disableTwoFactorSchema = z.object({
  currentPassword: currentPassword.optional().default(""),
  code: codeOrRecoveryCode,
});

export const signInCodeSchema = z.object({ code: authenticatorCode });
export const signInRecoveryCodeSchema = z.object({ recoveryCode });

/** How long the two-factor step of a sign-in lasts (the page says it, so not in a .server module). */
export const TWO_FACTOR_STEP_SECONDS = 5 * 60;
