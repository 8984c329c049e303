import type { ReactNode } from "react";
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from "~/forms/account";
import { useT } from "~/i18n/i18n";
import { Field } from "./field";

/** The username of a new account (joining, or a first single sign-on), with its rules as the hint. */
export function UsernameField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const t = useT();
  return (
    <Field
      label={t("accountFields.username")}
      name="username"
      autoComplete="username"
      required
      defaultValue={defaultValue}
      error={error}
      hint={t("accountFields.usernameHint", { min: USERNAME_MIN, max: USERNAME_MAX })}
    />
  );
}

/** An email address field: joining, a first single sign-on, changing it in settings. */
export function EmailField({ defaultValue, error, hint }: { defaultValue?: string; error?: string; hint: ReactNode }) {
  const t = useT();
  return (
    <Field label={t("accountFields.email")} name="email" type="email" autoComplete="email" required defaultValue={defaultValue} error={error} hint={hint} />
  );
}

/** A password being chosen (joining, a reset, a change): never sent back, so no default value. */
export function NewPasswordField({ label, name = "password", error, hint }: { label?: string; name?: string; error?: string; hint?: string }) {
  const t = useT();
  return (
    <Field
      label={label ?? t("accountFields.password")}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      error={error}
      hint={hint ?? t("accountFields.passwordHint", { min: PASSWORD_MIN, max: PASSWORD_MAX })}
    />
  );
}
