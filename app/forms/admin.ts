import { HOLD_FOR_REVIEW, type HoldForReview } from "../utils/account-rules";
import { z } from "zod";
import { LANGUAGES } from "../i18n/languages";
import { BADGE_KEYS } from "../utils/badges";
import type { BrandTranslations } from "../../db/schema";
import { ROLES } from "../../db/enums";

export const roleChangeSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, { errorMap: () => ({ message: "adminForms.role" }) }),
  reason: z.string().trim().max(500, "adminForms.reasonMax").default(""),
});

const brandName = z.string().trim().max(60, "adminForms.brandNameMax");
const tagline = z.string().trim().max(160, "adminForms.taglineMax");

/**
 * The site's name and tagline in the default language (brandName, tagline),
 * and in each language if the admins give them (brandName_fr, tagline_fr...;
 * blank: the default words are shown).
 */
export const siteSettingsSchema = z.object({
  brandName: brandName.min(1, "adminForms.brandNameRequired"),
  tagline,
  defaultLanguage: z.enum(LANGUAGES, { errorMap: () => ({ message: "adminForms.language" }) }).optional(),
  ...Object.fromEntries(LANGUAGES.flatMap((language) => [[`brandName_${language}`, brandName.default("")], [`tagline_${language}`, tagline.default("")]])),
});

/** The translations a brand-words form gave: { fr: { name: "..." } }, blank ones left out. */
export function translationsFrom<F extends string>(data: Record<string, unknown>, fields: readonly F[]): BrandTranslations<F> {
  const translations: BrandTranslations<F> = {};
  for (const language of LANGUAGES) {
    const words: Partial<Record<F, string>> = {};
    for (const field of fields) {
      const value = data[`${field}_${language}`];
      if (typeof value === "string" && value) words[field] = value;
    }
    if (Object.keys(words).length) translations[language] = words;
  }
  return translations;
}

export const kbReviewRuleSchema = z.object({
  minNo: z.coerce
    .number({ invalid_type_error: "adminForms.wholeNumber" })
    .int("adminForms.wholeNumber")
    .min(1, "adminForms.atLeast")
    .max(1000, "adminForms.atMost"),
  noPercent: z.coerce
    .number({ invalid_type_error: "adminForms.wholeNumber" })
    .int("adminForms.wholeNumber")
    .min(0, "adminForms.percent")
    .max(100, "adminForms.percent"),
});

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "adminForms.wholeNumber" })
    .int("adminForms.wholeNumber")
    .superRefine((n, ctx) => {
      if (n < min || n > max) ctx.addIssue({ code: "custom", message: "adminForms.between", params: { min, max } });
    });

/** The point rules' fields, in the order the form shows them (their labels are in the catalogues). */
export const POINT_FIELDS = [
  "questionUpvoted",
  "answerUpvoted",
  "postDownvoted",
  "downvoterOnAnswer",
  "answerAccepted",
  "askerAccepted",
  "answerPromoted",
  "thanked",
  "articleHelpful",
] as const;

export const PRIVILEGE_FIELDS = ["upvote", "downvote", "comment", "editOthers"] as const;

export const RANK_COUNT = 5;

/** The reward rules form: points per action, the daily cap, five ranks. */
export const rewardRulesSchema = z
  .object({
    ...Object.fromEntries(POINT_FIELDS.map((key) => [key, wholeNumber(-1000, 1000)])),
    dailyVoteCap: wholeNumber(0, 100_000),
    ...Object.fromEntries(PRIVILEGE_FIELDS.map((key) => [`privilege_${key}`, wholeNumber(1, 10_000_000)])),
    ...Object.fromEntries(
      Array.from({ length: RANK_COUNT }, (_, i) => [
        [`rankName${i}`, z.string().trim().min(1, "adminForms.rankName").max(30, "adminForms.atMostCharacters")],
        [`rankMin${i}`, wholeNumber(1, 10_000_000)],
        ...LANGUAGES.map((language) => [`rankName${i}_${language}`, z.string().trim().max(30, "adminForms.atMostCharacters").default("")]),
      ]).flat(),
    ),
    // A rank's name; checked against the ranks by earlyAccessRankFrom. Absent: it stays where it was.
    earlyAccessRank: z.string().trim().max(30, "adminForms.earlyAccessRank").optional(),
  })
  .superRefine((values, ctx) => {
    const v = values as Record<string, number | string>;
    if (v.rankMin0 !== 1) ctx.addIssue({ code: "custom", path: ["rankMin0"], message: "adminForms.firstRank" });
    for (let i = 1; i < RANK_COUNT; i++) {
      if ((v[`rankMin${i}`] as number) <= (v[`rankMin${i - 1}`] as number)) {
        ctx.addIssue({ code: "custom", path: [`rankMin${i}`], message: "adminForms.rankOrder" });
      }
    }
    // Ranks are told apart by name (rank-up notices, the early-access rank).
    const seen = new Set<string>();
    for (let i = 0; i < RANK_COUNT; i++) {
      const name = String(v[`rankName${i}`] ?? "").toLowerCase();
      if (name && seen.has(name)) ctx.addIssue({ code: "custom", path: [`rankName${i}`], message: "adminForms.rankTaken" });
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
  holdForReview: z.enum(HOLD_FOR_REVIEW, { errorMap: () => ({ message: "adminForms.holdForReview" }) }),
  newAccountLinkLimit: wholeNumber(0, 100),
  spamFlagThreshold: wholeNumber(1, 100),
  spamFlagMinReputation: wholeNumber(0, 1_000_000),
});

export const HOLD_FOR_REVIEW_CHOICES: HoldForReview[] = ["off", "first", "new"];

const categoryName = z.string().trim().max(60, "adminForms.categoryNameMax");
const categoryDescription = z.string().trim().max(300, "adminForms.categoryDescriptionMax");

/** A category's words (/admin/categories): the default ones, and name_fr, description_fr... (blank: the default is shown). */
export const categoryWordsSchema = z.object({
  categoryId: z.coerce.number().int().positive(),
  name: categoryName.min(1, "adminForms.categoryNameRequired"),
  description: categoryDescription,
  ...Object.fromEntries(LANGUAGES.flatMap((language) => [[`name_${language}`, categoryName.default("")], [`description_${language}`, categoryDescription.default("")]])),
});

/** The badges' names per language (/admin/words): badge_<key>_<language>, blank for the interface's name. */
export const badgeNamesSchema = z.object(
  Object.fromEntries(BADGE_KEYS.flatMap((key) => LANGUAGES.map((language) => [`badge_${key}_${language}`, z.string().trim().max(40, "adminForms.atMostCharacters").default("")]))),
);

export function badgeNamesFrom(data: Record<string, unknown>) {
  const names: Partial<Record<(typeof LANGUAGES)[number], Partial<Record<string, string>>>> = {};
  for (const language of LANGUAGES) {
    for (const key of BADGE_KEYS) {
      const value = data[`badge_${key}_${language}`];
      if (typeof value === "string" && value) (names[language] ??= {})[key] = value;
    }
  }
  return names;
}
