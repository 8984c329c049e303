import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { resolutionSchema } from "~/forms/kb";
import { reviewQueuePageFor } from "~/models/kb/review-queue-page.server";
import { resolveReview } from "~/models/kb/kb-review.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { articlePath } from "~/utils/paths";

export const meta: MetaFunction = () => [{ title: "Knowledge base · Moderation" }];

const REASON_LABEL = {
  feedback: "Readers said it did not help",
  source_activity: "The source thread changed",
  manual: "Marked for review",
} as const;

const STATUS_LABEL = { draft: "Draft", published: "Published", archived: "Archived" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const resolvedId = Number(new URL(request.url).searchParams.get("resolved"));
  return json(reviewQueuePageFor(context.db, user, resolvedId));
}

type ResolveReply = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse members before reading their form, so a forged post learns nothing.
  assertCan(user, "kb.manage");
  const parsed = parseForm(resolutionSchema, await readForm(request));
  if (!parsed.ok) {
    if (parsed.errors.reviewId) throw new Response("Which review?", { status: 400 });
    return json<ResolveReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  try {
    resolveReview(context.db, user, parsed.data.reviewId, parsed.data.resolution);
  } catch (thrown) {
    // Another moderator got there first: say so rather than show an error page.
    if (thrown instanceof Response && thrown.status === 409) {
      return json<ResolveReply>({ errors: { form: "Someone else resolved this review a moment ago; it is under “Recently resolved”." }, values: {} }, { status: 409 });
    }
    throw thrown;
  }
  return redirect(`/mod/kb?resolved=${parsed.data.reviewId}`);
}

type ArticleRow = { id: number; slug: string; title: string; categoryName: string; updatedAt: Date | string; helpfulYes: number; helpfulNo: number };

function ArticleTable({ articles, label }: { articles: ArticleRow[]; label: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">Category</th>
            <th scope="col">Last change</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {articles.map((article) => (
            <tr key={article.id}>
              <td>
                <Link to={articlePath(article)}>{article.title}</Link>
              </td>
              <td>{article.categoryName}</td>
              <td>
                <RelativeTime date={article.updatedAt} />
              </td>
              <td>
                <Link to={`${articlePath(article)}/edit`} className="button button-small">
                  Edit<span className="visually-hidden"> “{article.title}”</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function KnowledgeBaseWork() {
  const { open, openTotal, resolved, comments, drafts, archived, justResolved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? {};

  return (
    <div className="stack-lg">
      <div className="page-header-row">
        <p className="lede">Keep the knowledge base right: articles readers said did not help, threads that moved on after their answer became an article, and reviews you asked for.</p>
        <Link to="/kb/new" className="button button-primary">
          Write an article
        </Link>
      </div>
      <FormSuccess message={justResolved ? `Resolved the review of “${justResolved.articleTitle}”.` : undefined} />
      <FormAlert message={errors.form} />

      <section className="stack" aria-labelledby="reviews-title">
        <h2 id="reviews-title">Review queue ({openTotal})</h2>
        {openTotal > open.length ? <p className="muted">The oldest {open.length} are shown; resolve them to see the rest.</p> : null}
        {open.length ? (
          <ul className="kb-review-list stack">
            {open.map((review) => {
              const fieldId = `resolution-${review.id}`;
              const error = Number(values.reviewId) === review.id ? errors.resolution : undefined;
              const said = comments[review.articleId] ?? [];
              return (
                <li key={review.id} className="card stack kb-review">
                  <div className="kb-review-head">
                    <span className="badge">{REASON_LABEL[review.reason]}</span>
                    <h3 className="kb-review-title">
                      <Link to={articlePath({ slug: review.articleSlug })}>{review.articleTitle}</Link>
                    </h3>
                    {review.articleStatus !== "published" ? <span className="tag">{STATUS_LABEL[review.articleStatus]}</span> : null}
                  </div>
                  {review.detail ? <p className="kb-review-detail">{review.detail}</p> : null}
                  <p className="muted kb-review-meta">
                    Waiting since <RelativeTime date={review.createdAt} /> · Helpful: {review.helpfulYes} yes, {review.helpfulNo} no ·{" "}
                    <Link to={`${articlePath({ slug: review.articleSlug })}/edit`}>
                      Edit the article<span className="visually-hidden"> “{review.articleTitle}”</span>
                    </Link>
                  </p>
                  {review.reason === "feedback" && said.length ? (
                    <details className="kb-feedback">
                      <summary>What readers said ({said.length})</summary>
                      <ul className="kb-feedback-list">
                        {said.map((item, i) => (
                          <li key={i}>
                            <q>{item.comment}</q> <RelativeTime date={item.updatedAt} />
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                  <Form method="post" noValidate className="kb-resolve-form">
                    <input type="hidden" name="reviewId" value={review.id} />
                    <div className={`field${error ? " field-invalid" : ""}`}>
                      <label htmlFor={fieldId}>What was done?</label>
                      <textarea
                        id={fieldId}
                        name="resolution"
                        rows={2}
                        required
                        maxLength={500}
                        defaultValue={Number(values.reviewId) === review.id ? values.resolution : undefined}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${fieldId}-error` : undefined}
                      />
                      {error ? (
                        <p className="field-error" id={`${fieldId}-error`} role="alert">
                          {error}
                        </p>
                      ) : null}
                    </div>
                    <div className="form-actions">
                      <button type="submit" className="button button-small button-primary" disabled={busy}>
                        Resolve<span className="visually-hidden"> the review of “{review.articleTitle}”</span>
                      </button>
                    </div>
                  </Form>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="empty">No article waits for review.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="resolved-title">
        <h2 id="resolved-title">Recently resolved</h2>
        {resolved.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Article</th>
                  <th scope="col">Why</th>
                  <th scope="col">Resolved by</th>
                  <th scope="col">When</th>
                  <th scope="col">What was done</th>
                </tr>
              </thead>
              <tbody>
                {resolved.map((review) => (
                  <tr key={review.id}>
                    <td>
                      <Link to={articlePath({ slug: review.articleSlug })}>{review.articleTitle}</Link>
                    </td>
                    <td>{REASON_LABEL[review.reason]}</td>
                    <td>{review.resolvedBy ? <Link to={`/u/${review.resolvedBy}`}>@{review.resolvedBy}</Link> : "—"}</td>
                    <td>{review.resolvedAt ? <RelativeTime date={review.resolvedAt} /> : "—"}</td>
                    <td className="kb-resolution">{review.resolution}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">Nothing resolved yet.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="drafts-title">
        <h2 id="drafts-title">Drafts ({drafts.length})</h2>
        {drafts.length ? <ArticleTable articles={drafts} label="Draft" /> : <p className="empty">No drafts. Articles saved as drafts wait here until they are published.</p>}
      </section>

      <section className="card stack" aria-labelledby="archived-title">
        <h2 id="archived-title">Archived ({archived.length})</h2>
        {archived.length ? <ArticleTable articles={archived} label="Article" /> : <p className="empty">No archived articles.</p>}
      </section>
    </div>
  );
}
