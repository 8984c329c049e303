// Two-factor through the routes: the password step hands over to
// /login/two-factor without a session, the signed cookie decides who is
// signing in (tampered or expired: back to sign in), the code starts the
// session; /settings/security turns it on and off; staff whom the admins
// require to use it can do nothing else until they have.
import { createCookie } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { requirePasswordChosen, requireUser } from "../../app/auth/current-user.server";
import { completeSignIn, readPendingSignIn, TWO_FACTOR_COOKIE } from "../../app/auth/sign-in.server";
import { updateAccountRules } from "../../app/models/accounts/account-rules.server";
import { enableTwoFactor, startTwoFactorSetup, STAFF_MUST_KEEP_MESSAGE, WRONG_CODE_MESSAGE } from "../../app/models/accounts/two-factor.server";
import { getUserById } from "../../app/models/accounts/user.server";
import { appSecret } from "../../app/models/site/app-secret.server";
import { action as loginAction } from "../../app/routes/login";
import { action as stepAction, loader as stepLoader } from "../../app/routes/login_.two-factor";
import { loader as modLoader } from "../../app/routes/mod";
import { loader as rootLoader } from "../../app/root";
import { action as suspendAction } from "../../app/routes/mod.users.$username";
import { loader as settingsLoader } from "../../app/routes/settings";
import { action as securityAction, loader as securityLoader } from "../../app/routes/settings_.security";
import { recoveryCodes, sessions, users } from "../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { actionArgs, bodyOf, contextFrom, cookieAttributes, cookieHeaderFrom, freshAddress, loaderArgs, sessionIdFrom } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";

const db = createTestDb();
const admin = await createUser(db, { username: "root_admin", role: "admin" });

function codeAt(secret: string, timestamp = Date.now()) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp });
}

/** A code certainly not valid now (none of the three in the window). */
function wrongCode(secret: string) {
  const valid = new Set([-1, 0, 1, 2].map((d) => codeAt(secret, Date.now() + d * 30_000)));
  for (let n = 0; ; n++) {
    const candidate = String((654321 + n * 7919) % 1_000_000).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

async function userWithTwoFactor(overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, overrides);
  startTwoFactorSetup(db, user);
  const secret = getUserById(db, user.id)!.totpSecret;
  // Turned on with last minute's code, so the codes of now are still unused.
  const enabled = enableTwoFactor(db, user, { code: codeAt(secret, Date.now() - 120_000) }, Date.now() - 120_000);
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.errors));
  return { user, secret, codes: enabled.recoveryCodes };
}

function sessionCount(userId: number) {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).all().length;
}

function setCookies(response: Response) {
  return response.headers.getSetCookie();
}

function cookieNamed(response: Response, name: string) {
  return setCookies(response).find((c) => c.startsWith(`${name}=`)) ?? null;
}

async function passwordStep(login: string, redirectTo = "") {
  const response = await settle(() =>
    loginAction(actionArgs(formRequest("/login", { login, password: TEST_PASSWORD, redirectTo }), contextFrom(db, freshAddress()))),
  );
  return response;
}

