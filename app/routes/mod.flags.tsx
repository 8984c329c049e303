import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { flagDecisionSchema } from "~/forms/moderation";
import { decideFlag, listOpenFlags } from "~/models/moderation/flag.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Flagged posts · Moderation" }];

const REASON_LABEL = { spam: "Spam", offensive: "Rude or offensive", "off-topic": "Off-topic", other: "Something else" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ flags: listOpenFlags(context.db, user) });
}

type DecisionReply = { flagId: number; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The layout's loader does not guard actions: refuse members before reading
  // the form, so a forged post never gets as far as its field messages.
  assertCan(user, "flag.review");
  const form = await readForm(request);
  const parsed = parseForm(flagDecisionSchema, form);
  if (!parsed.ok) {
    const flagId = Number(form.get("flagId"));
    if (!Number.isSafeInteger(flagId) || flagId <= 0 || parsed.errors.decision) throw new Response("The decision was incomplete.", { status: 400 });
    return json<DecisionReply>({ flagId, errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const { flagId, decision, reason } = parsed.data;
  const result = decideFlag(context.db, user, flagId, decision, reason);
  if (!result.ok) return json<DecisionReply>({ flagId, errors: result.errors, values: { reason } }, { status: 400 });
  return redirect("/mod/flags");
}

export default function FlagQueue() {
  const { flags } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as DecisionReply | undefined;
  if (!flags.length) return <p className="empty">No open flags. The community is behaving.</p>;
  return (
    <ul className="flag-queue stack">
      {flags.map((flag) => {
        const mine = reply?.flagId === flag.id ? reply : undefined;
        return (
          <li key={flag.id} className="card flag-item">
            <p>
              <span className="badge">{REASON_LABEL[flag.reason]}</span> on a {flag.postKind} by{" "}
              <Link to={`/u/${flag.authorUsername}`}>@{flag.authorUsername}</Link> in{" "}
              <Link to={`/t/${flag.threadId}/${flag.threadSlug}#post-${flag.postId}`}>{flag.threadTitle}</Link>
              {flag.postHidden ? <span className="badge badge-hidden">Hidden</span> : null}
            </p>
            <blockquote className="flag-excerpt">{flag.postBody.length > 300 ? `${flag.postBody.slice(0, 300)}…` : flag.postBody}</blockquote>
            {flag.note ? <p>Note: “{flag.note}”</p> : null}
            <p className="muted">
              Flagged by @{flag.reporterUsername} <RelativeTime date={flag.createdAt} />
            </p>
            <FormAlert message={mine?.errors.form} />
            <div className="form-actions flag-actions">
              <Form method="post">
                <input type="hidden" name="flagId" value={flag.id} />
                <button type="submit" name="decision" value="dismiss" className="button button-small">
                  Dismiss flag
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="flagId" value={flag.id} />
                <button type="submit" name="decision" value="delete" className="button button-small button-danger">
                  Delete the post
                </button>
              </Form>
              {flag.authorRole === "member" ? (
                <Link to={`/mod/users/${flag.authorUsername}`} className="button button-small">
                  Suspend the author
                </Link>
              ) : null}
            </div>
            {flag.postHidden ? null : (
              <details className="flag-hide" open={!!mine}>
                <summary className="button button-small">Hide the post</summary>
                <Form method="post" noValidate className="stack">
                  <input type="hidden" name="flagId" value={flag.id} />
                  <TextArea
                    id={`hide-reason-${flag.id}`}
                    label="Why is it hidden? (its author reads this)"
                    name="reason"
                    rows={2}
                    required
                    maxLength={500}
                    defaultValue={mine?.values.reason ?? ""}
                    error={mine?.errors.reason}
                  />
                  <div>
                    <button type="submit" name="decision" value="hide" className="button button-small button-danger">
                      Hide the post
                    </button>
                  </div>
                </Form>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
