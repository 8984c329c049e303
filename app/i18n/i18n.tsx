// The interface's words, through i18next: one instance per language, made
// from its message catalogue (app/i18n/catalogues/<language>.json). The
// server registers every catalogue at start (i18n.server.ts); the browser
// fetches the page's one before hydrating (entry.client.tsx), so the bundle
// carries no catalogue.
import i18next, { type i18n, type TFunction } from "i18next";
import { createContext, useContext, type ReactNode } from "react";
import { DEFAULT_LANGUAGE, type Language } from "./languages";

export type Catalogue = Record<string, unknown>;

const instances = new Map<Language, i18n>();

/** Makes `language`'s translator from its catalogue (synchronously: the resources are given). */
export function registerCatalogue(language: Language, catalogue: Catalogue) {
  const instance = i18next.createInstance();
  instance.init({
    lng: language,
    fallbackLng: false,
    resources: { [language]: { translation: catalogue } },
    initAsync: false,
    // React escapes what it renders; the catalogues hold plain text.
    interpolation: { escapeValue: false },
    returnNull: false,
    // Its sponsor's notice would be printed on every start and in every browser's console.
    showSupportNotice: false,
  });
  instances.set(language, instance);
}

export function hasCatalogue(language: Language): boolean {
  return instances.has(language);
}

/** The translator of a language (the default one's when it is not registered, as on a page before hydration). */
export function translatorFor(language: Language): TFunction {
  const instance = instances.get(language) ?? instances.get(DEFAULT_LANGUAGE);
  if (!instance) return ((key: string) => key) as unknown as TFunction;
  return instance.t;
}

const LanguageContext = createContext<Language>(DEFAULT_LANGUAGE);

/** The reader's language for everything inside (set once, in root's layout). */
export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** The translator (`t(key, values)`) in the reader's language. */
export function useT(): TFunction {
  return translatorFor(useLanguage());
}

/**
 * The translator for a route's `meta` (page titles), which runs outside
 * React: the language comes from root's data among the matches.
 */
export function metaT(matches: readonly { id: string; data: unknown }[] | undefined): TFunction {
  const root = matches?.find((match) => match.id === "root")?.data as { language?: Language } | undefined;
  return translatorFor(root?.language ?? DEFAULT_LANGUAGE);
}
