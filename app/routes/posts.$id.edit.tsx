import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { Field, TextArea } from "~/components/field";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { body, commentEditSchema, editReason as reason, TAGS_MAX, tagList, title } from "~/forms/thread";
import { metaT, useT } from "~/i18n/i18n";
import { editPost, getPostForEdit } from "~/models/forum/post.server";
import { threadPath } from "~/utils/paths";
import { formValues, idParam, parseForm, readForm, type FieldErrors } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("postEdit.title") }];

function postIdFrom(params: { id?: string }) {
  return idParam(params.id, "forumServer.notFound.post");
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { post, thread, tags } = getPostForEdit(context.db, user, postIdFrom(params));
  return json({
    post: { id: post.id, kind: post.kind, body: post.body },
    thread: { id: thread.id, slug: thread.slug, title: thread.title },
    tags: tags.join(", "),
  });
}

const SCHEMAS = {
  question: z.object({ title, body, tags: tagList.default(""), reason }),
  answer: z.object({ body, reason }),
  comment: z.object({ body: commentEditSchema, reason }),
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const postId = postIdFrom(params);
  const { post } = getPostForEdit(context.db, user, postId);
  const form = await readForm(request);
  const parsed = parseForm(SCHEMAS[post.kind], form, context.language);
  if (!parsed.ok) return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = editPost(context.db, user, postId, parsed.data);
  if (!result.ok) return json<{ errors: FieldErrors; values: Record<string, string> }>({ errors: result.errors, values: formValues(form) }, { status: 400 });
  const { thread } = result;
  return redirect(`${threadPath(thread)}#post-${post.kind === "comment" ? (post.parentId ?? post.id) : post.id}`);
}

export default function EditPost() {
  const t = useT();
  const { post, thread, tags } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: FieldErrors = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const heading = { question: t("postEdit.editQuestion"), answer: t("postEdit.editAnswer"), comment: t("postEdit.editComment") };
  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to={threadPath(thread)}>{thread.title}</Link> › {t("postEdit.breadcrumb")}
        </p>
        <h1>{heading[post.kind]}</h1>
        <p className="lede">{t("postEdit.lede")}</p>
      </header>
      <Form method="post" noValidate className="card stack">
        {post.kind === "question" ? (
          <Field label={t("postEdit.titleLabel")} name="title" required defaultValue={values.title ?? thread.title} error={errors.title} />
        ) : null}
        {post.kind === "comment" ? (
          <TextArea label={t("postEdit.commentLabel")} name="body" rows={3} required defaultValue={values.body ?? post.body} error={errors.body} />
        ) : (
          <MarkdownEditor name="body" label={t("postEdit.textLabel")} rows={14} required defaultValue={values.body ?? post.body} error={errors.body} hint={MARKDOWN_HINT} />
        )}
        {post.kind === "question" ? (
          <Field
            label={t("postEdit.tagsLabel")}
            name="tags"
            defaultValue={values.tags ?? tags}
            error={errors.tags}
            hint={t("postEdit.tagsHint", { max: TAGS_MAX })}
          />
        ) : null}
        <Field
          label={t("postEdit.reasonLabel")}
          name="reason"
          defaultValue={values.reason}
          error={errors.reason}
          hint={t("postEdit.reasonHint")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("postEdit.save")}
          </button>
          <Link to={threadPath(thread)} className="button">
            {t("postEdit.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
