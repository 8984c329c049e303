import { Link } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/i18n";
import { useRanks, useSite } from "~/root";
import { FORMER_MEMBER_KEY, isFormerMember } from "~/utils/former-member";
import { rankOf } from "~/utils/ranks";

/**
 * An author's name linking to their profile, with reputation and rank, or a
 * staff mark ("<brand> staff"). A deleted account reads "a former member":
 * no link (it has no profile any more), no reputation, rank or staff mark.
 */
export function UserLink({
  username,
  displayName,
  role,
  reputation,
  staffLabel,
}: {
  username: string;
  displayName: string;
  role: "member" | "moderator" | "admin";
  reputation?: number;
  staffLabel?: string;
}) {
  const t = useT();
  const language = useLanguage();
  const ranks = useRanks();
  const brandName = useSite().brandName;
  if (isFormerMember({ username, displayName })) {
    return (
      <span className="user-link user-link-former">
        <span>{t(FORMER_MEMBER_KEY)}</span>
      </span>
    );
  }
  const rank = reputation !== undefined && role === "member" ? rankOf(reputation, ranks).rank.name : null;
  return (
    <span className="user-link">
      <Link to={`/u/${username}`}>{displayName}</Link>
      {role !== "member" ? <span className="badge badge-staff">{staffLabel ?? t("userLink.staff", { brand: brandName })}</span> : null}
      {reputation !== undefined ? (
        <span className="reputation" title={t("userLink.reputation")}>
          <span className="visually-hidden">{t("userLink.reputationBefore")} </span>
          {reputation.toLocaleString(language)}
        </span>
      ) : null}
      {rank ? <span className="rank-name">{rank}</span> : null}
    </span>
  );
}
