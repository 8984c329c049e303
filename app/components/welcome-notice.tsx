import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useLanguage, useT } from "~/i18n/i18n";

/** What root's loader gives the page the new member lands on (see app/auth/welcome.server.ts). */
export type WelcomeNoticeData = { username: string; unconfirmedEmail: string | null; commentAt: number; upvoteAt: number };

/**
 * Shown once, on the page a new member lands on after joining: what to do
 * first, and how reputation opens commenting and voting. Plain links: it
 * needs no JavaScript, and leaves with the next page.
 */
export function WelcomeNotice({ notice }: { notice: WelcomeNoticeData | null | undefined }) {
  const t = useT();
  const language = useLanguage();
  // Root's data outlives a client-side navigation: the welcome belongs to the
  // page it arrived on only.
  const location = useLocation();
  const [arrivedOn, setArrivedOn] = useState<string | null>(null);
  useEffect(() => {
    if (notice && arrivedOn === null) setArrivedOn(location.key);
  }, [notice, arrivedOn, location.key]);
  if (!notice || (arrivedOn !== null && arrivedOn !== location.key)) return null;
  const points = (value: number) => value.toLocaleString(language);
  return (
    <section className="notice notice-welcome" aria-labelledby="welcome-notice-title">
      <h2 id="welcome-notice-title">{t("welcomeNotice.title", { username: notice.username })}</h2>
      <p>{t("welcomeNotice.lede")}</p>
      <ol className="welcome-steps">
        {notice.unconfirmedEmail ? (
          <li>
            {t("welcomeNotice.confirmBefore")} <strong>{notice.unconfirmedEmail}</strong>
            {t("welcomeNotice.confirmAfter")}
          </li>
        ) : null}
        <li>
          <Link to="/search">{t("welcomeNotice.search")}</Link> {t("welcomeNotice.searchText")}
        </li>
        <li>
          <Link to="/ask">{t("welcomeNotice.ask")}</Link> {t("welcomeNotice.askText")}
        </li>
        <li>
          <Link to="/?sort=unanswered">{t("welcomeNotice.answer")}</Link> {t("welcomeNotice.answerText")}
        </li>
        <li>{t("welcomeNotice.reputation", { comment: points(notice.commentAt), upvote: points(notice.upvoteAt) })}</li>
      </ol>
    </section>
  );
}
