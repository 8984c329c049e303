// The API behind the real HTTP edge: a bearer token works from any origin (it
// is no cookie), a session cookie authorizes nothing, bodies go through the
// bounded reader and come back as problem documents, and no API answer is
// kept by the page cache.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createHttpApp } from "../../app/http.server";
import { tokenFor } from "../support/api";
import { createTestDb } from "../support/db";
import { createTestCategory, createUser } from "../support/factories";
import { cookieHeaderFrom } from "../support/http-helpers";

const db = createTestDb();
let renders = 0;
const build = {
  mode: "production",
  entry: { module: { default: () => new Response("document") } },
  routes: { root: { id: "root", path: "", module: { loader: () => ((renders += 1), new Response("page", { headers: { "Content-Type": "text/html" } })) } } },
  assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "1" },
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

let server: Server;
let base: string;
beforeAll(async () => {
  server = createHttpApp({ db, build, publicDir: "/nonexistent-entraide-public", apiRateLimits: { perToken: 1000, perAddress: 1000, windowSeconds: 60 } }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe("the API at the edge", () => {
  test("a bearer token works from another origin; the document's links use the site's origin", async () => {
    const member = await createUser(db);
    const token = tokenFor(db, member.id, ["read"]);
    const response = await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}`, Origin: "https://elsewhere.example" } });
    expect(response.status).toBe(200);
    expect((await response.json()).username).toBe(member.username);
    const document = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    expect(document.servers[0].url).toBe(`${base}/api/v1`);
  });

  test("a session cookie authorizes nothing: the API asks for a token", async () => {
    const member = await createUser(db);
    const cookie = cookieHeaderFrom(await startSession(db, member.id, { secure: false }));
    const response = await fetch(`${base}/api/v1/me`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  test("an oversized body is a 413 problem document, an unknown address a 404 one", async () => {
    const big = "x".repeat(300 * 1024);
    const tooLarge = await fetch(`${base}/api/v1/me`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ big }) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await tooLarge.json()).status).toBe(413);
    const missing = await fetch(`${base}/api/v1/no/such/thing`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).type).toBe("/api/docs#problem-not-found");
  });

  test("API answers are never kept by the page cache (a visitor's second read is answered afresh)", async () => {
    const category = createTestCategory(db, { name: "Before" });
    const first = await fetch(`${base}/api/v1/categories`);
    expect(first.headers.get("x-page-cache")).toBeNull();
    expect((await first.json()).items.map((c: { id: number }) => c.id)).toContain(category.id);
    const later = createTestCategory(db, { name: "After" });
    const second = await (await fetch(`${base}/api/v1/categories`)).json();
    expect(second.items.map((c: { id: number }) => c.id)).toContain(later.id);
    expect(renders).toBe(0);
  });
});
