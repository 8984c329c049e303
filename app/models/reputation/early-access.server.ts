// Early access: announcements for the top contributors (from the admins'
// early-access rank) and for members a moderator granted access, never for
// anyone else. Every read goes through earlyAccessStanding, so a page, a
// forged request or a guessed id gets the same answer: the explainer, never
// the title. Only kind 'early_access' is read or written here.
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../../db/client";
import { accessGrants, announcementComments, announcements, notifications, users } from "../../../db/schema";
import { readsEarlyAccess, sightOf, visibleEarlyAccess, type Sight, liveAccounts } from "../visibility.server";
import { isStaff, refusal, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";
import type { Rank } from "../../utils/ranks";
import { recordAudit } from "../moderation/audit.server";
import { knownUsersIn } from "../forum/mention.server";
import { notify } from "../notify/notification.server";
import { earlyAccessRankOf, getRewardRules, type RewardRules } from "./reward-rules.server";

const EARLY_ACCESS = "early_access" as const;
const isEarlyAccess = eq(announcements.kind, EARLY_ACCESS);

/** Where a person stands: whether they read early access, and if not, why and how far they have to go. */
export type EarlyAccessStanding = {
  eligible: boolean;
  /** The refusal in words, when not eligible. */
  reason: string | null;
  signedIn: boolean;
  staff: boolean;
  granted: boolean;
  rank: Rank;
  reputation: number;
  /** Reputation still to earn (0 once reached). */
  toGo: number;
  /** 0 to 1, toward the rank's threshold. */
  progress: number;
  /** What the commonest ways of earning give, from the reward rules. */
  points: { answerUpvoted: number; answerAccepted: number };
};

function activeGrant(db: DbOrTx, userId: number) {
  return (
    db
      .select()
      .from(accessGrants)
      .where(and(eq(accessGrants.userId, userId), isNull(accessGrants.revokedAt)))
      .get() ?? null
  );
}

/** The actor with the thresholds in force, whatever the caller passed: the rules are read here. */
function standingUnder(db: DbOrTx, actor: Actor, rules: RewardRules): EarlyAccessStanding {
  const rank = earlyAccessRankOf(rules);
  const granted = !!actor && !!activeGrant(db, actor.id);
  const reader: Actor = actor ? { ...actor, privileges: rules.privileges } : null;
  const reason = refusal(reader, "earlyAccess.read", { granted, rank: rank.name });
  const reputation = actor?.reputation ?? 0;
  return {
    eligible: reason === null,
    reason,
    signedIn: !!actor,
    staff: isStaff(actor),
    granted,
    rank,
    reputation,
    toGo: Math.max(0, rank.min - reputation),
    progress: Math.max(0, Math.min(1, reputation / rank.min)),
    points: { answerUpvoted: rules.points.answerUpvoted, answerAccepted: rules.points.answerAccepted },
  };
}

/**
 * Headers for every early-access page: its content differs by reader, so no
 * shared cache (a CDN, a proxy) may keep one reader's copy for the next.
 */
export const PRIVATE_PAGE_HEADERS = { "Cache-Control": "private, no-store", Vary: "Cookie" } as const;

export function earlyAccessStanding(db: DbOrTx, actor: Actor): EarlyAccessStanding {
  return standingUnder(db, actor, getRewardRules(db));
}

const listColumns = {
  id: announcements.id,
  title: announcements.title,
  bodyHtml: announcements.bodyHtml,
  createdAt: announcements.createdAt,
  updatedAt: announcements.updatedAt,
  expiresAt: announcements.expiresAt,
};

function withExpiry<T extends { expiresAt: Date | null }>(row: T, now: Date) {
  return { ...row, expired: !!row.expiresAt && row.expiresAt <= now };
}

export type ListedAnnouncement = ReturnType<typeof listFor>[number];

export type EarlyAccessPage =
  | { eligible: true; standing: EarlyAccessStanding; announcements: ListedAnnouncement[] }
  | { eligible: false; standing: EarlyAccessStanding; announcements: [] };

function listFor(db: Db, sight: Sight, now: Date) {
  return db
    .select(listColumns)
    .from(announcements)
    .where(and(isEarlyAccess, visibleEarlyAccess(sight, now)))
    .orderBy(desc(announcements.createdAt), desc(announcements.id))
    .all()
    .map((row) => withExpiry(row, now));
}

/**
 * /early-access: the announcements for those who may read them (staff also
 * see the expired ones, marked); for everyone else only where they stand.
 */
export function earlyAccessPage(db: Db, actor: Actor, now = new Date()): EarlyAccessPage {
  const standing = earlyAccessStanding(db, actor);
  if (!standing.eligible) return { eligible: false, standing, announcements: [] };
  return { eligible: true, standing, announcements: listFor(db, sightOf(actor), now) };
}

export type EarlyAccessReading =
  | { eligible: true; standing: EarlyAccessStanding; announcement: ListedAnnouncement }
  | { eligible: false; standing: EarlyAccessStanding };

/**
 * One announcement. Those who may not read early access learn nothing about
 * it, not even whether the id exists: they get their standing. Readers get a
 * 404 for an id that is not an early-access announcement or has expired
 * (staff still see expired ones).
 */
export function readEarlyAccess(db: Db, actor: Actor, id: number, now = new Date()): EarlyAccessReading {
  const standing = earlyAccessStanding(db, actor);
  if (!standing.eligible) return { eligible: false, standing };
  const row = db
    .select(listColumns)
    .from(announcements)
    .where(and(eq(announcements.id, id), isEarlyAccess, visibleEarlyAccess(sightOf(actor), now)))
    .get();
  if (!row) throw refusedWith(404, "contentServer.earlyAccess.endedOrMissing");
  return { eligible: true, standing, announcement: withExpiry(row, now) };
}

/**
 * Everyone who reads early access now: members at or above the rank, members
 * with a grant in force, and staff. One query.
 */
export function earlyAccessReaders(tx: DbOrTx, rules: RewardRules = getRewardRules(tx)): number[] {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(readsEarlyAccess(earlyAccessRankOf(rules).min), liveAccounts()))
    .all()
    .map((row) => row.id);
}

