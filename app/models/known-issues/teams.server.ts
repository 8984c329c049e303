// The brand's teams, for admins (/admin/teams): who owns a known issue and
// where it is routed (routing.server.ts). A team's route is nowhere, an
// email address, or a webhook of its own (source "team", made, changed and
// removed here, in the team's transaction; its deliveries are logged on
// /admin/webhooks/:id). Only staff ever read a team: the public pages, feeds
// and API show none of it. Every change is audit-logged.
//
// Deleting a team that owns known issues detaches them: they keep their
// threads, status and history, and have no owning team (so are routed
// nowhere) until staff give them another.
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import type { TeamRoute } from "../../../db/enums";
import { knownIssues, teams, webhooks } from "../../../db/schema";
import { ME_TOO_THRESHOLD_MAX, ME_TOO_THRESHOLD_MIN, teamSchema, type TeamFields, type TeamInput } from "../../forms/teams";
import { refusedWith } from "../../i18n/message";
import { actorT } from "../../i18n/messages.server";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { createTeamWebhook, deleteTeamWebhook, refusesPrivateAddress, updateTeamWebhook } from "../notify/webhooks.server";

export type Team = typeof teams.$inferSelect;
type Failure = { ok: false; errors: FieldErrors };

/** A team as admins see it: its route, the address it goes to, its webhook's state, and how many known issues it owns. */
export type TeamView = {
  id: number;
  name: string;
  description: string;
  route: TeamRoute;
  routeEmail: string;
  meTooThreshold: number;
  webhook: { id: number; url: string; disabled: boolean } | null;
  knownIssueCount: number;
  createdAt: Date;
};

function findTeam(db: DbOrTx, id: number): Team {
  const team = db.select().from(teams).where(eq(teams.id, id)).get();
  if (!team) throw refusedWith(404, "teams.notFound");
  return team;
}

function viewsOf(db: DbOrTx, rows: Team[]): TeamView[] {
  const ids = rows.map((team) => team.id);
  const hookIds = rows.map((team) => team.webhookId).filter((id): id is number => id !== null);
  const hooks = new Map(
    (hookIds.length ? db.select({ id: webhooks.id, url: webhooks.url, disabledAt: webhooks.disabledAt }).from(webhooks).where(inArray(webhooks.id, hookIds)).all() : []).map((hook) => [
      hook.id,
      hook,
    ]),
  );
  const owned = new Map(
    (ids.length
      ? db.select({ teamId: knownIssues.teamId, n: count() }).from(knownIssues).where(inArray(knownIssues.teamId, ids)).groupBy(knownIssues.teamId).all()
      : []
    ).map((row) => [row.teamId!, row.n]),
  );
  return rows.map((team) => {
    const hook = team.webhookId === null ? undefined : hooks.get(team.webhookId);
    return {
      id: team.id,
      name: team.name,
      description: team.description,
      route: team.route,
      routeEmail: team.routeEmail,
      meTooThreshold: team.meTooThreshold,
      webhook: hook ? { id: hook.id, url: hook.url, disabled: hook.disabledAt !== null } : null,
      knownIssueCount: owned.get(team.id) ?? 0,
      createdAt: team.createdAt,
    };
  });
}

// ---------------------------------------------------------------- reading

/** Every team, by name, with its route: admins only. */
export function listTeams(db: Db, actor: Actor): TeamView[] {
  assertCan(actor, "admin.teams");
  return viewsOf(db, db.select().from(teams).orderBy(sql`${teams.name} collate nocase`, teams.id).all());
}

/** One team with its route: admins only. */
export function getTeam(db: Db, actor: Actor, id: number): TeamView {
  assertCan(actor, "admin.teams");
  return viewsOf(db, [findTeam(db, id)])[0]!;
}

/**
 * The teams to choose an owner from, for the staff's known-issue forms: ids
 * and names only (no route). The caller has checked that the reader is staff.
 */
export function teamChoices(db: DbOrTx): { id: number; name: string }[] {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(sql`${teams.name} collate nocase`, teams.id).all();
}

// ---------------------------------------------------------------- writing

/** The fields validated, the name free, the webhook's address allowed: the fields, or the messages beside the fields. */
function validate(db: DbOrTx, actor: Actor, input: TeamInput, teamId: number | null): { ok: true; fields: TeamFields } | Failure {
  const t = actorT(actor);
  const parsed = teamSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= t(issue.message, { min: ME_TOO_THRESHOLD_MIN, max: issue.code === "too_big" ? Number(issue.maximum) : ME_TOO_THRESHOLD_MAX }) as string;
    }
    return { ok: false, errors };
  }
  const fields = parsed.data;
  const errors: FieldErrors = {};
  const taken = db
    .select({ id: teams.id })
    .from(teams)
    .where(and(sql`lower(${teams.name}) = lower(${fields.name})`, teamId === null ? undefined : ne(teams.id, teamId)))
    .get();
  if (taken) errors.name = t("teams.form.nameTaken", { name: fields.name });
  if (fields.route === "webhook" && refusesPrivateAddress(db, fields.routeUrl)) errors.routeUrl = t("webhooks.form.urlPrivate");
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}

