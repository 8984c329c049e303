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
    .min(1, "contentServer.synonym.termMissing")
    .max(60, "contentServer.synonym.termLong"),
  synonyms: z
    .string()
    .trim()
    .min(1, "contentServer.synonym.synonymsMissing")
    .max(300, "contentServer.synonym.synonymsLong"),
});

// The insights' periods, in days (their words are the catalogue's mod.search.periods.<days>).
export const PERIODS = { "7": 7, "30": 30, "90": 90, "365": 365 } as const;
export const insightsParamsSchema = z.object({
  days: z.enum(Object.keys(PERIODS) as [keyof typeof PERIODS]).catch("30").default("30"),
});
