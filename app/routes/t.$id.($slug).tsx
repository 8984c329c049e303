import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { PostFormsProvider } from "~/components/post-form";
import { PostView } from "~/components/post-view";
import { RelativeTime } from "~/components/relative-time";
import { TagList } from "~/components/tag-list";
import { WatchButton } from "~/components/watch-button";
import { EscalationNotice } from "~/components/escalation-notice";
import { FollowUpPrompt } from "~/components/follow-up-prompt";
import { ThreadModTools } from "~/components/thread-mod-tools";
import { threadAction, threadPageFor, type ThreadReply } from "~/models/forum/thread-page.server";
import { useSite } from "~/root";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.thread.title} · ${data.category.name}` }, { name: "description", content: data.description }]
    : [{ title: "Question not found" }];

function threadIdFrom(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("No such question.", { status: 404 });
  return id;
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = threadPageFor(context.db, context.user, threadIdFrom(params));
  if (!page) throw new Response("No such question.", { status: 404 });
  if (params.slug !== page.thread.slug) throw redirect(threadPath(page.thread), { status: 301 });
  return json(page);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const result = await threadAction(context.db, user, threadIdFrom(params), request);
  if ("redirectTo" in result) return redirect(result.redirectTo);
  return json<ThreadReply>(result.reply, { status: result.status });
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

  // "Flag" and "Add a comment" open their form for one post through the address.
  const [searchParams] = useSearchParams();
  const openFormFor = (postId: number) =>
    searchParams.get("flag") === String(postId) ? "flag" : searchParams.get("comment") === String(postId) ? "comment" : undefined;
  const stateFor = (postId: number) => ({
    comment: reply?.intent === "comment" && reply.postId === postId ? reply : undefined,
    flag: reply?.intent === "flag" && reply.postId === postId ? reply : undefined,
  });
  const staffLabel = `${site.brandName} staff`;
  const loginHref = `/login?redirectTo=${encodeURIComponent(location.pathname)}`;

  return (
    <PostFormsProvider action={threadPath(thread)}>
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
          openForm={openFormFor(question.id)}
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
              openForm={openFormFor(answer.id)}
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
    </PostFormsProvider>
  );
}
