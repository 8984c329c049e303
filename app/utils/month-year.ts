import type { Language } from "../i18n/languages";

// One formatter per language: Intl's are costly to make.
const formats = new Map<Language, Intl.DateTimeFormat>();

/** "March 2026", "mars 2026": when someone joined, in the reader's language (UTC, so the server and the browser agree). */
export function monthAndYear(date: Date | string | number, language: Language): string {
  let format = formats.get(language);
  if (!format) formats.set(language, (format = new Intl.DateTimeFormat(language, { month: "long", year: "numeric", timeZone: "UTC" })));
  return format.format(new Date(date));
}
