import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/field";
import { forgotPasswordSchema } from "~/forms/account";
import { requestPasswordReset } from "~/models/accounts/account-tokens.server";
import { parseForm, readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password?" }];

type ActionData = { sent?: boolean; errors?: Record<string, string>; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(forgotPasswordSchema, form);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await requestPasswordReset(context.db, { login: parsed.data.login, address: context.clientAddress });
  if (!result.ok) return json<ActionData>({ errors: result.errors, values: { login: parsed.data.login } }, { status: 429 });
  // The same answer whether or not the account exists.
  return json<ActionData>({ sent: true });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const errors = data?.errors ?? {};
  return (
    <section className="page-narrow card auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      {data?.sent ? (
        <>
          <div className="alert alert-success" role="status">
            If an account matches what you typed, we sent a link to choose a new password to its email address. The link
            works once, for one hour.
          </div>
          <p>
            Nothing after a few minutes? Check your spam folder, or <Link to="/forgot-password">ask again</Link>.
          </p>
        </>
      ) : (
        <>
          <p className="lede">Type your username or email, and we'll email you a link to choose a new password.</p>
          <FormAlert message={errors.form} />
          <Form method="post" noValidate className="stack">
            <Field
              label="Username or email"
              name="login"
              autoComplete="username"
              required
              defaultValue={data?.values?.login}
              error={errors.login}
            />
            <button type="submit" className="button button-primary button-wide" disabled={busy}>
              {busy ? "Sending…" : "Email me a link"}
            </button>
          </Form>
        </>
      )}
      <p className="auth-switch">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
