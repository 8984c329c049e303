import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireVisitor } from "~/auth/current-user.server";
import { clearPendingSignIn, finishTwoFactorSignIn, readPendingSignIn, TWO_FACTOR_STEP_SECONDS } from "~/auth/sign-in.server";
import { Field, FormAlert } from "~/components/field";
import { signInCodeSchema, signInRecoveryCodeSchema, TOTP_DIGITS } from "~/forms/two-factor";
import { verifySignInCode } from "~/models/accounts/two-factor.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in" }];

// Never kept by the page cache: the page differs with the two-factor cookie.
const NOT_STORED = { "Cache-Control": "no-store" };
export const headers: HeadersFunction = () => NOT_STORED;

/** The cookie from the password step is missing, tampered with or too old: nothing to do here but sign in again. */
async function expired(context: ActionFunctionArgs["context"]) {
  const headers = new Headers(NOT_STORED);
  headers.append("Set-Cookie", await clearPendingSignIn(context));
  return json<StepData>({ expired: true }, { status: 400, headers });
}

type StepData = { expired: true } | { expired: false; intent?: "code" | "recovery"; errors?: FieldErrors; values?: Record<string, string> };

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireVisitor(context);
  const pending = await readPendingSignIn(request, context);
  if (!pending) return expired(context);
  return json<StepData>({ expired: false }, { headers: NOT_STORED });
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireVisitor(context);
  const form = await readForm(request);
  const intent = readIntent(form, ["code", "recovery"] as const, "code");
  // Who is signing in comes from the signed cookie only, never from the form.
  const pending = await readPendingSignIn(request, context);
  if (!pending) return expired(context);
  const parsed = intent === "code" ? parseForm(signInCodeSchema, form) : parseForm(signInRecoveryCodeSchema, form);
  if (!parsed.ok) return json<StepData>({ expired: false, intent, errors: parsed.errors, values: parsed.values }, { status: 400, headers: NOT_STORED });
  const result = verifySignInCode(context.db, pending.userId, parsed.data);
  if (!result.ok) {
    const status = result.errors.form?.startsWith("Too many") ? 429 : 400;
    return json<StepData>({ expired: false, intent, errors: result.errors, values: parsed.data }, { status, headers: NOT_STORED });
  }
  return finishTwoFactorSignIn(context, pending);
}

export default function TwoFactorSignIn() {
  const loaded = useLoaderData<typeof loader>() as StepData;
  const data = useActionData<typeof action>() as StepData | undefined;
  const busy = useNavigation().state === "submitting";
  const step = data ?? loaded;

  if (step.expired) {
    return (
      <section className="page-narrow card auth-card" aria-labelledby="two-factor-title">
        <h1 id="two-factor-title">Sign in again</h1>
        <p role="alert">
          This sign-in step has expired or is no longer valid (the code must be entered within {TWO_FACTOR_STEP_SECONDS / 60}{" "}
          minutes of your password). Please sign in again.
        </p>
        <p>
          <Link to="/login" className="button button-primary button-wide">
            Back to sign in
          </Link>
        </p>
      </section>
    );
  }

  const errors = step.errors ?? {};
  const values = step.values ?? {};
  const recovery = step.intent === "recovery";
  return (
    <section className="page-narrow card auth-card" aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">Two-factor sign-in</h1>
      <p className="lede">Enter the {TOTP_DIGITS}-digit code from your authenticator app.</p>
      <FormAlert message={errors.form} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="code" />
        <Field
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          autoFocus={!recovery}
          defaultValue={recovery ? undefined : values.code}
          error={recovery ? undefined : errors.code}
        />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          Verify and sign in
        </button>
      </Form>
      {/* A second form in a <details>: it opens without JavaScript. */}
      <details className="two-factor-recovery" open={recovery}>
        <summary>Use a recovery code</summary>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="recovery" />
          <Field
            label="Recovery code"
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            hint="One of the codes you saved when you turned on two-factor, like abcd-2345. Each works once."
            defaultValue={values.recoveryCode}
            error={errors.recoveryCode}
          />
          <button type="submit" className="button button-wide" disabled={busy}>
            Sign in with a recovery code
          </button>
        </Form>
      </details>
      <p className="auth-switch">
        <Link to="/login">Cancel and sign in again</Link>
      </p>
    </section>
  );
}
