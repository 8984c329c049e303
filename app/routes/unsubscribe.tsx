import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { unsubscribe, userIdFromUnsubscribeToken } from "~/models/notify/notification-settings.server";
import { useSite } from "~/root";
import { readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

// The link at the end of every email, /unsubscribe?token=...: it works
// without signing in (the token is signed for one user). A GET only asks, so
// a mail scanner following links changes nothing; the button POSTs. Mail
// clients that offer "Unsubscribe" POST here themselves with the body
// "List-Unsubscribe=One-Click" (RFC 8058): the token comes from the address.

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("unsubscribe.title") }, { name: "robots", content: "noindex" }];

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
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { brandName } = useSite();
  const page = posted ?? loaded;
  return (
    <section className="page-narrow card unsubscribe" aria-labelledby="unsubscribe-title">
      {page.state === "confirm" ? (
        <>
          <h1 id="unsubscribe-title">{t("unsubscribe.confirmHeading", { brand: brandName })}</h1>
          <p>{t("unsubscribe.confirmText")}</p>
          <Form method="post" action={`/unsubscribe?token=${encodeURIComponent(page.token)}`}>
            <input type="hidden" name="token" value={page.token} />
            <button type="submit" className="button button-primary">
              {t("unsubscribe.button")}
            </button>
          </Form>
          <p className="muted">
            {t("unsubscribe.fewerBefore")} <Link to="/settings#email-notifications">{t("unsubscribe.yourSettings")}</Link>
            {t("unsubscribe.after")}
          </p>
        </>
      ) : page.state === "done" ? (
        <>
          <h1 id="unsubscribe-title">{t("unsubscribe.doneHeading")}</h1>
          <p role="status">{t("unsubscribe.doneText", { brand: brandName })}</p>
          <p>
            {t("unsubscribe.changedBefore")} <Link to="/settings#email-notifications">{t("unsubscribe.yourSettings")}</Link>
            {t("unsubscribe.after")}
          </p>
        </>
      ) : (
        <>
          <h1 id="unsubscribe-title">{t("unsubscribe.invalidHeading")}</h1>
          <p role="alert">
            {t("unsubscribe.invalidBefore")} <Link to="/settings#email-notifications">{t("unsubscribe.yourSettings")}</Link>
            {t("unsubscribe.after")}
          </p>
        </>
      )}
    </section>
  );
}
