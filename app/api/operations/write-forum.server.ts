// Members' writes (scope "write"): ask, answer, comment, edit, vote, accept,
// and flag (marking a notification read is POST /notifications/{id}/read,
// with the reads). Each is the site's model verb, called
// with the token's owner as the actor: the policy decides as on the site, and
// what the caller may not see is a 404 before anything else is said.
import { createThread, findVisibleThread } from "../../models/forum/thread.server";
import { createAnswer, createComment, editPost, getPostForEdit, loadPost } from "../../models/forum/post.server";
import { setVote } from "../../models/forum/vote.server";
import { acceptAnswer, unacceptAnswer } from "../../models/forum/acceptance.server";
import { flagPost } from "../../models/moderation/flag.server";
import { translateMessage } from "../../i18n/messages.server";
import { defineOperation, type ApiCaller } from "../operation.server";
import { postForApi, threadForApi } from "../present.server";
import { idParams, postSchema, threadSchema } from "../schemas";
import { ApiProblem } from "../problem.server";
import type { Db } from "../../../db/client";
import {
  acceptBody,
  answerBody,
  askBody,
  commentBody,
  editBody,
  editSchemaFor,
  flagBody,
  flagReceiptSchema,
  flagSchema,
  voteBody,
  voteResultSchema,
} from "../write-schemas";
import { invalidFields, location, shown, succeeded, whenRefusedWith } from "./write-results.server";
import type { z } from "../zod";

const FORUM = ["Forum"];

/**
 * An edit of a post, as the site's edit page makes it: the post is found
 * (404) and the policy asked (403) before the text is read; what is left out
 * keeps its value; the kind's own form decides what is valid.
 */
