import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { grantSchema, REASON_MAX, revokeSchema } from "~/forms/early-access";
import { grantEarlyAccess, listAccessGrants, revokeEarlyAccess } from "~/models/reputation/early-access.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.earlyAccess.title") }];

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
    const parsed = parseForm(revokeSchema, form, context.language);
    const grantId = Number(form.get("grantId")) || undefined;
    if (!parsed.ok) return json<GrantReply>({ intent: "revoke", grantId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = revokeEarlyAccess(context.db, user, parsed.data);
    if (!result.ok) return json<GrantReply>({ intent: "revoke", grantId, errors: result.errors }, { status: 409 });
    return json<GrantReply>({ intent: "revoke", message: serverT(context.language)("mod.earlyAccess.revoked", { username: result.username }) });
  }
  const parsed = parseForm(grantSchema, form, context.language);
  if (!parsed.ok) return json<GrantReply>({ intent: "grant", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = grantEarlyAccess(context.db, user, parsed.data);
  if (!result.ok) return json<GrantReply>({ intent: "grant", errors: result.errors, values: parsed.data }, { status: 400 });
  return json<GrantReply>({ intent: "grant", message: serverT(context.language)("mod.earlyAccess.granted", { username: result.username }) });
}

export default function ModEarlyAccess() {
  const { active, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const grantReply = reply?.intent === "grant" ? reply : undefined;
  const grantErrors = grantReply?.errors ?? {};
  const revokeErrors = (grantId: number) => (reply?.intent === "revoke" && reply.grantId === grantId ? (reply.errors ?? {}) : {});
  const t = useT();

  return (
    <div className="stack-lg">
      <p className="lede">
        {t("mod.earlyAccess.ledeBefore")} <Link to="/early-access">{t("mod.earlyAccess.ledeLink")}</Link>
        {t("mod.earlyAccess.ledeAfter")} <Link to="/early-access/new">{t("mod.earlyAccess.publish")}</Link>.
      </p>
      <FormSuccess message={reply?.message} />
      {reply?.intent === "revoke" ? <FormAlert message={reply.errors?.form} /> : null}

      <section className="card stack" aria-labelledby="grant-title">
        <h2 id="grant-title">{t("mod.earlyAccess.grantTitle")}</h2>
        {/* A new key after each success empties the form for the next one. */}
        <Form method="post" noValidate className="stack" key={grantReply?.message ?? "grant"}>
          <div className="filter-bar">
            <Field
              label={t("mod.earlyAccess.username")}
              name="username"
              defaultValue={grantReply?.values?.username}
              error={grantErrors.username}
              autoComplete="off"
              maxLength={31}
              hint={t("mod.earlyAccess.usernameHint")}
            />
            <Field
              label={t("mod.earlyAccess.reason")}
              name="reason"
              defaultValue={grantReply?.values?.reason}
              error={grantErrors.reason}
              maxLength={REASON_MAX}
              hint={t("mod.earlyAccess.reasonHint")}
            />
          </div>
          <div className="form-actions">
            <button type="submit" name="intent" value="grant" className="button button-primary" disabled={busy}>
              {t("mod.earlyAccess.grant")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="active-title">
        <h2 id="active-title">{t("mod.earlyAccess.activeTitle", { n: active.length })}</h2>
        {active.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("mod.earlyAccess.member")}</th>
                  <th scope="col">{t("mod.earlyAccess.grantedColumn")}</th>
                  <th scope="col">{t("mod.earlyAccess.why")}</th>
                  <th scope="col">{t("mod.earlyAccess.revoke")}</th>
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
                        {t("mod.earlyAccess.grantedBy", { username: grant.grantedBy })} <RelativeTime date={grant.createdAt} />
                      </td>
                      <td>{grant.reason}</td>
                      <td>
                        <Form method="post" noValidate className="role-form">
                          <input type="hidden" name="grantId" value={grant.id} />
                          <Field
                            label={t("mod.earlyAccess.revokeReason", { username: grant.username })}
                            name="reason"
                            id={`revoke-reason-${grant.id}`}
                            defaultValue={reply?.intent === "revoke" && reply.grantId === grant.id ? reply.values?.reason : undefined}
                            error={errors.reason}
                            maxLength={REASON_MAX}
                          />
                          <button type="submit" name="intent" value="revoke" className="button button-small button-danger" disabled={busy}>
                            {t("mod.earlyAccess.revoke")}
                            <span className="visually-hidden"> {t("mod.earlyAccess.revokeWhat", { username: grant.username })}</span>
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
          <p className="empty">{t("mod.earlyAccess.noneActive")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="history-title">
        <h2 id="history-title">{t("mod.earlyAccess.historyTitle")}</h2>
        {history.length ? (
          <ul className="audit-list">
            {history.map((event) => (
              <li key={`${event.kind}-${event.grantId}`}>
                <RelativeTime date={event.at} /> ·{" "}
                {event.kind === "grant" ? t("mod.earlyAccess.historyGrant", { by: event.by }) : t("mod.earlyAccess.historyRevoke", { by: event.by })}{" "}
                <Link to={`/u/${event.username}`}>@{event.username}</Link>
                {t("mod.colon")}
                <q>{event.reason}</q>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("mod.earlyAccess.noHistory")}</p>
        )}
      </section>
    </div>
  );
}
