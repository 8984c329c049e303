// The single sign-on model: providers from the environment and from the
// admins (discovery read before saving, every change audit-logged, admins
// only), the discovery cache, the username proposed from a provider's claims,
// and the rules that keep someone from losing their last way in.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getAccountRules, updateAccountRules } from "../../../app/models/accounts/account-rules.server";
import {
  addProvider,
  beginSignIn,
  configurationFor,
  editProvider,
  enabledProviders,
  environmentProviders,
  findEnabledProvider,
  forgetDiscovery,
  listProviders,
  proposeUsername,
  removeProvider,
  saveSignInRules,
  setProviderEnabled,
  signInAdminPage,
  unlinkIdentity,
  connectionsPage,
} from "../../../app/models/accounts/sso.server";
import { registerUser } from "../../../app/models/accounts/user.server";
import { auditEvents, oidcProviders, userIdentities } from "../../../db/schema";
import { asCurrentUser, createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { expectRefused, snapshot } from "../../support/model-helpers";
import { startOidcProvider, type TestOidcProvider } from "../../support/oidc-provider";

const db = createTestDb();
const SECRET = "model-test-secret-0123456789abcdef";
let op: TestOidcProvider;
let admin: ReturnType<typeof asCurrentUser>;
let moderator: ReturnType<typeof asCurrentUser>;

beforeAll(async () => {
  op = await startOidcProvider({ clients: [{ clientId: "entraide", clientSecret: SECRET, redirectUris: ["http://localhost/auth/corp/callback"] }] });
  admin = asCurrentUser(db, (await createUser(db, { role: "admin" })).id);
  moderator = asCurrentUser(db, (await createUser(db, { role: "moderator" })).id);
});

afterAll(() => op?.stop());

function audits(action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action)).all();
}

/** Runs an async verb that must be refused with `status`, and checks nothing changed. */
async function expectRefusedAsync(run: () => Promise<unknown>, status = 403) {
  const before = snapshot(db);
  const thrown = await run().then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
  expect(snapshot(db)).toBe(before);
}

describe("providers from the environment", () => {
  test("OIDC_<SLUG>_ISSUER, _CLIENT_ID, _CLIENT_SECRET and _LABEL make a provider; incomplete or insecure ones are ignored", () => {
    const env = {
      OIDC_ACME_ISSUER: "https://login.acme.example",
      OIDC_ACME_CLIENT_ID: "acme-client",
      OIDC_ACME_CLIENT_SECRET: "acme-secret",
      OIDC_ACME_LABEL: "Acme staff",
      OIDC_MY_IDP_ISSUER: "https://idp.example/realms/x",
      OIDC_MY_IDP_CLIENT_ID: "client",
      OIDC_MY_IDP_CLIENT_SECRET: "secret",
      OIDC_HALF_ISSUER: "https://half.example",
      OIDC_PLAIN_ISSUER: "http://plain.example",
      OIDC_PLAIN_CLIENT_ID: "x",
      OIDC_PLAIN_CLIENT_SECRET: "y",
      OTHER_VARIABLE: "z",
    };
    expect(environmentProviders(env)).toEqual([
      { id: null, slug: "acme", label: "Acme staff", issuer: "https://login.acme.example", clientId: "acme-client", clientSecret: "acme-secret", enabled: true, fromEnvironment: true },
      { id: null, slug: "my-idp", label: "My idp", issuer: "https://idp.example/realms/x", clientId: "client", clientSecret: "secret", enabled: true, fromEnvironment: true },
    ]);
    expect(environmentProviders({})).toEqual([]);
  });

  test("they come first, are always on, and hide an admins' provider of the same slug; their slug cannot be added", async () => {
    db.insert(oidcProviders).values({ slug: "acme", label: "Old Acme", issuer: "https://old.example", clientId: "a", clientSecret: "b" }).run();
    const env = { OIDC_ACME_ISSUER: op.issuer, OIDC_ACME_CLIENT_ID: "entraide", OIDC_ACME_CLIENT_SECRET: SECRET };
    expect(listProviders(db, env).map((p) => [p.slug, p.label, p.fromEnvironment])).toEqual([["acme", "Acme", true]]);
    expect(enabledProviders(db, env)).toEqual([{ slug: "acme", label: "Acme" }]);
    const before = snapshot(db);
    const result = await addProvider(db, admin, { slug: "acme", label: "Again", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }, env);
    expect(result).toEqual({ ok: false, errors: { slug: "A provider set in the environment already uses that name." } });
    expect(snapshot(db)).toBe(before);
    // The admins' page lists it without its secret.
    const page = signInAdminPage(db, admin, env);
    expect(page.providers[0]).toMatchObject({ slug: "acme", fromEnvironment: true });
    expect(JSON.stringify(page)).not.toContain(SECRET);
    // A sign-in starts with it as with any other.
    const started = await beginSignIn(db, { slug: "acme", redirectTo: "/kb", viewer: null, origin: "http://localhost", secure: false }, env);
    expect(started.kind).toBe("redirect");
    db.delete(oidcProviders).where(eq(oidcProviders.slug, "acme")).run();
  });
});

