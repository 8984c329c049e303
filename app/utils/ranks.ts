// Ranks: names for how much a member has helped, from their reputation. The
// thresholds are the admins' (reward rules); this module only reads them, so
// the pages and the server agree.

export type Rank = { name: string; min: number };

export const DEFAULT_RANKS: Rank[] = [
  { name: "Newcomer", min: 1 },
  { name: "Member", min: 50 },
  { name: "Contributor", min: 200 },
  { name: "Expert", min: 1_000 },
  { name: "Champion", min: 3_000 },
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
