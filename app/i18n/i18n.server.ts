// The server knows every catalogue from the start; the browser asks for the
// one its page is in, at /i18n/<language>?v=<version> (the version changes
// with the catalogue's content, so the file can be kept for a year).
//
// A language's catalogue is every JSON file of app/i18n/catalogues/<language>/,
// one per part of the interface (frame.json, forum.json...), each holding
// its own top-level keys: a file per area keeps translators out of each
// other's way.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { registerCatalogue, translatorFor, type Catalogue } from "./i18n";
import { LANGUAGES, type Language } from "./languages";

// Read from the source tree, where the server runs (the build bundles code, not these files).
export const CATALOGUE_DIR = path.resolve("app", "i18n", "catalogues");

/** The files of a language's catalogue, by name. */
export function catalogueFiles(language: Language): Record<string, Catalogue> {
  const dir = path.join(CATALOGUE_DIR, language);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => [name, JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Catalogue]),
  );
}

function loadCatalogue(language: Language): Catalogue {
  return Object.assign({}, ...Object.values(catalogueFiles(language))) as Catalogue;
}

export const CATALOGUES = Object.fromEntries(LANGUAGES.map((language) => [language, loadCatalogue(language)])) as Record<Language, Catalogue>;

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
