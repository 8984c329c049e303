import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SeverityBadge } from "~/components/incident-banner";
import { RelativeTime } from "~/components/relative-time";
import { listIncidents } from "~/models/moderation/incident-views.server";
import { can } from "~/policy";
import { useSite } from "~/root";

export const meta: MetaFunction = () => [{ title: "Service status" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ ...listIncidents(context.db), canManage: can(context.user, "incident.manage") });
}

function Affects({ name, slug }: { name: string | null; slug: string | null }) {
  return name && slug ? (
    <>
      Affects <Link to={`/c/${slug}`}>{name}</Link>
    </>
  ) : (
    <>Affects every category</>
  );
}

export default function Status() {
  const { open, resolved, canManage } = useLoaderData<typeof loader>();
  const site = useSite();
  return (
    <div className="page-medium stack-lg">
      <header className="page-header">
        <div className="page-header-row">
          <h1>Service status</h1>
          {canManage ? (
            <Link to="/status/new" className="button button-primary">
              Open an incident
            </Link>
          ) : null}
        </div>
        <p className="lede">Known problems with {site.brandName}'s services, what we are doing about them, and when they were fixed.</p>
      </header>

      <section aria-labelledby="open-title" className="stack">
        <h2 id="open-title">Open incidents</h2>
        {open.length ? (
          <ul className="incident-list">
            {open.map((incident) => (
              <li key={incident.id} className={`card incident-card incident-card-${incident.severity}`}>
                <h3>
                  <Link to={`/status/${incident.id}`}>{incident.title}</Link>
                </h3>
                <p className="muted">
                  <SeverityBadge severity={incident.severity} /> <Affects name={incident.categoryName} slug={incident.categorySlug} /> · opened{" "}
                  <RelativeTime date={incident.createdAt} />
                  {incident.updateCount ? (
                    <>
                      {" "}
                      · {incident.updateCount} {incident.updateCount === 1 ? "update" : "updates"}, the latest <RelativeTime date={incident.updatedAt ?? incident.createdAt} />
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No known problems right now: every service is working as expected.</p>
        )}
      </section>

      <section aria-labelledby="resolved-title" className="stack">
        <h2 id="resolved-title">Recently resolved</h2>
        {resolved.length ? (
          <ul className="incident-list">
            {resolved.map((incident) => (
              <li key={incident.id} className="incident-resolved">
                <Link to={`/status/${incident.id}`}>{incident.title}</Link>
                <p className="muted">
                  <SeverityBadge severity={incident.severity} /> <Affects name={incident.categoryName} slug={incident.categorySlug} /> · resolved{" "}
                  <RelativeTime date={incident.resolvedAt!} />
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing resolved recently.</p>
        )}
      </section>
    </div>
  );
}
