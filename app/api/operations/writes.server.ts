// The API's writes: members' (scope "write": ask, answer, comment, edit, vote,
// accept, flag) and moderators' (scope "moderate": hide, lock,
// move, escalate, promote to the knowledge base, status incidents). Each calls
// the site's model verb with the token's owner as the actor, so the policy,
// the validation and the side effects (counts, reputation, search index,
// notifications, audit log) are the site's own.
import type { AnyOperation } from "../operation.server";
import { forumWriteOperations } from "./write-forum.server";
import { moderationWriteOperations } from "./write-moderation.server";

export const writeOperations: AnyOperation[] = [...forumWriteOperations, ...moderationWriteOperations];
