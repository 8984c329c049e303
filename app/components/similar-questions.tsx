import { useT } from "~/i18n/i18n";
import { useCategoryName } from "~/components/brand-words";

export type Suggestion = {
  kind: "thread" | "article";
  id: number;
  title: string;
  path: string;
  solved: boolean;
  answerCount: number;
  categoryName: string;
  categorySlug?: string;
};

/**
 * What may already answer the question being asked. Each suggestion's button
 * submits `deflectForm` (the ask page's small form carrying the title typed),
 * so the deflection is counted with the title, with or without JavaScript.
 * The buttons belong to that form, not to the question's, though they sit
 * inside it: Enter in the title or tags field submits the question's form
 * through its own first button, never "This answered my question".
 * The live region is always there, so a new list is announced.
 */
export function SimilarQuestions({ suggestions, step, deflectForm }: { suggestions: Suggestion[]; step?: boolean; deflectForm: string }) {
  const t = useT();
  const categoryName = useCategoryName();
  return (
    <div className="similar-region" aria-live="polite">
      {suggestions.length ? (
        <section className={`similar${step ? " similar-step" : ""}`} aria-labelledby="similar-title">
          <h2 id="similar-title" className="similar-title">
            {step ? t("similarQuestions.titleStep") : t("similarQuestions.title")}
          </h2>
          <ul className="similar-list">
            {suggestions.map((s) => (
              <li key={`${s.kind}:${s.id}`} className="similar-item">
                <div>
                  <a href={s.path} target="_blank" rel="noopener" className="similar-link">
                    {s.title}
                    <span className="visually-hidden"> {t("similarQuestions.newTab")}</span>
                  </a>
                  <p className="muted similar-meta">
                    {s.kind === "article" ? <span className="badge badge-article">{t("similarQuestions.article")}</span> : null}
                    {s.solved ? <span className="solved-mark">{t("similarQuestions.solved")}</span> : null} {categoryName(s.categorySlug, s.categoryName)}
                    {s.kind === "thread" ? ` · ${t("similarQuestions.answers", { count: s.answerCount })}` : null}
                  </p>
                </div>
                <button type="submit" form={deflectForm} name="deflect" value={`${s.kind}:${s.id}`} formNoValidate className="button button-small">
                  {t("similarQuestions.answered")}
                </button>
              </li>
            ))}
          </ul>
          {step ? <p className="muted">{t("similarQuestions.noneHelped")}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
