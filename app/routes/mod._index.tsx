import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { getModDashboard } from "~/models/moderation/mod-dashboard.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = () => [{ title: "Moderation" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(getModDashboard(context.db, user));
}

const REASON_LABEL = { spam: "Spam", offensive: "Rude or offensive", "off-topic": "Off-topic", other: "Something else" } as const;

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** A queue's age: how long its oldest entry has waited. */
function Oldest({ date }: { date: string | null }) {
  return date ? (
    <span className="muted">
      oldest <RelativeTime date={date} />
    </span>
  ) : null;
}

export default function ModOverview() {
  const { needsAttentionHours, unanswered, flags, unresolved, kbReviews, escalations } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <section className="queue-cards" aria-label="Queues">
        <a href="#unanswered-title" className="card queue-card">
          <strong className="queue-count">{unanswered.count}</strong> unanswered {unanswered.count === 1 ? "question" : "questions"}
          {unanswered.needsAttention ? <span className="badge badge-attention">{unanswered.needsAttention} need attention</span> : null}
          <Oldest date={unanswered.oldest} />
        </a>
        <Link to="/mod/flags" className="card queue-card">
          <strong className="queue-count">{flags.count}</strong> open {flags.count === 1 ? "flag" : "flags"}
          <Oldest date={flags.oldest} />
        </Link>
        <a href="#unresolved-title" className="card queue-card">
          <strong className="queue-count">{unresolved.count}</strong> still unresolved
          <Oldest date={unresolved.oldest} />
        </a>
        <Link to="/mod/kb" className="card queue-card">
          <strong className="queue-count">{kbReviews.count}</strong> {kbReviews.count === 1 ? "article" : "articles"} to review
          <Oldest date={kbReviews.oldest} />
        </Link>
        <Link to="/mod/escalations" className="card queue-card">
          <strong className="queue-count">{escalations.count}</strong> open {escalations.count === 1 ? "escalation" : "escalations"}
          <Oldest date={escalations.oldest} />
        </Link>
      </section>

      <section aria-labelledby="unanswered-title" className="stack">
        <h2 id="unanswered-title">Unanswered questions, oldest first</h2>
        <p className="muted">
          Marked “needs attention” after {plural(needsAttentionHours, "hour", "hours")} without an answer. Locked threads and duplicates are left out.
        </p>
        {unanswered.threads.length ? (
          <ul className="mod-queue">
            {unanswered.threads.map((t) => (
              <li key={t.id} className={t.needsAttention ? "needs-attention" : undefined}>
                <Link to={threadPath(t)}>{t.title}</Link>
                {t.needsAttention ? <span className="badge badge-attention">Needs attention</span> : null}
                <span className="muted">
                  {" "}
                  {t.categoryName} · asked by @{t.authorUsername} <RelativeTime date={t.createdAt} /> · <Link to={`/mod/threads/${t.id}`}>moderate</Link>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">Every question has an answer.</p>
        )}
        {unanswered.count > unanswered.threads.length ? (
          <p>
            <Link to="/?sort=unanswered">All {plural(unanswered.count, "unanswered question", "unanswered questions")}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="flags-title" className="stack">
        <h2 id="flags-title">Open flags</h2>
        {flags.count ? (
          <>
            <ul className="mod-queue">
              {flags.byReason.map((r) => (
                <li key={r.reason}>
                  {REASON_LABEL[r.reason]}: {r.count}
                </li>
              ))}
            </ul>
            <p>
              <Link to="/mod/flags">Review the flags</Link>: dismiss, hide the post, delete it, or suspend its author.
            </p>
          </>
        ) : (
          <p className="empty">No open flags.</p>
        )}
      </section>

      <section aria-labelledby="unresolved-title" className="stack">
        <h2 id="unresolved-title">Still unresolved, newest first</h2>
        <p className="muted">Threads whose asker answered “No” to “Did this solve your problem?”.</p>
        {unresolved.threads.length ? (
          <ul className="mod-queue">
            {unresolved.threads.map((t) => (
              <li key={t.id}>
                <Link to={threadPath(t)}>{t.title}</Link>
                <span className="muted">
                  {" "}
                  {plural(t.answerCount, "answer", "answers")} · @{t.authorUsername} said “not solved”{" "}
                  {t.answeredAt ? <RelativeTime date={t.answeredAt} /> : null} · <Link to={`/mod/threads/${t.id}`}>moderate</Link>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No asker has said their problem is still unsolved.</p>
        )}
      </section>
    </div>
  );
}
