import { z } from "zod";
import { tagList } from "./thread";

export const ARTICLE_TITLE_MIN = 10;
export const ARTICLE_TITLE_MAX = 150;
export const ARTICLE_BODY_MIN = 20;
export const ARTICLE_BODY_MAX = 50_000;
export const NOTE_MAX = 300;

const note = z.string().trim().max(NOTE_MAX, "contentServer.article.noteLong").default("");

// Messages are catalogue keys (app/i18n/catalogues/<language>/content-server.json):
// parseForm says them in the reader's language, with the bound as {{min}} or {{max}}.

/** The article editor: new, promoted or edited. `intent` says publish or keep as a draft. */
export const articleSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "contentServer.article.titleMissing")
    .min(ARTICLE_TITLE_MIN, "contentServer.article.titleShort")
    .max(ARTICLE_TITLE_MAX, "contentServer.article.titleLong"),
  body: z
    .string()
    .trim()
    .min(1, "contentServer.article.bodyMissing")
    .min(ARTICLE_BODY_MIN, "contentServer.article.bodyShort")
    .max(ARTICLE_BODY_MAX, "contentServer.article.bodyLong"),
  category: z.string().trim().min(1, "contentServer.article.chooseCategory"),
  tags: tagList.default(""),
  note,
  answerId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});

export const feedbackSchema = z.object({
  helpful: z.enum(["yes", "no"], { errorMap: () => ({ message: "contentServer.feedback.chooseYesNo" }) }),
  comment: z.string().trim().max(1000, "contentServer.feedback.commentLong").default(""),
});

export const reviewRequestSchema = z.object({
  note: z.string().trim().min(5, "contentServer.review.noteShort").max(500, "contentServer.review.tooLong"),
});

export const resolutionSchema = z.object({
  reviewId: z.coerce.number().int().positive(),
  resolution: z.string().trim().min(3, "contentServer.review.resolutionShort").max(500, "contentServer.review.tooLong"),
});

export const KB_SORTS = ["helpful", "newest"] as const;
export type KbSort = (typeof KB_SORTS)[number];
