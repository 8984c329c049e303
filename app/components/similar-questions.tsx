export type Suggestion = {
  kind: "thread" | "article";
  id: number;
  title: string;
  path: string;
  solved: boolean;
  answerCount: number;
  categoryName: string;
};

/**
 * What may already answer the question being asked. Each suggestion's button
 * submits the surrounding ask form with `deflect`, so the deflection is
 * counted with the title typed, with or without JavaScript.
 */
export function SimilarQuestions({ suggestions, step }: { suggestions: Suggestion[]; step?: boolean }) {
  return (
    <div className="similar-region" aria-live="polite">
      {suggestions.length ? (
        <section className={`similar${step ? " similar-step" : ""}`} aria-labelledby="similar-title">
          <h2 id="similar-title" className="similar-title">
            {step ? "Before you post: do any of these answer your question?" : "These may already answer your question"}
          </h2>
          <ul className="similar-list">
            {suggestions.map((s) => (
              <li key={`${s.kind}:${s.id}`} className="similar-item">
                <div>
                  <a href={s.path} target="_blank" rel="noopener" className="similar-link">
                    {s.title}
                    <span className="visually-hidden"> (opens in a new tab)</span>
                  </a>
                  <p className="muted similar-meta">
                    {s.kind === "article" ? <span className="badge badge-article">Article</span> : null}
                    {s.solved ? <span className="solved-mark">Solved</span> : null} {s.categoryName}
                    {s.kind === "thread" ? ` · ${s.answerCount} ${s.answerCount === 1 ? "answer" : "answers"}` : null}
                  </p>
                </div>
                <button type="submit" name="deflect" value={`${s.kind}:${s.id}`} formNoValidate className="button button-small">
                  This answered my question
                </button>
              </li>
            ))}
          </ul>
          {step ? <p className="muted">If none of them does, post your question below: the community will help.</p> : null}
        </section>
      ) : null}
    </div>
  );
}
