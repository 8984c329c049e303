// The thread page's escalation notice: while a thread is escalated, everyone
// who can see it reads that the support team is looking into it; staff also
// read the note and find the queue. Staff see "Escalate to support" otherwise.
// The form posts to /mod/escalations; with JavaScript its errors come back
// here (a fetcher), without it /mod/escalations shows them.
import { Link, useFetcher } from "@remix-run/react";
import { FormAlert, TextArea } from "~/components/field";
import { useLanguage, useT } from "~/i18n/i18n";
import { exactTime } from "~/utils/time";

export type EscalationNoticeData = { createdAt: string; note?: string; openedByName?: string } | null;

type EscalateReply = { errors?: Record<string, string>; values?: Record<string, string> };

export function EscalationNotice({ escalation, canEscalate, threadId }: { escalation: EscalationNoticeData; canEscalate: boolean; threadId: number }) {
  const t = useT();
  const language = useLanguage();
  const fetcher = useFetcher<EscalateReply>();
  if (escalation) {
    return (
      <div className="notice escalation-notice" id="escalation">
        <p>
          <strong>{t("escalationNotice.lookingInto")}</strong> ({t("escalationNotice.since")}{" "}
          <time dateTime={escalation.createdAt} title={exactTime(escalation.createdAt, language)}>
            {new Date(escalation.createdAt).toLocaleDateString(language, { dateStyle: "long", timeZone: "UTC" })}
          </time>
          ).
        </p>
        {escalation.note !== undefined ? (
          <>
            <p>{t("escalationNotice.note", { name: escalation.openedByName, note: escalation.note })}</p>
            <p>
              <Link to="/mod/escalations">{t("escalationNotice.queue")}</Link>
            </p>
          </>
        ) : null}
      </div>
    );
  }
  if (!canEscalate) return null;
  const errors = fetcher.data?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <details className="escalate-details" id="escalation" open={failed || undefined}>
      <summary className="button button-small">{t("escalationNotice.escalate")}</summary>
      <fetcher.Form method="post" action="/mod/escalations" noValidate className="escalate-form stack">
        <input type="hidden" name="intent" value="escalate" />
        <input type="hidden" name="threadId" value={threadId} />
        <FormAlert message={errors.form} />
        <TextArea
          label={t("escalationNotice.noteLabel")}
          name="note"
          rows={3}
          required
          maxLength={2000}
          defaultValue={fetcher.data?.values?.note}
          error={errors.note}
          hint={t("escalationNotice.noteHint")}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={fetcher.state !== "idle"}>
            {t("escalationNotice.submit")}
          </button>
        </div>
      </fetcher.Form>
    </details>
  );
}
