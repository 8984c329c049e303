// The badges and their tiers. Awarded automatically, once per member
// (app/models/reputation/badge.server.ts); the pages name and explain them
// from the catalogues (badgeWords.<key>.name / .description), or by the
// name admins gave one in the reader's language (useBadgeName).

export type BadgeTier = "bronze" | "silver" | "gold";

export const BADGES = {
  first_question: { tier: "bronze" },
  first_answer: { tier: "bronze" },
  solver: { tier: "bronze" },
  problem_solver: { tier: "silver" },
  guru: { tier: "gold" },
  nice_answer: { tier: "bronze" },
  knowledge_author: { tier: "silver" },
  thanked: { tier: "silver" },
} as const satisfies Record<string, { tier: BadgeTier }>;

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

/** Rarest first, then in the order of BADGES: how a member's badges are listed. */
export function compareBadges(a: BadgeKey, b: BadgeKey) {
  return BADGE_TIERS.indexOf(BADGES[a].tier) - BADGE_TIERS.indexOf(BADGES[b].tier) || BADGE_KEYS.indexOf(a) - BADGE_KEYS.indexOf(b);
}
