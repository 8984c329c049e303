// Admins' webhooks: the subscriptions with their last delivery, pausing and
// resuming them, adding one (address, description, events), and the rule on
// private addresses. A webhook's own page (admin.webhooks_.$id.tsx) has its
// secret, its delivery log, the test ping, editing and deleting. Every change
// is audit-logged by the model. A team's webhook (its route, made on
// /admin/teams) is labelled with its team and links there.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FieldHint, FormAlert, FormSuccess, describedBy } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages.server";
import { webhookIdSchema } from "~/forms/webhooks";
import { parseWebhookForm, type WebhookFormValues } from "~/forms/webhooks.server";
import { WebhookFields, WebhookStateBadge } from "~/components/webhook-fields";
import { DISABLED_FAILING } from "~/models/notify/webhook-delivery.server";
import { createWebhook, listWebhooks, setWebhookEnabled } from "~/models/notify/webhooks.server";
import { updateAllowPrivateWebhookAddresses } from "~/models/site/settings.server";
import { assertCan } from "~/policy.server";
import { readForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("webhooks.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const page = listWebhooks(context.db, user);
  return json({
    ...page,
    webhooks: page.webhooks.map((webhook) => ({
      ...webhook,
      failing: !!webhook.disabledAt && webhook.disabledReason === DISABLED_FAILING,
      disabledReason: webhook.disabledReason ? translateMessage(context.language, webhook.disabledReason, { count: webhook.consecutiveFailures }) : "",
    })),
  });
}

const INTENTS = ["add", "enable", "disable", "private"] as const;
type Reply = { form: (typeof INTENTS)[number]; message?: string; errors?: FieldErrors; values?: WebhookFormValues };

function reply(body: Reply, status = 200) {
  return json<Reply>(body, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.webhooks");
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  const t = serverT(context.language);
  switch (intent) {
    case "add": {
      const parsed = parseWebhookForm(form, context.language);
      if (!parsed.ok) return reply({ form: intent, errors: parsed.errors, values: parsed.values }, 400);
      const result = createWebhook(context.db, user, parsed.data);
      if (!result.ok) return reply({ form: intent, errors: result.errors, values: parsed.values }, 400);
      return redirect(`/admin/webhooks/${result.webhook.id}?added=1`);
    }
    case "enable":
    case "disable": {
      const parsed = webhookIdSchema.safeParse({ id: form.get("id") });
      if (!parsed.success) return reply({ form: intent, errors: { form: t("webhooks.which") } }, 400);
      const result = setWebhookEnabled(context.db, user, parsed.data.id, intent === "enable");
      if (!result.ok) return reply({ form: intent, errors: result.errors }, 400);
      return reply({ form: intent, message: t(intent === "enable" ? "webhooks.enabled" : "webhooks.paused", { url: result.url }) });
    }
    case "private": {
      updateAllowPrivateWebhookAddresses(context.db, user, form.get("allowPrivateAddresses") === "on");
      return reply({ form: intent, message: t("webhooks.private.saved") });
    }
  }
}

export default function AdminWebhooks() {
  const { webhooks, allowPrivateAddresses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const listReply = result && (result.form === "enable" || result.form === "disable") ? result : undefined;
  const addReply = result?.form === "add" ? result : undefined;
  const privateReply = result?.form === "private" ? result : undefined;
  const failing = webhooks.filter((webhook) => webhook.failing);
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">{t("webhooks.title")}</h2>
        <p className="muted">{t("webhooks.intro")}</p>
        {failing.length ? (
          <div className="alert alert-warning" role="status">
            {failing.map((webhook) => (
              <p key={webhook.id}>
                {t("webhooks.disabledNotice", { url: webhook.url })} <Link to={`/admin/webhooks/${webhook.id}`}>{t("webhooks.openLog")}</Link>
              </p>
            ))}
          </div>
        ) : null}
        <FormSuccess message={listReply?.message} />
        <FormAlert message={listReply?.errors?.form} />
        {webhooks.length ? (
          <ul className="sso-provider-list">
            {webhooks.map((webhook) => (
              <li key={webhook.id} className="sso-provider">
                <h3>
                  <Link to={`/admin/webhooks/${webhook.id}`}>{webhook.url}</Link> <WebhookStateBadge source={webhook.source} disabled={!!webhook.disabledAt} />
                  {webhook.team ? (
                    <>
                      {" "}
                      <Link className="badge" to={`/admin/teams/${webhook.team.id}`}>
                        {t("webhooks.badge.team", { name: webhook.team.name })}
                      </Link>
                    </>
                  ) : null}
                </h3>
                {webhook.description ? <p>{webhook.description}</p> : null}
                <dl className="sso-provider-facts">
                  <dt>{t("webhooks.eventsLabel")}</dt>
                  <dd>{webhook.events.map((event) => t(`webhooks.events.${event}`)).join(", ")}</dd>
                  <dt>{t("webhooks.lastDelivery")}</dt>
                  <dd>
                    {webhook.lastDelivery ? (
                      <>
                        {t(`webhooks.status.${webhook.lastDelivery.status}`)}
                        {webhook.lastDelivery.responseStatus ? ` (${webhook.lastDelivery.responseStatus})` : ""} · <RelativeTime date={webhook.lastDelivery.createdAt} />
                      </>
                    ) : (
                      t("webhooks.noDeliveryYet")
                    )}
                  </dd>
                  {webhook.disabledAt && webhook.disabledReason ? (
                    <>
                      <dt>{t("webhooks.disabledWhy")}</dt>
                      <dd>{webhook.disabledReason}</dd>
                    </>
                  ) : null}
                </dl>
                <div className="form-actions">
                  <Link className="button button-small" to={`/admin/webhooks/${webhook.id}`}>
                    {t("webhooks.open")}
                    <span className="visually-hidden"> {webhook.url}</span>
                  </Link>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value={webhook.disabledAt ? "enable" : "disable"} />
                    <input type="hidden" name="id" value={webhook.id} />
                    <button type="submit" className="button button-small" disabled={busy}>
                      {webhook.disabledAt ? t("webhooks.enable") : t("webhooks.pause")}
                      <span className="visually-hidden"> {webhook.url}</span>
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("webhooks.none")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="add-webhook-title">
        <h2 id="add-webhook-title">{t("webhooks.addTitle")}</h2>
        <p className="muted">{t("webhooks.addText")}</p>
        <FormAlert message={addReply?.errors?.form} />
        <Form method="post" noValidate className="stack" key={webhooks.length}>
          <input type="hidden" name="intent" value="add" />
          <WebhookFields values={addReply?.values} errors={addReply?.errors} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("webhooks.add")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="private-title">
        <h2 id="private-title">{t("webhooks.private.title")}</h2>
        <FormSuccess message={privateReply?.message} />
        <Form method="post" noValidate className="stack" key={String(allowPrivateAddresses)}>
          <input type="hidden" name="intent" value="private" />
          <div className="field">
            <label className="radio">
              <input type="checkbox" name="allowPrivateAddresses" defaultChecked={allowPrivateAddresses} aria-describedby={describedBy("allowPrivateAddresses", undefined, "hint")} />
              {t("webhooks.private.label")}
            </label>
            <FieldHint name="allowPrivateAddresses" hint={t("webhooks.private.hint")} />
          </div>
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("webhooks.private.save")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

