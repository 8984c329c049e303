// /mod/known-issues/new: a moderator makes a known issue, from a thread
// (?thread=<id>), from a rising topic (?term=<word>), or from nothing. The
// open threads similar-question search finds are offered as checkboxes (the
// starting thread ticked), to be linked in the same step.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { KnownIssueFields } from "~/components/known-issue-fields";
import { RelativeTime } from "~/components/relative-time";
import { knownIssueSchema, threadIdsFrom } from "~/forms/known-issues.server";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { newKnownIssuePage } from "~/models/known-issues/known-issue-pages.server";
import { createKnownIssue } from "~/models/known-issues/known-issues.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("knownIssues.new.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = new URL(request.url).searchParams;
  const page = newKnownIssuePage(context.db, user, { thread: query.get("thread"), term: query.get("term") });
  const problem = page.problem ? translatorFor(context.language)(page.problem) : null;
  return json({ ...page, problem }, { status: problem ? 400 : 200 });
}

type NewReply = { errors: FieldErrors; values: Record<string, string>; threadIds: number[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "knownIssue.manage");
  const form = await readForm(request);
  const threadIds = threadIdsFrom(form);
  const parsed = parseForm(knownIssueSchema, form, context.language);
  if (!parsed.ok) return json<NewReply>({ errors: parsed.errors, values: parsed.values, threadIds }, { status: 400 });
  const { title, description, team, incident, article, internalNote } = parsed.data;
  const result = createKnownIssue(context.db, user, { title, description, teamId: team, incidentId: incident, articleId: article, internalNote, threadIds });
  if (!result.ok) {
    const values = Object.fromEntries([...form.entries()].filter(([key]) => key !== "threadId").map(([key, value]) => [key, String(value)]));
    return json<NewReply>({ errors: result.errors, values, threadIds }, { status: 400 });
  }
  return redirect(`/known-issues/${result.id}`);
}

export default function NewKnownIssue() {
  const { values, suggestions, sourceLinkedTo, problem, choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const ticked = (id: number, checked: boolean) => (reply ? reply.threadIds.includes(id) : checked);
  return (
    <div className="stack-lg">
      <p className="breadcrumbs">
        <Link to="/mod/known-issues">{t("knownIssues.mod.title")}</Link>
      </p>
      <h2>{t("knownIssues.new.title")}</h2>
      <p className="muted">{values.term ? t("knownIssues.new.fromTerm", { term: values.term }) : t("knownIssues.new.lede")}</p>
      <FormAlert message={problem ?? undefined} />
      {sourceLinkedTo ? (
        <p className="alert alert-warning">
          {t("knownIssues.new.alreadyLinked")} <Link to={`/known-issues/${sourceLinkedTo.id}`}>{sourceLinkedTo.title}</Link>
        </p>
      ) : null}

      <Form method="post" noValidate className="card stack">
        <FormAlert message={reply?.errors.form} />
        <KnownIssueFields choices={choices} values={reply?.values ?? { title: values.title }} errors={reply?.errors ?? {}} />

        <fieldset className="stack" aria-describedby={reply?.errors.threads ? "threads-error" : "threads-hint"}>
          <legend>{t("knownIssues.new.suggestions")}</legend>
          <p className="field-hint" id="threads-hint">
            {t("knownIssues.new.suggestionsHint")}
          </p>
          {reply?.errors.threads ? (
            <p className="field-error" id="threads-error" role="alert">
              {reply.errors.threads}
            </p>
          ) : null}
          {suggestions.length ? (
            <ul className="choice-list similar-list known-issue-suggestions">
              {suggestions.map((thread) => (
                <li key={thread.id}>
                  <label className="radio">
                    <input type="checkbox" name="threadId" value={thread.id} defaultChecked={ticked(thread.id, thread.checked)} />{" "}
                    <span>
                      {thread.title}
                      {thread.source ? (
                        <>
                          {" "}
                          <span className="badge">{t("knownIssues.new.source")}</span>
                        </>
                      ) : null}
                    </span>
                  </label>{" "}
                  <span className="muted known-issue-suggestion-facts">
                    {t("knownIssues.page.answers", { count: thread.answerCount })} · <RelativeTime date={thread.createdAt} /> ·{" "}
                    <Link to={threadPath(thread)} target="_blank" rel="noopener">
                      {t("knownIssues.new.open")}
                      <span className="visually-hidden"> {t("knownIssues.staff.quoted", { title: thread.title })}</span>
                    </Link>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("knownIssues.new.noSuggestions")}</p>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("knownIssues.new.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
