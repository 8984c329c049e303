import { SEVERITIES } from "../../db/enums";
import { ALL_CATEGORIES, INCIDENT_TITLE_MAX, INCIDENT_TITLE_MIN, SEVERITY_HINTS, SEVERITY_LABELS } from "~/forms/incident";
import { describedBy, Field, FieldError, FieldHint } from "./field";
import { MarkdownEditor, MARKDOWN_HINT } from "./markdown-editor";

function Select({
  label,
  name,
  value,
  error,
  hint,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  error?: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <FieldHint name={name} hint={hint} />
      <select
        id={`field-${name}`}
        name={name}
        required
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError name={name} error={error} />
    </div>
  );
}

/** The fields of the incident editor, shared by "Open an incident" and "Edit". */
export function IncidentFields({
  categories,
  values,
  errors,
  previewHtml,
}: {
  categories: { slug: string; name: string }[];
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
        maxLength={INCIDENT_TITLE_MAX}
        hint={`What is wrong, in customers' words (${INCIDENT_TITLE_MIN}–${INCIDENT_TITLE_MAX} characters), e.g. “Mobile data is slow in the north-east”. Shown on every page while open.`}
      />
      <Select
        label="Severity"
        name="severity"
        value={values.severity}
        error={errors.severity}
        hint={SEVERITIES.map((s) => `${SEVERITY_LABELS[s]}: ${SEVERITY_HINTS[s]}`).join(". ") + "."}
        options={[{ value: "", label: "Choose how serious it is…" }, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))]}
      />
      <Select
        label="Affected category"
        name="category"
        value={values.category ?? ALL_CATEGORIES}
        error={errors.category}
        hint="Its watchers are notified when it opens and when it is resolved; askers in it see it above the form."
        options={[{ value: ALL_CATEGORIES, label: "All categories" }, ...categories.map((c) => ({ value: c.slug, label: c.name }))]}
      />
      <MarkdownEditor
        name="body"
        label="What is happening"
        rows={10}
        required
        defaultValue={values.body}
        error={errors.body}
        previewHtml={previewHtml}
        hint={`Who is affected, since when, and what to do meanwhile. ${MARKDOWN_HINT}`}
      />
    </>
  );
}
