import { and, asc, count, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users, type Role } from "../../../db/schema";
import { hashPassword, isCommonPassword, verifyPassword } from "../../auth/password.server";
import { endUserSessions, type CurrentUser } from "../../auth/session.server";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { COMMON_PASSWORD_MESSAGE } from "../../forms/account";
import { accountEmailContext } from "./account-emails.server";
import { emailInUse, queueEmailConfirmation, requestEmailChange } from "./account-tokens.server";
import { checkThrottle, clearThrottle, recordFailure, waitMessage } from "./throttle.server";

export type Result<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

export { COMMON_PASSWORD_MESSAGE };
export const BAD_LOGIN_MESSAGE = "That username or email and password do not match.";

export function findUserByUsername(db: Db, username: string) {
  return db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).get() ?? null;
}

export function findUserByLogin(db: Db, login: string) {
  return (
    db
      .select()
      .from(users)
      .where(or(sql`lower(${users.username}) = lower(${login})`, sql`lower(${users.email}) = lower(${login})`))
      .get() ?? null
  );
}

export function getUserById(db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

function isUniqueViolation(error: unknown, index: string) {
  return error instanceof Error && error.message.includes("UNIQUE") && error.message.includes(index);
}

export type NewUser = {
  username: string;
  email: string;
  /** Empty or absent for an account with no password (single sign-on, an import). */
  password?: string;
  displayName?: string;
  bio?: string;
  role?: Role;
  mustChangePassword?: boolean;
  createdAt?: Date;
  /** Whether the address is known to be theirs already (demo, scripts, a provider's word). */
  emailVerified?: boolean;
  /** Lets factories skip argon2 when they reuse a known hash. */
  passwordHash?: string;
};

export async function registerUser(db: Db, input: NewUser): Promise<Result<{ user: typeof users.$inferSelect }>> {
  const errors: FieldErrors = {};
  if (input.password && isCommonPassword(input.password)) errors.password = COMMON_PASSWORD_MESSAGE;
  if (findUserByUsername(db, input.username)) errors.username = "That username is taken. Please choose another.";
  if (emailInUse(db, input.email)) errors.email = "An account with that email already exists. Try signing in.";
  if (Object.keys(errors).length) return { ok: false, errors };

  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : "");
  const now = input.createdAt ?? new Date();
  const confirm = !input.emailVerified && input.email !== "";
  const emails = confirm ? accountEmailContext(db) : null;
  try {
    const user = db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          username: input.username,
          email: input.email.toLowerCase(),
          displayName: input.displayName ?? input.username,
          bio: input.bio ?? "",
          passwordHash,
          role: input.role ?? "member",
          mustChangePassword: input.mustChangePassword ?? false,
          emailVerifiedAt: input.emailVerified ? now : null,
          ...(input.createdAt ? { createdAt: input.createdAt } : {}),
        })
        .returning()
        .get();
      // An address nobody vouched for gets its confirmation link with the account.
      if (emails) queueEmailConfirmation(tx, emails, user, { address: user.email, change: false, now: new Date() });
      return user;
    });
    return { ok: true, user };
  } catch (error) {
    // Two people racing for the same name: the unique index decides.
    if (isUniqueViolation(error, "username")) return { ok: false, errors: { username: "That username is taken. Please choose another." } };
    if (isUniqueViolation(error, "email")) return { ok: false, errors: { email: "An account with that email already exists. Try signing in." } };
    throw error;
  }
}

// A real argon2id hash of a random string, verified against when the account
// does not exist so that both failures take the same time.
let decoyHash: Promise<string> | null = null;

export async function authenticate(
  db: Db,
  input: { login: string; password: string; address: string },
  now = Date.now(),
): Promise<Result<{ user: typeof users.$inferSelect }>> {
  const login = input.login.trim();
  const user = findUserByLogin(db, login);
  // Keyed by the account itself, so typing the username or the email counts alike.
  const keys = [user ? `account:${user.id}` : `account:${login.toLowerCase()}`, `ip:${input.address}`];
  const throttle = checkThrottle(db, keys, now);
  if (!throttle.allowed) return { ok: false, errors: { form: waitMessage(throttle.retryAt, now) } };

  decoyHash ??= hashPassword(crypto.randomUUID());
  // An account without a password (single sign-on) is checked against the
  // decoy too, so it answers like any wrong password, in the same time.
  const valid = await verifyPassword(user?.passwordHash || (await decoyHash), input.password);
  if (!user || !user.passwordHash || !valid) {
    recordFailure(db, keys, now);
    return { ok: false, errors: { form: BAD_LOGIN_MESSAGE } };
  }
  clearThrottle(db, [keys[0]!]);
  return { ok: true, user };
}

