import type { ReactNode } from "react";
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from "~/forms/account";
import { Field } from "./field";

/** The username of a new account (joining, or a first single sign-on), with its rules as the hint. */
export function UsernameField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return (
    <Field
      label="Username"
      name="username"
      autoComplete="username"
      required
      defaultValue={defaultValue}
      error={error}
      hint={`${USERNAME_MIN}–${USERNAME_MAX} letters, digits, - or _. Shown on your posts.`}
    />
  );
}

/** An email address field: joining, a first single sign-on, changing it in settings. */
export function EmailField({ defaultValue, error, hint }: { defaultValue?: string; error?: string; hint: ReactNode }) {
  return <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={defaultValue} error={error} hint={hint} />;
}

/** A password being chosen (joining, a reset, a change): never sent back, so no default value. */
export function NewPasswordField({ label = "Password", name = "password", error, hint }: { label?: string; name?: string; error?: string; hint?: string }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      error={error}
      hint={hint ?? `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A short sentence is easy to remember and hard to guess.`}
    />
  );
}
