// A known issue's status as a pill, in words ("Investigating", "Fix planned",
// "Fixed", "Won't fix"), coloured with the site's existing badge colours:
// still wrong (warning), planned (information), fixed (success), won't fix (neutral).
import type { TFunction } from "i18next";
import type { KnownIssueStatus } from "../../db/enums";
import { useT } from "~/i18n/i18n";

const TONE: Record<KnownIssueStatus, string> = {
  investigating: "badge-severity-degraded",
  fix_planned: "badge-severity-information",
  fixed: "badge-resolved",
  wont_fix: "badge-archived",
};

/** The status in the reader's words. */
export function knownIssueStatusLabel(t: TFunction, status: KnownIssueStatus): string {
  return t(`knownIssues.status.${status}`);
}

export function KnownIssueStatusBadge({ status }: { status: KnownIssueStatus }) {
  const t = useT();
  return <span className={`badge known-issue-status known-issue-status-${status} ${TONE[status]}`}>{knownIssueStatusLabel(t, status)}</span>;
}
