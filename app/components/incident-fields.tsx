import { SEVERITIES } from "../../db/enums";
import type { Severity } from "../../db/enums";
import { ALL_CATEGORIES, INCIDENT_TITLE_MAX, INCIDENT_TITLE_MIN } from "~/forms/incident";
import { SEVERITY_HINT_KEYS, SEVERITY_LABEL_KEYS } from "~/forms/incident-labels";
import { useT } from "~/i18n/i18n";
import { describedBy, Field, FieldError, FieldHint } from "./field";
import { MarkdownEditor } from "./markdown-editor";

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
  const t = useT();
  // The severities' names are the status banner's; what each means is the editor's own.
  const severityLabel = (severity: Severity) => t(SEVERITY_LABEL_KEYS[severity]);
  const severityHint = (severity: Severity) => t(SEVERITY_HINT_KEYS[severity]);
  return (
    <>
      <Field
        label={t("incidentFields.title")}
        name="title"
        required
        defaultValue={values.title}
        error={errors.title}
        autoComplete="off"
        maxLength={INCIDENT_TITLE_MAX}
        hint={t("incidentFields.titleHint", { min: INCIDENT_TITLE_MIN, max: INCIDENT_TITLE_MAX })}
      />
      <Select
        label={t("incidentFields.severity")}
        name="severity"
        value={values.severity}
        error={errors.severity}
        hint={SEVERITIES.map((s) => t("incidentFields.severityHint", { severity: severityLabel(s), meaning: severityHint(s) })).join(" ")}
        options={[{ value: "", label: t("incidentFields.chooseSeverity") }, ...SEVERITIES.map((s) => ({ value: s, label: severityLabel(s) }))]}
      />
      <Select
        label={t("incidentFields.category")}
        name="category"
        value={values.category ?? ALL_CATEGORIES}
        error={errors.category}
        hint={t("incidentFields.categoryHint")}
        options={[{ value: ALL_CATEGORIES, label: t("incidentFields.allCategories") }, ...categories.map((c) => ({ value: c.slug, label: c.name }))]}
      />
      <MarkdownEditor
        name="body"
        label={t("incidentFields.body")}
        rows={10}
        required
        defaultValue={values.body}
        error={errors.body}
        previewHtml={previewHtml}
        hint={t("incidentFields.bodyHint", { markdown: t("markdownEditor.hint") })}
      />
    </>
  );
}