describe("the admins' providers", () => {
  test("a provider is added once its discovery document is read, audit-logged without its secret", async () => {
    const result = await addProvider(db, admin, { slug: "corp", label: "Corp account", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }, {});
    expect(result.ok).toBe(true);
    const row = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "corp")).get()!;
    expect(row).toMatchObject({ label: "Corp account", issuer: op.issuer, enabled: true });
    const [audit] = audits("sso.provider_add");
    expect(audit).toMatchObject({ actorId: admin.id, targetId: row.id });
    expect(JSON.parse(audit!.details)).toEqual({ slug: "corp", label: "Corp account", issuer: op.issuer, clientId: "entraide" });
    expect(findEnabledProvider(db, "corp", {})?.label).toBe("Corp account");
  });

  test("an issuer without a discovery document, a taken slug, or an issuer whose document names another issuer is refused and nothing is saved", async () => {
    const before = snapshot(db);
    const down = await addProvider(db, admin, { slug: "down", label: "Down", issuer: "http://127.0.0.1:9", clientId: "x", clientSecret: "y" }, {});
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.errors.issuer).toMatch(/^We could not use the provider's configuration at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration/);
    const taken = await addProvider(db, admin, { slug: "corp", label: "Twice", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }, {});
    expect(taken).toEqual({ ok: false, errors: { slug: "Another provider already uses that name." } });
    // The document at op.issuer names op.issuer, not this address.
    const mismatched = await addProvider(db, admin, { slug: "alias", label: "Alias", issuer: op.issuer.replace("127.0.0.1", "localhost"), clientId: "entraide", clientSecret: SECRET }, {});
    expect(mismatched.ok).toBe(false);
    if (!mismatched.ok) expect(mismatched.errors.issuer).toMatch(/issuer/);
    expect(snapshot(db)).toBe(before);
  });

  test("editing keeps the saved secret when none is typed, and is audit-logged", async () => {
    const row = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "corp")).get()!;
    const result = await editProvider(db, admin, { id: row.id, label: "Corp (SSO)", issuer: op.issuer, clientId: "entraide", clientSecret: "" });
    expect(result.ok).toBe(true);
    expect(db.select().from(oidcProviders).where(eq(oidcProviders.id, row.id)).get()).toMatchObject({ label: "Corp (SSO)", clientSecret: SECRET, slug: "corp" });
    const details = JSON.parse(audits("sso.provider_edit").at(-1)!.details);
    expect(details).toMatchObject({ slug: "corp", before: { label: "Corp account" }, after: { label: "Corp (SSO)" }, secretChanged: false });
    // A wrong client secret cannot be caught by discovery, but a wrong issuer can.
    const before = snapshot(db);
    const broken = await editProvider(db, admin, { id: row.id, label: "Corp", issuer: "http://127.0.0.1:9", clientId: "entraide", clientSecret: "" });
    expect(broken.ok).toBe(false);
    expect(snapshot(db)).toBe(before);
  });

  test("a moderator can neither see nor change the providers or the rules: nothing changes", async () => {
    const row = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "corp")).get()!;
    expectRefused(db, () => signInAdminPage(db, moderator, {}));
    expectRefused(db, () => setProviderEnabled(db, moderator, { id: row.id, enabled: false }, {}));
    expectRefused(db, () => removeProvider(db, moderator, { id: row.id }, {}));
    expectRefused(db, () => saveSignInRules(db, moderator, { memberPasswords: false, requireStaffTwoFactor: true }, {}));
    await expectRefusedAsync(() => addProvider(db, moderator, { slug: "mine", label: "Mine", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }, {}));
    await expectRefusedAsync(() => editProvider(db, moderator, { id: row.id, label: "Mine", issuer: op.issuer, clientId: "entraide", clientSecret: "" }));
    await expectRefusedAsync(() => addProvider(db, null, { slug: "anon", label: "Anon", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }, {}), 401);
  });

  test("members' passwords go off only while a provider is on, and the last provider stays on while they are off", () => {
    const row = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "corp")).get()!;
    expect(saveSignInRules(db, admin, { memberPasswords: false, requireStaffTwoFactor: false }, {}).ok).toBe(true);
    expect(getAccountRules(db).memberPasswords).toBe(false);
    const before = snapshot(db);
    expect(setProviderEnabled(db, admin, { id: row.id, enabled: false }, {})).toMatchObject({ ok: false });
    expect(removeProvider(db, admin, { id: row.id }, {})).toMatchObject({ ok: false });
    expect(snapshot(db)).toBe(before);
    // A provider from the environment counts as on.
    const env = { OIDC_ENV_ISSUER: op.issuer, OIDC_ENV_CLIENT_ID: "entraide", OIDC_ENV_CLIENT_SECRET: SECRET };
    expect(setProviderEnabled(db, admin, { id: row.id, enabled: false }, env)).toMatchObject({ ok: true, label: "Corp (SSO)" });
    expect(saveSignInRules(db, admin, { memberPasswords: false, requireStaffTwoFactor: false }, {})).toMatchObject({ ok: false, errors: { memberPasswords: expect.stringMatching(/Turn on a sign-in provider first/) } });
    expect(saveSignInRules(db, admin, { memberPasswords: true, requireStaffTwoFactor: false }, {}).ok).toBe(true);
    expect(setProviderEnabled(db, admin, { id: row.id, enabled: true }, {}).ok).toBe(true);
    expect(audits("sso.provider_edit").slice(-2).map((a) => JSON.parse(a.details).enabled)).toEqual([{ from: true, to: false }, { from: false, to: true }]);
  });

  test("removing a provider keeps the accounts linked through it, so adding it again finds them", async () => {
    const member = await createUser(db);
    const row = db.select().from(oidcProviders).where(eq(oidcProviders.slug, "corp")).get()!;
    db.insert(userIdentities).values({ userId: member.id, provider: "corp", subject: "sub-1" }).run();
    expect(signInAdminPage(db, admin, {}).providers.find((p) => p.slug === "corp")?.linkedAccounts).toBe(1);
    expect(removeProvider(db, admin, { id: row.id }, {})).toMatchObject({ ok: true });
    expect(JSON.parse(audits("sso.provider_remove")[0]!.details)).toMatchObject({ slug: "corp", issuer: op.issuer });
    expect(db.select().from(userIdentities).where(and(eq(userIdentities.provider, "corp"), eq(userIdentities.userId, member.id))).get()).toBeDefined();
    expect(findEnabledProvider(db, "corp", {})).toBeNull();
    expect(await addProvider(db, admin, { slug: "corp", label: "Corp", issuer: op.issuer, clientId: "entraide", clientSecret: SECRET }, {})).toMatchObject({ ok: true });
  });
});

