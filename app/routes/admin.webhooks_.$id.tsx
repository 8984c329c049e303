// One webhook, for admins (/admin/webhooks/:id): its state and secret, how a
// receiver checks a delivery, "Send a test ping", pausing and resuming,
// editing, deleting (confirmed), and its delivery log, newest first, with
// "Redeliver" on each row. The environment's webhook and a team's (changed
// on /admin/teams) are neither edited nor deleted here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FieldError, FormAlert, FormSuccess, describedBy } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { WebhookFields, WebhookStateBadge, type WebhookFormValues } from "~/components/webhook-fields";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages.server";
import { parseWebhookForm } from "~/forms/webhooks.server";
import { redeliverWebhookDelivery, sendTestPing, SIGNATURE_TOLERANCE_SECONDS } from "~/models/notify/webhook-delivery.server";
import { deleteWebhook, editWebhook, getWebhookWithLog, setWebhookEnabled } from "~/models/notify/webhooks.server";
import { assertCan } from "~/policy.server";
import { idParam, readForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("webhooks.title") }];

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.webhooks");
  const id = idParam(params.id, "webhooks.notFound");
  const { page } = pageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const found = getWebhookWithLog(context.db, user, id, page);
  const say = (message: string, values?: Record<string, unknown>) => (message ? translateMessage(context.language, message, values) : "");
  return json({
    ...found,
    webhook: { ...found.webhook, disabledReason: say(found.webhook.disabledReason, { count: found.webhook.consecutiveFailures }) },
    deliveries: found.deliveries.map((delivery) => ({ ...delivery, lastError: say(delivery.lastError) })),
    toleranceMinutes: SIGNATURE_TOLERANCE_SECONDS / 60,
  });
}

const INTENTS = ["edit", "delete", "enable", "disable", "ping", "redeliver"] as const;
type Reply = { form: (typeof INTENTS)[number]; message?: string; errors?: FieldErrors; values?: WebhookFormValues };

