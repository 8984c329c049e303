import { useT } from "~/i18n/i18n";

/**
 * "Your draft is back", with a way to start afresh. A status region that is
 * there from the start, so the sentence is announced when it appears.
 */
export function DraftNotice({ restored, onDiscard }: { restored: boolean; onDiscard: () => void }) {
  const t = useT();
  return (
    <div role="status" className="draft-status">
      {restored ? (
        <p className="notice draft-notice">
          {t("drafts.restored")}{" "}
          <button type="button" className="link-button" onClick={onDiscard}>
            {t("drafts.discard")}
          </button>
        </p>
      ) : null}
    </div>
  );
}
