import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { ThreadList } from "~/components/thread-list";
import { metaT, translatorFor, useLanguage, useT } from "~/i18n/i18n";
import { profilePageFor } from "~/models/accounts/profile-page.server";
import { useRanks, useSite } from "~/root";
import { BADGES } from "~/utils/badges";
import { useBadgeName } from "~/components/brand-words";
import { rankOf } from "~/utils/ranks";
import { refusedWith } from "~/i18n/message";
import { exactTime } from "~/utils/time";
import { monthAndYear } from "~/utils/month-year";
import { shorten, unlessDefault, withPageMeta } from "~/utils/page-meta";

/** What one ledger row says on the profile: "+10 — upvote on ‘My bill is wrong’". */
function reasonLabel(t: TFunction, event: { reason: string; points: number }) {
  switch (event.reason) {
    case "question_upvoted":
    case "answer_upvoted":
      return t("profilePage.reasonUpvoted");
    case "post_downvoted":
      return t("profilePage.reasonPostDownvoted");
    case "downvoted_answer":
      return t("profilePage.reasonDownvotedAnswer");
    case "answer_accepted":
      return t("profilePage.reasonAnswerAccepted");
    case "accepted_answer":
      return t("profilePage.reasonAcceptedAnswer");
    case "answer_promoted":
      return t("profilePage.reasonAnswerPromoted");
    case "thanked":
      return t("profilePage.reasonThanked");
    case "article_helpful":
      return t("profilePage.reasonArticleHelpful");
    case "floor":
      // A negative floor row gives back what the floor made up, once the downvotes it stood in for were taken back.
      return event.points < 0 ? t("profilePage.reasonFloorReturned") : t("profilePage.reasonFloor");
    default:
      return event.reason;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: metaT(matches)("profilePage.notFound") }];
  const { profile, tab } = data;
  const page = tab === "questions" ? data.questions.page : tab === "reputation" ? data.history.page : data.answers.page;
  return withPageMeta(
    matches,
    [
      { title: metaT(matches)("profilePage.title", { name: profile.displayName, username: profile.username }) },
      { name: "description", content: profile.bio ? shorten(profile.bio, 160) : metaT(matches)("pageMeta.profileDescription", { name: profile.displayName }) },
    ],
    `/u/${encodeURIComponent(profile.username)}`,
    { tab: unlessDefault(tab, "answers"), page: unlessDefault(page, 1) },
  );
};

