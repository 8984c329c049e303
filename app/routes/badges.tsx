import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { UserLink } from "~/components/user-link";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { badgeDirectory } from "~/models/reputation/badge.server";
import { useSite } from "~/root";
import { useBadgeName } from "~/components/brand-words";
import { withPageMeta } from "~/utils/page-meta";

export const meta: MetaFunction<typeof loader> = ({ matches }) =>
  withPageMeta(
    matches,
    [
      { title: metaT(matches)("badgesPage.title") },
      { name: "description", content: metaT(matches)("badgesPage.description") },
    ],
    "/badges",
  );

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ badges: badgeDirectory(context.db) });
}

export default function Badges() {
  const { badges } = useLoaderData<typeof loader>();
  const site = useSite();
  const t = useT();
  const language = useLanguage();
  const badgeName = useBadgeName();
  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">{t("pages.community")}</Link> › {t("badgesPage.title")}
        </p>
        <h1>{t("badgesPage.title")}</h1>
        <p className="lede">{t("badgesPage.lede")}</p>
      </header>

      {badges.map((badge) => (
        <section key={badge.key} id={`badge-${badge.key}`} className="card badge-section" aria-labelledby={`badge-${badge.key}-name`}>
          <header className="badge-section-header">
            <h2 id={`badge-${badge.key}-name`}>{badgeName(badge.key)}</h2>
            <span className={`badge badge-tier badge-tier-${badge.tier}`}>{t(`badgeWords.tiers.${badge.tier}`)}</span>
          </header>
          <p>{t(`badgeWords.${badge.key}.description`)}</p>
          {badge.count ? (
            <>
              <p className="muted badge-holder-count">
                {t("badgesPage.holders", { count: badge.count, n: badge.count.toLocaleString(language) })}
                {badge.more ? t("badgesPage.mostRecent") : t("badgesPage.colon")}
              </p>
              <ul className="badge-holders">
                {badge.holders.map((holder) => (
                  <li key={holder.username}>
                    <UserLink
                      username={holder.username}
                      displayName={holder.displayName}
                      role={holder.role}
                      staffLabel={t("userLink.staff", { brand: site.brandName })}
                    />
                  </li>
                ))}
                {badge.more ? <li className="muted">{t("badgesPage.more", { more: badge.more.toLocaleString(language) })}</li> : null}
              </ul>
            </>
          ) : (
            <p className="muted">{t("badgesPage.none")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
