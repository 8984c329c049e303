// The thread page, assembled in one verb: what a viewer sees of a question,
// its answers and comments (the visible ones only), and what they may do with
// each; and the page's actions (answer, comment, vote, accept, thank, delete,
// restore, flag), each through its model verb and the policy.
import type { Db } from "../../../db/client";
import type { PostPermissions, ViewPost } from "../../components/post-view";
import { answerSchema, commentSchema, flagSchema, postIdSchema, voteSchema } from "../../forms/thread-actions.server";
import { can, DEFAULT_PRIVILEGES, isStaff, refusal, type Actor, type PostResource } from "../../policy";
import type { CurrentUser } from "../../auth/session.server";
import { parseForm, readForm, type FieldErrors } from "../../utils/form.server";
import { acceptAnswer, unacceptAnswer } from "./acceptance.server";
import { openEscalationFor } from "../moderation/escalation.server";
import { flaggedByUser, flagPost } from "../moderation/flag.server";
import { followUpPromptFor } from "../notify/follow-up.server";
import { incidentForThread } from "../moderation/incident-views.server";
import { articlesForAnswers } from "../kb/kb.server";
import { duplicateLinks } from "../moderation/moderation.server";
import { createAnswer, createComment, deletePost, loadPost, restorePost, toResource } from "./post.server";
import { thankAnswer, thankedAnswers } from "../reputation/thanks.server";
import { findVisibleThread, getThreadPage, threadPath, toThreadResource } from "./thread.server";
import { castVote, votesByUser } from "./vote.server";
import { watchLevel } from "../notify/watch.server";
import { actorT, languageOf } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import { hiddenReasonText } from "../../utils/hidden-reason";
import { threadPageMeta } from "../site/page-meta.server";
import { htmlText } from "../../utils/page-meta";
import type { Language } from "../../i18n/languages";
import { importCredits } from "../import/import-credit.server";
import { knownIssueBannerFor } from "../known-issues/known-issue-banner.server";
import { ideaPanelFor } from "../ideas/idea-panel.server";

function permissions(viewer: Actor, resource: PostResource): PostPermissions {
  const granted: PostPermissions = {
    edit: can(viewer, "post.edit", resource),
    delete: can(viewer, "post.delete", resource),
    restore: can(viewer, "post.restore", resource),
    vote: can(viewer, "post.vote", { ...resource, direction: "up" }),
    downvote: can(viewer, "post.vote", { ...resource, direction: "down" }),
    // Why a signed-in member can't vote, in words ("You need 125 reputation to downvote.").
    upvoteRefusal: viewer ? refusal(viewer, "post.vote", { ...resource, direction: "up" }) : null,
    downvoteRefusal: viewer ? refusal(viewer, "post.vote", { ...resource, direction: "down" }) : null,
    flag: can(viewer, "post.flag", resource),
    accept: can(viewer, "answer.accept", resource),
    comment: can(viewer, "comment.create", resource),
    promote: resource.kind === "answer" && !resource.deleted && can(viewer, "kb.manage"),
    thank: can(viewer, "answer.thank", resource),
    hide: can(viewer, "post.hide", resource),
    commentNeeds: commentNeeds(viewer, resource),
  };
  // Only what is granted travels to the browser: a page of 20 answers would
  // otherwise carry some 300 "false".
  for (const key of Object.keys(granted) as (keyof PostPermissions)[]) if (!granted[key]) delete granted[key];
  return granted;
}

/**
 * The reputation a signed-in member needs to comment on this post, when that
 * is all that stands in the way (not for a deleted post, a locked thread, a
 * suspension): the page says so where "Add a comment" would be.
 */
function commentNeeds(viewer: Actor, resource: PostResource): number | undefined {
  if (!viewer || can(viewer, "comment.create", resource)) return undefined;
  const required = (viewer.privileges ?? DEFAULT_PRIVILEGES).comment;
  return can({ ...viewer, reputation: Math.max(viewer.reputation, required) }, "comment.create", resource) ? required : undefined;
}

/**
 * Everything the thread page shows to this viewer, or null when there is no
 * such thread for them. It only reads: the site frame marks the viewer's
 * notifications about the thread read (so the bell agrees on the same
 * request), and views are counted at the edge (app/http.server.ts).
 */
