// The known issue editor's fields, shared by "New known issue" and the staff
// section of an issue's page: what customers read (title, description), and
// what stays with staff (owning team, internal note), with the incident and
// the article it links to.
import { KNOWN_ISSUE_TITLE_MAX, KNOWN_ISSUE_TITLE_MIN } from "~/forms/known-issue-limits";
import { useT } from "~/i18n/i18n";
import { describedBy, Field, FieldError, FieldHint, TextArea } from "./field";
import { MarkdownEditor } from "./markdown-editor";

export type KnownIssueChoices = {
  teams: { id: number; name: string }[];
  incidents: { id: number; title: string; resolvedAt: string | Date | null }[];
  articles: { id: number; title: string; status: string }[];
};

function Choice({ label, name, value, error, hint, none, options }: { label: string; name: string; value?: string; error?: string; hint?: string; none: string; options: { value: string; label: string }[] }) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <FieldHint name={name} hint={hint} />
      <select id={`field-${name}`} name={name} defaultValue={value ?? ""} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)}>
        <option value="">{none}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError name={name} error={error} />
    </div>
  );
}

export function KnownIssueFields({ choices, values, errors }: { choices: KnownIssueChoices; values: Record<string, string | undefined>; errors: Record<string, string | undefined> }) {
  const t = useT();
  return (
    <>
      <Field
        label={t("knownIssues.fields.title")}
        name="title"
        defaultValue={values.title}
        error={errors.title}
        required
        minLength={KNOWN_ISSUE_TITLE_MIN}
        maxLength={KNOWN_ISSUE_TITLE_MAX}
        hint={t("knownIssues.fields.titleHint")}
        autoComplete="off"
      />
      <MarkdownEditor
        name="description"
        label={t("knownIssues.fields.description")}
        rows={6}
        required
        defaultValue={values.description}
        error={errors.description}
        hint={t("knownIssues.fields.descriptionHint", { markdown: t("markdownEditor.hint") })}
      />
      <Choice
        label={t("knownIssues.fields.incident")}
        name="incident"
        value={values.incident}
        error={errors.incident}
        none={t("knownIssues.fields.noIncident")}
        options={choices.incidents.map((incident) => ({
          value: String(incident.id),
          label: incident.resolvedAt ? t("knownIssues.fields.resolvedIncident", { title: incident.title }) : incident.title,
        }))}
      />
      <Choice
        label={t("knownIssues.fields.article")}
        name="article"
        value={values.article}
        error={errors.article}
        none={t("knownIssues.fields.noArticle")}
        hint={t("knownIssues.fields.articleHint")}
        options={choices.articles.map((article) => ({
          value: String(article.id),
          label: article.status === "published" ? article.title : t("knownIssues.fields.unpublishedArticle", { title: article.title }),
        }))}
      />
      <fieldset className="stack known-issue-staff-fields">
        <legend>{t("knownIssues.fields.staffOnly")}</legend>
        <Choice
          label={t("knownIssues.fields.team")}
          name="team"
          value={values.team}
          error={errors.team}
          none={t("knownIssues.fields.noTeam")}
          hint={t("knownIssues.fields.teamHint")}
          options={choices.teams.map((team) => ({ value: String(team.id), label: team.name }))}
        />
        <TextArea label={t("knownIssues.fields.internalNote")} name="internalNote" rows={3} defaultValue={values.internalNote} error={errors.internalNote} hint={t("knownIssues.fields.internalNoteHint")} />
      </fieldset>
    </>
  );
}
