// The moderators' escalations: threads handed to the support team, open ones
// first (oldest at the top), each closed with a resolution; then the recently
// closed. The thread page's "Escalate to support" form posts here too.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { closeEscalationSchema, escalateSchema } from "~/forms/escalation";
import { closeEscalation, escalateThread, listEscalations } from "~/models/moderation/escalation.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.escalations.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(listEscalations(context.db, user));
}

type EscalationReply =
  | { intent: "escalate"; threadId: number; errors: FieldErrors; values: Record<string, string> }
  | { intent: "close"; escalationId: number; errors: FieldErrors; values: Record<string, string> };

function incomplete(context: ActionFunctionArgs["context"]): never {
  throw new Response(serverT(context.language)("mod.errors.incompleteForm"), { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The layout's loader does not guard actions: refuse before reading the form.
  assertCan(user, "escalation.close");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "escalate") {
    const parsed = parseForm(escalateSchema, form, context.language);
    if (!parsed.ok) {
      const threadId = Number(parsed.values.threadId);
      if (parsed.errors.threadId || !threadId) incomplete(context);
      return json<EscalationReply>({ intent, threadId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    const { threadId, note } = parsed.data;
    const result = escalateThread(context.db, user, threadId, note);
    if (!result.ok) return json<EscalationReply>({ intent, threadId, errors: result.errors, values: { note } }, { status: 409 });
    return redirect(`${threadPath(result.thread)}#escalation`);
  }
  if (intent === "close") {
    const parsed = parseForm(closeEscalationSchema, form, context.language);
    if (!parsed.ok) {
      const escalationId = Number(parsed.values.escalationId);
      if (parsed.errors.escalationId || !escalationId) incomplete(context);
      return json<EscalationReply>({ intent, escalationId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    const { escalationId, resolution } = parsed.data;
    const result = closeEscalation(context.db, user, escalationId, resolution);
    if (!result.ok) return json<EscalationReply>({ intent, escalationId, errors: result.errors, values: { resolution } }, { status: 409 });
    return redirect(`/mod/escalations#closed-${escalationId}`);
  }
  throw new Response(serverT(context.language)("mod.errors.unknownAction"), { status: 400 });
}

export default function EscalationQueue() {
  const { open, closed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as EscalationReply | undefined;
  const t = useT();
  return (
    <div className="stack-lg">
      {reply?.intent === "escalate" ? (
        // Without JavaScript, a refused "Escalate to support" lands here: the form again, with the note kept.
        <section className="card" aria-labelledby="escalate-title">
          <h2 id="escalate-title">
            {t("mod.escalations.escalateBefore")} <Link to={`/t/${reply.threadId}`}>{t("mod.escalations.questionNumber", { id: reply.threadId })}</Link>{" "}
            {t("mod.escalations.escalateAfter")}
          </h2>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="escalate" />
            <input type="hidden" name="threadId" value={reply.threadId} />
            <FormAlert message={reply.errors.form} />
            <TextArea
              label={t("mod.escalations.note")}
              name="note"
              rows={3}
              required
              maxLength={2000}
              defaultValue={reply.values.note ?? ""}
              error={reply.errors.note}
            />
            <div>
              <button type="submit" className="button button-primary">
                {t("mod.escalations.escalate")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="open-escalations-title" className="stack">
        <h2 id="open-escalations-title">{t("mod.escalations.openTitle", { n: open.length })}</h2>
        <p className="muted">{t("mod.escalations.intro")}</p>
        {open.length === 0 ? (
          <p className="empty">{t("mod.escalations.noneOpen")}</p>
        ) : (
          <ul className="flag-queue stack">
            {open.map((escalation) => {
              const failed = reply?.intent === "close" && reply.escalationId === escalation.id ? reply : undefined;
              return (
                <li key={escalation.id} id={`escalation-${escalation.id}`} className="card escalation-item">
                  <h3 className="escalation-thread">
                    <Link to={threadPath({ id: escalation.threadId, slug: escalation.threadSlug })}>{escalation.threadTitle}</Link>
                    {escalation.threadDeleted ? <span className="badge badge-deleted">{t("mod.escalations.deleted")}</span> : null}
                  </h3>
                  <blockquote className="flag-excerpt">{escalation.note}</blockquote>
                  <p className="muted">
                    {t("mod.escalations.escalatedBy", { name: escalation.openedByName, username: escalation.openedByUsername })}{" "}
                    <RelativeTime date={escalation.createdAt} />
                  </p>
                  <Form method="post" noValidate className="stack escalation-close">
                    <input type="hidden" name="intent" value="close" />
                    <input type="hidden" name="escalationId" value={escalation.id} />
                    <FormAlert message={failed?.errors.form} />
                    <TextArea
                      id={`resolution-${escalation.id}`}
                      label={t("mod.escalations.resolution")}
                      name="resolution"
                      rows={2}
                      required
                      maxLength={2000}
                      defaultValue={failed?.values.resolution ?? ""}
                      error={failed?.errors.resolution}
                    />
                    <div>
                      <button type="submit" className="button button-small">
                        {t("mod.escalations.close")}
                      </button>
                    </div>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="closed-escalations-title">
        <h2 id="closed-escalations-title">{t("mod.escalations.closedTitle")}</h2>
        {closed.length === 0 ? (
          <p className="empty">{t("mod.escalations.noneClosed")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("mod.escalations.thread")}</th>
                  <th scope="col">{t("mod.escalations.noteColumn")}</th>
                  <th scope="col">{t("mod.escalations.resolution")}</th>
                  <th scope="col">{t("mod.escalations.closed")}</th>
                </tr>
              </thead>
              <tbody>
                {closed.map((escalation) => (
                  <tr key={escalation.id} id={`closed-${escalation.id}`}>
                    <td>
                      <Link to={threadPath({ id: escalation.threadId, slug: escalation.threadSlug })}>{escalation.threadTitle}</Link>
                    </td>
                    <td>{escalation.note}</td>
                    <td>{escalation.resolution}</td>
                    <td>
                      {escalation.closedByName ?? "—"} {escalation.closedAt ? <RelativeTime date={escalation.closedAt} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
