// The reward rules, in one place, editable by admins: how many points each
// action gives and how many a day upvotes may give at most.
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { settings } from "../../../db/schema";
import { DEFAULT_PRIVILEGES, type Actor, type Privileges } from "../../policy";
import { assertCan } from "../../policy.server";
import { DEFAULT_RANKS, type Rank } from "../../utils/ranks";
import { recordAudit } from "../moderation/audit.server";
import { memoByPageVersion } from "../site/page-version.server";
/** The default points of each action. */
export const REPUTATION = {
  questionUpvoted: 5,
  answerUpvoted: 10,
  postDownvoted: -2,
  downvoterOnAnswer: -1,
  answerAccepted: 15,
  askerAccepted: 2,
  answerPromoted: 25,
  thanked: 5,
  articleHelpful: 2,
} as const;

export type PointRule = keyof typeof REPUTATION;

/** At most this many points a day from upvotes. */
export const DAILY_VOTE_CAP = 200;

export type RewardRules = {
  points: Record<PointRule, number>;
  dailyVoteCap: number;
  /** The reputation each rank starts at, lowest first (the first starts at 1). */
  ranks: Rank[];
  /** The reputation each privilege needs (`earlyAccess` follows the early-access rank). */
  privileges: Privileges;
  /** The name of the rank from which members read the early-access announcements. */
  earlyAccessRank: string;
};

export const DEFAULT_REWARD_RULES: RewardRules = {
  points: { ...REPUTATION },
  dailyVoteCap: DAILY_VOTE_CAP,
  ranks: DEFAULT_RANKS,
  privileges: DEFAULT_PRIVILEGES,
  earlyAccessRank: "Expert",
};
const KEY = "rewardRules";

/**
 * The rank early access opens at. A saved name that no rank has any more
 * (rules saved before it existed) falls back to the default rank's place in
 * the list, so a renamed "Expert" keeps its role.
 */
function earlyAccessRankIn(ranks: Rank[], name: string | undefined): Rank {
  const named = ranks.find((rank) => rank.name === name) ?? ranks.find((rank) => rank.name === DEFAULT_REWARD_RULES.earlyAccessRank);
  if (named) return named;
  const defaultPlace = DEFAULT_RANKS.findIndex((rank) => rank.name === DEFAULT_REWARD_RULES.earlyAccessRank);
  return ranks[Math.min(defaultPlace, ranks.length - 1)]!;
}

/** The early-access rank's name and threshold under these rules. */
export function earlyAccessRankOf(rules: RewardRules): Rank {
  return earlyAccessRankIn(rules.ranks, rules.earlyAccessRank);
}

export function getRewardRules(db: DbOrTx): RewardRules {
  return memoByPageVersion(db, "rewardRules", () => readRewardRules(db));
}

function readRewardRules(db: DbOrTx): RewardRules {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (!row) return DEFAULT_REWARD_RULES;
  const saved = JSON.parse(row.value) as Partial<RewardRules>;
  const ranks = saved.ranks?.length ? saved.ranks : DEFAULT_RANKS;
  const earlyAccess = earlyAccessRankIn(ranks, saved.earlyAccessRank);
  return {
    points: { ...DEFAULT_REWARD_RULES.points, ...saved.points },
    dailyVoteCap: saved.dailyVoteCap ?? DAILY_VOTE_CAP,
    ranks,
    // The early-access threshold travels with the other privileges, always the rank's.
    privileges: { ...DEFAULT_PRIVILEGES, ...saved.privileges, earlyAccess: earlyAccess.min },
    earlyAccessRank: earlyAccess.name,
  };
}

export function updateRewardRules(db: Db, actor: Actor, rules: RewardRules) {
  assertCan(actor, "admin.settings");
  // The threshold is derived from the rank when read; only the rank's name is
  // kept, and always one of the ranks (the form says so beside the field).
  const { earlyAccess: _derived, ...privileges } = rules.privileges;
  rules = { ...rules, privileges, earlyAccessRank: earlyAccessRankIn(rules.ranks, rules.earlyAccessRank).name };
  db.transaction((tx) => {
    const before = getRewardRules(tx);
    tx.insert(settings)
      .values({ key: KEY, value: JSON.stringify(rules) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(rules) } })
      .run();
    recordAudit(tx, { actorId: actor!.id, action: "settings.rewards", targetType: "settings", details: { before, after: rules } });
  });
}
