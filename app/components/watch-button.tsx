import { Form, Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

export type WatchTargetType = "thread" | "category" | "tag";
export type WatchLevel = "watching" | "muted" | "none";

function WatchForm({
  targetType,
  targetId,
  level,
  redirectTo,
  label,
  className,
  describedBy,
}: {
  targetType: WatchTargetType;
  targetId: number;
  level: WatchLevel;
  redirectTo: string;
  label: string;
  className: string;
  describedBy: string;
}) {
  return (
    <Form method="post" action="/watch" preventScrollReset className="inline-form">
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="level" value={level} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className={className} aria-describedby={describedBy}>
        {label}
      </button>
    </Form>
  );
}

/**
 * "Watch" / "Watching ✓ — Stop watching" for a thread, a category or a tag,
 * and "Mute" / "Unmute" for a thread. `what` names the target in the hint
 * ("Billing", "the wifi tag"). Visitors get a link to sign in.
 */
export function WatchButton({
  targetType,
  targetId,
  level,
  signedIn,
  what,
}: {
  targetType: WatchTargetType;
  targetId: number;
  level: WatchLevel;
  signedIn: boolean;
  what?: string;
}) {
  const t = useT();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const hintId = `watch-hint-${targetType}-${targetId}`;
  const isThread = targetType === "thread";
  // Whole sentences for each case: a translation can't be put together from pieces.
  const place = { what: what ?? t("watchButton.it") };
  const hint = !signedIn
    ? isThread ? t("watchButton.threadSignedOut") : t("watchButton.placeSignedOut", place)
    : level === "watching"
      ? isThread ? t("watchButton.threadWatching") : t("watchButton.placeWatching", place)
      : level === "muted"
        ? t("watchButton.threadMuted")
        : isThread ? t("watchButton.threadNone") : t("watchButton.placeNone", place);
  const common = { targetType, targetId, redirectTo: here, describedBy: hintId };

  return (
    <div className={`watch-controls watch-${level}`}>
      {!signedIn ? (
        <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="button button-small" aria-describedby={hintId}>
          {t("watchButton.signInToWatch")}
        </Link>
      ) : level === "watching" ? (
        <WatchForm {...common} level="none" label={t("watchButton.stopWatching")} className="button button-small watch-active" />
      ) : (
        <WatchForm {...common} level="watching" label={t("watchButton.watch")} className="button button-small" />
      )}
      {signedIn && isThread ? (
        level === "muted" ? (
          <WatchForm {...common} level="none" label={t("watchButton.unmute")} className="button button-small button-quiet" />
        ) : (
          <WatchForm {...common} level="muted" label={t("watchButton.mute")} className="button button-small button-quiet" />
        )
      ) : null}
      <span id={hintId} className="watch-hint">
        {hint}
      </span>
    </div>
  );
}
