import { Field } from "~/components/field";
import { useT } from "~/i18n/i18n";
import { LANGUAGE_NAMES, type Language } from "~/i18n/languages";

type Props = {
  /** The languages other than the site's default, one fieldset each. */
  languages: readonly Language[];
  /** Each field's form name before `_<language>`, and its label for a language's name. */
  fields: { field: string; label: (languageName: string) => string }[];
  /** What was saved: { fr: { name: "…" } }. */
  saved: Partial<Record<string, Partial<Record<string, string>> | undefined>>;
  /** What was typed, sent back with errors. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Keeps ids apart when a page has several such forms. */
  idSuffix?: string | number;
};

/** The brand's words in the other languages (blank: the default words are shown). */
export function OtherLanguageFields({ languages, fields, saved, values, errors, idSuffix }: Props) {
  const t = useT();
  return (
    <>
      {languages.map((other) => (
        <fieldset key={other} className="stack">
          <legend>{t("brandWords.inLanguage", { language: LANGUAGE_NAMES[other] })}</legend>
          <p className="field-hint">{t("brandWords.blankFallsBack")}</p>
          {fields.map(({ field, label }) => {
            const name = `${field}_${other}`;
            return (
              <Field
                key={name}
                label={label(LANGUAGE_NAMES[other])}
                name={name}
                id={idSuffix === undefined ? undefined : `${field}-${other}-${idSuffix}`}
                lang={other}
                defaultValue={values[name] ?? saved[other]?.[field] ?? ""}
                error={errors[name]}
              />
            );
          })}
        </fieldset>
      ))}
    </>
  );
}
