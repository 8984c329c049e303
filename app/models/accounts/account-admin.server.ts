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
import { refusedWith } from "../../i18n/message";
import { recordAudit } from "../moderation/audit.server";
import { queueOutboxMessages } from "../notify/outbox.server";
import { accountEmailContext, twoFactorResetEmail } from "./account-emails.server";
import { anonymiseAccount, confirmationMatches } from "./account-deletion.server";
import { wordsFor } from "./account-words.server";
import { recipientLanguage } from "./language.server";
import { exportView, insertPendingExport, latestAdminExport, pendingExport, type ExportView } from "./data-export.server";

// The admins' actions share the rule of the admin settings: administrators
// only, and not while suspended.
const ADMIN_ACTION = "admin.settings" as const;

export type Outcome = { ok: true; message: string } | { ok: false; errors: FieldErrors };
export type DeletionOutcome = { ok: true; message: string; username: string } | { ok: false; errors: FieldErrors };

function targetOf(db: Db, userId: number) {
  const target = db.select().from(users).where(eq(users.id, userId)).get();
  if (!target) throw refusedWith(404, "accountsServer.notFound.member");
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
  const t = wordsFor(actor);
  const target = targetOf(db, userId);
  if (target.deletedAt) return { ok: false, errors: { form: t("accountsServer.admin.exportDeleted") } };
  return db.transaction((tx): Outcome => {
    if (pendingExport(tx, target.id)) return { ok: false, errors: { form: t("accountsServer.admin.exportPending") } };
    const exportId = insertPendingExport(tx, target.id, now);
    recordAudit(tx, { actorId: actor!.id, action: "user.export", targetType: "user", targetId: target.id, details: { exportId } });
    return { ok: true, message: t("accountsServer.admin.exportQueued") };
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
  const t = wordsFor(actor);
  const target = targetOf(db, userId);
  if (target.id === actor!.id) return { ok: false, errors: { form: t("accountsServer.admin.deleteOwn") } };
  if (target.deletedAt) return { ok: false, errors: { form: t("accountsServer.admin.alreadyDeleted") } };
  if (!confirmationMatches(input.confirmation, target.username)) {
    return { ok: false, errors: { confirmation: t("accountsServer.admin.confirmUsername", { username: target.username }) } };
  }
  const username = db.transaction((tx) => {
    anonymiseAccount(tx, target.id, now);
    // The details name no one: the row they point at is anonymous now.
    recordAudit(tx, { actorId: actor!.id, action: "user.delete", targetType: "user", targetId: target.id, details: { by: "admin", role: target.role }, reason: input.reason });
    return tx.select({ username: users.username }).from(users).where(eq(users.id, target.id)).get()!.username;
  });
  return { ok: true, message: t("accountsServer.admin.deleted"), username };
}

/**
 * Turns off a member's two-factor sign-in (they lost their authenticator
 * and their recovery codes): the secret, its date and the recovery codes go.
 * The member is told by email, when their address is confirmed. Audit
 * "user.two_factor_reset".
 */
export function resetTwoFactor(db: Db, actor: Actor, userId: number, now = new Date()): Outcome {
  assertCan(actor, ADMIN_ACTION);
  const t = wordsFor(actor);
  const target = targetOf(db, userId);
  if (target.id === actor!.id) return { ok: false, errors: { form: t("accountsServer.admin.twoFactorOwn") } };
  if (target.deletedAt) return { ok: false, errors: { form: t("accountsServer.admin.wasDeleted") } };
  const codes = db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, target.id)).all();
  if (!target.totpEnabledAt && !target.totpSecret && !codes.length) {
    return { ok: false, errors: { form: t("accountsServer.admin.twoFactorNotOn") } };
  }
  const emails = accountEmailContext(db);
  // The member's language, not the admin's.
  const language = recipientLanguage(db, target.language);
  db.transaction((tx) => {
    tx.update(users).set({ totpSecret: "", totpEnabledAt: null }).where(eq(users.id, target.id)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, target.id)).run();
    recordAudit(tx, { actorId: actor!.id, action: "user.two_factor_reset", targetType: "user", targetId: target.id, details: { wasEnabled: !!target.totpEnabledAt, recoveryCodes: codes.length } });
    if (target.emailVerifiedAt) queueOutboxMessages(tx, [twoFactorResetEmail(emails, language, target, target.email)], now);
  });
  return { ok: true, message: t("accountsServer.admin.twoFactorReset") };
}
