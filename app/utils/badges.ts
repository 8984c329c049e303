// The badges: what each one is for. Awarded automatically, once per member
// (app/models/reputation/badge.server.ts); shared with the pages, which name and explain them.

export type BadgeTier = "bronze" | "silver" | "gold";

export const BADGES = {
  first_question: { name: "First question", tier: "bronze", description: "Asked a first question." },
  first_answer: { name: "First answer", tier: "bronze", description: "Answered someone's question for the first time." },
  solver: { name: "Solver", tier: "bronze", description: "Had a first answer accepted." },
  problem_solver: { name: "Problem solver", tier: "silver", description: "Had 10 answers accepted." },
  guru: { name: "Guru", tier: "gold", description: "Had 50 answers accepted." },
  nice_answer: { name: "Nice answer", tier: "bronze", description: "Wrote an answer with a score of 10 or more." },
  knowledge_author: { name: "Knowledge author", tier: "silver", description: "Had an answer promoted to the knowledge base." },
  thanked: { name: "Thanked", tier: "silver", description: "Was thanked by the brand for an answer." },
} as const satisfies Record<string, { name: string; tier: BadgeTier; description: string }>;

export type BadgeKey = keyof typeof BADGES;

export const BADGE_KEYS = Object.keys(BADGES) as BadgeKey[];

export function isBadgeKey(value: string): value is BadgeKey {
  return Object.hasOwn(BADGES, value);
}

/** Accepted answers (not your own question's) needed for each acceptance badge, fewest first. */
export const ACCEPTED_ANSWER_BADGES = [
  { accepted: 1, badge: "solver" },
  { accepted: 10, badge: "problem_solver" },
  { accepted: 50, badge: "guru" },
] as const satisfies readonly { accepted: number; badge: BadgeKey }[];

/** The score an answer must reach for "Nice answer". */
export const NICE_ANSWER_SCORE = 10;

/** The tiers, rarest first. */
export const BADGE_TIERS = ["gold", "silver", "bronze"] as const satisfies readonly BadgeTier[];
export const TIER_NAMES: Record<BadgeTier, string> = { bronze: "Bronze", silver: "Silver", gold: "Gold" };

/** Rarest first, then in the order of BADGES: how a member's badges are listed. */
export function compareBadges(a: BadgeKey, b: BadgeKey) {
  return BADGE_TIERS.indexOf(BADGES[a].tier) - BADGE_TIERS.indexOf(BADGES[b].tier) || BADGE_KEYS.indexOf(a) - BADGE_KEYS.indexOf(b);
}
