import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { readConfig } from "../../app/config.server";
import { createHttpApp, isSameOriginRequest } from "../../app/http.server";
import { createTestDb } from "../support/db";
import { createUser } from "../support/factories";
import { cookieHeaderFrom, sessionIdFrom } from "../support/http-helpers";

const OWN = "https://community.example.com";

describe("isSameOriginRequest", () => {
  test("GET, HEAD and OPTIONS are always allowed, whatever the headers say", () => {
    for (const method of ["GET", "get", "HEAD", "OPTIONS"]) {
      expect(isSameOriginRequest(method, {}, OWN)).toBe(true);
      expect(isSameOriginRequest(method, { origin: "https://evil.example", secFetchSite: "cross-site" }, OWN)).toBe(true);
    }
  });

  test("a POST from our own origin is allowed, in any case", () => {
    expect(isSameOriginRequest("POST", { origin: OWN }, OWN)).toBe(true);
    expect(isSameOriginRequest("post", { origin: "https://Community.Example.com" }, OWN)).toBe(true);
  });

  test("a POST from another origin is refused, even if Sec-Fetch-Site claims same-origin", () => {
    expect(isSameOriginRequest("POST", { origin: "https://evil.example" }, OWN)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "http://community.example.com" }, OWN)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "https://community.example.com.evil.example" }, OWN)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "null" }, OWN)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "https://evil.example", secFetchSite: "same-origin" }, OWN)).toBe(false);
  });

  test("with no Origin, Sec-Fetch-Site same-origin is allowed and anything else refused", () => {
    expect(isSameOriginRequest("POST", { secFetchSite: "same-origin" }, OWN)).toBe(true);
    expect(isSameOriginRequest("POST", { secFetchSite: "cross-site" }, OWN)).toBe(false);
    expect(isSameOriginRequest("POST", { secFetchSite: "same-site" }, OWN)).toBe(false);
    expect(isSameOriginRequest("POST", { secFetchSite: "none" }, OWN)).toBe(false);
  });

  test("a POST with neither header is refused", () => {
    expect(isSameOriginRequest("POST", {}, OWN)).toBe(false);
    expect(isSameOriginRequest("PUT", {}, OWN)).toBe(false);
    expect(isSameOriginRequest("DELETE", {}, OWN)).toBe(false);
  });
});

