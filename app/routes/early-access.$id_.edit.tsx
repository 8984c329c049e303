import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { AnnouncementFields } from "~/components/announcement-fields";
import { FormAlert } from "~/components/field";
import { ANNOUNCEMENT_BODY_MAX, announcementId, announcementSchema, dateInputValue, endOfDay } from "~/forms/early-access";
import { metaT, useT } from "~/i18n/i18n";
import { deleteEarlyAccess, getEarlyAccessForEdit, PRIVATE_PAGE_HEADERS, updateEarlyAccess } from "~/models/reputation/early-access.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";

// Only staff reach this page (the loader refuses everyone else), so the title may name it.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("earlyAccessPage.editTitle", { title: data.announcement.title }) : metaT(matches)("earlyAccessPage.editNotFound") },
  { name: "robots", content: "noindex" },
];

// The editor holds the announcement: never kept by a shared cache.
export const headers: HeadersFunction = () => PRIVATE_PAGE_HEADERS;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const announcement = getEarlyAccessForEdit(context.db, user, announcementId(params));
  return json(
    { announcement: { id: announcement.id, title: announcement.title, body: announcement.body, expiresOn: dateInputValue(announcement.expiresAt) } },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Checks the policy (and that the announcement exists) before the form is read.
  const { id } = getEarlyAccessForEdit(context.db, user, announcementId(params));
  const { form, values, preview } = await readEditorForm(request, context.db, ANNOUNCEMENT_BODY_MAX);
  if (preview) return preview;
  const intent = readIntent(form, ["save", "preview", "delete"], "save");

  if (intent === "delete") {
    deleteEarlyAccess(context.db, user, id);
    return redirect("/early-access");
  }
  const parsed = parseForm(announcementSchema, form, context.language);
  if (!parsed.ok) return json<EditorReply>({ errors: parsed.errors, values }, { status: 400 });
  const { title, body, expiresOn } = parsed.data;
  const result = updateEarlyAccess(context.db, user, id, { title, body, expiresAt: endOfDay(expiresOn) });
  if (!result.ok) return json<EditorReply>({ errors: result.errors, values }, { status: 400 });
  return redirect(`/early-access/${id}`);
}

export default function EditEarlyAccess() {
  const { announcement } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? { title: announcement.title, body: announcement.body, expiresOn: announcement.expiresOn };
  const path = `/early-access/${announcement.id}`;
  const t = useT();
  return (
    <div className="page-medium stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/early-access">{t("earlyAccessPage.title")}</Link> › <Link to={path}>{announcement.title}</Link> › {t("pages.edit")}
        </p>
        <h1>{t("earlyAccessPage.editHeading")}</h1>
        <p className="lede">{t("earlyAccessPage.editLede")}</p>
      </header>
      <FormAlert message={errors.form ?? (Object.keys(errors).length ? t("pages.fieldsNeedALook") : undefined)} />
      <Form method="post" noValidate className="card stack">
        <AnnouncementFields values={values} errors={errors} previewHtml={reply?.previewHtml} />
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
            {t("pages.saveChanges")}
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            {t("pages.preview")}
          </button>
          <Link to={path} className="button button-quiet">
            {t("pages.cancel")}
          </Link>
        </div>
      </Form>
      <Form method="post" className="card stack" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("earlyAccessPage.deleteHeading")}</h2>
        <p className="muted">{t("earlyAccessPage.deleteText")}</p>
        <div>
          <button type="submit" name="intent" value="delete" className="button button-danger" disabled={busy}>
            {t("earlyAccessPage.delete")}
          </button>
        </div>
      </Form>
    </div>
  );
}
