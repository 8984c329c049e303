// The first sign-in with a provider: the person picks their username (the
// one proposed from the provider's claims, or another) and the account is
// created with no password. The claims wait in a signed, short-lived cookie,
// never in a hidden field of this form.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { completeSignIn } from "~/auth/sign-in.server";
import { FormAlert } from "~/components/field";
import { EmailField, UsernameField } from "~/components/account-fields";
import { SSO_MESSAGES, welcomeSchema, welcomeWithEmailSchema } from "~/forms/sso";
import { clearPendingWelcome, createAccountFromWelcome, readPendingWelcome, welcomePage } from "~/models/accounts/sso.server";
import { parseForm, readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";
import { refusedWith } from "~/i18n/message";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("ssoWelcome.title") }];

const EXPIRED = "/login?sso=expired";
// One person's page: never kept by the page cache or a shared cache.
const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  const pending = await readPendingWelcome(context.db, request.headers.get("Cookie"));
  if (!pending) throw redirect(EXPIRED);
  return json(welcomePage(context.db, pending, process.env, context.language), { headers: PRIVATE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (context.user) throw refusedWith(400, "ssoWelcome.alreadySignedIn");
  const pending = await readPendingWelcome(context.db, request.headers.get("Cookie"));
  if (!pending) throw redirect(EXPIRED);
  const parsed = parseForm(pending.e ? welcomeSchema : welcomeWithEmailSchema, form, context.language);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
  const result = await createAccountFromWelcome(context.db, pending, { ...parsed.data, language: context.language });
  if (!result.ok) return json({ errors: result.errors, values: { ...parsed.data } as Record<string, string> }, { status: 400, headers: PRIVATE });
  const headers = new Headers({ "Set-Cookie": await clearPendingWelcome(context.db, context.secureCookies) });
  // The page they land on welcomes them (once), with what to do first.
  return completeSignIn(context, result.user, { method: "sso", redirectTo: pending.r, headers, welcome: true });
}

export default function Welcome() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <section className="page-narrow card auth-card" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t("ssoWelcome.heading")}</h1>
      <p className="lede">{t("ssoWelcome.lede", { provider: page.providerLabel })}</p>
      {page.closed ? <FormAlert message={t(SSO_MESSAGES.closed)} /> : null}
      {page.emailTaken ? (
        <>
          <FormAlert message={page.emailTaken} />
          <p>
            <Link to="/login?redirectTo=/settings/connections">{t("ssoWelcome.signInToThat")}</Link>
          </p>
        </>
      ) : (
        <>
          <FormAlert message={errors.form} />
          <Form method="post" noValidate className="stack">
            <UsernameField defaultValue={values.username ?? page.proposedUsername} error={errors.username} />
            {page.needsEmail ? (
              <EmailField
                defaultValue={values.email}
                error={errors.email}
                hint={t("ssoWelcome.emailHint", { provider: page.providerLabel })}
              />
            ) : (
              <p className="muted">
                {t(page.emailVerified ? "ssoWelcome.emailConfirmed" : "ssoWelcome.emailUnconfirmed", { email: page.email })}
              </p>
            )}
            <button type="submit" className="button button-primary button-wide" disabled={busy}>
              {busy ? t("ssoWelcome.submitting") : t("ssoWelcome.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
