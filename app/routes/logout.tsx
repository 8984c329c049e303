import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { endSession } from "~/auth/session.server";
import { readForm } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("logout.title") }];

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
  const t = useT();
  return (
    <section className="page-narrow card" aria-labelledby="logout-title">
      <h1 id="logout-title">{t("logout.heading")}</h1>
      <p>{t("logout.text")}</p>
      <Form method="post">
        <button type="submit" className="button button-primary">
          {t("logout.submit")}
        </button>
      </Form>
    </section>
  );
}
