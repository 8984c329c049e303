import { Link } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import type { EarlyAccessStanding } from "~/models/reputation/early-access.server";
import { localRankName } from "~/utils/brand-words";

type Standing = Pick<EarlyAccessStanding, "signedIn" | "rank" | "reputation" | "toGo" | "progress" | "points">;

/**
 * What early access is and how to earn it, for everyone who does not read it
 * yet: the threshold from the admins' rules and the reader's own progress.
 * It is given nothing about any announcement, so it can show nothing.
 */
export function EarlyAccessExplainer({ standing, brandName, signInPath }: { standing: Standing; brandName: string; signInPath: string }) {
  const t = useT();
  const language = useLanguage();
  const { points } = standing;
  // The rank under its name in the reader's language (the admins' words).
  const rank = { ...standing.rank, name: localRankName([standing.rank], standing.rank.name, language) };
  const threshold = rank.min.toLocaleString(language);
  return (
    <div className="page-medium stack-lg early-access-explainer">
      <header className="page-header">
        <h1>{t("earlyAccessExplainer.heading")}</h1>
        <p className="lede">{t("earlyAccessExplainer.lede", { brand: brandName })}</p>
      </header>

      <section className="card stack" aria-labelledby="where-title">
        <h2 id="where-title">{standing.signedIn ? t("earlyAccessExplainer.whereYouStand") : t("earlyAccessExplainer.whoReadsIt")}</h2>
        <p>
          {t("earlyAccessExplainer.opensAtBefore")} <strong>{rank.name}</strong> {t("earlyAccessExplainer.opensAtAfter", { threshold })}
        </p>
        {standing.signedIn ? (
          <div className="rank-progress">
            <p>
              {t("earlyAccessExplainer.youHaveBefore")} <strong>{standing.reputation.toLocaleString(language)}</strong> {t("earlyAccessExplainer.youHaveAfter")}
              <span className="muted"> · {t("earlyAccessExplainer.toGo", { toGo: standing.toGo.toLocaleString(language) })}</span>
            </p>
            <progress value={Math.round(standing.progress * 100)} max={100} aria-label={t("earlyAccessExplainer.progress", { rank: rank.name })}>
              {Math.round(standing.progress * 100)}%
            </progress>
          </div>
        ) : (
          <p>
            <Link to={signInPath}>{t("earlyAccessExplainer.signIn")}</Link> {t("earlyAccessExplainer.signInMiddle")}{" "}
            <Link to="/join">{t("earlyAccessExplainer.join")}</Link> {t("earlyAccessExplainer.signInAfter")}
          </p>
        )}
      </section>

      <section className="card stack" aria-labelledby="earn-title">
        <h2 id="earn-title">{t("earlyAccessExplainer.howToEarn")}</h2>
        <ul className="early-access-ways">
          <li>
            <strong>{t("earlyAccessExplainer.answerTitle")}</strong>{" "}
            {t("earlyAccessExplainer.answerText", { upvoted: points.answerUpvoted, accepted: points.answerAccepted })}{" "}
            <Link to="/?sort=unanswered">{t("earlyAccessExplainer.unanswered")}</Link> {t("earlyAccessExplainer.unansweredAfter")}
          </li>
          <li>
            <strong>{t("earlyAccessExplainer.keepHelpingTitle")}</strong> {t("earlyAccessExplainer.keepHelpingBefore")}{" "}
            <Link to="/leaderboard">{t("earlyAccessExplainer.leaderboard")}</Link> {t("earlyAccessExplainer.keepHelpingAfter")}
          </li>
          <li>
            <strong>{t("earlyAccessExplainer.standOutTitle")}</strong> {t("earlyAccessExplainer.standOutText")}
          </li>
        </ul>
      </section>
    </div>
  );
}
