// /settings/tokens and /admin/api through their loaders and actions with
// real Requests: a token's secret is shown once and never again, it works
// against the API until it is revoked, a member cannot give themselves the
// moderate scope nor revoke someone else's token, only admins reach
// /admin/api, and a bot account works through its token but never signs in.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { requestPasswordReset } from "../../app/models/accounts/account-tokens.server";
import { authenticate } from "../../app/models/accounts/user.server";
import AdminApiPage, { action as adminAction, loader as adminLoader } from "../../app/routes/admin.api";
import TokensPage, { action as tokensAction, loader as tokensLoader } from "../../app/routes/settings_.tokens";
import { accountTokens, apiTokens, auditEvents, users } from "../../db/schema";
import { apiClient, expectConforms } from "../support/api";
import { contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { bodyOf, freshAddress } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { renderIn, textOf } from "./render-in-language";

const db = createTestDb();
const api = apiClient(db);

type User = Awaited<ReturnType<typeof createUser>>;
let member: User;
let other: User;
let moderator: User;
let admin: User;

beforeAll(async () => {
  member = await createUser(db, { username: "tina_tokens", displayName: "Tina Tokens" });
  other = await createUser(db, { username: "otto_tokens" });
  moderator = await createUser(db, { username: "mod_tokens", role: "moderator" });
  admin = await createUser(db, { username: "admin_tokens", role: "admin" });
});

/** A form as a browser sends it: a field may be given several times (ticked checkboxes). */
function formPost(path: string, fields: [string, string][]) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
  });
}

const tokensPage = (userId: number | null) => settle(() => tokensLoader({ request: getRequest("/settings/tokens"), params: {}, context: contextFor(db, userId) }));
const tokensPost = (userId: number, fields: [string, string][]) => settle(() => tokensAction({ request: formPost("/settings/tokens", fields), params: {}, context: contextFor(db, userId) }));
const adminPage = (userId: number) => settle(() => adminLoader({ request: getRequest("/admin/api"), params: {}, context: contextFor(db, userId) }));
const adminPost = (userId: number, fields: [string, string][]) => settle(() => adminAction({ request: formPost("/admin/api", fields), params: {}, context: contextFor(db, userId) }));

const tokensRoute = { id: "routes/settings_.tokens", path: "settings/tokens", loader: tokensLoader, action: tokensAction, Component: TokensPage };
const adminRoute = { id: "routes/admin.api", path: "admin/api", loader: adminLoader, action: adminAction, Component: AdminApiPage };

async function makeToken(userId: number, name: string, scopes: string[] = ["read"]) {
  const response = await tokensPost(userId, [["intent", "create"], ["name", name], ...scopes.map((s): [string, string] => ["scopes", s]), ["expires", "never"]]);
  expect(response.status).toBe(200);
  const reply = await bodyOf(response);
  return reply.created as { name: string; secret: string };
}

