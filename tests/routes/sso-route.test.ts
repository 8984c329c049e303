// Single sign-on through the routes, against a real OpenID provider running in
// this process (tests/support/oidc-provider.ts): the start (/auth/<slug>), the
// provider's own sign-in page, the callback and the welcome page, called as
// Remix calls them. Every refusal (wrong state, nonce, issuer, audience,
// signature; a missing or replayed cookie) is answered with the sign-in page,
// an 'sso.refused' row, and no session.
import { createCookie } from "@remix-run/node";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loader as startLoader, action as startAction } from "../../app/routes/auth.$provider";
import { loader as callbackLoader } from "../../app/routes/auth.$provider_.callback";
import { action as welcomeAction, loader as welcomeLoader } from "../../app/routes/auth.welcome";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { action as joinAction, loader as joinLoader } from "../../app/routes/join";
import { action as adminAction, loader as adminLoader } from "../../app/routes/admin.sign-in";
import { action as connectionsAction, loader as connectionsLoader } from "../../app/routes/settings_.connections";
import { SESSION_COOKIE, startSession } from "../../app/auth/session.server";
import { getAccountRules, updateAccountRules } from "../../app/models/accounts/account-rules.server";
import { forgetDiscovery } from "../../app/models/accounts/sso.server";
import { findUserByUsername, registerUser } from "../../app/models/accounts/user.server";
import { appSecret } from "../../app/models/site/app-secret.server";
import { auditEvents, oidcProviders, sessions, userIdentities, users } from "../../db/schema";
import { asCurrentUser, createTestDb, formRequest, getRequest, personForm, settle } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { bodyOf, contextFrom, cookieHeaderFrom, freshAddress } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";

const db = createTestDb();
const ORIGIN = "http://localhost";
const SECRET = "a-client-secret-for-the-tests-only-0123456789";

let op: TestOidcProvider;
let otherOp: TestOidcProvider;
let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  admin = await createUser(db, { username: "site_admin", role: "admin" });
  op = await startOidcProvider({
    accounts: [
      { sub: "sub-dana", email: "dana@nimbus.test", email_verified: true, preferred_username: "dana", name: "Dana Rivera" },
      { sub: "sub-eli", email: "eli@nimbus.test", email_verified: false, preferred_username: "eli.w", name: "Eli Walker" },
      { sub: "sub-fay", email: "fay@nimbus.test", email_verified: true, name: "Fay Ong" },
      { sub: "sub-gus", email: "gus@nimbus.test", email_verified: true, preferred_username: "gus" },
      { sub: "sub-hal", email: "hal@nimbus.test", email_verified: true, preferred_username: "hal" },
      { sub: "sub-ivy", email: "ivy@nimbus.test", email_verified: true, preferred_username: "ivy" },
      { sub: "sub-jo", email: "jo@nimbus.test", email_verified: true, preferred_username: "jo_taken" },
      { sub: "sub-kim", email: "kim@nimbus.test", email_verified: true, preferred_username: "kim" },
      { sub: "sub-lou", email: "lou@nimbus.test", email_verified: true, preferred_username: "lou" },
    ],
    clients: [
      { clientId: "entraide", clientSecret: SECRET, redirectUris: [`${ORIGIN}/auth/nimbus/callback`, `${ORIGIN}/auth/impostor/callback`] },
      { clientId: "entraide-two", clientSecret: SECRET, redirectUris: [`${ORIGIN}/auth/second-client/callback`] },
    ],
  });
  // Another provider, for an answer that comes from the wrong issuer.
  otherOp = await startOidcProvider({
    accounts: [{ sub: "sub-dana", email: "dana@nimbus.test", email_verified: true }],
    clients: [{ clientId: "entraide", clientSecret: SECRET, redirectUris: [`${ORIGIN}/auth/impostor/callback`] }],
  });
  db.insert(oidcProviders)
    .values([
      { slug: "nimbus", label: "Nimbus ID", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET },
      { slug: "second-client", label: "Nimbus (second client)", issuer: op.issuer, clientId: "entraide-two", clientSecret: SECRET },
      { slug: "impostor", label: "Impostor", issuer: otherOp.issuer, clientId: "entraide", clientSecret: SECRET },
    ])
    .run();
});

afterAll(async () => {
  await op?.stop();
  await otherOp?.stop();
});

// ---------------------------------------------------------------------------
// Helpers: the browser's part

function contextAs(userId: number | null = null, sessionId: string | null = null) {
  return contextFrom(db, freshAddress(), userId, sessionId);
}

type Started = { authorizationUrl: string; cookie: string };

