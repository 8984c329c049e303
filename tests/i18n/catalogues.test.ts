// The interface's words (issue #14): every key in both languages, with every
// plural form each language needs, and every key the code asks for present.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { catalogueFiles, CATALOGUES } from "../../app/i18n/i18n.server";
import { translatorFor } from "../../app/i18n/i18n";
import { LANGUAGES, type Language } from "../../app/i18n/languages";
import { root, sourceFiles } from "../support/source-files";

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf key, dotted ("frame.signIn", "frame.unreadTitle_one"). */
function leafKeys(catalogue: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    value && typeof value === "object" ? leafKeys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const keysOf = (language: Language) => leafKeys(CATALOGUES[language]);
const baseKeys = (language: Language) => new Set(keysOf(language).map((key) => key.replace(PLURAL, "")));

describe("the message catalogues", () => {
  test("each language has the same files, and no top-level key is in two files", () => {
    expect(Object.keys(catalogueFiles("fr"))).toEqual(Object.keys(catalogueFiles("en")));
    for (const language of LANGUAGES) {
      const seen = new Map<string, string>();
      for (const [file, catalogue] of Object.entries(catalogueFiles(language))) {
        for (const key of Object.keys(catalogue)) {
          expect(seen.get(key), `${language}: "${key}" in ${file}`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });

  test("French and English have the same keys: none is missing in one language", () => {
    const [en, fr] = [baseKeys("en"), baseKeys("fr")];
    expect([...en].filter((key) => !fr.has(key)), "in English only").toEqual([]);
    expect([...fr].filter((key) => !en.has(key)), "in French only").toEqual([]);
  });

  test("a plural key has every form its language needs (French: one, many, other; English: one, other)", () => {
    for (const language of LANGUAGES) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const keys = new Set(keysOf(language));
      const plurals = new Set(keysOf(language).filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, "")));
      const missing = [...plurals].flatMap((base) => categories.filter((form) => !keys.has(`${base}_${form}`)).map((form) => `${base}_${form}`));
      expect(missing, language).toEqual([]);
    }
  });

  test("no message is empty, and both languages say different things", () => {
    for (const language of LANGUAGES) {
      const empty = keysOf(language).filter((key) => !String(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CATALOGUES[language])).trim());
      expect(empty, language).toEqual([]);
    }
    const t = { en: translatorFor("en"), fr: translatorFor("fr") };
    expect(t.fr("frame.ask")).not.toBe(t.en("frame.ask"));
  });

  test("every key the code asks for by name exists in both languages", () => {
    const asked = new Set<string>();
    for (const file of sourceFiles(path.join(root, "app"))) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) asked.add(match[1]!);
    }
    expect(asked.size).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      const known = baseKeys(language);
      expect([...asked].filter((key) => !known.has(key)), language).toEqual([]);
    }
  });

  test("plurals and dates follow the reader's language", () => {
    expect(translatorFor("en")("frame.unreadTitle", { count: 1 })).toBe("1 unread notification");
    expect(translatorFor("en")("frame.unreadTitle", { count: 3 })).toBe("3 unread notifications");
    expect(translatorFor("fr")("frame.unreadTitle", { count: 1 })).toBe("1 notification non lue");
    expect(translatorFor("fr")("frame.unreadTitle", { count: 3 })).toBe("3 notifications non lues");
  });
});
