// What admins do to a member's account from /mod/users/<username>: prepare
// their data, delete the account (the same anonymisation as "Delete my
// account"), and turn off their two-factor sign-in when they lost their
// authenticator. Admins only (the admin settings' rule), each audit-logged.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { recoveryCodes, users } from "../../../db/schema";
import { can, type Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { getUserModeration } from "../moderation/moderation.server";
import { recordAudit } from "../moderation/audit.server";
import { siteUrl } from "../notify/notification-email.server";
import { queueOutboxMessages } from "../notify/outbox.server";
import { getSiteSettings } from "../site/settings.server";
import { anonymiseAccount, confirmationMatches } from "./account-deletion.server";
import { exportView, insertPendingExport, latestAdminExport, pendingExport, type ExportView } from "./data-export.server";

// The admins' actions share the rule of the admin settings: administrators
// only, and not while suspended.
const ADMIN_ACTION = "admin.settings" as const;

export type Outcome = { ok: true; message: string } | { ok: false; errors: FieldErrors };
export type DeletionOutcome = { ok: true; message: string; username: string } | { ok: false; errors: FieldErrors };

function targetOf(db: Db, userId: number) {
  const target = db.select().from(users).where(eq(users.id, userId)).get();
  if (!target) throw new Response("No such member.", { status: 404, statusText: "Not Found" });
  return target;
}

export type AccountAdminPanel = {
  twoFactorOn: boolean;
  export: ExportView | null;
};

/**
 * /mod/users/<username> in one verb: the moderators' view of the member
 * (getUserModeration), whether the account was deleted, and for admins the
 * account tools' state.
 */
export function memberAdminPage(db: Db, actor: Actor, username: string, now = new Date()) {
  const { user } = getUserModeration(db, actor, username, now);
  const row = targetOf(db, user.id);
  let admin: AccountAdminPanel | null = null;
  if (can(actor, ADMIN_ACTION) && !row.deletedAt) {
    const latest = latestAdminExport(db, row.id);
    admin = { twoFactorOn: !!row.totpEnabledAt || row.totpSecret !== "", export: latest ? exportView(latest, now) : null };
  }
  return { user, deletedAt: row.deletedAt, admin };
}

/** Prepares a member's data for the admins (a request received by other means): audit "user.export". */
export function exportUserData(db: Db, actor: Actor, userId: number, now = new Date()): Outcome {
  assertCan(actor, ADMIN_ACTION);
  const target = targetOf(db, userId);
  if (target.deletedAt) return { ok: false, errors: { form: "This account was deleted: there is no personal data left to export." } };
  return db.transaction((tx): Outcome => {
    if (pendingExport(tx, target.id)) return { ok: false, errors: { form: "This member's data is already being prepared." } };
    const exportId = insertPendingExport(tx, target.id, now);
    recordAudit(tx, { actorId: actor!.id, action: "user.export", targetType: "user", targetId: target.id, details: { exportId } });
    return { ok: true, message: "The export is being prepared. Its download link appears here in a few minutes." };
  });
}

/**
 * Deletes a member's account for them (anonymised as "Delete my account"
 * does), once the admin typed the member's username. Audit "user.delete".
 * An admin deletes their own account from their settings, never here.
 */
export function deleteUserAccount(
  db: Db,
  actor: Actor,
  userId: number,
  input: { confirmation: string; reason: string },
  now = new Date(),
): DeletionOutcome {
  assertCan(actor, ADMIN_ACTION);
  const target = targetOf(db, userId);
  if (target.id === actor!.id) return { ok: false, errors: { form: "Delete your own account from your settings (Your data)." } };
  if (target.deletedAt) return { ok: false, errors: { form: "This account was already deleted." } };
  if (!confirmationMatches(input.confirmation, target.username)) {
    return { ok: false, errors: { confirmation: `Type the member's username, ${target.username}, to confirm.` } };
  }
  const username = db.transaction((tx) => {
    anonymiseAccount(tx, target.id, now);
    // The details name no one: the row they point at is anonymous now.
    recordAudit(tx, { actorId: actor!.id, action: "user.delete", targetType: "user", targetId: target.id, details: { by: "admin", role: target.role }, reason: input.reason });
    return tx.select({ username: users.username }).from(users).where(eq(users.id, target.id)).get()!.username;
  });
  return { ok: true, message: "The account was deleted. Its posts stay, under “a former member”.", username };
}

/**
 * Turns off a member's two-factor sign-in (they lost their authenticator
 * and their recovery codes): the secret, its date and the recovery codes go.
 * The member is told by email, when their address is confirmed. Audit
 * "user.two_factor_reset".
 */
export function resetTwoFactor(db: Db, actor: Actor, userId: number, now = new Date()): Outcome {
  assertCan(actor, ADMIN_ACTION);
  const target = targetOf(db, userId);
  if (target.id === actor!.id) return { ok: false, errors: { form: "Change your own two-factor sign-in from your security settings." } };
  if (target.deletedAt) return { ok: false, errors: { form: "This account was deleted." } };
  const codes = db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, target.id)).all();
  if (!target.totpEnabledAt && !target.totpSecret && !codes.length) {
    return { ok: false, errors: { form: "Two-factor sign-in is not on for this account." } };
  }
  const brand = getSiteSettings(db).brandName;
  db.transaction((tx) => {
    tx.update(users).set({ totpSecret: "", totpEnabledAt: null }).where(eq(users.id, target.id)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, target.id)).run();
    recordAudit(tx, { actorId: actor!.id, action: "user.two_factor_reset", targetType: "user", targetId: target.id, details: { wasEnabled: !!target.totpEnabledAt, recoveryCodes: codes.length } });
    if (target.emailVerifiedAt) {
      queueOutboxMessages(
        tx,
        [
          {
            kind: "email",
            userId: target.id,
            toAddress: target.email,
            subject: `${brand}: two-factor sign-in was turned off on your account`,
            body: [
              `Hello ${target.displayName},`,
              "",
              `An administrator of the ${brand} community turned off two-factor sign-in on your account (@${target.username}), and your recovery codes no longer work.`,
              `You can turn it on again in your security settings: ${siteUrl()}/settings/security`,
              "",
              "If you did not ask for this, please contact the community's team at once.",
            ].join("\n"),
          },
        ],
        now,
      );
    }
  });
  return { ok: true, message: "Two-factor sign-in was turned off for this account; its recovery codes were removed." };
}