describe("discovery", () => {
  test("is read once and kept for a few minutes per provider", async () => {
    forgetDiscovery();
    const provider = findEnabledProvider(db, "corp", {})!;
    const now = Date.now();
    const first = configurationFor(provider, now);
    expect(configurationFor(provider, now + 60_000)).toBe(first);
    expect(configurationFor(provider, now + 10 * 60_000)).not.toBe(first);
    expect((await first).serverMetadata().issuer).toBe(op.issuer);
  });

  test("a provider that does not answer is not kept as failed", async () => {
    const down = { id: null, slug: "down", label: "Down", issuer: "http://127.0.0.1:9", clientId: "x", clientSecret: "y", enabled: true, fromEnvironment: true };
    const failed = configurationFor(down);
    await expect(failed).rejects.toBeDefined();
    expect(configurationFor(down)).not.toBe(failed);
    await configurationFor(down).catch(() => {});
  });
});

describe("the username proposed from the claims", () => {
  test("preferred_username, else the email's local part, else the name, made valid and free", async () => {
    expect(proposeUsername(db, { preferredUsername: "Zoé.Martin", email: "z@x.test", name: "" })).toBe("Zoe_Martin");
    expect(proposeUsername(db, { preferredUsername: "", email: "first.last+tag@x.test", name: "Someone" })).toBe("first_last_tag");
    expect(proposeUsername(db, { preferredUsername: "x", email: "", name: "Anna Lee" })).toBe("Anna_Lee");
    expect(proposeUsername(db, { preferredUsername: "", email: "", name: "李" })).toBe("member");
    expect(proposeUsername(db, { preferredUsername: "a".repeat(40), email: "", name: "" })).toBe("a".repeat(30));
    await createUser(db, { username: "taken_name" });
    await createUser(db, { username: "taken_name2" });
    expect(proposeUsername(db, { preferredUsername: "taken_name", email: "", name: "" })).toBe("taken_name3");
  });
});

