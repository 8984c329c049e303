import { ARTICLE_TITLE_MAX, ARTICLE_TITLE_MIN, NOTE_MAX } from "~/forms/kb";
import { TAGS_MAX } from "~/forms/thread";
import { CategorySelect } from "./category-select";
import { Field } from "./field";
import { MarkdownEditor, MARKDOWN_HINT } from "./markdown-editor";

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
  return (
    <>
      <Field
        label="Title"
        name="title"
        required
        defaultValue={values.title}
        error={errors.title}
        autoComplete="off"
        hint={`What the reader wants to do or fix (${ARTICLE_TITLE_MIN}–${ARTICLE_TITLE_MAX} characters), e.g. “Move your router away from heat to stop evening reboots”.`}
      />
      <CategorySelect categories={categories} defaultValue={values.category} error={errors.category} />
      <MarkdownEditor name="body" label="Text" rows={16} required defaultValue={values.body} error={errors.body} previewHtml={previewHtml} hint={MARKDOWN_HINT} />
      <Field
        label="Tags (optional)"
        name="tags"
        defaultValue={values.tags}
        error={errors.tags}
        hint={`Up to ${TAGS_MAX}, separated by commas or spaces, e.g. “router, wi-fi”.`}
      />
      <Field label={noteLabel} name="note" defaultValue={values.note} error={errors.note} maxLength={NOTE_MAX} hint={noteHint} />
    </>
  );
}
