import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { PostView, type ViewPost } from "~/components/post-view";
import { RelativeTime } from "~/components/relative-time";
import { TagList } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { EscalationNotice } from "~/components/escalation-notice";
import { FollowUpPrompt } from "~/components/follow-up-prompt";
import { answerSchema, commentSchema, flagSchema, postIdSchema, voteSchema } from "~/forms/thread-actions.server";
import { acceptAnswer, unacceptAnswer } from "~/models/acceptance.server";
import { flaggedByUser, flagPost } from "~/models/flag.server";
import { createAnswer, createComment, deletePost, loadPost, restorePost, toResource } from "~/models/post.server";
import { articlesForAnswers } from "~/models/kb.server";
import { markThreadRead } from "~/models/notification.server";
import { thankAnswer, thankedAnswers } from "~/models/thanks.server";
import { findVisibleThread, getThreadPage, threadPath, toThreadResource } from "~/models/thread.server";
import { duplicateLinks } from "~/models/moderation.server";
import { ThreadModTools } from "~/components/thread-mod-tools";
import { incidentForThread } from "~/models/incident-views.server";
import { openEscalationFor } from "~/models/escalation.server";
import { followUpPromptFor } from "~/models/follow-up.server";
import { castVote, votesByUser } from "~/models/vote.server";
import { watchLevel } from "~/models/watch.server";
import { can, isStaff, refusal, type Actor, type PostResource } from "~/policy";
import { useSite } from "~/root";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { excerpt } from "~/utils/markdown.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.thread.title} · ${data.category.name}` }, { name: "description", content: data.description }]
    : [{ title: "Question not found" }];

function threadIdFrom(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("No such question.", { status: 404 });
  return id;
}

function permissions(viewer: Actor, resource: PostResource) {
  return {
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
  };
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const viewer = context.user;
  const page = getThreadPage(context.db, viewer, threadIdFrom(params));
  if (!page) throw new Response("No such question.", { status: 404 });
  const { thread, category, question, answers, commentsByPost, tags } = page;
  if (params.slug !== thread.slug) throw redirect(threadPath(thread), { status: 301 });

  // Views are counted at the edge (app/http.server.ts), cached pages included.
  // What the user came to see is seen: their notifications about this thread are read.
  if (viewer) markThreadRead(context.db, viewer, thread.id);

  const shape = (post: (typeof answers)[number]): ViewPost => ({
    ...post,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
    deletedAt: post.deletedAt?.toISOString() ?? null,
    hiddenAt: post.hiddenAt?.toISOString() ?? null,
    can: permissions(viewer, toResource(post, thread)),
  });
  const allComments = Object.fromEntries(
    Object.entries(commentsByPost).map(([parentId, list]) => [parentId, list.map(shape)]),
  ) as Record<string, ViewPost[]>;
  const postIds = [question.id, ...answers.map((a) => a.id)];
  const articles = articlesForAnswers(context.db, viewer, answers.map((a) => a.id));
  const thanked = thankedAnswers(context.db, answers.map((a) => a.id));
  return json({
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
    myVotes: votesByUser(context.db, viewer?.id, postIds),
    myFlags: flaggedByUser(context.db, viewer?.id, [...postIds, ...Object.values(allComments).flat().map((c) => c.id)]),
    canAnswer: !!viewer && can(viewer, "answer.create", toThreadResource(thread)),
    // Why a signed-in reader can't answer (locked, a duplicate, suspended), in words.
    answerRefusal: viewer ? refusal(viewer, "answer.create", toThreadResource(thread)) : null,
    // "This question has an answer here" on a duplicate; the duplicates pointing at an original.
    duplicateLinks: duplicateLinks(context.db, viewer, thread),
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
        }
      : null,
    // The status announcement (incident) a moderator linked this question to.
    incident: incidentForThread(context.db, thread.incidentId),
    signedIn: !!viewer,
    watchLevel: watchLevel(context.db, viewer, "thread", thread.id),
    description: excerpt(question.bodyHtml, 160),
    // Escalation (the note for staff only) and the asker's "Did this solve your problem?".
    escalation: openEscalationFor(context.db, viewer, thread.id),
    canEscalate: can(viewer, "thread.escalate", { authorId: thread.authorId, deleted: !!thread.deletedAt }),
    followUp: followUpPromptFor(viewer, thread, answers),
  });
}


