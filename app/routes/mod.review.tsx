import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { reviewDecisionSchema } from "~/forms/moderation";
import { approveHeldPost, listHeldPosts, rejectHeldPost } from "~/models/moderation/review.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.review.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(listHeldPosts(context.db, user));
}

type DecisionReply = { postId: number; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse members before reading the form (the layout's loader does not guard actions).
  assertCan(user, "thread.moderate");
  const form = await readForm(request);
  const parsed = parseForm(reviewDecisionSchema, form, context.language);
  if (!parsed.ok) {
    const postId = Number(form.get("postId"));
    if (!Number.isSafeInteger(postId) || postId <= 0 || parsed.errors.decision) throw new Response(serverT(context.language)("mod.errors.incompleteDecision"), { status: 400 });
    return json<DecisionReply>({ postId, errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const { postId, decision, reason } = parsed.data;
  const result = decision === "approve" ? approveHeldPost(context.db, user, postId) : rejectHeldPost(context.db, user, postId, reason);
  if (!result.ok) return json<DecisionReply>({ postId, errors: result.errors, values: { reason } }, { status: 409 });
  return redirect("/mod/review");
}

export default function ReviewQueue() {
  const { posts, total } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as DecisionReply | undefined;
  const t = useT();
  if (!posts.length) return <p className="empty">{t("mod.review.empty")}</p>;
  return (
    <section aria-labelledby="review-title" className="stack">
      <h2 id="review-title">
        {t("mod.review.heading", { count: total })}
        {total > posts.length ? <span className="muted"> {t("mod.review.oldestBelow", { n: posts.length })}</span> : null}
      </h2>
      <p className="muted">{t("mod.review.intro")}</p>
      <ul className="flag-queue stack">
        {posts.map((post) => {
          const mine = reply?.postId === post.id ? reply : undefined;
          return (
            <li key={post.id} className="card flag-item" id={`held-${post.id}`}>
              <p>
                <span className="badge">{t(`mod.kinds.${post.kind}`)}</span> {t("mod.review.by")}{" "}
                <Link to={`/mod/users/${post.authorUsername}`}>@{post.authorUsername}</Link>{" "}
                <span className="muted">
                  {t("mod.review.joined")} <RelativeTime date={post.authorCreatedAt} />
                  {t("mod.review.reputation", { n: post.authorReputation })}
                </span>{" "}
                {t("mod.review.in")} <Link to={`/t/${post.threadId}/${post.threadSlug}#post-${post.id}`}>{post.threadTitle}</Link>
              </p>
              <div className="flag-excerpt post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
              <p className="muted">
                {t(`mod.review.why.${post.why}`)} <RelativeTime date={post.heldAt} />
              </p>
              <FormAlert message={mine?.errors.form} />
              <div className="form-actions flag-actions">
                <Form method="post">
                  <input type="hidden" name="postId" value={post.id} />
                  <button type="submit" name="decision" value="approve" className="button button-small button-primary">
                    {t("mod.review.approve")}
                  </button>
                </Form>
                <details className="flag-hide" open={!!mine?.errors.reason}>
                  <summary className="button button-small button-danger">{t("mod.review.reject")}</summary>
                  <Form method="post" noValidate className="stack">
                    <input type="hidden" name="postId" value={post.id} />
                    <Field
                      id={`reject-reason-${post.id}`}
                      label={t("mod.review.rejectReason")}
                      name="reason"
                      maxLength={500}
                      defaultValue={mine?.values.reason ?? ""}
                      error={mine?.errors.reason}
                    />
                    <div>
                      <button type="submit" name="decision" value="reject" className="button button-small button-danger">
                        {t("mod.review.rejectAndDelete")}
                      </button>
                    </div>
                  </Form>
                </details>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
