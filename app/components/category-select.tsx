import { useT } from "~/i18n/i18n";

/** The category picker of the ask form and the article editor, with its error beside it. */
export function CategorySelect({
  categories,
  defaultValue,
  error,
}: {
  categories: { id: number; slug: string; name: string }[];
  defaultValue?: string;
  error?: string;
}) {
  const t = useT();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor="field-category">{t("categorySelect.label")}</label>
      <select
        id="field-category"
        name="category"
        required
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "category-error" : undefined}
      >
        <option value="">{t("categorySelect.choose")}</option>
        {categories.map((c) => (
          <option key={c.id} value={c.slug}>
            {c.name}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id="category-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
