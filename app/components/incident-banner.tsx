import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { Severity } from "../../db/schema";
import { useT } from "~/i18n/i18n";
import { useCategoryName } from "~/components/brand-words";

export type BannerIncident = { id: number; title: string; severity: Severity };

/** A severity in the reader's words: "Outage", "Degraded service", "Information". */
export function severityLabel(t: TFunction, severity: Severity): string {
  return severity === "outage" ? t("incidentBanner.outage") : severity === "degraded" ? t("incidentBanner.degraded") : t("incidentBanner.information");
}

/** "Outage", "Degraded service", "Information": a pill coloured by severity. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const t = useT();
  return <span className={`badge badge-severity badge-severity-${severity}`}>{severityLabel(t, severity)}</span>;
}

/** The worst severity first, so an outage is never below a notice. */
const ORDER: Record<Severity, number> = { outage: 0, degraded: 1, information: 2 };

/**
 * Under the header of every page while an incident is open: what is wrong
 * and a link to its status page. Nothing at all when every service is fine.
 */
export function IncidentBanner({ incidents }: { incidents: BannerIncident[] }) {
  const t = useT();
  if (!incidents.length) return null;
  const sorted = [...incidents].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <div className="incident-banners" role="status" aria-label={t("incidentBanner.label")}>
      {sorted.map((incident) => (
        <div key={incident.id} className={`incident-banner incident-banner-${incident.severity}`}>
          {/* The container apart from the text: the text's own margin would undo its centring, leaving the words against the window's edge. */}
          <div className="container">
            <p className="incident-banner-inner">
              <strong className="incident-banner-severity">{t("incidentBanner.severityPrefix", { severity: severityLabel(t, incident.severity) })}</strong>{" "}
              <span className="incident-banner-title">{incident.title}</span>{" "}
              <Link to={`/status/${incident.id}`} className="incident-banner-link">
                {t("incidentBanner.readUpdate")}
                <span className="visually-hidden"> {t("incidentBanner.about", { title: incident.title })}</span>
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
  const t = useT();
  const categoryName = useCategoryName();
  const shown = incidents.filter((i) => i.categorySlug === null || i.categorySlug === category);
  if (!shown.length) return null;
  return (
    <section className="incident-notices" aria-label={t("incidentBanner.knownProblems")}>
      {shown.map((incident) => (
        <div key={incident.id} className={`notice incident-notice incident-notice-${incident.severity}`}>
          <p>
            <SeverityBadge severity={incident.severity} />{" "}
            <strong>
              {incident.categoryName ? t("incidentBanner.knownProblemIn", { category: categoryName(incident.categorySlug, incident.categoryName) }) : t("incidentBanner.knownProblem")}
            </strong>{" "}
            {incident.title}. <Link to={`/status/${incident.id}`}>{t("incidentBanner.readUpdate")}</Link> {t("incidentBanner.beforeAsking")}
          </p>
        </div>
      ))}
    </section>
  );
}
