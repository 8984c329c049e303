// API tokens: a personal token acts as the member who made it, a bot token as
// a bot account an admin made for an integration. The secret is shown once;
// only its SHA-256 is kept (a unique index finds it), with a short prefix so a
// person can tell their tokens apart. A token carries scopes (read, write,
// moderate): the API refuses an operation its token's scopes do not cover,
// and the policy still decides, on every request, what its owner may do.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { API_SCOPES, apiTokens, users, type ApiScope, type ApiTokenKind } from "../../../db/schema";
import type { CurrentUser } from "../../auth/session.server";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { liveAccounts } from "../visibility.server";

/** What every token begins with, so a leaked one is recognisable (secret scanners). */
export const TOKEN_PREFIX = "entraide_";
const TOKEN_SHAPE = /^entraide_[A-Za-z0-9_-]{43}$/;
/** A token's last use is written at most this often (the API's reads stay reads). */
const LAST_USE_RESOLUTION_MS = 60_000;

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function mintSecret() {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, tokenHash: hashApiToken(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export function parseScopes(stored: string): ApiScope[] {
  try {
    const value = JSON.parse(stored) as unknown;
    return Array.isArray(value) ? API_SCOPES.filter((scope) => value.includes(scope)) : [];
  } catch {
    return [];
  }
}

export type NewApiToken = { name: string; scopes: ApiScope[]; expiresAt?: Date | null };
export type MintedApiToken = { token: ApiTokenRow; secret: string };

function insertToken(tx: DbOrTx, kind: ApiTokenKind, userId: number, createdById: number, input: NewApiToken, now: Date): MintedApiToken {
  const { secret, tokenHash, prefix } = mintSecret();
  const scopes = API_SCOPES.filter((scope) => input.scopes.includes(scope));
  const token = tx
    .insert(apiTokens)
    .values({ kind, userId, createdById, name: input.name, tokenHash, prefix, scopes: JSON.stringify(scopes), expiresAt: input.expiresAt ?? null, createdAt: now })
    .returning()
    .get();
  return { token, secret };
}

/** A member's own token (/settings/tokens); the secret is returned once, never stored. */
export function createPersonalToken(db: Db, actor: NonNullable<Actor>, input: NewApiToken, now = new Date()): MintedApiToken {
  assertCan(actor, "apiToken.create", { scopes: input.scopes });
  return db.transaction((tx) => {
    const minted = insertToken(tx, "personal", actor.id, actor.id, input, now);
    recordAudit(tx, { actorId: actor.id, action: "api_token.create", targetType: "api_token", targetId: minted.token.id, details: { name: input.name, scopes: input.scopes } });
    return minted;
  });
}

/**
 * A bot token (/admin/api): acts as the bot account `botUserId` (made by
 * createBotAccount), never as a person.
 */
export function createBotToken(db: Db, actor: NonNullable<Actor>, botUserId: number, input: NewApiToken, now = new Date()): MintedApiToken {
  assertCan(actor, "admin.api");
  return db.transaction((tx) => {
    const bot = tx.select({ isBot: users.isBot }).from(users).where(eq(users.id, botUserId)).get();
    if (!bot?.isBot) throw new Response("api.tokens.notABot", { status: 422 });
    const minted = insertToken(tx, "bot", botUserId, actor.id, input, now);
    recordAudit(tx, { actorId: actor.id, action: "api_token.create", targetType: "api_token", targetId: minted.token.id, details: { name: input.name, scopes: input.scopes, bot: botUserId } });
    return minted;
  });
}

/**
 * Revokes a token at once: its owner may revoke their own, an admin any.
 * Says whether a live token was revoked.
 */
export function revokeApiToken(db: Db, actor: NonNullable<Actor>, tokenId: number, now = new Date()): boolean {
  return db.transaction((tx) => {
    const token = tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).get();
    if (!token || (token.userId !== actor.id && token.createdById !== actor.id)) assertCan(actor, "admin.api");
    if (!token || token.revokedAt) return false;
    tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, tokenId)).run();
    recordAudit(tx, { actorId: actor.id, action: "api_token.revoke", targetType: "api_token", targetId: tokenId, details: { name: token.name } });
    return true;
  });
}

/** A member's own tokens, newest first (revoked ones too, marked). */
export function listPersonalTokens(db: Db, actor: NonNullable<Actor>) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt, createdAt: apiTokens.createdAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), eq(apiTokens.kind, "personal")))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all()
    .map((row) => ({ ...row, scopes: parseScopes(row.scopes) }));
}

/** Every token of every kind, newest first, with whose it is (admins). */
export function listAllTokens(db: Db, actor: NonNullable<Actor>) {
  assertCan(actor, "admin.api");
  return db
    .select({
      id: apiTokens.id,
      kind: apiTokens.kind,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdAt: apiTokens.createdAt,
      username: users.username,
      isBot: users.isBot,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all()
    .map((row) => ({ ...row, scopes: parseScopes(row.scopes) }));
}

export type ApiTokenIdentity = { tokenId: number; kind: ApiTokenKind; scopes: ApiScope[]; user: CurrentUser };

/**
 * The token and its owner for a bearer secret, or null when the secret is
 * malformed, unknown, revoked or expired, or its owner's account is deleted.
 * The owner is read from the database each time (a demoted moderator's token
 * loses its powers at once). Records the token's last use.
 */
export function authenticateApiToken(db: Db, secret: string, now = new Date()): ApiTokenIdentity | null {
  if (!TOKEN_SHAPE.test(secret)) return null;
  const row = db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(secret)), isNull(apiTokens.revokedAt), liveAccounts()))
    .get();
  if (!row) return null;
  const { token, user } = row;
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id)).run();
  }
  const current: CurrentUser = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    bio: user.bio,
    role: user.role,
    reputation: user.reputation,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt,
    suspendedUntil: user.suspendedUntil,
    suspendReason: user.suspendReason,
    emailVerifiedAt: user.emailVerifiedAt,
    totpEnabledAt: user.totpEnabledAt,
    chosenLanguage: user.language,
  };
  return { tokenId: token.id, kind: token.kind, scopes: parseScopes(token.scopes), user: current };
}
