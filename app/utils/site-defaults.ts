// The brand's words before an admin sets them: shared by the server (the
// settings' defaults) and the browser (the pages' fallback when the root's
// data is missing, as on an error page), so not in a .server module.

import { DEFAULT_LANGUAGE, type Language } from "../i18n/languages";

export type SiteSettings = {
  brandName: string;
  tagline: string;
  /** The interface's language for a visitor whose browser asks for none of ours. */
  defaultLanguage: Language;
};

export const DEFAULT_SETTINGS: SiteSettings = {
  brandName: "Entraide",
  tagline: "Ask the community, share what you know.",
  defaultLanguage: DEFAULT_LANGUAGE,
};
