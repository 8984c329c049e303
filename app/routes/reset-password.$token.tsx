import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { completeSignIn } from "~/auth/sign-in.server";
import { useClearPasswords } from "~/components/field";
import { NewPasswordField } from "~/components/account-fields";
import { resetPasswordSchema } from "~/forms/account";
import { passwordResetPage, resetPassword } from "~/models/accounts/account-tokens.server";
import { LINK_PROBLEM_STATUS, linkProblemKeys, type TokenProblem } from "~/utils/account-links";
import { parseForm, readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("resetPassword.title") }];

// The page depends on the link's state (used, expired): never kept by the
// page cache or the browser, and its address (the token) never sent on.
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = passwordResetPage(context.db, params.token ?? "");
  return json(page, { status: page.ok ? 200 : LINK_PROBLEM_STATUS[page.problem], headers: PRIVATE });
}

type ActionData = { problem?: TokenProblem; errors?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(resetPasswordSchema, form, context.language);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors }, { status: 400, headers: PRIVATE });
  const result = await resetPassword(context.db, { token: params.token ?? "", password: parsed.data.password, language: context.language });
  if (!result.ok) {
    if ("problem" in result) return json<ActionData>({ problem: result.problem }, { status: LINK_PROBLEM_STATUS[result.problem], headers: PRIVATE });
    return json<ActionData>({ errors: result.errors }, { status: 400, headers: PRIVATE });
  }
  return completeSignIn(context, result.user, { method: "password", redirectTo: "/" });
}

export default function ResetPassword() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  useClearPasswords(formRef, data);
  const problem = data?.problem ?? (page.ok ? null : page.problem);
  if (problem) {
    const copy = linkProblemKeys("reset", problem);
    return (
      <section className="page-narrow card auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title">{t(copy.title)}</h1>
        <p className="lede">{t(copy.text)}</p>
        <p>
          <Link to="/forgot-password" className="button button-primary">
            {t("resetPassword.askNewLink")}
          </Link>
        </p>
      </section>
    );
  }
  const errors = data?.errors ?? {};
  return (
    <section className="page-narrow card auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("resetPassword.heading")}</h1>
      <p className="lede">{t("resetPassword.lede", { username: page.ok ? page.username : "" })}</p>
      <Form method="post" noValidate className="stack" ref={formRef}>
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={page.ok ? page.username : ""} readOnly hidden />
        <NewPasswordField label={t("accountFields.newPassword")} error={errors.password} />
        <NewPasswordField label={t("accountFields.newPasswordAgain")} name="confirmPassword" error={errors.confirmPassword} hint="" />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? t("resetPassword.submitting") : t("resetPassword.submit")}
        </button>
      </Form>
    </section>
  );
}
