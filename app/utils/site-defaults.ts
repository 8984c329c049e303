// The brand's words before an admin sets them: shared by the server (the
// settings' defaults) and the browser (the pages' fallback when the root's
// data is missing, as on an error page), so not in a .server module.

export type SiteSettings = {
  brandName: string;
  tagline: string;
};

export const DEFAULT_SETTINGS: SiteSettings = {
  brandName: "Entraide",
  tagline: "Ask the community, share what you know.",
};
