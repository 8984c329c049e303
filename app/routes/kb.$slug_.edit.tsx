import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { ArticleFields } from "~/components/article-fields";
import { FormAlert } from "~/components/field";
import { ARTICLE_BODY_MAX, articleSchema } from "~/forms/kb";
import { metaT, useT } from "~/i18n/i18n";
import { editArticlePageFor } from "~/models/kb/edit-article-page.server";
import { getArticleForEdit, updateArticle } from "~/models/kb/kb.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { articlePath } from "~/utils/paths";
import { refusedWith } from "~/i18n/message";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("kbEdit.title", { title: data.article.title }) : metaT(matches)("kbEdit.heading") },
];

function slugFrom(params: { slug?: string }) {
  if (!params.slug) throw refusedWith(404, "contentServer.article.notFound");
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

  const parsed = parseForm(articleSchema, form, context.language);
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
  const t = useT();
  const stays = { draft: t("kbEdit.staysDraft"), published: t("kbEdit.staysPublished"), archived: t("kbEdit.staysArchived") }[article.status];

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/kb">{t("kbList.title")}</Link> › <Link to={path}>{article.title}</Link> › {t("pages.edit")}
        </p>
        <h1>{t("kbEdit.heading")}</h1>
        <p className="lede">
          {t("kbEdit.savingAdds", { version: article.version + 1 })} <Link to={`${path}/history`}>{t("kbEdit.historyLink")}</Link>
          {t("kbEdit.savingAddsAfter")} {stays}
        </p>
      </header>
      <FormAlert message={errors.form} />
      <Form method="post" noValidate className="card stack">
        <ArticleFields
          values={values}
          errors={errors}
          categories={categories}
          previewHtml={reply?.previewHtml}
          noteLabel={t("kbEdit.note")}
          noteHint={t("kbEdit.noteHint")}
        />
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
            {t("pages.saveChanges")}
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            {t("pages.preview")}
          </button>
          <Link to={path} className="button button-quiet">
            {t("pages.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
