// The brand's own words (its name, tagline, categories, ranks, badges) as the
// reader sees them: the admins' words in the reader's language when they gave
// them, else the default ones. Shared by the server and the pages.
import type { BrandTranslations } from "../../db/schema";
import type { Language } from "../i18n/languages";
import type { Rank } from "./ranks";
import type { SiteSettings } from "./site-defaults";

/** One field in the reader's language, falling back to the default words. */
export function inLanguage<F extends string>(base: string, translations: BrandTranslations<F> | null | undefined, field: F, language: Language): string {
  return translations?.[language]?.[field]?.trim() || base;
}

/** The site's name and tagline for a reader. */
export function localSite(settings: SiteSettings, language: Language): SiteSettings {
  return {
    ...settings,
    brandName: inLanguage(settings.brandName, settings.translations, "brandName", language),
    tagline: inLanguage(settings.tagline, settings.translations, "tagline", language),
  };
}

/** A category's name and description for a reader. */
export function localCategory<C extends { name: string; description?: string; translations?: BrandTranslations<"name" | "description"> | null }>(
  category: C,
  language: Language,
): C {
  return {
    ...category,
    name: inLanguage(category.name, category.translations, "name", language),
    ...(category.description === undefined ? {} : { description: inLanguage(category.description, category.translations, "description", language) }),
  };
}

/**
 * The ranks for a reader, their names in the reader's language. A rank's
 * default name stays its identity on the server (rank-up notices, the
 * early-access rank): translate only what is shown.
 */
export function localRanks(ranks: Rank[], language: Language): (Rank & { key: string })[] {
  return ranks.map((rank) => ({ ...rank, key: rank.name, name: rank.names?.[language]?.trim() || rank.name }));
}

/** The name a rank is shown under, from its default name. */
export function localRankName(ranks: Rank[], name: string, language: Language): string {
  const rank = ranks.find((candidate) => candidate.name === name);
  return rank?.names?.[language]?.trim() || name;
}
