import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { ArticleFields } from "~/components/article-fields";
import { FormAlert } from "~/components/field";
import { ARTICLE_BODY_MAX, articleSchema } from "~/forms/kb";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { createArticle } from "~/models/kb/kb.server";
import { newArticlePageFor } from "~/models/kb/new-article-page.server";
import { assertCan } from "~/policy.server";
import { readEditorForm, type EditorReply } from "~/utils/editor-form.server";
import { parseForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { articlePath } from "~/utils/paths";
import { refusedWith } from "~/i18n/message";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data?.source ? metaT(matches)("kbNew.promoteHeading") : metaT(matches)("kbNew.heading") },
];

/** `?answer=12` → 12; anything else that was given is a page that does not exist. */
function answerIdFrom(url: URL) {
  const raw = url.searchParams.get("answer");
  if (raw === null || raw === "") return null;
  const id = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0) throw refusedWith(404, "contentServer.article.answerGone");
  return id;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const result = newArticlePageFor(context.db, user, answerIdFrom(new URL(request.url)));
  // An answer is promoted once: the second time, go to its article.
  if (result.redirectTo !== null) throw redirect(result.redirectTo);
  return json(result.page);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // The preview saves nothing, but the editor is still the moderators' alone.
  assertCan(user, "kb.manage");
  const { form, values, preview } = await readEditorForm(request, context.db, ARTICLE_BODY_MAX);
  if (preview) return preview;
  const intent = readIntent(form, ["publish", "draft", "preview"], "draft");

  const parsed = parseForm(articleSchema, form, context.language);
  if (!parsed.ok) {
    const { answerId, ...errors } = parsed.errors;
    // A bad hidden answer id is nothing the moderator typed: say so above the form.
    if (answerId) errors.form ??= translatorFor(context.language)("kbNew.answerNotFound");
    return json<EditorReply>({ errors, values }, { status: 400 });
  }
  const result = createArticle(context.db, user, { ...parsed.data, publish: intent === "publish" });
  if (!result.ok) return json<EditorReply>({ errors: result.errors, values }, { status: result.errors.form ? 409 : 400 });
  return redirect(articlePath(result.article));
}

export default function NewArticle() {
  const { categories, draft, source } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? (draft ? { ...draft, answerId: String(draft.answerId) } : {});
  const answerId = values.answerId ?? "";
  const threadLink = source ? `${source.threadPath}#post-${source.answerId}` : null;
  const t = useT();

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/kb">{t("kbList.title")}</Link> › {source ? t("kbNew.promoteCrumb") : t("kbNew.crumb")}
        </p>
        <h1>{source ? t("kbNew.promoteHeading") : t("kbNew.heading")}</h1>
        <p className="lede">{source ? t("kbNew.promoteLede") : t("kbNew.lede")}</p>
      </header>
      {source && threadLink ? (
        <div className="notice">
          <p>
            {t("kbNew.promotingBy")} <Link to={`/u/${source.author.username}`}>{source.author.displayName}</Link> {t("kbNew.from")}{" "}
            <Link to={threadLink}>{source.threadTitle}</Link>
            {t("kbNew.promotingAfter")}
          </p>
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      <Form method="post" noValidate className="card stack">
        {answerId ? <input type="hidden" name="answerId" value={answerId} /> : null}
        <ArticleFields
          values={values}
          errors={errors}
          categories={categories}
          previewHtml={reply?.previewHtml}
          noteLabel={t("kbNew.note")}
          noteHint={t("kbNew.noteHint")}
        />
        <div className="form-actions">
          <button type="submit" name="intent" value="publish" className="button button-primary" disabled={busy}>
            {t("pages.publish")}
          </button>
          <button type="submit" name="intent" value="draft" className="button" disabled={busy}>
            {t("kbNew.saveDraft")}
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            {t("pages.preview")}
          </button>
          <Link to={threadLink ?? "/mod/kb"} className="button button-quiet">
            {t("pages.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
