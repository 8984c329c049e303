import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, FormSuccess, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { adminDeleteAccountSchema } from "~/forms/data";
import { MOD_REASON_MAX, SUSPEND_DURATIONS, suspendSchema } from "~/forms/moderation";
import { deleteUserAccount, exportUserData, memberAdminPage, resetTwoFactor } from "~/models/accounts/account-admin.server";
import { suspendUser, unsuspendUser } from "~/models/moderation/moderation.server";
import { refusal } from "~/policy";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("mod.user.title", { username: data.member.username }) : metaT(matches)("mod.title") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { user: member, deletedAt, admin } = memberAdminPage(context.db, user, params.username ?? "");
  return json({
    member,
    // Why this moderator can't suspend this account (staff, themselves), in words; null when they can.
    refused: refusal(user, "user.suspend", { id: member.id, role: member.role }),
    today: new Date().toISOString().slice(0, 10),
    deletedAt,
    // The admins' account tools (export, delete, two-factor); null for moderators.
    admin,
  });
}

type SuspendReply = { errors: FieldErrors; values: Record<string, string>; intent?: string; message?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Members and visitors are refused here, before the form is even read.
  const { user: member, deletedAt } = memberAdminPage(context.db, user, params.username ?? "");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (deletedAt && (intent === "lift" || intent === "suspend")) {
    return json<SuspendReply>({ errors: { form: serverT(context.language)("mod.user.deletedError") }, values: {} }, { status: 400 });
  }
  if (intent === "lift") {
    const result = unsuspendUser(context.db, user, member.id);
    if (!result.ok) return json<SuspendReply>({ errors: result.errors, values: {} }, { status: 400 });
  } else if (intent === "suspend") {
    const parsed = parseForm(suspendSchema(), form, context.language);
    if (!parsed.ok) return json<SuspendReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = suspendUser(context.db, user, member.id, parsed.data);
    if (!result.ok) {
      const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
      return json<SuspendReply>({ errors: result.errors, values }, { status: 400 });
    }
  } else if (intent === "export" || intent === "reset-two-factor") {
    const result = intent === "export" ? exportUserData(context.db, user, member.id) : resetTwoFactor(context.db, user, member.id);
    if (!result.ok) return json<SuspendReply>({ intent, errors: result.errors, values: {} }, { status: 400 });
    return json<SuspendReply>({ intent, errors: {}, values: {}, message: result.message });
  } else if (intent === "delete") {
    const parsed = parseForm(adminDeleteAccountSchema, form, context.language);
    if (!parsed.ok) return json<SuspendReply>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = deleteUserAccount(context.db, user, member.id, parsed.data);
    if (!result.ok) return json<SuspendReply>({ intent, errors: result.errors, values: parsed.data }, { status: 400 });
    // The account has a new (anonymous) name: its page is there now.
    return redirect(`/mod/users/${result.username}`);
  } else {
    throw new Response(serverT(context.language)("mod.errors.unknownAction"), { status: 400 });
  }
  return redirect(`/mod/users/${member.username}`);
}

export default function SuspendMember() {
  const { member, refused, today, deletedAt, admin } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SuspendReply | undefined;
  // The suspension forms' replies carry no intent; the account tools' do.
  const errors = reply && !reply.intent ? reply.errors : {};
  const values = reply && !reply.intent ? reply.values : {};
  const t = useT();
  const language = useLanguage();
  return (
    <div className="stack-lg page-medium">
      <section className="card stack" aria-labelledby="member-title">
        <h2 id="member-title">
          {deletedAt ? member.displayName : <Link to={`/u/${member.username}`}>{member.displayName}</Link>} (@{member.username})
        </h2>
        {!deletedAt && member.suspendedUntil ? (
          <p>
            <span className="badge badge-suspended">{t("mod.user.suspendedBadge", { date: exactTime(member.suspendedUntil, language) })}</span>
          </p>
        ) : null}
        <p className="muted">
          {t(`mod.user.roles.${member.role}`)} · {t("mod.user.reputation", { n: member.reputation.toLocaleString(language) })} · {t("mod.user.joined")}{" "}
          <RelativeTime date={member.createdAt} />
        </p>
        {deletedAt ? (
          <p className="notice notice-deleted">
            {t("mod.user.deletedNotice", { date: exactTime(deletedAt, language) })}
          </p>
        ) : member.suspendedUntil ? (
          <p className="notice notice-suspended">
            {t("mod.user.suspendedUntil", { date: exactTime(member.suspendedUntil, language), reason: member.suspendReason })}
          </p>
        ) : (
          <p>{t("mod.user.notSuspended")}</p>
        )}
      </section>

      {deletedAt ? null : refused ? (
        <p className="notice">{refused}</p>
      ) : (
        <>
          {member.suspendedUntil ? (
            <section className="card stack" aria-labelledby="lift-title">
              <h2 id="lift-title">{t("mod.user.liftTitle")}</h2>
              <FormAlert message={errors.form} />
              <Form method="post">
                <input type="hidden" name="intent" value="lift" />
                <button type="submit" className="button">
                  {t("mod.user.lift")}
                </button>
              </Form>
            </section>
          ) : null}
          <section className="card stack" aria-labelledby="suspend-title">
            <h2 id="suspend-title">{member.suspendedUntil ? t("mod.user.changeTitle") : t("mod.user.suspendTitle")}</h2>
            <p className="muted">{t("mod.user.suspendText")}</p>
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="suspend" />
              <fieldset aria-describedby={errors.duration ? "duration-error" : undefined}>
                <legend>{t("mod.user.howLong")}</legend>
                {SUSPEND_DURATIONS.map((value) => (
                  <label key={value} className="radio">
                    <input type="radio" name="duration" value={value} defaultChecked={(values.duration ?? "7") === value} />{" "}
                    {t(`mod.user.durations.${value}`)}
                  </label>
                ))}
              </fieldset>
              {errors.duration ? (
                <p className="field-error" id="duration-error" role="alert">
                  {errors.duration}
                </p>
              ) : null}
              <Field
                label={t("mod.user.until")}
                name="until"
                type="date"
                min={today}
                defaultValue={values.until ?? ""}
                error={errors.until}
                hint={t("mod.user.untilHint")}
              />
              <TextArea
                label={t("mod.user.reason")}
                name="reason"
                rows={3}
                required
                maxLength={MOD_REASON_MAX}
                defaultValue={values.reason ?? ""}
                error={errors.reason}
              />
              <div>
                <button type="submit" className="button button-danger">
                  {t("mod.suspendUser", { username: member.username })}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
      {admin ? <AccountTools member={member} admin={admin} reply={reply?.intent ? reply : undefined} /> : null}
    </div>
  );
}

/** The admins' tools: export the member's data, turn off their two-factor sign-in, delete the account. */
function AccountTools({
  member,
  admin,
  reply,
}: {
  member: { username: string };
  admin: NonNullable<SerializeFrom<typeof loader>["admin"]>;
  reply?: SuspendReply;
}) {
  const forIntent = (intent: string) => (reply?.intent === intent ? reply : undefined);
  const exportReply = forIntent("export");
  const twoFactorReply = forIntent("reset-two-factor");
  const deleteReply = forIntent("delete");
  const exp = admin.export;
  const t = useT();
  const language = useLanguage();
  return (
    <>
      <section className="card stack" aria-labelledby="export-title" id="account-export">
        <h2 id="export-title">{t("mod.user.exportTitle")}</h2>
        <p className="muted">{t("mod.user.exportText")}</p>
        <FormSuccess message={exportReply?.message} />
        <FormAlert message={exportReply?.errors.form} />
        {exp ? (
          <p role="status">
            {exp.status === "pending" ? (
              <>
                {t("mod.user.exportPending")} <RelativeTime date={exp.createdAt} />
                {t("mod.user.exportPendingAfter")} <Link to={`/mod/users/${member.username}#account-export`}>{t("mod.user.checkAgain")}</Link>
              </>
            ) : exp.status === "ready" ? (
              <>
                {t("mod.user.exportReady")}{" "}
                <a href={`/settings/data/download/${exp.id}`} download>
                  {t("mod.user.download", { username: member.username })}
                </a>{" "}
                <span className="muted">{t("mod.user.downloadUntil", { date: exactTime(exp.expiresAt!, language) })}</span>
              </>
            ) : exp.status === "expired" ? (
              <>{t("mod.user.exportExpired", { date: exactTime(exp.expiresAt!, language) })}</>
            ) : (
              <>{t("mod.user.exportFailed")}</>
            )}
          </p>
        ) : null}
        {exp?.status === "pending" ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button">
              {t("mod.user.exportTitle")}
            </button>
          </Form>
        )}
      </section>

      <section className="card stack" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">{t("mod.user.twoFactorTitle")}</h2>
        <FormSuccess message={twoFactorReply?.message} />
        <FormAlert message={twoFactorReply?.errors.form} />
        {admin.twoFactorOn ? (
          <>
            <p className="muted">{t("mod.user.twoFactorText")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="reset-two-factor" />
              <button type="submit" className="button button-danger">
                {t("mod.user.twoFactorReset")}
              </button>
            </Form>
          </>
        ) : (
          <p>{t("mod.user.twoFactorOff")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="delete-account-title">
        <h2 id="delete-account-title">{t("mod.user.deleteTitle")}</h2>
        <p className="muted">{t("mod.user.deleteText")}</p>
        <FormAlert message={deleteReply?.errors.form} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="delete" />
          <Field
            label={t("mod.user.deleteConfirm", { username: member.username })}
            name="confirmation"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            defaultValue={deleteReply?.values.confirmation ?? ""}
            error={deleteReply?.errors.confirmation}
          />
          <TextArea
            label={t("mod.user.deleteReason")}
            name="reason"
            rows={2}
            defaultValue={deleteReply?.values.reason ?? ""}
            error={deleteReply?.errors.reason}
          />
          <div>
            <button type="submit" className="button button-danger">
              {t("mod.user.deleteTitle")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