export type AnnouncementInput = { title: string; body: string; expiresAt: Date | null };
export type AnnouncementResult = { ok: true; announcement: typeof announcements.$inferSelect } | { ok: false; errors: FieldErrors };

function render(db: DbOrTx, body: string) {
  return renderMarkdown(body, { knownUsers: knownUsersIn(db as Db, body) });
}

/**
 * Publishes an announcement and tells every current reader (without its
 * title: the notification only says there is one), in one transaction.
 */
export function createEarlyAccess(db: Db, actor: Actor, input: AnnouncementInput, now = new Date()): AnnouncementResult {
  assertCan(actor, "earlyAccess.manage");
  if (input.expiresAt && input.expiresAt <= now) {
    return { ok: false, errors: { expiresOn: actorT(actor)("contentServer.earlyAccess.pastDate") } };
  }
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      const announcement = tx
        .insert(announcements)
        .values({ kind: EARLY_ACCESS, title: input.title, body: input.body, bodyHtml, authorId: actor!.id, createdAt: now, expiresAt: input.expiresAt })
        .returning()
        .get();
      notify(tx, earlyAccessReaders(tx), { kind: "early_access", announcementId: announcement.id, actorId: actor!.id, now });
      recordAudit(tx, {
        actorId: actor!.id,
        action: "early_access.publish",
        targetType: "announcement",
        targetId: announcement.id,
        details: { title: input.title, expiresAt: input.expiresAt?.toISOString() ?? null },
        at: now,
      });
      return { ok: true as const, announcement };
    },
    { behavior: "immediate" },
  );
}

function findForStaff(db: DbOrTx, id: number) {
  const row = db.select().from(announcements).where(and(eq(announcements.id, id), isEarlyAccess)).get();
  if (!row) throw refusedWith(404, "contentServer.earlyAccess.notFound");
  return row;
}

/** The announcement as its editor needs it (staff only). */
export function getEarlyAccessForEdit(db: Db, actor: Actor, id: number) {
  assertCan(actor, "earlyAccess.manage");
  return findForStaff(db, id);
}

/** Edits an announcement; readers are not told again. A past date ends it now. */
export function updateEarlyAccess(db: Db, actor: Actor, id: number, input: AnnouncementInput, now = new Date()): AnnouncementResult {
  assertCan(actor, "earlyAccess.manage");
  findForStaff(db, id);
  const bodyHtml = render(db, input.body);
  return db.transaction(
    (tx) => {
      const before = findForStaff(tx, id);
      const announcement = tx
        .update(announcements)
        .set({ title: input.title, body: input.body, bodyHtml, expiresAt: input.expiresAt, updatedAt: now })
        .where(eq(announcements.id, id))
        .returning()
        .get();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "early_access.edit",
        targetType: "announcement",
        targetId: id,
        details: {
          title: input.title,
          ...(before.title !== input.title ? { previousTitle: before.title } : {}),
          expiresAt: input.expiresAt?.toISOString() ?? null,
        },
      });
      return { ok: true as const, announcement };
    },
    { behavior: "immediate" },
  );
}

/** Deletes an announcement, its comments and the notifications that pointed at it. */
export function deleteEarlyAccess(db: Db, actor: Actor, id: number) {
  assertCan(actor, "earlyAccess.manage");
  findForStaff(db, id);
  db.transaction(
    (tx) => {
      const before = findForStaff(tx, id);
      tx.delete(notifications).where(eq(notifications.announcementId, id)).run();
      tx.delete(announcementComments).where(eq(announcementComments.announcementId, id)).run();
      tx.delete(announcements).where(eq(announcements.id, id)).run();
      recordAudit(tx, { actorId: actor!.id, action: "early_access.delete", targetType: "announcement", targetId: id, details: { title: before.title } });
    },
    { behavior: "immediate" },
  );
}

