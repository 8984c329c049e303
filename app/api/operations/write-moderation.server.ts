// Moderators' writes (scope "moderate"): hide and unhide a post, lock and
// unlock a thread, move it, escalate it to support and close the escalation,
// promote an answer to the knowledge base, open, edit, update and resolve a
// status incident. The token's scope opens the door; the policy still decides
// on its owner's role, read on every request (a demoted moderator's token
// loses its powers at once). Every action lands in the audit log, as on the site.
import { findVisibleThread } from "../../models/forum/thread.server";
import { escalateThread, closeEscalation } from "../../models/moderation/escalation.server";
import { editIncident, getIncidentForEdit, openIncident, postIncidentUpdate, resolveIncident } from "../../models/moderation/incident.server";
import { hidePost, lockThread, moveThread, unhidePost, unlockThread } from "../../models/moderation/moderation.server";
import { createArticle, promotionDraft } from "../../models/kb/kb.server";
import { incidentSchema as incidentForm } from "../../forms/incident";
import { articleSchema as articleForm } from "../../forms/kb";
import { assertCan } from "../../policy.server";
import { translateMessage } from "../../i18n/messages.server";
import type { Db } from "../../../db/client";
import { defineOperation, type ApiCaller } from "../operation.server";
import { articleForApi, escalationForApi, incidentForApi, postForApi, threadForApi } from "../present.server";
import { articleSchema, escalationSchema, idParams, incidentSchema, postSchema, threadSchema } from "../schemas";
import { ApiProblem } from "../problem.server";
import {
  closeEscalationBody,
  escalateBody,
  hideBody,
  incidentBody,
  incidentEditBody,
  incidentUpdateBody,
  moveBody,
  promoteBody,
  resolveBody,
} from "../write-schemas";
import { invalidFields, location, shown, succeeded } from "./write-results.server";
import type { z } from "../zod";

const MODERATION = ["Moderation"];
const STATUS = ["Status"];

function threadAnswer(db: Db, caller: ApiCaller, threadId: number) {
  return { body: shown(caller, threadForApi(db, caller, threadId)) };
}

/**
 * Promotes an answer as the site's promotion editor does: what the request
 * leaves out is what the editor starts from (the question's title, the
 * answer's text, the thread's category and tags), and the whole is checked
 * by the editor's form. An answer already promoted is a 409.
 */
function promote(db: Db, caller: ApiCaller, answerId: number, input: z.infer<typeof promoteBody>) {
  const actor = caller.user!;
  const start = promotionDraft(db, actor, answerId);
  if (start.existing) throw new ApiProblem("conflict", translateMessage(caller.language, "apiWrites.alreadyPromoted"));
  const { draft } = start;
  const checked = articleForm.parse({
    title: input.title ?? draft.title,
    body: input.body ?? draft.body,
    category: input.category ?? draft.category,
    tags: input.tags ? input.tags.join(",") : draft.tags,
    note: input.note ?? "",
    answerId,
  });
  const { article } = succeeded(caller, createArticle(db, actor, { ...checked, answerId, publish: input.publish }));
  return { status: 201, body: shown(caller, articleForApi(db, caller, article.id)), headers: location(caller, `/articles/${article.slug}`) };
}

/** PUT or DELETE /threads/{id}/lock: the verb, then the thread as it is now. */
function lockOperation(
  method: "put" | "delete",
  operationId: string,
  summary: string,
  description: string,
  verb: typeof lockThread | typeof unlockThread,
) {
  return defineOperation({
    method,
    path: "/threads/{id}/lock",
    operationId,
    summary,
    description,
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    success: { description: "The thread as it is now.", schema: threadSchema },
    problems: [403],
    handler: ({ db, caller, params }) => {
      succeeded(caller, verb(db, caller.user, params.id));
      return threadAnswer(db, caller, params.id);
    },
  });
}

