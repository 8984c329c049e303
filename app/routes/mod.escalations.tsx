// The moderators' escalations: threads handed to the support team, open ones
// first (oldest at the top), each closed with a resolution; then the recently
// closed. The thread page's "Escalate to support" form posts here too.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { closeEscalationSchema, escalateSchema } from "~/forms/escalation";
import { closeEscalation, escalateThread, listEscalations } from "~/models/moderation/escalation.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = () => [{ title: "Escalations · Moderation" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(listEscalations(context.db, user));
}

type EscalationReply =
  | { intent: "escalate"; threadId: number; errors: FieldErrors; values: Record<string, string> }
  | { intent: "close"; escalationId: number; errors: FieldErrors; values: Record<string, string> };

function incomplete(): never {
  throw new Response("The form was incomplete.", { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The layout's loader does not guard actions: refuse before reading the form.
  assertCan(user, "escalation.close");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "escalate") {
    const parsed = parseForm(escalateSchema, form);
    if (!parsed.ok) {
      const threadId = Number(parsed.values.threadId);
      if (parsed.errors.threadId || !threadId) incomplete();
      return json<EscalationReply>({ intent, threadId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    const { threadId, note } = parsed.data;
    const result = escalateThread(context.db, user, threadId, note);
    if (!result.ok) return json<EscalationReply>({ intent, threadId, errors: result.errors, values: { note } }, { status: 409 });
    return redirect(`${threadPath(result.thread)}#escalation`);
  }
  if (intent === "close") {
    const parsed = parseForm(closeEscalationSchema, form);
    if (!parsed.ok) {
      const escalationId = Number(parsed.values.escalationId);
      if (parsed.errors.escalationId || !escalationId) incomplete();
      return json<EscalationReply>({ intent, escalationId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    const { escalationId, resolution } = parsed.data;
    const result = closeEscalation(context.db, user, escalationId, resolution);
    if (!result.ok) return json<EscalationReply>({ intent, escalationId, errors: result.errors, values: { resolution } }, { status: 409 });
    return redirect(`/mod/escalations#closed-${escalationId}`);
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function EscalationQueue() {
  const { open, closed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as EscalationReply | undefined;
  return (
    <div className="stack-lg">
      {reply?.intent === "escalate" ? (
        // Without JavaScript, a refused "Escalate to support" lands here: the form again, with the note kept.
        <section className="card" aria-labelledby="escalate-title">
          <h2 id="escalate-title">
            Escalate <Link to={`/t/${reply.threadId}`}>question #{reply.threadId}</Link> to support
          </h2>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="escalate" />
            <input type="hidden" name="threadId" value={reply.threadId} />
            <FormAlert message={reply.errors.form} />
            <TextArea
              label="Note for the support team"
              name="note"
              rows={3}
              required
              maxLength={2000}
              defaultValue={reply.values.note ?? ""}
              error={reply.errors.note}
            />
            <div>
              <button type="submit" className="button button-primary">
                Escalate this thread
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="open-escalations-title" className="stack">
        <h2 id="open-escalations-title">Open escalations ({open.length})</h2>
        <p className="muted">
          Threads handed to the support team. Each waits here, and in the outbox for the support team's integration, until it is closed with
          what was done.
        </p>
        {open.length === 0 ? (
          <p className="empty">Nothing is escalated. The support team has nothing waiting from the community.</p>
        ) : (
          <ul className="flag-queue stack">
            {open.map((escalation) => {
              const failed = reply?.intent === "close" && reply.escalationId === escalation.id ? reply : undefined;
              return (
                <li key={escalation.id} id={`escalation-${escalation.id}`} className="card escalation-item">
                  <h3 className="escalation-thread">
                    <Link to={threadPath({ id: escalation.threadId, slug: escalation.threadSlug })}>{escalation.threadTitle}</Link>
                    {escalation.threadDeleted ? <span className="badge badge-deleted">Deleted</span> : null}
                  </h3>
                  <blockquote className="flag-excerpt">{escalation.note}</blockquote>
                  <p className="muted">
                    Escalated by {escalation.openedByName} (@{escalation.openedByUsername}) <RelativeTime date={escalation.createdAt} />
                  </p>
                  <Form method="post" noValidate className="stack escalation-close">
                    <input type="hidden" name="intent" value="close" />
                    <input type="hidden" name="escalationId" value={escalation.id} />
                    <FormAlert message={failed?.errors.form} />
                    <TextArea
                      id={`resolution-${escalation.id}`}
                      label="Resolution"
                      name="resolution"
                      rows={2}
                      required
                      maxLength={2000}
                      defaultValue={failed?.values.resolution ?? ""}
                      error={failed?.errors.resolution}
                    />
                    <div>
                      <button type="submit" className="button button-small">
                        Close the escalation
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
        <h2 id="closed-escalations-title">Recently closed</h2>
        {closed.length === 0 ? (
          <p className="empty">No escalation has been closed yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Thread</th>
                  <th scope="col">Note</th>
                  <th scope="col">Resolution</th>
                  <th scope="col">Closed</th>
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
