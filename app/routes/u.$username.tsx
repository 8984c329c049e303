import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { ThreadList } from "~/components/thread-list";
import { profilePageFor } from "~/models/accounts/profile-page.server";
import { useRanks, useSite } from "~/root";
import { BADGES, TIER_NAMES } from "~/utils/badges";
import { rankOf } from "~/utils/ranks";

// "+10 — upvote on ‘My bill is wrong’": how each ledger row reads.
const REASON_LABEL: Record<string, string> = {
  question_upvoted: "upvote on",
  answer_upvoted: "upvote on",
  post_downvoted: "downvote on a post in",
  downvoted_answer: "you downvoted an answer in",
  answer_accepted: "answer accepted in",
  accepted_answer: "you accepted an answer in",
  answer_promoted: "answer promoted to the knowledge base from",
  thanked: "thanked by the brand for an answer in",
  article_helpful: "readers found the article from your answer helpful, from",
  floor: "kept at the minimum of 1",
};

/** What one ledger row says on the profile. */
function reasonLabel(event: { reason: string; points: number }) {
  // A negative floor row gives back what the floor made up, once the downvotes it stood in for were taken back.
  if (event.reason === "floor" && event.points < 0) return "no longer needed to keep the minimum of 1 (downvotes taken back)";
  return REASON_LABEL[event.reason] ?? event.reason;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} (@${data.profile.username}) · Community` : "Member not found" },
];

const profileQuery = z.object({
  tab: z.enum(["questions", "answers", "reputation"]).catch("answers"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { tab, page } = profileQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const profile = profilePageFor(context.db, params.username ?? "", tab, page);
  if (!profile) throw new Response("No such member.", { status: 404 });
  const { history } = profile;
  return json({ ...profile, history: { ...history, events: history.events.map((event) => ({ ...event, label: reasonLabel(event) })) } });
}

export default function Profile() {
  const { profile, tab, questions, answers, history, badges } = useLoaderData<typeof loader>();
  const site = useSite();
  const standing = rankOf(profile.reputation, useRanks());
  return (
    <div className="stack-lg">
      <header className="profile-header card">
        <span className="avatar avatar-large" aria-hidden="true">
          {profile.displayName.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h1>
            {profile.displayName}
            {profile.role !== "member" ? <span className="badge badge-staff">{site.brandName} staff</span> : null}
          </h1>
          <p className="muted">
            @{profile.username} · member since <RelativeTime date={profile.createdAt} />
          </p>
          {profile.bio ? <p className="profile-bio">{profile.bio}</p> : null}
          {profile.role === "member" ? (
            <div className="rank-progress">
              <p>
                <strong className="rank-title">{standing.rank.name}</strong>
                {standing.next ? (
                  <span className="muted">
                    {" "}
                    · {standing.toNext.toLocaleString("en")} to {standing.next.name}
                  </span>
                ) : (
                  <span className="muted"> · the highest rank</span>
                )}
              </p>
              {standing.next ? (
                <progress
                  value={Math.round(standing.progress * 100)}
                  max={100}
                  aria-label={`Progress from ${standing.rank.name} to ${standing.next.name}`}
                />
              ) : null}
            </div>
          ) : null}
        </div>
        <dl className="profile-stats">
          <div>
            <dt>Reputation</dt>
            <dd>{profile.reputation.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt>Answers</dt>
            <dd>{answers.total.toLocaleString("en")}</dd>
          </div>
          <div>
            <dt>Questions</dt>
            <dd>{questions.total.toLocaleString("en")}</dd>
          </div>
        </dl>
      </header>

      <section className="card profile-badges" aria-labelledby="profile-badges-heading">
        <h2 id="profile-badges-heading">Badges</h2>
        {badges.length ? (
          <ul className="badge-list">
            {badges.map((b) => (
              <li key={b.key}>
                <Link to={`/badges#badge-${b.key}`} className={`badge badge-tier badge-tier-${BADGES[b.key].tier}`}>
                  {BADGES[b.key].name}
                </Link>
                <span className="muted">
                  {TIER_NAMES[BADGES[b.key].tier]} · earned <RelativeTime date={b.earnedAt} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            No badges yet. <Link to="/badges">See how badges are earned</Link>.
          </p>
        )}
      </section>

      <nav className="tabs" aria-label="Posts">
        <Link to="?tab=answers" aria-current={tab === "answers" ? "page" : undefined}>
          Answers ({answers.total})
        </Link>
        <Link to="?tab=questions" aria-current={tab === "questions" ? "page" : undefined}>
          Questions ({questions.total})
        </Link>
        <Link to="?tab=reputation" aria-current={tab === "reputation" ? "page" : undefined}>
          Reputation
        </Link>
      </nav>

      {tab === "answers" ? (
        <section aria-label="Answers">
          {answers.answers.length ? (
            <ul className="answer-summary-list">
              {answers.answers.map((a) => (
                <li key={a.id} className="answer-summary">
                  <span className={`stat${a.accepted ? " stat-solved" : ""}`}>
                    <strong>{a.score}</strong> {Math.abs(a.score) === 1 ? "vote" : "votes"}
                  </span>
                  <Link to={`/t/${a.threadId}/${a.threadSlug}#post-${a.id}`}>{a.threadTitle}</Link>
                  {a.accepted ? <span className="solved-mark">Accepted</span> : null}
                  <span className="muted">
                    <RelativeTime date={a.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No answers yet.</p>
          )}
          <Pagination page={answers.page} pageCount={answers.pageCount} />
        </section>
      ) : tab === "questions" ? (
        <section aria-label="Questions">
          <ThreadList threads={questions.threads} empty="No questions yet." />
          <Pagination page={questions.page} pageCount={questions.pageCount} />
        </section>
      ) : (
        <section aria-label="Reputation history">
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
                        <Link to={e.thread.path}>‘{e.thread.title}’</Link>
                      </>
                    ) : null}
                    {e.points === 0 && (e.reason === "answer_upvoted" || e.reason === "question_upvoted") ? (
                      <span className="muted"> (daily limit from upvotes reached)</span>
                    ) : null}
                  </span>
                  <span className="muted">
                    <RelativeTime date={e.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No reputation earned yet. Answers that help others earn it.</p>
          )}
          <Pagination page={history.page} pageCount={history.pageCount} />
        </section>
      )}
    </div>
  );
}
