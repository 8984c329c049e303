// The sitemaps and robots.txt (app/routes/sitemap[.]xml.tsx, sitemaps.$name.tsx,
// robots[.]txt.tsx, app/models/site/sitemap.server.ts): the index lists the
// child sitemaps; the children list exactly what a visitor may open, with
// their last change; hidden, deleted, held, draft, archived and early-access
// content is never listed; the per-sitemap cap splits children; numbers past
// the end are 404; conditional GET; well-formed XML whatever a slug holds.
// The XML is read with the sitemap package's own parsers (a strict SAX parser
// underneath, which rejects malformed XML: checked below).
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { parseSitemap, parseSitemapIndex } from "sitemap";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { deletePost } from "../../app/models/forum/post.server";
import { holdPublishedPost } from "../../app/models/forum/held-posts.server";
import { createArticle, setArticleStatus } from "../../app/models/kb/kb.server";
import { openIncident, postIncidentUpdate } from "../../app/models/moderation/incident.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { createEarlyAccess } from "../../app/models/reputation/early-access.server";
import { childSitemap, ROBOTS_DISALLOWED, sitemapIndex } from "../../app/models/site/sitemap.server";
import { loader as robotsLoader } from "../../app/routes/robots[.]txt";
import { loader as indexLoader } from "../../app/routes/sitemap[.]xml";
import { loader as childLoader } from "../../app/routes/sitemaps.$name";
import { announcements, articles, categories, posts, tags, threads } from "../../db/schema";
import { contextFor, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
const ORIGIN = "https://help.example.com";

type User = Awaited<ReturnType<typeof createEstablishedMember>>;
let moderator: User;
const ids = {} as Record<string, number>;
let clock = Date.now() - 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));
const questionOf = (threadId: number) => db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", `${ORIGIN}/some/path`);
  createTestCategory(db, { slug: "billing", name: "Billing" });
  createTestCategory(db, { slug: "network", name: "Network" });
  const author = await createEstablishedMember(db, { username: "author_ada" });
  const other = await createEstablishedMember(db, { username: "other_otto" });
  moderator = await createUser(db, { username: "mod_mo", role: "moderator" });

  ids.a = createTestThread(db, author, { title: "Why is my invoice higher this month?", category: "billing", tags: ["invoice"], at: tick() }).id;
  createTestAnswer(db, other, ids.a, "Check the roaming line on the second page.", tick());

  ids.hidden = createTestThread(db, author, { title: "Free phones for everyone here", category: "billing", tags: ["onlyhidden"], at: tick() }).id;
  hidePost(db, moderator, questionOf(ids.hidden).id, "Spam", tick());
  ids.deleted = createTestThread(db, author, { title: "Old question about the former offer", category: "billing", tags: ["onlydeleted"], at: tick() }).id;
  deletePost(db, moderator, questionOf(ids.deleted).id, tick());
  ids.held = createTestThread(db, author, { title: "Cheap watches at my shop today", category: "network", tags: ["onlyheld", "router"], at: tick() }).id;
  holdPublishedPost(db, questionOf(ids.held), "Spam flags", tick());

  ids.b = createTestThread(db, other, { title: "The lights on my box blink red", category: "network", tags: ["router"], at: tick() }).id;
  ids.c = createTestThread(db, other, { title: "Can I move my line to a new flat?", category: "network", at: tick() }).id;

  const publish = (title: string, publish: boolean) => {
    const result = createArticle(db, moderator, { title, body: `All about it: ${title}.`, category: "billing", tags: [], note: "", publish }, tick());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.article;
  };
  ids.article1 = publish("Reset your router", true).id;
  ids.draft = publish("A draft about refunds", false).id;
  ids.archived = publish("The old pricing explained", true).id;
  setArticleStatus(db, moderator, ids.archived, "archived", tick());
  ids.article2 = publish("Read your invoice", true).id;

  const early = createEarlyAccess(db, moderator, { title: "The new box", body: "Coming soon.", expiresAt: null }, tick());
  if (!early.ok) throw new Error(JSON.stringify(early));
  ids.early = early.announcement.id;
  const incident = openIncident(db, moderator, { title: "Payments are slow", severity: "degraded", category: "billing", body: "We are on it." }, tick());
  if (!incident.ok) throw new Error(JSON.stringify(incident));
  ids.incident = incident.incident.id;
  postIncidentUpdate(db, moderator, { incidentId: ids.incident, body: "A fix is rolling out." }, tick());
});

