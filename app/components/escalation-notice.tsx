// The thread page's escalation notice: while a thread is escalated, everyone
// who can see it reads that the support team is looking into it; staff also
// read the note and find the queue. Staff see "Escalate to support" otherwise.
// The form posts to /mod/escalations; with JavaScript its errors come back
// here (a fetcher), without it /mod/escalations shows them.
import { Link, useFetcher } from "@remix-run/react";
import { FormAlert, TextArea } from "~/components/field";
import { exactTime } from "~/utils/time";

export type EscalationNoticeData = { createdAt: string; note?: string; openedByName?: string } | null;

type EscalateReply = { errors?: Record<string, string>; values?: Record<string, string> };

const day = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export function EscalationNotice({ escalation, canEscalate, threadId }: { escalation: EscalationNoticeData; canEscalate: boolean; threadId: number }) {
  const fetcher = useFetcher<EscalateReply>();
  if (escalation) {
    return (
      <div className="notice escalation-notice" id="escalation">
        <p>
          <strong>Our support team is looking into this</strong> (since{" "}
          <time dateTime={escalation.createdAt} title={exactTime(escalation.createdAt)}>
            {day.format(new Date(escalation.createdAt))}
          </time>
          ).
        </p>
        {escalation.note !== undefined ? (
          <>
            <p>
              Note for the support team, from {escalation.openedByName} (moderators only): “{escalation.note}”
            </p>
            <p>
              <Link to="/mod/escalations">Open the escalations queue</Link>
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
      <summary className="button button-small">Escalate to support</summary>
      <fetcher.Form method="post" action="/mod/escalations" noValidate className="escalate-form stack">
        <input type="hidden" name="intent" value="escalate" />
        <input type="hidden" name="threadId" value={threadId} />
        <FormAlert message={errors.form} />
        <TextArea
          label="Note for the support team"
          name="note"
          rows={3}
          required
          maxLength={2000}
          defaultValue={fetcher.data?.values?.note}
          error={errors.note}
          hint="What should they look at? The asker only sees that the support team is looking into it."
        />
        <div>
          <button type="submit" className="button button-primary" disabled={fetcher.state !== "idle"}>
            Escalate this thread
          </button>
        </div>
      </fetcher.Form>
    </details>
  );
}
