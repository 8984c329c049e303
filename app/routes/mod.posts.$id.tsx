import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert, TextArea } from "~/components/field";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { hidePostSchema, MOD_REASON_MAX } from "~/forms/moderation";
import { getPostModeration, hidePost, unhidePost } from "~/models/moderation/moderation.server";
import { idParam, parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { hiddenReasonText } from "~/utils/hidden-reason";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.post.title") }];

function postIdFrom(params: { id?: string }) {
  return idParam(params.id, "staffServer.notFound.post");
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { post, thread, author, hiddenBy } = getPostModeration(context.db, user, postIdFrom(params));
  return json({
    post: {
      id: post.id,
      kind: post.kind,
      bodyHtml: post.bodyHtml,
      createdAt: post.createdAt,
      deleted: !!post.deletedAt,
      hiddenAt: post.hiddenAt,
      hiddenReason: post.hiddenReason,
    },
    thread: { id: thread.id, slug: thread.slug, title: thread.title },
    author,
    hiddenBy,
  });
}

type HideReply = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const postId = postIdFrom(params);
  // Members and visitors are refused here, before the form is even read.
  const { post, thread } = getPostModeration(context.db, user, postId);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "unhide") {
    unhidePost(context.db, user, postId);
  } else if (intent === "hide") {
    const parsed = parseForm(hidePostSchema, form, context.language);
    if (!parsed.ok) return json<HideReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = hidePost(context.db, user, postId, parsed.data.reason);
    if (!result.ok) return json<HideReply>({ errors: result.errors, values: { reason: parsed.data.reason } }, { status: 400 });
  } else {
    throw new Response(serverT(context.language)("mod.errors.unknownAction"), { status: 400 });
  }
  return redirect(`${threadPath(thread)}#post-${post.kind === "comment" ? (post.parentId ?? post.id) : post.id}`);
}

export default function HidePost() {
  const { post, thread, author, hiddenBy } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as HideReply | undefined;
  const t = useT();
  // Each kind has its own words: in French a question and an answer are feminine, a comment masculine.
  const words = (key: string) => t(`mod.post.${key}.${post.kind}`);
  return (
    <div className="stack-lg page-medium">
      <section className="card stack" aria-labelledby="post-title">
        <h2 id="post-title">
          {post.hiddenAt ? words("hiddenHeading") : words("hideHeading")}{" "}
          <Link to={`/u/${author.username}`}>{author.displayName} (@{author.username})</Link>
        </h2>
        <p className="muted">
          {t("mod.post.in")} <Link to={`${threadPath(thread)}#post-${post.id}`}>{thread.title}</Link> · {words("written")}{" "}
          <RelativeTime date={post.createdAt} />
        </p>
        <div className="post-body mod-post-excerpt" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </section>
      {post.hiddenAt ? (
        <section className="card stack" aria-labelledby="unhide-title">
          <h2 id="unhide-title">{t("mod.post.hiddenTitle")}</h2>
          <p>
            {words("hiddenWhen")} <RelativeTime date={post.hiddenAt} />
            {hiddenBy ? ` ${t("mod.post.hiddenBy", { name: hiddenBy.displayName, username: hiddenBy.username })}` : ""}
            {t("mod.colon")}
            {hiddenReasonText(t, post.hiddenReason)}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="unhide" />
            <button type="submit" className="button">
              {words("unhide")}
            </button>
          </Form>
        </section>
      ) : (
        <section className="card stack" aria-labelledby="hide-title">
          <h2 id="hide-title">{t("mod.post.hideTitle")}</h2>
          <p className="muted">
            {words("hideEffect")}
          </p>
          <FormAlert message={reply?.errors.form} />
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="hide" />
            <TextArea
              label={t("mod.post.reason")}
              name="reason"
              rows={3}
              required
              maxLength={MOD_REASON_MAX}
              defaultValue={reply?.values.reason ?? ""}
              error={reply?.errors.reason}
            />
            <div className="form-actions">
              <button type="submit" className="button button-danger">
                {words("hide")}
              </button>
              <Link to={`${threadPath(thread)}#post-${post.id}`}>{t("mod.cancel")}</Link>
            </div>
          </Form>
        </section>
      )}
      {author.role === "member" ? (
        <p>
          <Link to={`/mod/users/${author.username}`}>{t("mod.suspendUser", { username: author.username })}</Link>
        </p>
      ) : null}
    </div>
  );
}
