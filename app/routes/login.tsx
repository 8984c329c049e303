import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireVisitor } from "~/auth/current-user.server";
import { completeSignIn } from "~/auth/sign-in.server";
import { useRef } from "react";
import { useClearPasswords, Field, FormAlert, FormSuccess } from "~/components/field";
import { SsoButtons, SsoDivider } from "~/components/sso-buttons";
import { loginSchema } from "~/forms/account";
import { ssoMessage } from "~/forms/sso";
import { getAccountRules } from "~/models/accounts/account-rules.server";
import { enabledProviders } from "~/models/accounts/sso.server";
import { authenticate } from "~/models/accounts/user.server";
import { metaT, useT } from "~/i18n/i18n";
import { parseForm, readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("login.title") }];

export async function loader({ context }: LoaderFunctionArgs) {
  requireVisitor(context);
  return json({ providers: enabledProviders(context.db), memberPasswords: getAccountRules(context.db).memberPasswords });
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireVisitor(context);
  const form = await readForm(request);
  const parsed = parseForm(loginSchema, form, context.language);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await authenticate(context.db, {
    login: parsed.data.login,
    password: parsed.data.password,
    address: context.clientAddress,
    language: context.language,
  });
  if (!result.ok) {
    const status = result.throttled ? 429 : 400;
    return json({ errors: result.errors, values: { login: parsed.data.login } }, { status });
  }
  return completeSignIn(context, result.user, { method: "password", redirectTo: parsed.data.redirectTo });
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const { providers, memberPasswords } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const redirectTo = params.get("redirectTo") ?? "";
  const ssoOutcome = ssoMessage(params.get("sso"));
  const formRef = useRef<HTMLFormElement>(null);
  useClearPasswords(formRef, data);
  return (
    <section className="page-narrow card auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.heading")}</h1>
      <p className="lede">{t("login.lede")}</p>
      {params.get("closed") === "password" && !data ? (
        <FormAlert message={t("login.passwordsClosed")} />
      ) : null}
      {params.get("signedOut") === "everywhere" && !data ? (
        <FormSuccess message={t("login.signedOutEverywhere")} />
      ) : null}
      {!data ? <FormAlert message={ssoOutcome ? t(ssoOutcome) : undefined} /> : null}
      <FormAlert message={errors.form} />
      <SsoButtons providers={providers} redirectTo={redirectTo} />
      {providers.length ? <SsoDivider /> : null}
      {!memberPasswords && providers.length ? (
        <p className="muted sso-staff-note">{t("login.staffNote")}</p>
      ) : null}
      <Form method="post" noValidate className="stack" ref={formRef}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("login.loginLabel")}
          name="login"
          autoComplete="username"
          required
          defaultValue={values.login}
          error={errors.login}
        />
        <Field label={t("accountFields.password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <p className="field-aside">
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </p>
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
      </Form>
      <p className="auth-switch">
        {t("login.newHere")}{" "}
        <Link to={redirectTo ? `/join?redirectTo=${encodeURIComponent(redirectTo)}` : "/join"}>{t("login.createAccount")}</Link>
      </p>
    </section>
  );
}
