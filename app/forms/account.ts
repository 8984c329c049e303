// The account forms' schemas, shared by the pages (hints) and the server
// (the truth). Lengths are checked here and never enforced with maxLength in
// the browser, which would silently cut what a person pastes.
import { z } from "zod";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 30;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 1000;
export const EMAIL_MAX = 254;

export const username = z
  .string()
  .trim()
  .min(1, "Choose a username.")
  .min(USERNAME_MIN, `A username has at least ${USERNAME_MIN} characters.`)
  .max(USERNAME_MAX, `A username has at most ${USERNAME_MAX} characters.`)
  .regex(/^[A-Za-z0-9_-]+$/, "Use only letters, digits, - and _.");

export const email = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters.`)
  .email("Enter a valid email address, like name@example.com.");

export const newPassword = z
  .string()
  .min(1, "Choose a password.")
  .min(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`);

/** Refused for a new password wherever one is chosen (sign-up, change, reset). */
export const COMMON_PASSWORD_MESSAGE =
  "That password is among the most common ones and easy to guess. Please choose another.";

export const joinSchema = z.object({
  username,
  email,
  password: newPassword,
});

export const loginSchema = z.object({
  login: z.string().trim().min(1, "Enter your username or email.").max(EMAIL_MAX, "That is too long to be a username or email."),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX, "That password is too long."),
  redirectTo: z.string().optional(),
});

export const profileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, "Enter a display name.")
    .max(DISPLAY_NAME_MAX, `A display name has at most ${DISPLAY_NAME_MAX} characters.`),
  bio: z.string().trim().max(BIO_MAX, `A bio has at most ${BIO_MAX} characters.`),
});

export const emailChangeSchema = z.object({
  email,
  currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX, "That password is too long."),
});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX, "That password is too long."),
    newPassword,
    confirmPassword: z.string().min(1, "Type the new password again."),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });

export const forgotPasswordSchema = z.object({
  login: z.string().trim().min(1, "Enter your username or email.").max(EMAIL_MAX, "That is too long to be a username or email."),
});

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string().min(1, "Type the new password again."),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });
