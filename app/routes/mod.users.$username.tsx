import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, FormSuccess, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { adminDeleteAccountSchema } from "~/forms/data";
import { MOD_REASON_MAX, SUSPEND_DURATIONS, suspendSchema } from "~/forms/moderation";
import { deleteUserAccount, exportUserData, memberAdminPage, resetTwoFactor } from "~/models/accounts/account-admin.server";
import { suspendUser, unsuspendUser } from "~/models/moderation/moderation.server";
import { refusal } from "~/policy";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `@${data.member.username} · Moderation` : "Moderation" }];

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
    return json<SuspendReply>({ errors: { form: "This account was deleted." }, values: {} }, { status: 400 });
  }
  if (intent === "lift") {
    const result = unsuspendUser(context.db, user, member.id);
    if (!result.ok) return json<SuspendReply>({ errors: result.errors, values: {} }, { status: 400 });
  } else if (intent === "suspend") {
    const parsed = parseForm(suspendSchema(), form);
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
    const parsed = parseForm(adminDeleteAccountSchema, form);
    if (!parsed.ok) return json<SuspendReply>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = deleteUserAccount(context.db, user, member.id, parsed.data);
    if (!result.ok) return json<SuspendReply>({ intent, errors: result.errors, values: parsed.data }, { status: 400 });
    // The account has a new (anonymous) name: its page is there now.
    return redirect(`/mod/users/${result.username}`);
  } else {
    throw new Response("Unknown action.", { status: 400 });
  }
  return redirect(`/mod/users/${member.username}`);
}

export default function SuspendMember() {
  const { member, refused, today, deletedAt, admin } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SuspendReply | undefined;
  // The suspension forms' replies carry no intent; the account tools' do.
  const errors = reply && !reply.intent ? reply.errors : {};
  const values = reply && !reply.intent ? reply.values : {};
  return (
    <div className="stack-lg page-medium">
      <section className="card stack" aria-labelledby="member-title">
        <h2 id="member-title">
          {deletedAt ? member.displayName : <Link to={`/u/${member.username}`}>{member.displayName}</Link>} (@{member.username})
        </h2>
        <p className="muted">
          {member.role === "member" ? "Member" : member.role === "moderator" ? "Moderator" : "Administrator"} · {member.reputation.toLocaleString("en")} reputation · joined{" "}
          <RelativeTime date={member.createdAt} />
        </p>
        {deletedAt ? (
          <p className="notice notice-deleted">
            This account was deleted on {exactTime(deletedAt)}. Its posts stay, under “a former member”; no one can sign in to it.
          </p>
        ) : member.suspendedUntil ? (
          <p className="notice notice-suspended">
            Suspended until {exactTime(member.suspendedUntil)}: {member.suspendReason}
          </p>
        ) : (
          <p>Not suspended.</p>
        )}
      </section>

      {deletedAt ? null : refused ? (
        <p className="notice">{refused}</p>
      ) : (
        <>
          {member.suspendedUntil ? (
            <section className="card stack" aria-labelledby="lift-title">
              <h2 id="lift-title">Lift the suspension</h2>
              <FormAlert message={errors.form} />
              <Form method="post">
                <input type="hidden" name="intent" value="lift" />
                <button type="submit" className="button">
                  Lift the suspension now
                </button>
              </Form>
            </section>
          ) : null}
          <section className="card stack" aria-labelledby="suspend-title">
            <h2 id="suspend-title">{member.suspendedUntil ? "Change the suspension" : "Suspend"}</h2>
            <p className="muted">
              A suspended member can still read, but can't post, comment, vote or flag. They are signed out everywhere now.
            </p>
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="suspend" />
              <fieldset aria-describedby={errors.duration ? "duration-error" : undefined}>
                <legend>For how long?</legend>
                {SUSPEND_DURATIONS.map(([value, label]) => (
                  <label key={value} className="radio">
                    <input type="radio" name="duration" value={value} defaultChecked={(values.duration ?? "7") === value} /> {label}
                  </label>
                ))}
              </fieldset>
              {errors.duration ? (
                <p className="field-error" id="duration-error" role="alert">
                  {errors.duration}
                </p>
              ) : null}
              <Field
                label="Last day of the suspension (for “Until a date”)"
                name="until"
                type="date"
                min={today}
                defaultValue={values.until ?? ""}
                error={errors.until}
                hint="The suspension ends at the end of that day (UTC)."
              />
              <TextArea
                label="Reason (the member reads it)"
                name="reason"
                rows={3}
                required
                maxLength={MOD_REASON_MAX}
                defaultValue={values.reason ?? ""}
                error={errors.reason}
              />
              <div>
                <button type="submit" className="button button-danger">
                  Suspend @{member.username}
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
  return (
    <>
      <section className="card stack" aria-labelledby="export-title" id="account-export">
        <h2 id="export-title">Export this user&apos;s data</h2>
        <p className="muted">
          The same file the member can download from their settings, prepared in the background, for a request the member made another way.
          Only administrators can download it; it is recorded in the audit log.
        </p>
        <FormSuccess message={exportReply?.message} />
        <FormAlert message={exportReply?.errors.form} />
        {exp ? (
          <p role="status">
            {exp.status === "pending" ? (
              <>
                Being prepared (asked <RelativeTime date={exp.createdAt} />
                ). <Link to={`/mod/users/${member.username}#account-export`}>Check again</Link>
              </>
            ) : exp.status === "ready" ? (
              <>
                Ready:{" "}
                <a href={`/settings/data/download/${exp.id}`} download>
                  Download @{member.username}&apos;s data (JSON)
                </a>{" "}
                <span className="muted">until {exactTime(exp.expiresAt!)}</span>
              </>
            ) : exp.status === "expired" ? (
              <>The last export expired on {exactTime(exp.expiresAt!)}.</>
            ) : (
              <>The last export failed. Try again.</>
            )}
          </p>
        ) : null}
        {exp?.status === "pending" ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button">
              Export this user&apos;s data
            </button>
          </Form>
        )}
      </section>

      <section className="card stack" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">Two-factor sign-in</h2>
        <FormSuccess message={twoFactorReply?.message} />
        <FormAlert message={twoFactorReply?.errors.form} />
        {admin.twoFactorOn ? (
          <>
            <p className="muted">
              For a member who lost their authenticator app and their recovery codes: turns two-factor sign-in off (and removes the codes), so
              they sign in with their password alone and can set it up again. They are told by email.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="reset-two-factor" />
              <button type="submit" className="button button-danger">
                Reset two-factor
              </button>
            </Form>
          </>
        ) : (
          <p>Two-factor sign-in is off for this account.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="delete-account-title">
        <h2 id="delete-account-title">Delete this account</h2>
        <p className="muted">
          The account is anonymised for good: name, email, profile, sign-in details, sessions, notifications and watches go; posts stay under
          “a former member”, votes stay counted without a name, and the member leaves every leaderboard. This cannot be undone.
        </p>
        <FormAlert message={deleteReply?.errors.form} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="delete" />
          <Field
            label={`Type the member's username, ${member.username}, to confirm`}
            name="confirmation"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            defaultValue={deleteReply?.values.confirmation ?? ""}
            error={deleteReply?.errors.confirmation}
          />
          <TextArea
            label="Reason (kept in the audit log)"
            name="reason"
            rows={2}
            defaultValue={deleteReply?.values.reason ?? ""}
            error={deleteReply?.errors.reason}
          />
          <div>
            <button type="submit" className="button button-danger">
              Delete this account
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
