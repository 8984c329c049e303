import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { useCategoryName } from "~/components/brand-words";
import { getModDashboard } from "~/models/moderation/mod-dashboard.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(getModDashboard(context.db, user));
}

/** A queue's age: how long its oldest entry has waited. */
function Oldest({ date }: { date: string | null }) {
  const t = useT();
  return date ? (
    <span className="muted">
      {t("mod.dashboard.oldest")} <RelativeTime date={date} />
    </span>
  ) : null;
}

export default function ModOverview() {
  const { needsAttentionHours, unanswered, flags, unresolved, kbReviews, escalations } = useLoaderData<typeof loader>();
  const t = useT();
  const categoryName = useCategoryName();
  const language = useLanguage();
  return (
    <div className="stack-lg">
      <section className="queue-cards" aria-label={t("mod.dashboard.queues")}>
        <a href="#unanswered-title" className="card queue-card">
          <strong className="queue-count">{unanswered.count}</strong> {t("mod.dashboard.unansweredCard", { count: unanswered.count })}
          {unanswered.needsAttention ? (
            <span className="badge badge-attention">{t("mod.dashboard.needAttentionCount", { count: unanswered.needsAttention })}</span>
          ) : null}
          <Oldest date={unanswered.oldest} />
        </a>
        <Link to="/mod/flags" className="card queue-card">
          <strong className="queue-count">{flags.count}</strong> {t("mod.dashboard.flagsCard", { count: flags.count })}
          <Oldest date={flags.oldest} />
        </Link>
        <a href="#unresolved-title" className="card queue-card">
          <strong className="queue-count">{unresolved.count}</strong> {t("mod.dashboard.unresolvedCard")}
          <Oldest date={unresolved.oldest} />
        </a>
        <Link to="/mod/kb" className="card queue-card">
          <strong className="queue-count">{kbReviews.count}</strong> {t("mod.dashboard.kbCard", { count: kbReviews.count })}
          <Oldest date={kbReviews.oldest} />
        </Link>
        <Link to="/mod/escalations" className="card queue-card">
          <strong className="queue-count">{escalations.count}</strong> {t("mod.dashboard.escalationsCard", { count: escalations.count })}
          <Oldest date={escalations.oldest} />
        </Link>
      </section>

      <section aria-labelledby="unanswered-title" className="stack">
        <h2 id="unanswered-title">{t("mod.dashboard.unansweredTitle")}</h2>
        <p className="muted">
          {t("mod.dashboard.attentionRule", { count: needsAttentionHours, hours: needsAttentionHours.toLocaleString(language) })}
        </p>
        {unanswered.threads.length ? (
          <ul className="mod-queue">
            {unanswered.threads.map((thread) => (
              <li key={thread.id} className={thread.needsAttention ? "needs-attention" : undefined}>
                <Link to={threadPath(thread)}>{thread.title}</Link>
                {thread.needsAttention ? <span className="badge badge-attention">{t("mod.dashboard.needsAttention")}</span> : null}
                <span className="muted">
                  {" "}
                  {t("mod.dashboard.askedBy", { category: categoryName(thread.categorySlug, thread.categoryName), username: thread.authorUsername })} <RelativeTime date={thread.createdAt} /> ·{" "}
                  <Link to={`/mod/threads/${thread.id}`}>{t("mod.moderate")}</Link>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("mod.dashboard.allAnswered")}</p>
        )}
        {unanswered.count > unanswered.threads.length ? (
          <p>
            <Link to="/?sort=unanswered">{t("mod.dashboard.allUnanswered", { count: unanswered.count, n: unanswered.count.toLocaleString(language) })}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="flags-title" className="stack">
        <h2 id="flags-title">{t("mod.dashboard.flagsTitle")}</h2>
        {flags.count ? (
          <>
            <ul className="mod-queue">
              {flags.byReason.map((r) => (
                <li key={r.reason}>{t("mod.dashboard.reasonCount", { reason: t(`mod.reasons.${r.reason}`), n: r.count })}</li>
              ))}
            </ul>
            <p>
              <Link to="/mod/flags">{t("mod.dashboard.reviewFlagsLink")}</Link>
              {t("mod.dashboard.reviewFlagsAfter")}
            </p>
          </>
        ) : (
          <p className="empty">{t("mod.dashboard.noFlags")}</p>
        )}
      </section>

      <section aria-labelledby="unresolved-title" className="stack">
        <h2 id="unresolved-title">{t("mod.dashboard.unresolvedTitle")}</h2>
        <p className="muted">{t("mod.dashboard.unresolvedText")}</p>
        {unresolved.threads.length ? (
          <ul className="mod-queue">
            {unresolved.threads.map((thread) => (
              <li key={thread.id}>
                <Link to={threadPath(thread)}>{thread.title}</Link>
                <span className="muted">
                  {" "}
                  {t("mod.dashboard.notSolved", { count: thread.answerCount, n: thread.answerCount.toLocaleString(language), username: thread.authorUsername })}{" "}
                  {thread.answeredAt ? <RelativeTime date={thread.answeredAt} /> : null} · <Link to={`/mod/threads/${thread.id}`}>{t("mod.moderate")}</Link>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("mod.dashboard.noneUnresolved")}</p>
        )}
      </section>
    </div>
  );
}
