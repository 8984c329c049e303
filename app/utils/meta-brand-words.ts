// A category's name in a page's title, which `meta` writes outside React:
// the root's data among the matches carries the reader's category words
// (app/models/site/site-frame.server.ts), as useCategoryName reads them.

type Matches = readonly { id: string; data: unknown }[] | undefined;

export function metaCategoryName(matches: Matches, slug: string | null | undefined, name: string): string {
  const root = matches?.find((match) => match.id === "root")?.data as { categoryWords?: Record<string, { name?: string }> } | undefined;
  return (slug && root?.categoryWords?.[slug]?.name) || name;
}
