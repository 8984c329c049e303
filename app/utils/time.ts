import { translatorFor } from "../i18n/i18n";
import { DEFAULT_LANGUAGE, type Language } from "../i18n/languages";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

// Intl's formatters are costly to make: one of each per language.
const relatives = new Map<Language, Intl.RelativeTimeFormat>();
const exacts = new Map<Language, Intl.DateTimeFormat>();

function relativeIn(language: Language) {
  let format = relatives.get(language);
  if (!format) relatives.set(language, (format = new Intl.RelativeTimeFormat(language, { numeric: "auto" })));
  return format;
}

function exactIn(language: Language) {
  let format = exacts.get(language);
  if (!format) exacts.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })));
  return format;
}

/** "3 hours ago", "yesterday", "just now" — in the reader's language. */
export function timeAgo(date: Date | string | number, now = Date.now(), language: Language = DEFAULT_LANGUAGE): string {
  const seconds = Math.round((new Date(date).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeIn(language).format(Math.trunc(seconds / size), unit);
  }
  return translatorFor(language)("time.justNow");
}

/** "November 23, 2026 at 12:49 PM UTC", "23 novembre 2026 à 12:49 UTC". */
export function exactTime(date: Date | string | number, language: Language = DEFAULT_LANGUAGE): string {
  return translatorFor(language)("time.utc", { time: exactIn(language).format(new Date(date)) });
}
