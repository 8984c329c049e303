// The server knows every catalogue from the start; the browser asks for the
// one its page is in, at /i18n/<language>?v=<version> (the version changes
// with the catalogue's content, so the file can be kept for a year).
import { createHash } from "node:crypto";
import en from "./catalogues/en.json";
import fr from "./catalogues/fr.json";
import { registerCatalogue, translatorFor, type Catalogue } from "./i18n";
import { LANGUAGES, type Language } from "./languages";

export const CATALOGUES: Record<Language, Catalogue> = { en, fr };

const versions = {} as Record<Language, string>;
for (const language of LANGUAGES) {
  registerCatalogue(language, CATALOGUES[language]);
  versions[language] = createHash("sha256").update(JSON.stringify(CATALOGUES[language])).digest("base64url").slice(0, 12);
}

export function catalogueVersion(language: Language): string {
  return versions[language];
}

/** Where the browser fetches a language's catalogue. */
export function catalogueUrl(language: Language): string {
  return `/i18n/${language}?v=${versions[language]}`;
}

/** A translator for the server's own words (emails, notifications, page titles). */
export function serverT(language: Language) {
  return translatorFor(language);
}
