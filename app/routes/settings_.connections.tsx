// Settings → Sign-in connections: the provider accounts linked to yours, a
// link to add another (through the provider's own sign-in), and unlinking —
// never of the last way in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { SettingsNav } from "~/components/settings-nav";
import { SsoButtons } from "~/components/sso-buttons";
import { identityIdSchema, ssoMessage } from "~/forms/sso";
import { connectionsPage, unlinkIdentity } from "~/models/accounts/sso.server";
import { parseForm, readForm, readIntent, type FormReply } from "~/utils/form.server";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("connections.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(connectionsPage(context.db, user), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  readIntent(form, ["unlink"]);
  const t = serverT(context.language);
  const parsed = parseForm(identityIdSchema, form, context.language);
  if (!parsed.ok) return json<FormReply>({ errors: { form: t("connections.whichAccount") } }, { status: 400 });
  const result = unlinkIdentity(context.db, user, parsed.data);
  if (!result.ok) return json<FormReply>({ errors: result.errors }, { status: 400 });
  return json<FormReply>({ message: t("connections.unlinked", { provider: result.label }) });
}

export default function Connections() {
  const t = useT();
  const { identities, linkable, passwordWorks } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const linked = params.get("linked");
  const ssoOutcome = ssoMessage(params.get("sso"));
  const linkedLabel = linked ? identities.find((identity) => identity.provider === linked)?.label : undefined;
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/settings">{t("settings.heading")}</Link> › {t("connections.heading")}
        </p>
        <h1>{t("connections.heading")}</h1>
        <p className="lede">{t("connections.lede")}</p>
        <SettingsNav />
      </header>
      {!reply ? <FormSuccess message={linkedLabel ? t("connections.linkedNow", { provider: linkedLabel }) : undefined} /> : null}
      {!reply && ssoOutcome ? <FormAlert message={t(ssoOutcome)} /> : null}
      <FormSuccess message={reply?.message} />
      <FormAlert message={reply?.errors?.form} />

      <section className="card settings-section" aria-labelledby="linked-title">
        <h2 id="linked-title">{t("connections.linked")}</h2>
        {identities.length ? (
          <ul className="sso-identity-list">
            {identities.map((identity) => (
              <li key={identity.id}>
                <div>
                  <strong>{identity.label}</strong>
                  {identity.email ? <span className="muted"> · {identity.email}</span> : null}
                  <span className="muted">
                    {" "}
                    · {t("connections.linkedWhen")} <RelativeTime date={identity.createdAt} />
                  </span>
                  {!identity.enabled ? <span className="muted"> · {t("connections.turnedOff")}</span> : null}
                </div>
                {identity.canUnlink ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="unlink" />
                    <input type="hidden" name="identityId" value={identity.id} />
                    <button type="submit" className="button button-small" disabled={busy}>
                      {t("connections.unlink")}
                      <span className="visually-hidden"> {identity.label}</span>
                    </button>
                  </Form>
                ) : (
                  <p className="field-hint">{t("connections.onlyWay")}</p>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("connections.none")}</p>
        )}
        {!passwordWorks ? <p className="muted">{t("connections.noPassword")}</p> : null}
      </section>

      {linkable.length ? (
        <section className="card settings-section" aria-labelledby="link-title">
          <h2 id="link-title">{t("connections.linkAnother")}</h2>
          <p className="muted">{t("connections.linkAnotherText")}</p>
          <SsoButtons providers={linkable} purpose="link" />
        </section>
      ) : null}
    </div>
  );
}
