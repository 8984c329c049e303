import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { hasCatalogue, registerCatalogue, type Catalogue } from "./i18n/i18n";
import { isLanguage } from "./i18n/languages";

declare global {
  interface Window {
    __remixContext?: { state?: { loaderData?: Record<string, { language?: string; catalogue?: string } | undefined> } };
  }
}

/**
 * The page's words come with the page; the browser fetches their catalogue
 * (one small, long-cached file) before it hydrates, so the page it takes
 * over reads the same as the one the server sent.
 */
async function loadCatalogue(): Promise<boolean> {
  const root = window.__remixContext?.state?.loaderData?.root;
  const language = root?.language;
  if (!isLanguage(language) || !root?.catalogue) return false;
  if (hasCatalogue(language)) return true;
  try {
    const response = await fetch(root.catalogue, { credentials: "same-origin" });
    if (!response.ok) return false;
    registerCatalogue(language, (await response.json()) as Catalogue);
    return true;
  } catch {
    return false;
  }
}

// Without its words the page stays as the server sent it: links and forms
// work without JavaScript, so nothing is lost but the niceties.
loadCatalogue().then((loaded) =>
  loaded &&
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
