import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { refusedWith } from "~/i18n/message";
import { flagDecisionSchema, MOD_REASON_MAX } from "~/forms/moderation";
import { decideFlag, listOpenFlags, type FlagDecision } from "~/models/moderation/flag.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.flags.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ flags: listOpenFlags(context.db, user) });
}

/** A refused decision (its card opens again with the reason typed), or what was done. */
type DecisionReply =
  | { flagId: number; decision: FlagDecision; errors: FieldErrors; values: Record<string, string>; message?: undefined }
  | { message: string; flagId?: undefined; errors?: undefined };

const DECISIONS: readonly string[] = ["dismiss", "hide", "delete"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The layout's loader does not guard actions: refuse members before reading
  // the form, so a forged post never gets as far as its field messages.
  assertCan(user, "flag.review");
  const form = await readForm(request);
  const parsed = parseForm(flagDecisionSchema, form, context.language);
  if (!parsed.ok) {
    const flagId = Number(form.get("flagId"));
    const decision = String(form.get("decision") ?? "");
    if (!Number.isSafeInteger(flagId) || flagId <= 0 || !DECISIONS.includes(decision)) throw refusedWith(400, "mod.errors.incompleteDecision");
    return json<DecisionReply>({ flagId, decision: decision as FlagDecision, errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const { flagId, decision, reason } = parsed.data;
  const result = decideFlag(context.db, user, flagId, decision, reason);
  if (!result.ok) return json<DecisionReply>({ flagId, decision, errors: result.errors, values: { reason } }, { status: 400 });
  // The page again, with the queue as it is now and what was done said at its top.
  return json<DecisionReply>({ message: result.message });
}

type Flag = ReturnType<typeof useLoaderData<typeof loader>>["flags"][number];
type Refused = Extract<DecisionReply, { flagId: number }>;

/**
 * Hiding or deleting a post is a second step: the button opens a short form
 * that says what will happen and asks why, and only its own button acts
 * (a <details>, so it works without JavaScript).
 */
function ConfirmStep({ flag, decision, refused }: { flag: Flag; decision: "hide" | "delete"; refused?: Refused }) {
  const t = useT();
  const mine = refused?.decision === decision ? refused : undefined;
  const hide = decision === "hide";
  return (
    <details className={`flag-confirm flag-${decision}`} open={!!mine}>
      <summary className={`button button-small${hide ? "" : " button-danger"}`}>{hide ? t("mod.flags.hide") : t("mod.flags.delete")}</summary>
      <Form method="post" noValidate className="stack flag-confirm-form">
        <input type="hidden" name="flagId" value={flag.id} />
        <p className="muted">{hide ? t(`mod.post.hideEffect.${flag.postKind}`) : t(`mod.flags.deleteHelp.${flag.postKind}`)}</p>
        <TextArea
          id={`${decision}-reason-${flag.id}`}
          label={hide ? t("mod.flags.hideReason") : t("mod.flags.deleteReason")}
          name="reason"
          rows={2}
          required
          maxLength={MOD_REASON_MAX}
          defaultValue={mine?.values.reason ?? ""}
          error={mine?.errors.reason}
        />
        <div>
          <button type="submit" name="decision" value={decision} className="button button-small button-danger">
            {hide ? t(`mod.post.hide.${flag.postKind}`) : t(`mod.flags.confirmDelete.${flag.postKind}`)}
          </button>
        </div>
      </Form>
    </details>
  );
}

export default function FlagQueue() {
  const { flags } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as DecisionReply | undefined;
  const t = useT();
  const refused = reply?.flagId !== undefined ? (reply as Refused) : undefined;
  return (
    <div className="stack">
      <FormSuccess message={reply?.message} />
      {!flags.length ? (
        <p className="empty">{t("mod.flags.empty")}</p>
      ) : (
        <ul className="flag-queue stack">
          {flags.map((flag) => {
            const mine = refused?.flagId === flag.id ? refused : undefined;
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
                  {flag.authorRole === "member" ? (
                    <Link to={`/mod/users/${flag.authorUsername}`} className="button button-small">
                      {t("mod.flags.suspendAuthor")}
                    </Link>
                  ) : null}
                </div>
                {flag.postHidden ? null : <ConfirmStep flag={flag} decision="hide" refused={mine} />}
                <ConfirmStep flag={flag} decision="delete" refused={mine} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
