import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loginUrl } from "~/auth/current-user.server";
import { EarlyAccessExplainer } from "~/components/early-access-explainer";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { earlyAccessPage, PRIVATE_PAGE_HEADERS } from "~/models/reputation/early-access.server";
import { useSite } from "~/root";
import { exactTime } from "~/utils/time";
import { localRankName } from "~/utils/brand-words";

// Never a title or an excerpt here: the page's metadata is the same for everyone.
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("earlyAccessPage.title") }, { name: "robots", content: "noindex" }];

// The page's HTML and its data differ by reader: never kept by a shared cache.
export const headers: HeadersFunction = () => PRIVATE_PAGE_HEADERS;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = earlyAccessPage(context.db, context.user);
  return json({ ...page, signInPath: loginUrl(request) }, { headers: PRIVATE_PAGE_HEADERS });
}

export default function EarlyAccess() {
  const data = useLoaderData<typeof loader>();
  const site = useSite();
  const t = useT();
  const language = useLanguage();
  if (!data.eligible) return <EarlyAccessExplainer standing={data.standing} brandName={site.brandName} signInPath={data.signInPath} />;
  const { standing, announcements } = data;
  return (
    <div className="page-medium stack-lg">
      <header className="page-header">
        <div className="page-header-row">
          <h1>{t("earlyAccessPage.title")}</h1>
          {standing.staff ? (
            <div className="form-actions">
              <Link to="/early-access/new" className="button button-primary">
                {t("earlyAccessPage.publish")}
              </Link>
              <Link to="/mod/early-access" className="button">
                {t("earlyAccessPage.manageAccess")}
              </Link>
            </div>
          ) : null}
        </div>
        <p className="lede">
          {standing.staff
            ? t("earlyAccessPage.ledeStaff", { brand: site.brandName })
            : standing.granted && standing.reputation < standing.rank.min
              ? t("earlyAccessPage.ledeGranted")
              : t("earlyAccessPage.ledeRank", { rank: localRankName([standing.rank], standing.rank.name, language), brand: site.brandName })}
        </p>
      </header>
      {announcements.length ? (
        <ul className="early-access-list">
          {announcements.map((a) => (
            <li key={a.id}>
              <article className="card stack early-access-item" aria-labelledby={`announcement-${a.id}`}>
                <header>
                  <h2 id={`announcement-${a.id}`}>
                    <Link to={`/early-access/${a.id}`}>{a.title}</Link>
                    {a.expired ? <span className="badge badge-archived">{t("earlyAccessPage.expired")}</span> : null}
                  </h2>
                  <p className="muted">
                    {t("earlyAccessPage.published")} <RelativeTime date={a.createdAt} />
                    {a.expiresAt ? (
                      <>
                        {" "}
                        · {a.expired ? t("earlyAccessPage.ended") : t("earlyAccessPage.until")} <time dateTime={a.expiresAt}>{exactTime(a.expiresAt, language)}</time>
                      </>
                    ) : null}
                  </p>
                </header>
                <div className="post-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("earlyAccessPage.empty")}</p>
      )}
    </div>
  );
}
