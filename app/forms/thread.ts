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
export const FLAG_NOTE_MIN = 5;

// Messages are catalogue keys (app/i18n/catalogues/*/forum-server.json):
// parseForm puts them into the reader's words, with the bounds as values.

export const title = z
  .string()
  .trim()
  .min(1, "forumServer.title.required")
  .min(TITLE_MIN, "forumServer.title.short")
  .max(TITLE_MAX, "forumServer.title.long");

export const body = z
  .string()
  .trim()
  .min(1, "forumServer.body.required")
  .min(BODY_MIN, "forumServer.body.short")
  .max(BODY_MAX, "forumServer.body.long");

/** "Wi-Fi, nimbus-box router" → ["wi-fi", "nimbus-box", "router"]: lower-cased, unique. */
export const tagList = z
  .string()
  .max(500, "forumServer.tags.tooLong")
  .transform((raw) => [...new Set(raw.split(/[\s,]+/).map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .superRefine((list, ctx) => {
    if (list.length > TAGS_MAX) ctx.addIssue({ code: "custom", message: "forumServer.tags.tooMany", params: { max: TAGS_MAX } });
    const bad = list.find((t) => t.length > TAG_MAX || !/^[a-z0-9-]+$/.test(t));
    if (bad) {
      // The tag is what the member typed: a value of the message, never translated.
      ctx.addIssue({ code: "custom", message: "forumServer.tags.invalid", params: { tag: bad.slice(0, 40), max: TAG_MAX } });
    }
  });

export const askSchema = z.object({
  title,
  body,
  category: z.string().trim().min(1, "forumServer.category.required"),
  tags: tagList.default(""),
});

export const answerSchema = z.object({ body });

export const commentSchema = z.object({
  postId: z.coerce.number().int().positive(),
  comment: z
    .string()
    .trim()
    .min(COMMENT_MIN, "forumServer.comment.short")
    .max(COMMENT_MAX, "forumServer.comment.long"),
});

/** Why an edit was made (optional), kept with the revision. */
export const editReason = z.string().trim().max(REASON_MAX, "forumServer.reason.long").default("");

export const editSchema = z.object({
  title: title.optional(),
  body: z.string(),
  tags: tagList.optional(),
  reason: editReason,
});

export const commentEditSchema = commentSchema.shape.comment;

export const flagSchema = z
  .object({
    postId: z.coerce.number().int().positive(),
    reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: "forumServer.flag.reason" }) }),
    note: z.string().trim().max(500, "forumServer.flag.noteLong").default(""),
  })
  .refine((f) => f.reason !== "other" || f.note.length >= FLAG_NOTE_MIN, {
    path: ["note"],
    message: "forumServer.flag.noteNeeded",
    params: { min: FLAG_NOTE_MIN },
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
