import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { endSession } from "~/auth/session.server";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Sign out" }];

// Signing out changes state, so it happens only by POST; a GET (a link, a
// prefetch, an image on another site) just shows the button.
export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.user) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The sign-out form carries nothing, but a body that is not a form is refused like anywhere else.
  await readForm(request);
  const cookie = await endSession(context.db, context.sessionId, { secure: context.secureCookies });
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export default function Logout() {
  return (
    <section className="page-narrow card" aria-labelledby="logout-title">
      <h1 id="logout-title">Sign out?</h1>
      <p>You will need your password to sign in again on this device.</p>
      <Form method="post">
        <button type="submit" className="button button-primary">
          Sign out
        </button>
      </Form>
    </section>
  );
}