export function threadPageFor(db: Db, viewer: Actor, threadId: number, language: Language = languageOf(viewer)) {
  const page = getThreadPage(db, viewer, threadId);
  if (!page) return null;
  const { thread, category, question, answers, commentsByPost, tags } = page;
  // Imported posts credit their source (CC BY-SA), as server-made HTML after the body: no script of its own.
  const credits = importCredits(db, [question.id, ...answers.map((a) => a.id)], language);

  // What the page shows of a post, and no more (the loader's data is sent whole to the browser).
  const shape = (post: (typeof answers)[number]): ViewPost => ({
    id: post.id,
    kind: post.kind,
    bodyHtml: post.bodyHtml + (credits.get(post.id) ?? ""),
    score: post.score,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
    deletedAt: post.deletedAt?.toISOString() ?? null,
    authorUsername: post.authorUsername,
    authorDisplayName: post.authorDisplayName,
    authorReputation: post.authorReputation,
    authorRole: post.authorRole,
    official: post.official,
    ...(post.hiddenAt ? { hiddenAt: post.hiddenAt.toISOString(), hiddenReason: post.hiddenReason } : {}),
    // Waiting for review: what its author and staff read instead (sent as data, keeping the page's script small).
    ...(post.heldAt ? { held: true, hiddenReason: heldNotice(viewer, post.hiddenReason) } : {}),
    can: permissions(viewer, toResource(post, thread)),
  });
  const allComments = Object.fromEntries(
    Object.entries(commentsByPost).map(([parentId, list]) => [parentId, list.map(shape)]),
  ) as Record<string, ViewPost[]>;
  const postIds = [question.id, ...answers.map((a) => a.id)];
  const articles = articlesForAnswers(db, viewer, answers.map((a) => a.id));
  const thanked = thankedAnswers(db, answers.map((a) => a.id));
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      slug: thread.slug,
      viewCount: thread.viewCount,
      answerCount: thread.answerCount,
      acceptedAnswerId: thread.acceptedAnswerId,
      createdAt: thread.createdAt,
      lastActivityAt: thread.lastActivityAt,
      deleted: !!thread.deletedAt,
      locked: !!thread.lockedAt,
    },
    category: { slug: category.slug, name: category.name },
    tags,
    question: shape(question),
    answers: answers.map((a) => ({ ...shape(a), article: articles.get(a.id) ?? null, thanked: thanked.has(a.id) })),
    comments: allComments,
    myVotes: votesByUser(db, viewer?.id, postIds),
    myFlags: flaggedByUser(db, viewer?.id, [...postIds, ...Object.values(allComments).flat().map((c) => c.id)]),
    canAnswer: !!viewer && can(viewer, "answer.create", toThreadResource(thread)),
    // Why a signed-in reader can't answer (locked, a duplicate, suspended), in words.
    answerRefusal: viewer ? refusal(viewer, "answer.create", toThreadResource(thread)) : null,
    // "This question has an answer here" on a duplicate; the duplicates pointing at an original.
    duplicateLinks: duplicateLinks(db, viewer, thread),
    modTools: isStaff(viewer)
      ? {
          id: thread.id,
          slug: thread.slug,
          locked: !!thread.lockedAt,
          pinnedIn: thread.pinnedIn,
          duplicate: thread.duplicateOfId !== null,
          questionId: question.id,
          questionHidden: !!question.hiddenAt,
          askerUsername: question.authorUsername,
          askerIsMember: question.authorRole === "member",
          knownIssueId: thread.knownIssueId,
          idea: category.kind === "ideas",
        }
      : null,
    // The known issue this question reports, and a product idea's votes and status (read only where there is one).
    knownIssue: thread.knownIssueId === null ? null : knownIssueBannerFor(db, viewer, thread.id),
    idea: category.kind === "ideas" ? ideaPanelFor(db, viewer, thread.id) : null,
    // The status announcement (incident) a moderator linked this question to.
    incident: incidentForThread(db, thread.incidentId),
    signedIn: !!viewer,
    watchLevel: watchLevel(db, viewer, "thread", thread.id),
    description: htmlText(question.bodyHtml, 160),
    // Canonical address, previews' tags and QAPage data: only when a visitor may read the thread, with what they may read.
    pageMeta: threadPageMeta(db, page, language),
    // Escalation (the note for staff only) and the asker's "Did this solve your problem?".
    escalation: openEscalationFor(db, viewer, thread.id),
    canEscalate: can(viewer, "thread.escalate", { authorId: thread.authorId, deleted: !!thread.deletedAt }),
    followUp: followUpPromptFor(viewer, thread, answers),
  };
}

export type ThreadPage = NonNullable<ReturnType<typeof threadPageFor>>;

