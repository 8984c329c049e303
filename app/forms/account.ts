// The account forms' schemas, shared by the pages (hints) and the server
// (the truth). Lengths are checked here and never enforced with maxLength in
// the browser, which would silently cut what a person pastes. Messages are
// catalogue keys (accountsServer.*, app/i18n/catalogues/<language>/accounts-server.json):
// parseForm puts them into words in the reader's language, with {min}/{max}.
import { z } from "zod";
import { LANGUAGES, type Language } from "../i18n/languages";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 30;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 1000;
export const EMAIL_MAX = 254;

/** A text field; a form sent without it reads as the field left empty (the same message, not zod's "Required"). */
export function textField(required: string) {
  return z.string({ required_error: required, invalid_type_error: required });
}

export const username = textField("accountsServer.username.required")
  .trim()
  .min(1, "accountsServer.username.required")
  .min(USERNAME_MIN, "accountsServer.username.short")
  .max(USERNAME_MAX, "accountsServer.username.long")
  .regex(/^[A-Za-z0-9_-]+$/, "accountsServer.username.characters");

export const email = textField("accountsServer.email.required")
  .trim()
  .min(1, "accountsServer.email.required")
  .max(EMAIL_MAX, "accountsServer.email.long")
  .email("accountsServer.email.invalid");

export const newPassword = textField("accountsServer.password.required")
  .min(1, "accountsServer.password.required")
  .min(PASSWORD_MIN, "accountsServer.password.short")
  .max(PASSWORD_MAX, "accountsServer.password.long");

/** Refused for a new password wherever one is chosen (sign-up, change, reset). */
export const COMMON_PASSWORD_KEY = "accountsServer.password.common";

const login = textField("accountsServer.login.required").trim().min(1, "accountsServer.login.required").max(EMAIL_MAX, "accountsServer.login.long");
const currentPassword = textField("accountsServer.currentPassword.required").min(1, "accountsServer.currentPassword.required").max(PASSWORD_MAX, "accountsServer.password.tooLong");
const passwordAgain = textField("accountsServer.password.again").min(1, "accountsServer.password.again");

export const joinSchema = z.object({
  username,
  email,
  password: newPassword,
});

export const loginSchema = z.object({
  login,
  password: textField("accountsServer.login.passwordRequired").min(1, "accountsServer.login.passwordRequired").max(PASSWORD_MAX, "accountsServer.password.tooLong"),
  redirectTo: z.string().optional(),
});

export const profileSchema = z.object({
  displayName: textField("accountsServer.displayName.required").trim().min(1, "accountsServer.displayName.required").max(DISPLAY_NAME_MAX, "accountsServer.displayName.long"),
  bio: z.string().trim().max(BIO_MAX, "accountsServer.bio.long").default(""),
});

export const emailChangeSchema = z.object({
  email,
  currentPassword,
});

export const passwordChangeSchema = z
  .object({
    currentPassword,
    newPassword,
    confirmPassword: passwordAgain,
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "accountsServer.password.mismatch",
  });

export const forgotPasswordSchema = z.object({ login });

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: passwordAgain,
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "accountsServer.password.mismatch",
  });

/**
 * The interface's language a member chooses in their settings: one of ours,
 * or "automatic" (follow the switcher's cookie, then the browser), kept as null.
 */
export const LANGUAGE_CHOICES = ["automatic", ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export const languageSchema = z.object({
  language: z
    .enum(LANGUAGE_CHOICES, { errorMap: () => ({ message: "accountsServer.language.choose" }) })
    .transform((choice): Language | null => (choice === "automatic" ? null : choice)),
});
