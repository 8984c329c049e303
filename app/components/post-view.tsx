import { Form, Link } from "@remix-run/react";
import { RelativeTime } from "./relative-time";
import { UserLink } from "./user-link";
import { useSite } from "~/root";

export type PostPermissions = {
  edit: boolean;
  delete: boolean;
  restore: boolean;
  vote: boolean;
  downvote?: boolean;
  upvoteRefusal?: string | null;
  downvoteRefusal?: string | null;
  flag: boolean;
  accept: boolean;
  comment: boolean;
  /** Moderators: "Promote to knowledge base" on an answer. */
  promote?: boolean;
  /** Moderators: thank the answer's author on the brand's behalf. */
  thank?: boolean;
  /** Moderators: hide (or unhide) the post, with a reason. */
  hide?: boolean;
};

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
};

/** "Hidden by a moderator: <reason>", for the only people who still see a hidden post. */
function HiddenNotice({ post }: { post: ViewPost }) {
  if (!post.hiddenAt) return null;
  return (
    <p className="notice notice-hidden">
      Hidden by a moderator: {post.hiddenReason || "no reason given"}. {post.can.hide ? "Only its author and staff can see it." : "Only you and the moderators can see it."}
    </p>
  );
}

type FormState = { errors?: Record<string, string>; values?: Record<string, string> } | undefined;

function VoteColumn({ post, myVote, signedIn }: { post: ViewPost; myVote: number; signedIn: boolean }) {
  // Each button says why it can't be used: not signed in, your own post, not enough reputation.
  const why = (allowed: boolean | undefined, reason: string | null | undefined) =>
    allowed ? undefined : !signedIn ? "Sign in to vote" : (reason ?? "You can't vote on this post");
  const upTitle = why(post.can.vote, post.can.upvoteRefusal);
  const downTitle = why(post.can.downvote ?? post.can.vote, post.can.downvoteRefusal);
  return (
    <div className="vote-column">
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="vote" />
        <input type="hidden" name="postId" value={post.id} />
        <input type="hidden" name="direction" value="up" />
        <button type="submit" className="vote-button vote-up" aria-pressed={myVote === 1} disabled={!!upTitle} title={upTitle}>
          <span aria-hidden="true">▲</span>
          <span className="visually-hidden">Upvote{upTitle ? ` (${upTitle})` : ""}</span>
        </button>
      </Form>
      <span className="score" aria-label={`Score ${post.score}`}>
        {post.score}
      </span>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="vote" />
        <input type="hidden" name="postId" value={post.id} />
        <input type="hidden" name="direction" value="down" />
        <button type="submit" className="vote-button vote-down" aria-pressed={myVote === -1} disabled={!!downTitle} title={downTitle}>
          <span aria-hidden="true">▼</span>
          <span className="visually-hidden">Downvote{downTitle ? ` (${downTitle})` : ""}</span>
        </button>
      </Form>
    </div>
  );
}

function IntentButton({ intent, postId, label, className = "link-button" }: { intent: string; postId: number; label: string; className?: string }) {
  return (
    <Form method="post" preventScrollReset className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="postId" value={postId} />
      <button type="submit" className={className}>
        {label}
      </button>
    </Form>
  );
}

export function FlagForm({ postId, state }: { postId: number; state: FormState }) {
  const errors = state?.errors ?? {};
  return (
    <details className="flag-details" open={!!state?.errors}>
      <summary className="link-button">Flag</summary>
      <Form method="post" preventScrollReset className="flag-form stack">
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="postId" value={postId} />
        <fieldset>
          <legend>What is wrong with this post?</legend>
          {[
            ["spam", "Spam or advertising"],
            ["offensive", "Rude or offensive"],
            ["off-topic", "Off-topic"],
            ["other", "Something else"],
          ].map(([value, label]) => (
            <label key={value} className="radio">
              <input type="radio" name="reason" value={value} defaultChecked={state?.values?.reason === value} /> {label}
            </label>
          ))}
        </fieldset>
        {errors.reason ? <p className="field-error" role="alert">{errors.reason}</p> : null}
        <div className={`field${errors.note ? " field-invalid" : ""}`}>
          <label htmlFor={`flag-note-${postId}`}>Note for the moderators (needed for “something else”)</label>
          <input id={`flag-note-${postId}`} name="note" defaultValue={state?.values?.note} />
          {errors.note ? <p className="field-error" role="alert">{errors.note}</p> : null}
        </div>
        {errors.form ? <p className="field-error" role="alert">{errors.form}</p> : null}
        <div>
          <button type="submit" className="button button-small">
            Send flag
          </button>
        </div>
      </Form>
    </details>
  );
}