async function start(slug = "nimbus", options: { userId?: number; redirectTo?: string } = {}): Promise<Started> {
  const query = options.redirectTo ? `?redirectTo=${encodeURIComponent(options.redirectTo)}` : "";
  const response = await settle(() => startLoader({ request: getRequest(`/auth/${slug}${query}`), params: { provider: slug }, context: contextAs(options.userId) }));
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("Set-Cookie")!;
  expect(setCookie).toMatch(/^entraide_sso=/);
  return { authorizationUrl: response.headers.get("Location")!, cookie: cookieHeaderFrom(setCookie) };
}

async function callback(slug: string, url: URL, cookie: string | null, userId: number | null = null, sessionId: string | null = null) {
  const request = new Request(url.href, { headers: cookie ? { Cookie: cookie } : {} });
  return settle(() => callbackLoader({ request, params: { provider: slug }, context: contextAs(userId, sessionId) }));
}

function setCookieNamed(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

function sessionCount() {
  return db.select({ n: count() }).from(sessions).get()!.n;
}

function refusals() {
  return db.select().from(auditEvents).where(eq(auditEvents.action, "sso.refused")).all();
}

/** The sign-in under way, as the signed cookie carries it. */
const transactionCookie = () => createCookie("entraide_sso", { secrets: [appSecret(db)], path: "/auth", httpOnly: true, sameSite: "lax" });

async function readTransaction(cookie: string) {
  return (await transactionCookie().parse(cookie)) as { p: string; s: string; n: string; c: string; r: string; l: number | null; x: number };
}

async function forgeTransaction(values: Awaited<ReturnType<typeof readTransaction>>) {
  return cookieHeaderFrom(await transactionCookie().serialize(values));
}

/** Expects a refused callback: back to the sign-in page, one more audit row naming `reason`, no session. */
async function expectRefusedCallback(run: () => Promise<Response>, reason: RegExp, back = "/login?sso=refused") {
  const sessionsBefore = sessionCount();
  const refusedBefore = refusals().length;
  const usersBefore = db.select({ n: count() }).from(users).get()!.n;
  const response = await run();
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(back);
  expect(setCookieNamed(response, SESSION_COOKIE)).toBeUndefined();
  expect(setCookieNamed(response, "entraide_sso_welcome")).toBeUndefined();
  expect(sessionCount()).toBe(sessionsBefore);
  expect(db.select({ n: count() }).from(users).get()!.n).toBe(usersBefore);
  const rows = refusals();
  expect(rows.length).toBe(refusedBefore + 1);
  const details = JSON.parse(rows.at(-1)!.details) as { reason: string; slug: string };
  expect(details.reason).toMatch(reason);
  return { response, details, row: rows.at(-1)! };
}

/** A whole sign-in at the provider as `account`, ending on the callback's response. */
async function signInAs(account: string, options: { slug?: string; userId?: number; sessionId?: string; redirectTo?: string } = {}) {
  const slug = options.slug ?? "nimbus";
  const started = await start(slug, options);
  const back = await signInAtProvider(started.authorizationUrl, account);
  expect(back.origin + back.pathname).toBe(`${ORIGIN}/auth/${slug}/callback`);
  return { response: await callback(slug, back, started.cookie, options.userId ?? null, options.sessionId ?? null), started, back };
}

async function welcome(cookie: string, fields: Record<string, string>) {
  return settle(() => welcomeAction({ request: formRequest("/auth/welcome", fields, { headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookie } }), params: {}, context: contextAs() }));
}

// ---------------------------------------------------------------------------

