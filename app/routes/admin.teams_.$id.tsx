// One team, for admins (/admin/teams/:id), or a new one (/admin/teams/new):
// its name, description, route (nowhere, email, webhook) and "me too"
// threshold, each field's message beside it and what was typed kept; and
// deleting it (confirmed; the known issues it owned are detached, as the page
// says). A route by webhook makes the team's webhook, whose secret is shown
// once here; its delivery log is on /admin/webhooks/:id. Every change is
// audit-logged by the model.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FieldError, FieldHint, FormAlert, FormSuccess, TextArea, describedBy } from "~/components/field";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import {
  DEFAULT_ME_TOO_THRESHOLD,
  ME_TOO_THRESHOLD_MAX,
  ME_TOO_THRESHOLD_MIN,
  TEAM_DESCRIPTION_MAX,
  TEAM_NAME_MAX,
  teamFormValues,
  type TeamFormValues,
} from "~/forms/teams";
import { createTeam, deleteTeam, editTeam, getTeam } from "~/models/known-issues/teams.server";
import { assertCan } from "~/policy.server";
import { TEAM_ROUTES } from "../../db/enums";
import { idParam, readForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("teams.title") }];

/** The team of the address, or null for /admin/teams/new. */
function teamIdOf(raw: string | undefined): number | null {
  return raw === "new" ? null : idParam(raw, "teams.notFound");
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.teams");
  const id = teamIdOf(params.id);
  return json({ team: id === null ? null : getTeam(context.db, user, id) });
}

const INTENTS = ["save", "delete"] as const;
type Reply = {
  form: (typeof INTENTS)[number];
  message?: string;
  errors?: FieldErrors;
  values?: TeamFormValues;
  /** The new webhook's secret, shown this once. */
  secret?: string | null;
  webhookId?: number | null;
  /** The team just added (on /admin/teams/new). */
  addedId?: number;
};

function reply(body: Reply, status = 200) {
  return json<Reply>(body, { status });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.teams");
  const id = teamIdOf(params.id);
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS, "save");
  const t = serverT(context.language);
  switch (intent) {
    case "save": {
      const values = teamFormValues(form);
      const result = id === null ? createTeam(context.db, user, values) : editTeam(context.db, user, { ...values, teamId: id });
      if (!result.ok) return reply({ form: intent, errors: result.errors, values }, 400);
      return reply({
        form: intent,
        message: id === null ? t("teams.added", { name: values.name.trim() }) : t("teams.saved"),
        secret: result.secret,
        webhookId: result.webhookId,
        ...(id === null ? { addedId: result.id } : {}),
      });
    }
    case "delete": {
      if (id === null) throw new Response("teams.notFound", { status: 404 });
      if (form.get("confirm") !== "on") return reply({ form: intent, errors: { confirm: t("teams.delete.confirmRequired") } }, 400);
      const result = deleteTeam(context.db, user, { teamId: id });
      return redirect(`/admin/teams?deleted=${result.detached}`);
    }
  }
}

/** The team's fields, each message beside its field, what was typed kept. */
function TeamFields({ values, errors }: { values: TeamFormValues; errors?: FieldErrors }) {
  const t = useT();
  const routeError = errors?.route;
  return (
    <>
      <Field
        label={t("teams.fields.name")}
        name="name"
        required
        maxLength={TEAM_NAME_MAX}
        defaultValue={values.name}
        error={errors?.name}
        hint={t("teams.fields.nameHint", { max: TEAM_NAME_MAX })}
      />
      <TextArea
        label={t("teams.fields.description")}
        name="description"
        rows={3}
        maxLength={TEAM_DESCRIPTION_MAX}
        defaultValue={values.description}
        error={errors?.description}
        hint={t("teams.fields.descriptionHint", { max: TEAM_DESCRIPTION_MAX })}
      />
      <fieldset className={`field${routeError ? " field-invalid" : ""}`} aria-describedby={describedBy("route", routeError, "hint")}>
        <legend>{t("teams.fields.routeLegend")}</legend>
        <FieldHint name="route" hint={t("teams.fields.routeHint")} />
        {TEAM_ROUTES.map((route) => (
          <label key={route} className="radio">
            <input type="radio" name="route" value={route} defaultChecked={values.route === route} />
            {t(`teams.fields.routes.${route}`)}
          </label>
        ))}
        <FieldError name="route" error={routeError} />
      </fieldset>
      <Field
        label={t("teams.fields.routeEmail")}
        name="routeEmail"
        type="email"
        defaultValue={values.routeEmail}
        error={errors?.routeEmail}
        hint={t("teams.fields.routeEmailHint")}
      />
      <Field label={t("teams.fields.routeUrl")} name="routeUrl" type="url" defaultValue={values.routeUrl} error={errors?.routeUrl} hint={t("teams.fields.routeUrlHint")} />
      <Field
        label={t("teams.fields.threshold")}
        name="meTooThreshold"
        type="number"
        inputMode="numeric"
        min={ME_TOO_THRESHOLD_MIN}
        max={ME_TOO_THRESHOLD_MAX}
        step={1}
        required
        defaultValue={values.meTooThreshold}
        error={errors?.meTooThreshold}
        hint={t("teams.fields.thresholdHint", { min: ME_TOO_THRESHOLD_MIN, max: ME_TOO_THRESHOLD_MAX })}
      />
    </>
  );
}

