import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { countUserSessions, MAX_SESSION_AGE_SECONDS, readSession, startSession } from "../../../app/auth/session.server";
import { action as logoutAction, loader as logoutLoader } from "../../../app/routes/logout";
import { sessions, users } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createUser } from "../../support/factories";
import { actionArgs, cookieAttributes, cookieHeaderFrom, cookieLifetimeSeconds, loaderArgs, sessionIdFrom } from "../../support/http-helpers";

const db = createTestDb();
const DAY = 24 * 60 * 60;
const plain = { secure: false };

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

function sessionRow(id: string) {
  return db.select().from(sessions).where(eq(sessions.id, id)).get() ?? null;
}

async function signedIn() {
  const user = await createUser(db);
  const setCookie = await startSession(db, user.id, plain);
  return { user, setCookie, cookie: cookieHeaderFrom(setCookie), sessionId: sessionIdFrom(setCookie) };
}

function expectBlankCookie(setCookie: string | null) {
  expect(setCookie).toBeTruthy();
  expect(sessionIdFrom(setCookie)).toBe("");
  expect(cookieLifetimeSeconds(setCookie!)).toBeLessThanOrEqual(0);
}

describe("reading a session", () => {
  test("the cookie from startSession signs the user in", async () => {
    const { user, cookie, sessionId } = await signedIn();
    const state = await readSession(db, cookie, plain);
    expect(state.user?.id).toBe(user.id);
    expect(state.user?.username).toBe(user.username);
    expect(state.sessionId).toBe(sessionId);
    expect(state.user).not.toHaveProperty("passwordHash");
  });

  test("the role is read from the database on every request", async () => {
    const { user, cookie } = await signedIn();
    expect((await readSession(db, cookie, plain)).user?.role).toBe("member");
    db.update(users).set({ role: "moderator" }).where(eq(users.id, user.id)).run();
    expect((await readSession(db, cookie, plain)).user?.role).toBe("moderator");
    db.update(users).set({ role: "member" }).where(eq(users.id, user.id)).run();
    expect((await readSession(db, cookie, plain)).user?.role).toBe("member");
  });

  test("no cookie means a visitor, and nothing is sent back", async () => {
    expect(await readSession(db, undefined, plain)).toEqual({ user: null, sessionId: null, setCookie: null });
    expect(await readSession(db, "other=1", plain)).toEqual({ user: null, sessionId: null, setCookie: null });
  });

  test("an unknown session id is refused and the cookie is blanked", async () => {
    const state = await readSession(db, "entraide_session=doesnotexist0000000000000000000000000000", plain);
    expect(state.user).toBeNull();
    expect(state.sessionId).toBeNull();
    expectBlankCookie(state.setCookie);
  });

  test("an expired session is refused and removed", async () => {
    const { cookie, sessionId } = await signedIn();
    db.update(sessions).set({ expiresAt: nowSeconds() - 60 }).where(eq(sessions.id, sessionId)).run();
    const state = await readSession(db, cookie, plain);
    expect(state.user).toBeNull();
    expectBlankCookie(state.setCookie);
    expect(sessionRow(sessionId)).toBeNull();
  });

  test("a session signed in more than 90 days ago is refused even though its expiry is in the future", async () => {
    const { cookie, sessionId } = await signedIn();
    expect(MAX_SESSION_AGE_SECONDS).toBe(90 * DAY);
    db.update(sessions)
      .set({ createdAt: nowSeconds() - 91 * DAY, expiresAt: nowSeconds() + 20 * DAY })
      .where(eq(sessions.id, sessionId))
      .run();
    const state = await readSession(db, cookie, plain);
    expect(state.user).toBeNull();
    expect(state.sessionId).toBeNull();
    expectBlankCookie(state.setCookie);
    expect(sessionRow(sessionId)).toBeNull();
  });

  test("a session signed in 89 days ago still works", async () => {
    const { user, cookie, sessionId } = await signedIn();
    db.update(sessions)
      .set({ createdAt: nowSeconds() - 89 * DAY, expiresAt: nowSeconds() + 20 * DAY })
      .where(eq(sessions.id, sessionId))
      .run();
    expect((await readSession(db, cookie, plain)).user?.id).toBe(user.id);
  });

  test("a visit in the second half of the session's life slides its expiry 30 days forward", async () => {
    const { cookie, sessionId } = await signedIn();
    db.update(sessions).set({ expiresAt: nowSeconds() + 5 * DAY }).where(eq(sessions.id, sessionId)).run();
    const state = await readSession(db, cookie, plain);
    expect(state.sessionId).toBe(sessionId);
    expect(state.setCookie).toBeTruthy();
    expect(sessionIdFrom(state.setCookie)).toBe(sessionId);
    expect(cookieLifetimeSeconds(state.setCookie!)).toBeGreaterThan(29 * DAY);
    expect(sessionRow(sessionId)!.expiresAt).toBeGreaterThan(nowSeconds() + 29 * DAY);
  });

  test("a fresh session sends no cookie back on each request", async () => {
    const { cookie } = await signedIn();
    expect((await readSession(db, cookie, plain)).setCookie).toBeNull();
  });

  test("a deleted user's session no longer signs anyone in", async () => {
    const { user, cookie } = await signedIn();
    db.delete(users).where(eq(users.id, user.id)).run();
    expect((await readSession(db, cookie, plain)).user).toBeNull();
  });
});

