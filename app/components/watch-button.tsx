import { Form, Link, useLocation } from "@remix-run/react";

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
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const hintId = `watch-hint-${targetType}-${targetId}`;
  const isThread = targetType === "thread";
  const news = isThread ? "new answers" : `new questions in ${what ?? "it"}`;
  const hint = !signedIn
    ? `Sign in to be notified of ${news}.`
    : level === "watching"
      ? `You're notified of ${news}.`
      : level === "muted"
        ? "Muted: you get no notifications from this question."
        : `Watch to be notified of ${news}.`;
  const common = { targetType, targetId, redirectTo: here, describedBy: hintId };

  return (
    <div className={`watch-controls watch-${level}`}>
      {!signedIn ? (
        <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="button button-small" aria-describedby={hintId}>
          Sign in to watch
        </Link>
      ) : level === "watching" ? (
        <WatchForm {...common} level="none" label="Watching ✓ — Stop watching" className="button button-small watch-active" />
      ) : (
        <WatchForm {...common} level="watching" label="Watch" className="button button-small" />
      )}
      {signedIn && isThread ? (
        level === "muted" ? (
          <WatchForm {...common} level="none" label="Unmute" className="button button-small button-quiet" />
        ) : (
          <WatchForm {...common} level="muted" label="Mute" className="button button-small button-quiet" />
        )
      ) : null}
      <span id={hintId} className="watch-hint">
        {hint}
      </span>
    </div>
  );
}