describe("the authorization code flow against a real provider", () => {
  test("the start sends the browser to the provider with PKCE (S256), state and nonce, kept in a signed 10-minute cookie", async () => {
    const { authorizationUrl, cookie } = await start("nimbus", { redirectTo: "/c/billing" });
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get("client_id")).toBe("entraide");
    expect(url.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/auth/nimbus/callback`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("scope")).toBe("openid email profile");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    const transaction = await readTransaction(cookie);
    expect(url.searchParams.get("state")).toBe(transaction.s);
    expect(url.searchParams.get("nonce")).toBe(transaction.n);
    expect(transaction.r).toBe("/c/billing");
    expect(transaction.x - Date.now()).toBeGreaterThan(9 * 60_000);
    const response = await settle(() => startLoader({ request: getRequest("/auth/nimbus"), params: { provider: "nimbus" }, context: contextAs() }));
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Max-Age=600/);
    expect(setCookie).toMatch(/Path=\/auth/);
  });

  test("the start also takes a POST, and refuses an unknown or turned-off provider with a 404", async () => {
    const posted = await settle(() => startAction({ request: formRequest("/auth/nimbus", { redirectTo: "/kb" }), params: { provider: "nimbus" }, context: contextAs() }));
    expect(posted.status).toBe(302);
    expect(new URL(posted.headers.get("Location")!).origin).toBe(op.issuer);
    expect((await settle(() => startLoader({ request: getRequest("/auth/nope"), params: { provider: "nope" }, context: contextAs() }))).status).toBe(404);
    db.update(oidcProviders).set({ enabled: false }).where(eq(oidcProviders.slug, "second-client")).run();
    expect((await settle(() => startLoader({ request: getRequest("/auth/second-client"), params: { provider: "second-client" }, context: contextAs() }))).status).toBe(404);
    db.update(oidcProviders).set({ enabled: true }).where(eq(oidcProviders.slug, "second-client")).run();
  });

  test("a first sign-in leads to the welcome page, which creates the account (no password, email confirmed as the provider said) and signs in", async () => {
    const sessionsBefore = sessionCount();
    const { response } = await signInAs("sub-dana", { redirectTo: "/c/billing" });
    expect(response.headers.get("Location")).toBe("/auth/welcome");
    expect(setCookieNamed(response, SESSION_COOKIE)).toBeUndefined();
    // The sign-in under way is over; the claims wait in their own signed cookie.
    expect(setCookieNamed(response, "entraide_sso")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    const pending = cookieHeaderFrom(setCookieNamed(response, "entraide_sso_welcome")!);
    expect(findUserByUsername(db, "dana")).toBeNull();

    const page = await settle(() => welcomeLoader({ request: new Request(`${ORIGIN}/auth/welcome`, { headers: { Cookie: pending } }), params: {}, context: contextAs() }));
    expect(page.headers.get("Cache-Control")).toMatch(/no-store/);
    const data = await bodyOf(page);
    expect(data).toMatchObject({ providerLabel: "Nimbus ID", proposedUsername: "dana", email: "dana@nimbus.test", emailVerified: true, needsEmail: false, emailTaken: null });

    const created = await welcome(pending, { username: "dana_r" });
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/c/billing");
    expect(setCookieNamed(created, SESSION_COOKIE)).toBeDefined();
    expect(sessionCount()).toBe(sessionsBefore + 1);
    const user = findUserByUsername(db, "dana_r")!;
    expect(user).toMatchObject({ email: "dana@nimbus.test", displayName: "Dana Rivera", passwordHash: "", role: "member" });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(db.select().from(userIdentities).where(eq(userIdentities.userId, user.id)).all()).toMatchObject([{ provider: "nimbus", subject: "sub-dana", email: "dana@nimbus.test" }]);

    // The same form again (a double click, or the cookie replayed) creates nothing and signs nobody in.
    const sessionsAfter = sessionCount();
    const again = await welcome(pending, { username: "dana_again" });
    expect(again.status).toBe(400);
    expect((await bodyOf(again)).errors.form).toBe("Your account was already created: sign in with Nimbus ID.");
    expect(setCookieNamed(again, SESSION_COOKIE)).toBeUndefined();
    expect(sessionCount()).toBe(sessionsAfter);
    expect(findUserByUsername(db, "dana_again")).toBeNull();
  });

  test("the next sign-in with the same identity signs that account in at once", async () => {
    const sessionsBefore = sessionCount();
    const { response } = await signInAs("sub-dana", { redirectTo: "/kb" });
    expect(response.headers.get("Location")).toBe("/kb");
    const session = setCookieNamed(response, SESSION_COOKIE)!;
    expect(sessionCount()).toBe(sessionsBefore + 1);
    const row = db.select().from(sessions).where(eq(sessions.id, cookieHeaderFrom(session).split("=")[1]!)).get()!;
    expect(row.userId).toBe(findUserByUsername(db, "dana_r")!.id);
  });

  test("an address the provider does not confirm is kept unconfirmed, and the proposal comes from preferred_username made valid", async () => {
    const { response } = await signInAs("sub-eli");
    const pending = cookieHeaderFrom(setCookieNamed(response, "entraide_sso_welcome")!);
    const data = await bodyOf(await settle(() => welcomeLoader({ request: new Request(`${ORIGIN}/auth/welcome`, { headers: { Cookie: pending } }), params: {}, context: contextAs() })));
    expect(data.proposedUsername).toBe("eli_w");
    expect(data.emailVerified).toBe(false);
    expect((await welcome(pending, { username: "eli_w" })).status).toBe(302);
    expect(findUserByUsername(db, "eli_w")!.emailVerifiedAt).toBeNull();
  });

  test("without preferred_username the proposal is the email's local part", async () => {
    const { response } = await signInAs("sub-fay");
    const pending = cookieHeaderFrom(setCookieNamed(response, "entraide_sso_welcome")!);
    const data = await bodyOf(await settle(() => welcomeLoader({ request: new Request(`${ORIGIN}/auth/welcome`, { headers: { Cookie: pending } }), params: {}, context: contextAs() })));
    expect(data.proposedUsername).toBe("fay");
  });
});

describe("the welcome page", () => {
  test("a taken username is refused beside the field, with what was typed kept, and nothing is created", async () => {
    await createUser(db, { username: "jo_taken", email: "someone-else@example.test" });
    const { response } = await signInAs("sub-jo");
    const pending = cookieHeaderFrom(setCookieNamed(response, "entraide_sso_welcome")!);
    // The proposal already avoids the taken name.
    const data = await bodyOf(await settle(() => welcomeLoader({ request: new Request(`${ORIGIN}/auth/welcome`, { headers: { Cookie: pending } }), params: {}, context: contextAs() })));
    expect(data.proposedUsername).toBe("jo_taken2");
    const before = snapshot(db);
    const taken = await welcome(pending, { username: "JO_TAKEN" });
    expect(taken.status).toBe(400);
    expect(await bodyOf(taken)).toMatchObject({ errors: { username: "That username is taken. Please choose another." }, values: { username: "JO_TAKEN" } });
    const invalid = await welcome(pending, { username: "j o" });
    expect(invalid.status).toBe(400);
    expect((await bodyOf(invalid)).errors.username).toBe("Use only letters, digits, - and _.");
    expect(snapshot(db)).toBe(before);
    expect((await welcome(pending, { username: "jo_new" })).status).toBe(302);
    expect(findUserByUsername(db, "jo_new")).not.toBeNull();
  });

  test("without its cookie, or with an altered one, the welcome page sends back to sign in and creates nothing", async () => {
    const before = snapshot(db);
    const none = await settle(() => welcomeLoader({ request: getRequest("/auth/welcome"), params: {}, context: contextAs() }));
    expect(none.headers.get("Location")).toBe("/login?sso=expired");
    const forged = cookieHeaderFrom(await createCookie("entraide_sso_welcome", { secrets: ["not-our-secret"] }).serialize({ p: "nimbus", s: "sub-x", e: "", v: true, n: "", u: "x", r: "", x: Date.now() + 60_000 }));
    const posted = await welcome(forged, { username: "forger", email: "forger@example.test" });
    expect(posted.headers.get("Location")).toBe("/login?sso=expired");
    expect(snapshot(db)).toBe(before);
  });

  test("an address that belongs to another account is not taken over: the person is told to sign in there and link", async () => {
    await createUser(db, { username: "gus_existing", email: "gus@nimbus.test", emailVerified: false });
    const { response } = await signInAs("sub-gus");
    // Verified by the provider, but not here: no link, the welcome page instead.
    expect(response.headers.get("Location")).toBe("/auth/welcome");
    const pending = cookieHeaderFrom(setCookieNamed(response, "entraide_sso_welcome")!);
    const data = await bodyOf(await settle(() => welcomeLoader({ request: new Request(`${ORIGIN}/auth/welcome`, { headers: { Cookie: pending } }), params: {}, context: contextAs() })));
    expect(data.emailTaken).toMatch(/gus@nimbus\.test belongs to an existing account.*\/settings\/connections/);
    const before = snapshot(db);
    const posted = await welcome(pending, { username: "gus_two" });
    expect(posted.status).toBe(400);
    expect((await bodyOf(posted)).errors.form).toMatch(/belongs to an existing account/);
    expect(snapshot(db)).toBe(before);
  });

  test("a signed-in person posting to it is refused", async () => {
    const response = await settle(() => welcomeAction({ request: formRequest("/auth/welcome", { username: "x_y_z" }), params: {}, context: contextAs(admin.id) }));
    expect(response.status).toBe(400);
  });
});

describe("linking an identity to an existing account", () => {
  test("an address confirmed on both sides links and signs in", async () => {
    const hal = await createUser(db, { username: "hal_here", email: "HAL@nimbus.test", emailVerified: true });
    const { response } = await signInAs("sub-hal", { redirectTo: "/u/hal_here" });
    expect(response.headers.get("Location")).toBe("/u/hal_here");
    expect(setCookieNamed(response, SESSION_COOKIE)).toBeDefined();
    expect(db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-hal")).get()).toMatchObject({ userId: hal.id, provider: "nimbus" });
  });

  test("an address the provider does not confirm is never linked, even to an account with it confirmed here", async () => {
    const eliHere = db.select().from(users).where(eq(users.username, "eli_w")).get()!;
    // A second identity at the provider claiming eli's address, unconfirmed.
    op.addAccount({ sub: "sub-eli-2", email: "eli@nimbus.test", email_verified: false, preferred_username: "eli2" });
    db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, eliHere.id)).run();
    const { response } = await signInAs("sub-eli-2");
    expect(response.headers.get("Location")).toBe("/auth/welcome");
    expect(db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-eli-2")).get()).toBeUndefined();
  });

  test("a signed-in person links the provider to their account, and a later start signs them in again with a fresh session (re-authentication)", async () => {
    const ivy = await createUser(db, { username: "ivy_here", email: "ivy.other@example.test" });
    const sessionId = cookieHeaderFrom(await startSession(db, ivy.id, { secure: false })).split("=")[1]!;
    const { response } = await signInAs("sub-ivy", { userId: ivy.id, sessionId });
    expect(response.headers.get("Location")).toBe("/settings/connections?linked=nimbus");
    expect(db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-ivy")).get()!.userId).toBe(ivy.id);

    const again = await signInAs("sub-ivy", { userId: ivy.id, sessionId, redirectTo: "/settings/data" });
    expect(again.response.headers.get("Location")).toBe("/settings/data");
    const fresh = cookieHeaderFrom(setCookieNamed(again.response, SESSION_COOKIE)!).split("=")[1]!;
    expect(fresh).not.toBe(sessionId);
    expect(db.select().from(sessions).where(eq(sessions.id, fresh)).get()!.userId).toBe(ivy.id);
  });

  test("an identity linked to someone else is refused to a signed-in person, logged, and nothing changes", async () => {
    const other = await createUser(db, { username: "not_dana" });
    const { row } = await expectRefusedCallback(async () => (await signInAs("sub-dana", { userId: other.id })).response, /linked to another account/, "/settings/connections?sso=taken");
    expect(row.actorId).toBe(other.id);
    expect(db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-dana")).get()!.userId).toBe(findUserByUsername(db, "dana_r")!.id);
  });

  test("a link started by one account is refused when another account is signed in at the callback", async () => {
    const first = await createUser(db, { username: "link_starter" });
    const second = await createUser(db, { username: "link_thief" });
    const started = await start("nimbus", { userId: first.id });
    const back = await signInAtProvider(started.authorizationUrl, "sub-kim");
    await expectRefusedCallback(() => callback("nimbus", back, started.cookie, second.id), /signed-in account changed/, "/settings/connections?sso=refused");
    expect(db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-kim")).get()).toBeUndefined();
  });

  test("a deleted account is never signed in", async () => {
    const lou = await createUser(db, { username: "lou_gone", email: "lou@nimbus.test" });
    db.insert(userIdentities).values({ userId: lou.id, provider: "nimbus", subject: "sub-lou", email: "lou@nimbus.test" }).run();
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, lou.id)).run();
    const sessionsBefore = sessionCount();
    const { response } = await signInAs("sub-lou");
    expect(response.headers.get("Location")).toBe("/login?sso=deleted");
    expect(setCookieNamed(response, SESSION_COOKIE)).toBeUndefined();
    expect(sessionCount()).toBe(sessionsBefore);
  });
});

describe("refused callbacks: logged, and nobody is signed in", () => {
  test("a wrong state", async () => {
    const started = await start();
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    back.searchParams.set("state", "not-the-state-we-sent");
    await expectRefusedCallback(() => callback("nimbus", back, started.cookie), /state/);
  });

  test("no cookie (another browser), or a cookie altered by hand", async () => {
    const started = await start();
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    await expectRefusedCallback(() => callback("nimbus", back, null), /cookie is missing, altered or expired/);
    const [name, value] = started.cookie.split("=");
    await expectRefusedCallback(() => callback("nimbus", back, `${name}=${value!.slice(0, -3)}abc`), /cookie is missing, altered or expired/);
  });

  test("a replayed answer: the same code and cookie a second time", async () => {
    const { response, started, back } = await signInAs("sub-dana");
    expect(setCookieNamed(response, SESSION_COOKIE)).toBeDefined();
    await expectRefusedCallback(() => callback("nimbus", back, started.cookie), /invalid_grant|grant/i);
  });

  test("an expired sign-in (its cookie older than 10 minutes, replayed)", async () => {
    const started = await start();
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    const old = await forgeTransaction({ ...(await readTransaction(started.cookie)), x: Date.now() - 1 });
    await expectRefusedCallback(() => callback("nimbus", back, old), /expired/);
  });

  test("a wrong nonce (the cookie's nonce is not the ID token's)", async () => {
    const started = await start();
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    const tampered = await forgeTransaction({ ...(await readTransaction(started.cookie)), n: "a-nonce-we-never-sent" });
    await expectRefusedCallback(() => callback("nimbus", back, tampered), /nonce/);
  });

  test("a wrong nonce, audience or issuer inside a validly signed ID token", async () => {
    const tampered: [Record<string, unknown>, RegExp][] = [
      [{ nonce: "replayed-from-another-sign-in" }, /nonce/],
      [{ aud: "another-client" }, /aud/],
      [{ iss: otherOp.issuer }, /iss/],
    ];
    for (const [changes, reason] of tampered) {
      op.tamperIdToken = (claims) => ({ ...claims, ...changes });
      try {
        await expectRefusedCallback(async () => (await signInAs("sub-dana")).response, reason);
      } finally {
        op.tamperIdToken = null;
      }
    }
  });

  test("an answer from another issuer than the provider's", async () => {
    // Signed in at the real provider, the answer is sent to the impostor's callback.
    const started = await start("nimbus");
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    const transaction = await readTransaction(started.cookie);
    const cookie = await forgeTransaction({ ...transaction, p: "impostor" });
    const toImpostor = new URL(`${ORIGIN}/auth/impostor/callback${back.search}`);
    await expectRefusedCallback(() => callback("impostor", toImpostor, cookie), /iss/);
  });

  test("a code issued to another client id (the wrong audience) is refused", async () => {
    const started = await start("nimbus");
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    const cookie = await forgeTransaction({ ...(await readTransaction(started.cookie)), p: "second-client" });
    await expectRefusedCallback(() => callback("second-client", new URL(`${ORIGIN}/auth/second-client/callback${back.search}`), cookie), /invalid_grant|client/i);
  });

  test("a sign-in started with one provider cannot finish at another", async () => {
    const started = await start("nimbus");
    const back = await signInAtProvider(started.authorizationUrl, "sub-dana");
    await expectRefusedCallback(() => callback("second-client", new URL(`${ORIGIN}/auth/second-client/callback${back.search}`), started.cookie), /another provider/);
  });

  test("a bad signature: the provider's key changed under the same key id", async () => {
    // A sign-in first, so the provider's keys are known (and cached) here.
    expect(setCookieNamed((await signInAs("sub-dana")).response, SESSION_COOKIE)).toBeDefined();
    op.rotateKeys();
    try {
      await expectRefusedCallback(async () => (await signInAs("sub-dana")).response, /signature/);
    } finally {
      forgetDiscovery();
    }
    // Once the keys are read again, sign-ins work again.
    expect(setCookieNamed((await signInAs("sub-dana")).response, SESSION_COOKIE)).toBeDefined();
  });

  test("garbage in the callback's address is refused, never a 500", async () => {
    const sessionsBefore = sessionCount();
    for (const search of ["", "?code=%00&state=%0d%0a", "?error=access_denied", `?code=${"x".repeat(5000)}&state=y&iss=javascript:alert(1)`]) {
      const response = await callback("nimbus", new URL(`${ORIGIN}/auth/nimbus/callback${search}`), null);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/login?sso=refused");
    }
    expect((await callback("nope", new URL(`${ORIGIN}/auth/nope/callback?code=1`), null)).status).toBe(404);
    expect(sessionCount()).toBe(sessionsBefore);
  });

  test("cancelled at the provider: a message, no log", async () => {
    const started = await start();
    const state = (await readTransaction(started.cookie)).s;
    const before = refusals().length;
    const response = await callback("nimbus", new URL(`${ORIGIN}/auth/nimbus/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(op.issuer)}`), started.cookie);
    expect(response.headers.get("Location")).toBe("/login?sso=cancelled");
    expect(refusals().length).toBe(before);
  });

  test("after ten refusals from one address, more are refused without filling the log", async () => {
    const address = freshAddress();
    const url = new URL(`${ORIGIN}/auth/nimbus/callback?code=x&state=y`);
    const before = refusals().length;
    for (let i = 0; i < 12; i++) await settle(() => callbackLoader({ request: new Request(url), params: { provider: "nimbus" }, context: contextFrom(db, address) }));
    expect(refusals().length).toBe(before + 10);
    const response = await settle(() => callbackLoader({ request: new Request(url), params: { provider: "nimbus" }, context: contextFrom(db, address) }));
    expect(response.headers.get("Location")).toBe("/login?sso=throttled");
  });

  test("a refusal is recorded under the first admin when nobody is signed in", () => {
    const anonymous = refusals().find((row) => !JSON.parse(row.details).signedIn);
    expect(anonymous?.actorId).toBe(admin.id);
  });
});

describe("members' passwords turned off", () => {
  test("the sign-in page shows the providers' buttons, and a member's password no longer signs in while staff's does", async () => {
    const member = await createUser(db, { username: "pw_member" });
    const moderator = await createUser(db, { username: "pw_moderator", role: "moderator" });
    updateAccountRules(db, asCurrentUser(db, admin.id), { memberPasswords: false });
    try {
      const page = await bodyOf(await settle(() => loginLoader({ request: getRequest("/login"), params: {}, context: contextAs() })));
      expect(page.memberPasswords).toBe(false);
      expect(page.providers).toEqual(expect.arrayContaining([{ slug: "nimbus", label: "Nimbus ID" }]));

      const sessionsBefore = sessionCount();
      const refused = await settle(() => loginAction({ request: formRequest("/login", { login: "pw_member", password: TEST_PASSWORD }), params: {}, context: contextAs() }));
      expect(refused.headers.get("Location")).toBe("/login?closed=password");
      expect(setCookieNamed(refused, SESSION_COOKIE)).toBeUndefined();
      expect(sessionCount()).toBe(sessionsBefore);

      const staff = await settle(() => loginAction({ request: formRequest("/login", { login: "pw_moderator", password: TEST_PASSWORD }), params: {}, context: contextAs() }));
      expect(staff.headers.get("Location")).toBe("/");
      expect(setCookieNamed(staff, SESSION_COOKIE)).toBeDefined();
      expect(member.id).not.toBe(moderator.id);

      // Single sign-on still signs members in.
      expect(setCookieNamed((await signInAs("sub-dana")).response, SESSION_COOKIE)).toBeDefined();
    } finally {
      updateAccountRules(db, asCurrentUser(db, admin.id), { memberPasswords: true });
    }
  });

  test("joining with a password is refused with a clear message, and the page shows only the buttons", async () => {
    updateAccountRules(db, asCurrentUser(db, admin.id), { memberPasswords: false });
    try {
      const page = await bodyOf(await settle(() => joinLoader({ request: getRequest("/join"), params: {}, context: contextAs() })));
      expect(page).toMatchObject({ memberPasswords: false });
      const before = snapshot(db);
      const response = await settle(() => joinAction({ request: formRequest("/join", personForm(db, { username: "wants_in", email: "wants@example.test", password: "a long enough passphrase" })), params: {}, context: contextAs() }));
      expect(response.status).toBe(403);
      expect((await bodyOf(response)).errors.form).toMatch(/signing in with the brand's account/);
      expect(snapshot(db)).toBe(before);
    } finally {
      updateAccountRules(db, asCurrentUser(db, admin.id), { memberPasswords: true });
    }
  });
});

describe("the admins' page", () => {
  test("is refused to a moderator, who changes nothing", async () => {
    const moderator = await createUser(db, { username: "page_moderator", role: "moderator" });
    const context = () => contextAs(moderator.id);
    expect((await settle(() => adminLoader({ request: getRequest("/admin/sign-in"), params: {}, context: context() }))).status).toBe(403);
    const before = snapshot(db);
    const nimbus = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "nimbus")).get()!;
    const posts: Record<string, string>[] = [
      { intent: "add", slug: "evil", label: "Evil", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET },
      { intent: "edit", id: String(nimbus.id), label: "Hijacked", issuer: op.issuer, clientId: "entraide", clientSecret: "" },
      { intent: "disable", id: String(nimbus.id) },
      { intent: "remove", id: String(nimbus.id) },
      { intent: "rules", requireStaffTwoFactor: "on" },
    ];
    for (const fields of posts) {
      const response = await settle(() => adminAction({ request: formRequest("/admin/sign-in", fields), params: {}, context: context() }));
      expect(response.status, fields.intent).toBe(403);
    }
    expect(snapshot(db)).toBe(before);
  });

  test("an admin sees the providers without their secrets, adds one once discovery works, and bad input is shown beside the field", async () => {
    const context = () => contextAs(admin.id);
    const page = await settle(() => adminLoader({ request: getRequest("/admin/sign-in"), params: {}, context: context() }));
    const text = await page.text();
    expect(text).toContain("Nimbus ID");
    expect(text).not.toContain(SECRET);

    const before = snapshot(db);
    const unreachable = await settle(() =>
      adminAction({ request: formRequest("/admin/sign-in", { intent: "add", slug: "later", label: "Later", issuer: "http://127.0.0.1:9/nothing", clientId: "x", clientSecret: "y" }), params: {}, context: context() }),
    );
    expect(unreachable.status).toBe(400);
    const body = await bodyOf(unreachable);
    expect(body.errors.issuer).toMatch(/could not use the provider's configuration at http:\/\/127\.0\.0\.1:9\/nothing\/\.well-known\/openid-configuration/);
    // What was typed comes back, but never the secret.
    expect(body.values).toEqual({ slug: "later", label: "Later", issuer: "http://127.0.0.1:9/nothing", clientId: "x" });
    const insecure = await bodyOf(
      await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "add", slug: "Bad Slug", label: "", issuer: "http://login.example.com", clientId: "", clientSecret: "" }), params: {}, context: context() })),
    );
    expect(Object.keys(insecure.errors).sort()).toEqual(["clientId", "clientSecret", "issuer", "label", "slug"]);
    expect(insecure.errors.issuer).toBe("Use an https:// address (http:// only for localhost).");
    expect(snapshot(db)).toBe(before);

    const added = await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "add", slug: "staff", label: "Staff login", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }), params: {}, context: context() }));
    expect(added.status).toBe(200);
    const row = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "staff")).get()!;
    expect(row).toMatchObject({ label: "Staff login", enabled: true, clientSecret: SECRET });
    const audit = db.select().from(auditEvents).where(and(eq(auditEvents.action, "sso.provider_add"), eq(auditEvents.targetId, row.id))).get()!;
    expect(audit.actorId).toBe(admin.id);
    expect(audit.details).not.toContain(SECRET);

    const removed = await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "remove", id: String(row.id) }), params: {}, context: context() }));
    expect(removed.status).toBe(200);
    expect(db.select().from(oidcProviders).where(eq(oidcProviders.id, row.id)).get()).toBeUndefined();
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "sso.provider_remove")).all()).toHaveLength(1);
  });

  test("members' passwords can be turned off only while a provider is on", async () => {
    const context = () => contextAs(admin.id);
    const audited = db.select().from(auditEvents).where(eq(auditEvents.action, "settings.accounts")).all().length;
    const saved = await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "rules", requireStaffTwoFactor: "on" }), params: {}, context: context() }));
    expect(saved.status).toBe(200);
    expect(getAccountRules(db)).toMatchObject({ memberPasswords: false, requireStaffTwoFactor: true });
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "settings.accounts")).all().length).toBe(audited + 1);
    // (The admin here has no two-factor: with the rule on, their pages would lead to setting it up.)
    updateAccountRules(db, asCurrentUser(db, admin.id), { requireStaffTwoFactor: false });

    // The last provider cannot be turned off now.
    db.update(oidcProviders).set({ enabled: false }).where(eq(oidcProviders.slug, "second-client")).run();
    db.update(oidcProviders).set({ enabled: false }).where(eq(oidcProviders.slug, "impostor")).run();
    const nimbus = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "nimbus")).get()!;
    const before = snapshot(db);
    const off = await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "disable", id: String(nimbus.id) }), params: {}, context: context() }));
    expect(off.status).toBe(400);
    expect((await bodyOf(off)).errors.form).toMatch(/turn .*back on before/);
    expect(snapshot(db)).toBe(before);

    await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "rules", memberPasswords: "on" }), params: {}, context: context() }));
    expect((await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "disable", id: String(nimbus.id) }), params: {}, context: context() }))).status).toBe(200);
    const refused = await settle(() => adminAction({ request: formRequest("/admin/sign-in", { intent: "rules" }), params: {}, context: context() }));
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).errors.memberPasswords).toMatch(/Turn on a sign-in provider first/);
    db.update(oidcProviders).set({ enabled: true }).run();
  });
});

describe("connected accounts (settings)", () => {
  test("lists the identities, and the last way in of an account without a password cannot be unlinked", async () => {
    const result = await registerUser(db, { username: "no_password", email: "nopw@example.test" });
    if (!result.ok) throw new Error("not created");
    const user = result.user;
    db.insert(userIdentities).values({ userId: user.id, provider: "nimbus", subject: "sub-nopw", email: "nopw@nimbus.test" }).run();
    const context = () => contextAs(user.id);
    const page = await bodyOf(await settle(() => connectionsLoader({ request: getRequest("/settings/connections"), params: {}, context: context() })));
    expect(page.passwordWorks).toBe(false);
    expect(page.identities).toMatchObject([{ label: "Nimbus ID", email: "nopw@nimbus.test", canUnlink: false }]);
    expect(page.linkable.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(["second-client"]));

    const before = snapshot(db);
    const refused = await settle(() => connectionsAction({ request: formRequest("/settings/connections", { intent: "unlink", identityId: String(page.identities[0].id) }), params: {}, context: context() }));
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).errors.form).toMatch(/only way to sign in/);
    expect(snapshot(db)).toBe(before);

    // Someone else's identity is not theirs to unlink.
    const dana = db.select().from(userIdentities).where(eq(userIdentities.subject, "sub-dana")).get()!;
    expect((await settle(() => connectionsAction({ request: formRequest("/settings/connections", { intent: "unlink", identityId: String(dana.id) }), params: {}, context: context() }))).status).toBe(404);
    expect(snapshot(db)).toBe(before);
  });

  test("with a password that works, an identity can be unlinked", async () => {
    const ivy = findUserByUsername(db, "ivy_here")!;
    const identity = db.select().from(userIdentities).where(eq(userIdentities.userId, ivy.id)).get()!;
    const response = await settle(() => connectionsAction({ request: formRequest("/settings/connections", { intent: "unlink", identityId: String(identity.id) }), params: {}, context: contextAs(ivy.id) }));
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).message).toBe("Nimbus ID is no longer linked to your account.");
    expect(db.select().from(userIdentities).where(eq(userIdentities.id, identity.id)).get()).toBeUndefined();
  });
});
