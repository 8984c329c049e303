// How notifications reach a user by email (off, immediate, daily digest), and
// the one-click unsubscribe link that every email carries: a signature of the
// user's id with the application's secret, so it works without signing in and
// nobody can forge one for someone else.
import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { notifications, users, type EmailFrequency } from "../../../db/schema";
import type { Actor } from "../../policy";
import { appSecret, sign, verifySignature } from "../site/app-secret.server";

const PURPOSE = "unsubscribe";

export function getEmailNotifications(db: Db, userId: number): EmailFrequency {
  return db.select({ value: users.emailNotifications }).from(users).where(eq(users.id, userId)).get()?.value ?? "off";
}

/**
 * Saves the choice. Turning email off also settles what was waiting for the
 * next digest (it is not sent later, should email be turned on again).
 */
function saveEmailNotifications(db: Db, userId: number, frequency: EmailFrequency, now: Date) {
  db.transaction((tx) => {
    tx.update(users).set({ emailNotifications: frequency }).where(eq(users.id, userId)).run();
    if (frequency === "off") {
      tx.update(notifications)
        .set({ emailedAt: now })
        .where(and(isNull(notifications.emailedAt), eq(notifications.userId, userId)))
        .run();
    }
  });
}

/** The signed-in user's own choice (no one chooses for someone else). */
export function setEmailNotifications(db: Db, actor: NonNullable<Actor>, frequency: EmailFrequency, now = new Date()) {
  saveEmailNotifications(db, actor.id, frequency, now);
}

/** The token of a user's unsubscribe link: "<user id>.<signature>". */
export function unsubscribeToken(db: DbOrTx, userId: number, secret = appSecret(db)): string {
  return `${userId}.${sign(secret, PURPOSE, String(userId))}`;
}

/** The user an unsubscribe token was made for, or null when it is not one of ours. */
export function userIdFromUnsubscribeToken(db: Db, token: string | null | undefined): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
  if (!match) return null;
  if (!verifySignature(appSecret(db), PURPOSE, match[1]!, match[2]!)) return null;
  const userId = Number(match[1]);
  return db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get() ? userId : null;
}

/** Turns every email off for the token's user; false when the token is not valid. */
export function unsubscribe(db: Db, token: string | null | undefined, now = new Date()): boolean {
  const userId = userIdFromUnsubscribeToken(db, token);
  if (userId === null) return false;
  saveEmailNotifications(db, userId, "off", now);
  return true;
}
