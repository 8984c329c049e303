import { z } from "zod";
import { tagList } from "./thread";

export const ARTICLE_TITLE_MIN = 10;
export const ARTICLE_TITLE_MAX = 150;
export const ARTICLE_BODY_MIN = 20;
export const ARTICLE_BODY_MAX = 50_000;
export const NOTE_MAX = 300;

const note = z.string().trim().max(NOTE_MAX, `A note has at most ${NOTE_MAX} characters.`).default("");

/** The article editor: new, promoted or edited. `intent` says publish or keep as a draft. */
export const articleSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the article a title.")
    .min(ARTICLE_TITLE_MIN, `A title needs at least ${ARTICLE_TITLE_MIN} characters.`)
    .max(ARTICLE_TITLE_MAX, `A title has at most ${ARTICLE_TITLE_MAX} characters.`),
  body: z
    .string()
    .trim()
    .min(1, "Write the article here.")
    .min(ARTICLE_BODY_MIN, `Please write at least ${ARTICLE_BODY_MIN} characters.`)
    .max(ARTICLE_BODY_MAX, `This is longer than ${ARTICLE_BODY_MAX.toLocaleString("en")} characters; please shorten it.`),
  category: z.string().trim().min(1, "Choose a category."),
  tags: tagList.default(""),
  note,
  answerId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});

export const feedbackSchema = z.object({
  helpful: z.enum(["yes", "no"], { errorMap: () => ({ message: "Choose Yes or No." }) }),
  comment: z.string().trim().max(1000, "A comment has at most 1,000 characters.").default(""),
});

export const reviewRequestSchema = z.object({
  note: z.string().trim().min(5, "Say what needs checking (at least 5 characters).").max(500, "At most 500 characters."),
});

export const resolutionSchema = z.object({
  reviewId: z.coerce.number().int().positive(),
  resolution: z.string().trim().min(3, "Say what was done (at least 3 characters).").max(500, "At most 500 characters."),
});

export const KB_SORTS = ["helpful", "newest"] as const;
export type KbSort = (typeof KB_SORTS)[number];
