import { describe, expect, test } from "vitest";
import { pendingEmailChange } from "../../../app/models/accounts/account-tokens.server";
import { countUserSessions, readSession, startSession } from "../../../app/auth/session.server";
import { authenticate, getUserById } from "../../../app/models/accounts/user.server";
import { loader as rootLoader } from "../../../app/root";
import { action as settingsAction, loader as settingsLoader } from "../../../app/routes/settings";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { actionArgs, bodyOf, cookieHeaderFrom, cookieLifetimeSeconds, freshAddress, loaderArgs, sessionIdFrom } from "../../support/http-helpers";

const db = createTestDb();
const NEW_PASSWORD = "a quiet harbour at dawn";

type Reply = { intent: string; errors?: Record<string, string>; values?: Record<string, string>; message?: string };

function post(userId: number | null, fields: Record<string, string>, sessionId: string | null = null) {
  return settle(() => settingsAction(actionArgs(formRequest("/settings", fields), contextFor(db, userId, sessionId))));
}

describe("profile", () => {
  test("a new display name and bio are saved", async () => {
    const user = await createUser(db);
    const response = await post(user.id, { intent: "profile", displayName: "  Ada Lovelace ", bio: "I like engines." });
    expect(response.status).toBe(200);
    expect((await bodyOf<Reply>(response)).message).toMatch(/saved/);
    const row = getUserById(db, user.id)!;
    expect(row.displayName).toBe("Ada Lovelace");
    expect(row.bio).toBe("I like engines.");
  });

  test("a 51-character display name is refused with a message and the text typed is kept", async () => {
    const user = await createUser(db, { displayName: "Before" });
    const long = "D".repeat(51);
    const response = await post(user.id, { intent: "profile", displayName: long, bio: "Kept bio" });
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.displayName).toMatch(/at most 50/);
    expect(reply.values?.displayName).toBe(long);
    expect(reply.values?.bio).toBe("Kept bio");
    expect(getUserById(db, user.id)!.displayName).toBe("Before");
  });

  test("a 50-character display name is accepted whole", async () => {
    const user = await createUser(db);
    const fifty = "E".repeat(50);
    expect((await post(user.id, { intent: "profile", displayName: fifty, bio: "" })).status).toBe(200);
    expect(getUserById(db, user.id)!.displayName).toBe(fifty);
  });

  test("an empty display name is refused", async () => {
    const user = await createUser(db, { displayName: "Still here" });
    const response = await post(user.id, { intent: "profile", displayName: "   ", bio: "" });
    expect(response.status).toBe(400);
    expect((await bodyOf<Reply>(response)).errors?.displayName).toBeTruthy();
    expect(getUserById(db, user.id)!.displayName).toBe("Still here");
  });
});

