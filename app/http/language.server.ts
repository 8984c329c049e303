// Which language a request is answered in: the `lang` cookie the footer's
// switcher sets, else the browser's Accept-Language, else the admins'
// default. The page cache keeps one copy
// of a public page per language.
import type { IncomingHttpHeaders } from "node:http";
import accepts from "accepts";
import { isLanguage, LANGUAGE_COOKIE, LANGUAGES, type Language } from "../i18n/languages";

/** The `lang` cookie's value, when it names one of our languages. */
export function languageCookie(cookieHeader: string | undefined): Language | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(";")) {
    const [name, value] = pair.split("=", 2);
    if (name?.trim() === LANGUAGE_COOKIE && isLanguage(value?.trim())) return value!.trim() as Language;
  }
  return null;
}

/**
 * A visitor's language: the switcher's cookie, else what the browser asks
 * for, else the site's default — asked for only then, since it is a read on
 * the page cache's path that most requests do not need.
 */
export function visitorLanguage(headers: IncomingHttpHeaders, siteDefault: Language | (() => Language)): Language {
  const fallback = () => (typeof siteDefault === "function" ? siteDefault() : siteDefault);
  const chosen = languageCookie(headers.cookie);
  if (chosen) return chosen;
  // No Accept-Language at all: the site's default, not merely the first we list.
  if (!headers["accept-language"]) return fallback();
  const asked = accepts({ headers } as Parameters<typeof accepts>[0]).languages([...LANGUAGES]);
  return isLanguage(asked) ? asked : fallback();
}

/** The page cache's key for a visitor's page: one copy per language. */
export function pageCacheKey(language: Language, url: string): string {
  return `${language} ${url}`;
}
