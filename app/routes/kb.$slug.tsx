import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { createCookie, json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { TagList } from "~/components/tag-list";
import { UserLink } from "~/components/user-link";
import { feedbackSchema, reviewRequestSchema } from "~/forms/kb";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { findVisibleArticle, getArticlePage, setArticleStatus } from "~/models/kb/kb.server";
import { recordFeedback, type FeedbackVoter } from "~/models/kb/kb-feedback.server";
import { requestReview } from "~/models/kb/kb-review.server";
import { can } from "~/policy";
import { useOptionalUser, useSite } from "~/root";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { excerpt } from "~/utils/markdown.server";
import type { ArticleStatus } from "../../db/schema";
import { articlePath } from "~/utils/paths";
import { reviewDetailText } from "~/utils/review-detail";
import { refusedWith } from "~/i18n/message";
import { useCategoryName } from "~/components/brand-words";
import { articlePageMeta } from "~/models/site/page-meta.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: metaT(matches)("kbArticle.title", { title: data.article.title }) },
        { name: "description", content: data.description },
        // Drafts and archived articles are for moderators' eyes only: no previews' tags either.
        ...(data.article.status === "published" ? [] : [{ name: "robots", content: "noindex" }]),
        ...(data.pageMeta ?? []),
      ]
    : [{ title: metaT(matches)("kbArticle.notFound") }];

/**
 * "Was this helpful?" for visitors: one answer per browser, remembered by a
 * random id in a long-lived cookie. It identifies a browser, never a person,
 * and is only set when someone answers.
 */
function visitorCookie(secure: boolean) {
  return createCookie("kb_visitor", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365, secure });
}

const visitorIdSchema = z.string().uuid();

async function readVisitorId(request: Request, secure: boolean): Promise<string | null> {
  const value: unknown = await visitorCookie(secure).parse(request.headers.get("Cookie"));
  const parsed = visitorIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = context.user;
  const visitorId = viewer ? null : await readVisitorId(request, context.secureCookies);
  const voter: FeedbackVoter | null = viewer ? { userId: viewer.id } : visitorId ? { visitorId } : null;
  const page = getArticlePage(context.db, viewer, params.slug ?? "", voter);
  if (!page) throw refusedWith(404, "contentServer.article.notFound");
  const { article, category, credit, source, related, feedback, openReviews } = page;
  return json({
    article: {
      id: article.id,
      slug: article.slug,
      title: article.title,
      bodyHtml: article.bodyHtml,
      status: article.status,
      updatedAt: article.updatedAt,
      helpfulYes: article.helpfulYes,
      helpfulNo: article.helpfulNo,
    },
    category: { slug: category.slug, name: category.name },
    tags: page.tags,
    credit,
    source,
    related,
    feedback,
    openReviews: openReviews.map((r) => ({ id: r.id, reason: r.reason, detail: r.detail, createdAt: r.createdAt })),
    // What readers wrote with their "No": moderators only, shown as text.
    readerComments: page.readerComments,
    description: excerpt(article.bodyHtml, 160),
    // Canonical address, previews' tags and Article data: only for an article a visitor may read.
    pageMeta: articlePageMeta(context.db, article, context.language),
  });
}

const STATUSES = ["published", "draft", "archived"] as const satisfies readonly ArticleStatus[];
const statusSchema = z.object({ status: z.enum(STATUSES) });

type KbReply = { intent: string; errors: FieldErrors; values: Record<string, string> };

