// Severity words, apart from the incident form's schema so that the banner on
// every page does not bring zod into the browser.
import type { Severity } from "../../db/enums";

export const SEVERITY_LABELS: Record<Severity, string> = {
  information: "Information",
  degraded: "Degraded service",
  outage: "Outage",
};

/** What each severity means, for the moderator choosing one. */
export const SEVERITY_HINTS: Record<Severity, string> = {
  information: "something customers should know, nothing is broken",
  degraded: "a service works, but slowly or only in part",
  outage: "a service does not work at all",
};
