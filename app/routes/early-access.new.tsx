import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { AnnouncementFields } from "~/components/announcement-fields";
import { FormAlert } from "~/components/field";
import { ANNOUNCEMENT_BODY_MAX, announcementSchema, endOfDay } from "~/forms/early-access";
import { metaT, useT } from "~/i18n/i18n";
import { createEarlyAccess } from "~/models/reputation/early-access.server";
import { assertCan } from "~/policy.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("earlyAccessPage.newHeading") }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A blank editor reads nothing restricted, so no model function stands guard: ask the policy here.
  assertCan(requireUser(request, context), "earlyAccess.manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The preview saves nothing, but the editor is still the moderators' alone.
  assertCan(user, "earlyAccess.manage");
  const { form, values, preview } = await readEditorForm(request, context.db, ANNOUNCEMENT_BODY_MAX);
  if (preview) return preview;
  readIntent(form, ["publish", "preview"], "publish");

  const parsed = parseForm(announcementSchema, form, context.language);
  if (!parsed.ok) return json<EditorReply>({ errors: parsed.errors, values }, { status: 400 });
  const { title, body, expiresOn } = parsed.data;
  const result = createEarlyAccess(context.db, user, { title, body, expiresAt: endOfDay(expiresOn) });
  if (!result.ok) return json<EditorReply>({ errors: result.errors, values }, { status: 400 });
  return redirect(`/early-access/${result.announcement.id}`);
}

export default function NewEarlyAccess() {
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const t = useT();
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/early-access">{t("earlyAccessPage.title")}</Link> › {t("earlyAccessPage.newCrumb")}
        </p>
        <h1>{t("earlyAccessPage.newHeading")}</h1>
        <p className="lede">{t("earlyAccessPage.newLede")}</p>
      </header>
      <FormAlert message={errors.form ?? (Object.keys(errors).length ? t("pages.fieldsNeedALook") : undefined)} />
      <Form method="post" noValidate className="card stack">
        <AnnouncementFields values={reply?.values ?? {}} errors={errors} previewHtml={reply?.previewHtml} />
        <div className="form-actions">
          <button type="submit" name="intent" value="publish" className="button button-primary" disabled={busy}>
            {t("pages.publish")}
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            {t("pages.preview")}
          </button>
          <Link to="/early-access" className="button button-quiet">
            {t("pages.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