function badRequest(reply: KbReply, status = 400) {
  return json<KbReply>(reply, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  // Only "Was this helpful?" is open to visitors; the rest sends them to sign in.
  const user = intent === "feedback" ? context.user : requireUser(request, context);
  const article = findVisibleArticle(context.db, user, params.slug ?? "");
  if (!article) throw refusedWith(404, "contentServer.article.notFound");
  const here = articlePath(article);

  switch (intent) {
    case "feedback": {
      const parsed = parseForm(feedbackSchema, form, context.language);
      if (!parsed.ok) return badRequest({ intent, errors: parsed.errors, values: parsed.values });
      const headers = new Headers();
      let voter: FeedbackVoter;
      if (user) {
        voter = { userId: user.id };
      } else {
        let visitorId = await readVisitorId(request, context.secureCookies);
        if (!visitorId) {
          visitorId = crypto.randomUUID();
          headers.append("Set-Cookie", await visitorCookie(context.secureCookies).serialize(visitorId));
        }
        voter = { visitorId };
      }
      recordFeedback(context.db, article.id, voter, { helpful: parsed.data.helpful === "yes", comment: parsed.data.comment });
      return redirect(`${here}#feedback`, { status: 303, headers });
    }
    case "status": {
      const parsed = statusSchema.safeParse({ status: form.get("status") });
      if (!parsed.success) throw refusedWith(400, "contentServer.article.whichStatus");
      setArticleStatus(context.db, user, article.id, parsed.data.status);
      return redirect(here, 303);
    }
    case "review": {
      const parsed = parseForm(reviewRequestSchema, form, context.language);
      if (!parsed.ok) return badRequest({ intent, errors: parsed.errors, values: parsed.values });
      const opened = requestReview(context.db, user, article.id, parsed.data.note);
      if (!opened) {
        return badRequest(
          { intent, errors: { form: translatorFor(context.language)("kbArticle.alreadyInReview") }, values: { note: parsed.data.note } },
          409,
        );
      }
      return redirect(`${here}#reviews`, 303);
    }
    default:
      throw new Response("refused.unknownAction", { status: 400 });
  }
}

export default function ArticlePage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as KbReply | undefined;
  const site = useSite();
  const t = useT();
  const manage = can(useOptionalUser(), "kb.manage");
  const { article, credit, source, related } = data;
  const published = article.status === "published";
  const categoryName = useCategoryName()(data.category.slug, data.category.name);

  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">{t("pages.community")}</Link> › <Link to="/kb">{t("kbList.title")}</Link> ›{" "}
          <Link to={`/kb?category=${encodeURIComponent(data.category.slug)}`}>{categoryName}</Link>
        </p>
        <h1 className="thread-title">
          {article.title}{" "}
          {article.status !== "published" ? (
            <span className={`badge badge-${article.status}`}>{article.status === "draft" ? t("kbArticle.draft") : t("kbArticle.archived")}</span>
          ) : null}
        </h1>
        <p className="thread-meta kb-credit">
          <Link to={`/kb?category=${encodeURIComponent(data.category.slug)}`} className="category-link">
            {categoryName}
          </Link>
          {" · "}
          {credit ? (
            <>
              {t("kbArticle.fromAnswerBy")}{" "}
              <UserLink
                username={credit.username}
                displayName={credit.displayName}
                role={credit.role}
                reputation={credit.reputation}
                staffLabel={t("userLink.staff", { brand: site.brandName })}
              />
              {source ? (
                <>
                  {" "}
                  {t("kbArticle.in")} <Link to={source.path}>{source.title}</Link>
                </>
              ) : null}
            </>
          ) : (
            <>
              <span className="badge badge-official">{t("kbList.official")}</span> {t("kbArticle.officialFrom", { brand: site.brandName })}
            </>
          )}
          {" · "}
          {t("kbArticle.lastUpdated")} <RelativeTime date={article.updatedAt} />
        </p>
        <TagList tags={data.tags} />
      </header>

      {manage ? <ModeratorPanel data={data} reply={reply} /> : null}

      <div className="home-columns">
        <div className="home-main stack-lg">
          <article className="card" aria-label={article.title}>
            <div className="post-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
          </article>
          {published ? (
            <Feedback
              feedback={data.feedback}
              helpfulYes={article.helpfulYes}
              helpfulNo={article.helpfulNo}
              reply={reply?.intent === "feedback" ? reply : undefined}
            />
          ) : null}
        </div>
        <aside className="home-aside card" aria-labelledby="related-title">
          <h2 id="related-title">{t("kbArticle.related")}</h2>
          {source || related.length ? (
            <ul className="compact-list">
              {source ? (
                <li>
                  <Link to={source.path}>{source.title}</Link> <span className="badge">{t("kbArticle.sourceQuestion")}</span>
                </li>
              ) : null}
              {related.map((r) => (
                <li key={`${r.kind}:${r.id}`}>
                  <Link to={r.path}>{r.title}</Link>{" "}
                  {r.kind === "article" ? <span className="badge badge-article">{t("kbArticle.article")}</span> : null}
                  {r.solved ? <span className="solved-mark">{t("threadList.solved")}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("kbArticle.nothingRelated")}</p>
          )}
          <p>
            {t("kbArticle.stillStuck")} <Link to="/ask">{t("kbArticle.askCommunity")}</Link>
            {t("kbArticle.stillStuckAfter")}
          </p>
        </aside>
      </div>
    </div>
  );
}

type ArticleData = ReturnType<typeof useLoaderData<typeof loader>>;

function ModeratorPanel({ data, reply }: { data: ArticleData; reply: KbReply | undefined }) {
  const { article, openReviews, readerComments } = data;
  const reviewReply = reply?.intent === "review" ? reply : undefined;
  const t = useT();
  const reviewReasons = {
    feedback: t("kbArticle.reviewFeedback"),
    source_activity: t("kbArticle.reviewSourceActivity"),
    manual: t("kbArticle.reviewManual"),
  } as const;
  return (
    <section className="stack" aria-label={t("kbArticle.moderators")}>
      {article.status === "draft" ? (
        <p className="alert alert-warning">{t("kbArticle.isDraft")}</p>
      ) : article.status === "archived" ? (
        <p className="alert alert-warning">{t("kbArticle.isArchived")}</p>
      ) : null}

      <div className="kb-toolbar" role="group" aria-label={t("kbArticle.manage")}>
        <Link to={`/kb/${article.slug}/edit`} className="button button-small">
          {t("pages.edit")}
        </Link>
        <Link to={`/kb/${article.slug}/history`} className="button button-small">
          {t("kbArticle.history")}
        </Link>
        <Form method="post" className="inline-form kb-status-form">
          <input type="hidden" name="intent" value="status" />
          {article.status !== "published" ? (
            <button type="submit" name="status" value="published" className="button button-small button-primary">
              {t("pages.publish")}
            </button>
          ) : (
            <button type="submit" name="status" value="draft" className="button button-small">
              {t("kbArticle.unpublish")}
            </button>
          )}
          {article.status !== "archived" ? (
            <button type="submit" name="status" value="archived" className="button button-small">
              {t("kbArticle.archive")}
            </button>
          ) : null}
        </Form>
        <details className="kb-review-request" open={!!reviewReply}>
          <summary className="button button-small">{t("kbArticle.markForReview")}</summary>
          <Form method="post" preventScrollReset className="flag-form stack">
            <input type="hidden" name="intent" value="review" />
            <FormAlert message={reviewReply?.errors.form} />
            <TextArea
              label={t("kbArticle.reviewNote")}
              name="note"
              rows={3}
              maxLength={500}
              defaultValue={reviewReply?.values.note}
              error={reviewReply?.errors.note}
              hint={t("kbArticle.reviewNoteHint")}
            />
            <div>
              <button type="submit" className="button button-small button-primary">
                {t("kbArticle.addToReview")}
              </button>
            </div>
          </Form>
        </details>
      </div>

      {openReviews.length ? (
        <div className="notice" id="reviews">
          <p>
            <strong>
              {t("kbArticle.waitingForReview", { n: openReviews.length })} — <Link to="/mod/kb">{t("kbArticle.openReviewQueue")}</Link>
            </strong>
          </p>
          <ul className="kb-reviews">
            {openReviews.map((r) => (
              <li key={r.id}>
                <strong>{reviewReasons[r.reason]}</strong>
                {r.detail ? `: ${reviewDetailText(t, r)}` : null} <span className="muted">(<RelativeTime date={r.createdAt} />)</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {readerComments.length ? <ReaderComments comments={readerComments} /> : null}
    </section>
  );
}

/** Readers' comments with their "No", as plain text (React escapes it). */
export function ReaderComments({ comments }: { comments: { comment: string; updatedAt: string | Date }[] }) {
  const t = useT();
  return (
    <details className="card kb-reader-comments">
      <summary>{t("kbArticle.readerComments", { count: comments.length })}</summary>
      <ul className="audit-list">
        {comments.map((c, i) => (
          <li key={i}>
            <p className="kb-comment">{c.comment}</p>
            <RelativeTime date={c.updatedAt} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function Feedback({
  feedback,
  helpfulYes,
  helpfulNo,
  reply,
}: {
  feedback: { helpful: boolean; comment: string } | null;
  helpfulYes: number;
  helpfulNo: number;
  reply: KbReply | undefined;
}) {
  const t = useT();
  const errors = reply?.errors ?? {};
  const answers = helpfulYes + helpfulNo;
  return (
    <section id="feedback" className="card kb-helpful" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t("kbArticle.wasHelpful")}</h2>
      {feedback ? (
        <p className="alert alert-success" role="status">
          {feedback.helpful ? t("kbArticle.thanksHelped") : t("kbArticle.thanksDidNotHelp")}
        </p>
      ) : null}
      <Form method="post" preventScrollReset className="kb-helpful-choice">
        <input type="hidden" name="intent" value="feedback" />
        <button type="submit" name="helpful" value="yes" className="button" aria-pressed={feedback?.helpful === true}>
          {t("kbArticle.yes")}
        </button>
        <button type="submit" name="helpful" value="no" className="button" aria-pressed={feedback?.helpful === false}>
          {t("kbArticle.no")}
        </button>
      </Form>
      {errors.helpful ? (
        <p className="field-error" role="alert">
          {errors.helpful}
        </p>
      ) : null}
      {/* A second form, so "No" can come with a comment without JavaScript. */}
      <details className="kb-helpful-comment" open={feedback?.helpful === false || !!errors.comment}>
        <summary className="link-button">{feedback?.helpful === false ? t("kbArticle.tellMissing") : t("kbArticle.didNotHelpTellMissing")}</summary>
        <Form method="post" preventScrollReset className="flag-form stack" key={feedback?.comment ?? ""}>
          <input type="hidden" name="intent" value="feedback" />
          <input type="hidden" name="helpful" value="no" />
          <TextArea
            label={t("kbArticle.lookingFor")}
            name="comment"
            rows={3}
            maxLength={1000}
            defaultValue={reply?.values.comment ?? feedback?.comment ?? ""}
            error={errors.comment}
            hint={t("kbArticle.lookingForHint")}
          />
          <div>
            <button type="submit" className="button button-small">
              {t("kbArticle.sendDidNotHelp")}
            </button>
          </div>
        </Form>
      </details>
      {answers ? (
        <p className="muted kb-helpful-count">{t("kbArticle.helpfulCount", { count: answers, yes: helpfulYes })}</p>
      ) : null}
    </section>
  );
}
