// Admins' teams (/admin/teams): each team with its route (nowhere, an email
// address, or its webhook, linked to the webhook's delivery log), its "me
// too" threshold and how many known issues it owns. Adding and editing a
// team, and deleting it, are on /admin/teams/new and /admin/teams/:id
// (admin.teams_.$id.tsx). Staff only ever: nothing here reaches the public.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { FormSuccess } from "~/components/field";
import { metaT, useT } from "~/i18n/i18n";
import { listTeams } from "~/models/known-issues/teams.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("teams.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return json({ teams: listTeams(context.db, user) });
}

const deletedQuery = z.coerce.number().int().min(0).max(1_000_000);

/** A team's route in words: where its known issues go. */
function TeamRouteText({ team }: { team: { route: string; routeEmail: string; webhook: { id: number; url: string; disabled: boolean } | null } }) {
  const t = useT();
  if (team.route === "email") return <>{t("teams.routeTo.email", { email: team.routeEmail })}</>;
  if (team.route === "webhook" && team.webhook) {
    return (
      <>
        {t("teams.routeTo.webhook", { url: team.webhook.url })}
        {team.webhook.disabled ? ` ${t("teams.webhookOff")}` : ""} · <Link to={`/admin/webhooks/${team.webhook.id}`}>{t("teams.webhookLog")}</Link>
      </>
    );
  }
  return <>{t("teams.routeTo.none")}</>;
}

export default function AdminTeams() {
  const { teams } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const deleted = params.has("deleted") ? deletedQuery.safeParse(params.get("deleted")) : null;
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="teams-title">
        <h2 id="teams-title">{t("teams.title")}</h2>
        <p className="muted">{t("teams.intro")}</p>
        {deleted?.success ? <FormSuccess message={deleted.data ? t("teams.deleted", { count: deleted.data }) : t("teams.deletedNone")} /> : null}
        {teams.length ? (
          <ul className="sso-provider-list team-list">
            {teams.map((team) => (
              <li key={team.id} className="sso-provider">
                <h3>
                  <Link to={`/admin/teams/${team.id}`}>{team.name}</Link>
                </h3>
                {team.description ? <p>{team.description}</p> : null}
                <dl className="sso-provider-facts">
                  <dt>{t("teams.routeLabel")}</dt>
                  <dd>
                    <TeamRouteText team={team} />
                  </dd>
                  <dt>{t("teams.fields.threshold")}</dt>
                  <dd>{t("teams.thresholdFact", { count: team.meTooThreshold })}</dd>
                </dl>
                <p className="muted">{t("teams.knownIssues", { count: team.knownIssueCount })}</p>
                <div className="form-actions">
                  <Link className="button button-small" to={`/admin/teams/${team.id}`}>
                    {t("teams.open")}
                    <span className="visually-hidden"> {team.name}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("teams.none")}</p>
        )}
        <p className="team-list-add">
          <Link className="button button-primary" to="/admin/teams/new">
            {t("teams.addLink")}
          </Link>
        </p>
      </section>
    </div>
  );
}
