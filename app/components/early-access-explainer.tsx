import { Link } from "@remix-run/react";
import type { EarlyAccessStanding } from "~/models/reputation/early-access.server";

type Standing = Pick<EarlyAccessStanding, "signedIn" | "rank" | "reputation" | "toGo" | "progress" | "points">;

/**
 * What early access is and how to earn it, for everyone who does not read it
 * yet: the threshold from the admins' rules and the reader's own progress.
 * It is given nothing about any announcement, so it can show nothing.
 */
export function EarlyAccessExplainer({ standing, brandName, signInPath }: { standing: Standing; brandName: string; signInPath: string }) {
  const { rank, points } = standing;
  const threshold = rank.min.toLocaleString("en");
  return (
    <div className="page-medium stack-lg early-access-explainer">
      <header className="page-header">
        <h1>Early access</h1>
        <p className="lede">
          {brandName} shares some news with its top contributors first: features before they launch, beta tests, changes on the way. It is
          our thank-you to the people who help others here.
        </p>
      </header>

      <section className="card stack" aria-labelledby="where-title">
        <h2 id="where-title">{standing.signedIn ? "Where you stand" : "Who reads it"}</h2>
        <p>
          Early access opens at the <strong>{rank.name}</strong> rank ({threshold} reputation).
        </p>
        {standing.signedIn ? (
          <div className="rank-progress">
            <p>
              You have <strong>{standing.reputation.toLocaleString("en")}</strong> reputation
              <span className="muted"> · {standing.toGo.toLocaleString("en")} to go</span>
            </p>
            <progress value={Math.round(standing.progress * 100)} max={100} aria-label={`Progress to ${rank.name}`}>
              {Math.round(standing.progress * 100)}%
            </progress>
          </div>
        ) : (
          <p>
            <Link to={signInPath}>Sign in</Link> to see how far you are from it, or <Link to="/join">join the community</Link> to start.
          </p>
        )}
      </section>

      <section className="card stack" aria-labelledby="earn-title">
        <h2 id="earn-title">How to earn it</h2>
        <ul className="early-access-ways">
          <li>
            <strong>Answer questions.</strong> Each upvote on one of your answers gives {points.answerUpvoted} reputation; an answer the
            asker accepts gives {points.answerAccepted}. <Link to="/?sort=unanswered">Unanswered questions</Link> are a good place to start.
          </li>
          <li>
            <strong>Keep helping.</strong> Reputation adds up over time: the <Link to="/leaderboard">leaderboard</Link> shows who helps most.
          </li>
          <li>
            <strong>Stand out.</strong> Moderators can also open early access to a member whose help has been remarkable.
          </li>
        </ul>
      </section>
    </div>
  );
}
