// An idea's panel on its thread page: its status (as this reader may read
// it) with the moderator's reason, its votes and the Vote / Withdraw my vote
// button, and for staff the status form. Self-contained (props only) and plain
// forms posting to /ideas/:id/vote and /ideas/:id/status: it works without
// JavaScript, and the thread page may load it lazily.
import { Form, useLocation } from "@remix-run/react";
import { IDEA_STATUSES, type IdeaStatus } from "../../db/enums";
import { useT } from "~/i18n/i18n";
import type { IdeaPanelData } from "~/models/ideas/idea-panel.server";
import { describedBy, FieldError, FieldHint, FormAlert, TextArea } from "./field";
import { IdeaStatusBadge } from "./idea-status";

/** The statuses a moderator gives ("open" is where ideas start). */
const SETTABLE: IdeaStatus[] = IDEA_STATUSES.filter((status) => status !== "open");

/** The Vote / Withdraw my vote button, back to `redirectTo` afterwards. Visitors are sent to sign in by the route. */
export function IdeaVoteForm({ threadId, voted, redirectTo, title }: { threadId: number; voted: boolean; redirectTo: string; title?: string }) {
  const t = useT();
  return (
    <Form method="post" action={`/ideas/${threadId}/vote`} preventScrollReset className="inline-form">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button
        type="submit"
        name="intent"
        value={voted ? "withdraw-vote" : "vote-for-idea"}
        className={voted ? "button button-small watch-active" : "button button-small button-primary"}
        aria-label={title ? (voted ? t("ideas.vote.withdrawFor", { title }) : t("ideas.vote.voteFor", { title })) : undefined}
      >
        {voted ? t("ideas.vote.withdraw") : t("ideas.vote.vote")}
      </button>
    </Form>
  );
}

/**
 * The staff's status form: a status, its reason (needed to decline), early
 * access first, and "Tell everyone" while an early status is pending.
 * `errors` and `values` come back from /ideas/:id/status when it refused.
 */
export function IdeaStatusForm({
  data,
  threadId,
  reason,
  errors = {},
  values,
  headingLevel = 3,
}: {
  data: IdeaPanelData;
  threadId: number;
  /** Its heading's level: 3 inside the panel, 2 on the status page of its own. */
  headingLevel?: 2 | 3;
  /** The reason now recorded (the panel's own `reason` may be blank for readers of the public status). */
  reason?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const chosen = values?.status ?? (data.status === "open" ? "under_review" : data.status);
  const pending = data.earlyAccess && data.publicStatus !== undefined && data.publicStatus !== data.status;
  return (
    <Form method="post" action={`/ideas/${threadId}/status`} className="stack idea-status-form" aria-labelledby={`idea-status-title-${threadId}`}>
      <Heading id={`idea-status-title-${threadId}`}>{t("ideas.statusForm.title")}</Heading>
      <FormAlert message={errors.form} />
      {pending ? (
        <p className="notice">
          {t("ideas.statusForm.pending", { early: t(`ideas.status.${data.status}`), public: t(`ideas.status.${data.publicStatus}`) })}
        </p>
      ) : null}
      <div className={`field${errors.status ? " field-invalid" : ""}`}>
        <label htmlFor={`idea-status-${threadId}`}>{t("ideas.statusForm.status")}</label>
        <select id={`idea-status-${threadId}`} name="status" defaultValue={chosen} aria-invalid={errors.status ? true : undefined} aria-describedby={describedBy("status", errors.status)}>
          {SETTABLE.map((status) => (
            <option key={status} value={status}>
              {t(`ideas.status.${status}`)}
            </option>
          ))}
        </select>
        <FieldError name="status" error={errors.status} />
      </div>
      <TextArea
        id={`idea-reason-${threadId}`}
        name="reason"
        label={t("ideas.statusForm.reason")}
        hint={t("ideas.statusForm.reasonHint")}
        rows={3}
        // Blank, not the reason now recorded (shown above as "Why"): a new status
        // gets its own reason, and text typed while the panel loads is kept.
        defaultValue={values?.reason ?? ""}
        error={errors.reason}
      />
      <div className="field">
        <label className="radio">
          <input type="checkbox" name="earlyAccess" value="1" defaultChecked={values?.earlyAccess === "1"} aria-describedby={describedBy("earlyAccess", undefined, "hint")} />
          {t("ideas.statusForm.earlyAccess")}
        </label>
        <FieldHint name="earlyAccess" hint={t("ideas.statusForm.earlyAccessHint")} />
      </div>
      <div className="form-actions">
        <button type="submit" name="intent" value="set" className="button button-primary">
          {t("ideas.statusForm.set")}
        </button>
        {pending ? (
          <button type="submit" name="intent" value="publish" className="button">
            {t("ideas.statusForm.publish")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

export function IdeaPanel({ data, threadId }: { data: IdeaPanelData; threadId: number }) {
  const t = useT();
  const location = useLocation();
  const back = `${location.pathname}${location.search}#idea`;
  const closed = data.status === "done" || data.status === "declined";
  return (
    <section id="idea" className="card stack idea-panel" aria-labelledby={`idea-title-${threadId}`}>
      <h2 id={`idea-title-${threadId}`}>{t("ideas.panel.title")}</h2>
      <p>
        <span className="muted">{t("ideas.panel.status")}</span> <IdeaStatusBadge status={data.status} />
        {data.earlyAccess ? (
          <>
            {" "}
            <span className="badge badge-attention">{t("ideas.panel.earlyAccess")}</span>
          </>
        ) : null}
      </p>
      {data.reason ? (
        <p>
          <strong>{t("ideas.panel.reason")}</strong> {data.reason}
        </p>
      ) : null}
      <div className="form-actions idea-panel-votes">
        <span className="stat">
          <strong>{data.votes}</strong> {t("ideas.votes", { count: data.votes })}
        </span>
        {data.canVote || (!data.signedIn && !closed) ? (
          <IdeaVoteForm threadId={threadId} voted={data.voted} redirectTo={back} />
        ) : !data.signedIn ? (
          <span className="muted">{t("ideas.page.votingClosed")}</span>
        ) : (
          <span className="muted">
            {data.voted ? `${t("ideas.panel.youVoted")} ` : ""}
            {data.refusal}
          </span>
        )}
      </div>
      {data.canSetStatus ? <IdeaStatusForm data={data} threadId={threadId} /> : null}
    </section>
  );
}
