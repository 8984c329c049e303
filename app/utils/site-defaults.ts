// The brand's words before an admin sets them: shared by the server (the
// settings' defaults) and the browser (the pages' fallback when the root's
// data is missing, as on an error page), so not in a .server module.

import type { BrandTranslations } from "../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "../i18n/languages";

export type SiteSettings = {
  brandName: string;
  tagline: string;
  /** The interface's language for a visitor whose browser asks for none of ours. */
  defaultLanguage: Language;
  /** The name and tagline in other languages, as admins gave them (a missing one falls back). */
  translations: BrandTranslations<"brandName" | "tagline">;
  /** Badges the admins renamed, per language (a missing one: the interface's name). */
  badgeNames: Partial<Record<Language, Partial<Record<string, string>>>>;
};

export const DEFAULT_SETTINGS: SiteSettings = {
  brandName: "Entraide",
  tagline: "Ask the community, share what you know.",
  defaultLanguage: DEFAULT_LANGUAGE,
  translations: {},
  badgeNames: {},
};
