import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert } from "~/components/field";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { askSchema, TAGS_MAX, TITLE_MAX, TITLE_MIN } from "~/forms/thread";
import { listCategories } from "~/models/category.server";
import { knownUsersIn } from "~/models/mention.server";
import { createThread, threadPath } from "~/models/thread.server";
import { keepableValues, parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { renderMarkdown } from "~/utils/markdown.server";

export const meta: MetaFunction = () => [{ title: "Ask a question" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  const url = new URL(request.url);
  return json({ categories: listCategories(context.db), category: url.searchParams.get("category") ?? "" });
}

type AskReply = { errors?: FieldErrors; values: Record<string, string>; previewHtml?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await readForm(request);
  const values = keepableValues(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
  if (form.get("intent") === "preview") {
    const body = values.body ?? "";
    const previewHtml = body.length <= 30_000 ? renderMarkdown(body, { knownUsers: knownUsersIn(context.db, body) }) : "";
    return json<AskReply>({ values, previewHtml });
  }
  const parsed = parseForm(askSchema, form);
  if (!parsed.ok) return json<AskReply>({ errors: parsed.errors, values }, { status: 400 });
  const result = createThread(context.db, user, parsed.data);
  if (!result.ok) return json<AskReply>({ errors: result.errors, values }, { status: result.errors.form ? 429 : 400 });
  return redirect(threadPath(result.thread));
}

export default function Ask() {
  const { categories, category } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  return (
    <div className="page-medium">
      <header className="page-header">
        <h1>Ask a question</h1>
        <p className="lede">Describe your problem the way you would to a friend who knows the subject: what you tried, what you saw.</p>
      </header>
      <FormAlert message={errors.form} />
      <Form method="post" noValidate className="card stack">
        <Field
          label="Title"
          name="title"
          required
          defaultValue={values.title}
          error={errors.title}
          hint={`Say what is wrong in one sentence (${TITLE_MIN}–${TITLE_MAX} characters), e.g. “My bill doubled after the plan change”.`}
        />
        <div className={`field${errors.category ? " field-invalid" : ""}`}>
          <label htmlFor="field-category">Category</label>
          <select
            id="field-category"
            name="category"
            required
            defaultValue={values.category ?? category}
            aria-invalid={errors.category ? true : undefined}
            aria-describedby={errors.category ? "category-error" : undefined}
          >
            <option value="">Choose a category…</option>
            {categories.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.category ? (
            <p className="field-error" id="category-error" role="alert">
              {errors.category}
            </p>
          ) : null}
        </div>
        <MarkdownEditor
          name="body"
          label="Details"
          rows={12}
          required
          defaultValue={values.body}
          error={errors.body}
          previewHtml={data?.previewHtml}
          hint={MARKDOWN_HINT}
        />
        <Field
          label="Tags (optional)"
          name="tags"
          defaultValue={values.tags}
          error={errors.tags}
          hint={`Up to ${TAGS_MAX}, separated by commas or spaces: lower-case letters, digits and -, e.g. “invoice, direct-debit”.`}
        />
        <div className="form-actions">
          <button type="submit" name="intent" value="post" className="button button-primary" disabled={busy}>
            Post your question
          </button>
          <button type="submit" name="intent" value="preview" className="button">
            Preview
          </button>
        </div>
      </Form>
    </div>
  );
}
