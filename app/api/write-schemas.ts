// What the API's writes accept: the site's own form schemas (app/forms/*.ts,
// the ones its actions validate with, so a field is refused for the same
// reason in the same words), reshaped for JSON where a form's text would be
// awkward (tags as an array, numbers as numbers). The handler adds
// `.strict()`: an unknown field is a 422 naming it.
import { FLAG_REASONS } from "../../db/enums";
import { closeEscalationSchema, escalateSchema } from "../forms/escalation";
import { incidentSchema, incidentUpdateSchema, resolveSchema } from "../forms/incident";
import { articleSchema } from "../forms/kb";
import { hidePostSchema, moveSchema } from "../forms/moderation";
import { answerSchema, askSchema, body, commentEditSchema, editReason, flagSchema, TAG_MAX, TAGS_MAX, tagList, title, voteSchema } from "../forms/thread";
import { z } from "./zod";

/**
 * Tags as a JSON array (["wi-fi", "router"]), checked by the site's own rule
 * (lower-cased, unique, at most TAGS_MAX, letters, digits and dashes) after
 * joining them as the form's text would be.
 */
export const tagArray = z
  .array(z.string().max(TAG_MAX * 4))
  .max(TAGS_MAX * 4)
  .transform((list) => list.join(","))
  .pipe(tagList)
  .openapi({ description: `Up to ${TAGS_MAX} tags: lower-case letters, digits and dashes, at most ${TAG_MAX} characters each.`, example: ["wi-fi", "router"] });

/** POST /threads: the ask form (title, body, category's slug, tags). */
export const askBody = askSchema.extend({
  category: askSchema.shape.category.openapi({ description: "The category's slug (GET /categories).", example: "internet" }),
  tags: tagArray.default([]),
});

/** POST /threads/{id}/answers. */
export const answerBody = answerSchema.extend({ body: answerSchema.shape.body.openapi({ description: "Markdown." }) });

/** POST /posts/{id}/comments: the comment form's text, as `body`. */
export const commentBody = z.object({ body: commentEditSchema.openapi({ description: "Markdown (inline)." }) });

/**
 * PATCH /posts/{id}: what changes. A field left out keeps its value; `title`
 * and `tags` are a question's only. Checked again per kind by `editSchemaFor`.
 */
export const editBody = z.object({
  body: z.string().optional().openapi({ description: "The new Markdown text." }),
  title: z.string().optional().openapi({ description: "Questions only." }),
  tags: tagArray.optional().openapi({ description: "Questions only: replaces every tag." }),
  reason: editReason.optional().openapi({ description: "Why it was edited (kept with the revision)." }),
});

/** The site's edit form for each kind of post (as posts.$id.edit.tsx validates it). */
export const editSchemaFor = {
  question: z.object({ title, body, tags: z.array(z.string()).optional(), reason: editReason }),
  answer: z.object({ body, reason: editReason }),
  comment: z.object({ body: commentEditSchema, reason: editReason }),
} as const;

/** PUT /posts/{id}/vote. */
export const voteBody = voteSchema.pick({ direction: true });

/** PUT /threads/{id}/accepted-answer. */
export const acceptBody = z.object({ answerId: z.number().int().positive().openapi({ description: "An answer of this question." }) });

// flagSchema is refined (a note is needed for "other"): the handler checks
// the whole refined schema again with the post's id.
const flagFields = flagSchema.innerType().shape;
/** POST /posts/{id}/flags. */
export const flagBody = z.object({
  reason: flagFields.reason.openapi({ description: `One of ${FLAG_REASONS.join(", ")}.` }),
  note: flagFields.note.openapi({ description: "Needed when the reason is `other`." }),
});
export { flagSchema };

/** PUT /posts/{id}/hidden: the reason its author reads. */
export const hideBody = hidePostSchema;

/** POST /threads/{id}/move. */
export const moveBody = z.object({ categoryId: moveSchema.shape.categoryId.openapi({ description: "The category's id (GET /categories)." }) });

/** POST /threads/{id}/escalations: the note for the support team. */
export const escalateBody = escalateSchema.pick({ note: true });

/** POST /escalations/{id}/close. */
export const closeEscalationBody = closeEscalationSchema.pick({ resolution: true });

/**
 * POST /posts/{id}/article: promote an answer to the knowledge base. Every
 * field is optional: left out, it is what the site's promotion editor starts
 * from (the question's title, the answer's text, the thread's category and
 * tags). Kept as a draft unless `publish` is true.
 */
export const promoteBody = z.object({
  title: articleSchema.shape.title.optional(),
  body: articleSchema.shape.body.optional(),
  category: articleSchema.shape.category.optional().openapi({ description: "A category's slug." }),
  tags: tagArray.optional(),
  note: articleSchema.shape.note.optional().openapi({ description: "The first version's note." }),
  publish: z.boolean().default(false).openapi({ description: "Publish at once (else a draft)." }),
});

/** POST /incidents. `category`: a category's slug, or "all". */
export const incidentBody = incidentSchema.extend({
  category: incidentSchema.shape.category.openapi({ description: 'A category\'s slug, or "all" for every category.', example: "all" }),
});

/** PATCH /incidents/{id}: what changes; a field left out keeps its value. */
export const incidentEditBody = z.object({
  title: incidentSchema.shape.title.optional(),
  severity: incidentSchema.shape.severity.optional(),
  category: incidentSchema.shape.category.optional(),
  body: incidentSchema.shape.body.optional(),
});

/** POST /incidents/{id}/updates. */
export const incidentUpdateBody = incidentUpdateSchema;

/** POST /incidents/{id}/resolve: the closing note (its last update). */
export const resolveBody = resolveSchema;

// ---------------------------------------------------------------------------
// Answers only the writes give.

export const voteResultSchema = z
  .object({
    postId: z.number().int(),
    score: z.number().int(),
    // A union, not .nullable(): the document's enum would leave null out.
    vote: z.union([z.enum(["up", "down"]), z.null()]).openapi({ description: "The caller's vote on the post now; null: none." }),
  })
  .openapi("VoteResult");

export const flagReceiptSchema = z
  .object({
    postId: z.number().int(),
    reason: z.enum(FLAG_REASONS),
    note: z.string(),
    status: z.literal("open"),
  })
  .openapi("FlagReceipt", { description: "A flag raised: moderators review it." });
