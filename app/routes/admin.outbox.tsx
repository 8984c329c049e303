import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { outboxPageFor } from "~/models/notify/outbox-page.server";
import { retryOutboxMessage } from "~/models/notify/outbox.server";
import { assertCan } from "~/policy.server";
import { readForm, type FormReply } from "~/utils/form.server";
import { OUTBOX_KINDS, OUTBOX_STATUSES, type OutboxKind, type OutboxStatus } from "../../db/enums";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("admin.outbox.title") }];

// An unknown filter value means "any", never an error page.
const filterSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  kind: z.enum(OUTBOX_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
  id: z.coerce.number().int().min(1).optional().catch(undefined),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(outboxPageFor(context.db, user, query));
}

const retrySchema = z.object({ intent: z.literal("retry"), id: z.coerce.number().int().min(1) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refused before the form is read: a member's forged post learns nothing, not even that it was malformed.
  assertCan(user, "admin.outbox");
  const parsed = retrySchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response(serverT(context.language)("admin.outbox.unknownAction"), { status: 400 });
  const result = retryOutboxMessage(context.db, user, parsed.data.id);
  if (!result.ok) return json<FormReply>({ errors: { form: result.reason } }, { status: 400 });
  return json<FormReply>({ message: serverT(context.language)("admin.outbox.retried") });
}

function StatusBadge({ status }: { status: OutboxStatus }) {
  const t = useT();
  return <span className={`badge outbox-status outbox-status-${status}`}>{t(`admin.outbox.statuses.${status}`)}</span>;
}

function RetryButton({ id }: { id: number }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="retry" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button-small">
        {t("admin.outbox.retry")}
      </button>
    </Form>
  );
}

export default function AdminOutbox() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const kindLabel = (kind: OutboxKind) => t(`admin.outbox.kinds.${kind}`);
  const notices = (
    <>
      <FormSuccess message={reply?.message} />
      <FormAlert message={reply?.errors?.form} />
    </>
  );
  if (data.view === "message") {
    const { message, username } = data.found;
    const retryable = (message.status === "failed" || message.status === "held") && data.configured[message.kind];
    return (
      <section className="card" aria-labelledby="message-title">
        <p>
          <Link to="/admin/outbox">{t("admin.outbox.back")}</Link>
        </p>
        <h2 id="message-title">{message.subject || t("admin.outbox.untitled", { kind: kindLabel(message.kind), id: message.id })}</h2>
        {notices}
        <dl className="outbox-facts">
          <dt>{t("admin.outbox.status")}</dt>
          <dd>
            <StatusBadge status={message.status} />
          </dd>
          <dt>{t("admin.outbox.kind")}</dt>
          <dd>{kindLabel(message.kind)}</dd>
          {message.toAddress ? (
            <>
              <dt>{t("admin.outbox.to")}</dt>
              <dd>
                {message.toAddress}
                {username ? <> (<Link to={`/u/${username}`}>@{username}</Link>)</> : null}
              </dd>
            </>
          ) : null}
          <dt>{t("admin.outbox.written")}</dt>
          <dd>
            <RelativeTime date={message.createdAt} />
          </dd>
          <dt>{t("admin.outbox.attempts")}</dt>
          <dd>{message.attempts}</dd>
          {message.sentAt ? (
            <>
              <dt>{t("admin.outbox.sent")}</dt>
              <dd>
                <RelativeTime date={message.sentAt} />
              </dd>
            </>
          ) : null}
          {message.status === "pending" && message.nextAttemptAt ? (
            <>
              <dt>{t("admin.outbox.nextAttempt")}</dt>
              <dd>
                <RelativeTime date={message.nextAttemptAt} />
              </dd>
            </>
          ) : null}
          {message.lastError ? (
            <>
              <dt>{t("admin.outbox.lastError")}</dt>
              <dd>{message.lastError}</dd>
            </>
          ) : null}
        </dl>
        {retryable ? <RetryButton id={message.id} /> : null}
        {message.body ? (
          <>
            <h3>{t("admin.outbox.message")}</h3>
            <pre className="outbox-body">{message.body}</pre>
          </>
        ) : null}
        <h3>{message.kind === "email" ? t("admin.outbox.headers") : t("admin.outbox.event")}</h3>
        <pre className="outbox-body">{JSON.stringify(JSON.parse(message.payload), null, 2)}</pre>
      </section>
    );
  }

  const { list, query, configured } = data;
  return (
    <section className="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t("admin.outbox.heading")}</h2>
      <p className="muted">
        {configured.email ? t("admin.outbox.smtpOn") : t("admin.outbox.smtpOff")}{" "}
        {configured.escalation ? t("admin.outbox.webhookOn") : t("admin.outbox.webhookOff")}
      </p>
      {notices}
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="outbox-status">{t("admin.outbox.status")}</label>
          <select id="outbox-status" name="status" defaultValue={query.status}>
            <option value="">{t("admin.outbox.anyStatus")}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t("admin.outbox.statusCount", { status: t(`admin.outbox.statuses.${s}`), n: list.counts[s] })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outbox-kind">{t("admin.outbox.kind")}</label>
          <select id="outbox-kind" name="kind" defaultValue={query.kind}>
            <option value="">{t("admin.outbox.anyKind")}</option>
            {OUTBOX_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("admin.outbox.show")}
        </button>
      </Form>
      <p className="muted">
        {t("admin.outbox.count", { count: list.total })}
      </p>
      {list.messages.length === 0 ? (
        <p className="empty">{t("admin.outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.outbox.written")}</th>
                <th scope="col">{t("admin.outbox.kind")}</th>
                <th scope="col">{t("admin.outbox.status")}</th>
                <th scope="col">{t("admin.outbox.recipient")}</th>
                <th scope="col">{t("admin.outbox.subject")}</th>
                <th scope="col">{t("admin.outbox.attempts")}</th>
                <th scope="col">{t("admin.outbox.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {list.messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <RelativeTime date={m.createdAt} />
                  </td>
                  <td>{kindLabel(m.kind)}</td>
                  <td>
                    <StatusBadge status={m.status} />
                    {(m.status === "failed" || m.status === "held") && configured[m.kind] ? <RetryButton id={m.id} /> : null}
                  </td>
                  <td>
                    {m.toAddress || "—"}
                    {m.username ? <div className="muted">@{m.username}</div> : null}
                  </td>
                  <td>
                    <Link to={`?id=${m.id}`}>{m.subject || t("admin.outbox.untitled", { kind: kindLabel(m.kind), id: m.id })}</Link>
                  </td>
                  <td>{m.attempts}</td>
                  <td className="outbox-error">{m.lastError || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} />
    </section>
  );
}