describe("/settings/tokens", () => {
  test("visitors are sent to sign in", async () => {
    const response = await tokensPage(null);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Ftokens");
  });

  test("a new token's secret is shown once; the list never shows it again; it works against the API", async () => {
    const created = await makeToken(member.id, "Help desk sync", ["read", "write"]);
    expect(created.secret).toMatch(/^entraide_[A-Za-z0-9_-]{43}$/);

    // The page after the form, as a browser without JavaScript shows it: the secret in a read-only field.
    const page = await renderIn("en", contextFor(db, member.id), "/settings/tokens", [tokensRoute], formPost("/settings/tokens", [["intent", "create"], ["name", "Second"], ["scopes", "read"]]));
    expect(page.html).toMatch(/<input id="new-token-secret" type="text" readonly=""[^>]* value="entraide_[A-Za-z0-9_-]{43}"\/>/);
    expect(textOf(page.html)).toContain("Copy it now: it will not be shown again.");

    const listed = await tokensPage(member.id);
    expect(listed.headers.get("Cache-Control")).toBe("private, no-store");
    const text = await listed.text();
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(created.secret.slice(15));
    const { tokens } = JSON.parse(text);
    expect(tokens.map((t: { name: string }) => t.name)).toEqual(["Second", "Help desk sync"]);
    expect(tokens[1]).toMatchObject({ prefix: created.secret.slice(0, 15), scopes: ["read", "write"], revokedAt: null, expiresAt: null, lastUsedAt: null });
    const rendered = await renderIn("en", contextFor(db, member.id), "/settings/tokens", [tokensRoute]);
    expect(rendered.html).not.toContain(created.secret);
    expect(rendered.html).not.toContain("new-token-secret");

    const me = await expectConforms(await api.call("GET", "/me", { token: created.secret }), "GET", "/me");
    expect(me).toMatchObject({ username: "tina_tokens", bot: false, token: { kind: "personal", scopes: ["read", "write"] } });
    const after = (await bodyOf(await tokensPage(member.id))).tokens.find((t: { name: string }) => t.name === "Help desk sync");
    expect(after.lastUsedAt).not.toBeNull();
  });

  test("an expiry in 30 days, or at the end of a chosen day", async () => {
    const before = Date.now();
    await tokensPost(member.id, [["intent", "create"], ["name", "Monthly"], ["scopes", "read"], ["expires", "30"]]);
    const nextYear = new Date().getUTCFullYear() + 1;
    await tokensPost(member.id, [["intent", "create"], ["name", "Dated"], ["scopes", "read"], ["expires", "date"], ["expiresOn", `${nextYear}-03-14`]]);
    const rows = db.select().from(apiTokens).where(eq(apiTokens.userId, member.id)).all();
    const monthly = rows.find((r) => r.name === "Monthly")!;
    expect(monthly.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(monthly.expiresAt!.getTime() - before).toBeLessThan(30 * 86_400_000 + 60_000);
    expect(rows.find((r) => r.name === "Dated")!.expiresAt!.toISOString()).toBe(`${nextYear}-03-15T00:00:00.000Z`);
  });

  test("revoking works at once: the next API call is 401", async () => {
    const created = await makeToken(member.id, "To revoke");
    expect((await api.call("GET", "/me", { token: created.secret })).status).toBe(200);
    const row = db.select().from(apiTokens).where(eq(apiTokens.name, "To revoke")).get()!;
    const revoked = await tokensPost(member.id, [["intent", "revoke"], ["tokenId", String(row.id)]]);
    expect(revoked.status).toBe(200);
    expect((await bodyOf(revoked)).message).toBe("The token was revoked: it no longer works.");
    const refused = await api.call("GET", "/me", { token: created.secret });
    expect(refused.status).toBe(401);
    await expectConforms(refused, "GET", "/me");
    const listed = (await bodyOf(await tokensPage(member.id))).tokens.find((t: { id: number }) => t.id === row.id);
    expect(listed.revokedAt).not.toBeNull();
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "api_token.revoke")).all().map((e) => e.targetId)).toContain(row.id);
  });

  test("a member cannot ask for the moderate scope: refused, nothing made; a moderator can", async () => {
    const page = await bodyOf(await tokensPage(member.id));
    expect(page.scopes).toEqual(["read", "write"]);
    const before = snapshot(db);
    const refused = await tokensPost(member.id, [["intent", "create"], ["name", "Sneaky"], ["scopes", "read"], ["scopes", "moderate"]]);
    expect(refused.status).toBe(403);
    expect(snapshot(db)).toBe(before);

    expect((await bodyOf(await tokensPage(moderator.id))).scopes).toEqual(["read", "write", "moderate"]);
    const created = await makeToken(moderator.id, "Queue bot", ["read", "moderate"]);
    const me = await expectConforms(await api.call("GET", "/me", { token: created.secret }), "GET", "/me");
    expect(me.token.scopes).toEqual(["read", "moderate"]);
  });

  test("another member cannot revoke my token: refused, nothing changed", async () => {
    const created = await makeToken(member.id, "Mine alone");
    const row = db.select().from(apiTokens).where(eq(apiTokens.name, "Mine alone")).get()!;
    const before = snapshot(db);
    const refused = await tokensPost(other.id, [["intent", "revoke"], ["tokenId", String(row.id)]]);
    expect(refused.status).toBe(403);
    expect(snapshot(db)).toBe(before);
    // A token that does not exist is refused the same way: nothing tells them apart.
    expect((await tokensPost(other.id, [["intent", "revoke"], ["tokenId", "999999"]])).status).toBe(403);
    expect((await bodyOf(await tokensPage(other.id))).tokens).toEqual([]);
    expect((await api.call("GET", "/me", { token: created.secret })).status).toBe(200);
  });

  test("bad input: messages beside the fields, the typed name kept, nothing made", async () => {
    const before = snapshot(db);
    const response = await tokensPost(member.id, [["intent", "create"], ["name", "Nightly export"], ["expires", "date"], ["expiresOn", "2001-01-01"]]);
    expect(response.status).toBe(400);
    const reply = await bodyOf(response);
    expect(reply.errors).toEqual({ scopes: "Choose at least one scope.", expiresOn: "Choose a date after today." });
    expect(reply.values).toMatchObject({ name: "Nightly export", expires: "date", expiresOn: "2001-01-01" });
    const long = await bodyOf(await tokensPost(member.id, [["intent", "create"], ["name", "x".repeat(61)], ["scopes", "read"]]));
    expect(long.errors).toEqual({ name: "Keep the name to 60 characters." });
    const noName = await bodyOf(await tokensPost(member.id, [["intent", "create"], ["name", "   "], ["scopes", "read"], ["expires", "date"], ["expiresOn", "2031-02-30"]]));
    expect(noName.errors).toEqual({ name: "Give the token a name.", expiresOn: "This is not a date." });
    expect(snapshot(db)).toBe(before);

    const page = await renderIn(
      "en",
      contextFor(db, member.id),
      "/settings/tokens",
      [tokensRoute],
      formPost("/settings/tokens", [["intent", "create"], ["name", "Nightly export"], ["expires", "date"], ["expiresOn", ""]]),
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain('value="Nightly export"');
    expect(page.html).toMatch(/<p class="field-error" id="scopes-error" role="alert">Choose at least one scope\.<\/p>/);
    expect(page.html).toMatch(/<p class="field-error" id="expiresOn-error" role="alert">Choose the date it expires\.<\/p>/);
  });

  test("in French: the page's words and the messages beside the fields", async () => {
    const page = await renderIn(
      "fr",
      { ...contextFor(db, member.id), language: "fr" },
      "/settings/tokens",
      [tokensRoute],
      formPost("/settings/tokens", [["intent", "create"], ["name", "Synchro nocturne"]]),
    );
    const text = textOf(page.html);
    expect(text).toContain("Jetons d’API");
    expect(text).toContain("Créer un jeton");
    expect(text).toContain("Choisissez au moins une portée.");
    expect(page.html).toContain('value="Synchro nocturne"');
    expect(text).toContain("Révoquer");
    expect(text).not.toMatch(/Make the token|Your tokens|apiPages\./);
  });
});