/** The secret of a webhook just made, shown this once. */
function SecretOnce({ secret, webhookId }: { secret: string; webhookId?: number | null }) {
  const t = useT();
  return (
    <div className="alert alert-warning" role="status">
      <p>{t("teams.secretOnce")}</p>
      <p>
        <code className="webhook-secret">{secret}</code>
      </p>
      {webhookId ? (
        <p>
          <Link to={`/admin/webhooks/${webhookId}`}>{t("teams.webhookLog")}</Link>
        </p>
      ) : null}
    </div>
  );
}

const EMPTY: TeamFormValues = { name: "", description: "", route: "none", routeEmail: "", routeUrl: "", meTooThreshold: String(DEFAULT_ME_TOO_THRESHOLD) };

export default function AdminTeam() {
  const { team } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const saveReply = result?.form === "save" ? result : undefined;
  const deleteReply = result?.form === "delete" ? result : undefined;
  const saved: TeamFormValues = team
    ? {
        name: team.name,
        description: team.description,
        route: team.route,
        routeEmail: team.routeEmail,
        routeUrl: team.webhook?.url ?? "",
        meTooThreshold: String(team.meTooThreshold),
      }
    : EMPTY;
  const shown = saveReply?.errors && saveReply.values ? saveReply.values : saved;
  const teamForm = (
    <>
      <FormAlert message={saveReply?.errors?.form} />
      <Form method="post" noValidate className="stack team-form" key={JSON.stringify(saved)}>
        <input type="hidden" name="intent" value="save" />
        <TeamFields values={shown} errors={saveReply?.errors} />
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {team ? t("teams.save") : t("teams.add")}
          </button>
        </div>
      </Form>
    </>
  );
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="team-title">
        <p>
          <Link to="/admin/teams">{t("teams.back")}</Link>
        </p>
        <h2 id="team-title">{team ? team.name : t("teams.newTitle")}</h2>
        <FormSuccess message={saveReply?.message} />
        {saveReply?.secret ? <SecretOnce secret={saveReply.secret} webhookId={saveReply.webhookId} /> : null}
        {saveReply?.addedId ? (
          <p className="form-actions">
            <Link className="button button-small" to={`/admin/teams/${saveReply.addedId}`}>
              {t("teams.openTeam")}
            </Link>
            <Link className="button button-small" to="/admin/teams/new" reloadDocument>
              {t("teams.addAnother")}
            </Link>
          </p>
        ) : null}
        {team ? <p className="muted">{t("teams.knownIssues", { count: team.knownIssueCount })}</p> : null}
        {/* A new team's form is this section's own (one heading, one landmark: "Add a team" twice would be two regions of one name). */}
        {team || saveReply?.addedId ? null : teamForm}
      </section>

      {team && !saveReply?.addedId ? (
        <section className="card" aria-labelledby="team-form-title">
          <h2 id="team-form-title">{t("teams.editTitle")}</h2>
          {teamForm}
        </section>
      ) : null}

      {team ? (
        <section className="card" aria-labelledby="delete-team-title">
          <h2 id="delete-team-title">{t("teams.delete.title")}</h2>
          <p className="muted">{team.knownIssueCount ? t("teams.delete.owns", { count: team.knownIssueCount }) : t("teams.delete.ownsNone")}</p>
          {team.webhook ? <p className="muted">{t("teams.delete.webhook")}</p> : null}
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="delete" />
            <div className={`field${deleteReply?.errors?.confirm ? " field-invalid" : ""}`}>
              <label className="radio">
                <input type="checkbox" name="confirm" aria-invalid={deleteReply?.errors?.confirm ? true : undefined} aria-describedby={describedBy("confirm", deleteReply?.errors?.confirm)} />
                {t("teams.delete.confirm")}
              </label>
              <FieldError name="confirm" error={deleteReply?.errors?.confirm} />
            </div>
            <div>
              <button type="submit" className="button button-danger" disabled={busy}>
                {t("teams.delete.button")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
