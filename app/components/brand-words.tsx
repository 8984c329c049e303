// The brand's words a page shows that its own data names in the default
// language: categories, from the frame's words in the reader's language.
import { useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

type CategoryWords = Record<string, { name: string; description: string }>;

function useWords(): CategoryWords {
  return (useRouteLoaderData("root") as { categoryWords?: CategoryWords } | undefined)?.categoryWords ?? {};
}

/** A category's name for the reader: `categoryName(slug, defaultName)`. */
export function useCategoryName(): (slug: string | null | undefined, name: string) => string {
  const words = useWords();
  return (slug, name) => (slug && words[slug]?.name) || name;
}

/** A category's description for the reader. */
export function useCategoryDescription(): (slug: string, description: string) => string {
  const words = useWords();
  return (slug, description) => words[slug]?.description || description;
}

/** A badge's name for the reader: the admins' name in their language, else the interface's. */
export function useBadgeName(): (key: string) => string {
  const t = useT();
  const renamed = (useRouteLoaderData("root") as { badgeNames?: Partial<Record<string, string>> } | undefined)?.badgeNames ?? {};
  return (key) => renamed[key] || t(`badgeWords.${key}.name`);
}
