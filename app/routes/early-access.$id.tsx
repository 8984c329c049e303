import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { loginUrl } from "~/auth/current-user.server";
import { EarlyAccessExplainer } from "~/components/early-access-explainer";
import { TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { UserLink } from "~/components/user-link";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { refusedWith } from "~/i18n/message";
import { announcementCommentSchema, announcementId, deleteAnnouncementCommentSchema } from "~/forms/early-access";
import { COMMENT_MAX } from "~/forms/thread";
import { PRIVATE_PAGE_HEADERS } from "~/models/reputation/early-access.server";
import {
  assertReadsAnnouncement,
  commentOnAnnouncement,
  deleteAnnouncementComment,
  earlyAccessAnnouncementPage,
  type ShownAnnouncementComment,
} from "~/models/reputation/early-access-comments.server";
import { useSite } from "~/root";
import { parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { exactTime } from "~/utils/time";

// The title names the page only for its readers; everyone else gets the generic one.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  // The model tests call it with the data alone: then the default language's words.
  const t = metaT(matches);
  return [
    { title: data?.eligible ? t("earlyAccessPage.itemTitle", { title: data.announcement.title }) : t("earlyAccessPage.title") },
    { name: "robots", content: "noindex" },
  ];
};

// The page's HTML and its data differ by reader: never kept by a shared cache.
export const headers: HeadersFunction = () => PRIVATE_PAGE_HEADERS;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const page = earlyAccessAnnouncementPage(context.db, context.user, announcementId(params));
  if (!page.eligible) {
    // The explainer, whether or not the id exists: nothing about it leaves, its comments neither.
    return json(
      { eligible: false as const, standing: page.standing, signInPath: loginUrl(request) },
      { status: context.user ? 403 : 401, headers: PRIVATE_PAGE_HEADERS },
    );
  }
  return json(
    { eligible: true as const, standing: page.standing, announcement: page.announcement, comments: page.comments, commentRefusal: page.commentRefusal },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

type CommentReply = { errors: FieldErrors; values: Record<string, string> };

/**
 * A reader's comment, or deleting one. Whoever may not read the announcement
 * gets a 404 before their form is read: nothing they send tells them it exists.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = announcementId(params);
  const user = context.user;
  assertReadsAnnouncement(context.db, user, id);
  const form = await readForm(request);
  const intent = readIntent(form, ["comment", "deleteComment"], "comment");
  if (intent === "deleteComment") {
    const parsed = deleteAnnouncementCommentSchema.safeParse({ commentId: form.get("commentId") });
    if (!parsed.success) throw refusedWith(400, "contentServer.announcementComment.whichComment");
    deleteAnnouncementComment(context.db, user, { announcementId: id, commentId: parsed.data.commentId });
    return redirect(`/early-access/${id}#comments`, { status: 303, headers: PRIVATE_PAGE_HEADERS });
  }
  const parsed = parseForm(announcementCommentSchema, form, context.language);
  if (!parsed.ok) return json<CommentReply>({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE_PAGE_HEADERS });
  const comment = commentOnAnnouncement(context.db, user, { announcementId: id, body: parsed.data.comment });
  return redirect(`/early-access/${id}#comment-${comment.id}`, { status: 303, headers: PRIVATE_PAGE_HEADERS });
}

export default function EarlyAccessAnnouncement() {
  const data = useLoaderData<typeof loader>();
  const site = useSite();
  const t = useT();
  const language = useLanguage();
  if (!data.eligible) return <EarlyAccessExplainer standing={data.standing} brandName={site.brandName} signInPath={data.signInPath} />;
  const { announcement: a, standing } = data;
  return (
    <article className="page-medium stack-lg" aria-labelledby="announcement-title">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/early-access">{t("earlyAccessPage.title")}</Link>
        </p>
        <div className="page-header-row">
          <h1 id="announcement-title">
            {a.title}
            {a.expired ? <span className="badge badge-archived">{t("earlyAccessPage.expired")}</span> : null}
          </h1>
          {standing.staff ? (
            <Link to={`/early-access/${a.id}/edit`} className="button">
              {t("pages.edit")}
            </Link>
          ) : null}
        </div>
        <p className="muted">
          {t("earlyAccessPage.published")} <RelativeTime date={a.createdAt} />
          {a.updatedAt ? (
            <>
              {" "}
              · {t("earlyAccessPage.edited")} <RelativeTime date={a.updatedAt} />
            </>
          ) : null}
          {a.expiresAt ? (
            <>
              {" "}
              · {a.expired ? t("earlyAccessPage.ended") : t("earlyAccessPage.until")} <time dateTime={a.expiresAt}>{exactTime(a.expiresAt, language)}</time>
            </>
          ) : null}
        </p>
      </header>
      <div className="card">
        <div className="post-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
      </div>
      <p className="muted">{t("earlyAccessPage.keepIt")}</p>
      <AnnouncementComments comments={data.comments} refusal={data.commentRefusal} />
    </article>
  );
}

type Comment = Omit<ShownAnnouncementComment, "createdAt"> & { createdAt: string };

/** The readers' comments, oldest first, and the form to add one (only readers ever get here). */
function AnnouncementComments({ comments, refusal }: { comments: Comment[]; refusal: string | null }) {
  const t = useT();
  const reply = useActionData<typeof action>();
  const sending = useNavigation().formData?.get("intent") === "comment";
  return (
    <section className="card stack announcement-comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t("earlyAccessPage.comments", { count: comments.length })}</h2>
      {comments.length ? (
        <ol className="announcement-comment-list">
          {comments.map((comment) => (
            <li key={comment.id} id={`comment-${comment.id}`} className="announcement-comment">
              <p className="announcement-comment-meta">
                <UserLink
                  username={comment.author.username}
                  displayName={comment.author.displayName}
                  role={comment.author.role}
                  reputation={comment.author.reputation}
                />{" "}
                · <RelativeTime date={comment.createdAt} />
              </p>
              <div className="announcement-comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
              {comment.canDelete ? (
                <Form method="post" preventScrollReset className="inline-form">
                  <input type="hidden" name="commentId" value={comment.id} />
                  <button type="submit" name="intent" value="deleteComment" className="link-button">
                    {t("earlyAccessPage.deleteComment")}
                    <span className="visually-hidden"> {t("earlyAccessPage.deleteCommentBy", { name: comment.author.displayName })}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("earlyAccessPage.noComments")}</p>
      )}
      {refusal ? (
        // The policy's reason, already in the reader's words (it may quote a moderator's, never looked up).
        <p className="notice">{refusal}</p>
      ) : (
        // A new form after each comment, so the text sent does not stay in the box.
        <Form method="post" preventScrollReset className="comment-form" key={comments.at(-1)?.id ?? 0}>
          <input type="hidden" name="intent" value="comment" />
          <TextArea
            label={t("earlyAccessPage.yourComment")}
            name="comment"
            id="announcement-comment"
            rows={4}
            maxLength={COMMENT_MAX}
            defaultValue={reply?.values.comment}
            error={reply?.errors.comment}
            hint={t("earlyAccessPage.commentHint", { max: COMMENT_MAX })}
          />
          <button type="submit" className="button button-primary" disabled={sending}>
            {t("earlyAccessPage.postComment")}
          </button>
        </Form>
      )}
    </section>
  );
}
