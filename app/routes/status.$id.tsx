import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormAlert } from "~/components/field";
import { SeverityBadge } from "~/components/incident-banner";
import { MarkdownEditor } from "~/components/markdown-editor";
import { RelativeTime } from "~/components/relative-time";
import { incidentIdFrom, incidentUpdateSchema, linkThreadSchema, resolveSchema, unlinkThreadSchema } from "~/forms/incident";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { useCategoryName } from "~/components/brand-words";
import { getIncidentPage } from "~/models/moderation/incident-views.server";
import { linkThread, postIncidentUpdate, resolveIncident, unlinkThread, type IncidentActionResult } from "~/models/moderation/incident.server";
import { assertCan } from "~/policy.server";
import { formValues, parseForm, readForm, type FieldErrors } from "~/utils/form.server";
import { excerpt } from "~/utils/markdown.server";
import { threadPath } from "~/utils/paths";
import { withPageMeta } from "~/utils/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return data
    ? withPageMeta(
        matches,
        [
          { title: data.incident.resolvedAt ? t("incidentPage.resolvedTitle", { title: data.incident.title }) : t("incidentPage.title", { title: data.incident.title }) },
          { name: "description", content: data.description },
        ],
        `/status/${data.incident.id}`,
      )
    : [{ title: t("incidentPage.notFound") }];
};

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
      const parsed = parseForm(incidentUpdateSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      result = postIncidentUpdate(context.db, user, { incidentId, body: parsed.data.body });
      break;
    }
    case "resolve": {
      const parsed = parseForm(resolveSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      result = resolveIncident(context.db, user, { incidentId, note: parsed.data.note });
      break;
    }
    case "link": {
      const parsed = parseForm(linkThreadSchema, form, context.language);
      if (!parsed.ok) return reply(parsed.errors);
      result = linkThread(context.db, user, { incidentId, thread: parsed.data.thread });
      break;
    }
    case "unlink": {
      const parsed = parseForm(unlinkThreadSchema, form, context.language);
      if (!parsed.ok) return reply({ form: translatorFor(context.language)("incidentPage.unreadableThread") });
      result = unlinkThread(context.db, user, { incidentId, threadId: parsed.data.threadId });
      break;
    }
    default:
      throw new Response("refused.unknownAction", { status: 400 });
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
  const t = useT();
  const categoryName = useCategoryName();

  return (
    <article className="page-medium stack-lg incident-page" aria-labelledby="incident-title">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/status">{t("incidentPage.crumb")}</Link>
        </p>
        <div className="page-header-row">
          <h1 id="incident-title">{incident.title}</h1>
          {canManage ? (
            <Link to={`/status/${incident.id}/edit`} className="button">
              {t("pages.edit")}
            </Link>
          ) : null}
        </div>
        <p className="incident-facts">
          <SeverityBadge severity={incident.severity} />{" "}
          {resolved ? <span className="badge badge-resolved">{t("incidentPage.resolved")}</span> : <span className="badge badge-open">{t("incidentPage.open")}</span>}{" "}
          <span className="muted">
            {incident.categoryName ? (
              <>
                {t("statusList.affects")} <Link to={`/c/${incident.categorySlug}`}>{categoryName(incident.categorySlug, incident.categoryName)}</Link>
              </>
            ) : (
              t("statusList.affectsAll")
            )}{" "}
            · {t("statusList.opened")} <RelativeTime date={incident.createdAt} /> {t("incidentPage.by", { name: incident.authorName })}
            {incident.resolvedAt ? (
              <>
                {" "}
                · {t("statusList.resolved")} <RelativeTime date={incident.resolvedAt} />
                {incident.resolvedByName ? ` ${t("incidentPage.by", { name: incident.resolvedByName })}` : ""}
              </>
            ) : null}
          </span>
        </p>
      </header>

      {resolved ? (
        <p className="alert alert-success">{t("incidentPage.isResolved")}</p>
      ) : null}

      <div className="card">
        <div className="post-body" dangerouslySetInnerHTML={{ __html: incident.bodyHtml }} />
      </div>

      <section aria-labelledby="updates" className="stack">
        <h2 id="updates">{t("incidentPage.updates")}</h2>
        {updates.length ? (
          <ol className="incident-timeline">
            {updates.map((update) => (
              <li key={update.id} className={update.closing ? "incident-update incident-update-closing" : "incident-update"}>
                <p className="incident-update-meta muted">
                  {update.closing ? <strong className="incident-update-label">{t("incidentPage.resolved")} · </strong> : null}
                  <RelativeTime date={update.createdAt} /> · {update.authorName}
                </p>
                <div className="post-body" dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{resolved ? t("incidentPage.noUpdates") : t("incidentPage.noUpdatesYet")}</p>
        )}
      </section>

      {canManage && !resolved ? (
        <section aria-labelledby="post-update-title" className="card stack">
          <h2 id="post-update-title">{t("incidentPage.postUpdate")}</h2>
          <Form method="post" noValidate className="stack" preventScrollReset key={`update-${updates.length}`}>
            <input type="hidden" name="intent" value="update" />
            <FormAlert message={replyFor("update")?.errors.form} />
            <MarkdownEditor
              name="body"
              label={t("incidentPage.update")}
              rows={5}
              required
              defaultValue={replyFor("update")?.values.body}
              error={replyFor("update")?.errors.body}
              hint={t("incidentPage.updateHint", { markdown: t("markdownEditor.hint") })}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("incidentPage.postTheUpdate")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {canManage && !resolved ? (
        <section aria-labelledby="resolve-title" className="card stack">
          <h2 id="resolve-title">{t("incidentPage.resolveHeading")}</h2>
          <p className="muted">{t("incidentPage.resolveText")}</p>
          <Form method="post" noValidate className="stack" preventScrollReset>
            <input type="hidden" name="intent" value="resolve" />
            <FormAlert message={replyFor("resolve")?.errors.form} />
            <MarkdownEditor
              name="note"
              label={t("incidentPage.closingNote")}
              rows={4}
              required
              defaultValue={replyFor("resolve")?.values.note}
              error={replyFor("resolve")?.errors.note}
              hint={t("incidentPage.closingNoteHint")}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t("incidentPage.markResolved")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="related" className="stack">
        <h2 id="related">{t("incidentPage.relatedQuestions")}</h2>
        <FormAlert message={replyFor("unlink")?.errors.form} />
        {threads.length ? (
          <ul className="incident-threads">
            {threads.map((thread) => (
              <li key={thread.id}>
                <Link to={threadPath(thread)}>{thread.title}</Link>{" "}
                <span className="muted">
                  · {t("incidentPage.answerCount", { count: thread.answerCount })}
                  {thread.solved ? ` · ${t("incidentPage.solved")}` : ""}
                </span>
                {canManage ? (
                  <Form method="post" className="inline-form" preventScrollReset>
                    <input type="hidden" name="intent" value="unlink" />
                    <input type="hidden" name="threadId" value={thread.id} />{" "}
                    <button type="submit" className="button button-small" disabled={busy}>
                      {t("incidentPage.unlink")}
                      <span className="visually-hidden"> {t("incidentPage.quotedTitle", { title: thread.title })}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("incidentPage.noLinked")}</p>
        )}
        {canManage ? (
          <Form method="post" noValidate className="filter-bar" preventScrollReset key={`link-${threads.length}`}>
            <input type="hidden" name="intent" value="link" />
            <Field
              label={t("incidentPage.linkLabel")}
              name="thread"
              defaultValue={replyFor("link")?.values.thread}
              error={replyFor("link")?.errors.thread}
              autoComplete="off"
              hint={t("incidentPage.linkHint")}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("incidentPage.linkSubmit")}
            </button>
          </Form>
        ) : null}
      </section>
    </article>
  );
}
