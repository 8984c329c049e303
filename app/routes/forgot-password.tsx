import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/field";
import { forgotPasswordSchema } from "~/forms/account";
import { requestPasswordReset } from "~/models/accounts/account-tokens.server";
import { parseForm, readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("forgotPassword.title") }];

type ActionData = { sent?: boolean; errors?: Record<string, string>; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(forgotPasswordSchema, form, context.language);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await requestPasswordReset(context.db, { login: parsed.data.login, address: context.clientAddress, language: context.language });
  if (!result.ok) return json<ActionData>({ errors: result.errors, values: { login: parsed.data.login } }, { status: 429 });
  // The same answer whether or not the account exists.
  return json<ActionData>({ sent: true });
}

export default function ForgotPassword() {
  const t = useT();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const errors = data?.errors ?? {};
  return (
    <section className="page-narrow card auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgotPassword.heading")}</h1>
      {data?.sent ? (
        <>
          <div className="alert alert-success" role="status">
            {t("forgotPassword.sent")}
          </div>
          <p>
            {t("forgotPassword.nothingBefore")} <Link to="/forgot-password">{t("forgotPassword.askAgain")}</Link>
            {t("forgotPassword.nothingAfter")}
          </p>
        </>
      ) : (
        <>
          <p className="lede">{t("forgotPassword.lede")}</p>
          <FormAlert message={errors.form} />
          <Form method="post" noValidate className="stack">
            <Field
              label={t("login.loginLabel")}
              name="login"
              autoComplete="username"
              required
              defaultValue={data?.values?.login}
              error={errors.login}
            />
            <button type="submit" className="button button-primary button-wide" disabled={busy}>
              {busy ? t("forgotPassword.submitting") : t("forgotPassword.submit")}
            </button>
          </Form>
        </>
      )}
      <p className="auth-switch">
        {t("forgotPassword.remembered")} <Link to="/login">{t("forgotPassword.signIn")}</Link>
      </p>
    </section>
  );
}
