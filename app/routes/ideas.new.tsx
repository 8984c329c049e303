// /ideas/new: propose a product idea (signed in). A title, details and tags,
// checked as a question is; errors come back beside their fields with the
// text kept. Without an ideas category the page says so and posts nothing.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert } from "~/components/field";
import { FormGuardFields } from "~/components/form-guard";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { ideaSchema } from "~/forms/ideas.server";
import { TAGS_MAX, TITLE_MAX, TITLE_MIN } from "~/forms/thread";
import { metaT, useT } from "~/i18n/i18n";
import { translateMessage } from "~/i18n/messages.server";
import { ideasCategory, proposeIdea } from "~/models/ideas/ideas.server";
import { checkFormGuard, issueFormStamp } from "~/utils/form-guard.server";
import { formValues, parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("ideas.new.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  const open = !!ideasCategory(context.db);
  return json({ open, formStamp: open ? issueFormStamp(context.db) : "" });
}

type ProposeReply = { errors: FieldErrors; values: Record<string, string>; formStamp?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const values = formValues(form);
  const parsed = parseForm(ideaSchema, form, context.language);
  if (!parsed.ok) return json<ProposeReply>({ errors: parsed.errors, values }, { status: 400 });
  const guard = checkFormGuard(context.db, form);
  if (!guard.ok) {
    const { website: _honeypot, formStamp: _stamp, ...kept } = values;
    return json<ProposeReply>({ errors: { form: translateMessage(context.language, guard.message) }, values: kept, formStamp: issueFormStamp(context.db) }, { status: 400 });
  }
  const result = proposeIdea(context.db, user, parsed.data);
  if (!result.ok) return json<ProposeReply>({ errors: result.errors, values }, { status: result.throttled ? 429 : 400 });
  return redirect(threadPath(result.thread));
}

export default function ProposeIdea() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? {};

  return (
    <div className="page-medium">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/ideas">{t("ideas.page.title")}</Link> › {t("ideas.new.title")}
        </p>
        <h1>{t("ideas.new.title")}</h1>
        <p className="lede">{t("ideas.new.lede")}</p>
      </header>
      {!loaded.open ? (
        <div className="notice" role="alert">
          <p>{t("ideas.new.closed")}</p>
        </div>
      ) : (
        <>
          <FormAlert message={errors.form} />
          <Form method="post" noValidate className="card stack">
            <FormGuardFields stamp={reply?.formStamp ?? loaded.formStamp} />
            <Field
              label={t("ideas.new.titleLabel")}
              name="title"
              required
              defaultValue={values.title}
              error={errors.title}
              autoComplete="off"
              hint={t("ideas.new.titleHint", { min: TITLE_MIN, max: TITLE_MAX })}
            />
            <MarkdownEditor name="body" label={t("ideas.new.detailsLabel")} rows={10} required defaultValue={values.body} error={errors.body} hint={`${t("ideas.new.detailsHint")} ${MARKDOWN_HINT}`} />
            <Field label={t("ideas.new.tagsLabel")} name="tags" defaultValue={values.tags} error={errors.tags} hint={t("ideas.new.tagsHint", { max: TAGS_MAX })} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("ideas.new.submit")}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