describe("email", () => {
  test("asks for the change with the right current password; it waits for the new address's confirmation", async () => {
    const user = await createUser(db);
    const response = await post(user.id, { intent: "email", email: "New.Address@Example.test", currentPassword: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(TEST_PASSWORD);
    expect(getUserById(db, user.id)!.email).toBe(user.email);
    expect(pendingEmailChange(db, getUserById(db, user.id)!)).toBe("new.address@example.test");
  });

  test("is refused with a wrong current password, keeping the email typed", async () => {
    const user = await createUser(db);
    const response = await post(user.id, { intent: "email", email: "wanted@example.test", currentPassword: "not my password" });
    expect(response.status).toBe(400);
    const text = await response.clone().text();
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.currentPassword).toMatch(/not your current password/);
    expect(reply.values?.email).toBe("wanted@example.test");
    expect(text).not.toContain("not my password");
    expect(getUserById(db, user.id)!.email).toBe(user.email);
  });

  test("is refused when another account uses that email, in any case", async () => {
    const other = await createUser(db);
    const user = await createUser(db);
    const response = await post(user.id, { intent: "email", email: other.email.toUpperCase(), currentPassword: TEST_PASSWORD });
    expect(response.status).toBe(400);
    expect((await bodyOf<Reply>(response)).errors?.email).toMatch(/already uses/);
    expect(getUserById(db, user.id)!.email).toBe(user.email);
  });

  test("an invalid email is refused", async () => {
    const user = await createUser(db);
    const response = await post(user.id, { intent: "email", email: "nope", currentPassword: TEST_PASSWORD });
    expect(response.status).toBe(400);
    expect((await bodyOf<Reply>(response)).errors?.email).toMatch(/valid email/);
    expect(getUserById(db, user.id)!.email).toBe(user.email);
  });
});

describe("password", () => {
  async function twoSessions(userId: number) {
    const current = await startSession(db, userId, { secure: false });
    const other = await startSession(db, userId, { secure: false });
    return { current, other, currentId: sessionIdFrom(current) };
  }

  function passwordForm(fields: Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string>>) {
    return { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...fields };
  }

  async function expectRefused(userId: number, fields: Record<string, string>, field: string, message: RegExp) {
    const { current, other, currentId } = await twoSessions(userId);
    const before = getUserById(db, userId)!.passwordHash;
    const response = await post(userId, fields, currentId);
    expect(response.status).toBe(400);
    const text = await response.clone().text();
    expect((await bodyOf<Reply>(response)).errors?.[field]).toMatch(message);
    for (const secret of [fields.currentPassword, fields.newPassword, fields.confirmPassword]) {
      if (secret) expect(text).not.toContain(secret);
    }
    expect(getUserById(db, userId)!.passwordHash).toBe(before);
    // Nobody is signed out by a refused change.
    expect((await readSession(db, cookieHeaderFrom(current), { secure: false })).user?.id).toBe(userId);
    expect((await readSession(db, cookieHeaderFrom(other), { secure: false })).user?.id).toBe(userId);
  }

  test("requires the current password", async () => {
    const user = await createUser(db);
    await expectRefused(user.id, passwordForm({ currentPassword: "not my password" }), "currentPassword", /not your current password/);
  });

  test("refuses a common new password", async () => {
    const user = await createUser(db);
    await expectRefused(user.id, passwordForm({ newPassword: "qwertyuiop", confirmPassword: "qwertyuiop" }), "newPassword", /most common/);
  });

  test("refuses a confirmation that does not match", async () => {
    const user = await createUser(db);
    await expectRefused(user.id, passwordForm({ confirmPassword: `${NEW_PASSWORD}!` }), "confirmPassword", /not the same/);
  });

  test("refuses a new password that is the same as the current one", async () => {
    const user = await createUser(db);
    await expectRefused(user.id, passwordForm({ newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }), "newPassword", /different/);
  });

  test("refuses a new password that is too short", async () => {
    const user = await createUser(db);
    await expectRefused(user.id, passwordForm({ newPassword: "short", confirmPassword: "short" }), "newPassword", /at least 10/);
  });

  test("on success the new password works, the old one does not, other sessions end and this one stays", async () => {
    const user = await createUser(db, { mustChangePassword: true });
    const { current, other, currentId } = await twoSessions(user.id);
    const response = await post(user.id, passwordForm({}), currentId);
    expect(response.status).toBe(200);
    expect((await bodyOf<Reply>(response)).message).toMatch(/password was changed/);

    expect((await readSession(db, cookieHeaderFrom(current), { secure: false })).user?.id).toBe(user.id);
    expect((await readSession(db, cookieHeaderFrom(other), { secure: false })).user).toBeNull();
    expect(countUserSessions(db, user.id)).toBe(1);

    const row = getUserById(db, user.id)!;
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect((await authenticate(db, { login: user.username, password: NEW_PASSWORD, address: freshAddress() })).ok).toBe(true);
    expect((await authenticate(db, { login: user.username, password: TEST_PASSWORD, address: freshAddress() })).ok).toBe(false);
  });
});

describe("sign out everywhere", () => {
  test("ends every session of the user, this one included, and only theirs", async () => {
    const user = await createUser(db);
    const bystander = await createUser(db);
    const cookies = [
      await startSession(db, user.id, { secure: false }),
      await startSession(db, user.id, { secure: false }),
      await startSession(db, user.id, { secure: false }),
    ];
    const bystanderCookie = await startSession(db, bystander.id, { secure: false });

    const response = await post(user.id, { intent: "sign-out-everywhere" }, sessionIdFrom(cookies[0]!));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?signedOut=everywhere");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(sessionIdFrom(setCookie)).toBe("");
    expect(cookieLifetimeSeconds(setCookie)).toBeLessThanOrEqual(0);

    expect(countUserSessions(db, user.id)).toBe(0);
    for (const cookie of cookies) expect((await readSession(db, cookieHeaderFrom(cookie), { secure: false })).user).toBeNull();
    expect((await readSession(db, cookieHeaderFrom(bystanderCookie), { secure: false })).user?.id).toBe(bystander.id);
  });
});

describe("access", () => {
  test("a visitor posting to settings is sent to sign in and nothing changes", async () => {
    const response = await post(null, { intent: "profile", displayName: "Intruder", bio: "" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login(\?|$)/);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings");
  });

  test("a visitor opening settings is sent to sign in", async () => {
    const response = await settle(() => settingsLoader(loaderArgs(getRequest("/settings"), contextFor(db))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings");
  });

  test("the page shows the profile, the one-time-password reminder and how many sessions are open", async () => {
    const user = await createUser(db, { displayName: "Bea", mustChangePassword: true });
    const first = await startSession(db, user.id, { secure: false });
    await startSession(db, user.id, { secure: false });
    const response = await settle(() => settingsLoader(loaderArgs(getRequest("/settings"), contextFor(db, user.id, sessionIdFrom(first)))));
    expect(response.status).toBe(200);
    const data = await bodyOf(response);
    expect(data.profile.displayName).toBe("Bea");
    expect(data.profile.email).toBe(user.email);
    expect(data.mustChangePassword).toBe(true);
    expect(data.sessionCount).toBe(2);
    expect(JSON.stringify(data)).not.toContain("argon2");
  });

  test("an unknown intent is a 400", async () => {
    const user = await createUser(db);
    const response = await post(user.id, { intent: "make-me-admin" });
    expect(response.status).toBe(400);
    expect(getUserById(db, user.id)!.role).toBe("member");
  });
});

describe("a one-time password", () => {
  function visit(userId: number, pathname: string) {
    return settle(() => rootLoader(loaderArgs(getRequest(pathname), contextFor(db, userId))));
  }

  test("sends its holder to choose a new password from every page but settings and sign out", async () => {
    const user = await createUser(db, { mustChangePassword: true, role: "admin" });
    for (const pathname of ["/", "/admin", "/c/billing", "/search"]) {
      const response = await visit(user.id, pathname);
      expect(response.status, pathname).toBe(302);
      expect(response.headers.get("Location")).toBe("/settings#password");
    }
    expect((await visit(user.id, "/settings")).status).toBe(200);
    expect((await visit(user.id, "/logout")).status).toBe(200);
  });

  test("once the password is changed, the pages open again", async () => {
    const user = await createUser(db, { mustChangePassword: true });
    const session = await startSession(db, user.id, { secure: false });
    const changed = await post(
      user.id,
      { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      sessionIdFrom(session),
    );
    expect(changed.status).toBe(200);
    expect((await visit(user.id, "/")).status).toBe(200);
  });
});
