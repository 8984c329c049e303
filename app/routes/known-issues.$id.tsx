// /known-issues/:id: a known issue as customers read it (status, description,
// public history, linked incident and article, the questions that report it,
// "Me too"), and for staff, on the same page, a staff section: team and
// internal note, the askers' answers since the fix, and the forms to change
// the status, link and unlink threads, edit and merge. A merged issue's page
// redirects (301) to the issue it was merged into.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert, TextArea } from "~/components/field";
import { KnownIssueFields } from "~/components/known-issue-fields";
import { KnownIssueStatusBadge, knownIssueStatusLabel } from "~/components/known-issue-status";
import { RelativeTime } from "~/components/relative-time";
import { STATUS_NOTE_MAX } from "~/forms/known-issue-limits";
import { knownIssueIdFromReference, knownIssueSchema, linkSchema, mergeSchema, statusSchema, unlinkSchema } from "~/forms/known-issues.server";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { knownIssuePage } from "~/models/known-issues/known-issue-pages.server";
import { editKnownIssue, linkThread, mergeKnownIssues, setKnownIssueStatus, unlinkThread } from "~/models/known-issues/known-issues.server";
import { assertCan } from "~/policy.server";
import { excerpt } from "~/utils/markdown.server";
import { formValues, idParam, parseForm, readIntent, readForm, type FieldErrors } from "~/utils/form.server";
import { withPageMeta } from "~/utils/page-meta";
import { threadIdFromReference, threadPath } from "~/utils/paths";
import { KNOWN_ISSUE_STATUSES } from "../../db/enums";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  if (!data) return [{ title: t("knownIssues.page.notFound") }];
  const { issue } = data;
  return withPageMeta(
    matches,
    [{ title: t("knownIssues.page.title", { title: issue.title, status: knownIssueStatusLabel(t, issue.status) }) }, { name: "description", content: data.description }],
    `/known-issues/${issue.id}`,
  );
};

const issueIdFrom = (params: { id?: string }) => idParam(params.id, "knownIssues.errors.notFound");

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = knownIssuePage(context.db, context.user, issueIdFrom(params));
  if (found.mergedInto !== null) throw redirect(`/known-issues/${found.mergedInto}`, 301);
  return json({ ...found.page, description: excerpt(found.page.issue.descriptionHtml, 160) });
}

const INTENTS = ["edit", "status", "link", "unlink", "merge"] as const;
type Intent = (typeof INTENTS)[number];
type IssueReply = { intent: Intent; errors: FieldErrors; values: Record<string, string> };

