import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loginUrl } from "~/auth/current-user.server";
import { EarlyAccessExplainer } from "~/components/early-access-explainer";
import { RelativeTime } from "~/components/relative-time";
import { earlyAccessPage, PRIVATE_PAGE_HEADERS } from "~/models/reputation/early-access.server";
import { useSite } from "~/root";
import { exactTime } from "~/utils/time";

// Never a title or an excerpt here: the page's metadata is the same for everyone.
export const meta: MetaFunction = () => [{ title: "Early access" }, { name: "robots", content: "noindex" }];

// The page's HTML and its data differ by reader: never kept by a shared cache.
export const headers: HeadersFunction = () => PRIVATE_PAGE_HEADERS;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = earlyAccessPage(context.db, context.user);
  return json({ ...page, signInPath: loginUrl(request) }, { headers: PRIVATE_PAGE_HEADERS });
}

export default function EarlyAccess() {
  const data = useLoaderData<typeof loader>();
  const site = useSite();
  if (!data.eligible) return <EarlyAccessExplainer standing={data.standing} brandName={site.brandName} signInPath={data.signInPath} />;
  const { standing, announcements } = data;
  return (
    <div className="page-medium stack-lg">
      <header className="page-header">
        <div className="page-header-row">
          <h1>Early access</h1>
          {standing.staff ? (
            <div className="form-actions">
              <Link to="/early-access/new" className="button button-primary">
                Publish an announcement
              </Link>
              <Link to="/mod/early-access" className="button">
                Manage access
              </Link>
            </div>
          ) : null}
        </div>
        <p className="lede">
          {standing.staff
            ? `What ${site.brandName} shares first with its top contributors and the members granted access. Expired announcements are shown to staff only.`
            : standing.granted && standing.reputation < standing.rank.min
              ? `A moderator opened early access to you: thank you for your help. Please keep what you read here to yourself until it is public.`
              : `You reached the ${standing.rank.name} rank: ${site.brandName} shares this with you first. Please keep it to yourself until it is public.`}
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
                    {a.expired ? <span className="badge badge-archived">Expired</span> : null}
                  </h2>
                  <p className="muted">
                    Published <RelativeTime date={a.createdAt} />
                    {a.expiresAt ? (
                      <>
                        {" "}
                        · {a.expired ? "ended" : "until"} <time dateTime={a.expiresAt}>{exactTime(a.expiresAt)}</time>
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
        <p className="empty">Nothing here yet. You will be notified when the next announcement is published.</p>
      )}
    </div>
  );
}
