import { and, asc, count, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users, type Role } from "../../../db/schema";
import { hashPassword, isCommonPassword, verifyPassword } from "../../auth/password.server";
import { endUserSessions, type CurrentUser } from "../../auth/session.server";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { COMMON_PASSWORD_KEY } from "../../forms/account";
import { refusedWith } from "../../i18n/message";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/languages";
import { accountEmailContext } from "./account-emails.server";
import { emailInUse, queueEmailConfirmation, requestEmailChange } from "./account-tokens.server";
import { sayIn, wordsFor, wordsIn } from "./account-words.server";
import { recipientLanguage } from "./language.server";
import { checkThrottle, clearThrottle, recordFailure, waitMessage } from "./throttle.server";
import { emitWebhookEvent } from "../notify/webhook-events.server";

/** A refusal says `throttled` when it is "too many tries, wait" (the route answers 429). */
export type Result<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors; throttled?: boolean };

export const BAD_LOGIN_KEY = "accountsServer.login.wrong";
/** The English words of these refusals (tests and logs compare with them). */
export const COMMON_PASSWORD_MESSAGE = sayIn("en", COMMON_PASSWORD_KEY);
export const BAD_LOGIN_MESSAGE = sayIn("en", BAD_LOGIN_KEY);

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
  /**
   * The language of the page they joined from: the refusals and the
   * confirmation email are written in it. Their account keeps no language
   * (it follows their browser until they choose one).
   */
  language?: Language;
};

export async function registerUser(db: Db, input: NewUser): Promise<Result<{ user: typeof users.$inferSelect }>> {
  const t = wordsIn(input.language ?? DEFAULT_LANGUAGE);
  const errors: FieldErrors = {};
  if (input.password && isCommonPassword(input.password)) errors.password = t(COMMON_PASSWORD_KEY);
  if (findUserByUsername(db, input.username)) errors.username = t("accountsServer.join.usernameTaken");
  if (emailInUse(db, input.email)) errors.email = t("accountsServer.join.emailTaken");
  if (Object.keys(errors).length) return { ok: false, errors };

  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : "");
  const now = input.createdAt ?? new Date();
  const confirm = !input.emailVerified && input.email !== "";
  const emails = confirm ? accountEmailContext(db) : null;
  const emailLanguage = input.language ?? recipientLanguage(db, null);
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
      emitWebhookEvent(tx, "user.joined", user.id, now);
      if (emails) queueEmailConfirmation(tx, emails, user, { address: user.email, change: false, now: new Date(), language: emailLanguage });
      return user;
    });
    return { ok: true, user };
  } catch (error) {
    // Two people racing for the same name: the unique index decides.
    if (isUniqueViolation(error, "username")) return { ok: false, errors: { username: t("accountsServer.join.usernameTaken") } };
    if (isUniqueViolation(error, "email")) return { ok: false, errors: { email: t("accountsServer.join.emailTaken") } };
    throw error;
  }
}

// A real argon2id hash of a random string, verified against when the account
// does not exist so that both failures take the same time.
let decoyHash: Promise<string> | null = null;

export async function authenticate(
  db: Db,
  input: { login: string; password: string; address: string; language?: Language },
  now = Date.now(),
): Promise<Result<{ user: typeof users.$inferSelect }>> {
  const language = input.language ?? DEFAULT_LANGUAGE;
  const login = input.login.trim();
  const user = findUserByLogin(db, login);
  // Keyed by the account itself, so typing the username or the email counts alike.
  const keys = [user ? `account:${user.id}` : `account:${login.toLowerCase()}`, `ip:${input.address}`];
  const throttle = checkThrottle(db, keys, now);
  if (!throttle.allowed) return { ok: false, errors: { form: waitMessage(throttle.retryAt, now, language) }, throttled: true };

  decoyHash ??= hashPassword(crypto.randomUUID());
  // An account without a password (single sign-on) is checked against the
  // decoy too, so it answers like any wrong password, in the same time.
  const valid = await verifyPassword(user?.passwordHash || (await decoyHash), input.password);
  if (!user || !user.passwordHash || user.isBot || !valid) {
    recordFailure(db, keys, now);
    return { ok: false, errors: { form: sayIn(language, BAD_LOGIN_KEY) } };
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
export async function checkCurrentPassword(
  db: Db,
  userId: number,
  password: string,
  now = Date.now(),
  language: Language = DEFAULT_LANGUAGE,
): Promise<string | null> {
  return (await currentPasswordProblem(db, userId, password, now, language))?.message ?? null;
}

/** What checkCurrentPassword says, and whether it is the throttle's "wait" (a 429). */
export type PasswordProblem = { message: string; throttled: boolean } | null;

export async function currentPasswordProblem(
  db: Db,
  userId: number,
  password: string,
  now = Date.now(),
  language: Language = DEFAULT_LANGUAGE,
): Promise<PasswordProblem> {
  const keys = [`account:${userId}`];
  const throttle = checkThrottle(db, keys, now);
  if (!throttle.allowed) return { message: waitMessage(throttle.retryAt, now, language), throttled: true };
  if (!password) return { message: sayIn(language, "accountsServer.currentPassword.required"), throttled: false };
  const row = getUserById(db, userId);
  if (row?.passwordHash && (await verifyPassword(row.passwordHash, password))) return null;
  recordFailure(db, keys, now);
  return { message: sayIn(language, "accountsServer.currentPassword.wrong"), throttled: false };
}

/** A refusal beside the current-password field. */
export function passwordRefusal(problem: NonNullable<PasswordProblem>, field = "currentPassword"): { ok: false; errors: FieldErrors; throttled?: boolean } {
  return problem.throttled ? { ok: false, errors: { [field]: problem.message }, throttled: true } : { ok: false, errors: { [field]: problem.message } };
}

/** The language a model speaks to the person acting in. */
function actorLanguage(actor: { language?: Language | null } | null | undefined): Language {
  return actor?.language ?? DEFAULT_LANGUAGE;
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
  const wrong = await currentPasswordProblem(db, actor.id, input.currentPassword, Date.now(), actorLanguage(actor));
  if (wrong) return passwordRefusal(wrong);
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
  const t = wordsFor(actor);
  const wrong = await currentPasswordProblem(db, actor.id, input.currentPassword, Date.now(), actorLanguage(actor));
  if (wrong) return passwordRefusal(wrong);
  if (isCommonPassword(input.newPassword)) return { ok: false, errors: { newPassword: t(COMMON_PASSWORD_KEY) } };
  if (input.newPassword === input.currentPassword) {
    return { ok: false, errors: { newPassword: t("accountsServer.password.sameAsCurrent") } };
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
      // The list marks suspended members (a suspension over is no mark).
      suspendedUntil: users.suspendedUntil,
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
  if (!target) throw refusedWith(404, "accountsServer.notFound.member");
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

