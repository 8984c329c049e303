import { ANNOUNCEMENT_TITLE_MAX, ANNOUNCEMENT_TITLE_MIN } from "~/forms/early-access";
import { useT } from "~/i18n/i18n";
import { Field } from "./field";
import { MarkdownEditor } from "./markdown-editor";

/** The fields of the early-access editor, shared by "Publish" and "Edit". */
export function AnnouncementFields({
  values,
  errors,
  previewHtml,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  previewHtml?: string;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t("announcementFields.title")}
        name="title"
        required
        defaultValue={values.title}
        error={errors.title}
        autoComplete="off"
        maxLength={ANNOUNCEMENT_TITLE_MAX}
        hint={t("announcementFields.titleHint", { min: ANNOUNCEMENT_TITLE_MIN, max: ANNOUNCEMENT_TITLE_MAX })}
      />
      <MarkdownEditor
        name="body"
        label={t("announcementFields.text")}
        rows={14}
        required
        defaultValue={values.body}
        error={errors.body}
        previewHtml={previewHtml}
        hint={t("markdownEditor.hint")}
      />
      <Field
        label={t("announcementFields.expiresOn")}
        name="expiresOn"
        type="date"
        defaultValue={values.expiresOn}
        error={errors.expiresOn}
        hint={t("announcementFields.expiresOnHint")}
      />
    </>
  );
}
