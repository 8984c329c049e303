import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SeverityBadge } from "~/components/incident-banner";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { useCategoryName } from "~/components/brand-words";
import { listIncidents } from "~/models/moderation/incident-views.server";
import { can } from "~/policy";
import { useSite } from "~/root";
import { feedAlternates, feedPaths } from "~/utils/feed-paths";
import { withPageMeta } from "~/utils/page-meta";

export const meta: MetaFunction = ({ matches }) =>
  withPageMeta(
    matches,
    [{ title: metaT(matches)("statusList.title") }, { name: "description", content: metaT(matches)("pageMeta.statusDescription") }, ...feedAlternates(feedPaths.status)],
    "/status",
  );

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ ...listIncidents(context.db), canManage: can(context.user, "incident.manage") });
}

function Affects({ name, slug }: { name: string | null; slug: string | null }) {
  const t = useT();
  const categoryName = useCategoryName();
  return name && slug ? (
    <>
      {t("statusList.affects")} <Link to={`/c/${slug}`}>{categoryName(slug, name)}</Link>
    </>
  ) : (
    <>{t("statusList.affectsAll")}</>
  );
}

export default function Status() {
  const { open, resolved, canManage } = useLoaderData<typeof loader>();
  const site = useSite();
  const t = useT();
  return (
    <div className="page-medium stack-lg">
      <header className="page-header">
        <div className="page-header-row">
          <h1>{t("statusList.title")}</h1>
          {canManage ? (
            <Link to="/status/new" className="button button-primary">
              {t("statusList.open")}
            </Link>
          ) : null}
        </div>
        <p className="lede">{t("statusList.lede", { brand: site.brandName })}</p>
      </header>

      <section aria-labelledby="open-title" className="stack">
        <h2 id="open-title">{t("statusList.openIncidents")}</h2>
        {open.length ? (
          <ul className="incident-list">
            {open.map((incident) => (
              <li key={incident.id} className={`card incident-card incident-card-${incident.severity}`}>
                <h3>
                  <Link to={`/status/${incident.id}`}>{incident.title}</Link>
                </h3>
                <p className="muted">
                  <SeverityBadge severity={incident.severity} /> <Affects name={incident.categoryName} slug={incident.categorySlug} /> · {t("statusList.opened")}{" "}
                  <RelativeTime date={incident.createdAt} />
                  {incident.updateCount ? (
                    <>
                      {" "}
                      · {t("statusList.updates", { count: incident.updateCount })} <RelativeTime date={incident.updatedAt ?? incident.createdAt} />
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("statusList.noProblems")}</p>
        )}
      </section>

      <section aria-labelledby="resolved-title" className="stack">
        <h2 id="resolved-title">{t("statusList.recentlyResolved")}</h2>
        {resolved.length ? (
          <ul className="incident-list">
            {resolved.map((incident) => (
              <li key={incident.id} className="incident-resolved">
                <Link to={`/status/${incident.id}`}>{incident.title}</Link>
                <p className="muted">
                  <SeverityBadge severity={incident.severity} /> <Affects name={incident.categoryName} slug={incident.categorySlug} /> · {t("statusList.resolved")}{" "}
                  <RelativeTime date={incident.resolvedAt!} />
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("statusList.nothingResolved")}</p>
        )}
      </section>
    </div>
  );
}
