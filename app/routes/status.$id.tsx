import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert } from "~/components/field";
import { SeverityBadge } from "~/components/incident-banner";
import { MarkdownEditor, MARKDOWN_HINT } from "~/components/markdown-editor";
import { RelativeTime } from "~/components/relative-time";
import { incidentIdFrom, incidentUpdateSchema, linkThreadSchema, resolveSchema, unlinkThreadSchema } from "~/forms/incident";
import { getIncidentPage } from "~/models/moderation/incident-views.server";
import { linkThread, postIncidentUpdate, resolveIncident, unlinkThread, type IncidentActionResult } from "~/models/moderation/incident.server";
import { assertCan } from "~/policy.server";
import { formValues, parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { excerpt } from "~/utils/markdown.server";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.incident.resolvedAt ? "Resolved: " : ""}${data.incident.title} · Status` }, { name: "description", content: data.description }]
    : [{ title: "Status update not found" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = getIncidentPage(context.db, context.user, incidentIdFrom(params));
  return json({ ...page, description: excerpt(page.incident.bodyHtml, 160) });
}

type StatusReply = { intent: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Every form on this page is the moderators': refuse before reading it.
  assertCan(user, "incident.manage");
  const incidentId = incidentIdFrom(params);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const values = formValues(form);
  const reply = (errors: FieldErrors) => json<StatusReply>({ intent, errors, values }, { status: 400 });

  let result: IncidentActionResult;
  switch (intent) {
    case "update": {
      const parsed = parseForm(incidentUpdateSchema, form);
      if (!parsed.ok) return reply(parsed.errors);
      result = postIncidentUpdate(context.db, user, { incidentId, body: parsed.data.body });
      break;
    }
    case "resolve": {
      const parsed = parseForm(resolveSchema, form);
      if (!parsed.ok) return reply(parsed.errors);
      result = resolveIncident(context.db, user, { incidentId, note: parsed.data.note });
      break;
    }
    case "link": {
      const parsed = parseForm(linkThreadSchema, form);
      if (!parsed.ok) return reply(parsed.errors);
      result = linkThread(context.db, user, { incidentId, thread: parsed.data.thread });
      break;
    }
    case "unlink": {
      const parsed = parseForm(unlinkThreadSchema, form);
      if (!parsed.ok) return reply({ form: "That thread could not be read. Reload the page and try again." });
      result = unlinkThread(context.db, user, { incidentId, threadId: parsed.data.threadId });
      break;
    }
    default:
      throw new Response("Unknown action.", { status: 400 });
  }
  if (!result.ok) return reply(result.errors);
  return redirect(`/status/${incidentId}${intent === "link" || intent === "unlink" ? "#related" : "#updates"}`);
}

export default function StatusPage() {
  const { incident, updates, threads, canManage } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const replyFor = (intent: string) => (reply?.intent === intent ? reply : undefined);
  const resolved = !!incident.resolvedAt;

  return (
    <article className="page-medium stack-lg incident-page" aria-labelledby="incident-title">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/status">Status</Link>
        </p>
        <div className="page-header-row">
          <h1 id="incident-title">{incident.title}</h1>
          {canManage ? (
            <Link to={`/status/${incident.id}/edit`} className="button">
              Edit
            </Link>
          ) : null}
        </div>
        <p className="incident-facts">
          <SeverityBadge severity={incident.severity} />{" "}
          {resolved ? <span className="badge badge-resolved">Resolved</span> : <span className="badge badge-open">Open</span>}{" "}
          <span className="muted">
            {incident.categoryName ? (
              <>
                Affects <Link to={`/c/${incident.categorySlug}`}>{incident.categoryName}</Link>
              </>
            ) : (
              "Affects every category"
            )}{" "}
            · opened <RelativeTime date={incident.createdAt} /> by {incident.authorName}
            {incident.resolvedAt ? (
              <>
                {" "}
                · resolved <RelativeTime date={incident.resolvedAt} />
                {incident.resolvedByName ? ` by ${incident.resolvedByName}` : ""}
              </>
            ) : null}
          </span>
        </p>
      </header>

      {resolved ? (
        <p className="alert alert-success">This problem is resolved. If you still see it, ask in the community and mention this page.</p>
      ) : null}

      <div className="card">
        <div className="post-body" dangerouslySetInnerHTML={{ __html: incident.bodyHtml }} />
      </div>

      <section aria-labelledby="updates" className="stack">
        <h2 id="updates">Updates</h2>
        {updates.length ? (
          <ol className="incident-timeline">
            {updates.map((update) => (
              <li key={update.id} className={update.closing ? "incident-update incident-update-closing" : "incident-update"}>
                <p className="incident-update-meta muted">
                  {update.closing ? <strong className="incident-update-label">Resolved · </strong> : null}
                  <RelativeTime date={update.createdAt} /> · {update.authorName}
                </p>
                <div className="post-body" dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No updates yet. {resolved ? "" : "This page changes as soon as we know more."}</p>
        )}
      </section>

      {canManage && !resolved ? (
        <section aria-labelledby="post-update-title" className="card stack">
          <h2 id="post-update-title">Post an update</h2>
          <Form method="post" noValidate className="stack" preventScrollReset key={`update-${updates.length}`}>
            <input type="hidden" name="intent" value="update" />
            <FormAlert message={replyFor("update")?.errors.form} />
            <MarkdownEditor
              name="body"
              label="Update"
              rows={5}
              required
              defaultValue={replyFor("update")?.values.body}
              error={replyFor("update")?.errors.body}
              hint={`What changed, what is next, when you expect it fixed. ${MARKDOWN_HINT}`}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                Post the update
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {canManage && !resolved ? (
        <section aria-labelledby="resolve-title" className="card stack">
          <h2 id="resolve-title">Resolve the incident</h2>
          <p className="muted">The banner disappears from every page, and the category's watchers are told it is fixed.</p>
          <Form method="post" noValidate className="stack" preventScrollReset>
            <input type="hidden" name="intent" value="resolve" />
            <FormAlert message={replyFor("resolve")?.errors.form} />
            <MarkdownEditor
              name="note"
              label="Closing note"
              rows={4}
              required
              defaultValue={replyFor("resolve")?.values.note}
              error={replyFor("resolve")?.errors.note}
              hint="What was fixed and anything customers should do now. It is shown as the last update."
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                Mark as resolved
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="related" className="stack">
        <h2 id="related">Related questions</h2>
        <FormAlert message={replyFor("unlink")?.errors.form} />
        {threads.length ? (
          <ul className="incident-threads">
            {threads.map((thread) => (
              <li key={thread.id}>
                <Link to={threadPath(thread)}>{thread.title}</Link>{" "}
                <span className="muted">
                  · {thread.answerCount} {thread.answerCount === 1 ? "answer" : "answers"}
                  {thread.solved ? " · solved" : ""}
                </span>
                {canManage ? (
                  <Form method="post" className="inline-form" preventScrollReset>
                    <input type="hidden" name="intent" value="unlink" />
                    <input type="hidden" name="threadId" value={thread.id} />{" "}
                    <button type="submit" className="button button-small" disabled={busy}>
                      Unlink<span className="visually-hidden"> “{thread.title}”</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No questions are linked to this incident.</p>
        )}
        {canManage ? (
          <Form method="post" noValidate className="filter-bar" preventScrollReset key={`link-${threads.length}`}>
            <input type="hidden" name="intent" value="link" />
            <Field
              label="Link a question"
              name="thread"
              defaultValue={replyFor("link")?.values.thread}
              error={replyFor("link")?.errors.thread}
              autoComplete="off"
              hint="Paste the question's address or type its number. Its page then points here."
            />
            <button type="submit" className="button" disabled={busy}>
              Link the question
            </button>
          </Form>
        ) : null}
      </section>
    </article>
  );
}
