import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { IncidentFields } from "~/components/incident-fields";
import { INCIDENT_BODY_MAX, incidentIdFrom, incidentSchema } from "~/forms/incident";
import { metaT, useT } from "~/i18n/i18n";
import { editIncidentPageFor } from "~/models/moderation/edit-incident-page.server";
import { editIncident, getIncidentForEdit } from "~/models/moderation/incident.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("incidentEdit.title", { title: data.incident.title }) : metaT(matches)("incidentEdit.notFound") },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(editIncidentPageFor(context.db, user, incidentIdFrom(params)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Checks the policy (and that the incident exists) before the form is read.
  const { id } = getIncidentForEdit(context.db, user, incidentIdFrom(params));
  const { form, values, preview } = await readEditorForm(request, context.db, INCIDENT_BODY_MAX);
  if (preview) return preview;
  readIntent(form, ["save", "preview"], "save");

  const parsed = parseForm(incidentSchema, form, context.language);
  if (!parsed.ok) return json<EditorReply>({ errors: parsed.errors, values }, { status: 400 });
  const result = editIncident(context.db, user, id, parsed.data);
  if (!result.ok) return json<EditorReply>({ errors: result.errors, values }, { status: 400 });
  return redirect(`/status/${id}`);
}

export default function EditIncident() {
  const { incident, categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? {
    title: incident.title,
    severity: incident.severity,
    category: incident.category,
    body: incident.body,
  };
  const t = useT();
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/status">{t("incidentPage.crumb")}</Link> › <Link to={`/status/${incident.id}`}>{incident.title}</Link> › {t("pages.edit")}
        </p>
        <h1>{t("incidentEdit.heading")}</h1>
        <p className="lede">{t("incidentEdit.lede")}</p>
      </header>
      <FormAlert message={errors.form ?? (Object.keys(errors).length ? t("pages.fieldsNeedALook") : undefined)} />
      <Form method="post" noValidate className="card stack">
        <IncidentFields categories={categories} values={values} errors={errors} previewHtml={reply?.previewHtml} />
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
            {t("pages.saveChanges")}
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            {t("pages.preview")}
          </button>
          <Link to={`/status/${incident.id}`} className="button button-quiet">
            {t("pages.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
