import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { commonPasswordCount, isCommonPassword } from "../../../app/auth/password.server";
import { readSession, SESSION_COOKIE } from "../../../app/auth/session.server";
import { authenticate, BAD_LOGIN_MESSAGE, COMMON_PASSWORD_MESSAGE, findUserByUsername, registerUser } from "../../../app/models/accounts/user.server";
import { action as joinAction, loader as joinLoader } from "../../../app/routes/join";
import { action as loginAction } from "../../../app/routes/login";
import { sessions, users } from "../../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, personForm, settle } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { snapshot } from "../../support/model-helpers";
import { issueFormStamp } from "../../../app/utils/form-guard.server";
import {
  actionArgs,
  bodyOf,
  contextFrom,
  cookieAttributes,
  cookieHeaderFrom,
  cookieLifetimeSeconds,
  freshAddress,
  loaderArgs,
  sessionIdFrom,
} from "../../support/http-helpers";

const db = createTestDb();
const GOOD_PASSWORD = "a quiet harbour at dawn";
const DAY = 24 * 60 * 60;

type FormReply = { errors?: Record<string, string>; values?: Record<string, string> };

function join(fields: Record<string, string>) {
  return settle(() => joinAction(actionArgs(formRequest("/join", personForm(db, fields)), contextFor(db))));
}

function signIn(fields: Record<string, string>, address = freshAddress()) {
  return settle(() => loginAction(actionArgs(formRequest("/login", fields), contextFrom(db, address))));
}

function userCount() {
  return db.select({ id: users.id }).from(users).all().length;
}

async function expectJoinRefused(fields: Record<string, string>, field: string, message: RegExp | string) {
  const before = userCount();
  const response = await join(fields);
  expect(response.status).toBe(400);
  const reply = await bodyOf<FormReply>(response);
  if (typeof message === "string") expect(reply.errors?.[field]).toBe(message);
  else expect(reply.errors?.[field]).toMatch(message);
  expect(userCount()).toBe(before);
  return reply;
}

