// The forum's reads: the list of questions (the site's filters and sorts,
// by cursor), a thread with its answers and comments, a single post, and a
// member's public profile.
import { THREAD_SORTS } from "../../forms/thread";
import { findUserByUsername } from "../../models/accounts/user.server";
import { defineOperation } from "../operation.server";
import { postForApi, threadForApi, userForApi } from "../present.server";
import { categoryNamed, found, memberNamed, SCOPE_PROBLEMS } from "../reads/lookups.server";
import { listThreadsForApi, THREAD_STATUSES } from "../reads/thread-list.server";
import { cursorQuery, idParams, listOf, postSchema, threadSchema, threadSummarySchema, userSchema } from "../schemas";
import { z } from "../zod";

const threadListQuery = z.object({
  sort: z
    .enum(THREAD_SORTS)
    .default("active")
    .openapi({ description: "As on the site: active (latest activity first), newest, top (score), unanswered (newest without an answer), unsolved (active without an accepted answer)." }),
  status: z.enum(THREAD_STATUSES).optional().openapi({ description: "unanswered (no answer yet, open to answers), answered, solved (an accepted answer), unsolved." }),
  category: z.string().max(80).optional().openapi({ description: "A category's slug." }),
  tag: z.string().max(40).optional().openapi({ description: "A tag's name." }),
  author: z.string().max(60).optional().openapi({ description: "The asker's username." }),
  ...cursorQuery,
});

const usernameParams = z.object({
  username: z.string().min(1).max(60).openapi({ param: { name: "username", in: "path" }, example: "ada" }),
});

export const forumReadOperations = [
  defineOperation({
    method: "get",
    path: "/threads",
    operationId: "listThreads",
    summary: "Questions, with the site's filters and sorts",
    description:
      "What the site's lists show everyone (no deleted question, none hidden or held for review), newest page first. Pinned questions keep their place in the order (`pinned` says so). Follow `nextCursor` to walk the whole list: each question comes once.",
    tags: ["Forum"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    query: threadListQuery,
    success: { description: "A page of questions.", schema: listOf(threadSummarySchema, "ThreadList") },
    handler: ({ db, caller, query }) => {
      const category = query.category ? categoryNamed(db, query.category, caller.language) : null;
      const author = query.author ? memberNamed(db, query.author, caller.language) : null;
      return {
        body: listThreadsForApi(db, caller, {
          sort: query.sort,
          status: query.status,
          categoryId: category?.id,
          tag: query.tag?.toLowerCase(),
          authorId: author?.id,
          cursor: query.cursor,
          limit: query.limit,
        }),
      };
    },
  }),
  defineOperation({
    method: "get",
    path: "/threads/{id}",
    operationId: "getThread",
    summary: "A thread: its question, answers and comments",
    description: "As the caller may see it: hidden and held posts only for their author and staff, deleted ones only for staff.",
    tags: ["Forum"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    params: idParams,
    success: { description: "The thread.", schema: threadSchema },
    handler: ({ db, caller, params }) => ({ body: found(threadForApi(db, caller, params.id), caller.language) }),
  }),
  defineOperation({
    method: "get",
    path: "/posts/{id}",
    operationId: "getPost",
    summary: "A question's body, an answer or a comment",
    tags: ["Forum"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    params: idParams,
    success: { description: "The post.", schema: postSchema },
    handler: ({ db, caller, params }) => ({ body: found(postForApi(db, caller, params.id), caller.language) }),
  }),
  defineOperation({
    method: "get",
    path: "/users/{username}",
    operationId: "getUser",
    summary: "A member's public profile",
    tags: ["Members"],
    scope: "read",
    problems: SCOPE_PROBLEMS,
    params: usernameParams,
    success: { description: "The member.", schema: userSchema },
    handler: ({ db, caller, params }) => {
      const user = findUserByUsername(db, params.username);
      return { body: found(user ? userForApi(db, caller, user.id) : null, caller.language) };
    },
  }),
];

