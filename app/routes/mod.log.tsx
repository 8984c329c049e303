import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { RelativeTime } from "~/components/relative-time";
import { metaT, useT } from "~/i18n/i18n";
import { auditLogPageFor } from "~/models/moderation/audit-log-page.server";
import { auditLabel } from "~/utils/audit-labels";
import { threadPath } from "~/utils/paths";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("mod.log.title") }];

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(value)))
  .optional()
  .catch(undefined);

// Anything odd in the address is ignored rather than an error.
const logQuery = z.object({
  moderator: z.string().trim().max(50).optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  from: date,
  to: date,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = logQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(auditLogPageFor(context.db, user, query));
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

/** What an entry is about, as a link where there is a page for it. */
function Target({ entry }: { entry: Entry }) {
  const t = useT();
  if (entry.threadId && entry.threadTitle && entry.threadSlug) {
    const path = threadPath({ id: entry.threadId, slug: entry.threadSlug });
    return (
      <Link to={entry.targetType === "post" ? `${path}#post-${entry.targetId}` : path}>
        {entry.targetType === "post" ? t("mod.log.postIn", { title: entry.threadTitle }) : t("mod.quoted", { title: entry.threadTitle })}
      </Link>
    );
  }
  if (entry.targetUsername) return <Link to={`/u/${entry.targetUsername}`}>@{entry.targetUsername}</Link>;
  if (entry.articleSlug) return <Link to={`/kb/${entry.articleSlug}`}>{t("mod.quoted", { title: entry.articleTitle })}</Link>;
  // Staff read both kinds; the early-access title stays on its page, out of the log.
  if (entry.announcementKind === "status") return <Link to={`/status/${entry.targetId}`}>{t("mod.log.incident", { id: entry.targetId })}</Link>;
  if (entry.announcementKind === "early_access") return <Link to={`/early-access/${entry.targetId}`}>{t("mod.log.announcement", { id: entry.targetId })}</Link>;
  const details = entry.details as Record<string, unknown>;
  if (entry.targetType === "access_grant" && typeof details.username === "string") {
    return <Link to={`/u/${details.username}`}>@{details.username}</Link>;
  }
  if (entry.targetType === "synonym" && typeof details.term === "string") {
    const words = Array.isArray(details.synonyms) ? details.synonyms.join(", ") : String(details.synonym ?? "");
    return <span>{t("mod.log.synonym", { term: details.term, words })}</span>;
  }
  if (entry.targetType === "sign_in_provider" && typeof details.slug === "string") {
    return <span>{t("mod.log.provider", { name: String(details.label ?? details.slug) })}</span>;
  }
  if (entry.targetType === "settings") return <span>{t("mod.log.targets.settings")}</span>;
  if (entry.targetType === "category" && entry.targetId) return <span>{t("mod.log.targets.category", { id: entry.targetId })}</span>;
  if (entry.targetType === "outbox_message" && entry.targetId) {
    return <Link to={`/admin/outbox?id=${entry.targetId}`}>{t("mod.log.targets.outboxMessage", { id: entry.targetId })}</Link>;
  }
  return <span className="muted">{entry.targetId ? `${entry.targetType} #${entry.targetId}` : entry.targetType}</span>;
}

function pageHref(query: Record<string, string | number | undefined>, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value && key !== "page") params.set(key, String(value));
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/mod/log?${search}` : "/mod/log";
}

export default function AuditLog() {
  const { query, entries, hasMore, moderators, actions } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack-lg">
      <Form method="get" className="filter-bar audit-filters" aria-label={t("mod.log.filterLabel")}>
        <label>
          <span>{t("mod.log.moderator")}</span>
          <select name="moderator" defaultValue={query.moderator ?? ""}>
            <option value="">{t("mod.log.anyone")}</option>
            {moderators.map((m) => (
              <option key={m.username} value={m.username}>
                {m.displayName} (@{m.username})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("mod.log.action")}</span>
          <select name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("mod.log.anyAction")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {auditLabel(t, action)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("mod.log.from")}</span>
          <input type="date" name="from" defaultValue={query.from ?? ""} />
        </label>
        <label>
          <span>{t("mod.log.to")}</span>
          <input type="date" name="to" defaultValue={query.to ?? ""} />
        </label>
        <button type="submit" className="button">
          {t("mod.log.filter")}
        </button>
        {query.moderator || query.action || query.from || query.to ? <Link to="/mod/log">{t("mod.log.clear")}</Link> : null}
      </Form>

      {entries.length ? (
        <div className="table-wrap">
          <table className="table audit-table table-cards">
            <caption className="visually-hidden">{t("mod.log.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mod.log.when")}</th>
                <th scope="col">{t("mod.log.who")}</th>
                <th scope="col">{t("mod.log.what")}</th>
                <th scope="col">{t("mod.log.onWhat")}</th>
                <th scope="col">{t("mod.log.why")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t("mod.log.when")}>
                    <RelativeTime date={entry.createdAt} />
                  </td>
                  <td data-label={t("mod.log.who")}>
                    <Link to={`/u/${entry.actorUsername}`}>{entry.actorName}</Link>
                  </td>
                  <td data-label={t("mod.log.what")}>{auditLabel(t, entry.action, entry.details as Record<string, unknown>)}</td>
                  <td data-label={t("mod.log.onWhat")}>
                    <Target entry={entry} />
                  </td>
                  <td data-label={t("mod.log.why")}>{entry.reason || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t("mod.log.empty")}</p>
      )}

      {query.page > 1 || hasMore ? (
        <nav className="pagination" aria-label={t("mod.log.more")}>
          {query.page > 1 ? (
            <Link to={pageHref(query, query.page - 1)} rel="prev" className="button button-small">
              {t("mod.log.newer")}
            </Link>
          ) : null}
          {hasMore ? (
            <Link to={pageHref(query, query.page + 1)} rel="next" className="button button-small">
              {t("mod.log.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
