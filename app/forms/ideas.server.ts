import { z } from "zod";
import { IDEA_STATUSES, type IdeaStatus } from "../../db/enums";
import { IDEA_SORTS, type IdeaSort } from "../models/ideas/ideas-page.server";
import { body, tagList, TITLE_MAX, TITLE_MIN } from "./thread";
import { sameSitePath } from "./watch";

// Messages are catalogue keys: parseForm, or the error page, puts them into the reader's words.

/** An idea's title: a question's bounds, in an idea's words. */
const title = z
  .string()
  .trim()
  .min(1, "ideas.server.titleRequired")
  .min(TITLE_MIN, "ideas.server.titleShort")
  .max(TITLE_MAX, "forumServer.title.long");

/** /ideas/new: an idea is a thread's title, details and tags, in the ideas category. */
export const ideaSchema = z.object({
  title,
  body,
  tags: tagList.default(""),
});

/** The Vote and Withdraw my vote buttons (on /ideas and on an idea's page). */
export const ideaVoteSchema = z.object({
  // Named for this form alone: a form meant for another one ("vote" on an answer) is refused, not taken as a vote here.
  intent: z.enum(["vote-for-idea", "withdraw-vote"], { errorMap: () => ({ message: "ideas.server.voteIntent" }) }),
  redirectTo: sameSitePath.optional(),
});

/** The staff's status form ("set"; its other button, "publish", tells everyone the early status and needs no field). */
export const ideaStatusSchema = z.object({
  status: z.string({ required_error: "ideas.server.statusRequired" }).trim().min(1, "ideas.server.statusRequired"),
  reason: z.string().default(""),
  earlyAccess: z
    .string()
    .optional()
    .transform((value) => value === "1" || value === "on"),
});

export type IdeasListQuery = { sort: IdeaSort; status: IdeaStatus | null; page: number; unknownStatus: string | null };

/**
 * /ideas' address: an unknown sort falls back to votes and a bad page to 1;
 * an unknown status is named back to the reader (the list shows every status).
 */
export function parseIdeasQuery(params: URLSearchParams): IdeasListQuery {
  const sort = z.enum(IDEA_SORTS).catch("votes").parse(params.get("sort") ?? undefined);
  const page = z.coerce.number().int().min(1).max(10_000).catch(1).parse(params.get("page") ?? undefined);
  const raw = (params.get("status") ?? "").trim();
  if (!raw) return { sort, page, status: null, unknownStatus: null };
  const known = (IDEA_STATUSES as readonly string[]).includes(raw);
  return { sort, page, status: known ? (raw as IdeaStatus) : null, unknownStatus: known ? null : raw.slice(0, 40) };
}
