// An idea's status as a badge: its words from the catalogue, its colour from
// the badges the site already has.
import type { IdeaStatus } from "../../db/enums";
import { useT } from "~/i18n/i18n";

const LOOK: Record<IdeaStatus, string> = {
  open: "badge-open",
  under_review: "badge-draft",
  planned: "badge-official",
  in_progress: "badge-official",
  done: "badge-resolved",
  declined: "badge-archived",
};

export function IdeaStatusBadge({ status }: { status: IdeaStatus }) {
  const t = useT();
  return <span className={`badge idea-status idea-status-${status} ${LOOK[status]}`}>{t(`ideas.status.${status}`)}</span>;
}
