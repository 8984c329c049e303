// The only module that knows about lucia. Everything else asks it to start,
// read or end a session, so lucia (no longer developed) can be swapped out
// here alone.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { and, eq, ne, sql } from "drizzle-orm";
import { Cookie, Lucia, TimeSpan, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Db, DbOrTx } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { sessions, users } from "../../db/schema";
import type { Language } from "../i18n/languages";

export const SESSION_COOKIE = "entraide_session";
// Each visit slides the expiry 30 days forward, but no session outlives 90
// days from the sign-in that created it.
const SLIDING_DAYS = 30;
export const MAX_SESSION_AGE_SECONDS = 90 * 24 * 60 * 60;

// A session and its user, read on every request a member makes: one prepared
// query instead of the adapter's two, built again each time.
const selectSessionAndUser = preparedQuery((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare(),
);

class SessionAdapter extends DrizzleSQLiteAdapter {
  constructor(private readonly database: Db) {
    super(database, sessions, users);
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = selectSessionAndUser(this.database).get({ sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, ...sessionAttributes } = row.session;
    const { id: userIdOfUser, ...userAttributes } = row.user;
    return [
      { id, userId, expiresAt: new Date(expiresAt * 1000), attributes: sessionAttributes },
      { id: userIdOfUser, attributes: userAttributes },
    ];
  }
}

function createLucia(db: Db) {
  const adapter = new SessionAdapter(db);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(SLIDING_DAYS, "d"),
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      attributes: { sameSite: "lax", secure: false },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => ({
      username: attributes.username,
      displayName: attributes.displayName,
      email: attributes.email,
      bio: attributes.bio,
      role: attributes.role,
      reputation: attributes.reputation,
      mustChangePassword: attributes.mustChangePassword,
      createdAt: attributes.createdAt,
      suspendedUntil: attributes.suspendedUntil,
      suspendReason: attributes.suspendReason,
      emailVerifiedAt: attributes.emailVerifiedAt,
      totpEnabledAt: attributes.totpEnabledAt,
      chosenLanguage: attributes.language,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    UserId: number;
    DatabaseUserAttributes: Omit<typeof users.$inferSelect, "id">;
    DatabaseSessionAttributes: { createdAt: number };
  }
}

const instances = new WeakMap<Db, ReturnType<typeof createLucia>>();
function luciaFor(db: Db) {
  let lucia = instances.get(db);
  if (!lucia) {
    lucia = createLucia(db);
    instances.set(db, lucia);
  }
  return lucia;
}

export type CurrentUser = {
  id: number;
  username: string;
  displayName: string;
  email: string;
  bio: string;
  role: "member" | "moderator" | "admin";
  reputation: number;
  mustChangePassword: boolean;
  createdAt: Date;
  /** A suspended user can read but not write until then (see the policy). */
  suspendedUntil?: Date | null;
  suspendReason?: string;
  /** When the address was confirmed; null until then (no notification emails). */
  emailVerifiedAt?: Date | null;
  /** When two-factor sign-in was turned on; null when it is off. */
  totpEnabledAt?: Date | null;
  /** The interface's language the member chose in their settings, if any. */
  chosenLanguage?: Language | null;
  /**
   * The language this request speaks to them in (their choice, else the
   * switcher's cookie, the browser, the site's default), set per request by
   * the edge: the words a model sends back are in it.
   */
  language?: Language;
  /** Set per request from the reward rules (see http.server.ts). */
  privileges?: import("../policy").Privileges;
};

export type CookieOptions = { secure: boolean };

function serialize(cookie: Cookie, { secure }: CookieOptions): string {
  return new Cookie(cookie.name, cookie.value, { ...cookie.attributes, secure }).serialize();
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/** Starts a brand-new session (never reuses one) and returns its Set-Cookie value. */
export async function startSession(db: Db, userId: number, options: CookieOptions): Promise<string> {
  const lucia = luciaFor(db);
  const session = await lucia.createSession(userId, { createdAt: nowSeconds() });
  return serialize(lucia.createSessionCookie(session.id), options);
}

export type SessionState = {
  user: CurrentUser | null;
  sessionId: string | null;
  /** A Set-Cookie value to send back: a refreshed expiry, or a blank cookie. */
  setCookie: string | null;
};

export async function readSession(
  db: Db,
  cookieHeader: string | null | undefined,
  options: CookieOptions,
): Promise<SessionState> {
  const lucia = luciaFor(db);
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, sessionId: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) {
    return { user: null, sessionId: null, setCookie: serialize(lucia.createBlankSessionCookie(), options) };
  }
  if (nowSeconds() - session.createdAt > MAX_SESSION_AGE_SECONDS) {
    await lucia.invalidateSession(session.id);
    return { user: null, sessionId: null, setCookie: serialize(lucia.createBlankSessionCookie(), options) };
  }
  const setCookie = session.fresh ? serialize(lucia.createSessionCookie(session.id), options) : null;
  return { user: user as CurrentUser, sessionId: session.id, setCookie };
}

/** Ends one session and returns the blank Set-Cookie value. */
export async function endSession(db: Db, sessionId: string | null, options: CookieOptions): Promise<string> {
  const lucia = luciaFor(db);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return serialize(lucia.createBlankSessionCookie(), options);
}

/** Ends every session of a user, or every one but the given session. */
export function endUserSessions(db: DbOrTx, userId: number, exceptSessionId?: string | null) {
  db.delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    )
    .run();
}

export function countUserSessions(db: Db, userId: number): number {
  return db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all().length;
}

export function deleteExpiredSessions(db: Db) {
  return luciaFor(db).deleteExpiredSessions();
}
