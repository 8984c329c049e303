import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { requireUser } from "~/auth/current-user.server";
import { CategorySelect } from "~/components/category-select";
import { CategoryIncidents } from "~/components/incident-banner";
import { Field, FormAlert } from "~/components/field";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { SimilarQuestions, type Suggestion } from "~/components/similar-questions";
import { askSchema, TAGS_MAX, TITLE_MAX, TITLE_MIN } from "~/forms/thread";
import { askPageFor } from "~/models/forum/ask-page.server";
import { renderPreview } from "~/models/forum/mention.server";
import { recordDeflection } from "~/models/search/search-log.server";
import { findSimilar } from "~/models/search/search.server";
import { createThread, threadPath } from "~/models/forum/thread.server";
import { formValues, parseForm, readForm, readIntent, type FieldErrors } from "~/utils/form.server";
import { FormGuardFields } from "~/components/form-guard";
import { checkFormGuard, issueFormStamp } from "~/utils/form-guard.server";
import { metaT, useT } from "~/i18n/i18n";
import { translateMessage } from "~/i18n/messages.server";
import { DraftNotice } from "~/components/draft-notice";
import { useDraft } from "~/components/use-draft";
import { useOptionalUser } from "~/root";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("ask.title") }];

// Anyone may look for an existing answer here; posting needs an account.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.user) requireUser(request, context);
  const url = new URL(request.url);
  const title = (url.searchParams.get("title") ?? "").slice(0, TITLE_MAX * 2);
  return json({
    ...askPageFor(context.db, { title, category: url.searchParams.get("category") ?? "", signedIn: !!context.user }),
    // Only someone signed in posts from here (and their pages are never cached).
    formStamp: context.user ? issueFormStamp(context.db) : "",
  });
}

type AskReply = {
  errors?: FieldErrors;
  values: Record<string, string>;
  previewHtml?: string;
  similar?: Suggestion[];
  /** The no-JavaScript check before posting: suggestions were shown, post again to go ahead. */
  step?: boolean;
  /** A fresh form stamp when the form guard turned the question back. */
  formStamp?: string;
};

const TARGET = /^(thread|article):(\d+)$/;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = formValues(form);
  const title = values.title ?? "";

  const deflect = TARGET.exec(String(form.get("deflect") ?? ""));
  if (deflect) {
    const path = recordDeflection(context.db, { query: title, kind: deflect[1] as "thread" | "article", id: Number(deflect[2]), signedIn: !!context.user });
    if (path) return redirect(path);
    return json<AskReply>({ values, errors: { form: translateMessage(context.language, "forumServer.ask.suggestionGone") } }, { status: 404 });
  }
  // Posting is the main button; a form sent without one (Enter in an old page) posts too.
  const intent = readIntent(form, ["post", "similar", "preview", "signin", "join"], "post");
  if (intent === "similar") return json<AskReply>({ values, similar: findSimilar(context.db, title) });
  if (!context.user && (intent === "signin" || intent === "join")) {
    const back = `/ask?${new URLSearchParams({ title, category: values.category ?? "" })}`;
    return redirect(`/${intent === "join" ? "join" : "login"}?redirectTo=${encodeURIComponent(back)}`);
  }

  const user = requireUser(request, context);
  if (intent === "preview") {
    const body = values.body ?? "";
    const previewHtml = renderPreview(context.db, body, 30_000);
    return json<AskReply>({ values, previewHtml });
  }
  const parsed = parseForm(askSchema, form, context.language);
  if (!parsed.ok) return json<AskReply>({ errors: parsed.errors, values }, { status: 400 });
  if (values.checked !== "1") {
    const similar = findSimilar(context.db, parsed.data.title);
    if (similar.length) return json<AskReply>({ values: { ...values, checked: "1" }, similar, step: true });
  }
  const guard = checkFormGuard(context.db, form);
  if (!guard.ok) {
    const { website: _honeypot, formStamp: _stamp, ...kept } = values;
    return json<AskReply>({ errors: { form: translateMessage(context.language, guard.message) }, values: kept, formStamp: issueFormStamp(context.db) }, { status: 400 });
  }
  const result = createThread(context.db, user, parsed.data);
  if (!result.ok) return json<AskReply>({ errors: result.errors, values }, { status: result.throttled ? 429 : 400 });
  return redirect(threadPath(result.thread));
}

const SIMILAR_DELAY_MS = 350;
const DEFLECT_FORM = "deflect-form";
const DRAFT_FIELDS = ["title", "category", "body", "tags"] as const;

