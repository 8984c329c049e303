import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireVisitor } from "~/auth/current-user.server";
import { completeSignIn } from "~/auth/sign-in.server";
import { useRef } from "react";
import { FormAlert, useClearPasswords } from "~/components/field";
import { SsoButtons, SsoDivider } from "~/components/sso-buttons";
import { joinSchema } from "~/forms/account";
import { EmailField, NewPasswordField, UsernameField } from "~/components/account-fields";
import { getAccountRules } from "~/models/accounts/account-rules.server";
import { enabledProviders } from "~/models/accounts/sso.server";
import { registerUser } from "~/models/accounts/user.server";
import { parseForm, readForm } from "~/utils/form.server";
import { FormGuardFields } from "~/components/form-guard";
import { checkFormGuard, issueFormStamp } from "~/utils/form-guard.server";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("join.title") }];

export async function loader({ context }: LoaderFunctionArgs) {
  requireVisitor(context);
  return json(
    { providers: enabledProviders(context.db), memberPasswords: getAccountRules(context.db).memberPasswords, formStamp: issueFormStamp(context.db) },
    // The form's stamp says when it was served: a copy from the page cache would say otherwise.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireVisitor(context);
  const form = await readForm(request);
  // With members' passwords off, accounts come from single sign-on only.
  if (!getAccountRules(context.db).memberPasswords) return json({ errors: { form: serverT(context.language)("join.closed") } as Record<string, string>, values: {} as Record<string, string> }, { status: 403 });
  const parsed = parseForm(joinSchema, form, context.language);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const guard = checkFormGuard(context.db, form);
  if (!guard.ok) {
    return json({ errors: { form: translateMessage(context.language, guard.message) } as Record<string, string>, values: { username: parsed.data.username, email: parsed.data.email }, formStamp: issueFormStamp(context.db) }, { status: 400 });
  }
  // In the language of this page: what it says back, and the confirmation email.
  const result = await registerUser(context.db, { ...parsed.data, language: context.language });
  if (!result.ok) {
    return json({ errors: result.errors, values: { username: parsed.data.username, email: parsed.data.email } }, { status: 400 });
  }
  // The page they land on welcomes them (once), with what to do first.
  return completeSignIn(context, result.user, { method: "password", redirectTo: form.get("redirectTo"), welcome: true });
}

export default function Join() {
  const t = useT();
  const data = useActionData<typeof action>();
  const { providers, memberPasswords, formStamp } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const redirectTo = params.get("redirectTo") ?? "";
  const formRef = useRef<HTMLFormElement>(null);
  useClearPasswords(formRef, data);
  return (
    <section className="page-narrow card auth-card" aria-labelledby="join-title">
      <h1 id="join-title">{t("join.heading")}</h1>
      <p className="lede">{t("join.lede")}</p>
      <FormAlert message={errors.form} />
      <SsoButtons providers={providers} redirectTo={redirectTo} />
      {!memberPasswords ? (
        <p className="muted">{providers.length ? t("join.ssoOnly") : t("join.closed")}</p>
      ) : null}
      {memberPasswords && providers.length ? <SsoDivider /> : null}
      {memberPasswords ? (
        <Form method="post" noValidate className="stack" ref={formRef}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <FormGuardFields stamp={(data && "formStamp" in data ? String(data.formStamp) : "") || formStamp} />
          <UsernameField defaultValue={values.username} error={errors.username} />
          <EmailField defaultValue={values.email} error={errors.email} hint={t("join.emailHint")} />
          <NewPasswordField error={errors.password} />
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? t("join.submitting") : t("join.submit")}
          </button>
        </Form>
      ) : null}
      <p className="auth-switch">
        {t("join.alreadyMember")}{" "}
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>{t("join.signIn")}</Link>
      </p>
    </section>
  );
}
