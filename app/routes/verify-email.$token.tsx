import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { confirmEmail, emailConfirmationPage } from "~/models/accounts/account-tokens.server";
import { CONFIRM_LINK_PROBLEMS, LINK_PROBLEM_STATUS, type TokenProblem } from "~/utils/account-links";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Confirm your email address" }];

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
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  if (data?.confirmed) {
    return (
      <section className="page-narrow card auth-card" aria-labelledby="verify-title">
        <h1 id="verify-title">Your email address is confirmed</h1>
        <p className="lede">
          Thank you. <strong>{data.confirmed}</strong> is your account's address, and notification emails reach it as your settings say.
        </p>
        <p className="error-actions">
          <Link to="/" className="button button-primary">
            Back to the community
          </Link>
          <Link to="/settings" className="button">
            Your settings
          </Link>
        </p>
      </section>
    );
  }
  const problem = data?.problem ?? (page.ok ? null : page.problem);
  if (problem) {
    const copy = CONFIRM_LINK_PROBLEMS[problem];
    return (
      <section className="page-narrow card auth-card" aria-labelledby="verify-title">
        <h1 id="verify-title">{copy.title}</h1>
        <p className="lede">{copy.text}</p>
        <p>
          {problem === "taken" ? (
            <Link to="/settings" className="button button-primary">
              Your settings
            </Link>
          ) : (
            <Link to="/verify-email/resend" className="button button-primary">
              Send a new confirmation email
            </Link>
          )}
        </p>
      </section>
    );
  }
  return (
    <section className="page-narrow card auth-card" aria-labelledby="verify-title">
      <h1 id="verify-title">Confirm your email address</h1>
      <p className="lede">
        {page.ok && page.change
          ? "Your account's email address changes to this one once you confirm it:"
          : "Confirm that this address is yours, so that notification emails can reach you:"}{" "}
        <strong>{page.ok ? page.email : ""}</strong>
      </p>
      <Form method="post">
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? "Confirming…" : "Confirm my email address"}
        </button>
      </Form>
    </section>
  );
}