/** A form of the page that came back with errors: shown again, beside its post, with what was typed. */
export type ThreadReply = { intent: string; postId?: number; errors: FieldErrors; values: Record<string, string> };

/** Where to go after an action, or the form to show again and the status to answer with. */
export type ThreadActionResult = { redirectTo: string } | { status: number; reply: ThreadReply };

/**
 * Runs one of the thread page's forms for the signed-in user. The form is
 * read only once the thread is known to be theirs to see (404 otherwise);
 * an incomplete form is a 400, an unknown intent too.
 */
export async function threadAction(db: Db, user: CurrentUser, threadId: number, request: Request): Promise<ThreadActionResult> {
  const thread = findVisibleThread(db, user, threadId);
  if (!thread) throw refusedWith(404, "forumServer.notFound.question");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  // Back to the thread's own address, from the database: never one rebuilt
  // from the slug that was sent (a control character there would make the
  // Location header throw after the change was saved).
  const here = threadPath(thread);
  const back = (postId?: number): ThreadActionResult => ({ redirectTo: postId ? `${here}#post-${postId}` : here });
  const badRequest = (reply: ThreadReply, status = 400): ThreadActionResult => ({ status, reply });
  const ids = () => {
    const parsed = postIdSchema.safeParse({ postId: form.get("postId") });
    if (!parsed.success) throw refusedWith(400, "forumServer.form.whichPost");
    // A post of another question, sent to this one's address, is no post of this page.
    if (loadPost(db, user, parsed.data.postId).post.threadId !== threadId) throw refusedWith(404, "forumServer.notFound.post");
    return parsed.data.postId;
  };

  switch (intent) {
    case "answer": {
      const parsed = parseForm(answerSchema, form, languageOf(user));
      if (!parsed.ok) return badRequest({ intent, errors: parsed.errors, values: parsed.values });
      const result = createAnswer(db, user, { threadId, body: parsed.data.body });
      if (!result.ok) return badRequest({ intent, errors: result.errors, values: { body: parsed.data.body } }, result.throttled ? 429 : 400);
      return back(result.answer.id);
    }
    case "comment": {
      const parsed = parseForm(commentSchema, form, languageOf(user));
      const postId = ids();
      if (!parsed.ok) return badRequest({ intent, postId, errors: parsed.errors, values: parsed.values });
      const result = createComment(db, user, { postId, body: parsed.data.comment });
      if (!result.ok) return badRequest({ intent, postId, errors: { comment: result.errors.body }, values: { comment: parsed.data.comment } });
      return back(result.comment.id);
    }
    case "vote": {
      const parsed = voteSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) throw refusedWith(400, "forumServer.form.voteIncomplete");
      const postId = ids();
      castVote(db, user, postId, parsed.data.direction);
      return back(postId);
    }
    case "thank": {
      const postId = ids();
      thankAnswer(db, user, postId);
      return back(postId);
    }
    case "accept":
    case "unaccept": {
      const postId = ids();
      if (intent === "accept") acceptAnswer(db, user, postId);
      else unacceptAnswer(db, user, postId);
      return back(postId);
    }
    case "delete": {
      const { post } = deletePost(db, user, ids());
      // Only moderators still see a deleted question; its author goes home.
      if (post.kind === "question" && !can(user, "post.viewDeleted")) return { redirectTo: "/" };
      return back(post.kind === "comment" ? (post.parentId ?? undefined) : undefined);
    }
    case "restore": {
      const { post } = restorePost(db, user, ids());
      return back(post.id);
    }
    case "flag": {
      const parsed = parseForm(flagSchema, form, languageOf(user));
      const postId = ids();
      if (!parsed.ok) return badRequest({ intent, postId, errors: parsed.errors, values: parsed.values });
      const result = flagPost(db, user, parsed.data);
      if (!result.ok) return badRequest({ intent, postId, errors: result.errors, values: { reason: parsed.data.reason, note: parsed.data.note } }, 409);
      return back(postId);
    }
    default:
      throw refusedWith(400, "forumServer.form.unknownAction");
  }
}

/** The held-post notice, in the viewer's language (the reason, a moderator's words, kept as written). */
function heldNotice(viewer: Actor, reason: string): string {
  const t = actorT(viewer);
  if (!isStaff(viewer)) return t("forumServer.held.author");
  return reason ? t("forumServer.held.staff", { reason: hiddenReasonText(t, reason) }) : t("forumServer.held.staffWhenWritten");
}
