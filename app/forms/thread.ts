import { z } from "zod";
import { FLAG_REASONS } from "../../db/enums";

export const TITLE_MIN = 15;
export const TITLE_MAX = 150;
export const BODY_MIN = 20;
export const BODY_MAX = 30_000;
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 600;
export const TAGS_MAX = 5;
export const TAG_MAX = 25;
export const REASON_MAX = 300;

export const title = z
  .string()
  .trim()
  .min(1, "Give your question a title.")
  .min(TITLE_MIN, `A title needs at least ${TITLE_MIN} characters: say what the problem is.`)
  .max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`);

export const body = z
  .string()
  .trim()
  .min(1, "Write the details here.")
  .min(BODY_MIN, `Please write at least ${BODY_MIN} characters.`)
  .max(BODY_MAX, `This is longer than ${BODY_MAX.toLocaleString("en")} characters; please shorten it.`);

/** "Wi-Fi, nimbus-box router" → ["wi-fi", "nimbus-box", "router"]: lower-cased, unique. */
export const tagList = z
  .string()
  .max(500, "Too many tags.")
  .transform((raw) => [...new Set(raw.split(/[\s,]+/).map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .superRefine((list, ctx) => {
    if (list.length > TAGS_MAX) ctx.addIssue({ code: "custom", message: `Use at most ${TAGS_MAX} tags.` });
    const bad = list.find((t) => t.length > TAG_MAX || !/^[a-z0-9-]+$/.test(t));
    if (bad) {
      ctx.addIssue({
        code: "custom",
        message: `“${bad.slice(0, 40)}” is not a valid tag: use lower-case letters, digits and - (up to ${TAG_MAX} characters).`,
      });
    }
  });

export const askSchema = z.object({
  title,
  body,
  category: z.string().trim().min(1, "Choose a category."),
  tags: tagList.default(""),
});

export const answerSchema = z.object({ body });

export const commentSchema = z.object({
  postId: z.coerce.number().int().positive(),
  comment: z
    .string()
    .trim()
    .min(COMMENT_MIN, `A comment needs at least ${COMMENT_MIN} characters.`)
    .max(COMMENT_MAX, `A comment has at most ${COMMENT_MAX} characters.`),
});

export const editSchema = z.object({
  title: title.optional(),
  body: z.string(),
  tags: tagList.optional(),
  reason: z.string().trim().max(REASON_MAX, `A reason has at most ${REASON_MAX} characters.`).default(""),
});

export const commentEditSchema = commentSchema.shape.comment;

export const flagSchema = z
  .object({
    postId: z.coerce.number().int().positive(),
    reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: "Choose why you are flagging this post." }) }),
    note: z.string().trim().max(500, "A note has at most 500 characters.").default(""),
  })
  .refine((f) => f.reason !== "other" || f.note.length >= 5, {
    path: ["note"],
    message: "Tell the moderators what is wrong (at least 5 characters).",
  });

export const THREAD_SORTS = ["active", "newest", "top", "unanswered", "unsolved"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export const listQuerySchema = z.object({
  sort: z.enum(THREAD_SORTS).catch("active"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The post a thread page's form acts on (accept, delete, thank...). */
export const postIdSchema = z.object({ postId: z.coerce.number().int().positive() });
export const voteSchema = postIdSchema.extend({ direction: z.enum(["up", "down"]) });
