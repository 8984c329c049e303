import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { ArticleFields } from "~/components/article-fields";
import { FormAlert } from "~/components/field";
import { ARTICLE_BODY_MAX, articleSchema } from "~/forms/kb";
import { editArticlePageFor } from "~/models/kb/edit-article-page.server";
import { getArticleForEdit, updateArticle } from "~/models/kb/kb.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { articlePath } from "~/utils/paths";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit · ${data.article.title}` : "Edit article" }];

const STATUS_LABEL = { draft: "Draft", published: "Published", archived: "Archived" } as const;

function slugFrom(params: { slug?: string }) {
  if (!params.slug) throw new Response("No such article.", { status: 404 });
  return params.slug;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json(editArticlePageFor(context.db, user, slugFrom(params)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Checks the policy (and that the article exists) before the form is read.
  const { article } = getArticleForEdit(context.db, user, slugFrom(params));
  const { form, values, preview } = await readEditorForm(request, context.db, ARTICLE_BODY_MAX);
  if (preview) return preview;
  readIntent(form, ["save", "preview"], "save");

  const parsed = parseForm(articleSchema, form);
  if (!parsed.ok) return json<EditorReply>({ errors: parsed.errors, values }, { status: 400 });
  const { title, body, category, tags, note } = parsed.data;
  const result = updateArticle(context.db, user, article.id, { title, body, category, tags, note });
  if (!result.ok) return json<EditorReply>({ errors: result.errors, values }, { status: 400 });
  return redirect(articlePath(result.article));
}

export default function EditArticle() {
  const { article, category, tags, categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? { title: article.title, body: article.body, category, tags };
  const path = articlePath(article);

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/kb">Knowledge base</Link> › <Link to={path}>{article.title}</Link> › Edit
        </p>
        <h1>Edit article</h1>
        <p className="lede">
          Saving adds version {article.version + 1} to the <Link to={`${path}/history`}>article's history</Link>; earlier versions can be
          compared and restored there. The article stays {STATUS_LABEL[article.status].toLowerCase()}.
        </p>
      </header>
      <FormAlert message={errors.form} />
      <Form method="post" noValidate className="card stack">
        <ArticleFields
          values={values}
          errors={errors}
          categories={categories}
          previewHtml={reply?.previewHtml}
          noteLabel="What changed? (optional)"
          noteHint="Kept in the history, e.g. “Added the steps for the new router”."
        />
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
            Save changes
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            Preview
          </button>
          <Link to={path} className="button button-quiet">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
