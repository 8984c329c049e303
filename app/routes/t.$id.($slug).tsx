import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Suspense, useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { PostFormsProvider } from "~/components/post-form";
import { PostView, refusalText } from "~/components/post-view";
import { DraftNotice } from "~/components/draft-notice";
import { useDraft } from "~/components/use-draft";
import { RelativeTime } from "~/components/relative-time";
import { TagList } from "~/components/tag-list";
import { WatchButton } from "~/components/watch-button";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { refusedWith } from "~/i18n/message";
import { threadAction, threadPageFor, type ThreadReply } from "~/models/forum/thread-page.server";
import { useOptionalUser, useSite } from "~/root";
import { threadPath } from "~/utils/paths";
import * as parts from "~/components/thread-parts.server";
import { onDemand } from "~/components/on-demand";
import { feedAlternates, feedPaths } from "~/utils/feed-paths";
import { metaCategoryName } from "~/utils/meta-brand-words";

// What only some viewers or some threads show (the moderators' tools, an
// escalation's notice, the asker's follow-up question, a known issue's
// banner, an idea's votes and status) is not in the page's own script: the
// browser loads each when a page shows it (see onDemand).
const ThreadModTools = onDemand(parts.ThreadModTools, () => import("~/components/thread-mod-tools").then((module) => module.ThreadModTools));
const EscalationNotice = onDemand(parts.EscalationNotice, () => import("~/components/escalation-notice").then((module) => module.EscalationNotice));
const FollowUpPrompt = onDemand(parts.FollowUpPrompt, () => import("~/components/follow-up-prompt").then((module) => module.FollowUpPrompt));
const KnownIssueBanner = onDemand(parts.KnownIssueBanner, () => import("~/components/known-issue-banner").then((module) => module.KnownIssueBanner));
const IdeaPanel = onDemand(parts.IdeaPanel, () => import("~/components/idea-panel").then((module) => module.IdeaPanel));

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: `${data.thread.title} · ${metaCategoryName(matches, data.category.slug, data.category.name)}` },
        { name: "description", content: data.description },
        // Only a thread any visitor may read has a feed and previews' tags (its author and staff may still open a hidden one).
        ...(data.pageMeta ? feedAlternates((format) => feedPaths.thread(data.thread.id, format)) : []),
        ...(data.pageMeta ?? []),
      ]
    : [{ title: metaT(matches)("thread.notFoundTitle") }];

