import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, FormSuccess } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { useCategoryName } from "~/components/brand-words";
import { serverT } from "~/i18n/i18n.server";
import { resolutionSchema } from "~/forms/kb";
import { reviewQueuePageFor } from "~/models/kb/review-queue-page.server";
import { resolveReview } from "~/models/kb/kb-review.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { articlePath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.kb.title") }];

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
  const parsed = parseForm(resolutionSchema, await readForm(request), context.language);
  if (!parsed.ok) {
    if (parsed.errors.reviewId) throw new Response(serverT(context.language)("mod.kb.whichReview"), { status: 400 });
    return json<ResolveReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  try {
    resolveReview(context.db, user, parsed.data.reviewId, parsed.data.resolution);
  } catch (thrown) {
    // Another moderator got there first: say so rather than show an error page.
    if (thrown instanceof Response && thrown.status === 409) {
      return json<ResolveReply>({ errors: { form: serverT(context.language)("mod.kb.alreadyResolved") }, values: {} }, { status: 409 });
    }
    throw thrown;
  }
  return redirect(`/mod/kb?resolved=${parsed.data.reviewId}`);
}

type ArticleRow = { id: number; slug: string; title: string; categoryName: string; categorySlug?: string; updatedAt: Date | string; helpfulYes: number; helpfulNo: number };

function ArticleTable({ articles, label }: { articles: ArticleRow[]; label: string }) {
  const t = useT();
  const categoryName = useCategoryName();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">{t("mod.kb.category")}</th>
            <th scope="col">{t("mod.kb.lastChange")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("mod.kb.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {articles.map((article) => (
            <tr key={article.id}>
              <td>
                <Link to={articlePath(article)}>{article.title}</Link>
              </td>
              <td>{categoryName(article.categorySlug, article.categoryName)}</td>
              <td>
                <RelativeTime date={article.updatedAt} />
              </td>
              <td>
                <Link to={`${articlePath(article)}/edit`} className="button button-small">
                  {t("mod.kb.edit")}
                  <span className="visually-hidden"> {t("mod.quoted", { title: article.title })}</span>
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
  const t = useT();

  return (
    <div className="stack-lg">
      <div className="page-header-row">
        <p className="lede">{t("mod.kb.lede")}</p>
        <Link to="/kb/new" className="button button-primary">
          {t("mod.kb.write")}
        </Link>
      </div>
      <FormSuccess message={justResolved ? t("mod.kb.resolvedMessage", { title: justResolved.articleTitle }) : undefined} />
      <FormAlert message={errors.form} />

      <section className="stack" aria-labelledby="reviews-title">
        <h2 id="reviews-title">{t("mod.kb.queueTitle", { n: openTotal })}</h2>
        {openTotal > open.length ? <p className="muted">{t("mod.kb.oldestShown", { n: open.length })}</p> : null}
        {open.length ? (
          <ul className="kb-review-list stack">
            {open.map((review) => {
              const fieldId = `resolution-${review.id}`;
              const error = Number(values.reviewId) === review.id ? errors.resolution : undefined;
              const said = comments[review.articleId] ?? [];
              return (
                <li key={review.id} className="card stack kb-review">
                  <div className="kb-review-head">
                    <span className="badge">{t(`mod.kb.reasons.${review.reason}`)}</span>
                    <h3 className="kb-review-title">
                      <Link to={articlePath({ slug: review.articleSlug })}>{review.articleTitle}</Link>
                    </h3>
                    {review.articleStatus !== "published" ? <span className="tag">{t(`mod.kb.status.${review.articleStatus}`)}</span> : null}
                  </div>
                  {review.detail ? <p className="kb-review-detail">{review.detail}</p> : null}
                  <p className="muted kb-review-meta">
                    {t("mod.kb.waitingSince")} <RelativeTime date={review.createdAt} /> ·{" "}
                    {t("mod.kb.helpful", { yes: review.helpfulYes, no: review.helpfulNo })} ·{" "}
                    <Link to={`${articlePath({ slug: review.articleSlug })}/edit`}>
                      {t("mod.kb.editArticle")}
                      <span className="visually-hidden"> {t("mod.quoted", { title: review.articleTitle })}</span>
                    </Link>
                  </p>
                  {review.reason === "feedback" && said.length ? (
                    <details className="kb-feedback">
                      <summary>{t("mod.kb.readersSaid", { n: said.length })}</summary>
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
                      <label htmlFor={fieldId}>{t("mod.kb.whatWasDone")}</label>
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
                        {t("mod.kb.resolve")}
                        <span className="visually-hidden"> {t("mod.kb.resolveWhat", { title: review.articleTitle })}</span>
                      </button>
                    </div>
                  </Form>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="empty">{t("mod.kb.noReviews")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="resolved-title">
        <h2 id="resolved-title">{t("mod.kb.resolvedTitle")}</h2>
        {resolved.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("mod.kb.article")}</th>
                  <th scope="col">{t("mod.kb.why")}</th>
                  <th scope="col">{t("mod.kb.resolvedBy")}</th>
                  <th scope="col">{t("mod.kb.when")}</th>
                  <th scope="col">{t("mod.kb.done")}</th>
                </tr>
              </thead>
              <tbody>
                {resolved.map((review) => (
                  <tr key={review.id}>
                    <td>
                      <Link to={articlePath({ slug: review.articleSlug })}>{review.articleTitle}</Link>
                    </td>
                    <td>{t(`mod.kb.reasons.${review.reason}`)}</td>
                    <td>{review.resolvedBy ? <Link to={`/u/${review.resolvedBy}`}>@{review.resolvedBy}</Link> : "—"}</td>
                    <td>{review.resolvedAt ? <RelativeTime date={review.resolvedAt} /> : "—"}</td>
                    <td className="kb-resolution">{review.resolution}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t("mod.kb.noneResolved")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="drafts-title">
        <h2 id="drafts-title">{t("mod.kb.draftsTitle", { n: drafts.length })}</h2>
        {drafts.length ? <ArticleTable articles={drafts} label={t("mod.kb.draft")} /> : <p className="empty">{t("mod.kb.noDrafts")}</p>}
      </section>

      <section className="card stack" aria-labelledby="archived-title">
        <h2 id="archived-title">{t("mod.kb.archivedTitle", { n: archived.length })}</h2>
        {archived.length ? <ArticleTable articles={archived} label={t("mod.kb.article")} /> : <p className="empty">{t("mod.kb.noArchived")}</p>}
      </section>
    </div>
  );
}
