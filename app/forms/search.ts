import { z } from "zod";
import { SEARCH_KINDS } from "../../db/enums";

export const SEARCH_SORTS = ["relevance", "newest"] as const;
export const SEARCH_STATUSES = ["solved", "unsolved"] as const;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional()).catch(undefined);

/** /search?q=&category=&tag=&status=&type=&sort=&page=: anything odd falls back to the default. */
export const searchParamsSchema = z.object({
  q: z.string().catch("").default(""),
  category: optional(z.string().max(80)),
  tag: optional(z.string().max(40)),
  status: optional(z.enum(SEARCH_STATUSES)),
  type: optional(z.enum(SEARCH_KINDS)),
  sort: z.enum(SEARCH_SORTS).catch("relevance").default("relevance"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  log: optional(z.coerce.number().int().positive()),
});

export const SYNONYM_WORDS_MAX = 3;

export const synonymSchema = z.object({
  term: z
    .string()
    .trim()
    .min(1, "Write the word customers use.")
    .max(60, "Keep it to a word or a short phrase (at most 60 characters)."),
  synonyms: z
    .string()
    .trim()
    .min(1, "Write the brand's word, or several separated by commas.")
    .max(300, "That is too long: at most 300 characters."),
});

export const PERIODS = { "7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days", "365": "Last 12 months" } as const;
export const insightsParamsSchema = z.object({
  days: z.enum(Object.keys(PERIODS) as [keyof typeof PERIODS]).catch("30").default("30"),
});
