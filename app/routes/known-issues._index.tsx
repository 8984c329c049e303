// /known-issues: the problems the brand knows of, what is still wrong first,
// each with its status, how many questions report it and how many said "me
// too". ?status= narrows the list; an unknown status is said beside the
// filter (with every issue listed), never an error page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/field";
import { KnownIssueStatusBadge, knownIssueStatusLabel } from "~/components/known-issue-status";
import { RelativeTime } from "~/components/relative-time";
import { statusFilterFrom } from "~/forms/known-issues.server";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { knownIssuesListPage } from "~/models/known-issues/known-issue-pages.server";
import { useSite } from "~/root";
import { withPageMeta } from "~/utils/page-meta";
import { KNOWN_ISSUE_STATUSES } from "../../db/enums";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return withPageMeta(matches, [{ title: t("knownIssues.list.title") }, { name: "description", content: t("knownIssues.list.description") }], "/known-issues");
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("status");
  const filter = statusFilterFrom(raw);
  const error = filter.error ? translatorFor(context.language)(filter.error, { status: (raw ?? "").slice(0, 40) }) : null;
  const page = knownIssuesListPage(context.db, context.user, { status: filter.status });
  return json({ ...page, status: filter.status, error }, { status: error ? 400 : 200 });
}

export default function KnownIssues() {
  const { issues, counts, status, error, canManage } = useLoaderData<typeof loader>();
  const t = useT();
  const site = useSite();
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return (
    <div className="page-medium stack-lg known-issues-page">
      <header className="page-header">
        <div className="page-header-row">
          <h1>{t("knownIssues.list.title")}</h1>
          {canManage ? (
            <Link to="/mod/known-issues" className="button">
              {t("knownIssues.list.manage")}
            </Link>
          ) : null}
        </div>
        <p className="lede">{t("knownIssues.list.lede", { brand: site.brandName })}</p>
      </header>

      <nav aria-label={t("knownIssues.list.filterLabel")}>
        <ul className="sort-tabs" role="list">
          <li>
            <Link to="/known-issues" aria-current={status === null ? "page" : undefined}>
              {t("knownIssues.list.all", { n: total })}
            </Link>
          </li>
          {KNOWN_ISSUE_STATUSES.map((value) => (
            <li key={value}>
              <Link to={`/known-issues?status=${value}`} aria-current={status === value ? "page" : undefined}>
                {t("knownIssues.list.statusCount", { status: knownIssueStatusLabel(t, value), n: counts[value] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FormAlert message={error ?? undefined} />
      {error ? (
        <Form method="get" className="filter-bar">
          <div className="field">
            <label htmlFor="status-filter">{t("knownIssues.list.statusLabel")}</label>
            <select id="status-filter" name="status" defaultValue="all">
              <option value="all">{t("knownIssues.list.allStatuses")}</option>
              {KNOWN_ISSUE_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {knownIssueStatusLabel(t, value)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("knownIssues.list.show")}
          </button>
        </Form>
      ) : null}

      {issues.length ? (
        <ul className="incident-list known-issue-list">
          {issues.map((issue) => (
            <li key={issue.id} className={`card incident-card known-issue-card known-issue-card-${issue.status}`}>
              <h2 className="known-issue-card-title">
                <Link to={`/known-issues/${issue.id}`}>{issue.title}</Link>
              </h2>
              <p className="muted incident-facts known-issue-facts">
                <KnownIssueStatusBadge status={issue.status} /> <span className="known-issue-fact">{t("knownIssues.list.threads", { count: issue.threadCount })}</span>{" "}
                <span className="known-issue-fact">· {t("knownIssues.meToo.count", { count: issue.meTooCount })}</span>{" "}
                <span className="known-issue-fact">
                  · {t("knownIssues.list.updated")} <RelativeTime date={issue.updatedAt} />
                </span>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{status ? t("knownIssues.list.noneWithStatus", { status: knownIssueStatusLabel(t, status) }) : t("knownIssues.list.none")}</p>
      )}
    </div>
  );
}
