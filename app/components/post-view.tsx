import { Link } from "@remix-run/react";
import { Suspense } from "react";
import type { TFunction } from "i18next";
import { PostForm, SendOrCancel, type PostFormState } from "./post-form";
import { onDemand } from "./on-demand";
import * as parts from "./thread-parts.server";
import { RelativeTime } from "./relative-time";
import { UserLink } from "./user-link";
import { useLanguage, useT } from "~/i18n/i18n";
import { isMessageKey } from "~/i18n/message";
import { useOptionalUser, useSite } from "~/root";

/** What the viewer may do with a post: only what is granted is sent (absent means no). */
export type PostPermissions = {
  edit?: boolean;
  delete?: boolean;
  restore?: boolean;
  vote?: boolean;
  downvote?: boolean;
  /** Why a signed-in member can't vote, in words. */
  upvoteRefusal?: string | null;
  downvoteRefusal?: string | null;
  flag?: boolean;
  accept?: boolean;
  comment?: boolean;
  /** Moderators: "Promote to knowledge base" on an answer. */
  promote?: boolean;
  /** Moderators: thank the answer's author on the brand's behalf. */
  thank?: boolean;
  /** Moderators: hide (or unhide) the post, with a reason. */
  hide?: boolean;
  /** The reputation needed to comment here, when only reputation stands in the way (said where "Add a comment" would be). */
  commentNeeds?: number;
};

/**
 * A refusal from the server in the reader's words: a catalogue key is
 * translated; a sentence (already in their language, perhaps quoting a
 * moderator's reason) is shown as it is, never passed through the catalogue.
 */
export function refusalText(t: TFunction, reason: string): string {
  return isMessageKey(reason) ? t(reason) : reason;
}

export type ViewPost = {
  id: number;
  kind: "question" | "answer" | "comment";
  bodyHtml: string;
  score: number;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  authorUsername: string;
  authorDisplayName: string;
  authorReputation: number;
  authorRole: "member" | "moderator" | "admin";
  can: PostPermissions;
  /** The knowledge-base article made from this answer, if any. */
  article?: { slug: string; title: string; status: "draft" | "published" | "archived" } | null;
  /** The brand has thanked this answer's author for it. */
  thanked?: boolean;
  /** Written by staff: the brand's official answer. */
  official?: boolean;
  /** Hidden by a moderator: only its author and staff get it, with the reason. */
  hiddenAt?: string | null;
  hiddenReason?: string;
  /** Waiting for a moderator's review (held when written, or after spam flags). */
  held?: boolean;
};

/** "Hidden by a moderator: <reason>", for the only people who still see a hidden post. */
function HiddenNotice({ post }: { post: ViewPost }) {
  const t = useT();
  if (!post.hiddenAt) return null;
  if (post.held) {
    return (
      <p className="notice notice-hidden">
        {post.hiddenReason} {post.can.hide ? <Link to="/mod/review">{t("post.reviewIt")}</Link> : null}
      </p>
    );
  }
  return (
    <p className="notice notice-hidden">
      {t("post.hiddenBy", { reason: post.hiddenReason || t("post.noReason") })}{" "}
      {post.can.hide ? t("post.hiddenSeenByStaff") : t("post.hiddenSeenByYou")}
    </p>
  );
}

type FormState = PostFormState;

/**
 * A vote button. One the viewer can't press stays reachable by keyboard
 * (aria-disabled, not disabled: a disabled button is skipped by Tab, so
 * nobody would learn why), does nothing, and says why: its reason is its
 * description, shown beside it on focus and hover. The server refuses the
 * vote anyway.
 */
function VoteButton({ postId, direction, pressed, refusal }: { postId: number; direction: "up" | "down"; pressed: boolean; refusal?: string }) {
  const t = useT();
  const label = direction === "up" ? t("post.upvote") : t("post.downvote");
  const arrow = <span aria-hidden="true">{direction === "up" ? "▲" : "▼"}</span>;
  if (refusal) {
    const reasonId = `vote-${direction}-why-${postId}`;
    return (
      <span className="vote-slot">
        <button type="button" className={`vote-button vote-${direction}`} aria-pressed={pressed} aria-disabled="true" aria-describedby={reasonId}>
          {arrow}
          <span className="visually-hidden">{label}</span>
        </button>
        <span id={reasonId} className="vote-reason" role="tooltip">
          {refusal}
        </span>
      </span>
    );
  }
  const button = (
    <button type="submit" className={`vote-button vote-${direction}`} aria-pressed={pressed}>
      {arrow}
      <span className="visually-hidden">{label}</span>
    </button>
  );
  return (
    <PostForm>
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="direction" value={direction} />
      {button}
    </PostForm>
  );
}

