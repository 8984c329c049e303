import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { flagDecisionSchema } from "~/forms/moderation";
import { decideFlag, listOpenFlags } from "~/models/moderation/flag.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.flags.title") }];

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
  const parsed = parseForm(flagDecisionSchema, form, context.language);
  if (!parsed.ok) {
    const flagId = Number(form.get("flagId"));
    if (!Number.isSafeInteger(flagId) || flagId <= 0 || parsed.errors.decision) throw new Response(serverT(context.language)("mod.errors.incompleteDecision"), { status: 400 });
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
  const t = useT();
  if (!flags.length) return <p className="empty">{t("mod.flags.empty")}</p>;
  return (
    <ul className="flag-queue stack">
      {flags.map((flag) => {
        const mine = reply?.flagId === flag.id ? reply : undefined;
        return (
          <li key={flag.id} className="card flag-item">
            <p>
              <span className="badge">{t(`mod.reasons.${flag.reason}`)}</span> {t(`mod.flags.onPost.${flag.postKind}`)}{" "}
              <Link to={`/u/${flag.authorUsername}`}>@{flag.authorUsername}</Link> {t("mod.flags.in")}{" "}
              <Link to={`/t/${flag.threadId}/${flag.threadSlug}#post-${flag.postId}`}>{flag.threadTitle}</Link>
              {flag.postHidden ? <span className="badge badge-hidden">{t("mod.flags.hidden")}</span> : null}
            </p>
            <blockquote className="flag-excerpt">{flag.postBody.length > 300 ? `${flag.postBody.slice(0, 300)}…` : flag.postBody}</blockquote>
            {flag.note ? <p>{t("mod.flags.note", { note: flag.note })}</p> : null}
            <p className="muted">
              {t("mod.flags.flaggedBy", { username: flag.reporterUsername })} <RelativeTime date={flag.createdAt} />
            </p>
            <FormAlert message={mine?.errors.form} />
            <div className="form-actions flag-actions">
              <Form method="post">
                <input type="hidden" name="flagId" value={flag.id} />
                <button type="submit" name="decision" value="dismiss" className="button button-small">
                  {t("mod.flags.dismiss")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="flagId" value={flag.id} />
                <button type="submit" name="decision" value="delete" className="button button-small button-danger">
                  {t("mod.flags.delete")}
                </button>
              </Form>
              {flag.authorRole === "member" ? (
                <Link to={`/mod/users/${flag.authorUsername}`} className="button button-small">
                  {t("mod.flags.suspendAuthor")}
                </Link>
              ) : null}
            </div>
            {flag.postHidden ? null : (
              <details className="flag-hide" open={!!mine}>
                <summary className="button button-small">{t("mod.flags.hide")}</summary>
                <Form method="post" noValidate className="stack">
                  <input type="hidden" name="flagId" value={flag.id} />
                  <TextArea
                    id={`hide-reason-${flag.id}`}
                    label={t("mod.flags.hideReason")}
                    name="reason"
                    rows={2}
                    required
                    maxLength={500}
                    defaultValue={mine?.values.reason ?? ""}
                    error={mine?.errors.reason}
                  />
                  <div>
                    <button type="submit" name="decision" value="hide" className="button button-small button-danger">
                      {t("mod.flags.hide")}
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
