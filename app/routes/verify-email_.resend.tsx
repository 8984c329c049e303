// /verify-email/resend: the banner's "Resend the confirmation email" posts
// here (a page of its own, so it works without JavaScript and says what it did).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { emailConfirmationStatus, sendEmailConfirmation } from "~/models/accounts/account-tokens.server";
import { readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("resendConfirmation.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(emailConfirmationStatus(context.db, user));
}

type ActionData = { sent?: string; errors?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  await readForm(request);
  const result = sendEmailConfirmation(context.db, user, { address: context.clientAddress });
  if (!result.ok) return json<ActionData>({ errors: result.errors }, { status: result.throttled ? 429 : 400 });
  return json<ActionData>({ sent: result.email });
}

export default function ResendConfirmation() {
  const t = useT();
  const status = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const waiting = status.pending ?? (status.confirmed ? null : status.email);
  return (
    <section className="page-narrow card auth-card" aria-labelledby="resend-title">
      <h1 id="resend-title">{t("resendConfirmation.heading")}</h1>
      {data?.sent ? (
        <div className="alert alert-success" role="status">
          {t("resendConfirmation.sentBefore")} <strong>{data.sent}</strong>
          {t("resendConfirmation.sentAfter")}
        </div>
      ) : null}
      <FormAlert message={data?.errors?.form} />
      {waiting ? (
        <>
          {data?.sent ? null : (
            <p className="lede">
              {t("resendConfirmation.willSendBefore")} <strong>{waiting}</strong>
              {t("resendConfirmation.willSendAfter")}
            </p>
          )}
          <Form method="post">
            <button type="submit" className="button button-primary" disabled={busy}>
              {data?.sent ? t("resendConfirmation.sendAgain") : t("resendConfirmation.resend")}
            </button>
          </Form>
        </>
      ) : (
        <p className="lede">
          {t("resendConfirmation.confirmedBefore")} <strong>{status.email}</strong>
          {t("resendConfirmation.confirmedAfter")}
        </p>
      )}
      <p className="auth-switch">
        {t("resendConfirmation.wrongAddress")} <Link to="/settings">{t("resendConfirmation.changeIt")}</Link>
      </p>
    </section>
  );
}