export const moderationWriteOperations = [
  defineOperation({
    method: "put",
    path: "/posts/{id}/hidden",
    operationId: "hidePost",
    summary: "Hide a post, with the reason its author reads",
    description:
      "Out of sight for everyone but staff and its author. A hidden question hides its thread from lists and search; a hidden answer leaves the answer count. Open flags on the post are closed as acted on. A post already hidden is a 409.",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    body: hideBody,
    success: { description: "The post as staff see it now.", schema: postSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      succeeded(caller, hidePost(db, caller.user, params.id, body.reason));
      return { body: shown(caller, postForApi(db, caller, params.id)) };
    },
  }),
  defineOperation({
    method: "delete",
    path: "/posts/{id}/hidden",
    operationId: "unhidePost",
    summary: "Show a hidden post again",
    description: "Unhiding a post that is not hidden changes nothing.",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    success: { description: "The post as staff see it now.", schema: postSchema },
    problems: [403],
    handler: ({ db, caller, params }) => {
      succeeded(caller, unhidePost(db, caller.user, params.id));
      return { body: shown(caller, postForApi(db, caller, params.id)) };
    },
  }),
  lockOperation("put", "lockThread", "Lock a thread: no new answers or comments (staff excepted)", "Locking a locked thread changes nothing.", lockThread),
  lockOperation("delete", "unlockThread", "Unlock a thread", "Unlocking a thread that is not locked changes nothing.", unlockThread),
  defineOperation({
    method: "post",
    path: "/threads/{id}/move",
    operationId: "moveThread",
    summary: "Move a thread to another category",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    body: moveBody,
    success: { description: "The thread as it is now.", schema: threadSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      succeeded(caller, moveThread(db, caller.user, params.id, body.categoryId));
      return threadAnswer(db, caller, params.id);
    },
  }),
  defineOperation({
    method: "post",
    path: "/threads/{id}/escalations",
    operationId: "escalateThread",
    summary: "Escalate a thread to the support team",
    description: "Hands the thread to support with a note (staff only); integrations subscribed to escalations are told. One open escalation per thread: a second is a 409.",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    body: escalateBody,
    success: { status: 201, description: "The escalation opened.", schema: escalationSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      const { escalation } = succeeded(caller, escalateThread(db, caller.user, params.id, body.note));
      // No Location: an escalation has no address of its own in the API (staff read it with its thread).
      return { status: 201, body: shown(caller, escalationForApi(db, caller, escalation.id)) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/escalations/{id}/close",
    operationId: "closeEscalation",
    summary: "Close an escalation with its resolution",
    description: "A closed escalation is a 409.",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    body: closeEscalationBody,
    success: { description: "The escalation, closed.", schema: escalationSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      const { escalation } = succeeded(caller, closeEscalation(db, caller.user, params.id, body.resolution));
      return { body: shown(caller, escalationForApi(db, caller, escalation.id)) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/posts/{id}/article",
    operationId: "promoteAnswer",
    summary: "Promote an answer to the knowledge base",
    description:
      "Writes an article from an answer, credited to its author (who earns the promotion's reputation when it is published). Fields left out are the promotion editor's defaults. A draft unless `publish` is true. An answer already promoted, or hidden, is a 409.",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    body: promoteBody,
    success: { status: 201, description: "The new article.", schema: articleSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => promote(db, caller, params.id, body),
  }),
  defineOperation({
    method: "post",
    path: "/threads/{id}/article",
    operationId: "promoteThread",
    summary: "Promote a thread's accepted answer to the knowledge base",
    description: "As POST /posts/{id}/article with the thread's accepted answer; a thread without one is a 409.",
    tags: MODERATION,
    scope: "moderate",
    params: idParams,
    body: promoteBody,
    success: { status: 201, description: "The new article.", schema: articleSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      assertCan(caller.user, "kb.manage");
      const thread = findVisibleThread(db, caller.user, params.id);
      if (!thread) throw shown(caller, null);
      if (thread.acceptedAnswerId === null) throw new ApiProblem("conflict", translateMessage(caller.language, "apiWrites.noAcceptedAnswer"));
      return promote(db, caller, thread.acceptedAnswerId, body);
    },
  }),
  defineOperation({
    method: "post",
    path: "/incidents",
    operationId: "openIncident",
    summary: "Open a status incident",
    description: "The banner shows on every page at once, and the affected category's watchers are told.",
    tags: STATUS,
    scope: "moderate",
    body: incidentBody,
    success: { status: 201, description: "The new incident.", schema: incidentSchema },
    problems: [403],
    handler: ({ db, caller, body }) => {
      const { incident } = succeeded(caller, openIncident(db, caller.user, body));
      return { status: 201, body: shown(caller, incidentForApi(db, caller, incident.id)), headers: location(caller, `/incidents/${incident.id}`) };
    },
  }),
  defineOperation({
    method: "patch",
    path: "/incidents/{id}",
    operationId: "editIncident",
    summary: "Correct an incident's title, severity, category or text",
    description: "Fields left out keep their value. Nobody is told again.",
    tags: STATUS,
    scope: "moderate",
    params: idParams,
    body: incidentEditBody,
    success: { description: "The incident as it is now.", schema: incidentSchema },
    problems: [403],
    handler: ({ db, caller, params, body }) => {
      const current = getIncidentForEdit(db, caller.user, params.id);
      if (Object.values(body).every((value) => value === undefined)) throw invalidFields(caller, { body: "apiWrites.nothingToChange" });
      const input = incidentForm.parse({
        title: body.title ?? current.title,
        severity: body.severity ?? current.severity ?? "information",
        category: body.category ?? current.category,
        body: body.body ?? current.body,
      });
      succeeded(caller, editIncident(db, caller.user, current.id, input));
      return { body: shown(caller, incidentForApi(db, caller, current.id)) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/incidents/{id}/updates",
    operationId: "postIncidentUpdate",
    summary: "Add an update to an open incident",
    description: "A resolved incident takes no more updates (409).",
    tags: STATUS,
    scope: "moderate",
    params: idParams,
    body: incidentUpdateBody,
    success: { status: 201, description: "The incident with its new update (the last of `updates`).", schema: incidentSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      succeeded(caller, postIncidentUpdate(db, caller.user, { incidentId: params.id, body: body.body }), { conflict: true });
      return { status: 201, body: shown(caller, incidentForApi(db, caller, params.id)), headers: location(caller, `/incidents/${params.id}`) };
    },
  }),
  defineOperation({
    method: "post",
    path: "/incidents/{id}/resolve",
    operationId: "resolveIncident",
    summary: "Resolve an incident with a closing note",
    description: "The banner goes and the affected category's watchers are told. A resolved incident is a 409.",
    tags: STATUS,
    scope: "moderate",
    params: idParams,
    body: resolveBody,
    success: { description: "The incident, resolved.", schema: incidentSchema },
    problems: [403, 409],
    handler: ({ db, caller, params, body }) => {
      succeeded(caller, resolveIncident(db, caller.user, { incidentId: params.id, note: body.note }), { conflict: true });
      return { body: shown(caller, incidentForApi(db, caller, params.id)) };
    },
  }),
];
