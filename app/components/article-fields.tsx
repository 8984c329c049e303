import { ARTICLE_TITLE_MAX, ARTICLE_TITLE_MIN, NOTE_MAX } from "~/forms/kb";
import { TAGS_MAX } from "~/forms/thread";
import { useT } from "~/i18n/i18n";
import { CategorySelect } from "./category-select";
import { Field } from "./field";
import { MarkdownEditor } from "./markdown-editor";

/** The fields of the article editor, shared by "Write an article", "Promote" and "Edit". */
export function ArticleFields({
  values,
  errors,
  categories,
  previewHtml,
  noteLabel,
  noteHint,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  categories: { id: number; slug: string; name: string }[];
  previewHtml?: string;
  noteLabel: string;
  noteHint: string;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t("articleFields.title")}
        name="title"
        required
        defaultValue={values.title}
        error={errors.title}
        autoComplete="off"
        hint={t("articleFields.titleHint", { min: ARTICLE_TITLE_MIN, max: ARTICLE_TITLE_MAX })}
      />
      <CategorySelect categories={categories} defaultValue={values.category} error={errors.category} />
      <MarkdownEditor
        name="body"
        label={t("articleFields.text")}
        rows={16}
        required
        defaultValue={values.body}
        error={errors.body}
        previewHtml={previewHtml}
        hint={t("markdownEditor.hint")}
      />
      <Field label={t("articleFields.tags")} name="tags" defaultValue={values.tags} error={errors.tags} hint={t("articleFields.tagsHint", { max: TAGS_MAX })} />
      <Field label={noteLabel} name="note" defaultValue={values.note} error={errors.note} maxLength={NOTE_MAX} hint={noteHint} />
    </>
  );
}
