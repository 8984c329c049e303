import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { RelativeTime } from "~/components/relative-time";
import { ThreadList } from "~/components/thread-list";
import { listUserAnswers } from "~/models/post.server";
import { listThreads } from "~/models/thread.server";
import { findUserByUsername } from "~/models/user.server";
import { useSite } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} (@${data.profile.username}) · Community` : "Member not found" },
];

const profileQuery = z.object({
  tab: z.enum(["questions", "answers"]).catch("answers"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = findUserByUsername(context.db, params.username ?? "");
  if (!user) throw new Response("No such member.", { status: 404 });
  const { tab, page } = profileQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const questions = listThreads(context.db, { authorId: user.id }, "newest", tab === "questions" ? page : 1, 20);
  const answers = listUserAnswers(context.db, user.id, tab === "answers" ? page : 1);
  return json({
    profile: {
      username: user.username,
      displayName: user.displayName,
      bio: user.bio,
      role: user.role,
      reputation: user.reputation,
      createdAt: user.createdAt,
    },
    tab,
    questions,
    answers,
  });
}

export default function Profile() {
  const { profile, tab, questions, answers } = useLoaderData<typeof loader>();
  const site = useSite();
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

      <nav className="tabs" aria-label="Posts">
        <Link to="?tab=answers" aria-current={tab === "answers" ? "page" : undefined}>
          Answers ({answers.total})
        </Link>
        <Link to="?tab=questions" aria-current={tab === "questions" ? "page" : undefined}>
          Questions ({questions.total})
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
      ) : (
        <section aria-label="Questions">
          <ThreadList threads={questions.threads} empty="No questions yet." />
          <Pagination page={questions.page} pageCount={questions.pageCount} />
        </section>
      )}
    </div>
  );
}
