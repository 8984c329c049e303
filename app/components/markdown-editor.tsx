import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/i18n";
import { describedBy, FieldError, FieldHint } from "./field";

type Props = {
  name: string;
  label: string;
  defaultValue?: string;
  error?: string;
  rows?: number;
  /** Server-rendered preview (the no-JavaScript "Preview" button's result). */
  previewHtml?: string | null;
  hint?: string;
  required?: boolean;
};

/**
 * A markdown textarea with a preview. Without JavaScript the form's "Preview"
 * button shows the rendered text after a round trip; with it, the preview
 * follows the typing (debounced) through /preview.
 */
export function MarkdownEditor({ name, label, defaultValue, error, rows = 10, previewHtml, hint: givenHint, required }: Props) {
  const t = useT();
  // The markdown help is the editor's own words: a caller passes MARKDOWN_HINT (alone or after its
  // own sentence) and the reader gets it in their language.
  const hint = givenHint?.replace(MARKDOWN_HINT, t("markdownEditor.hint"));
  const fetcher = useFetcher<{ html: string }>();
  const [text, setText] = useState(defaultValue ?? "");
  const [live, setLive] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const id = `field-${name}`;

  useEffect(() => setLive(true), []);
  useEffect(() => {
    if (!live) return;
    clearTimeout(timer.current);
    if (!text.trim()) return;
    timer.current = setTimeout(() => {
      fetcher.submit({ body: text, inline: "0" }, { method: "post", action: "/preview" });
    }, 400);
    return () => clearTimeout(timer.current);
    // fetcher is stable enough for this purpose; re-run only when the text changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, live]);

  const html = live ? (text.trim() ? (fetcher.data?.html ?? previewHtml ?? "") : "") : previewHtml;

  return (
    <div className={`field markdown-editor${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldHint name={name} hint={hint} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        required={required}
        defaultValue={defaultValue}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
      />
      <FieldError name={name} error={error} />
      {/* The live region is there from the start: one that appears with its content is not announced. */}
      <div className="preview-live" aria-live="polite" data-preview-for={name}>
        {html ? (
          <section className="preview" aria-label={t("markdownEditor.preview")}>
            {/* Not a heading: the editor sits under headings of any level (a page's h1, a section's h2). */}
            <p className="preview-title">{t("markdownEditor.preview")}</p>
            <div className="post-body" dangerouslySetInnerHTML={{ __html: html }} />
          </section>
        ) : null}
      </div>
    </div>
  );
}

/** The markdown help, for an editor's `hint` (MarkdownEditor shows it in the reader's language). */
export const MARKDOWN_HINT =
  "Markdown works: **bold**, *italic*, `code`, lists, > quotes, ``` code blocks ```, tables and links. Mention someone with @username.";
