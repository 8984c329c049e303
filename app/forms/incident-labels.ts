// Severity words' catalogue keys, apart from the incident form's schema so
// that the banner on every page does not bring zod into the browser.
import type { Severity } from "../../db/enums";

/** Each severity's name: "Outage", "Degraded service", "Information" in the reader's language. */
export const SEVERITY_LABEL_KEYS: Record<Severity, string> = {
  information: "incidentBanner.information",
  degraded: "incidentBanner.degraded",
  outage: "incidentBanner.outage",
};

/** What each severity means, for the moderator choosing one. */
export const SEVERITY_HINT_KEYS: Record<Severity, string> = {
  information: "incidentFields.informationHint",
  degraded: "incidentFields.degradedHint",
  outage: "incidentFields.outageHint",
};
