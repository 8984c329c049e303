// "Delete my account": the person is anonymised, not removed. Their row
// stays (posts, votes, the reputation ledger and the audit log point at it),
// renamed "a former member", with every personal detail and every way in
// gone; their posts stay where they were. Votes stay counted: the vote rows
// still point at the row, but the row no longer names anyone, so nobody can
// tell who voted. The ledger keeps their points (a total always equals its
// rows); the leaderboards leave deleted accounts out.
//
// The person proves it is them: their password, or for an account without
// one (single sign-on) a sign-in less than 10 minutes old; and they type
// their username, so that no slip of the mouse deletes an account.
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import {
  accountTokens,
  dataExports,
  loginAttempts,
  notifications,
  oidcProviders,
  outboxMessages,
  recoveryCodes,
  sessions,
  userIdentities,
  users,
  watches,
} from "../../../db/schema";
import { currentPasswordProblem } from "./user.server";
import { DEFAULT_LANGUAGE } from "../../i18n/languages";
import { wordsFor } from "./account-words.server";
import type { Actor } from "../../policy";
import { FORMER_MEMBER_NAME, formerMemberEmail, formerMemberUsername } from "../../utils/former-member";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { exportView, latestOwnExport, type ExportView } from "./data-export.server";

/** How recent a single-sign-on session must be to delete the account without a password. */
export const FRESH_SIGN_IN_SECONDS = 10 * 60;

export type ProviderLink = { slug: string; label: string; href: string };

/** How the person proves it is them before deleting: their password, or a fresh single sign-on. */
export type Reauthentication =
  | { method: "password" }
  | { method: "sso"; fresh: boolean; providers: ProviderLink[] };

/** The confirmation to type: the username, exactly as shown (letters in any case). */
export function confirmationMatches(typed: string, username: string) {
  return typed.trim().toLowerCase() === username.toLowerCase();
}

function sessionIsFresh(db: DbOrTx, userId: number, sessionId: string | null, now: Date) {
  if (!sessionId) return false;
  const row = db
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .get();
  // sessions.created_at is in seconds (lucia's convention).
  return !!row && Math.floor(now.getTime() / 1000) - row.createdAt <= FRESH_SIGN_IN_SECONDS;
}

function providerLinks(db: DbOrTx, userId: number): ProviderLink[] {
  const slugs = [
    ...new Set(
      db
        .select({ provider: userIdentities.provider })
        .from(userIdentities)
        .where(eq(userIdentities.userId, userId))
        .all()
        .map((row) => row.provider),
    ),
  ];
  if (!slugs.length) return [];
  // Providers from the environment are not stored: their slug, capitalised, names them.
  const labels = new Map(
    db
      .select({ slug: oidcProviders.slug, label: oidcProviders.label })
      .from(oidcProviders)
      .where(inArray(oidcProviders.slug, slugs))
      .all()
      .map((row) => [row.slug, row.label]),
  );
  return slugs.map((slug) => ({
    slug,
    label: labels.get(slug) ?? slug.charAt(0).toUpperCase() + slug.slice(1),
    href: `/auth/${encodeURIComponent(slug)}?redirectTo=${encodeURIComponent("/settings/data")}`,
  }));
}

export function reauthenticationFor(db: DbOrTx, userId: number, sessionId: string | null, now = new Date()): Reauthentication {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (row?.passwordHash) return { method: "password" };
  return { method: "sso", fresh: sessionIsFresh(db, userId, sessionId, now), providers: providerLinks(db, userId) };
}

/** Null, or why this person may not delete their own account (the site's last administrator), in their words. */
function selfDeletionRefusal(db: DbOrTx, actor: NonNullable<Actor>): string | null {
  if (actor.role !== "admin") return null;
  const others = db
    .select({ n: count() })
    .from(users)
    // A deleted account is a member: role alone counts the live administrators.
    .where(and(eq(users.role, "admin"), ne(users.id, actor.id)))
    .get()!.n;
  return others ? null : wordsFor(actor)("accountsServer.data.lastAdmin");
}

export type MyDataPage = {
  username: string;
  export: ExportView | null;
  reauthentication: Reauthentication;
  /** Why the account may not be deleted now (the last administrator), or null. */
  deletionRefused: string | null;
};

