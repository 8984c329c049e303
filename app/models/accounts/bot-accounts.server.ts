// Bot accounts: the users an integration acts as through its bot tokens
// (/admin/api). A bot has no password (an empty hash, as single sign-on and
// imported accounts have until they choose one, so sign-in matches nothing),
// no confirmed address and no linked identity, and its address is on the
// reserved `.invalid` domain: it can neither sign in nor receive mail. Only
// its tokens act as it, and the policy decides on its role like anyone's.
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { apiTokens, users } from "../../../db/schema";
import type { BotAccountInput } from "../../forms/api-tokens";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { liveAccounts } from "../visibility.server";
import { wordsFor } from "./account-words.server";
import { emailInUse } from "./account-tokens.server";
import { findUserByUsername, type Result } from "./user.server";

/** Where bots' addresses live: a domain that never resolves (RFC 6761), so nothing is ever sent to one. */
export const BOT_EMAIL_DOMAIN = "bots.invalid";

export type BotAccount = { id: number; username: string; displayName: string; role: "member" | "moderator" | "admin"; createdAt: Date };

function isUniqueViolation(error: unknown, index: string) {
  return error instanceof Error && error.message.includes("UNIQUE") && error.message.includes(index);
}

/** A free address for a bot, from its username (a random one if somebody took it). */
function botEmail(db: Db, username: string): string {
  const address = `${username.toLowerCase()}@${BOT_EMAIL_DOMAIN}`;
  return emailInUse(db, address) ? `${username.toLowerCase()}-${randomBytes(4).toString("hex")}@${BOT_EMAIL_DOMAIN}` : address;
}

/**
 * Makes a bot account (admins only), recorded in the audit log as
 * "bot.create". Its username must be free, as a member's must.
 */
export function createBotAccount(db: Db, actor: NonNullable<Actor>, input: BotAccountInput, now = new Date()): Result<{ bot: BotAccount }> {
  assertCan(actor, "admin.api");
  const t = wordsFor(actor);
  if (findUserByUsername(db, input.username)) return { ok: false, errors: { username: t("accountsServer.join.usernameTaken") } };
  try {
    const bot = db.transaction((tx) => {
      const row = tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName,
          email: botEmail(db, input.username),
          // No password: sign-in and "current password" checks match nothing.
          passwordHash: "",
          role: input.role,
          isBot: true,
          emailNotifications: "off",
          emailVerifiedAt: null,
          createdAt: now,
        })
        .returning({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, createdAt: users.createdAt })
        .get();
      recordAudit(tx, { actorId: actor.id, action: "bot.create", targetType: "user", targetId: row.id, details: { username: row.username, role: row.role }, at: now });
      return row;
    });
    return { ok: true, bot };
  } catch (error) {
    // Two admins racing for the same name: the unique index decides.
    if (isUniqueViolation(error, "username")) return { ok: false, errors: { username: t("accountsServer.join.usernameTaken") } };
    throw error;
  }
}

/** The bot accounts, oldest first, with how many live tokens each has (admins only). */
export function listBotAccounts(db: Db, actor: NonNullable<Actor>) {
  assertCan(actor, "admin.api");
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      createdAt: users.createdAt,
      tokenCount: count(apiTokens.id),
    })
    .from(users)
    .leftJoin(apiTokens, and(eq(apiTokens.userId, users.id), eq(apiTokens.kind, "bot"), isNull(apiTokens.revokedAt)))
    .where(and(eq(users.isBot, true), liveAccounts()))
    .groupBy(users.id)
    .orderBy(asc(users.createdAt), asc(users.id))
    .all();
}