function threadIdFrom(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw refusedWith(404, "forumServer.notFound.question");
  return id;
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = threadPageFor(context.db, context.user, threadIdFrom(params), context.language);
  if (!page) throw refusedWith(404, "forumServer.notFound.question");
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
  const t = useT();
  const language = useLanguage();
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
  const staffLabel = t("userLink.staff", { brand: site.brandName });
  const loginHref = `/login?redirectTo=${encodeURIComponent(location.pathname)}`;

  return (
    <PostFormsProvider action={threadPath(thread)}>
      <div className="thread-page">
        <header className="page-header">
          <p className="breadcrumbs">
            <Link to="/">{t("frame.community")}</Link> › <Link to={`/c/${data.category.slug}`}>{data.category.name}</Link>
          </p>
          <h1 className="thread-title">
            {thread.title} {solved ? <span className="solved-mark">{t("thread.solved")}</span> : null}
          </h1>
          <p className="thread-meta muted">
            {t("thread.asked")} <RelativeTime date={thread.createdAt} /> · {t("thread.active")} <RelativeTime date={thread.lastActivityAt} /> ·{" "}
            {t("thread.viewed", { count: thread.viewCount, views: thread.viewCount.toLocaleString(language) })}
          </p>
          <TagList tags={data.tags} />
          <WatchButton targetType="thread" targetId={thread.id} level={data.watchLevel} signedIn={data.signedIn} />
        </header>

        {thread.deleted ? <p className="notice notice-deleted">{t("thread.deleted")}</p> : null}
        {data.modTools ? (
          <Suspense fallback={null}>
            <ThreadModTools thread={data.modTools} />
          </Suspense>
        ) : null}
        {data.duplicateLinks.original ? (
          <p className="notice notice-duplicate">
            {t("thread.duplicateOf")}{" "}
            <Link to={data.duplicateLinks.original.path}>{data.duplicateLinks.original.title}</Link>
          </p>
        ) : null}
        {data.duplicateLinks.duplicates.length ? (
          <div className="notice notice-duplicates">
            <p>{t("thread.duplicates", { count: data.duplicateLinks.duplicates.length })}</p>
            <ul>
              {data.duplicateLinks.duplicates.map((d) => (
                <li key={d.id}>
                  <Link to={d.path}>{d.title}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {thread.locked ? <p className="notice notice-locked">{t("thread.locked")}</p> : null}
        {data.incident ? (
          <p className={`notice incident-notice incident-notice-${data.incident.resolved ? "resolved" : data.incident.severity}`}>
            {data.incident.resolved ? t("thread.incidentResolved") : t("thread.incidentOpen")}{" "}
            <Link to={`/status/${data.incident.id}`}>{data.incident.title}</Link>.{" "}
            {data.incident.resolved ? "" : t("thread.incidentFollow")}
          </p>
        ) : null}
        {data.knownIssue ? (
          <Suspense fallback={null}>
            <KnownIssueBanner data={data.knownIssue} threadId={thread.id} returnTo={threadPath(thread)} />
          </Suspense>
        ) : null}
        {data.escalation || data.canEscalate ? (
          <Suspense fallback={null}>
            <EscalationNotice escalation={data.escalation} canEscalate={data.canEscalate} threadId={thread.id} />
          </Suspense>
        ) : null}

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

        {data.idea ? (
          <Suspense fallback={null}>
            <IdeaPanel data={data.idea} threadId={thread.id} />
          </Suspense>
        ) : null}
        {data.followUp ? (
          <Suspense fallback={null}>
            <FollowUpPrompt prompt={data.followUp} threadId={thread.id} />
          </Suspense>
        ) : null}

        <section className="answers" aria-labelledby="answers-title">
          <h2 id="answers-title">
            {answers.length === 0 ? t("thread.noAnswers") : t("thread.answers", { count: answers.length })}
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
          <h2 id="your-answer-title">{t("thread.yourAnswer")}</h2>
          {data.canAnswer ? (
            // A new answer count remounts the form, which empties the editor after posting.
            <AnswerForm key={answers.length} threadId={thread.id} reply={reply?.intent === "answer" ? reply : undefined} posting={posting} />
          ) : data.signedIn ? (
            <p className="muted">{data.answerRefusal ? refusalText(t, data.answerRefusal) : t("thread.cannotAnswer")}</p>
          ) : (
            <p>
              {t("thread.knowTheAnswer")} <Link to={loginHref}>{t("thread.signInToAnswer")}</Link> {t("thread.or")}{" "}
              <Link to={`/join?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("thread.joinCommunity")}</Link>.
            </p>
          )}
        </section>
      </div>
    </PostFormsProvider>
  );
}

const ANSWER_FIELDS = ["body"] as const;

/**
 * The answer form. What is typed is kept in the browser per thread until it
 * is posted, so leaving the page (or the browser) loses no answer.
 */
function AnswerForm({ threadId, reply, posting }: { threadId: number; reply?: ThreadReply; posting: boolean }) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const userId = useOptionalUser()?.id;
  const draft = useDraft(formRef, userId ? `answer:${userId}:${threadId}` : null, ANSWER_FIELDS);
  // An answer turned back (too soon, too many links) is a draft again.
  const { save } = draft;
  useEffect(() => {
    if (reply) save();
  }, [reply, save]);
  return (
    <>
      <DraftNotice restored={draft.restored} onDiscard={draft.discard} />
      <Form method="post" noValidate className="stack" preventScrollReset ref={formRef} onSubmit={draft.clear}>
        <input type="hidden" name="intent" value="answer" />
        <FormAlert message={reply?.errors.form} />
        <MarkdownEditor
          name="body"
          label={t("thread.writeAnswer")}
          rows={8}
          defaultValue={reply?.values.body}
          error={reply?.errors.body}
          hint={MARKDOWN_HINT}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={posting}>
            {t("thread.postAnswer")}
          </button>
        </div>
      </Form>
    </>
  );
}
