import { HOLD_FOR_REVIEW, type HoldForReview } from "../utils/account-rules";
import { z } from "zod";
import { LANGUAGES } from "../i18n/languages";
import { ROLES } from "../../db/enums";

export const roleChangeSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose member, moderator or admin." }) }),
  reason: z.string().trim().max(500, "A reason has at most 500 characters.").default(""),
});

export const siteSettingsSchema = z.object({
  brandName: z.string().trim().min(1, "Enter the brand's name.").max(60, "A brand name has at most 60 characters."),
  tagline: z.string().trim().max(160, "A tagline has at most 160 characters."),
  defaultLanguage: z.enum(LANGUAGES, { errorMap: () => ({ message: "Choose one of the languages." }) }).optional(),
});

export const kbReviewRuleSchema = z.object({
  minNo: z.coerce
    .number({ invalid_type_error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(1, "At least 1.")
    .max(1000, "At most 1,000."),
  noPercent: z.coerce
    .number({ invalid_type_error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(0, "Between 0 and 100.")
    .max(100, "Between 0 and 100."),
});

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(min, `Between ${min.toLocaleString("en")} and ${max.toLocaleString("en")}.`)
    .max(max, `Between ${min.toLocaleString("en")} and ${max.toLocaleString("en")}.`);

export const POINT_FIELDS = [
  ["questionUpvoted", "A question upvoted (to its author)"],
  ["answerUpvoted", "An answer upvoted (to its author)"],
  ["postDownvoted", "A post downvoted (to its author)"],
  ["downvoterOnAnswer", "Downvoting an answer (to the voter)"],
  ["answerAccepted", "An answer accepted (to its author)"],
  ["askerAccepted", "Accepting an answer (to the asker)"],
  ["answerPromoted", "An answer promoted to the knowledge base"],
  ["thanked", "A thank-you from the brand"],
  ["articleHelpful", "“Helpful” on an article made from your answer"],
] as const;

export const PRIVILEGE_FIELDS = [
  ["upvote", "Upvote"],
  ["downvote", "Downvote"],
  ["comment", "Comment on other people's posts"],
  ["editOthers", "Edit other people's posts"],
] as const;

export const RANK_COUNT = 5;

/** The reward rules form: points per action, the daily cap, five ranks. */
export const rewardRulesSchema = z
  .object({
    ...Object.fromEntries(POINT_FIELDS.map(([key]) => [key, wholeNumber(-1000, 1000)])),
    dailyVoteCap: wholeNumber(0, 100_000),
    ...Object.fromEntries(PRIVILEGE_FIELDS.map(([key]) => [`privilege_${key}`, wholeNumber(1, 10_000_000)])),
    ...Object.fromEntries(
      Array.from({ length: RANK_COUNT }, (_, i) => [
        [`rankName${i}`, z.string().trim().min(1, "Name the rank.").max(30, "At most 30 characters.")],
        [`rankMin${i}`, wholeNumber(1, 10_000_000)],
      ]).flat(),
    ),
    // A rank's name; checked against the ranks by earlyAccessRankFrom. Absent: it stays where it was.
    earlyAccessRank: z.string().trim().max(30, "Choose one of the ranks.").optional(),
  })
  .superRefine((values, ctx) => {
    const v = values as Record<string, number | string>;
    if (v.rankMin0 !== 1) ctx.addIssue({ code: "custom", path: ["rankMin0"], message: "The first rank starts at 1." });
    for (let i = 1; i < RANK_COUNT; i++) {
      if ((v[`rankMin${i}`] as number) <= (v[`rankMin${i - 1}`] as number)) {
        ctx.addIssue({ code: "custom", path: [`rankMin${i}`], message: "Each rank starts above the one before it." });
      }
    }
    // Ranks are told apart by name (rank-up notices, the early-access rank).
    const seen = new Set<string>();
    for (let i = 0; i < RANK_COUNT; i++) {
      const name = String(v[`rankName${i}`] ?? "").toLowerCase();
      if (name && seen.has(name)) ctx.addIssue({ code: "custom", path: [`rankName${i}`], message: "Another rank has this name." });
      seen.add(name);
    }
  });

/**
 * The rank early access opens at, from the form's choice: one of the ranks
 * being saved, or a rank renamed in this same save (its old name picks its
 * place). Without a choice, early access stays at the same place in the list.
 * Null when the choice names no rank.
 */
export function earlyAccessRankFrom(
  choice: string | undefined,
  saved: { ranks: { name: string }[]; earlyAccessRank: string },
  ranks: { name: string }[],
): string | null {
  const wanted = choice ?? saved.earlyAccessRank;
  const exact = ranks.find((rank) => rank.name.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact.name;
  const place = saved.ranks.findIndex((rank) => rank.name.toLowerCase() === wanted.toLowerCase());
  return place >= 0 && ranks[place] ? ranks[place].name : null;
}

export const userSearchSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

/** "Did this solve your problem?": how many days after the first answer the asker is asked. */
export const followUpSettingsSchema = z.object({ followUpDays: wholeNumber(1, 30) });

/** The moderators' dashboard: hours before an unanswered question "needs attention". */
export const needsAttentionSchema = z.object({ needsAttentionHours: wholeNumber(1, 720) });

/** The spam defences for new accounts (/admin/settings). */
export const spamRulesSchema = z.object({
  holdForReview: z.enum(HOLD_FOR_REVIEW, { errorMap: () => ({ message: "Choose which posts wait for review." }) }),
  newAccountLinkLimit: wholeNumber(0, 100),
  spamFlagThreshold: wholeNumber(1, 100),
  spamFlagMinReputation: wholeNumber(0, 1_000_000),
});

export const HOLD_FOR_REVIEW_CHOICES: [HoldForReview, string][] = [
  ["off", "No post waits: everything is published at once"],
  ["first", "A member's first question and first answer wait for a moderator"],
  ["new", "Every post of an account in its first day waits for a moderator"],
];
