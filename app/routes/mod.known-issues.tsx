// /mod/known-issues: every known issue for staff, with its owning team and
// what the askers said since the fix, filtered by status and team. A filter
// that names nothing is said beside the filters (400), never an error page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { FormAlert } from "~/components/field";
import { KnownIssueStatusBadge, knownIssueStatusLabel } from "~/components/known-issue-status";
import { RelativeTime } from "~/components/relative-time";
import { statusFilterFrom } from "~/forms/known-issues.server";
import { metaT, translatorFor, useT } from "~/i18n/i18n";
import { knownIssuesStaffList } from "~/models/known-issues/known-issue-pages.server";
import { KNOWN_ISSUE_STATUSES } from "../../db/enums";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("knownIssues.mod.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const query = new URL(request.url).searchParams;
  const t = translatorFor(context.language);
  const errors: Record<string, string> = {};
  const filter = statusFilterFrom(query.get("status"));
  if (filter.error) errors.status = t(filter.error, { status: (query.get("status") ?? "").slice(0, 40) });
  const rawTeam = query.get("team") ?? "";
  const teamId = /^\d{1,15}$/.test(rawTeam) ? Number(rawTeam) : null;
  if (rawTeam && teamId === null) errors.team = t("knownIssues.form.teamUnknown");
  const list = knownIssuesStaffList(context.db, user, { status: filter.status, teamId });
  if (teamId !== null && !list.teams.some((team) => team.id === teamId)) errors.team = t("knownIssues.form.teamUnknown");
  const failed = Object.keys(errors).length > 0;
  return json({ ...list, values: { status: filter.status ?? "", team: rawTeam }, errors }, { status: failed ? 400 : 200 });
}

export default function ModKnownIssues() {
  const { issues, teams, values, errors } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack-lg">
      <div className="section-header">
        <h2>{t("knownIssues.mod.title")}</h2>
        <div className="header-actions">
          <Link to="/known-issues" className="button">
            {t("knownIssues.mod.publicPage")}
          </Link>{" "}
          <Link to="/mod/known-issues/new" className="button button-primary">
            {t("knownIssues.mod.new")}
          </Link>
        </div>
      </div>
      <p className="muted">{t("knownIssues.mod.lede")}</p>

      <Form method="get" className="filter-bar" aria-label={t("knownIssues.mod.filters")}>
        <div className={`field${errors.status ? " field-invalid" : ""}`}>
          <label htmlFor="filter-status">{t("knownIssues.list.statusLabel")}</label>
          <select id="filter-status" name="status" defaultValue={values.status} aria-describedby={errors.status ? "status-error" : undefined}>
            <option value="">{t("knownIssues.list.allStatuses")}</option>
            {KNOWN_ISSUE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {knownIssueStatusLabel(t, status)}
              </option>
            ))}
          </select>
          {errors.status ? (
            <p className="field-error" id="status-error" role="alert">
              {errors.status}
            </p>
          ) : null}
        </div>
        <div className={`field${errors.team ? " field-invalid" : ""}`}>
          <label htmlFor="filter-team">{t("knownIssues.mod.team")}</label>
          <select id="filter-team" name="team" defaultValue={errors.team ? "" : values.team} aria-describedby={errors.team ? "team-error" : undefined}>
            <option value="">{t("knownIssues.mod.allTeams")}</option>
            {teams.map((team) => (
              <option key={team.id} value={String(team.id)}>
                {team.name}
              </option>
            ))}
          </select>
          {errors.team ? (
            <p className="field-error" id="team-error" role="alert">
              {errors.team}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("knownIssues.list.show")}
        </button>
      </Form>
      <FormAlert message={errors.form} />

      {issues.length ? (
        <div className="table-wrap">
          <table className="table table-cards known-issues-table">
            <thead>
              <tr>
                <th scope="col">{t("knownIssues.mod.issue")}</th>
                <th scope="col">{t("knownIssues.list.statusLabel")}</th>
                <th scope="col">{t("knownIssues.mod.team")}</th>
                <th scope="col">{t("knownIssues.mod.threads")}</th>
                <th scope="col">{t("knownIssues.mod.meToos")}</th>
                <th scope="col">{t("knownIssues.mod.checks")}</th>
                <th scope="col">{t("knownIssues.mod.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue) => (
                <tr key={issue.id}>
                  <td className="known-issues-table-title">
                    <Link to={`/known-issues/${issue.id}`}>{issue.title}</Link>
                  </td>
                  <td data-label={t("knownIssues.list.statusLabel")}>
                    <KnownIssueStatusBadge status={issue.status} />
                  </td>
                  <td data-label={t("knownIssues.mod.team")}>{issue.teamName ?? <span className="muted">{t("knownIssues.staff.noTeam")}</span>}</td>
                  <td data-label={t("knownIssues.mod.threads")}>{issue.threadCount}</td>
                  <td data-label={t("knownIssues.mod.meToos")}>{issue.meTooCount}</td>
                  <td data-label={t("knownIssues.mod.checks")}>
                    {issue.solved + issue.notSolved + issue.waiting
                      ? t("knownIssues.staff.checkCounts", { solved: issue.solved, notSolved: issue.notSolved, waiting: issue.waiting })
                      : <span className="muted">{t("knownIssues.mod.noChecks")}</span>}
                  </td>
                  <td data-label={t("knownIssues.mod.updated")}>
                    <RelativeTime date={issue.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t("knownIssues.mod.none")}</p>
      )}
    </div>
  );
}