type ThreadReply = { intent: string; postId?: number; errors: FieldErrors; values: Record<string, string> };

function badRequest(reply: ThreadReply, status = 400) {
  return json<ThreadReply>(reply, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const thread = findVisibleThread(context.db, user, threadIdFrom(params));
  if (!thread) throw new Response("No such question.", { status: 404 });
  const threadId = thread.id;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  // Back to the thread's own address, from the database: never one rebuilt
  // from the slug that was sent (a control character there would make the
  // Location header throw after the change was saved).
  const here = threadPath(thread);
  const back = (postId?: number) => redirect(postId ? `${here}#post-${postId}` : here);
  const ids = () => {
    const parsed = postIdSchema.safeParse({ postId: form.get("postId") });
    if (!parsed.success) throw new Response("Which post? The form was incomplete.", { status: 400 });
    // A post of another question, sent to this one's address, is no post of this page.
    if (loadPost(context.db, user, parsed.data.postId).post.threadId !== threadId) throw new Response("No such post.", { status: 404 });
    return parsed.data.postId;
  };

  switch (intent) {
    case "answer": {
      const parsed = parseForm(answerSchema, form);
      if (!parsed.ok) return badRequest({ intent, errors: parsed.errors, values: parsed.values });
      const result = createAnswer(context.db, user, { threadId, body: parsed.data.body });
      if (!result.ok) return badRequest({ intent, errors: result.errors, values: { body: parsed.data.body } }, 429);
      return back(result.answer.id);
    }
    case "comment": {
      const parsed = parseForm(commentSchema, form);
      const postId = ids();
      if (!parsed.ok) return badRequest({ intent, postId, errors: parsed.errors, values: parsed.values });
      const { comment } = createComment(context.db, user, { postId, body: parsed.data.comment });
      return back(comment.id);
    }
    case "vote": {
      const parsed = voteSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) throw new Response("The vote was incomplete.", { status: 400 });
      const postId = ids();
      castVote(context.db, user, postId, parsed.data.direction);
      return back(postId);
    }
    case "thank": {
      const postId = ids();
      thankAnswer(context.db, user, postId);
      return back(postId);
    }
    case "accept":
    case "unaccept": {
      const postId = ids();
      if (intent === "accept") acceptAnswer(context.db, user, postId);
      else unacceptAnswer(context.db, user, postId);
      return back(postId);
    }
    case "delete": {
      const { post } = deletePost(context.db, user, ids());
      // Only moderators still see a deleted question; its author goes home.
      if (post.kind === "question" && !can(user, "post.viewDeleted")) return redirect("/");
      return back(post.kind === "comment" ? (post.parentId ?? undefined) : undefined);
    }
    case "restore": {
      const { post } = restorePost(context.db, user, ids());
      return back(post.id);
    }
    case "flag": {
      const parsed = parseForm(flagSchema, form);
      const postId = ids();
      if (!parsed.ok) return badRequest({ intent, postId, errors: parsed.errors, values: parsed.values });
      const result = flagPost(context.db, user, parsed.data);
      if (!result.ok) return badRequest({ intent, postId, errors: result.errors, values: { reason: parsed.data.reason, note: parsed.data.note } }, 409);
      return back(postId);
    }
    default:
      throw new Response("Unknown action.", { status: 400 });
  }
}