describe("/admin/api", () => {
  test("members and moderators can neither load nor post it", async () => {
    for (const user of [member, moderator]) {
      expect((await adminPage(user.id)).status).toBe(403);
      const before = snapshot(db);
      expect((await adminPost(user.id, [["intent", "bot"], ["username", "sneaky_bot"], ["displayName", "Sneaky"], ["role", "moderator"]])).status).toBe(403);
      const row = db.select().from(apiTokens).where(eq(apiTokens.userId, member.id)).get()!;
      expect((await adminPost(user.id, [["intent", "revoke"], ["tokenId", String(row.id)]])).status).toBe(403);
      expect(snapshot(db)).toBe(before);
    }
  });

  test("an admin makes a bot account and a bot token that works against GET /api/v1/me; the bot never signs in", async () => {
    const made = await adminPost(admin.id, [["intent", "bot"], ["username", "helpdesk_bot"], ["displayName", "Help desk"], ["role", "moderator"]]);
    expect(made.status).toBe(200);
    expect((await bodyOf(made)).message).toBe("The bot account @helpdesk_bot was made. Make it a token below.");
    const bot = db.select().from(users).where(eq(users.username, "helpdesk_bot")).get()!;
    expect(bot).toMatchObject({ isBot: true, role: "moderator", passwordHash: "", emailVerifiedAt: null, displayName: "Help desk" });
    expect(bot.email).toBe("helpdesk_bot@bots.invalid");
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "bot.create")).all()).toMatchObject([{ actorId: admin.id, targetId: bot.id }]);

    const tokenReply = await bodyOf(await adminPost(admin.id, [["intent", "token"], ["botId", String(bot.id)], ["name", "Zendesk"], ["scopes", "read"], ["scopes", "write"], ["expires", "90"]]));
    const secret = tokenReply.created.secret as string;
    expect(tokenReply.created).toMatchObject({ name: "Zendesk", bot: "helpdesk_bot" });
    const me = await expectConforms(await api.call("GET", "/me", { token: secret }), "GET", "/me");
    expect(me).toMatchObject({ id: bot.id, username: "helpdesk_bot", bot: true, role: "moderator", token: { kind: "bot", scopes: ["read", "write"] } });

    const page = await bodyOf(await adminPage(admin.id));
    expect(page.bots).toMatchObject([{ username: "helpdesk_bot", role: "moderator", tokenCount: 1 }]);
    expect(JSON.stringify(page)).not.toContain(secret);
    // Every token of every member and bot, with its owner.
    const owners = page.tokens.map((t: { username: string; kind: string }) => `${t.kind}:${t.username}`);
    expect(owners).toContain("bot:helpdesk_bot");
    expect(owners).toContain("personal:tina_tokens");
    expect(owners).toContain("personal:mod_tokens");

    // No password works, whatever is typed.
    for (const password of ["", TEST_PASSWORD, "helpdesk_bot"]) {
      const signIn = await authenticate(db, { login: "helpdesk_bot", password, address: freshAddress() });
      expect(signIn.ok).toBe(false);
    }

    // The admin revokes it: the next call is 401.
    const row = db.select().from(apiTokens).where(eq(apiTokens.userId, bot.id)).get()!;
    expect((await adminPost(admin.id, [["intent", "revoke"], ["tokenId", String(row.id)]])).status).toBe(200);
    expect((await api.call("GET", "/me", { token: secret })).status).toBe(401);
  });

  // Waits on app/models/accounts/account-tokens.server.ts refusing bot accounts in findResetAccount (see the report of issue 15's tokens pages).
  test("a bot account gets no password reset link", async () => {
    const bot = db.select().from(users).where(eq(users.username, "helpdesk_bot")).get()!;
    await requestPasswordReset(db, { login: "helpdesk_bot", address: freshAddress() }, { floorMs: 0 });
    expect(db.select().from(accountTokens).where(eq(accountTokens.userId, bot.id)).all()).toEqual([]);
  });

  test("an admin may revoke a member's token; a personal token is the admin's to revoke, a bot token too", async () => {
    const created = await makeToken(other.id, "Otto's script");
    const row = db.select().from(apiTokens).where(eq(apiTokens.name, "Otto's script")).get()!;
    const reply = await bodyOf(await adminPost(admin.id, [["intent", "revoke"], ["tokenId", String(row.id)]]));
    expect(reply.message).toBe("The token was revoked: it no longer works.");
    expect((await api.call("GET", "/me", { token: created.secret })).status).toBe(401);
    expect((await bodyOf(await adminPost(admin.id, [["intent", "revoke"], ["tokenId", String(row.id)]]))).message).toBe("This token was already revoked.");
  });

  test("bad input for a bot: a taken username, bad characters, a role out of reach; the typed values kept", async () => {
    const before = snapshot(db);
    const taken = await adminPost(admin.id, [["intent", "bot"], ["username", "Tina_Tokens"], ["displayName", "Tina bot"], ["role", "member"]]);
    expect(taken.status).toBe(400);
    expect(await bodyOf(taken)).toMatchObject({ errors: { username: "That username is taken. Please choose another." }, values: { username: "Tina_Tokens", displayName: "Tina bot" } });
    const bad = await bodyOf(await adminPost(admin.id, [["intent", "bot"], ["username", "no spaces!"], ["displayName", ""], ["role", "admin"]]));
    expect(Object.keys(bad.errors).sort()).toEqual(["displayName", "role", "username"]);
    expect(bad.errors.role).toBe("Choose member or moderator.");
    // A token for someone who is not a bot.
    const notBot = await bodyOf(await adminPost(admin.id, [["intent", "token"], ["botId", String(member.id)], ["name", "Pretend"], ["scopes", "read"]]));
    expect(notBot.errors).toEqual({ botId: "Choose one of the bot accounts." });
    expect(snapshot(db)).toBe(before);

    const page = await renderIn(
      "fr",
      { ...contextFor(db, admin.id), language: "fr" },
      "/admin/api",
      [adminRoute],
      formPost("/admin/api", [["intent", "bot"], ["username", "x"], ["displayName", "Robot X"], ["role", "member"]]),
    );
    const text = textOf(page.html);
    expect(text).toContain("Comptes robots");
    expect(text).toContain("Tous les jetons");
    expect(page.html).toContain('value="Robot X"');
    expect(page.html).toMatch(/id="username-error" role="alert">[^<]+<\/p>/);
  });
});