/** Where each form's success leads back to on the page. */
const ANCHOR: Record<Intent, string> = { edit: "#staff", status: "#history", link: "#threads", unlink: "#threads", merge: "" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Every form on this page is staff's: refuse before reading it.
  assertCan(user, "knownIssue.manage");
  const issueId = issueIdFrom(params);
  const form = await readForm(request);
  const intent = readIntent(form, INTENTS);
  const values = formValues(form);
  const t = translatorFor(context.language);
  const reply = (errors: FieldErrors) => json<IssueReply>({ intent, errors, values }, { status: 400 });
  const done = (result: { ok: true } | { ok: false; errors: FieldErrors }, to = `/known-issues/${issueId}${ANCHOR[intent]}`) =>
    result.ok ? redirect(to) : reply(result.errors);

  switch (intent) {
    case "edit": {
      const parsed = parseForm(knownIssueSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      const { title, description, team, incident, article, internalNote } = parsed.data;
      return done(editKnownIssue(context.db, user, { issueId, title, description, teamId: team, incidentId: incident, articleId: article, internalNote }));
    }
    case "status": {
      const parsed = parseForm(statusSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      return done(setKnownIssueStatus(context.db, user, { issueId, status: parsed.data.status, note: parsed.data.note }));
    }
    case "link": {
      const parsed = parseForm(linkSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      const threadId = threadIdFromReference(parsed.data.thread);
      if (threadId === null) return reply({ thread: t("knownIssues.form.threadReference") });
      return done(linkThread(context.db, user, { issueId, threadId, move: parsed.data.move === "1" }));
    }
    case "unlink": {
      const parsed = parseForm(unlinkSchema, form, context.language);
      if (!parsed.ok) return reply({ form: t("knownIssues.form.notLinked") });
      return done(unlinkThread(context.db, user, { issueId, threadId: parsed.data.threadId }));
    }
    case "merge": {
      const parsed = parseForm(mergeSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      const intoId = knownIssueIdFromReference(parsed.data.into);
      if (intoId === null) return reply({ into: t("knownIssues.form.mergeUnknown") });
      return done(mergeKnownIssues(context.db, user, { fromId: issueId, intoId }), `/known-issues/${intoId}`);
    }
  }
}

export default function KnownIssuePage() {
  const { issue, updates, incident, article, threads, meToo, signedIn, staff } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as IssueReply | undefined;
  const replyFor = (intent: Intent) => (reply?.intent === intent ? reply : undefined);
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const issuePath = `/known-issues/${issue.id}`;

  return (
    <article className="page-medium stack-lg known-issue-page" aria-labelledby="known-issue-title">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/known-issues">{t("knownIssues.page.crumb")}</Link>
        </p>
        <h1 id="known-issue-title">{issue.title}</h1>
        <p className="incident-facts">
          <KnownIssueStatusBadge status={issue.status} />{" "}
          <span className="muted">
            {t("knownIssues.page.reported")} <RelativeTime date={issue.createdAt} /> · {t("knownIssues.page.updated")} <RelativeTime date={issue.updatedAt} />
            {issue.fixedAt ? (
              <>
                {" "}
                · {t("knownIssues.page.fixed")} <RelativeTime date={issue.fixedAt} />
              </>
            ) : null}
          </span>
        </p>
      </header>

      <div className="card">
        <div className="post-body" dangerouslySetInnerHTML={{ __html: issue.descriptionHtml }} />
      </div>

      {incident || article ? (
        <section aria-labelledby="related-title" className="stack">
          <h2 id="related-title">{t("knownIssues.page.related")}</h2>
          <ul className="incident-threads">
            {incident ? (
              <li>
                {t("knownIssues.page.incident")} <Link to={`/status/${incident.id}`}>{incident.title}</Link>
                {incident.resolved ? <span className="muted"> · {t("knownIssues.page.incidentResolved")}</span> : null}
              </li>
            ) : null}
            {article ? (
              <li>
                {t("knownIssues.page.article")} <Link to={`/kb/${article.slug}`}>{article.title}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section id="me-too" aria-labelledby="me-too-title" className="card stack">
        <h2 id="me-too-title">{t("knownIssues.meToo.heading")}</h2>
        <p>{t("knownIssues.meToo.count", { count: meToo.count })}</p>
        {meToo.mine ? (
          <p className="muted">{t("knownIssues.meToo.said")}</p>
        ) : meToo.canSay ? (
          <Form method="post" action={`${issuePath}/me-too`} className="form-actions">
            <input type="hidden" name="intent" value="me-too" />
            <input type="hidden" name="redirectTo" value={`${issuePath}#me-too`} />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("knownIssues.meToo.button")}
              <span className="visually-hidden"> {t("knownIssues.meToo.about", { title: issue.title })}</span>
            </button>
          </Form>
        ) : !signedIn ? (
          <p className="muted">
            <Link to={`/login?redirectTo=${encodeURIComponent(issuePath)}`}>{t("knownIssues.meToo.signIn")}</Link>
          </p>
        ) : null}
      </section>

      <section id="history" aria-labelledby="history-title" className="stack">
        <h2 id="history-title">{t("knownIssues.page.history")}</h2>
        <ol className="incident-timeline">
          {updates.map((update) => (
            <li key={update.id} className="incident-update">
              <p className="incident-update-meta muted">
                <KnownIssueStatusBadge status={update.status} /> · <RelativeTime date={update.createdAt} />
              </p>
              {update.note ? <p>{update.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section id="threads" aria-labelledby="threads-title" className="stack">
        <h2 id="threads-title">{t("knownIssues.page.threads")}</h2>
        {staff ? <FormAlert message={replyFor("unlink")?.errors.form} /> : null}
        {threads.length ? (
          <ul className={`incident-threads known-issue-threads${staff ? " known-issue-threads-staff" : ""}`}>
            {threads.map((thread) => (
              <li key={thread.id}>
                <Link to={threadPath(thread)}>{thread.title}</Link>{" "}
                <span className="muted known-issue-thread-facts">
                  · {t("knownIssues.page.answers", { count: thread.answerCount })}
                  {thread.solved ? ` · ${t("knownIssues.page.solved")}` : ""}
                  {thread.hidden ? ` · ${t("knownIssues.page.hiddenThread")}` : ""}
                </span>
                {staff ? (
                  <Form method="post" className="inline-form" preventScrollReset>
                    <input type="hidden" name="intent" value="unlink" />
                    <input type="hidden" name="threadId" value={thread.id} />{" "}
                    <button type="submit" className="button button-small" disabled={busy}>
                      {t("knownIssues.staff.unlink")}
                      <span className="visually-hidden"> {t("knownIssues.staff.quoted", { title: thread.title })}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("knownIssues.page.noThreads")}</p>
        )}
      </section>

      {staff ? (
        <section id="staff" aria-labelledby="staff-title" className="stack-lg known-issue-staff">
          <h2 id="staff-title">{t("knownIssues.staff.heading")}</h2>
          <dl className="outbox-facts card">
            <dt>{t("knownIssues.staff.team")}</dt>
            <dd>{staff.team ? staff.team.name : t("knownIssues.staff.noTeam")}</dd>
            <dt>{t("knownIssues.staff.internalNote")}</dt>
            <dd>{staff.internalNote || t("knownIssues.staff.noNote")}</dd>
          </dl>

          <section aria-labelledby="checks-title" className="card stack">
            <h3 id="checks-title">{t("knownIssues.staff.checks")}</h3>
            {staff.checks.rows.length ? (
              <>
                <p>
                  {t("knownIssues.staff.checkCounts", { solved: staff.checks.solved, notSolved: staff.checks.notSolved, waiting: staff.checks.waiting })}
                </p>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">{t("knownIssues.staff.checkThread")}</th>
                        <th scope="col">{t("knownIssues.staff.checkAsker")}</th>
                        <th scope="col">{t("knownIssues.staff.checkAnswer")}</th>
                        <th scope="col">{t("knownIssues.staff.checkWhen")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {staff.checks.rows.map((row) => (
                        <tr key={row.threadId}>
                          <td>
                            <Link to={threadPath({ id: row.threadId, slug: row.threadSlug })}>{row.threadTitle}</Link>
                          </td>
                          <td>
                            <Link to={`/u/${row.askerUsername}`}>{row.askerName}</Link>
                          </td>
                          <td>
                            {row.answer === "solved"
                              ? t("knownIssues.staff.answerSolved")
                              : row.answer === "not_solved"
                                ? t("knownIssues.staff.answerNotSolved")
                                : t("knownIssues.staff.answerWaiting")}
                          </td>
                          <td>
                            {row.answeredAt ? <RelativeTime date={row.answeredAt} /> : <span className="muted">{t("knownIssues.staff.askedAt")} <RelativeTime date={row.askedAt} /></span>}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : (
              <p className="muted">{t("knownIssues.staff.noChecks")}</p>
            )}
          </section>

          <section aria-labelledby="status-title" className="card stack">
            <h3 id="status-title">{t("knownIssues.staff.changeStatus")}</h3>
            <p className="muted">{t("knownIssues.staff.changeStatusHelp")}</p>
            <Form method="post" noValidate className="stack" preventScrollReset>
              <input type="hidden" name="intent" value="status" />
              <FormAlert message={replyFor("status")?.errors.form} />
              <div className={`field${replyFor("status")?.errors.status ? " field-invalid" : ""}`}>
                <label htmlFor="field-status">{t("knownIssues.staff.status")}</label>
                <select id="field-status" name="status" defaultValue={replyFor("status")?.values.status ?? issue.status}>
                  {KNOWN_ISSUE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {knownIssueStatusLabel(t, status)}
                    </option>
                  ))}
                </select>
                {replyFor("status")?.errors.status ? (
                  <p className="field-error" role="alert">
                    {replyFor("status")?.errors.status}
                  </p>
                ) : null}
              </div>
              <TextArea
                label={t("knownIssues.staff.note")}
                name="note"
                rows={3}
                maxLength={STATUS_NOTE_MAX}
                defaultValue={replyFor("status")?.values.note}
                error={replyFor("status")?.errors.note}
                hint={t("knownIssues.staff.noteHint")}
              />
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t("knownIssues.staff.saveStatus")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="link-title" className="card stack">
            <h3 id="link-title">{t("knownIssues.staff.link")}</h3>
            <Form method="post" noValidate className="stack" preventScrollReset key={`link-${threads.length}`}>
              <input type="hidden" name="intent" value="link" />
              <Field
                label={t("knownIssues.staff.linkLabel")}
                name="thread"
                defaultValue={replyFor("link")?.values.thread}
                error={replyFor("link")?.errors.thread}
                autoComplete="off"
                hint={t("knownIssues.staff.linkHint")}
              />
              <label className="radio">
                <input type="checkbox" name="move" value="1" defaultChecked={replyFor("link")?.values.move === "1"} /> {t("knownIssues.staff.move")}
              </label>
              <div className="form-actions">
                <button type="submit" className="button" disabled={busy}>
                  {t("knownIssues.staff.linkSubmit")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="edit-title" className="card stack">
            <h3 id="edit-title">{t("knownIssues.staff.edit")}</h3>
            <Form method="post" noValidate className="stack" preventScrollReset>
              <input type="hidden" name="intent" value="edit" />
              <FormAlert message={replyFor("edit")?.errors.form} />
              <KnownIssueFields choices={staff.choices} values={replyFor("edit")?.values ?? staff.values} errors={replyFor("edit")?.errors ?? {}} />
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t("knownIssues.staff.save")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="merge-title" className="card stack">
            <h3 id="merge-title">{t("knownIssues.staff.merge")}</h3>
            <p className="muted">{t("knownIssues.staff.mergeHelp")}</p>
            <Form method="post" noValidate className="filter-bar" preventScrollReset>
              <input type="hidden" name="intent" value="merge" />
              <div className={`field${replyFor("merge")?.errors.into ? " field-invalid" : ""}`}>
                <label htmlFor="field-into">{t("knownIssues.staff.mergeInto")}</label>
                <select id="field-into" name="into" defaultValue={replyFor("merge")?.values.into ?? ""} aria-describedby={replyFor("merge")?.errors.into ? "into-error" : undefined}>
                  <option value="">{t("knownIssues.staff.mergeChoose")}</option>
                  {staff.mergeTargets.map((target) => (
                    <option key={target.id} value={String(target.id)}>
                      {t("knownIssues.staff.mergeOption", { id: target.id, title: target.title })}
                    </option>
                  ))}
                </select>
                {replyFor("merge")?.errors.into ? (
                  <p className="field-error" id="into-error" role="alert">
                    {replyFor("merge")?.errors.into}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="button button-danger" disabled={busy}>
                {t("knownIssues.staff.mergeSubmit")}
              </button>
            </Form>
          </section>
        </section>
      ) : null}
    </article>
  );
}