/** What a team's row holds of its route: only the address of the route chosen. */
function routeColumns(fields: TeamFields) {
  return { route: fields.route, routeEmail: fields.route === "email" ? fields.routeEmail : "" };
}

/** The audit's picture of a team: its route and where it leads. */
function auditedTeam(team: { name: string; description: string; route: TeamRoute; routeEmail: string; meTooThreshold: number }, url: string | null) {
  return { name: team.name, description: team.description, route: team.route, routeEmail: team.routeEmail, routeUrl: url ?? "", meTooThreshold: team.meTooThreshold };
}

/**
 * Adds a team. A route by webhook makes the team's webhook, whose secret is
 * returned to show the admin once (it is on the webhook's page afterwards).
 */
export function createTeam(db: Db, actor: Actor, input: TeamInput & { now?: Date }): ({ ok: true; id: number; webhookId: number | null; secret: string | null }) | Failure {
  assertCan(actor, "admin.teams");
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    // Inside the transaction, so that two admins cannot both take a name.
    const checked = validate(tx, actor, input, null);
    if (!checked.ok) return checked;
    const { fields } = checked;
    const hook = fields.route === "webhook" ? createTeamWebhook(tx, { url: fields.routeUrl, teamName: fields.name, createdById: actor!.id, now }) : null;
    const team = tx
      .insert(teams)
      .values({ name: fields.name, description: fields.description, ...routeColumns(fields), webhookId: hook?.id ?? null, meTooThreshold: fields.meTooThreshold, createdAt: now })
      .returning()
      .get();
    recordAudit(tx, { actorId: actor!.id, action: "team.create", targetType: "team", targetId: team.id, details: auditedTeam(team, hook?.url ?? null), at: now });
    return { ok: true as const, id: team.id, webhookId: hook?.id ?? null, secret: hook?.secret ?? null };
  });
}

/**
 * Changes a team. Its webhook follows the route: made (with a new secret,
 * returned to show once) when the route becomes a webhook, its address
 * changed when it stays one (the secret and the log stay), removed with its
 * log when the route is no longer a webhook.
 */
export function editTeam(db: Db, actor: Actor, input: TeamInput & { teamId: number; now?: Date }): ({ ok: true; id: number; webhookId: number | null; secret: string | null }) | Failure {
  assertCan(actor, "admin.teams");
  const now = input.now ?? new Date();
  const before = findTeam(db, input.teamId);
  return db.transaction((tx) => {
    const checked = validate(tx, actor, input, before.id);
    if (!checked.ok) return checked;
    const { fields } = checked;
    const beforeUrl = before.webhookId === null ? null : (tx.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.id, before.webhookId)).get()?.url ?? null);
    let webhookId = before.webhookId;
    let secret: string | null = null;
    if (fields.route === "webhook" && webhookId !== null) {
      updateTeamWebhook(tx, webhookId, { url: fields.routeUrl, teamName: fields.name });
    } else if (fields.route === "webhook") {
      const hook = createTeamWebhook(tx, { url: fields.routeUrl, teamName: fields.name, createdById: actor!.id, now });
      webhookId = hook.id;
      secret = hook.secret;
    }
    const dropped = fields.route !== "webhook" ? webhookId : null;
    if (dropped !== null) webhookId = null;
    const team = tx
      .update(teams)
      .set({ name: fields.name, description: fields.description, ...routeColumns(fields), webhookId, meTooThreshold: fields.meTooThreshold })
      .where(eq(teams.id, before.id))
      .returning()
      .get()!;
    if (dropped !== null) deleteTeamWebhook(tx, dropped);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "team.edit",
      targetType: "team",
      targetId: team.id,
      details: { before: auditedTeam(before, beforeUrl), after: auditedTeam(team, fields.route === "webhook" ? fields.routeUrl : null) },
      at: now,
    });
    return { ok: true as const, id: team.id, webhookId, secret };
  });
}

/**
 * Deletes a team, its webhook and that webhook's log. The known issues it
 * owned are detached (no owning team), never deleted; their ids are in the
 * audit entry. Returns the team's name and how many issues were detached.
 */
export function deleteTeam(db: Db, actor: Actor, input: { teamId: number; now?: Date }): { ok: true; name: string; detached: number } {
  assertCan(actor, "admin.teams");
  const now = input.now ?? new Date();
  const team = findTeam(db, input.teamId);
  return db.transaction((tx) => {
    const detached = tx
      .update(knownIssues)
      .set({ teamId: null })
      .where(eq(knownIssues.teamId, team.id))
      .returning({ id: knownIssues.id })
      .all()
      .map((row) => row.id);
    const url = team.webhookId === null ? null : (tx.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.id, team.webhookId)).get()?.url ?? null);
    tx.delete(teams).where(eq(teams.id, team.id)).run();
    if (team.webhookId !== null) deleteTeamWebhook(tx, team.webhookId);
    recordAudit(tx, { actorId: actor!.id, action: "team.delete", targetType: "team", targetId: team.id, details: { ...auditedTeam(team, url), detachedKnownIssues: detached }, at: now });
    return { ok: true as const, name: team.name, detached: detached.length };
  });
}