function VoteColumn({ post, myVote, signedIn }: { post: ViewPost; myVote: number; signedIn: boolean }) {
  const t = useT();
  // Each button says why it can't be used: not signed in, your own post, not enough reputation.
  const why = (allowed: boolean | undefined, reason: string | null | undefined) =>
    allowed ? undefined : !signedIn ? t("post.signInToVote") : reason ? refusalText(t, reason) : t("post.cannotVote");
  const upTitle = why(post.can.vote, post.can.upvoteRefusal);
  const downTitle = why(post.can.downvote, post.can.downvoteRefusal);
  return (
    <div className="vote-column">
      <VoteButton postId={post.id} direction="up" pressed={myVote === 1} refusal={upTitle} />
      <span className="score" aria-label={t("post.score", { score: post.score })}>
        {post.score}
      </span>
      <VoteButton postId={post.id} direction="down" pressed={myVote === -1} refusal={downTitle} />
    </div>
  );
}

function IntentButton({ intent, postId, label, className = "link-button" }: { intent: string; postId: number; label: string; className?: string }) {
  return (
    <PostForm className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="postId" value={postId} />
      <button type="submit" className={className}>
        {label}
      </button>
    </PostForm>
  );
}

/**
 * "Flag" and "Add a comment" are links to the thread with `?flag=<id>` or
 * `?comment=<id>`: the form is rendered for that one post (or for the post
 * whose form came back with errors), not hidden in every post of the page.
 */
export function openFormHref(form: "flag" | "comment", postId: number) {
  return `?${form}=${postId}#${form}-${postId}`;
}