function CommentForm({ postId, state }: { postId: number; state: FormState }) {
  const error = state?.errors?.comment ?? state?.errors?.form;
  return (
    <details className="comment-add" open={!!state?.errors}>
      <summary className="link-button">Add a comment</summary>
      <Form method="post" preventScrollReset className="comment-form">
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="postId" value={postId} />
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor={`comment-${postId}`}>Your comment</label>
          <textarea
            id={`comment-${postId}`}
            name="comment"
            rows={2}
            defaultValue={state?.values?.comment}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `comment-${postId}-error` : undefined}
          />
          {error ? (
            <p className="field-error" id={`comment-${postId}-error`} role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-small">
          Add comment
        </button>
      </Form>
    </details>
  );
}

export function CommentList({
  comments,
  parentId,
  formState,
}: {
  comments: ViewPost[];
  parentId: number;
  formState?: { comment?: FormState; flag?: Record<number, FormState> };
}) {
  return (
    <div className="comments">
      {comments.length ? (
        <ul className="comment-list" aria-label="Comments">
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
                    <Link to={`/posts/${c.id}/history`}>edited</Link>
                  </>
                ) : null}
              </span>
              {c.deletedAt ? <span className="badge badge-deleted">Deleted</span> : null}
              <span className="comment-actions">
                {c.can.edit ? <Link to={`/posts/${c.id}/edit`}>Edit</Link> : null}
                {c.can.delete ? <IntentButton intent="delete" postId={c.id} label="Delete" /> : null}
                {c.can.restore ? <IntentButton intent="restore" postId={c.id} label="Restore" /> : null}
                {c.can.hide ? <Link to={`/mod/posts/${c.id}`}>{c.hiddenAt ? "Unhide" : "Hide"}</Link> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {formState ? <CommentForm postId={parentId} state={formState.comment} /> : null}
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
}: {
  post: ViewPost;
  comments: ViewPost[];
  myVote: number;
  flagged: boolean;
  signedIn: boolean;
  accepted?: boolean;
  staffLabel?: string;
  formState?: { comment?: FormState; flag?: FormState };
}) {
  const isAnswer = post.kind === "answer";
  const brandName = useSite().brandName;
  return (
    <article
      id={`post-${post.id}`}
      className={`post${accepted ? " post-accepted" : ""}${post.official && isAnswer ? " post-official" : ""}${post.deletedAt ? " is-deleted" : ""}${post.hiddenAt ? " is-hidden" : ""}`}
      aria-label={isAnswer ? `Answer by ${post.authorDisplayName}` : "Question"}
    >
      <VoteColumn post={post} myVote={myVote} signedIn={signedIn} />
      <div className="post-main">
        {accepted ? (
          <p className="accepted-mark">
            <span aria-hidden="true">✓</span> Accepted answer
          </p>
        ) : null}
        {post.deletedAt ? (
          <p className="notice notice-deleted">This {post.kind} was deleted. Only moderators can see it.</p>
        ) : null}
        <HiddenNotice post={post} />
        {post.official && isAnswer ? (
          <p className="official-mark">
            <span aria-hidden="true">★</span> Official answer from {brandName}
          </p>
        ) : null}
        {post.thanked ? (
          <p className="thanked-mark">
            <span aria-hidden="true">♥</span> Thanked by {brandName}
          </p>
        ) : null}
        {post.article ? (
          <p className="kb-mark">
            This answer is in the knowledge base:{" "}
            <Link to={`/kb/${post.article.slug}`}>{post.article.title}</Link>
            {post.article.status !== "published" ? <span className="badge">{post.article.status === "draft" ? "Draft" : "Archived"}</span> : null}
          </p>
        ) : null}
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <footer className="post-meta">
          <div className="post-actions">
            {post.can.accept && isAnswer ? (
              accepted ? (
                <IntentButton intent="unaccept" postId={post.id} label="Unaccept this answer" className="button button-small" />
              ) : (
                <IntentButton intent="accept" postId={post.id} label="Accept this answer" className="button button-small button-accept" />
              )
            ) : null}
            {post.can.edit ? <Link to={`/posts/${post.id}/edit`}>Edit</Link> : null}
            {post.can.promote && isAnswer && !post.article ? <Link to={`/kb/new?answer=${post.id}`}>Promote to knowledge base</Link> : null}
            {post.can.thank && isAnswer && !post.thanked ? <IntentButton intent="thank" postId={post.id} label="Thank on the brand's behalf" /> : null}
            {post.can.delete ? <IntentButton intent="delete" postId={post.id} label="Delete" /> : null}
            {post.can.restore ? <IntentButton intent="restore" postId={post.id} label="Restore" /> : null}
            {post.can.hide ? <Link to={`/mod/posts/${post.id}`}>{post.hiddenAt ? "Unhide" : "Hide"}</Link> : null}
            {post.can.flag && !flagged ? <FlagForm postId={post.id} state={formState?.flag} /> : null}
            {flagged ? <span className="muted">You flagged this post</span> : null}
          </div>
          <div className="post-author">
            <span className="muted">
              {isAnswer ? "answered" : "asked"} <RelativeTime date={post.createdAt} />
              {post.editedAt ? (
                <>
                  {" · "}
                  <Link to={`/posts/${post.id}/history`}>edited</Link>
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
        <CommentList comments={comments} parentId={post.id} formState={post.can.comment ? formState : undefined} />
      </div>
    </article>
  );
}
