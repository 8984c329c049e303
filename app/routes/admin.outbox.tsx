import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { outboxPageFor } from "~/models/notify/outbox-page.server";
import { retryOutboxMessage } from "~/models/notify/outbox.server";
import { assertCan } from "~/policy.server";
import { readForm, type FormReply } from "~/utils/form.server";
import { OUTBOX_KINDS, OUTBOX_STATUSES } from "../../db/enums";

export const meta: MetaFunction = () => [{ title: "Email outbox · Administration" }];

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
  if (!parsed.success) throw new Response("Unknown outbox action.", { status: 400 });
  const result = retryOutboxMessage(context.db, user, parsed.data.id);
  if (!result.ok) return json<FormReply>({ errors: { form: result.reason } }, { status: 400 });
  return json<FormReply>({ message: "The message is back in line: the worker sends it within a few seconds." });
}

const STATUS_LABEL = { pending: "Pending", sent: "Sent", failed: "Failed", held: "Held" } as const;
const KIND_LABEL = { email: "Email", escalation: "Escalation" } as const;

function StatusBadge({ status }: { status: keyof typeof STATUS_LABEL }) {
  return <span className={`badge outbox-status outbox-status-${status}`}>{STATUS_LABEL[status]}</span>;
}

function RetryButton({ id }: { id: number }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="retry" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button-small">
        Retry now
      </button>
    </Form>
  );
}

export default function AdminOutbox() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
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
          <Link to="/admin/outbox">← Back to the outbox</Link>
        </p>
        <h2 id="message-title">{message.subject || `${KIND_LABEL[message.kind]} #${message.id}`}</h2>
        {notices}
        <dl className="outbox-facts">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={message.status} />
          </dd>
          <dt>Kind</dt>
          <dd>{KIND_LABEL[message.kind]}</dd>
          {message.toAddress ? (
            <>
              <dt>To</dt>
              <dd>
                {message.toAddress}
                {username ? <> (<Link to={`/u/${username}`}>@{username}</Link>)</> : null}
              </dd>
            </>
          ) : null}
          <dt>Written</dt>
          <dd>
            <RelativeTime date={message.createdAt} />
          </dd>
          <dt>Attempts</dt>
          <dd>{message.attempts}</dd>
          {message.sentAt ? (
            <>
              <dt>Sent</dt>
              <dd>
                <RelativeTime date={message.sentAt} />
              </dd>
            </>
          ) : null}
          {message.status === "pending" && message.nextAttemptAt ? (
            <>
              <dt>Next attempt</dt>
              <dd>
                <RelativeTime date={message.nextAttemptAt} />
              </dd>
            </>
          ) : null}
          {message.lastError ? (
            <>
              <dt>Last error</dt>
              <dd>{message.lastError}</dd>
            </>
          ) : null}
        </dl>
        {retryable ? <RetryButton id={message.id} /> : null}
        {message.body ? (
          <>
            <h3>Message</h3>
            <pre className="outbox-body">{message.body}</pre>
          </>
        ) : null}
        <h3>{message.kind === "email" ? "Headers" : "Event (the webhook's body)"}</h3>
        <pre className="outbox-body">{JSON.stringify(JSON.parse(message.payload), null, 2)}</pre>
      </section>
    );
  }

  const { list, query, configured } = data;
  return (
    <section className="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">Email outbox</h2>
      <p className="muted">
        {configured.email
          ? "Emails are sent by SMTP; failed ones are retried after 1 minute, 5 minutes, 30 minutes and 2 hours."
          : "SMTP_URL is not set: emails are held here instead of being sent."}{" "}
        {configured.escalation ? "Escalations are sent to the support webhook." : "SUPPORT_WEBHOOK_URL is not set: escalations are held here."}
      </p>
      {notices}
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="outbox-status">Status</label>
          <select id="outbox-status" name="status" defaultValue={query.status}>
            <option value="">Any status</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]} ({list.counts[s]})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outbox-kind">Kind</label>
          <select id="outbox-kind" name="kind" defaultValue={query.kind}>
            <option value="">Any kind</option>
            {OUTBOX_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <p className="muted">
        {list.total} {list.total === 1 ? "message" : "messages"}
      </p>
      {list.messages.length === 0 ? (
        <p className="empty">No message here.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Written</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Recipient</th>
                <th scope="col">Subject</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {list.messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <RelativeTime date={m.createdAt} />
                  </td>
                  <td>{KIND_LABEL[m.kind]}</td>
                  <td>
                    <StatusBadge status={m.status} />
                    {(m.status === "failed" || m.status === "held") && configured[m.kind] ? <RetryButton id={m.id} /> : null}
                  </td>
                  <td>
                    {m.toAddress || "—"}
                    {m.username ? <div className="muted">@{m.username}</div> : null}
                  </td>
                  <td>
                    <Link to={`?id=${m.id}`}>{m.subject || `${KIND_LABEL[m.kind]} #${m.id}`}</Link>
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
