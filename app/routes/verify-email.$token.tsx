import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmEmail, emailConfirmationPage } from "~/models/accounts/account-tokens.server";
import { LINK_PROBLEM_STATUS, linkProblemKeys, type TokenProblem } from "~/utils/account-links";
import { readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("verifyEmail.title") }];

// The page depends on the link's state: never kept by the page cache or the
// browser, and its address (the token) never sent on.
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => PRIVATE;

// Opening the link shows a button rather than confirming at once: a mail
// scanner that fetches every link must not confirm (or change) an address.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = emailConfirmationPage(context.db, params.token ?? "");
  return json(page, { status: page.ok ? 200 : LINK_PROBLEM_STATUS[page.problem], headers: PRIVATE });
}

type ActionData = { confirmed?: string; problem?: TokenProblem };

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Read (and so bounded and checked) like every form, though it carries nothing.
  await readForm(request);
  const result = confirmEmail(context.db, params.token ?? "");
  if (!result.ok) return json<ActionData>({ problem: result.problem }, { status: LINK_PROBLEM_STATUS[result.problem], headers: PRIVATE });
  return json<ActionData>({ confirmed: result.email }, { headers: PRIVATE });
}

export default function VerifyEmail() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  if (data?.confirmed) {
    return (
      <section className="page-narrow card auth-card" aria-labelledby="verify-title">
        <h1 id="verify-title">{t("verifyEmail.confirmedHeading")}</h1>
        <p className="lede">
          {t("verifyEmail.confirmedBefore")} <strong>{data.confirmed}</strong> {t("verifyEmail.confirmedAfter")}
        </p>
        <p className="error-actions">
          <Link to="/" className="button button-primary">
            {t("verifyEmail.back")}
          </Link>
          <Link to="/settings" className="button">
            {t("verifyEmail.yourSettings")}
          </Link>
        </p>
      </section>
    );
  }
  const problem = data?.problem ?? (page.ok ? null : page.problem);
  if (problem) {
    const copy = linkProblemKeys("confirm", problem);
    return (
      <section className="page-narrow card auth-card" aria-labelledby="verify-title">
        <h1 id="verify-title">{t(copy.title)}</h1>
        <p className="lede">{t(copy.text)}</p>
        <p>
          {problem === "taken" ? (
            <Link to="/settings" className="button button-primary">
              {t("verifyEmail.yourSettings")}
            </Link>
          ) : (
            <Link to="/verify-email/resend" className="button button-primary">
              {t("verifyEmail.sendNew")}
            </Link>
          )}
        </p>
      </section>
    );
  }
  return (
    <section className="page-narrow card auth-card" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verifyEmail.heading")}</h1>
      <p className="lede">
        {page.ok && page.change
          ? t("verifyEmail.changeLede")
          : t("verifyEmail.confirmLede")}{" "}
        <strong>{page.ok ? page.email : ""}</strong>
      </p>
      <Form method="post">
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? t("verifyEmail.submitting") : t("verifyEmail.submit")}
        </button>
      </Form>
    </section>
  );
}
