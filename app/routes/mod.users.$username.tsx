import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { MOD_REASON_MAX, SUSPEND_DURATIONS, suspendSchema } from "~/forms/moderation";
import { getUserModeration, suspendUser, unsuspendUser } from "~/models/moderation/moderation.server";
import { refusal } from "~/policy";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `@${data.member.username} · Moderation` : "Moderation" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { user: member } = getUserModeration(context.db, user, params.username ?? "");
  return json({
    member,
    // Why this moderator can't suspend this account (staff, themselves), in words; null when they can.
    refused: refusal(user, "user.suspend", { id: member.id, role: member.role }),
    today: new Date().toISOString().slice(0, 10),
  });
}

type SuspendReply = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Members and visitors are refused here, before the form is even read.
  const { user: member } = getUserModeration(context.db, user, params.username ?? "");
  const form = await readForm(request);
  const intent = form.get("intent");
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
  } else {
    throw new Response("Unknown action.", { status: 400 });
  }
  return redirect(`/mod/users/${member.username}`);
}

export default function SuspendMember() {
  const { member, refused, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as SuspendReply | undefined;
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  return (
    <div className="stack-lg page-medium">
      <section className="card stack" aria-labelledby="member-title">
        <h2 id="member-title">
          <Link to={`/u/${member.username}`}>{member.displayName}</Link> (@{member.username})
        </h2>
        <p className="muted">
          {member.role === "member" ? "Member" : member.role === "moderator" ? "Moderator" : "Administrator"} · {member.reputation.toLocaleString("en")} reputation · joined{" "}
          <RelativeTime date={member.createdAt} />
        </p>
        {member.suspendedUntil ? (
          <p className="notice notice-suspended">
            Suspended until {exactTime(member.suspendedUntil)}: {member.suspendReason}
          </p>
        ) : (
          <p>Not suspended.</p>
        )}
      </section>

      {refused ? (
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
    </div>
  );
}