/**
 * Confirms the current password before a sensitive change (email, password,
 * two-factor, deleting the account): null when it is theirs, else what to say
 * beside the field. Wrong guesses count against the same per-account limit
 * as sign-in attempts; an account without a password matches nothing.
 */
export async function checkCurrentPassword(db: Db, userId: number, password: string, now = Date.now()): Promise<string | null> {
  const keys = [`account:${userId}`];
  const throttle = checkThrottle(db, keys, now);
  if (!throttle.allowed) return waitMessage(throttle.retryAt, now);
  if (!password) return "Enter your current password.";
  const row = getUserById(db, userId);
  if (row?.passwordHash && (await verifyPassword(row.passwordHash, password))) return null;
  recordFailure(db, keys, now);
  return "That is not your current password.";
}

/**
 * The public display name and bio. A suspended member may not rewrite them
 * (they show on every post); password, email and preferences stay theirs to change.
 */
export function updateProfile(db: Db, actor: CurrentUser, input: { displayName: string; bio: string }) {
  assertCan(actor, "profile.edit");
  db.update(users).set({ displayName: input.displayName, bio: input.bio }).where(eq(users.id, actor.id)).run();
}

/**
 * Asks to change the email address (the current password first): the new
 * address gets a confirmation link and the change waits for it (see
 * requestEmailChange in account-tokens.server.ts).
 */
export async function changeEmail(
  db: Db,
  actor: CurrentUser,
  input: { email: string; currentPassword: string; address?: string },
  now = new Date(),
): Promise<Result<{ pendingEmail: string }>> {
  const wrong = await checkCurrentPassword(db, actor.id, input.currentPassword);
  if (wrong) return { ok: false, errors: { currentPassword: wrong } };
  const result = requestEmailChange(db, actor, { email: input.email, address: input.address }, now);
  return result.ok ? { ok: true, pendingEmail: result.email } : result;
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  db: Db,
  actor: CurrentUser,
  currentSessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<object>> {
  const wrong = await checkCurrentPassword(db, actor.id, input.currentPassword);
  if (wrong) return { ok: false, errors: { currentPassword: wrong } };
  if (isCommonPassword(input.newPassword)) return { ok: false, errors: { newPassword: COMMON_PASSWORD_MESSAGE } };
  if (input.newPassword === input.currentPassword) {
    return { ok: false, errors: { newPassword: "Choose a password different from the current one." } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, actor.id)).run();
    endUserSessions(tx, actor.id, currentSessionId);
  });
  return { ok: true };
}

export const USERS_PER_PAGE = 50;

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function listUsers(db: Db, actor: Actor, query: { q?: string; role?: Role; page?: number }) {
  assertCan(actor, "admin.access");
  const page = Math.max(1, query.page ?? 1);
  const conditions = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
    conditions.push(
      or(
        sql`lower(${users.username}) like ${pattern} escape '\\'`,
        sql`lower(${users.email}) like ${pattern} escape '\\'`,
        sql`lower(${users.displayName}) like ${pattern} escape '\\'`,
      ),
    );
  }
  if (query.role) conditions.push(eq(users.role, query.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      reputation: users.reputation,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(where)
    .orderBy(asc(sql`lower(${users.username})`))
    .limit(USERS_PER_PAGE)
    .offset((page - 1) * USERS_PER_PAGE)
    .all();
  const total = db.select({ n: count() }).from(users).where(where).get()!.n;
  return { users: rows, total, page, pageCount: Math.max(1, Math.ceil(total / USERS_PER_PAGE)) };
}

export function changeRole(db: Db, actor: Actor, input: { userId: number; role: Role; reason?: string }) {
  const target = getUserById(db, input.userId);
  if (!target) throw new Response("No such user.", { status: 404 });
  assertCan(actor, "user.changeRole", target);
  if (target.role === input.role) return target;
  return db.transaction((tx) => {
    const updated = tx.update(users).set({ role: input.role }).where(eq(users.id, target.id)).returning().get();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "user.role_change",
      targetType: "user",
      targetId: target.id,
      details: { from: target.role, to: input.role },
      reason: input.reason ?? "",
    });
    return updated;
  });
}

export function countUsers(db: Db) {
  return db.select({ n: count() }).from(users).get()!.n;
}