export type GrantResult = { ok: true; username: string } | { ok: false; errors: FieldErrors };

/** A moderator opens early access to one member, whatever their rank, with a reason for the log. */
export function grantEarlyAccess(db: Db, actor: Actor, input: { username: string; reason: string }, now = new Date()): GrantResult {
  assertCan(actor, "earlyAccess.manage");
  const t = actorT(actor);
  return db.transaction(
    (tx) => {
      const member = tx
        .select({ id: users.id, username: users.username, role: users.role })
        .from(users)
        .where(sql`lower(${users.username}) = lower(${input.username})`)
        .get();
      if (!member) return { ok: false as const, errors: { username: t("contentServer.earlyAccess.noMember", { username: input.username }) } };
      if (member.role !== "member") return { ok: false as const, errors: { username: t("contentServer.earlyAccess.memberIsStaff", { username: member.username }) } };
      if (activeGrant(tx, member.id)) return { ok: false as const, errors: { username: t("contentServer.earlyAccess.alreadyGranted", { username: member.username }) } };
      const grant = tx
        .insert(accessGrants)
        .values({ userId: member.id, grantedById: actor!.id, reason: input.reason, createdAt: now })
        .returning({ id: accessGrants.id })
        .get();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "early_access.grant",
        targetType: "access_grant",
        targetId: grant.id,
        details: { userId: member.id, username: member.username },
        reason: input.reason,
      });
      return { ok: true as const, username: member.username };
    },
    { behavior: "immediate" },
  );
}

/** Takes a grant back at once, with a reason for the log. */
export function revokeEarlyAccess(db: Db, actor: Actor, input: { grantId: number; reason: string }, now = new Date()): GrantResult {
  assertCan(actor, "earlyAccess.manage");
  return db.transaction(
    (tx) => {
      const grant = tx
        .select({ id: accessGrants.id, userId: accessGrants.userId, username: users.username })
        .from(accessGrants)
        .innerJoin(users, eq(users.id, accessGrants.userId))
        .where(and(eq(accessGrants.id, input.grantId), isNull(accessGrants.revokedAt)))
        .get();
      if (!grant) return { ok: false as const, errors: { form: actorT(actor)("contentServer.earlyAccess.alreadyRevoked") } };
      tx.update(accessGrants)
        .set({ revokedAt: now, revokedById: actor!.id, revokeReason: input.reason })
        .where(eq(accessGrants.id, grant.id))
        .run();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "early_access.revoke",
        targetType: "access_grant",
        targetId: grant.id,
        details: { userId: grant.userId, username: grant.username },
        reason: input.reason,
      });
      return { ok: true as const, username: grant.username };
    },
    { behavior: "immediate" },
  );
}

const grantees = alias(users, "grantees");
const granters = alias(users, "granters");
const revokers = alias(users, "revokers");

function selectGrants(db: Db) {
  return db
    .select({
      id: accessGrants.id,
      username: grantees.username,
      displayName: grantees.displayName,
      reputation: grantees.reputation,
      reason: accessGrants.reason,
      createdAt: accessGrants.createdAt,
      grantedBy: granters.username,
      revokedAt: accessGrants.revokedAt,
      revokedBy: revokers.username,
      revokeReason: accessGrants.revokeReason,
    })
    .from(accessGrants)
    .innerJoin(grantees, eq(grantees.id, accessGrants.userId))
    .innerJoin(granters, eq(granters.id, accessGrants.grantedById))
    .leftJoin(revokers, eq(revokers.id, accessGrants.revokedById))
    .$dynamic();
}

export type GrantEvent = { grantId: number; kind: "grant" | "revoke"; username: string; by: string; reason: string; at: Date };

/** The grants in force, and the latest grants and revocations (staff only). */
export function listAccessGrants(db: Db, actor: Actor, historyLength = 20) {
  assertCan(actor, "earlyAccess.manage");
  const active = selectGrants(db).where(isNull(accessGrants.revokedAt)).orderBy(desc(accessGrants.createdAt), desc(accessGrants.id)).all();
  const granted = selectGrants(db).orderBy(desc(accessGrants.createdAt), desc(accessGrants.id)).limit(historyLength).all();
  const revoked = selectGrants(db)
    .where(isNotNull(accessGrants.revokedAt))
    .orderBy(desc(accessGrants.revokedAt), desc(accessGrants.id))
    .limit(historyLength)
    .all();
  const history: GrantEvent[] = [
    ...granted.map((g) => ({ grantId: g.id, kind: "grant" as const, username: g.username, by: g.grantedBy, reason: g.reason, at: g.createdAt })),
    ...revoked.map((g) => ({ grantId: g.id, kind: "revoke" as const, username: g.username, by: g.revokedBy ?? "", reason: g.revokeReason, at: g.revokedAt! })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.grantId - a.grantId || (a.kind === "revoke" ? -1 : 1))
    .slice(0, historyLength);
  return { active, history };
}