describe("unlinking", () => {
  test("never the last way in: a member without a usable password keeps their last enabled identity", async () => {
    const created = await registerUser(db, { username: "sso_only", email: "sso-only@example.test" });
    if (!created.ok) throw new Error("not created");
    const user = asCurrentUser(db, created.user.id);
    db.insert(userIdentities).values([
      { userId: user.id, provider: "corp", subject: "only-1" },
      { userId: user.id, provider: "gone", subject: "only-2" },
    ]).run();
    const page = connectionsPage(db, user, {});
    // The identity of a provider that no longer exists does not count as a way in.
    expect(page.identities.map((i) => [i.provider, i.enabled, i.canUnlink])).toEqual([
      ["corp", true, false],
      ["gone", false, true],
    ]);
    const before = snapshot(db);
    expect(unlinkIdentity(db, user, { identityId: page.identities[0]!.id }, {})).toMatchObject({ ok: false });
    expect(snapshot(db)).toBe(before);
    expect(unlinkIdentity(db, user, { identityId: page.identities[1]!.id }, {})).toMatchObject({ ok: true, label: "gone" });

    // A member with a password, while members' passwords are off, is in the same case.
    const withPassword = asCurrentUser(db, (await createUser(db)).id);
    db.insert(userIdentities).values({ userId: withPassword.id, provider: "corp", subject: "pw-1" }).run();
    expect(connectionsPage(db, withPassword, {}).identities[0]!.canUnlink).toBe(true);
    updateAccountRules(db, admin, { memberPasswords: false });
    expect(connectionsPage(db, withPassword, {}).identities[0]!.canUnlink).toBe(false);
    updateAccountRules(db, admin, { memberPasswords: true });
  });
});
