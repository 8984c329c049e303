import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { refusedWith } from "~/i18n/message";
import { translateMessage } from "~/i18n/messages.server";
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

type Person = { username: string; displayName: string };
/** An email's envelope in words: who it is from, and its headers as name and value. */
type EmailView = { kind: "email"; fromName: string | null; headers: [string, string][] };
/** An escalation event as the support team reads it (the JSON itself stays available for integrators). */
type EscalationView = {
  kind: "escalation";
  url: string | null;
  title: string | null;
  question: string | null;
  note: string | null;
  escalatedBy: Person | null;
  resolution: string | null;
  closedBy: Person | null;
  json: string;
};

const text = (value: unknown) => (typeof value === "string" && value ? value : null);
const person = (value: unknown): Person | null => {
  const p = value as Partial<Person> | null | undefined;
  return p && typeof p.username === "string" && typeof p.displayName === "string" ? { username: p.username, displayName: p.displayName } : null;
};

/**
 * What a message's stored payload says, for an admin to read: never raw JSON
 * for an email; for an escalation, its fields, and its JSON folded away. A
 * payload that is not what it should be reads as empty, never as an error page.
 */
function payloadView(kind: OutboxKind, payload: string): EmailView | EscalationView {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // Kept empty.
  }
  if (kind === "email") {
    const headers = data.headers && typeof data.headers === "object" ? Object.entries(data.headers as Record<string, unknown>) : [];
    return { kind, fromName: text(data.fromName), headers: headers.map(([name, value]) => [name, String(value)]) };
  }
  return {
    kind,
    url: text(data.url),
    title: text(data.title),
    question: text(data.question),
    note: text(data.note),
    escalatedBy: person(data.escalatedBy),
    resolution: text(data.resolution),
    closedBy: person(data.closedBy),
    json: JSON.stringify(data, null, 2),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = outboxPageFor(context.db, user, query);
  if (page.view === "message") {
    const { payload, ...message } = page.found.message;
    return json({ ...page, found: { ...page.found, message, view: payloadView(message.kind, payload) } });
  }
  return json(page);
}

