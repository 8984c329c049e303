import { ANNOUNCEMENT_TITLE_MAX, ANNOUNCEMENT_TITLE_MIN } from "~/forms/early-access";
import { Field } from "./field";
import { MarkdownEditor, MARKDOWN_HINT } from "./markdown-editor";

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
  return (
    <>
      <Field
        label="Title"
        name="title"
        required
        defaultValue={values.title}
        error={errors.title}
        autoComplete="off"
        maxLength={ANNOUNCEMENT_TITLE_MAX}
        hint={`What is coming (${ANNOUNCEMENT_TITLE_MIN}–${ANNOUNCEMENT_TITLE_MAX} characters). Only early-access readers ever see it.`}
      />
      <MarkdownEditor name="body" label="Text" rows={14} required defaultValue={values.body} error={errors.body} previewHtml={previewHtml} hint={MARKDOWN_HINT} />
      <Field
        label="Hide it after (optional)"
        name="expiresOn"
        type="date"
        defaultValue={values.expiresOn}
        error={errors.expiresOn}
        hint="Readers stop seeing it after the end of this day (UTC). Leave it empty to keep it."
      />
    </>
  );
}
