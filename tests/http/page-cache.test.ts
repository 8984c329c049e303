// The edge's page cache, compression, validators and view counts, through the
// real HTTP layer and the built app: what one visitor is sent is what every
// visitor may see, and a write shows at once.
import { createHash } from "node:crypto";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createHttpApp } from "../../app/http.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { createViewCounter, type ViewCounter } from "../../app/models/forum/thread-views.server";
import { createDb, type Db } from "../../db/client";
import { threads } from "../../db/schema";
import { asCurrentUser, createTestDb } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { cookieHeaderFrom } from "../support/http-helpers";

const db = createTestDb();
let build: ServerBuild;
const servers: Server[] = [];
const counters: ViewCounter[] = [];

async function listen(on: Db): Promise<string> {
  const viewCounter = createViewCounter(on, { flushEveryMs: 60_000 });
  counters.push(viewCounter);
  const server = createHttpApp({ db: on, build, publicDir: path.resolve("public"), viewCounter }).listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let base: string;
let asker: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
let threadUrl: string;
let threadId: number;

beforeAll(async () => {
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createUser(db, { username: "cache_asker", createdAt: new Date(Date.now() - 3 * 86_400_000) });
  moderator = await createUser(db, { username: "cache_mod", role: "moderator" });
  const thread = createTestThread(db, asker, { title: "My invoice shows a roaming charge twice" });
  threadId = thread.id;
  threadUrl = `/t/${thread.id}/${thread.slug}`;
  base = await listen(db);
});

afterAll(() => {
  for (const server of servers) server.close();
  for (const counter of counters) counter.stop();
});

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

async function visit(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${url}`, { headers: { "User-Agent": BROWSER, ...headers } });
  return { response, html: await response.text() };
}

function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
    request(`${base}${url}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the anonymous page cache", () => {
  test("a visitor's second request is served from memory, with validators a CDN can honour", async () => {
    await visit("/");
    const { response } = await visit("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-page-cache")).toBe("hit");
    expect(response.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(response.headers.get("vary")).toMatch(/Cookie/);
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"/);
    // Through node's http: fetch marks a conditional request "no-cache", which asks for the whole page.
    const again = await rawGet("/", { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  test("one copy per language: the browser's languages or the switcher's cookie choose it, and each is cached apart", async () => {
    const french = { "Accept-Language": "fr-FR,fr;q=0.9" };
    await visit("/", french);
    const fr = await visit("/", french);
    expect(fr.response.headers.get("x-page-cache")).toBe("hit");
    expect(fr.html).toContain('<html lang="fr"');
    expect(fr.html).toContain("Poser une question");
    expect(fr.response.headers.get("vary")).toMatch(/Accept-Language/);
    const en = await visit("/", { "Accept-Language": "en-GB,en" });
    expect(en.html).toContain('<html lang="en"');
    expect(en.html).toContain("Ask a question");
    expect(en.html).not.toContain("Poser une question");
    // The switcher's cookie outranks the browser, and is not a personal cookie: still cached.
    await visit("/", { ...french, Cookie: "lang=en" });
    const chosen = await visit("/", { ...french, Cookie: "lang=en" });
    expect(chosen.html).toContain('<html lang="en"');
    expect(chosen.response.headers.get("x-page-cache")).toBe("hit");
  });

  test("a new answer shows on the next request after its write returns", async () => {
    await visit(threadUrl);
    expect((await visit(threadUrl)).response.headers.get("x-page-cache")).toBe("hit");
    const helper = await createUser(db, { username: "cache_helper", createdAt: new Date(Date.now() - 3 * 86_400_000) });
    createTestAnswer(db, helper, threadId, "Call billing and ask for the duplicate roaming line to be credited.");
    const { response, html } = await visit(threadUrl);
    expect(response.headers.get("x-page-cache")).toBe("miss");
    expect(html).toContain("duplicate roaming line to be credited");
  });

  test("a write through another connection (another process) is seen at once", async () => {
    const other = createDb(db.$client.name);
    try {
      await visit("/");
      other.update(threads).set({ title: "My invoice shows a roaming charge three times" }).where(eq(threads.id, threadId)).run();
      expect((await visit("/")).html).toContain("roaming charge three times");
    } finally {
      other.$client.close();
    }
  });

  test("a signed-in page is never kept, and what a moderator saw never reaches a visitor", async () => {
    const helper = await createUser(db, { username: "cache_spammer", createdAt: new Date(Date.now() - 3 * 86_400_000) });
    const spam = createTestAnswer(db, helper, threadId, "Visit my totally legit refund site for instant money back.");
    hidePost(db, asCurrentUser(db, moderator.id), spam.id, "Spam");
    const cookie = cookieHeaderFrom(await startSession(db, moderator.id, { secure: false }));
    const staff = await visit(threadUrl, { Cookie: cookie });
    expect(staff.html).toContain("totally legit refund site");
    expect(staff.response.headers.get("cache-control")).toMatch(/private/);
    expect(staff.response.headers.get("x-page-cache")).toBeNull();
    const visitor = await visit(threadUrl);
    expect(visitor.html).not.toContain("totally legit refund site");
    expect(visitor.html).not.toContain("cache_mod");
    const again = await visit(threadUrl);
    expect(again.response.headers.get("x-page-cache")).toBe("hit");
    expect(again.html).not.toContain("totally legit refund site");
  });

  test("search is never kept: every visitor's search is logged, and its links carry that log's id", async () => {
    const logged = () => (db.$client.prepare("SELECT count(*) FROM search_queries").pluck().get() as number);
    const before = logged();
    const first = await visit("/search?q=roaming+charge");
    const second = await visit("/search?q=roaming+charge");
    expect(first.response.headers.get("cache-control")).toBe("no-store");
    expect(second.response.headers.get("x-page-cache")).toBe("miss");
    expect(logged()).toBe(before + 2);
  });

  test("a cached page carries no nonce; its inline scripts are allowed by their hashes", async () => {
    await visit("/kb");
    const { response, html } = await visit("/kb");
    expect(response.headers.get("x-page-cache")).toBe("hit");
    expect(html).not.toMatch(/nonce=/);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).not.toMatch(/'nonce-/);
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) {
      expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    }
  });

  test("signed-in pages keep a fresh nonce for every response", async () => {
    const cookie = cookieHeaderFrom(await startSession(db, asker.id, { secure: false }));
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const first = await visit("/", { Cookie: cookie });
    const second = await visit("/", { Cookie: cookie });
    const one = nonceOf(first.response.headers.get("content-security-policy"));
    expect(one).toBeTruthy();
    expect(first.html).toContain(`nonce="${one}"`);
    expect(one).not.toBe(nonceOf(second.response.headers.get("content-security-policy")));
  });

  test("pages are compressed with brotli or gzip, cached or not", async () => {
    const plain = await visit("/");
    for (const encoding of ["br", "gzip"] as const) {
      const response = await fetch(`${base}/`, { headers: { "Accept-Encoding": encoding } });
      expect(response.headers.get("content-encoding")).toBe(encoding);
    }
    // fetch decodes for us; read the raw bytes through node's http to check them.
    const raw = await rawGet("/", { "Accept-Encoding": "br" });
    expect(raw.encoding).toBe("br");
    expect(brotliDecompressSync(raw.body).toString("utf8")).toBe(plain.html);
    expect(raw.body.length).toBeLessThan(Buffer.byteLength(plain.html) / 3);

    const cookie = cookieHeaderFrom(await startSession(db, asker.id, { secure: false }));
    const signedIn = await rawGet("/", { "Accept-Encoding": "gzip", Cookie: cookie });
    expect(signedIn.encoding).toBe("gzip");
    expect(gunzipSync(signedIn.body).toString("utf8")).toContain("cache_asker");
  });
});

describe("view counts", () => {
  test("arrivals are counted in memory and written in one batch; bots and the page's own reloads are not", async () => {
    const counter = counters[0]!;
    counter.flush();
    const before = db.select({ views: threads.viewCount }).from(threads).where(eq(threads.id, threadId)).get()!.views;
    await visit(threadUrl);
    await visit(threadUrl);
    await visit(threadUrl, { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
    await visit(threadUrl, { Referer: `${base}${threadUrl}` });
    await visit(`${threadUrl}?_data=routes%2Ft.%24id.(%24slug)`);
    // Nothing is written while reading.
    expect(db.select({ views: threads.viewCount }).from(threads).where(eq(threads.id, threadId)).get()!.views).toBe(before);
    expect(counter.flush()).toBe(2);
    expect(db.select({ views: threads.viewCount }).from(threads).where(eq(threads.id, threadId)).get()!.views).toBe(before + 2);
  });

  test("writing view counts does not empty the page cache", async () => {
    await visit("/");
    counters[0]!.count(threadId);
    counters[0]!.flush();
    expect((await visit("/")).response.headers.get("x-page-cache")).toBe("hit");
  });
});

describe("the page version", () => {
  // Tables whose rows no public page reads (see migration 0009).
  const NEVER_ON_PUBLIC_PAGES = [
    "account_tokens",
    "recovery_codes",
    "user_identities",
    "data_exports",
    "sessions",
    "login_attempts",
    "audit_events",
    "flags",
    "search_documents",
    "search_queries",
    "deflections",
    "article_reviews",
    "access_grants",
    // Read only on early-access pages, which no visitor sees.
    "announcement_comments",
    "watches",
    "notifications",
    "outbox_messages",
    "page_version",
    // The API's tokens and counts, and the webhooks: staff pages and integrations only.
    "api_tokens",
    "api_rate_limits",
    "webhooks",
    "webhook_deliveries",
    // Importers' bookkeeping and admins' exports: command lines and staff pages only.
    "import_sources",
    "import_runs",
    "site_exports",
    // Teams (and their routes) are staff-only; a fix check shows to its asker only, signed in.
    "teams",
    "known_issue_checks",
    // Each moves a counter (known_issues.me_too_count, threads.idea_vote_count) in its transaction.
    "known_issue_me_toos",
    "idea_votes",
  ];

  test("every table either changes the page version when written, or is known never to show on a public page", () => {
    const tables = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'search_fts%'")
      .pluck()
      .all() as string[];
    const triggers = db.$client.prepare("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_page_version'").all() as {
      tbl_name: string;
      name: string;
    }[];
    const unclassified: string[] = [];
    for (const table of tables) {
      if (NEVER_ON_PUBLIC_PAGES.includes(table)) continue;
      const ops = triggers.filter((t) => t.tbl_name === table).map((t) => t.name.replace(`${table}_`, "").replace("_page_version", ""));
      if (ops.sort().join() !== "delete,insert,update") unclassified.push(table);
    }
    expect(unclassified).toEqual([]);
  });
});

describe("the CDN purge hook", () => {
  test("after a change a visitor can see, the purge URL is posted once, with the token", async () => {
    const received: { auth: string | undefined; body: string }[] = [];
    const receiver = (await import("node:http")).createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ auth: req.headers.authorization, body });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const { createCdnPurge } = await import("../../app/http/cdn-purge.server");
      const purge = createCdnPurge(db, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/purge`, token: "cdn-secret" });
      expect(await purge()).toBe(false);
      expect(await purge()).toBe(false);
      db.update(threads).set({ title: "My invoice shows a roaming charge four times" }).where(eq(threads.id, threadId)).run();
      expect(await purge()).toBe(true);
      expect(await purge()).toBe(false);
      // View counts alone change nothing a CDN keeps.
      counters[0]!.count(threadId);
      counters[0]!.flush();
      expect(await purge()).toBe(false);
      expect(received).toEqual([{ auth: "Bearer cdn-secret", body: '{"purge_everything":true}' }]);
    } finally {
      receiver.close();
    }
  });
});
