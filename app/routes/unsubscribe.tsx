import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { unsubscribe, userIdFromUnsubscribeToken } from "~/models/notify/notification-settings.server";
import { useSite } from "~/root";
import { readForm } from "~/utils/form.server";

// The link at the end of every email, /unsubscribe?token=...: it works
// without signing in (the token is signed for one user). A GET only asks, so
// a mail scanner following links changes nothing; the button POSTs. Mail
// clients that offer "Unsubscribe" POST here themselves with the body
// "List-Unsubscribe=One-Click" (RFC 8058): the token comes from the address.

export const meta: MetaFunction = () => [{ title: "Unsubscribe from emails" }, { name: "robots", content: "noindex" }];

type State = { state: "confirm"; token: string } | { state: "done" } | { state: "invalid" };

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (userIdFromUnsubscribeToken(context.db, token) === null) {
    return json<State>({ state: "invalid" }, { status: 400, headers: NO_STORE });
  }
  return json<State>({ state: "confirm", token }, { headers: NO_STORE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  let token = new URL(request.url).searchParams.get("token");
  if (!token) token = String((await readForm(request)).get("token") ?? "");
  if (!unsubscribe(context.db, token)) return json<State>({ state: "invalid" }, { status: 400, headers: NO_STORE });
  return json<State>({ state: "done" }, { headers: NO_STORE });
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { brandName } = useSite();
  const page = posted ?? loaded;
  return (
    <section className="page-narrow card unsubscribe" aria-labelledby="unsubscribe-title">
      {page.state === "confirm" ? (
        <>
          <h1 id="unsubscribe-title">Stop emails from the {brandName} Community?</h1>
          <p>You will get no more emails about notifications. You will still see them on the site when you sign in.</p>
          <Form method="post" action={`/unsubscribe?token=${encodeURIComponent(page.token)}`}>
            <input type="hidden" name="token" value={page.token} />
            <button type="submit" className="button button-primary">
              Unsubscribe from all emails
            </button>
          </Form>
          <p className="muted">
            To get fewer emails instead, choose a daily summary in <Link to="/settings#email-notifications">your settings</Link>.
          </p>
        </>
      ) : page.state === "done" ? (
        <>
          <h1 id="unsubscribe-title">You are unsubscribed</h1>
          <p role="status">You will get no more emails from the {brandName} Community.</p>
          <p>
            Changed your mind? Turn emails back on in <Link to="/settings#email-notifications">your settings</Link>.
          </p>
        </>
      ) : (
        <>
          <h1 id="unsubscribe-title">This unsubscribe link is not valid</h1>
          <p role="alert">
            The link may have been cut or changed on its way. Copy the whole link from the email again, or sign in and choose
            which emails you get in <Link to="/settings#email-notifications">your settings</Link>.
          </p>
        </>
      )}
    </section>
  );
}
