// The API's door: tokens, scopes, problem documents, rate limits, bodies.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { apiRateLimits, apiTokens } from "../../db/schema";
import { clearExpiredRateLimits } from "../../app/api/rate-limit.server";
import { revokeApiToken } from "../../app/models/accounts/api-tokens.server";
import { apiClient, expectConforms, tokenFor } from "../support/api";
import { asCurrentUser, createTestDb } from "../support/db";
import { createTestCategory, createUser } from "../support/factories";

const db = createTestDb();
const api = apiClient(db);

describe("the API's door", () => {
  test("a token says whose it is; a visitor reads without one", async () => {
    const member = await createUser(db);
    createTestCategory(db, { name: "Routers" });
    const token = tokenFor(db, member.id, ["read"]);
    const me = await expectConforms(await api.call("GET", "/me", { token }), "GET", "/me");
    expect(me).toMatchObject({ id: member.id, username: member.username, token: { kind: "personal", scopes: ["read"] } });
    const categories = await expectConforms(await api.call("GET", "/categories"), "GET", "/categories");
    expect(categories.items.map((c: { name: string }) => c.name)).toContain("Routers");
  });

  test("no token, a forged one, a malformed header, a revoked or expired one: 401 problem documents", async () => {
    const member = await createUser(db);
    const noToken = await api.call("GET", "/me");
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(noToken.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const forged = await api.call("GET", "/categories", { token: `entraide_${"A".repeat(43)}` });
    expect(forged.status).toBe(401);
    const problem = await expectConforms(forged, "GET", "/categories");
    expect(problem).toMatchObject({ status: 401, type: "/api/docs#problem-unauthorized", title: "Unauthorized" });
    expect((await api.call("GET", "/categories", { headers: { Authorization: "Basic abc" } })).status).toBe(401);

    const token = tokenFor(db, member.id, ["read"]);
    expect((await api.call("GET", "/me", { token })).status).toBe(200);
    const row = db.select().from(apiTokens).where(eq(apiTokens.userId, member.id)).get()!;
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(token);
    revokeApiToken(db, asCurrentUser(db, member.id), row.id);
    expect((await api.call("GET", "/me", { token })).status).toBe(401);

    const expired = tokenFor(db, member.id, ["read"], new Date(Date.now() - 1000));
    expect((await api.call("GET", "/me", { token: expired })).status).toBe(401);
  });

  test("an unknown address is a 404 problem, a known one with another method a 405", async () => {
    const missing = await api.call("GET", "/nothing-here");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, type: "/api/docs#problem-not-found" });
    const wrongMethod = await api.call("DELETE", "/categories");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });

  test("a problem speaks the token owner's language, else the caller's Accept-Language", async () => {
    const french = await api.call("GET", "/me", { headers: { "Accept-Language": "fr-FR,fr;q=0.9" } });
    expect(await french.json()).toMatchObject({ title: "Non authentifié" });
  });

  test("a member cannot give their token the moderate scope", async () => {
    const member = await createUser(db);
    expect(() => tokenFor(db, member.id, ["read", "moderate"])).toThrow();
    expect(db.select().from(apiTokens).where(eq(apiTokens.userId, member.id)).all()).toHaveLength(0);
  });

  test("rate limits: RateLimit headers on every answer, 429 with Retry-After past the limit, per token and per address", async () => {
    const limited = apiClient(db, { rateLimits: { perToken: 3, perAddress: 2, windowSeconds: 60 } });
    const member = await createUser(db);
    const token = tokenFor(db, member.id, ["read"]);
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await limited.call("GET", "/me", { token }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get("ratelimit-limit")).toBe("3");
    expect(answers[0]!.headers.get("ratelimit-remaining")).toBe("2");
    expect(answers[0]!.headers.get("ratelimit-policy")).toBe("3;w=60");
    expect(Number(answers[3]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await answers[3]!.json()).toMatchObject({ status: 429, type: "/api/docs#problem-too-many-requests" });

    const anonymous = [];
    for (let i = 0; i < 3; i += 1) anonymous.push((await limited.call("GET", "/categories", { address: "198.51.100.9" })).status);
    expect(anonymous).toEqual([200, 200, 429]);
    // Another address has its own count.
    expect((await limited.call("GET", "/categories", { address: "198.51.100.10" })).status).toBe(200);
  });

  test("counts of windows that have ended are forgotten by the worker's job, the others kept", async () => {
    const limited = apiClient(db, { rateLimits: { perToken: 10, perAddress: 10, windowSeconds: 60 } });
    await limited.call("GET", "/categories", { address: "192.0.2.44" });
    const rows = () => db.select().from(apiRateLimits).all().filter((row) => row.key.includes("192.0.2.44"));
    expect(rows()).toHaveLength(1);
    expect(clearExpiredRateLimits(db, new Date())).toBe(0);
    expect(rows()).toHaveLength(1);
    clearExpiredRateLimits(db, new Date(Date.now() + 61_000));
    expect(rows()).toHaveLength(0);
  });

  test("the OpenAPI document is served, 3.1, and names every operation", async () => {
    const response = await api.call("GET", "/openapi.json");
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.paths["/me"].get.operationId).toBe("getMe");
    expect(document.components.schemas.Problem).toBeDefined();
  });
});