afterAll(() => {
  vi.unstubAllEnvs();
});

const context = () => contextFor(db, null);
const xmlOf = async (response: Response) => Readable.from([await response.text()]);

async function getIndex(headers: Record<string, string> = {}) {
  return indexLoader({ request: new Request("http://localhost/sitemap.xml", { headers }), params: {}, context: context() });
}
async function getChild(name: string, headers: Record<string, string> = {}) {
  return childLoader({ request: new Request(`http://localhost/sitemaps/${name}`, { headers }), params: { name }, context: context() });
}
async function urlsOf(name: string) {
  const response = await getChild(name);
  expect(response.status).toBe(200);
  return parseSitemap(await xmlOf(response));
}
const thread = (id: number) => db.select().from(threads).where(eq(threads.id, id)).get()!;
const article = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;

test("the strict parser used here rejects malformed XML (so a parse below proves well-formedness)", async () => {
  await expect(parseSitemap(Readable.from(['<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x/a&b</loc></url></urlset>']))).rejects.toThrow();
  await expect(parseSitemap(Readable.from(['<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x/<a></loc></url></urlset>']))).rejects.toThrow();
});

describe("/sitemap.xml", () => {
  test("is an index of the child sitemaps, absolute from PUBLIC_URL, each with its newest change", async () => {
    const response = await getIndex();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    const items = await parseSitemapIndex(await xmlOf(response));
    expect(items.map((item) => item.url)).toEqual(
      ["pages-1", "threads-1", "articles-1", "tags-1", "status-1"].map((name) => `${ORIGIN}/sitemaps/${name}.xml`),
    );
    // The threads' child: the newest activity of a visible thread (the hidden and held ones changed later).
    const newestVisible = Math.max(...[ids.a, ids.b, ids.c].map((id) => thread(id).lastActivityAt.getTime()));
    expect(new Date(items[1]!.lastmod!).getTime()).toBe(newestVisible);
    expect(new Date(items[2]!.lastmod!).getTime()).toBe(article(ids.article2).updatedAt.getTime());
    expect(response.headers.get("Last-Modified")).toBe(new Date(Math.max(...items.map((i) => new Date(i.lastmod!).getTime()))).toUTCString());
  });

  test("answers 304 to its own ETag and to a later If-Modified-Since", async () => {
    const first = await getIndex();
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await getIndex({ "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await getIndex({ "If-None-Match": '"something-else"' })).status).toBe(200);
    expect((await getIndex({ "If-Modified-Since": first.headers.get("Last-Modified")! })).status).toBe(304);
  });
});

describe("child sitemaps", () => {
  test("threads: exactly the visible threads, with their last activity", async () => {
    const items = await urlsOf("threads-1.xml");
    const expected = [ids.a, ids.b, ids.c].map((id) => thread(id));
    expect(items.map((item) => item.url)).toEqual(expected.map((t) => `${ORIGIN}/t/${t.id}/${t.slug}`));
    expect(items.map((item) => new Date(item.lastmod!).getTime())).toEqual(expected.map((t) => t.lastActivityAt.getTime()));
    // The answer moved the first thread's activity past its creation.
    expect(thread(ids.a).lastActivityAt.getTime()).toBeGreaterThan(thread(ids.a).createdAt.getTime());
    for (const id of [ids.hidden, ids.deleted, ids.held]) expect(items.some((item) => item.url.includes(`/t/${id}/`))).toBe(false);
  });

  test("articles: the published ones only, dated by their last update", async () => {
    const items = await urlsOf("articles-1.xml");
    const expected = [ids.article1, ids.article2].map((id) => article(id));
    expect(items.map((item) => item.url)).toEqual(expected.map((a) => `${ORIGIN}/kb/${a.slug}`));
    expect(items.map((item) => new Date(item.lastmod!).getTime())).toEqual(expected.map((a) => a.updatedAt.getTime()));
  });

  test("tags: only those carried by a visible thread", async () => {
    const items = await urlsOf("tags-1.xml");
    expect(items.map((item) => item.url)).toEqual([`${ORIGIN}/tags/invoice`, `${ORIGIN}/tags/router`]);
    // router's date is its visible thread's, not the later-held one's.
    expect(new Date(items[1]!.lastmod!).getTime()).toBe(thread(ids.b).lastActivityAt.getTime());
  });

  test("status: the incidents, dated by their latest update; never an early-access announcement", async () => {
    const items = await urlsOf("status-1.xml");
    expect(items.map((item) => item.url)).toEqual([`${ORIGIN}/status/${ids.incident}`]);
    const incident = db.select().from(announcements).where(eq(announcements.id, ids.incident)).get()!;
    expect(incident.updatedAt!.getTime()).toBeGreaterThan(incident.createdAt.getTime());
    expect(new Date(items[0]!.lastmod!).getTime()).toBe(incident.updatedAt!.getTime());
  });

  test("pages: home, knowledge base, leaderboard, badges, status and the categories", async () => {
    const items = await urlsOf("pages-1.xml");
    expect(items.map((item) => item.url)).toEqual(
      ["/", "/kb", "/leaderboard", "/badges", "/status", "/c/billing", "/c/network"].map((path) => `${ORIGIN}${path}`),
    );
    const lastmod = (path: string) => items.find((item) => item.url === `${ORIGIN}${path}`)!.lastmod;
    expect(new Date(lastmod("/c/network")!).getTime()).toBe(Math.max(thread(ids.b).lastActivityAt.getTime(), thread(ids.c).lastActivityAt.getTime()));
    expect(new Date(lastmod("/c/billing")!).getTime()).toBe(thread(ids.a).lastActivityAt.getTime());
    expect(new Date(lastmod("/kb")!).getTime()).toBe(article(ids.article2).updatedAt.getTime());
    expect(lastmod("/leaderboard")).toBeUndefined();
  });

  test("nothing planted as hidden, deleted, held, draft, archived or early access appears in any of them", async () => {
    const names = (await parseSitemapIndex(await xmlOf(await getIndex()))).map((item) => item.url.split("/").pop()!);
    const all = (await Promise.all(names.map(async (name) => (await getChild(name)).text()))).join("\n");
    for (const id of [ids.hidden, ids.deleted, ids.held]) expect(all).not.toContain(`/t/${id}/`);
    for (const id of [ids.draft, ids.archived]) expect(all).not.toContain(`/kb/${article(id).slug}<`);
    for (const tag of ["onlyhidden", "onlydeleted", "onlyheld"]) expect(all).not.toContain(`/tags/${tag}`);
    expect(all).not.toContain(`/status/${ids.early}<`);
    expect(all).not.toContain("early-access");
  });

  test("a number past the end, an empty range, or an unknown name is a 404", async () => {
    for (const name of ["threads-2.xml", "pages-2.xml", "status-2.xml", "articles-0.xml", "users-1.xml", "threads-1", "threads-01.xml", "threads-1.xml.gz"]) {
      const response = await getChild(name);
      expect(response.status, name).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    }
  });

  test("a child answers 304 to its ETag", async () => {
    const first = await getChild("threads-1.xml");
    expect(first.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(first.headers.get("Last-Modified")).toBeTruthy();
    expect((await getChild("threads-1.xml", { "If-None-Match": first.headers.get("ETag")! })).status).toBe(304);
  });
});

describe("the per-sitemap cap", () => {
  test("splits every section into children of at most `limit` addresses, by id range", async () => {
    const options = { origin: ORIGIN, limit: 2 };
    const index = await parseSitemapIndex(Readable.from([(await sitemapIndex(db, options)).body]));
    const names = index.map((item) => item.url.slice(`${ORIGIN}/sitemaps/`.length));
    // pages: 7 addresses → 4 children; threads a (id 1), hidden..held (2–4), b (5), c (6): ranges 1–2, 5–6 (3–4 has none visible);
    // tags invoice (1), onlyhidden..onlyheld (2–4), router (5): ranges 1–2 and 5–6.
    expect(names).toEqual(["pages-1.xml", "pages-2.xml", "pages-3.xml", "pages-4.xml", "threads-1.xml", "threads-3.xml", "articles-1.xml", "articles-2.xml", "tags-1.xml", "tags-3.xml", "status-1.xml"]);
    expect([ids.a, ids.hidden, ids.deleted, ids.held, ids.b, ids.c]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(db.select({ id: tags.id, name: tags.name }).from(tags).orderBy(tags.id).all().map((t) => `${t.id}:${t.name}`)).toEqual(["1:invoice", "2:onlyhidden", "3:onlydeleted", "4:onlyheld", "5:router"]);
    const listed = async (name: string) => parseSitemap(Readable.from([(await childSitemap(db, name, options))!.body]));
    expect((await listed("threads-1.xml")).map((i) => i.url)).toEqual([`${ORIGIN}/t/${ids.a}/${thread(ids.a).slug}`]);
    expect((await listed("threads-3.xml")).map((i) => i.url)).toEqual([ids.b, ids.c].map((id) => `${ORIGIN}/t/${id}/${thread(id).slug}`));
    expect(await childSitemap(db, "threads-2.xml", options)).toBeNull();
    expect(await childSitemap(db, "threads-4.xml", options)).toBeNull();
    // The children together list exactly what one big child lists.
    const split = (await Promise.all(names.map(async (name) => (await listed(name)).map((i) => i.url)))).flat();
    const whole = (await Promise.all(["pages", "threads", "articles", "tags", "status"].map(async (s) => (await parseSitemap(Readable.from([(await childSitemap(db, `${s}-1.xml`, { origin: ORIGIN }))!.body]))).map((i) => i.url)))).flat();
    expect(split).toEqual(whole);
    for (const name of names) expect((await listed(name)).length).toBeLessThanOrEqual(2);
  });

  test("refuses a cap above the sitemaps.org limit", async () => {
    await expect(sitemapIndex(db, { origin: ORIGIN, limit: 50_001 })).rejects.toThrow();
  });
});

test("a hostile slug, tag or category is escaped: the XML stays well-formed and the address is the page's", async () => {
  const hostile = `a&b<c>"d'e]]>f g`;
  const t = createTestThread(db, moderator, { title: "Hostile slug holder thread", category: "network", tags: ["hostiletag"], at: tick() });
  db.update(threads).set({ slug: hostile }).where(eq(threads.id, t.id)).run();
  db.update(tags).set({ name: hostile }).where(eq(tags.name, "hostiletag")).run();
  const category = createTestCategory(db, { slug: "hostile-category", name: "Hostile" });
  db.update(categories).set({ slug: hostile }).where(eq(categories.slug, "hostile-category")).run();
  try {
    const encoded = encodeURIComponent(hostile);
    for (const [name, path] of [
      ["threads-1.xml", `/t/${t.id}/${encoded}`],
      ["tags-1.xml", `/tags/${encoded}`],
      ["pages-1.xml", `/c/${encoded}`],
    ] as const) {
      const body = await (await getChild(name)).text();
      expect(body).not.toContain("<c>");
      const items = await parseSitemap(Readable.from([body]));
      expect(items.map((item) => item.url)).toContain(`${ORIGIN}${path}`);
    }
  } finally {
    db.update(categories).set({ slug: "hostile-category" }).where(eq(categories.id, category.id)).run();
    deletePost(db, moderator, questionOf(t.id).id, tick());
  }
});

describe("/robots.txt", () => {
  test("allows the public pages, disallows the private and machine ones (the API but its docs), names the sitemap", async () => {
    const response = await robotsLoader({ request: new Request("http://localhost/robots.txt"), params: {}, context: context() });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const lines = (await response.text()).split("\n");
    expect(lines[0]).toBe("User-agent: *");
    expect(lines).toContain("Allow: /");
    expect(lines).toContain("Allow: /api/docs");
    for (const path of ["/mod", "/admin", "/settings", "/search", "/api", "/notifications", "/ask", "/login", "/join", "/forgot-password", "/reset-password", "/verify-email", "/auth", "/preview", "/watch", "/language", "/i18n"]) {
      expect(lines).toContain(`Disallow: ${path}`);
    }
    expect(lines.filter((line) => line.startsWith("Disallow:"))).toHaveLength(ROBOTS_DISALLOWED.length);
    for (const open of ["/t/", "/kb", "/c/", "/tags/", "/status", "/u/"]) expect(lines.some((line) => line.startsWith("Disallow:") && open.startsWith(line.slice(10)))).toBe(false);
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    const again = await robotsLoader({ request: new Request("http://localhost/robots.txt", { headers: { "If-None-Match": response.headers.get("ETag")! } }), params: {}, context: context() });
    expect(again.status).toBe(304);
  });
});