describe("readConfig", () => {
  test("defaults", () => {
    const config = readConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe("0.0.0.0");
    expect(config.DATABASE_PATH).toBe("data/entraide.db");
    expect(config.SEED_DEMO).toBe(true);
    expect(config.PUBLIC_URL).toBeUndefined();
  });

  test("empty values fall back to the defaults", () => {
    const config = readConfig({ PORT: "", DATABASE_PATH: "", SEED_DEMO: "" });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_PATH).toBe("data/entraide.db");
    expect(config.SEED_DEMO).toBe(true);
  });

  test("values given are read", () => {
    const config = readConfig({ PORT: "8080", DATABASE_PATH: "/var/lib/entraide/forum.db", SEED_DEMO: "false", PUBLIC_URL: "https://help.example.com" });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_PATH).toBe("/var/lib/entraide/forum.db");
    expect(config.SEED_DEMO).toBe(false);
    expect(config.PUBLIC_URL).toBe("https://help.example.com");
    expect(readConfig({ SEED_DEMO: "0" }).SEED_DEMO).toBe(false);
    expect(readConfig({ SEED_DEMO: "yes" }).SEED_DEMO).toBe(true);
  });

  test.each(["abc", "70000", "-1", "80.5"])("an invalid PORT (%s) throws an error naming it", (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(/PORT/);
  });

  test("an invalid SEED_DEMO or PUBLIC_URL throws", () => {
    expect(() => readConfig({ SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO/);
    expect(() => readConfig({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
  });
});

// The real HTTP layer (headers, same-origin check, size limit, session
// context) in front of a one-route stand-in for the Remix build, so these
// tests do not depend on a fresh `remix build`.
describe("the HTTP layer", () => {
  const db = createTestDb();
  const actionCalls: string[] = [];
  const build = {
    mode: "production",
    entry: { module: { default: () => new Response("document") } },
    routes: {
      root: {
        id: "root",
        path: "",
        module: {
          loader: () => new Response("page"),
          action: ({ context }: { context: { user: { username: string } | null } }) => {
            const who = context.user?.username ?? "visitor";
            actionCalls.push(who);
            return new Response(`done for ${who}`);
          },
        },
      },
    },
    assets: { entry: { module: "/build/entry.js", imports: [] }, routes: {}, url: "/build/manifest.js", version: "1" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild;

  const servers: Server[] = [];
  function listen(options: { publicUrl?: string } = {}) {
    const server = createHttpApp({ db, build, publicDir: "/nonexistent-entraide-public", ...options }).listen(0, "127.0.0.1");
    servers.push(server);
    return new Promise<string>((resolve) => server.once("listening", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  }
  let base: string;
  beforeAll(async () => {
    base = await listen();
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  function post(url: string, headers: Record<string, string>, body = "a=1") {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });
  }

  test("a form posted from another site is refused with a page that says why, and never reaches the action", async () => {
    const before = actionCalls.length;
    for (const headers of [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }, {}] as Record<string, string>[]) {
      const response = await post(`${base}/`, headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("sent from another site");
    }
    expect(actionCalls.length).toBe(before);
  });

  test("one-click unsubscribe, posted by a mail provider's server, is the one exception to the origin check", async () => {
    const fromMailProvider = await post(`${base}/unsubscribe?token=x`, { Origin: "https://mail.example" }, "List-Unsubscribe=One-Click");
    expect(fromMailProvider.status).not.toBe(403);
    expect((await post(`${base}/unsubscribe-me`, { Origin: "https://mail.example" })).status).toBe(403);
  });

  test("a form posted from our own pages reaches the action", async () => {
    const byOrigin = await post(`${base}/`, { Origin: base });
    expect(byOrigin.status).toBe(200);
    expect(await byOrigin.text()).toBe("done for visitor");
    const byFetchMetadata = await post(`${base}/`, { "Sec-Fetch-Site": "same-origin" });
    expect(byFetchMetadata.status).toBe(200);
  });

  test("with PUBLIC_URL set, only that origin may post", async () => {
    const behindProxy = await listen({ publicUrl: "https://help.example.com" });
    expect((await post(`${behindProxy}/`, { Origin: "https://help.example.com" })).status).toBe(200);
    expect((await post(`${behindProxy}/`, { Origin: behindProxy })).status).toBe(403);
    const page = await fetch(`${behindProxy}/`);
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  test("a body over 1 MiB is refused with 413", async () => {
    const response = await post(`${base}/`, { Origin: base }, `a=${"x".repeat(1024 * 1024 + 10)}`);
    expect(response.status).toBe(413);
  });

  test("every page carries the security headers, with a fresh script nonce each time", async () => {
    const first = await fetch(`${base}/`);
    const second = await fetch(`${base}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-powered-by")).toBeNull();
    expect(first.headers.get("strict-transport-security")).toBeNull();
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = (header: string | null) => /'nonce-([^']+)'/.exec(header ?? "")?.[1];
    expect(nonce(csp)).toBeTruthy();
    expect(nonce(csp)).not.toBe(nonce(second.headers.get("content-security-policy")));
  });

  test("the session cookie signs the request in; an unknown one is blanked", async () => {
    const user = await createUser(db, { username: "httpuser", email: "httpuser@example.test" });
    const setCookie = await startSession(db, user.id, { secure: false });
    const signedIn = await post(`${base}/`, { Origin: base, Cookie: cookieHeaderFrom(setCookie) });
    expect(await signedIn.text()).toBe("done for httpuser");

    const stale = await fetch(`${base}/`, { headers: { Cookie: "entraide_session=nosuchsession" } });
    expect(stale.status).toBe(200);
    expect(sessionIdFrom(stale.headers.get("set-cookie"))).toBe("");
  });
});