function CommentForm({ postId, state }: { postId: number; state: FormState }) {
  const t = useT();
  const error = state?.errors?.comment ?? state?.errors?.form;
  return (
    <div className="comment-add">
      <PostForm className="comment-form" query={`comment=${postId}`}>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="postId" value={postId} />
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor={`comment-${postId}`}>{t("post.yourComment")}</label>
          <textarea
            id={`comment-${postId}`}
            name="comment"
            rows={2}
            defaultValue={state?.values?.comment}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `comment-${postId}-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`comment-${postId}-error`} role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <SendOrCancel label={t("post.addComment")} postId={postId} />
      </PostForm>
    </div>
  );
}

/** Where "Add a comment" would be, for a member who may not comment yet: the reputation it takes, and how it is earned. */
function CommentPrivilege({ points }: { points: number }) {
  const t = useT();
  const language = useLanguage();
  const have = useOptionalUser()?.reputation ?? 0;
  return (
    <p className="comment-add comment-privilege muted">
      {t("post.commentNeeds", { points: points.toLocaleString(language), have: have.toLocaleString(language) })}
    </p>
  );
}

// The flag form is only shown once "Flag" is chosen: the browser loads it then.
const FlagForm = onDemand(parts.FlagForm, () => import("./flag-form").then((module) => module.FlagForm));

export function CommentList({
  comments,
  parentId,
  commentForm,
  commentNeeds,
}: {
  comments: ViewPost[];
  parentId: number;
  /** Absent when the viewer may not comment; open when asked for, or when it came back with errors. */
  commentForm?: { open: boolean; state?: FormState };
  /** Without a comment form: the reputation commenting takes, when that is why. */
  commentNeeds?: number;
}) {
  const t = useT();
  return (
    <div className="comments">
      {comments.length ? (
        <ul className="comment-list" aria-label={t("post.comments")}>
          {comments.map((c) => (
            <li key={c.id} id={`post-${c.id}`} className={`comment${c.deletedAt ? " is-deleted" : ""}${c.hiddenAt ? " is-hidden" : ""}`}>
              <HiddenNotice post={c} />
              <span className="comment-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} /> –{" "}
              <UserLink username={c.authorUsername} displayName={c.authorDisplayName} role={c.authorRole} reputation={c.authorReputation} />{" "}
              <span className="muted">
                <RelativeTime date={c.createdAt} />
                {c.editedAt ? (
                  <>
                    {" · "}
                    <Link to={`/posts/${c.id}/history`}>{t("post.commentEdited")}</Link>
                  </>
                ) : null}
              </span>
              {c.deletedAt ? <span className="badge badge-deleted">{t("post.deletedBadge")}</span> : null}
              <span className="comment-actions">
                {c.can.edit ? <Link to={`/posts/${c.id}/edit`}>{t("post.edit")}</Link> : null}
                {c.can.delete ? <IntentButton intent="delete" postId={c.id} label={t("post.delete")} /> : null}
                {c.can.restore ? <IntentButton intent="restore" postId={c.id} label={t("post.restore")} /> : null}
                {c.can.hide ? <Link to={`/mod/posts/${c.id}`}>{c.hiddenAt ? t("post.unhide") : t("post.hide")}</Link> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {commentForm ? (
        commentForm.open || commentForm.state?.errors ? (
          <CommentForm postId={parentId} state={commentForm.state} />
        ) : (
          <p className="comment-add">
            <Link to={openFormHref("comment", parentId)} preventScrollReset className="link-button">
              {t("post.addAComment")}
            </Link>
          </p>
        )
      ) : commentNeeds ? (
        <CommentPrivilege points={commentNeeds} />
      ) : null}
    </div>
  );
}

export function PostView({
  post,
  comments,
  myVote,
  flagged,
  signedIn,
  accepted,
  staffLabel,
  formState,
  openForm,
}: {
  post: ViewPost;
  comments: ViewPost[];
  myVote: number;
  flagged: boolean;
  signedIn: boolean;
  accepted?: boolean;
  staffLabel?: string;
  formState?: { comment?: FormState; flag?: FormState };
  /** The form asked for in the address (`?flag=` or `?comment=` this post). */
  openForm?: "flag" | "comment";
}) {
  const t = useT();
  const isAnswer = post.kind === "answer";
  const brandName = useSite().brandName;
  const deletedNotice = { question: t("post.deletedQuestion"), answer: t("post.deletedAnswer"), comment: t("post.deletedComment") };
  return (
    <article
      id={`post-${post.id}`}
      className={`post${accepted ? " post-accepted" : ""}${post.official && isAnswer ? " post-official" : ""}${post.deletedAt ? " is-deleted" : ""}${post.hiddenAt ? " is-hidden" : ""}`}
      aria-label={isAnswer ? t("post.answerBy", { name: post.authorDisplayName }) : t("post.question")}
    >
      <VoteColumn post={post} myVote={myVote} signedIn={signedIn} />
      <div className="post-main">
        {accepted ? (
          <p className="accepted-mark">
            <span aria-hidden="true">✓</span> {t("post.accepted")}
          </p>
        ) : null}
        {post.deletedAt ? (
          <p className="notice notice-deleted">{deletedNotice[post.kind]}</p>
        ) : null}
        <HiddenNotice post={post} />
        {post.official && isAnswer ? (
          <p className="official-mark">
            <span aria-hidden="true">★</span> {t("post.official", { brand: brandName })}
          </p>
        ) : null}
        {post.thanked ? (
          <p className="thanked-mark">
            <span aria-hidden="true">♥</span> {t("post.thanked", { brand: brandName })}
          </p>
        ) : null}
        {post.article ? (
          <p className="kb-mark">
            {t("post.inKnowledgeBase")}{" "}
            <Link to={`/kb/${post.article.slug}`}>{post.article.title}</Link>
            {post.article.status !== "published" ? <span className="badge">{post.article.status === "draft" ? t("post.draft") : t("post.archived")}</span> : null}
          </p>
        ) : null}
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <footer className="post-meta">
          <div className="post-actions">
            {post.can.accept && isAnswer ? (
              accepted ? (
                <IntentButton intent="unaccept" postId={post.id} label={t("post.unaccept")} className="button button-small" />
              ) : (
                <IntentButton intent="accept" postId={post.id} label={t("post.accept")} className="button button-small button-accept" />
              )
            ) : null}
            {post.can.edit ? <Link to={`/posts/${post.id}/edit`}>{t("post.edit")}</Link> : null}
            {post.can.promote && isAnswer && !post.article ? <Link to={`/kb/new?answer=${post.id}`}>{t("post.promote")}</Link> : null}
            {post.can.thank && isAnswer && !post.thanked ? <IntentButton intent="thank" postId={post.id} label={t("post.thank")} /> : null}
            {post.can.delete ? <IntentButton intent="delete" postId={post.id} label={t("post.delete")} /> : null}
            {post.can.restore ? <IntentButton intent="restore" postId={post.id} label={t("post.restore")} /> : null}
            {post.can.hide ? <Link to={`/mod/posts/${post.id}`}>{post.hiddenAt ? t("post.unhide") : t("post.hide")}</Link> : null}
            {post.can.flag && !flagged && openForm !== "flag" && !formState?.flag?.errors ? (
              <Link to={openFormHref("flag", post.id)} preventScrollReset className="link-button">
                {t("post.flag")}
              </Link>
            ) : null}
            {flagged ? <span className="muted">{t("post.youFlagged")}</span> : null}
          </div>
          <div className="post-author">
            <span className="muted">
              {isAnswer ? t("post.answeredAgo") : t("post.askedAgo")} <RelativeTime date={post.createdAt} />
              {post.editedAt ? (
                <>
                  {" · "}
                  <Link to={`/posts/${post.id}/history`}>{t("post.edited")}</Link>
                </>
              ) : null}
            </span>
            <UserLink
              username={post.authorUsername}
              displayName={post.authorDisplayName}
              role={post.authorRole}
              reputation={post.authorReputation}
              staffLabel={staffLabel}
            />
          </div>
        </footer>
        {post.can.flag && !flagged && (openForm === "flag" || formState?.flag?.errors) ? (
          <Suspense fallback={null}>
            <FlagForm postId={post.id} state={formState?.flag} />
          </Suspense>
        ) : null}
        <CommentList
          comments={comments}
          parentId={post.id}
          commentForm={post.can.comment ? { open: openForm === "comment", state: formState?.comment } : undefined}
          commentNeeds={post.can.commentNeeds}
        />
      </div>
    </article>
  );
}
