import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { IncidentFields } from "~/components/incident-fields";
import { INCIDENT_BODY_MAX, incidentSchema } from "~/forms/incident";
import { metaT, useT } from "~/i18n/i18n";
import { listCategories } from "~/models/forum/category.server";
import { openIncident } from "~/models/moderation/incident.server";
import { assertCan } from "~/policy.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("incidentNew.title") }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A blank editor reads nothing restricted, so no model function stands guard: ask the policy here.
  assertCan(requireUser(request, context), "incident.manage");
  return json({ categories: listCategories(context.db).map((c) => ({ slug: c.slug, name: c.name })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The preview saves nothing, but the editor is still the moderators' alone.
  assertCan(user, "incident.manage");
  const { form, values, preview } = await readEditorForm(request, context.db, INCIDENT_BODY_MAX);
  if (preview) return preview;
  readIntent(form, ["open", "preview"], "open");

  const parsed = parseForm(incidentSchema, form, context.language);
  if (!parsed.ok) return json<EditorReply>({ errors: parsed.errors, values }, { status: 400 });
  const result = openIncident(context.db, user, parsed.data);
  if (!result.ok) return json<EditorReply>({ errors: result.errors, values }, { status: 400 });
  return redirect(`/status/${result.incident.id}`);
}

export default function NewIncident() {
  const { categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const t = useT();
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/status">{t("incidentPage.crumb")}</Link> › {t("incidentNew.crumb")}
        </p>
        <h1>{t("statusList.open")}</h1>
        <p className="lede">{t("incidentNew.lede")}</p>
      </header>
      <FormAlert message={errors.form ?? (Object.keys(errors).length ? t("pages.fieldsNeedALook") : undefined)} />
      <Form method="post" noValidate className="card stack">
        <IncidentFields categories={categories} values={reply?.values ?? {}} errors={errors} previewHtml={reply?.previewHtml} />
        <div className="form-actions">
          <button type="submit" name="intent" value="open" className="button button-primary" disabled={busy}>
            {t("incidentNew.submit")}
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            {t("pages.preview")}
          </button>
          <Link to="/status" className="button button-quiet">
            {t("pages.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