describe("the session cookie", () => {
  test("is Secure only when the site is served over https", async () => {
    const user = await createUser(db);
    const secure = await startSession(db, user.id, { secure: true });
    const insecure = await startSession(db, user.id, { secure: false });
    expect(cookieAttributes(secure).has("secure")).toBe(true);
    expect(cookieAttributes(insecure).has("secure")).toBe(false);
    for (const setCookie of [secure, insecure]) {
      expect(cookieAttributes(setCookie).has("httponly")).toBe(true);
      expect(cookieAttributes(setCookie).get("samesite")?.toLowerCase()).toBe("lax");
    }
    // The blank cookie of a refused session follows the same rule.
    const refused = await readSession(db, "entraide_session=nope", { secure: true });
    expect(cookieAttributes(refused.setCookie!).has("secure")).toBe(true);
  });

  test("every call to startSession makes a new session", async () => {
    const user = await createUser(db);
    const a = sessionIdFrom(await startSession(db, user.id, plain));
    const b = sessionIdFrom(await startSession(db, user.id, plain));
    expect(a).not.toBe(b);
    expect(countUserSessions(db, user.id)).toBe(2);
  });
});

describe("sign out", () => {
  test("GET /logout shows the page and does not end the session", async () => {
    const { user, cookie, sessionId } = await signedIn();
    const response = await settle(() => logoutLoader(loaderArgs(getRequest("/logout"), contextFor(db, user.id, sessionId))));
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(sessionRow(sessionId)).not.toBeNull();
    expect((await readSession(db, cookie, plain)).user?.id).toBe(user.id);
  });

  test("GET /logout sends a visitor home", async () => {
    const response = await settle(() => logoutLoader(loaderArgs(getRequest("/logout"), contextFor(db))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
  });

  test("POST /logout ends this session only and returns a blank cookie", async () => {
    const { user, cookie, sessionId } = await signedIn();
    const other = await startSession(db, user.id, plain);
    const response = await settle(() => logoutAction(actionArgs(formRequest("/logout", {}), contextFor(db, user.id, sessionId))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expectBlankCookie(response.headers.get("Set-Cookie"));
    expect(sessionRow(sessionId)).toBeNull();
    expect((await readSession(db, cookie, plain)).user).toBeNull();
    // The same person's other device stays signed in.
    expect((await readSession(db, cookieHeaderFrom(other), plain)).user?.id).toBe(user.id);
  });
});
