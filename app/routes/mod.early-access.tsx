import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { grantSchema, REASON_MAX, revokeSchema } from "~/forms/early-access";
import { grantEarlyAccess, listAccessGrants, revokeEarlyAccess } from "~/models/reputation/early-access.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Early access · Moderation" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(listAccessGrants(context.db, user));
}

type GrantReply = { intent: "grant" | "revoke"; grantId?: number; errors?: FieldErrors; values?: Record<string, string>; message?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refused before the form is read: someone who may not grant learns nothing from its checks.
  assertCan(user, "earlyAccess.manage");
  const form = await readForm(request);
  if (readIntent(form, ["grant", "revoke"], "grant") === "revoke") {
    const parsed = parseForm(revokeSchema, form);
    const grantId = Number(form.get("grantId")) || undefined;
    if (!parsed.ok) return json<GrantReply>({ intent: "revoke", grantId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = revokeEarlyAccess(context.db, user, parsed.data);
    if (!result.ok) return json<GrantReply>({ intent: "revoke", grantId, errors: result.errors }, { status: 409 });
    return json<GrantReply>({ intent: "revoke", message: `@${result.username} no longer has early access.` });
  }
  const parsed = parseForm(grantSchema, form);
  if (!parsed.ok) return json<GrantReply>({ intent: "grant", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = grantEarlyAccess(context.db, user, parsed.data);
  if (!result.ok) return json<GrantReply>({ intent: "grant", errors: result.errors, values: parsed.data }, { status: 400 });
  return json<GrantReply>({ intent: "grant", message: `@${result.username} now has early access.` });
}

export default function ModEarlyAccess() {
  const { active, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const grantReply = reply?.intent === "grant" ? reply : undefined;
  const grantErrors = grantReply?.errors ?? {};
  const revokeErrors = (grantId: number) => (reply?.intent === "revoke" && reply.grantId === grantId ? (reply.errors ?? {}) : {});

  return (
    <div className="stack-lg">
      <p className="lede">
        Members from the early-access rank read the <Link to="/early-access">early-access announcements</Link>. Open them to anyone else
        here, and take access back when it should end; both are kept in the log with your reason.{" "}
        <Link to="/early-access/new">Publish an announcement</Link>.
      </p>
      <FormSuccess message={reply?.message} />
      {reply?.intent === "revoke" ? <FormAlert message={reply.errors?.form} /> : null}

      <section className="card stack" aria-labelledby="grant-title">
        <h2 id="grant-title">Grant early access</h2>
        {/* A new key after each success empties the form for the next one. */}
        <Form method="post" noValidate className="stack" key={grantReply?.message ?? "grant"}>
          <div className="filter-bar">
            <Field
              label="Member's username"
              name="username"
              defaultValue={grantReply?.values?.username}
              error={grantErrors.username}
              autoComplete="off"
              maxLength={31}
              hint="As on their profile, e.g. “priya”."
            />
            <Field
              label="Reason"
              name="reason"
              defaultValue={grantReply?.values?.reason}
              error={grantErrors.reason}
              maxLength={REASON_MAX}
              hint="Kept in the log, e.g. “Beta tester for the new app”."
            />
          </div>
          <div className="form-actions">
            <button type="submit" name="intent" value="grant" className="button button-primary" disabled={busy}>
              Grant early access
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="active-title">
        <h2 id="active-title">Granted access ({active.length})</h2>
        {active.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Why</th>
                  <th scope="col">Revoke</th>
                </tr>
              </thead>
              <tbody>
                {active.map((grant) => {
                  const errors = revokeErrors(grant.id);
                  return (
                    <tr key={grant.id}>
                      <th scope="row">
                        <Link to={`/u/${grant.username}`}>{grant.displayName}</Link> <span className="muted">@{grant.username}</span>
                      </th>
                      <td>
                        by @{grant.grantedBy}, <RelativeTime date={grant.createdAt} />
                      </td>
                      <td>{grant.reason}</td>
                      <td>
                        <Form method="post" noValidate className="role-form">
                          <input type="hidden" name="grantId" value={grant.id} />
                          <Field
                            label={`Reason for revoking @${grant.username}'s access`}
                            name="reason"
                            id={`revoke-reason-${grant.id}`}
                            defaultValue={reply?.intent === "revoke" && reply.grantId === grant.id ? reply.values?.reason : undefined}
                            error={errors.reason}
                            maxLength={REASON_MAX}
                          />
                          <button type="submit" name="intent" value="revoke" className="button button-small button-danger" disabled={busy}>
                            Revoke<span className="visually-hidden"> @{grant.username}'s early access</span>
                          </button>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">Nobody has been granted early access. Members reach it with their rank.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="history-title">
        <h2 id="history-title">Recent grants and revocations</h2>
        {history.length ? (
          <ul className="audit-list">
            {history.map((event) => (
              <li key={`${event.kind}-${event.grantId}`}>
                <RelativeTime date={event.at} /> · @{event.by} {event.kind === "grant" ? "granted early access to" : "revoked the early access of"}{" "}
                <Link to={`/u/${event.username}`}>@{event.username}</Link>: <q>{event.reason}</q>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No grants yet.</p>
        )}
      </section>
    </div>
  );
}
