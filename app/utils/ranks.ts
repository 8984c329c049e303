// Ranks: names for how much a member has helped, from their reputation. The
// thresholds are the admins' (reward rules); this module only reads them, so
// the pages and the server agree.

import type { Language } from "../i18n/languages";

/** A rank: its default name (its identity), its threshold, and its name in other languages. */
export type Rank = { name: string; min: number; names?: Partial<Record<Language, string>> };

export const DEFAULT_RANKS: Rank[] = [
  { name: "Newcomer", min: 1, names: { fr: "Nouveau venu" } },
  { name: "Member", min: 50, names: { fr: "Membre" } },
  { name: "Contributor", min: 200, names: { fr: "Contributeur" } },
  { name: "Expert", min: 1_000, names: { fr: "Expert" } },
  { name: "Champion", min: 3_000, names: { fr: "Champion" } },
];

/** The rank a reputation reaches, and the next one with how far it is. */
export function rankOf(reputation: number, ranks: Rank[] = DEFAULT_RANKS) {
  const sorted = [...ranks].sort((a, b) => a.min - b.min);
  let index = 0;
  for (let i = 0; i < sorted.length; i++) if (reputation >= sorted[i].min) index = i;
  const current = sorted[index];
  const next = sorted[index + 1] ?? null;
  const progress = next ? Math.max(0, Math.min(1, (reputation - current.min) / (next.min - current.min))) : 1;
  return { rank: current, level: index, next, toNext: next ? next.min - reputation : 0, progress };
}