function stepRequest(fields: Record<string, string> | null, cookie: string | null) {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (!fields) return new Request("http://localhost/login/two-factor", { headers });
  return formRequest("/login/two-factor", fields, { headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" } });
}

function postStep(fields: Record<string, string>, cookie: string | null) {
  return settle(() => stepAction(actionArgs(stepRequest(fields, cookie), contextFrom(db, freshAddress()))));
}

function getStep(cookie: string | null) {
  return settle(() => stepLoader(loaderArgs(stepRequest(null, cookie), contextFor(db))));
}

describe("signing in with two-factor", () => {
  test("the password alone starts no session: a signed, httpOnly, Lax, 5-minute cookie sends to the code step", async () => {
    const { user } = await userWithTwoFactor({ username: "tf_pia" });
    const response = await passwordStep("tf_pia", "/u/tf_pia");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login/two-factor");
    expect(cookieNamed(response, "entraide_session")).toBeNull();
    expect(sessionCount(user.id)).toBe(0);

    const cookie = cookieNamed(response, TWO_FACTOR_COOKIE)!;
    const attributes = cookieAttributes(cookie);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attributes.get("max-age")).toBe("300");
    expect(attributes.get("path")).toBe("/login");
    // Signed: the value is followed by its signature.
    expect(cookieHeaderFrom(cookie)).toMatch(/^entraide_two_factor=[^;]+\.[^;]+$/);

    const page = await getStep(cookieHeaderFrom(cookie));
    expect(page.status).toBe(200);
    expect(await bodyOf(page)).toEqual({ expired: false });
    expect(page.headers.get("Cache-Control")).toBe("no-store");
  });

  test("a wrong code is refused and starts no session; the right code starts one, clears the cookie and goes on", async () => {
    const { user, secret } = await userWithTwoFactor({ username: "tf_quinn" });
    const cookie = cookieHeaderFrom(cookieNamed(await passwordStep("tf_quinn", "/u/tf_quinn"), TWO_FACTOR_COOKIE));

    const wrong = await postStep({ intent: "code", code: wrongCode(secret) }, cookie);
    expect(wrong.status).toBe(400);
    expect((await bodyOf(wrong)).errors).toEqual({ code: WRONG_CODE_MESSAGE });
    expect(cookieNamed(wrong, "entraide_session")).toBeNull();
    expect(sessionCount(user.id)).toBe(0);

    const malformed = await postStep({ code: "12ab" }, cookie);
    expect(malformed.status).toBe(400);
    expect((await bodyOf(malformed)).errors.code).toMatch(/6 digits/);

    const right = await postStep({ intent: "code", code: codeAt(secret) }, cookie);
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/u/tf_quinn");
    const sessionId = sessionIdFrom(cookieNamed(right, "entraide_session"));
    expect(db.select().from(sessions).where(eq(sessions.id, sessionId)).get()?.userId).toBe(user.id);
    const cleared = cookieNamed(right, TWO_FACTOR_COOKIE)!;
    expect(cookieAttributes(cleared).get("max-age")).toBe("0");

    // The same code again, with the same cookie (within its 5 minutes): refused, no second session.
    const replay = await postStep({ intent: "code", code: codeAt(secret) }, cookie);
    expect(replay.status).toBe(400);
    expect(sessionCount(user.id)).toBe(1);
  });

  test("a recovery code signs in once", async () => {
    const { user, codes } = await userWithTwoFactor({ username: "tf_rosa" });
    const cookie = cookieHeaderFrom(cookieNamed(await passwordStep("tf_rosa"), TWO_FACTOR_COOKIE));
    const first = await postStep({ intent: "recovery", recoveryCode: codes[0]! }, cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/");
    expect(sessionCount(user.id)).toBe(1);

    const again = await postStep({ intent: "recovery", recoveryCode: codes[0]! }, cookie);
    expect(again.status).toBe(400);
    expect(Object.keys((await bodyOf(again)).errors)).toEqual(["recoveryCode"]);
    expect(sessionCount(user.id)).toBe(1);
  });

  test("a tampered, forged, foreign or expired cookie is refused with a clear page back to sign in, and no session", async () => {
    const { user, secret } = await userWithTwoFactor({ username: "tf_sol" });
    const { user: victim, secret: victimSecret } = await userWithTwoFactor({ username: "tf_victim" });
    const genuine = cookieHeaderFrom(cookieNamed(await passwordStep("tf_sol"), TWO_FACTOR_COOKIE));
    const [name, signed] = genuine.split("=") as [string, string];
    const [payload, signature] = decodeURIComponent(signed).split(".") as [string, string];

    // The payload changed to another person's id, the old signature kept.
    const data = JSON.parse(decodeURIComponent(escape(atob(payload))));
    const forgedPayload = btoa(unescape(encodeURIComponent(JSON.stringify({ ...data, userId: victim.id }))));
    const swapped = `${name}=${encodeURIComponent(`${forgedPayload}.${signature}`)}`;
    // Signed with another secret.
    const foreign = cookieHeaderFrom(
      await createCookie(TWO_FACTOR_COOKIE, { secrets: ["not the app secret"] }).serialize({ userId: victim.id, redirectTo: "/", issuedAt: Date.now() }),
    );
    // Properly signed, but issued six minutes ago (a browser ignoring Max-Age, or a copy kept).
    const secret6 = appSecret(db);
    const stale = cookieHeaderFrom(
      await createCookie(TWO_FACTOR_COOKIE, { secrets: [secret6] }).serialize({ userId: user.id, redirectTo: "/", issuedAt: Date.now() - 6 * 60_000 }),
    );
    const garbage = `${name}=${encodeURIComponent("eyJ1c2VySWQiOjF9.x")}`;

    const before = snapshot(db);
    for (const [cookie, code] of [
      [swapped, codeAt(victimSecret)],
      [foreign, codeAt(victimSecret)],
      [stale, codeAt(secret)],
      [garbage, codeAt(secret)],
      [null, codeAt(secret)],
    ] as const) {
      const response = await postStep({ intent: "code", code }, cookie);
      expect(response.status).toBe(400);
      expect(await bodyOf(response)).toEqual({ expired: true });
      expect(cookieNamed(response, "entraide_session")).toBeNull();
      expect(cookieAttributes(cookieNamed(response, TWO_FACTOR_COOKIE)!).get("max-age")).toBe("0");
      const page = await getStep(cookie);
      expect(page.status).toBe(400);
      expect(await bodyOf(page)).toEqual({ expired: true });
    }
    // Nothing was written: no session, no code used up, no throttle row.
    expect(snapshot(db)).toBe(before);
    expect(sessionCount(victim.id)).toBe(0);

    // The age check is the server's own: five minutes and one second is too late.
    const request = stepRequest(null, genuine);
    expect(await readPendingSignIn(request, contextFor(db))).toMatchObject({ userId: user.id });
    expect(await readPendingSignIn(request, contextFor(db), Date.now() + 5 * 60_000 + 1_000)).toBeNull();
  });

  test("who signs in comes from the cookie, never from the form", async () => {
    const { user } = await userWithTwoFactor({ username: "tf_tom" });
    const { user: other, secret: otherSecret } = await userWithTwoFactor({ username: "tf_other" });
    const cookie = cookieHeaderFrom(cookieNamed(await passwordStep("tf_tom"), TWO_FACTOR_COOKIE));
    const response = await postStep({ intent: "code", code: codeAt(otherSecret), userId: String(other.id) }, cookie);
    expect(response.status).toBe(400);
    expect(sessionCount(user.id) + sessionCount(other.id)).toBe(0);
  });

  test("hostile input is a 4xx, never a 500", async () => {
    await userWithTwoFactor({ username: "tf_uma" });
    const cookie = cookieHeaderFrom(cookieNamed(await passwordStep("tf_uma"), TWO_FACTOR_COOKIE));
    expect((await postStep({ intent: "delete-everything", code: "123456" }, cookie)).status).toBe(400);
    expect((await postStep({ intent: "recovery", recoveryCode: "x".repeat(500) }, cookie)).status).toBe(400);
    expect((await postStep({ intent: "code", code: "1".repeat(5000) }, cookie)).status).toBe(400);
    const json = await settle(() =>
      stepAction(
        actionArgs(
          new Request("http://localhost/login/two-factor", { method: "POST", body: "{}", headers: { "Content-Type": "application/json", Cookie: cookie } }),
          contextFor(db),
        ),
      ),
    );
    expect(json.status).toBe(400);
  });

  test("people without two-factor sign in at once; with single sign-on only staff are asked for the code", async () => {
    const plain = await createUser(db, { username: "tf_plain" });
    const response = await passwordStep("tf_plain");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expect(cookieNamed(response, "entraide_session")).not.toBeNull();
    expect(sessionCount(plain.id)).toBe(1);

    const { user: member } = await userWithTwoFactor();
    const sso = await completeSignIn(contextFor(db), member, { method: "sso", redirectTo: "/kb" });
    expect(sso.headers.get("Location")).toBe("/kb");
    expect(cookieNamed(sso, "entraide_session")).not.toBeNull();

    const { user: moderator } = await userWithTwoFactor({ role: "moderator" });
    const staffSso = await completeSignIn(contextFor(db), moderator, { method: "sso", redirectTo: "/mod" });
    expect(staffSso.headers.get("Location")).toBe("/login/two-factor");
    expect(cookieNamed(staffSso, "entraide_session")).toBeNull();
    expect(sessionCount(moderator.id)).toBe(0);
    const pending = await readPendingSignIn(stepRequest(null, cookieHeaderFrom(cookieNamed(staffSso, TWO_FACTOR_COOKIE))), contextFor(db));
    expect(pending).toMatchObject({ userId: moderator.id, redirectTo: "/mod" });
  });

  test("the step is for visitors: a signed-in person goes home", async () => {
    const someone = await createUser(db);
    const response = await settle(() => stepLoader(loaderArgs(stepRequest(null, null), contextFor(db, someone.id))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("/settings/security", () => {
  test("turns two-factor on with a code from the app and shows ten recovery codes once", async () => {
    const user = await createUser(db, { username: "sec_val" });
    const context = () => contextFor(db, user.id);
    const start = await settle(() => securityAction(actionArgs(formRequest("/settings/security", { intent: "start" }), context())));
    expect(start.status).toBe(302);

    const page = await bodyOf(await settle(() => securityLoader(loaderArgs(getRequest("/settings/security"), context()))));
    expect(page.enabledAt).toBeNull();
    expect(page.setup.qrSvg).toMatch(/^<svg/);
    const secret: string = page.setup.secret;
    expect(secret).toBe(getUserById(db, user.id)!.totpSecret);

    const wrong = await settle(() => securityAction(actionArgs(formRequest("/settings/security", { intent: "enable", code: wrongCode(secret) }), context())));
    expect(wrong.status).toBe(400);
    expect((await bodyOf(wrong)).errors.code).toBe(WRONG_CODE_MESSAGE);

    const on = await settle(() => securityAction(actionArgs(formRequest("/settings/security", { intent: "enable", code: codeAt(secret) }), context())));
    expect(on.status).toBe(200);
    const reply = await bodyOf(on);
    expect(reply.recoveryCodes).toHaveLength(10);
    const after = await bodyOf(await settle(() => securityLoader(loaderArgs(getRequest("/settings/security"), context()))));
    expect(after.enabledAt).not.toBeNull();
    expect(after.setup).toBeNull();
    expect(after.recoveryCodesLeft).toBe(10);
    expect(JSON.stringify(after)).not.toContain(reply.recoveryCodes[0]);

    expect((await settle(() => securityAction(actionArgs(formRequest("/settings/security", { intent: "nonsense" }), context())))).status).toBe(400);
  });

  test("asks visitors to sign in", async () => {
    const response = await settle(() => securityLoader(loaderArgs(getRequest("/settings/security"), contextFor(db))));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fsecurity");
  });
});

describe("when the admins require two-factor for staff", () => {
  beforeEach(() => updateAccountRules(db, asCurrentUser(db, admin.id), { requireStaffTwoFactor: true }));
  afterEach(() => updateAccountRules(db, asCurrentUser(db, admin.id), { requireStaffTwoFactor: false }));

  test("a moderator without it is sent to /settings/security from any page or action, and may still sign out", async () => {
    const moderator = await createUser(db, { username: "guard_mod", role: "moderator" });
    const modPage = await settle(() => modLoader(loaderArgs(getRequest("/mod"), contextFor(db, moderator.id))));
    expect(modPage.status).toBe(302);
    expect(modPage.headers.get("Location")).toBe("/settings/security");
    const settingsPage = await settle(() => settingsLoader(loaderArgs(getRequest("/settings"), contextFor(db, moderator.id))));
    expect(settingsPage.headers.get("Location")).toBe("/settings/security");

    // Root's loader checks every page when given the database.
    const user = asCurrentUser(db, moderator.id);
    expect(() => requirePasswordChosen(getRequest("/t/1/a-thread"), user, db)).toThrow();
    expect(() => requirePasswordChosen(getRequest("/logout"), user, db)).not.toThrow();
    expect(() => requirePasswordChosen(getRequest("/settings/security"), user, db)).not.toThrow();
    expect(() => requireUser(getRequest("/settings/security?_data=routes%2Fsettings_.security"), contextFor(db, moderator.id))).not.toThrow();
    // …and does: a public page (a thread, where staff see hidden posts) is no way round it.
    const framed = await settle(() => rootLoader(loaderArgs(getRequest("/t/1/a-thread"), contextFor(db, moderator.id))));
    expect(framed.status).toBe(302);
    expect(framed.headers.get("Location")).toBe("/settings/security");
    const visitorFrame = await settle(() => rootLoader(loaderArgs(getRequest("/t/1/a-thread"), contextFor(db, null))));
    expect(visitorFrame.status).toBe(200);

    const page = await bodyOf(await settle(() => securityLoader(loaderArgs(getRequest("/settings/security"), contextFor(db, moderator.id)))));
    expect(page.required).toBe(true);
    expect(page.enabledAt).toBeNull();
  });

  test("a moderator without it is refused a moderation action, and nothing changes", async () => {
    const moderator = await createUser(db, { username: "guard_mod2", role: "moderator" });
    const member = await createUser(db, { username: "guard_member" });
    const before = snapshot(db);
    const response = await settle(() =>
      suspendAction({
        request: formRequest(`/mod/users/${member.username}`, { intent: "suspend", duration: "7", reason: "Spam links in every answer." }),
        context: contextFor(db, moderator.id),
        params: { username: member.username },
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings/security");
    expect(snapshot(db)).toBe(before);
    expect(getUserById(db, member.id)!.suspendedUntil).toBeNull();
  });

  test("with two-factor on, the moderator goes about their work; members are not held back", async () => {
    const { user: moderator } = await userWithTwoFactor({ role: "moderator" });
    const modPage = await settle(() => modLoader(loaderArgs(getRequest("/mod"), contextFor(db, moderator.id))));
    expect(modPage.status).toBe(200);
    const member = await createUser(db);
    expect(() => requireUser(getRequest("/ask"), contextFor(db, member.id))).not.toThrow();
  });

  test("a staff member who must first change a one-time password can do that (no redirect loop)", async () => {
    const admin2 = await createUser(db, { role: "admin", mustChangePassword: true });
    const settingsPage = await settle(() => settingsLoader(loaderArgs(getRequest("/settings"), contextFor(db, admin2.id))));
    expect(settingsPage.status).toBe(200);
    const security = await settle(() => securityLoader(loaderArgs(getRequest("/settings/security"), contextFor(db, admin2.id))));
    expect(security.headers.get("Location")).toBe("/settings#password");
  });

  test("turning it off is refused for staff, and nothing changes", async () => {
    const { user: moderator, secret } = await userWithTwoFactor({ role: "moderator" });
    const before = snapshot(db);
    const response = await settle(() =>
      securityAction(
        actionArgs(formRequest("/settings/security", { intent: "disable", currentPassword: TEST_PASSWORD, code: codeAt(secret) }), contextFor(db, moderator.id)),
      ),
    );
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).errors).toEqual({ form: STAFF_MUST_KEEP_MESSAGE });
    expect(snapshot(db)).toBe(before);
    const row = db.select().from(users).where(eq(users.id, moderator.id)).get()!;
    expect(row.totpEnabledAt).not.toBeNull();
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, moderator.id)).all()).toHaveLength(10);
  });
});