function editAs(db: Db, caller: ApiCaller, postId: number, input: z.infer<typeof editBody>) {
  const actor = caller.user!;
  const { post, thread } = getPostForEdit(db, actor, postId);
  if (post.kind !== "question") {
    const questionsOnly: Record<string, string> = {};
    if (input.title !== undefined) questionsOnly.title = "apiWrites.questionsOnly";
    if (input.tags !== undefined) questionsOnly.tags = "apiWrites.questionsOnly";
    if (Object.keys(questionsOnly).length) throw invalidFields(caller, questionsOnly);
  }
  if (input.body === undefined && input.title === undefined && input.tags === undefined) {
    throw invalidFields(caller, { body: "apiWrites.nothingToChange" });
  }
  // Thrown as a ZodError: the handler names the fields (422).
  const checked = editSchemaFor[post.kind].parse({
    body: input.body ?? post.body,
    reason: input.reason ?? "",
    ...(post.kind === "question" ? { title: input.title ?? thread.title } : {}),
  });
  const result = succeeded(
    caller,
    editPost(db, actor, post.id, {
      body: checked.body,
      reason: checked.reason,
      ...("title" in checked ? { title: checked.title as string } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
    }),
  );
  return { post, thread: result.thread };
}

export const forumWriteOperations = [
  defineOperation({
    method: "post",
    path: "/threads",
    operationId: "askQuestion",
    summary: "Ask a question",
    description:
      "Opens a thread with its question, as /ask does. A new member's question may be held for review: it is created (201) and shown to its asker and staff only (`hidden`) until a moderator approves it.",
    tags: FORUM,
    scope: "write",
    body: askBody,
    success: { status: 201, description: "The new thread, as the asker sees it.", schema: threadSchema },
    problems: [403],
    handler: ({ db, caller, body }) => {
      const { thread } = succeeded(caller, createThread(db, caller.user, body));
      return { status: 201, body: shown(caller, threadForApi(db, caller, thread.id)), headers: location(caller, `/threads/${thread.id}`) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/threads/{id}/answers",
    operationId: "postAnswer",
    summary: "Answer a question",
    description: "Posts an answer, as the thread page's form does. A locked, duplicate or deleted question takes none (403); one the caller may not see is a 404.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: answerBody,
    success: { status: 201, description: "The new answer, as its author sees it.", schema: postSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const { answer } = succeeded(caller, createAnswer(db, caller.user, { threadId: params.id, body: body.body }));
      return { status: 201, body: shown(caller, postForApi(db, caller, answer.id)), headers: location(caller, `/posts/${answer.id}`) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/posts/{id}/comments",
    operationId: "postComment",
    summary: "Comment on a question or an answer",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: commentBody,
    success: { status: 201, description: "The new comment, as its author sees it.", schema: postSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const { comment } = succeeded(caller, createComment(db, caller.user, { postId: params.id, body: body.body }));
      return { status: 201, body: shown(caller, postForApi(db, caller, comment.id)), headers: location(caller, `/posts/${comment.id}`) };
    },
  }),
  defineOperation({
    method: "patch",
    path: "/posts/{id}",
    operationId: "editPost",
    summary: "Edit a question, an answer or a comment",
    description:
      "Saves a new version (a revision with who, when and why), as the site's edit page does. Fields left out keep their value; `title` and `tags` are a question's only. Its author may edit it; others need the reputation the site asks for, staff always may (and their edits of others' posts are in the audit log).",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: editBody,
    success: { description: "The post as it is now.", schema: postSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const { post } = editAs(db, caller, params.id, body);
      return { body: shown(caller, postForApi(db, caller, post.id)) };
    },
  }),
  defineOperation({
    method: "patch",
    path: "/threads/{id}",
    operationId: "editThread",
    summary: "Edit a question: its title, tags or text",
    description: "The same edit as PATCH /posts/{id} on the thread's question, answered with the thread.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: editBody,
    success: { description: "The thread as it is now.", schema: threadSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const page = threadForApi(db, caller, params.id);
      if (!page) throw shown(caller, null);
      editAs(db, caller, page.question.id, body);
      return { body: shown(caller, threadForApi(db, caller, params.id)) };
    },
  }),
  defineOperation({
    method: "put",
    path: "/posts/{id}/vote",
    operationId: "vote",
    summary: "Upvote or downvote a question or an answer",
    description:
      "Sets the caller's vote. Sending the vote the caller already has changes nothing; the other direction changes it (the score and the author's reputation follow). The reputation each direction needs is the site's.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: voteBody,
    success: { description: "The post's score and the caller's vote.", schema: voteResultSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const { score } = setVote(db, caller.user!, params.id, body.direction === "up" ? 1 : -1);
      return { body: { postId: params.id, score, vote: body.direction } };
    },
  }),
  defineOperation({
    method: "delete",
    path: "/posts/{id}/vote",
    operationId: "withdrawVote",
    summary: "Take one's vote back",
    description: "Withdraws the caller's vote, as voting the same way again does on the site (its reputation goes back). Without a vote, nothing changes.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    success: { description: "The post's score and the caller's vote (none).", schema: voteResultSchema },
    problems: [403],
    handler: ({ db, caller, params }) => {
      // Nothing to take back changes nothing; the policy still answers as for a vote (a suspended member, one's own post).
      const { score } = setVote(db, caller.user!, params.id, 0);
      return { body: { postId: params.id, score, vote: null } };
    },
  }),
  defineOperation({
    method: "put",
    path: "/threads/{id}/accepted-answer",
    operationId: "acceptAnswer",
    summary: "Accept the answer that solved the question",
    description:
      "The asker (or a moderator) marks an answer of the thread as accepted; accepting another one moves the acceptance and its reputation. Accepting the answer already accepted changes nothing.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: acceptBody,
    success: { description: "The thread as it is now.", schema: threadSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const actor = caller.user!;
      const thread = findVisibleThread(db, actor, params.id);
      if (!thread) throw shown(caller, null);
      // An answer of another thread, or one the caller may not see, is no answer of this one.
      const notAnAnswer = () => invalidFields(caller, { answerId: "apiWrites.notAnAnswerHere" });
      const { post } = whenRefusedWith(404, () => loadPost(db, actor, body.answerId), () => {
        throw notAnAnswer();
      });
      if (post.threadId !== thread.id || post.kind !== "answer") throw notAnAnswer();
      acceptAnswer(db, actor, post.id);
      return { body: shown(caller, threadForApi(db, caller, thread.id)) };
    },
  }),
  defineOperation({
    method: "delete",
    path: "/threads/{id}/accepted-answer",
    operationId: "unacceptAnswer",
    summary: "Take the acceptance back",
    description: "The asker (or a moderator) takes the acceptance back: the question is unsolved again, and the acceptance's reputation goes back. A 409 when no answer is accepted.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    success: { description: "The thread as it is now.", schema: threadSchema },
    problems: [403, 409],
    handler: ({ db, caller, params }) => {
      const actor = caller.user!;
      const thread = findVisibleThread(db, actor, params.id);
      if (!thread) throw shown(caller, null);
      if (thread.acceptedAnswerId === null) throw new ApiProblem("conflict", translateMessage(caller.language, "apiWrites.noAcceptedAnswer"));
      unacceptAnswer(db, actor, thread.acceptedAnswerId);
      return { body: shown(caller, threadForApi(db, caller, thread.id)) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/posts/{id}/flags",
    operationId: "flagPost",
    summary: "Flag a post for the moderators",
    description: "Raises a flag, as the thread page's form does. A member flags a post once (409 the second time); `other` needs a note.",
    tags: FORUM,
    scope: "write",
    params: idParams,
    body: flagBody,
    success: { status: 201, description: "The flag raised.", schema: flagReceiptSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      // The form's whole rule (a note for "other"); a refusal is a ZodError, named by the handler (422).
      const flag = flagSchema.parse({ postId: params.id, reason: body.reason, note: body.note });
      succeeded(caller, flagPost(db, caller.user, flag));
      return { status: 201, body: { postId: flag.postId, reason: flag.reason, note: flag.note, status: "open" as const } };
    },
  }),
];
