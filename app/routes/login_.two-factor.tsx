import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireVisitor } from "~/auth/current-user.server";
import { clearPendingSignIn, finishTwoFactorSignIn, readPendingSignIn } from "~/auth/sign-in.server";
import { TWO_FACTOR_STEP_SECONDS } from "~/forms/two-factor";
import { Field, FormAlert } from "~/components/field";
import { signInCodeSchema, signInRecoveryCodeSchema, TOTP_DIGITS } from "~/forms/two-factor";
import { verifySignInCode } from "~/models/accounts/two-factor.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("twoFactorSignIn.title") }];

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
  const parsed = intent === "code" ? parseForm(signInCodeSchema, form, context.language) : parseForm(signInRecoveryCodeSchema, form, context.language);
  if (!parsed.ok) return json<StepData>({ expired: false, intent, errors: parsed.errors, values: parsed.values }, { status: 400, headers: NOT_STORED });
  // The person is not signed in yet: the page's language.
  const result = verifySignInCode(context.db, pending.userId, parsed.data, Date.now(), context.language);
  if (!result.ok) {
    const status = result.throttled ? 429 : 400;
    return json<StepData>({ expired: false, intent, errors: result.errors, values: parsed.data }, { status, headers: NOT_STORED });
  }
  return finishTwoFactorSignIn(context, pending);
}

export default function TwoFactorSignIn() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>() as StepData;
  const data = useActionData<typeof action>() as StepData | undefined;
  const busy = useNavigation().state === "submitting";
  const step = data ?? loaded;

  if (step.expired) {
    return (
      <section className="page-narrow card auth-card" aria-labelledby="two-factor-title">
        <h1 id="two-factor-title">{t("twoFactorSignIn.expiredHeading")}</h1>
        <p role="alert">{t("twoFactorSignIn.expired", { count: TWO_FACTOR_STEP_SECONDS / 60 })}</p>
        <p>
          <Link to="/login" className="button button-primary button-wide">
            {t("twoFactorSignIn.backToSignIn")}
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
      <h1 id="two-factor-title">{t("twoFactorSignIn.heading")}</h1>
      <p className="lede">{t("twoFactorSignIn.lede", { digits: TOTP_DIGITS })}</p>
      <FormAlert message={errors.form} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="code" />
        <Field
          label={t("twoFactorSignIn.codeLabel")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          autoFocus={!recovery}
          defaultValue={recovery ? undefined : values.code}
          error={recovery ? undefined : errors.code}
        />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {t("twoFactorSignIn.verify")}
        </button>
      </Form>
      {/* A second form in a <details>: it opens without JavaScript. */}
      <details className="two-factor-recovery" open={recovery}>
        <summary>{t("twoFactorSignIn.useRecovery")}</summary>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="recovery" />
          <Field
            label={t("twoFactorSignIn.recoveryLabel")}
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            hint={t("twoFactorSignIn.recoveryHint")}
            defaultValue={values.recoveryCode}
            error={errors.recoveryCode}
          />
          <button type="submit" className="button button-wide" disabled={busy}>
            {t("twoFactorSignIn.recoverySubmit")}
          </button>
        </Form>
      </details>
      <p className="auth-switch">
        <Link to="/login">{t("twoFactorSignIn.cancel")}</Link>
      </p>
    </section>
  );
}
