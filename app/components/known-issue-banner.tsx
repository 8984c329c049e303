// On a thread linked to a known issue: the issue's status in words and its
// latest public note, a link to its page, "Me too", and for the thread's
// asker, once the issue is fixed, "Did the fix solve your problem?" at
// #fix-check. Props only, plain forms posting to the known issues' own
// routes: it works without JavaScript, wherever the thread page puts it.
import { Form, Link } from "@remix-run/react";
import type { KnownIssueBannerData } from "~/models/known-issues/known-issue-banner.server";
import { useT } from "~/i18n/i18n";
import { knownIssueStatusLabel } from "./known-issue-status";

const TONE = { investigating: "incident-notice-degraded", fix_planned: "", fixed: "incident-notice-resolved", wont_fix: "" } as const;

export function KnownIssueBanner({ data, threadId, returnTo }: { data: KnownIssueBannerData; threadId: number; /** Where the forms come back to (default: the thread). */ returnTo?: string }) {
  const t = useT();
  const { issue, meToo, check } = data;
  const back = returnTo ?? `/t/${threadId}`;
  const issuePath = `/known-issues/${issue.id}`;
  return (
    <section id="known-issue" className={`notice incident-notice known-issue-banner ${TONE[issue.status]}`} aria-labelledby="known-issue-title">
      <h2 id="known-issue-title" className="known-issue-banner-title">
        {t("knownIssues.banner.heading", { status: knownIssueStatusLabel(t, issue.status) })}
      </h2>
      <p className="known-issue-banner-link">
        <Link to={issuePath}>{issue.title}</Link>
      </p>
      {issue.statusNote ? <p className="known-issue-banner-note">{issue.statusNote}</p> : null}
      <div className="known-issue-banner-me-too">
        <p className="muted">{t("knownIssues.meToo.count", { count: meToo.count })}</p>
        {meToo.mine ? (
          <p>{t("knownIssues.meToo.said")}</p>
        ) : meToo.canSay ? (
          <Form method="post" action={`${issuePath}/me-too`} className="inline-form">
            <input type="hidden" name="intent" value="me-too" />
            <input type="hidden" name="threadId" value={threadId} />
            <input type="hidden" name="redirectTo" value={`${back}#known-issue`} />
            <button type="submit" className="button button-small">
              {t("knownIssues.meToo.button")}
              <span className="visually-hidden"> {t("knownIssues.meToo.about", { title: issue.title })}</span>
            </button>
          </Form>
        ) : null}
      </div>
      {check ? <FixCheck issueId={issue.id} threadId={threadId} answer={check.answer} back={back} /> : null}
    </section>
  );
}

/** The asker's "Did the fix solve your problem?": Yes or No, and what they said (they may change it). */
function FixCheck({ issueId, threadId, answer, back }: { issueId: number; threadId: number; answer: "solved" | "not_solved" | null; back: string }) {
  const t = useT();
  return (
    <div id="fix-check" className="card follow-up known-issue-fix-check" role="group" aria-labelledby="fix-check-title">
      <h3 id="fix-check-title">{t("knownIssues.check.question")}</h3>
      {answer ? <p>{answer === "solved" ? t("knownIssues.check.saidSolved") : t("knownIssues.check.saidNotSolved")}</p> : <p className="muted">{t("knownIssues.check.explain")}</p>}
      <Form method="post" action={`/known-issues/${issueId}/check`} className="form-actions" aria-labelledby="fix-check-title">
        <input type="hidden" name="threadId" value={threadId} />
        <input type="hidden" name="redirectTo" value={`${back}#fix-check`} />
        <button type="submit" name="answer" value="solved" className={answer === "solved" ? "button" : "button button-primary"} aria-pressed={answer === "solved"}>
          {t("knownIssues.check.yes")}
        </button>
        <button type="submit" name="answer" value="not_solved" className="button" aria-pressed={answer === "not_solved"}>
          {t("knownIssues.check.no")}
        </button>
      </Form>
    </div>
  );
}

/** For staff on a thread: start a known issue from it (the form offers its likely duplicates). */
export function KnownIssueStaffLink({ threadId }: { threadId: number }) {
  const t = useT();
  return (
    <Link to={`/mod/known-issues/new?thread=${threadId}`} className="button button-small">
      {t("knownIssues.staffLink")}
    </Link>
  );
}