/** Suggestions that follow the title as it is typed (with JavaScript). */
function useLiveSimilar(title: string, enabled: boolean) {
  const fetcher = useFetcher<typeof loader>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!enabled) return;
    clearTimeout(timer.current);
    if (title.trim().length < 4) return;
    timer.current = setTimeout(() => fetcher.load(`/ask?${new URLSearchParams({ title })}`), SIMILAR_DELAY_MS);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title, enabled]);
  if (!enabled || title.trim().length < 4) return null;
  return fetcher.data?.similar ?? null;
}

export default function Ask() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? { title: loaded.title, category: loaded.category };
  const [title, setTitle] = useState(values.title ?? "");
  const [category, setCategory] = useState(values.category ?? "");
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const liveSimilar = useLiveSimilar(title, live);
  const similar = liveSimilar ?? data?.similar ?? loaded.similar;
  // With live suggestions the check has happened while typing.
  const checked = live || values.checked === "1";

  // The question is kept in the browser while it is written (signed in: only they can post it).
  const formRef = useRef<HTMLFormElement>(null);
  const userId = useOptionalUser()?.id;
  const draft = useDraft(formRef, loaded.signedIn && userId ? `ask:${userId}` : null, DRAFT_FIELDS);
  // A question turned back (errors, or similar questions to look at first) is a draft again.
  const { save } = draft;
  useEffect(() => {
    if (data && !("redirect" in data)) save();
  }, [data, save]);
  const forgetOnPost = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if ((submitter?.value ?? "post") === "post") draft.clear();
  };

  return (
    <div className="page-medium">
      <header className="page-header">
        <h1>{t("ask.title")}</h1>
        <p className="lede">{t("ask.lede")}</p>
      </header>
      <FormAlert message={errors.form} />
      <CategoryIncidents incidents={loaded.incidents} category={category} />
      <DraftNotice restored={draft.restored} onDiscard={draft.discard} />
      <Form
        method="post"
        noValidate
        className="card stack"
        ref={formRef}
        onSubmit={forgetOnPost}
        onChange={(e) => {
          const field = e.target as HTMLSelectElement;
          if (field.name === "category") setCategory(field.value);
        }}
      >
        {checked ? <input type="hidden" name="checked" value="1" /> : null}
        {loaded.signedIn ? <FormGuardFields stamp={data?.formStamp ?? loaded.formStamp} /> : null}
        <Field
          label={t("ask.titleLabel")}
          name="title"
          required
          defaultValue={values.title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          autoComplete="off"
          hint={t("ask.titleHint", { min: TITLE_MIN, max: TITLE_MAX })}
        />
        <SimilarQuestions suggestions={similar} step={data?.step} deflectForm={DEFLECT_FORM} />
        {live ? null : (
          <div className="form-actions">
            <button type="submit" name="intent" value="similar" formNoValidate className="button">
              {t("ask.checkSimilar")}
            </button>
          </div>
        )}
        <CategorySelect categories={loaded.categories} defaultValue={values.category} error={errors.category} />
        {loaded.signedIn ? (
          <>
            <MarkdownEditor
              name="body"
              label={t("ask.detailsLabel")}
              rows={12}
              required
              defaultValue={values.body}
              error={errors.body}
              previewHtml={data?.previewHtml}
              hint={MARKDOWN_HINT}
            />
            <Field
              label={t("ask.tagsLabel")}
              name="tags"
              defaultValue={values.tags}
              error={errors.tags}
              hint={t("ask.tagsHint", { max: TAGS_MAX })}
            />
            <div className="form-actions">
              <button type="submit" name="intent" value="post" className="button button-primary" disabled={busy}>
                {t("ask.post")}
              </button>
              <button type="submit" name="intent" value="preview" className="button">
                {t("ask.preview")}
              </button>
            </div>
          </>
        ) : (
          <div className="notice stack">
            <p>
              <strong>{t("ask.nothingAnswers")}</strong> {t("ask.signInOrJoin")}
            </p>
            <div className="form-actions">
              <button type="submit" name="intent" value="signin" formNoValidate className="button button-primary">
                {t("ask.signInToPost")}
              </button>
              <button type="submit" name="intent" value="join" formNoValidate className="button">
                {t("ask.join")}
              </button>
            </div>
          </div>
        )}
      </Form>
      {/* "This answered my question" submits this form (the buttons name it): the title typed goes with it. */}
      <Form method="post" id={DEFLECT_FORM} className="deflect-form">
        <input type="hidden" name="title" value={title} />
      </Form>
    </div>
  );
}
