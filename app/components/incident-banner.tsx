import { Link } from "@remix-run/react";
import type { Severity } from "../../db/schema";
import { SEVERITY_LABELS } from "~/forms/incident-labels";

export type BannerIncident = { id: number; title: string; severity: Severity };

/** "Outage", "Degraded service", "Information": a pill coloured by severity. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-severity badge-severity-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/** The worst severity first, so an outage is never below a notice. */
const ORDER: Record<Severity, number> = { outage: 0, degraded: 1, information: 2 };

/**
 * Under the header of every page while an incident is open: what is wrong
 * and a link to its status page. Nothing at all when every service is fine.
 */
export function IncidentBanner({ incidents }: { incidents: BannerIncident[] }) {
  if (!incidents.length) return null;
  const sorted = [...incidents].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <div className="incident-banners" role="status" aria-label="Service status">
      {sorted.map((incident) => (
        <div key={incident.id} className={`incident-banner incident-banner-${incident.severity}`}>
          {/* The container apart from the text: the text's own margin would undo its centring, leaving the words against the window's edge. */}
          <div className="container">
            <p className="incident-banner-inner">
              <strong className="incident-banner-severity">{SEVERITY_LABELS[incident.severity]}:</strong>{" "}
              <span className="incident-banner-title">{incident.title}</span>{" "}
              <Link to={`/status/${incident.id}`} className="incident-banner-link">
                Read the status update<span className="visually-hidden"> about “{incident.title}”</span>
              </Link>
            </p>
          </div>
        </div>
      ))}
    </div>
  );
}

export type CategoryIncident = BannerIncident & { categorySlug: string | null; categoryName: string | null };

/**
 * On /ask, above the form: the open incidents of the chosen category and
 * those affecting every category, so nobody asks about a known problem.
 */
export function CategoryIncidents({ incidents, category }: { incidents: CategoryIncident[]; category: string }) {
  const shown = incidents.filter((i) => i.categorySlug === null || i.categorySlug === category);
  if (!shown.length) return null;
  return (
    <section className="incident-notices" aria-label="Known problems">
      {shown.map((incident) => (
        <div key={incident.id} className={`notice incident-notice incident-notice-${incident.severity}`}>
          <p>
            <SeverityBadge severity={incident.severity} /> <strong>Known problem{incident.categoryName ? ` in ${incident.categoryName}` : ""}:</strong>{" "}
            {incident.title}. <Link to={`/status/${incident.id}`}>Read the status update</Link> before asking: we are on it.
          </p>
        </div>
      ))}
    </section>
  );
}
