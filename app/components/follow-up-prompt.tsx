// "Did this solve your problem?" on the thread page, for the asker only, once
// the worker has asked (app/models/notify/follow-up.server.ts). Plain forms: it
// works without JavaScript.
import { Form } from "@remix-run/react";

export type FollowUpPromptData =
  | { step: "ask" }
  | { step: "choose"; answers: { id: number; authorName: string; excerpt: string }[] }
  | { step: "not_solved" };

export function FollowUpPrompt({ prompt, threadId }: { prompt: FollowUpPromptData; threadId: number }) {
  if (prompt.step === "not_solved") {
    return (
      <section id="follow-up" className="notice follow-up" aria-labelledby="follow-up-title">
        <h2 id="follow-up-title">Thanks — our team will take a look</h2>
        <p>You told us this isn't solved yet. A moderator will look at your question; new answers still arrive here as usual.</p>
      </section>
    );
  }
  if (prompt.step === "choose") {
    return (
      <section id="follow-up" className="card follow-up" aria-labelledby="follow-up-title">
        <h2 id="follow-up-title">Great! Choose the answer that solved it</h2>
        <p className="muted">Use “Accept this answer” under the one that helped: it marks your question solved and thanks its author.</p>
        <ul className="follow-up-answers">
          {prompt.answers.map((answer) => (
            <li key={answer.id}>
              <a href={`#post-${answer.id}`}>Answer by {answer.authorName}</a>
              {answer.excerpt ? <span className="muted"> — {answer.excerpt}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section id="follow-up" className="card follow-up" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Did this solve your problem?</h2>
      <p className="muted">Your question has answers. Tell us whether they solved it: it helps the next person with the same problem.</p>
      <Form method="post" action={`/follow-up/${threadId}`} className="form-actions" aria-labelledby="follow-up-title">
        <button type="submit" name="answer" value="solved" className="button button-primary">
          Yes
        </button>
        <button type="submit" name="answer" value="not_solved" className="button">
          No
        </button>
      </Form>
    </section>
  );
}