export default function ThreadPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ThreadReply | undefined;
  const site = useSite();
  const location = useLocation();
  const navigation = useNavigation();
  const { thread, question, answers, comments, myVotes, myFlags } = data;
  const solved = thread.acceptedAnswerId !== null;

  const posting = navigation.state === "submitting" && navigation.formData?.get("intent") === "answer";

  const stateFor = (postId: number) => ({
    comment: reply?.intent === "comment" && reply.postId === postId ? reply : undefined,
    flag: reply?.intent === "flag" && reply.postId === postId ? reply : undefined,
  });
  const staffLabel = `${site.brandName} staff`;
  const loginHref = `/login?redirectTo=${encodeURIComponent(location.pathname)}`;

  return (
    <div className="thread-page">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">Community</Link> › <Link to={`/c/${data.category.slug}`}>{data.category.name}</Link>
        </p>
        <h1 className="thread-title">
          {thread.title} {solved ? <span className="solved-mark">Solved</span> : null}
        </h1>
        <p className="thread-meta muted">
          Asked <RelativeTime date={thread.createdAt} /> · active <RelativeTime date={thread.lastActivityAt} /> · viewed{" "}
          {thread.viewCount.toLocaleString("en")} {thread.viewCount === 1 ? "time" : "times"}
        </p>
        <TagList tags={data.tags} />
        <WatchButton targetType="thread" targetId={thread.id} level={data.watchLevel} signedIn={data.signedIn} />
      </header>

      {thread.deleted ? <p className="notice notice-deleted">This question was deleted. Only moderators can see it.</p> : null}
      {data.modTools ? <ThreadModTools thread={data.modTools} /> : null}
      {data.duplicateLinks.original ? (
        <p className="notice notice-duplicate">
          This question has an answer here:{" "}
          <Link to={data.duplicateLinks.original.path}>{data.duplicateLinks.original.title}</Link>
        </p>
      ) : null}
      {data.duplicateLinks.duplicates.length ? (
        <div className="notice notice-duplicates">
          <p>
            {data.duplicateLinks.duplicates.length} {data.duplicateLinks.duplicates.length === 1 ? "duplicate points" : "duplicates point"} here:
          </p>
          <ul>
            {data.duplicateLinks.duplicates.map((d) => (
              <li key={d.id}>
                <Link to={d.path}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {thread.locked ? <p className="notice notice-locked">This thread is locked: it takes no new answers or comments.</p> : null}
      {data.incident ? (
        <p className={`notice incident-notice incident-notice-${data.incident.resolved ? "resolved" : data.incident.severity}`}>
          {data.incident.resolved ? "This question was about a known problem, now resolved: " : "This question is about a known problem: "}
          <Link to={`/status/${data.incident.id}`}>{data.incident.title}</Link>.{" "}
          {data.incident.resolved ? "" : "Follow the status update for news."}
        </p>
      ) : null}
      <EscalationNotice escalation={data.escalation} canEscalate={data.canEscalate} threadId={thread.id} />

      <PostView
        post={question}
        comments={comments[question.id] ?? []}
        myVote={myVotes[question.id] ?? 0}
        flagged={myFlags.includes(question.id)}
        signedIn={data.signedIn}
        staffLabel={staffLabel}
        formState={stateFor(question.id)}
      />

      {data.followUp ? <FollowUpPrompt prompt={data.followUp} threadId={thread.id} /> : null}

      <section className="answers" aria-labelledby="answers-title">
        <h2 id="answers-title">
          {answers.length === 0 ? "No answers yet" : `${answers.length} ${answers.length === 1 ? "Answer" : "Answers"}`}
        </h2>
        {answers.map((answer) => (
          <PostView
            key={answer.id}
            post={answer}
            comments={comments[answer.id] ?? []}
            myVote={myVotes[answer.id] ?? 0}
            flagged={myFlags.includes(answer.id)}
            signedIn={data.signedIn}
            accepted={answer.id === thread.acceptedAnswerId}
            staffLabel={staffLabel}
            formState={stateFor(answer.id)}
          />
        ))}
      </section>

      <section className="answer-form card" aria-labelledby="your-answer-title">
        <h2 id="your-answer-title">Your answer</h2>
        {data.canAnswer ? (
          // A new answer count remounts the form, which empties the editor after posting.
          <Form method="post" noValidate className="stack" key={answers.length} preventScrollReset>
            <input type="hidden" name="intent" value="answer" />
            <FormAlert message={reply?.intent === "answer" ? reply.errors.form : undefined} />
            <MarkdownEditor
              name="body"
              label="Write your answer"
              rows={8}
              defaultValue={reply?.intent === "answer" ? reply.values.body : undefined}
              error={reply?.intent === "answer" ? reply.errors.body : undefined}
              hint={MARKDOWN_HINT}
            />
            <div>
              <button type="submit" className="button button-primary" disabled={posting}>
                Post your answer
              </button>
            </div>
          </Form>
        ) : data.signedIn ? (
          <p className="muted">{data.answerRefusal ?? "This question can't take new answers."}</p>
        ) : (
          <p>
            Know the answer? <Link to={loginHref}>Sign in to answer</Link> or <Link to={`/join?redirectTo=${encodeURIComponent(location.pathname)}`}>join the community</Link>.
          </p>
        )}
      </section>
    </div>
  );
}