function reply(body: Reply, status = 200) {
  return json<Reply>(body, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.webhooks");
  const id = idParam(params.id, "webhooks.notFound");
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  const t = serverT(context.language);
  switch (intent) {
    case "edit": {
      const parsed = parseWebhookForm(form, context.language);
      if (!parsed.ok) return reply({ form: intent, errors: parsed.errors, values: parsed.values }, 400);
      const result = editWebhook(context.db, user, id, parsed.data);
      if (!result.ok) return reply({ form: intent, errors: result.errors, values: parsed.values }, 400);
      return reply({ form: intent, message: t("webhooks.saved") });
    }
    case "delete": {
      if (form.get("confirm") !== "on") return reply({ form: intent, errors: { confirm: t("webhooks.delete.confirmRequired") } }, 400);
      const result = deleteWebhook(context.db, user, id);
      if (!result.ok) return reply({ form: intent, errors: result.errors }, 400);
      return redirect("/admin/webhooks");
    }
    case "enable":
    case "disable": {
      const result = setWebhookEnabled(context.db, user, id, intent === "enable");
      if (!result.ok) return reply({ form: intent, errors: result.errors }, 400);
      return reply({ form: intent, message: t(intent === "enable" ? "webhooks.enabled" : "webhooks.paused", { url: result.url }) });
    }
    case "ping": {
      const { outcome } = await sendTestPing(context.db, user, id);
      return reply({ form: intent, message: t(outcome === "sent" ? "webhooks.ping.sent" : "webhooks.ping.failed") });
    }
    case "redeliver": {
      const deliveryId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(form.get("deliveryId"));
      if (!deliveryId.success) return reply({ form: intent, errors: { form: t("webhooks.log.notFound") } }, 400);
      const { outcome } = await redeliverWebhookDelivery(context.db, user, { webhookId: id, deliveryId: deliveryId.data });
      return reply({ form: intent, message: t(outcome === "sent" ? "webhooks.redeliver.sent" : "webhooks.redeliver.failed") });
    }
  }
}

// Header names are the protocol's, the same in every language.
const HEADERS = { signature: "X-Entraide-Signature", timestamp: "X-Entraide-Timestamp", delivery: "X-Entraide-Delivery", signed: "timestamp.body" };

export default function AdminWebhook() {
  const { webhook, deliveries, page, pageCount, total, toleranceMinutes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const fromEnvironment = webhook.source === "env";
  // A team's webhook is changed and removed on the team's page.
  const fromTeam = webhook.source === "team";
  const topReply = result && ["enable", "disable", "ping", "redeliver"].includes(result.form) ? result : undefined;
  const editReply = result?.form === "edit" ? result : undefined;
  const deleteReply = result?.form === "delete" ? result : undefined;
  const saved: WebhookFormValues = { url: webhook.url, description: webhook.description, events: webhook.events };
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="webhook-title">
        <p>
          <Link to="/admin/webhooks">{t("webhooks.back")}</Link>
        </p>
        <h2 id="webhook-title">
          {webhook.url} <WebhookStateBadge source={webhook.source} disabled={!!webhook.disabledAt} />
          {webhook.team ? <span className="badge">{t("webhooks.badge.team", { name: webhook.team.name })}</span> : null}
        </h2>
        {params.get("added") ? <FormSuccess message={t("webhooks.addedNotice")} /> : null}
        {webhook.disabledAt ? (
          <div className="alert alert-warning" role="status">
            <p>
              {t("webhooks.disabledSince")} <RelativeTime date={webhook.disabledAt} />
              {webhook.disabledReason ? ` — ${webhook.disabledReason}` : ""}
            </p>
          </div>
        ) : null}
        <FormSuccess message={topReply?.message} />
        <FormAlert message={topReply?.errors?.form} />
        <dl className="sso-provider-facts">
          {webhook.description ? (
            <>
              <dt>{t("webhooks.description")}</dt>
              <dd>{webhook.description}</dd>
            </>
          ) : null}
          <dt>{t("webhooks.eventsLabel")}</dt>
          <dd>{webhook.events.map((event) => t(`webhooks.events.${event}`)).join(", ")}</dd>
          <dt>{t("webhooks.secret")}</dt>
          <dd>
            <code className="webhook-secret">{webhook.secret}</code>
          </dd>
          <dt>{t("webhooks.created")}</dt>
          <dd>
            <RelativeTime date={webhook.createdAt} />
          </dd>
        </dl>
        <p className="muted">
          {t("webhooks.verifyBefore")} <code>{HEADERS.signature}</code> {t("webhooks.verifyMiddle")} <code>{HEADERS.signed}</code>{" "}
          {t("webhooks.verifyAfter", { minutes: toleranceMinutes })} <code>{HEADERS.timestamp}</code> · <code>{HEADERS.delivery}</code>
        </p>
        {fromEnvironment ? <p className="muted">{t("webhooks.fromEnvironment")}</p> : null}
        {fromTeam ? (
          <p className="muted">
            {t("webhooks.fromTeam", { name: webhook.team?.name ?? "" })}{" "}
            {webhook.team ? <Link to={`/admin/teams/${webhook.team.id}`}>{t("webhooks.teamPage")}</Link> : null}
          </p>
        ) : null}
        <div className="form-actions">
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="ping" />
            <button type="submit" className="button button-small" disabled={busy}>
              {t("webhooks.ping.button")}
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={webhook.disabledAt ? "enable" : "disable"} />
            <button type="submit" className="button button-small" disabled={busy}>
              {webhook.disabledAt ? t("webhooks.enable") : t("webhooks.pause")}
            </button>
          </Form>
        </div>
      </section>

      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title">{t("webhooks.log.title")}</h2>
        <p className="muted">{t("webhooks.log.text", { count: total })}</p>
        {deliveries.length ? (
          <div className="table-wrap">
            <table className="table table-cards webhook-log">
              <caption className="visually-hidden">{t("webhooks.log.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("webhooks.log.event")}</th>
                  <th scope="col">{t("webhooks.log.status")}</th>
                  <th scope="col">{t("webhooks.log.code")}</th>
                  <th scope="col">{t("webhooks.log.duration")}</th>
                  <th scope="col">{t("webhooks.log.attempts")}</th>
                  <th scope="col">{t("webhooks.log.time")}</th>
                  <th scope="col">{t("webhooks.log.error")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("webhooks.log.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((delivery) => (
                  <tr key={delivery.id} id={`delivery-${delivery.id}`}>
                    <td data-label={t("webhooks.log.event")}>
                      <code>{delivery.event}</code>
                    </td>
                    <td data-label={t("webhooks.log.status")}>
                      <span className={`badge webhook-status-${delivery.status}`}>{t(`webhooks.status.${delivery.status}`)}</span>
                      {delivery.status === "pending" && delivery.attempts > 0 && delivery.nextAttemptAt ? (
                        <div className="muted">
                          {t("webhooks.log.retrying")} <RelativeTime date={delivery.nextAttemptAt} />
                        </div>
                      ) : null}
                    </td>
                    <td data-label={t("webhooks.log.code")}>{delivery.responseStatus ?? "—"}</td>
                    <td data-label={t("webhooks.log.duration")}>{delivery.durationMs === null ? "—" : t("webhooks.log.ms", { ms: delivery.durationMs })}</td>
                    <td data-label={t("webhooks.log.attempts")}>{delivery.attempts}</td>
                    <td data-label={t("webhooks.log.time")}>
                      <RelativeTime date={delivery.createdAt} />
                    </td>
                    <td data-label={t("webhooks.log.error")} className="outbox-error">
                      {delivery.lastError}
                    </td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="redeliver" />
                        <input type="hidden" name="deliveryId" value={delivery.id} />
                        <button type="submit" className="button button-small" disabled={busy}>
                          {t("webhooks.redeliver.button")}
                          <span className="visually-hidden"> {t("webhooks.redeliver.which", { event: delivery.event, id: delivery.id })}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t("webhooks.log.empty")}</p>
        )}
        <Pagination page={page} pageCount={pageCount} />
      </section>

      {fromEnvironment || fromTeam ? null : (
        <>
          <section className="card" aria-labelledby="edit-webhook-title">
            <h2 id="edit-webhook-title">{t("webhooks.editTitle")}</h2>
            <FormSuccess message={editReply?.message} />
            <FormAlert message={editReply?.errors?.form} />
            <Form method="post" noValidate className="stack" key={JSON.stringify(saved)}>
              <input type="hidden" name="intent" value="edit" />
              <WebhookFields values={editReply?.errors ? editReply.values : undefined} errors={editReply?.errors} saved={saved} />
              <div>
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t("webhooks.save")}
                </button>
              </div>
            </Form>
          </section>

          <section className="card" aria-labelledby="delete-webhook-title">
            <h2 id="delete-webhook-title">{t("webhooks.delete.title")}</h2>
            <p className="muted">{t("webhooks.delete.text")}</p>
            <FormAlert message={deleteReply?.errors?.form} />
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="delete" />
              <div className={`field${deleteReply?.errors?.confirm ? " field-invalid" : ""}`}>
                <label className="radio">
                  <input type="checkbox" name="confirm" aria-invalid={deleteReply?.errors?.confirm ? true : undefined} aria-describedby={describedBy("confirm", deleteReply?.errors?.confirm)} />
                  {t("webhooks.delete.confirm")}
                </label>
                <FieldError name="confirm" error={deleteReply?.errors?.confirm} />
              </div>
              <div>
                <button type="submit" className="button button-danger" disabled={busy}>
                  {t("webhooks.delete.button")}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}