/** /settings/data in one verb: the latest export the member asked for, and what deleting needs. */
export function myDataPage(db: Db, actor: NonNullable<Actor> & { username: string }, sessionId: string | null, now = new Date()): MyDataPage {
  const latest = latestOwnExport(db, actor.id);
  return {
    username: actor.username,
    export: latest ? exportView(latest, now) : null,
    reauthentication: reauthenticationFor(db, actor.id, sessionId, now),
    deletionRefused: selfDeletionRefusal(db, actor),
  };
}

/** A username or address no other row holds: `former-member-<id>` unless someone took it first. */
function freeName(tx: DbOrTx, userId: number, column: "username" | "email") {
  const make = column === "username" ? formerMemberUsername : formerMemberEmail;
  const col = column === "username" ? users.username : users.email;
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? make(userId) : make(userId).replace(/^former-member-(\d+)/, `former-member-$1-${n}`);
    const taken = tx.select({ id: users.id }).from(users).where(and(sql`lower(${col}) = lower(${candidate})`, ne(users.id, userId))).get();
    if (!taken) return candidate;
  }
}

/**
 * Anonymises the account, inside the caller's transaction (which also
 * writes the audit entry). Everything personal goes; what others rely on
 * (posts, votes, the ledger, the audit log) stays, pointing at this row.
 */
export function anonymiseAccount(tx: DbOrTx, userId: number, now: Date) {
  tx.update(users)
    .set({
      username: freeName(tx, userId, "username"),
      displayName: FORMER_MEMBER_NAME,
      email: freeName(tx, userId, "email"),
      bio: "",
      // No password and no linked identity: no way in is left.
      passwordHash: "",
      mustChangePassword: false,
      totpSecret: "",
      totpEnabledAt: null,
      emailVerifiedAt: null,
      emailNotifications: "off",
      // A staff account loses its powers with its person; the suspension's reason is about them.
      role: "member",
      suspendedUntil: null,
      suspendReason: "",
      // A choice of theirs like any other: nobody is written to any more.
      language: null,
      deletedAt: now,
    })
    .where(eq(users.id, userId))
    .run();
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.delete(userIdentities).where(eq(userIdentities.userId, userId)).run();
  tx.delete(accountTokens).where(eq(accountTokens.userId, userId)).run();
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  tx.delete(watches).where(eq(watches.userId, userId)).run();
  tx.delete(notifications).where(eq(notifications.userId, userId)).run();
  tx.delete(dataExports).where(eq(dataExports.userId, userId)).run();
  tx.delete(loginAttempts).where(eq(loginAttempts.key, `account:${userId}`)).run();
  // Emails to them carry their address and what they were told: sent or waiting, they go.
  tx.delete(outboxMessages).where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "email"))).run();
  // The search log keeps no user id (only "signed in or not"), so there is no search history to remove.
}

export type DeletionInput = { password: string; confirmation: string };
export type DeletionResult = { ok: true } | { ok: false; errors: FieldErrors; throttled?: boolean };

/**
 * Deletes the signed-in person's own account, once they have proved it is
 * them and typed their username. Wrong passwords count against the same
 * per-account limit as sign-in attempts.
 */
export async function deleteOwnAccount(
  db: Db,
  actor: NonNullable<Actor> & { username: string },
  sessionId: string | null,
  input: DeletionInput,
  now = new Date(),
): Promise<DeletionResult> {
  const refused = selfDeletionRefusal(db, actor);
  if (refused) return { ok: false, errors: { form: refused } };
  const t = wordsFor(actor);
  const errors: FieldErrors = {};
  let throttled = false;
  if (!confirmationMatches(input.confirmation, actor.username)) {
    errors.confirmation = t("accountsServer.data.confirmUsername", { username: actor.username });
  }
  const reauth = reauthenticationFor(db, actor.id, sessionId, now);
  if (reauth.method === "password") {
    const wrong = await currentPasswordProblem(db, actor.id, input.password, now.getTime(), actor.language ?? DEFAULT_LANGUAGE);
    if (wrong) {
      errors.password = wrong.message;
      throttled = wrong.throttled;
    }
  } else if (!reauth.fresh) {
    errors.form = t("accountsServer.data.signInAgain", { count: FRESH_SIGN_IN_SECONDS / 60 });
  }
  if (Object.keys(errors).length) return throttled ? { ok: false, errors, throttled } : { ok: false, errors };

  db.transaction((tx) => {
    anonymiseAccount(tx, actor.id, now);
    recordAudit(tx, { actorId: actor.id, action: "user.delete", targetType: "user", targetId: actor.id, details: { by: "self" } });
  });
  return { ok: true };
}