describe("join", () => {
  test("a new member is created, stored with an argon2id hash and signed in with a safe cookie", async () => {
    const response = await join({ username: "Newcomer", email: "Newcomer@Example.test", password: GOOD_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");

    const row = findUserByUsername(db, "newcomer")!;
    expect(row.username).toBe("Newcomer");
    expect(row.email).toBe("newcomer@example.test");
    expect(row.role).toBe("member");
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.passwordHash).not.toContain(GOOD_PASSWORD);

    // The session's cookie, and the welcome's (a flash for the page they land on).
    const [setCookie, welcome, ...more] = response.headers.getSetCookie();
    expect(setCookie).toBeTruthy();
    expect(setCookie!.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(welcome).toMatch(new RegExp(`^entraide_welcome=${row.id}; Max-Age=600; Path=/; HttpOnly; SameSite=Lax$`));
    expect(more).toEqual([]);
    const attributes = cookieAttributes(setCookie!);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("secure")).toBe(false);
    const lifetime = cookieLifetimeSeconds(setCookie!)!;
    expect(lifetime).toBeGreaterThan(29 * DAY);
    expect(lifetime).toBeLessThanOrEqual(30 * DAY + 60);

    // The cookie really signs the newcomer in.
    const state = await readSession(db, cookieHeaderFrom(setCookie), { secure: false });
    expect(state.user?.id).toBe(row.id);
    expect(state.user?.username).toBe("Newcomer");
  });

  test("after joining, the member goes back to the page they came from, never to another site", async () => {
    const back = await join({ username: "returning", email: "returning@example.test", password: GOOD_PASSWORD, redirectTo: "/c/billing" });
    expect(back.headers.get("Location")).toBe("/c/billing");
    const away = await join({ username: "phished", email: "phished@example.test", password: GOOD_PASSWORD, redirectTo: "//evil.example/" });
    expect(away.status).toBe(302);
    expect(away.headers.get("Location")).toBe("/");
  });

  test.each([
    ["too short", "ab", /at least 3/],
    ["empty", "", /Choose a username/],
    ["with a space", "two words", /letters, digits, - and _/],
    ["with an accent", "éloïse", /letters, digits, - and _/],
    ["with punctuation", "bob!", /letters, digits, - and _/],
    ["with an @", "bob@home", /letters, digits, - and _/],
  ])("a username %s is refused", async (_label, username, message) => {
    await expectJoinRefused({ username, email: `x${userCount()}@example.test`, password: GOOD_PASSWORD }, "username", message);
  });

  test("a 31-character username is refused with a message, never cut to 30", async () => {
    const long = "a".repeat(31);
    const reply = await expectJoinRefused({ username: long, email: "long@example.test", password: GOOD_PASSWORD }, "username", /at most 30/);
    expect(reply.values?.username).toBe(long);
    expect(findUserByUsername(db, "a".repeat(30))).toBeNull();
  });

  test("usernames of exactly 3 and 30 characters of letters, digits, - and _ are accepted", async () => {
    expect((await join({ username: "a-1", email: "short3@example.test", password: GOOD_PASSWORD })).status).toBe(302);
    const thirty = "Ab_9-".repeat(6);
    expect(thirty).toHaveLength(30);
    expect((await join({ username: thirty, email: "long30@example.test", password: GOOD_PASSWORD })).status).toBe(302);
    expect(findUserByUsername(db, thirty)?.username).toBe(thirty);
  });

  test("a username that differs only in case from an existing one is taken", async () => {
    await createUser(db, { username: "Alice", email: "alice@example.test" });
    const reply = await expectJoinRefused({ username: "alice", email: "another-alice@example.test", password: GOOD_PASSWORD }, "username", /taken/);
    expect(reply.values).toEqual({ username: "alice", email: "another-alice@example.test" });
  });

  test("an email already used, in any case, is refused", async () => {
    await createUser(db, { username: "carol", email: "carol@example.test" });
    await expectJoinRefused({ username: "carol2", email: "CAROL@Example.TEST", password: GOOD_PASSWORD }, "email", /already exists/);
  });

  test("an invalid email is refused", async () => {
    await expectJoinRefused({ username: "dave", email: "not-an-email", password: GOOD_PASSWORD }, "email", /valid email/);
    await expectJoinRefused({ username: "dave", email: "", password: GOOD_PASSWORD }, "email", /Enter your email/);
  });

  test("a password under 10 or over 128 characters is refused", async () => {
    await expectJoinRefused({ username: "erin", email: "erin@example.test", password: "nine-char" }, "password", /at least 10/);
    await expectJoinRefused({ username: "erin", email: "erin@example.test", password: "x".repeat(129) }, "password", /at most 128/);
    expect((await join({ username: "erin", email: "erin@example.test", password: "y".repeat(128) })).status).toBe(302);
  });

  test.each(["password123", "qwertyuiop", "PassWord123"])("the common password %s is refused", async (password) => {
    await expectJoinRefused({ username: "frank", email: "frank@example.test", password }, "password", COMMON_PASSWORD_MESSAGE);
  });

  test("the common-password list holds at least 10,000 entries", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword("password123")).toBe(true);
    expect(isCommonPassword(GOOD_PASSWORD)).toBe(false);
  });

  test("on error every field gets its message, typed values are kept and the password is never sent back", async () => {
    const password = "short";
    const response = await join({ username: "x", email: "nope", password });
    expect(response.status).toBe(400);
    const text = await response.clone().text();
    const reply = await bodyOf<FormReply>(response);
    expect(Object.keys(reply.errors ?? {}).sort()).toEqual(["email", "password", "username"]);
    expect(reply.values?.username).toBe("x");
    expect(reply.values?.email).toBe("nope");
    expect(reply.values).not.toHaveProperty("password");
    expect(text).not.toContain(password);
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  test("a refused common password is not echoed either", async () => {
    const response = await join({ username: "gina", email: "gina@example.test", password: "qwertyuiop" });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("qwertyuiop");
  });

  test("a body that is not a form gets a 400, not an exception", async () => {
    const request = new Request("http://localhost/join", {
      method: "POST",
      body: "{",
      headers: { "Content-Type": "application/json", Origin: "http://localhost" },
    });
    const response = await settle(() => joinAction(actionArgs(request, contextFor(db))));
    expect(response.status).toBe(400);
  });

  test("two people racing for the same username, or the same email: one account is made, the other gets the message", async () => {
    const [first, second] = await Promise.all([
      registerUser(db, { username: "Racer", email: "racer1@example.test", password: GOOD_PASSWORD }),
      registerUser(db, { username: "racer", email: "racer2@example.test", password: GOOD_PASSWORD }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const loser = first.ok ? second : first;
    expect(!loser.ok && loser.errors.username).toMatch(/taken/);

    const [third, fourth] = await Promise.all([
      registerUser(db, { username: "mailracer1", email: "same@example.test", password: GOOD_PASSWORD }),
      registerUser(db, { username: "mailracer2", email: "SAME@example.test", password: GOOD_PASSWORD }),
    ]);
    expect([third.ok, fourth.ok].sort()).toEqual([false, true]);
    const mailLoser = third.ok ? fourth : third;
    expect(!mailLoser.ok && mailLoser.errors.email).toMatch(/already exists/);
  });

  test("someone already signed in is sent home from the join page", async () => {
    const member = await createUser(db);
    const loader = await settle(() => joinLoader(loaderArgs(getRequest("/join"), contextFor(db, member.id))));
    expect(loader.status).toBe(302);
    expect(loader.headers.get("Location")).toBe("/");
    const before = userCount();
    const posted = await settle(() =>
      joinAction(actionArgs(formRequest("/join", { username: "second", email: "second@example.test", password: GOOD_PASSWORD }), contextFor(db, member.id))),
    );
    expect(posted.status).toBe(302);
    expect(userCount()).toBe(before);
  });
});

describe("sign in", () => {
  test("by username or by email, in any case", async () => {
    const user = await createUser(db, { username: "Hannah", email: "hannah@example.test" });
    for (const login of ["Hannah", "hannah", "HANNAH", "hannah@example.test", "Hannah@Example.TEST", "  hannah  "]) {
      const response = await signIn({ login, password: TEST_PASSWORD });
      expect(response.status, login).toBe(302);
      const state = await readSession(db, cookieHeaderFrom(response.headers.get("Set-Cookie")), { secure: false });
      expect(state.user?.id, login).toBe(user.id);
    }
  });

  test("authenticate finds the account by username or email", async () => {
    const user = await createUser(db, { username: "Ivan", email: "ivan@example.test" });
    const byName = await authenticate(db, { login: "IVAN", password: TEST_PASSWORD, address: freshAddress() });
    const byEmail = await authenticate(db, { login: "IVAN@example.TEST", password: TEST_PASSWORD, address: freshAddress() });
    expect(byName.ok && byName.user.id).toBe(user.id);
    expect(byEmail.ok && byEmail.user.id).toBe(user.id);
  });

  test("an account without a password (single sign-on) cannot be signed into with any password", async () => {
    const created = await registerUser(db, { username: "no_password", email: "no-password@example.test" });
    expect(created.ok).toBe(true);
    expect(findUserByUsername(db, "no_password")?.passwordHash).toBe("");
    for (const password of ["", " ", TEST_PASSWORD]) {
      const result = await authenticate(db, { login: "no_password", password, address: freshAddress() });
      expect(result.ok, JSON.stringify(password)).toBe(false);
      if (!result.ok) expect(result.errors).toEqual({ form: BAD_LOGIN_MESSAGE });
    }
  });

  test("a wrong password and an unknown account get exactly the same answer", async () => {
    await createUser(db, { username: "judy", email: "judy@example.test" });
    const wrong = await signIn({ login: "judy", password: "not the right password" });
    const unknown = await signIn({ login: "nobody-here", password: "not the right password" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const wrongReply = await bodyOf<FormReply>(wrong);
    const unknownReply = await bodyOf<FormReply>(unknown);
    expect(wrongReply.errors).toEqual({ form: BAD_LOGIN_MESSAGE });
    expect(unknownReply.errors).toEqual({ form: BAD_LOGIN_MESSAGE });
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
    // The login typed is kept; the password is not.
    expect(wrongReply.values).toEqual({ login: "judy" });
    expect(JSON.stringify(wrongReply)).not.toContain("not the right password");
  });

  test("every sign-in starts a new session with a new id", async () => {
    const user = await createUser(db, { username: "kim", email: "kim@example.test" });
    const first = await signIn({ login: "kim", password: TEST_PASSWORD });
    const second = await signIn({ login: "kim", password: TEST_PASSWORD });
    const firstId = sessionIdFrom(first.headers.get("Set-Cookie"));
    const secondId = sessionIdFrom(second.headers.get("Set-Cookie"));
    expect(firstId).toBeTruthy();
    expect(secondId).toBeTruthy();
    expect(firstId).not.toBe(secondId);
    const rows = db.select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(rows.map((r) => r.id).sort()).toEqual([firstId, secondId].sort());
  });

  test("after signing in, the member goes back where they were, never to another site", async () => {
    await createUser(db, { username: "lou", email: "lou@example.test" });
    const back = await signIn({ login: "lou", password: TEST_PASSWORD, redirectTo: "/t/12/my-question?tab=answers" });
    expect(back.headers.get("Location")).toBe("/t/12/my-question?tab=answers");
    for (const redirectTo of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const response = await signIn({ login: "lou", password: TEST_PASSWORD, redirectTo });
      expect(response.status, redirectTo).toBe(302);
      expect(response.headers.get("Location"), redirectTo).toBe("/");
    }
  });

  test("an empty form gets a message per field", async () => {
    const response = await signIn({ login: "", password: "" });
    expect(response.status).toBe(400);
    const reply = await bodyOf<FormReply>(response);
    expect(reply.errors?.login).toMatch(/username or email/);
    expect(reply.errors?.password).toMatch(/password/);
  });

  test("a body that is not a form gets a 400", async () => {
    const request = new Request("http://localhost/login", { method: "POST", body: "{", headers: { "Content-Type": "application/json" } });
    const response = await settle(() => loginAction(actionArgs(request, contextFrom(db, freshAddress()))));
    expect(response.status).toBe(400);
  });
});

describe("the form guard on joining", () => {
  test("a bot that fills the honeypot, sends too fast or forges the stamp makes no account, and a person's text is kept", async () => {
    const fields = { username: "quick_bot", email: "quick-bot@example.test", password: GOOD_PASSWORD };
    const before = snapshot(db);
    const extras: Record<string, string>[] = [{ website: "http://spam.example" }, { formStamp: issueFormStamp(db, Date.now()) }, { formStamp: "1.forged" }];
    for (const extra of extras) {
      const response = await settle(() => joinAction(actionArgs(formRequest("/join", { ...personForm(db, fields), ...extra }), contextFor(db))));
      expect(response.status).toBe(400);
      const reply = await bodyOf<FormReply & { formStamp?: string }>(response);
      expect(reply.errors?.form).toMatch(/quicker than a person|open for a long time/);
      expect(reply.values).toEqual({ username: "quick_bot", email: "quick-bot@example.test" });
      expect(reply.formStamp).toMatch(/^\d+\./);
    }
    expect(snapshot(db)).toBe(before);
    expect(findUserByUsername(db, "quick_bot")).toBeNull();
  });

  test("the join page is never kept in the page cache: its stamp says when it was served", async () => {
    const response = await settle(() => joinLoader(loaderArgs(getRequest("/join"), contextFor(db))));
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await bodyOf<{ formStamp: string }>(response)).formStamp).toMatch(/^\d+\./);
  });
});
