// The two-factor forms: the code from an authenticator app, a recovery code,
// and the password re-check before a change to either. Shared by
// /settings/security and the sign-in step (/login/two-factor). Messages are
// catalogue keys (accountsServer.twoFactor.*), with the code's length as {digits}.
import { z } from "zod";
import { PASSWORD_MAX } from "./account";

export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

const digits = { digits: TOTP_DIGITS };

/** Apps show "123 456": spaces are dropped before the check. */
export const authenticatorCode = z
  .string({ required_error: "accountsServer.twoFactor.codeRequired" })
  .transform((value) => value.replace(/\s+/g, ""))
  .superRefine((code, ctx) => {
    const message = !code
      ? "accountsServer.twoFactor.codeRequired"
      : !new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)
        ? "accountsServer.twoFactor.codeShape"
        : null;
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: digits });
  });

export const recoveryCode = z
  .string({ required_error: "accountsServer.twoFactor.recoveryRequired" })
  .trim()
  .min(1, "accountsServer.twoFactor.recoveryRequired")
  .max(40, "accountsServer.twoFactor.recoveryShape");

/** A code from the app, or one of the recovery codes (turning two-factor off after losing the phone). */
export const codeOrRecoveryCode = z
  .string({ required_error: "accountsServer.twoFactor.eitherRequired" })
  .trim()
  .superRefine((code, ctx) => {
    const message = !code ? "accountsServer.twoFactor.eitherRequired" : code.length > 40 ? "accountsServer.twoFactor.eitherShape" : null;
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: digits });
  });

const currentPassword = z.string().max(PASSWORD_MAX, "accountsServer.password.tooLong");

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
