import { useLanguage } from "~/i18n/i18n";
import { exactTime, timeAgo } from "~/utils/time";

/** A relative date ("2 hours ago") with the exact one on hover, in the reader's language. */
export function RelativeTime({ date }: { date: Date | string }) {
  const language = useLanguage();
  const iso = new Date(date).toISOString();
  return (
    <time dateTime={iso} title={exactTime(date, language)} suppressHydrationWarning>
      {timeAgo(date, Date.now(), language)}
    </time>
  );
}
