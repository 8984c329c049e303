import { exactTime, timeAgo } from "~/utils/time";

/** A relative date ("2 hours ago") with the exact one on hover. */
export function RelativeTime({ date }: { date: Date | string }) {
  const iso = new Date(date).toISOString();
  return (
    <time dateTime={iso} title={exactTime(date)} suppressHydrationWarning>
      {timeAgo(date)}
    </time>
  );
}
