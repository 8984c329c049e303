// "Did this solve your problem?" on the thread page, for the asker only, once
// the worker has asked (app/models/notify/follow-up.server.ts). Plain forms: it
// works without JavaScript.
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

export type FollowUpPromptData =
  | { step: "ask" }
  | { step: "choose"; answers: { id: number; authorName: string; excerpt: string }[] }
  | { step: "not_solved" };

export function FollowUpPrompt({ prompt, threadId }: { prompt: FollowUpPromptData; threadId: number }) {
  const t = useT();
  if (prompt.step === "not_solved") {
    return (
      <section id="follow-up" className="notice follow-up" aria-labelledby="follow-up-title">
        <h2 id="follow-up-title">{t("followUp.notSolvedTitle")}</h2>
        <p>{t("followUp.notSolvedText")}</p>
      </section>
    );
  }
  if (prompt.step === "choose") {
    return (
      <section id="follow-up" className="card follow-up" aria-labelledby="follow-up-title">
        <h2 id="follow-up-title">{t("followUp.chooseTitle")}</h2>
        <p className="muted">{t("followUp.chooseText", { button: t("post.accept") })}</p>
        <ul className="follow-up-answers">
          {prompt.answers.map((answer) => (
            <li key={answer.id}>
              <a href={`#post-${answer.id}`}>{t("followUp.answerBy", { name: answer.authorName })}</a>
              {answer.excerpt ? <span className="muted"> — {answer.excerpt}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section id="follow-up" className="card follow-up" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{t("followUp.askTitle")}</h2>
      <p className="muted">{t("followUp.askText")}</p>
      <Form method="post" action={`/follow-up/${threadId}`} className="form-actions" aria-labelledby="follow-up-title">
        <button type="submit" name="answer" value="solved" className="button button-primary">
          {t("followUp.yes")}
        </button>
        <button type="submit" name="answer" value="not_solved" className="button">
          {t("followUp.no")}
        </button>
      </Form>
    </section>
  );
}