const profileQuery = z.object({
  tab: z.enum(["questions", "answers", "reputation"]).catch("answers"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tab, page } = profileQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  // The viewer decides only whether a suspension's reason is shown (staff).
  const profile = profilePageFor(context.db, params.username ?? "", tab, page, context.user);
  if (!profile) throw refusedWith(404, "accountsServer.notFound.member");
  const { history } = profile;
  const t = translatorFor(context.language);
  return json({ ...profile, history: { ...history, events: history.events.map((event) => ({ ...event, label: reasonLabel(t, event) })) } });
}

export default function Profile() {
  const { profile, tab, questions, answers, history, badges } = useLoaderData<typeof loader>();
  const site = useSite();
  const standing = rankOf(profile.reputation, useRanks());
  const t = useT();
  const badgeName = useBadgeName();
  const language = useLanguage();
  return (
    <div className="stack-lg">
      <header className="profile-header card">
        <span className="avatar avatar-large" aria-hidden="true">
          {profile.displayName.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h1>
            {profile.displayName}
            {profile.role !== "member" ? <span className="badge badge-staff">{t("userLink.staff", { brand: site.brandName })}</span> : null}
          </h1>
          <p className="muted">
            @{profile.username} · {t("memberProfile.memberSince", { date: monthAndYear(profile.createdAt, language) })}
          </p>
          {profile.suspension ? (
            <div className="notice notice-suspended profile-suspension">
              <p>
                <strong>{t("memberProfile.suspendedUntil", { date: exactTime(profile.suspension.until, language) })}</strong>
              </p>
              {profile.suspension.reason ? <p className="muted">{t("memberProfile.suspensionReason", { reason: profile.suspension.reason })}</p> : null}
            </div>
          ) : null}
          {profile.bio ? <p className="profile-bio">{profile.bio}</p> : null}
          {profile.role === "member" ? (
            <div className="rank-progress">
              <p>
                <strong className="rank-title">{standing.rank.name}</strong>
                {standing.next ? (
                  <span className="muted">
                    {" "}
                    · {t("profilePage.toNext", { points: standing.toNext.toLocaleString(language), rank: standing.next.name })}
                  </span>
                ) : (
                  <span className="muted"> · {t("profilePage.highestRank")}</span>
                )}
              </p>
              {standing.next ? (
                <progress
                  value={Math.round(standing.progress * 100)}
                  max={100}
                  aria-label={t("profilePage.progress", { from: standing.rank.name, to: standing.next.name })}
                />
              ) : null}
            </div>
          ) : null}
        </div>
        <dl className="profile-stats">
          <div>
            <dt>{t("profilePage.reputation")}</dt>
            <dd>{profile.reputation.toLocaleString(language)}</dd>
          </div>
          <div>
            <dt>{t("profilePage.answers")}</dt>
            <dd>{answers.total.toLocaleString(language)}</dd>
          </div>
          <div>
            <dt>{t("profilePage.questions")}</dt>
            <dd>{questions.total.toLocaleString(language)}</dd>
          </div>
        </dl>
      </header>

      <section className="card profile-badges" aria-labelledby="profile-badges-heading">
        <h2 id="profile-badges-heading">{t("profilePage.badges")}</h2>
        {badges.length ? (
          <ul className="badge-list">
            {badges.map((b) => (
              <li key={b.key}>
                <Link to={`/badges#badge-${b.key}`} className={`badge badge-tier badge-tier-${BADGES[b.key].tier}`}>
                  {badgeName(b.key)}
                </Link>
                <span className="muted">
                  {t(`badgeWords.tiers.${BADGES[b.key].tier}`)} · {t("profilePage.earned")} <RelativeTime date={b.earnedAt} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            {t("profilePage.noBadges")} <Link to="/badges">{t("profilePage.seeHowBadges")}</Link>
            {t("profilePage.noBadgesAfter")}
          </p>
        )}
      </section>

      <nav className="tabs" aria-label={t("profilePage.postsLabel")}>
        <Link to="?tab=answers" aria-current={tab === "answers" ? "page" : undefined}>
          {t("profilePage.answersTab", { total: answers.total })}
        </Link>
        <Link to="?tab=questions" aria-current={tab === "questions" ? "page" : undefined}>
          {t("profilePage.questionsTab", { total: questions.total })}
        </Link>
        <Link to="?tab=reputation" aria-current={tab === "reputation" ? "page" : undefined}>
          {t("profilePage.reputation")}
        </Link>
      </nav>

      {tab === "answers" ? (
        <section aria-label={t("profilePage.answers")}>
          {answers.answers.length ? (
            <ul className="answer-summary-list">
              {answers.answers.map((a) => (
                <li key={a.id} className="answer-summary">
                  <span className={`stat${a.accepted ? " stat-solved" : ""}`}>
                    <strong>{a.score}</strong> {t("threadList.votes", { count: a.score })}
                  </span>
                  <Link to={`/t/${a.threadId}/${a.threadSlug}#post-${a.id}`}>{a.threadTitle}</Link>
                  {a.accepted ? <span className="solved-mark">{t("profilePage.accepted")}</span> : null}
                  <span className="muted">
                    <RelativeTime date={a.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("profilePage.noAnswers")}</p>
          )}
          <Pagination page={answers.page} pageCount={answers.pageCount} />
        </section>
      ) : tab === "questions" ? (
        <section aria-label={t("profilePage.questions")}>
          <ThreadList threads={questions.threads} empty={t("profilePage.noQuestions")} />
          <Pagination page={questions.page} pageCount={questions.pageCount} />
        </section>
      ) : (
        <section aria-label={t("profilePage.historyLabel")}>
          {history.events.length ? (
            <ul className="reputation-history">
              {history.events.map((e) => (
                <li key={e.id}>
                  <span className={`points${e.points > 0 ? " points-up" : e.points < 0 ? " points-down" : ""}`}>
                    {e.points > 0 ? "+" : e.points < 0 ? "−" : "±"}
                    {Math.abs(e.points)}
                  </span>
                  <span>
                    {" — "}
                    {e.label}
                    {e.thread ? (
                      <>
                        {" "}
                        <Link to={e.thread.path}>{t("profilePage.quotedTitle", { title: e.thread.title })}</Link>
                      </>
                    ) : null}
                    {e.points === 0 && (e.reason === "answer_upvoted" || e.reason === "question_upvoted") ? (
                      <span className="muted"> {t("profilePage.dailyLimit")}</span>
                    ) : null}
                  </span>
                  <span className="muted">
                    <RelativeTime date={e.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("profilePage.noReputation")}</p>
          )}
          <Pagination page={history.page} pageCount={history.pageCount} />
        </section>
      )}
    </div>
  );
}
