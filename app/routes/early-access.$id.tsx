import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loginUrl } from "~/auth/current-user.server";
import { EarlyAccessExplainer } from "~/components/early-access-explainer";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { announcementId } from "~/forms/early-access";
import { PRIVATE_PAGE_HEADERS, readEarlyAccess } from "~/models/reputation/early-access.server";
import { useSite } from "~/root";
import { exactTime } from "~/utils/time";

// The title names the page only for its readers; everyone else gets the generic one.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  // The model tests call it with the data alone: then the default language's words.
  const t = metaT(matches);
  return [
    { title: data?.eligible ? t("earlyAccessPage.itemTitle", { title: data.announcement.title }) : t("earlyAccessPage.title") },
    { name: "robots", content: "noindex" },
  ];
};

// The page's HTML and its data differ by reader: never kept by a shared cache.
export const headers: HeadersFunction = () => PRIVATE_PAGE_HEADERS;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const reading = readEarlyAccess(context.db, context.user, announcementId(params));
  if (!reading.eligible) {
    // The explainer, whether or not the id exists: nothing about it leaves.
    return json(
      { eligible: false as const, standing: reading.standing, signInPath: loginUrl(request) },
      { status: context.user ? 403 : 401, headers: PRIVATE_PAGE_HEADERS },
    );
  }
  return json({ eligible: true as const, standing: reading.standing, announcement: reading.announcement }, { headers: PRIVATE_PAGE_HEADERS });
}

export default function EarlyAccessAnnouncement() {
  const data = useLoaderData<typeof loader>();
  const site = useSite();
  const t = useT();
  const language = useLanguage();
  if (!data.eligible) return <EarlyAccessExplainer standing={data.standing} brandName={site.brandName} signInPath={data.signInPath} />;
  const { announcement: a, standing } = data;
  return (
    <article className="page-medium stack-lg" aria-labelledby="announcement-title">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/early-access">{t("earlyAccessPage.title")}</Link>
        </p>
        <div className="page-header-row">
          <h1 id="announcement-title">
            {a.title}
            {a.expired ? <span className="badge badge-archived">{t("earlyAccessPage.expired")}</span> : null}
          </h1>
          {standing.staff ? (
            <Link to={`/early-access/${a.id}/edit`} className="button">
              {t("pages.edit")}
            </Link>
          ) : null}
        </div>
        <p className="muted">
          {t("earlyAccessPage.published")} <RelativeTime date={a.createdAt} />
          {a.updatedAt ? (
            <>
              {" "}
              · {t("earlyAccessPage.edited")} <RelativeTime date={a.updatedAt} />
            </>
          ) : null}
          {a.expiresAt ? (
            <>
              {" "}
              · {a.expired ? t("earlyAccessPage.ended") : t("earlyAccessPage.until")} <time dateTime={a.expiresAt}>{exactTime(a.expiresAt, language)}</time>
            </>
          ) : null}
        </p>
      </header>
      <div className="card">
        <div className="post-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
      </div>
      <p className="muted">{t("earlyAccessPage.keepIt")}</p>
    </article>
  );
}