const retrySchema = z.object({ intent: z.literal("retry"), id: z.coerce.number().int().min(1) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refused before the form is read: a member's forged post learns nothing, not even that it was malformed.
  assertCan(user, "admin.outbox");
  const parsed = retrySchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw refusedWith(400, "admin.outbox.unknownAction");
  const result = retryOutboxMessage(context.db, user, parsed.data.id);
  // The outbox's reasons: a catalogue key is put into words, a sentence kept.
  if (!result.ok) return json<FormReply>({ errors: { form: translateMessage(context.language, result.reason) } }, { status: 400 });
  return json<FormReply>({ message: serverT(context.language)("admin.outbox.retried") });
}

type Row = { kind: OutboxKind; status: OutboxStatus; attempts: number; sentAt: Date | string | null; nextAttemptAt: Date | string | null };

/**
 * Where a message stands, in an admin's words: sent when; kept here because
 * nothing is configured to send it; being sent; tried and trying again when;
 * given up after how many tries. The worker's own error text is for the
 * message's page, never the list.
 */
function StatusCell({ message }: { message: Row }) {
  const t = useT();
  const badge = <span className={`badge outbox-status outbox-status-${message.status}`}>{t(`admin.outbox.statuses.${message.status}`)}</span>;
  let detail: ReactNode = null;
  if (message.status === "held") detail = message.kind === "email" ? t("admin.outbox.heldEmail") : t("admin.outbox.heldEscalation");
  else if (message.status === "sent" && message.sentAt) {
    detail = (
      <>
        {t("admin.outbox.sentAt")} <RelativeTime date={message.sentAt} />
      </>
    );
  } else if (message.status === "failed") detail = t("admin.outbox.gaveUp", { count: message.attempts });
  else if (message.status === "pending" && message.attempts > 0 && message.nextAttemptAt) {
    detail = (
      <>
        {t("admin.outbox.retrying", { n: message.attempts })} <RelativeTime date={message.nextAttemptAt} />
      </>
    );
  } else if (message.status === "pending") detail = t("admin.outbox.sendingSoon");
  return (
    <>
      {badge}
      {detail ? <div className="muted outbox-status-detail">{detail}</div> : null}
    </>
  );
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

/** A header by its meaning where we know it ("Unsubscribe link"), else by its name. */
function HeaderFact({ name, value }: { name: string; value: string }) {
  const t = useT();
  const known = name.toLowerCase();
  if (known === "list-unsubscribe") {
    const link = value.replace(/^<|>$/g, "");
    return (
      <>
        <dt>{t("admin.outbox.unsubscribeLink")}</dt>
        <dd>{/^https?:\/\//.test(link) ? <a href={link}>{link}</a> : link}</dd>
      </>
    );
  }
  if (known === "list-unsubscribe-post") {
    return (
      <>
        <dt>{t("admin.outbox.oneClick")}</dt>
        <dd>{t("admin.outbox.yes")}</dd>
      </>
    );
  }
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
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
    const { message, username, view } = data.found;
    const retryable = (message.status === "failed" || message.status === "held") && data.configured[message.kind];
    const personText = (p: Person) => t("admin.outbox.person", { name: p.displayName, username: p.username });
    return (
      <section className="card stack" aria-labelledby="message-title">
        <p>
          <Link to="/admin/outbox">{t("admin.outbox.back")}</Link>
        </p>
        <h2 id="message-title">{message.subject || t("admin.outbox.untitled", { kind: kindLabel(message.kind), id: message.id })}</h2>
        {notices}
        <dl className="outbox-facts">
          <dt>{t("admin.outbox.status")}</dt>
          <dd>
            <StatusCell message={message} />
          </dd>
          <dt>{t("admin.outbox.kind")}</dt>
          <dd>{kindLabel(message.kind)}</dd>
          {view.kind === "email" && view.fromName ? (
            <>
              <dt>{t("admin.outbox.from")}</dt>
              <dd>{view.fromName}</dd>
            </>
          ) : null}
          {message.toAddress ? (
            <>
              <dt>{t("admin.outbox.to")}</dt>
              <dd>
                {message.toAddress}
                {username ? <> (<Link to={`/u/${username}`}>@{username}</Link>)</> : null}
              </dd>
            </>
          ) : null}
          {message.subject ? (
            <>
              <dt>{t("admin.outbox.subject")}</dt>
              <dd>{message.subject}</dd>
            </>
          ) : null}
          {view.kind === "email" ? view.headers.map(([name, value]) => <HeaderFact key={name} name={name} value={value} />) : null}
          <dt>{t("admin.outbox.written")}</dt>
          <dd>
            <RelativeTime date={message.createdAt} />
          </dd>
          {message.attempts ? (
            <>
              <dt>{t("admin.outbox.attempts")}</dt>
              <dd>{message.attempts}</dd>
            </>
          ) : null}
          {/* What the mail server or webhook last answered: only after a real attempt (a held message was never tried). */}
          {message.lastError && message.status !== "held" ? (
            <>
              <dt>{message.kind === "email" ? t("admin.outbox.lastAnswerEmail") : t("admin.outbox.lastAnswerEscalation")}</dt>
              <dd className="outbox-error">{message.lastError}</dd>
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
        {view.kind === "escalation" ? (
          <>
            <h3>{t("admin.outbox.escalationTitle")}</h3>
            <dl className="outbox-facts">
              {view.title ? (
                <>
                  <dt>{t("admin.outbox.thread")}</dt>
                  <dd>{view.url && /^https?:\/\//.test(view.url) ? <a href={view.url}>{view.title}</a> : view.title}</dd>
                </>
              ) : null}
              {view.escalatedBy ? (
                <>
                  <dt>{t("admin.outbox.escalatedBy")}</dt>
                  <dd>{personText(view.escalatedBy)}</dd>
                </>
              ) : null}
              {view.note ? (
                <>
                  <dt>{t("admin.outbox.note")}</dt>
                  <dd className="outbox-text">{view.note}</dd>
                </>
              ) : null}
              {view.question ? (
                <>
                  <dt>{t("admin.outbox.question")}</dt>
                  <dd className="outbox-text">{view.question}</dd>
                </>
              ) : null}
              {view.resolution ? (
                <>
                  <dt>{t("admin.outbox.resolution")}</dt>
                  <dd className="outbox-text">{view.resolution}</dd>
                </>
              ) : null}
              {view.closedBy ? (
                <>
                  <dt>{t("admin.outbox.closedBy")}</dt>
                  <dd>{personText(view.closedBy)}</dd>
                </>
              ) : null}
            </dl>
            <details className="outbox-technical">
              <summary>{t("admin.outbox.technical")}</summary>
              <pre className="outbox-body">{view.json}</pre>
            </details>
          </>
        ) : null}
      </section>
    );
  }

  const { list, query, configured } = data;
  return (
    <section className="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t("admin.outbox.heading")}</h2>
      <div className={`${configured.email && configured.escalation ? "notice" : "alert alert-warning"} outbox-channels`}>
        <p>{configured.email ? t("admin.outbox.smtpOn") : t("admin.outbox.smtpOff")}</p>
        <p>{configured.escalation ? t("admin.outbox.webhookOn") : t("admin.outbox.webhookOff")}</p>
      </div>
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
      <p className="muted">{t("admin.outbox.count", { count: list.total })}</p>
      {list.messages.length === 0 ? (
        <p className="empty">{t("admin.outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards outbox-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.outbox.written")}</th>
                <th scope="col">{t("admin.outbox.kind")}</th>
                <th scope="col">{t("admin.outbox.recipient")}</th>
                <th scope="col">{t("admin.outbox.subject")}</th>
                <th scope="col">{t("admin.outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.messages.map((m) => (
                <tr key={m.id}>
                  <td data-label={t("admin.outbox.written")}>
                    <RelativeTime date={m.createdAt} />
                  </td>
                  <td data-label={t("admin.outbox.kind")}>{kindLabel(m.kind)}</td>
                  <td data-label={t("admin.outbox.recipient")}>
                    {m.toAddress || "—"}
                    {m.username ? <div className="muted">@{m.username}</div> : null}
                  </td>
                  <td data-label={t("admin.outbox.subject")}>
                    <Link to={`?id=${m.id}`}>{m.subject || t("admin.outbox.untitled", { kind: kindLabel(m.kind), id: m.id })}</Link>
                  </td>
                  <td data-label={t("admin.outbox.status")}>
                    <StatusCell message={m} />
                    {(m.status === "failed" || m.status === "held") && configured[m.kind] ? <RetryButton id={m.id} /> : null}
                  </td>
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
