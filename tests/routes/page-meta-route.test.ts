// The public pages' metadata for search engines and link previews (issue #15.5):
// canonical addresses (absolute, from PUBLIC_URL, defaults and stray
// parameters left out), Open Graph and Twitter card tags, the QAPage data of
// a thread and the Article data of a knowledge-base article. Each page is
// loaded as Remix loads it (root's loader, then the route's, with a real
// Request on a migrated database), its data sent through JSON as to the
// browser, and its `meta` run with the matches Remix gives it. Only what a
// visitor may read ever goes in: not a hidden, deleted or held answer, not a
// hidden or deleted thread (even for the moderator reading it), not a draft,
// not an early-access announcement.
import type { LoaderFunctionArgs, MetaDescriptor } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { holdPublishedPost } from "../../app/models/forum/held-posts.server";
import { deletePost } from "../../app/models/forum/post.server";
import { createArticle, setArticleStatus } from "../../app/models/kb/kb.server";
import { openIncident } from "../../app/models/moderation/incident.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { createEarlyAccess } from "../../app/models/reputation/early-access.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import { updateProfile } from "../../app/models/accounts/user.server";
import { loader as rootLoader, meta as rootMetaFunction } from "../../app/root";
import * as home from "../../app/routes/_index";
import * as badges from "../../app/routes/badges";
import * as category from "../../app/routes/c.$slug";
import * as kbArticle from "../../app/routes/kb.$slug";
import * as kbIndex from "../../app/routes/kb._index";
import * as leaderboard from "../../app/routes/leaderboard";
import * as incident from "../../app/routes/status.$id";
import * as statusIndex from "../../app/routes/status._index";
import * as thread from "../../app/routes/t.$id.($slug)";
import * as tag from "../../app/routes/tags.$tag";
import * as profile from "../../app/routes/u.$username";
import { canonicalUrl, htmlText, shorten } from "../../app/utils/page-meta";
import { posts } from "../../db/schema";
import { asCurrentUser, contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
const ORIGIN = "https://help.example.com";
const BRAND = "Nimbus & Co <Support>";

type User = Awaited<ReturnType<typeof createUser>>;
type Route = { loader: (args: LoaderFunctionArgs) => unknown; meta?: unknown };
type Json = Record<string, any>;

let clock = Date.now() - 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));
const questionOf = (threadId: number) => db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;

let asker: User;
let helper: User;
let other: User;
let moderator: User;

beforeAll(async () => {
  // A path after the origin is dropped: addresses start at the origin.
  vi.stubEnv("PUBLIC_URL", `${ORIGIN}/some/path`);
  writeSiteSettings(db, { brandName: BRAND });
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createEstablishedMember(db, { username: "asker_ada", displayName: "Ada Asker" });
  helper = await createEstablishedMember(db, { username: "helper_hal", displayName: "Hal Helper" });
  other = await createEstablishedMember(db, { username: "other_otto", displayName: "Otto Other" });
  moderator = await createUser(db, { username: "mod_mo", role: "moderator" });
});

afterAll(() => {
  vi.unstubAllEnvs();
});

/**
 * A page as Remix puts it together: root's data, the route's (through JSON,
 * as the browser gets it), and the route's meta with both among the matches.
 */
async function head(route: Route, id: string, path: string, params: Record<string, string>, userId: number | null = null) {
  const context = contextFor(db, userId);
  const rootArgs = { request: getRequest(path), params: {}, context };
  const rootData = await ((await rootLoader(rootArgs)) as Response).json();
  const location = { pathname: new URL(path, "http://localhost").pathname, search: new URL(path, "http://localhost").search, hash: "", state: null, key: "default" };
  const rootTags = rootMetaFunction({ data: rootData, matches: [], location, params: {} } as never) as MetaDescriptor[];
  const response = await settle(() => route.loader({ request: getRequest(path), params, context }));
  const data = response.status === 200 ? ((await response.json()) as Json) : undefined;
  const matches = [
    { id: "root", pathname: "/", params: {}, data: rootData, meta: rootTags, handle: undefined },
    { id, pathname: path, params, data, meta: [], handle: undefined },
  ];
  const meta = route.meta as (args: unknown) => MetaDescriptor[];
  const tags = meta({ data, matches, location, params, error: undefined });
  return { status: response.status, data, rootData, tags };
}

const canonicalOf = (tags: MetaDescriptor[]) => tags.filter((tag) => "tagName" in tag && tag.rel === "canonical").map((tag) => (tag as { href: string }).href);
const property = (tags: MetaDescriptor[], name: string) => tags.filter((tag) => "property" in tag && tag.property === name).map((tag) => (tag as { content: string }).content);
const named = (tags: MetaDescriptor[], name: string) => tags.filter((tag) => "name" in tag && tag.name === name).map((tag) => (tag as { content: string }).content);
const jsonLdOf = (tags: MetaDescriptor[]) => tags.filter((tag) => "script:ld+json" in tag).map((tag) => (tag as { "script:ld+json": Json })["script:ld+json"]);
const titleOf = (tags: MetaDescriptor[]) => tags.filter((tag) => "title" in tag && !("tagName" in tag)).map((tag) => (tag as { title: string }).title)[0];
/** Everything a page's head would carry, as one text (to look for what must not be there). */
const textOf = (tags: MetaDescriptor[]) => JSON.stringify(tags);
const noPreviews = (tags: MetaDescriptor[]) => {
  expect(canonicalOf(tags)).toEqual([]);
  expect(tags.filter((tag) => "property" in tag || "script:ld+json" in tag || ("name" in tag && String(tag.name).startsWith("twitter:")))).toEqual([]);
};

const threadHead = (t: { id: number; slug: string }, userId: number | null = null) =>
  head(thread, "routes/t.$id.($slug)", `/t/${t.id}/${t.slug}`, { id: String(t.id), slug: t.slug }, userId);

describe("the root", () => {
  test("gives every page the site's origin from PUBLIC_URL (without its path); its own meta is unchanged", async () => {
    const { rootData, tags } = await head(badges, "routes/badges", "/badges", {});
    expect(rootData.origin).toBe(ORIGIN);
    // Root's title and description, as before (the badges page has its own).
    const root = rootMetaFunction({ data: rootData, matches: [] } as never) as MetaDescriptor[];
    expect(root).toEqual([{ title: `${BRAND} Community` }, { name: "description", content: expect.any(String) }]);
    expect(canonicalOf(tags)).toEqual([`${ORIGIN}/badges`]);
  });
});

describe("a thread page", () => {
  test("a visitor's: canonical address, previews' tags and the QAPage data with the accepted and suggested answers", async () => {
    const t = createTestThread(db, asker, { title: "Why was I charged twice in May?", body: "My **May** invoice shows two charges of 39 € & I paid once.", at: tick() });
    const first = createTestAnswer(db, helper, t.id, "Open *Billing › Disputes* and report it.", tick());
    const second = createTestAnswer(db, other, t.id, "Mine was refunded within 5 days.", tick());
    acceptAnswer(db, asker, second.id, tick());

    const { status, tags } = await threadHead(t);
    expect(status).toBe(200);
    const url = `${ORIGIN}/t/${t.id}/why-was-i-charged-twice-in-may`;
    expect(canonicalOf(tags)).toEqual([url]);
    expect(property(tags, "og:url")).toEqual([url]);
    expect(property(tags, "og:site_name")).toEqual([BRAND]);
    expect(property(tags, "og:title")).toEqual(["Why was I charged twice in May?"]);
    expect(property(tags, "og:type")).toEqual(["website"]);
    // Plain text: no markup, entities as characters.
    expect(property(tags, "og:description")).toEqual(["My May invoice shows two charges of 39 € & I paid once."]);
    expect(named(tags, "twitter:card")).toEqual(["summary"]);
    // The title stays as it was; the feed links stay.
    expect(titleOf(tags)).toBe("Why was I charged twice in May? · Billing");
    expect(tags.filter((tag) => "rel" in tag && tag.rel === "alternate")).toHaveLength(2);

    const [data, ...more] = jsonLdOf(tags);
    expect(more).toEqual([]);
    const question = questionOf(t.id);
    expect(data).toEqual({
      "@context": "https://schema.org",
      "@type": "QAPage",
      mainEntity: {
        "@type": "Question",
        name: "Why was I charged twice in May?",
        text: "My May invoice shows two charges of 39 € & I paid once.",
        dateCreated: question.createdAt.toISOString(),
        author: { "@type": "Person", name: "Ada Asker", url: `${ORIGIN}/u/asker_ada` },
        answerCount: 2,
        upvoteCount: 0,
        acceptedAnswer: {
          "@type": "Answer",
          text: "Mine was refunded within 5 days.",
          dateCreated: second.createdAt.toISOString(),
          upvoteCount: 0,
          url: `${url}#post-${second.id}`,
          author: { "@type": "Person", name: "Otto Other", url: `${ORIGIN}/u/other_otto` },
        },
        suggestedAnswer: [
          {
            "@type": "Answer",
            text: "Open Billing › Disputes and report it.",
            dateCreated: first.createdAt.toISOString(),
            upvoteCount: 0,
            url: `${url}#post-${first.id}`,
            author: { "@type": "Person", name: "Hal Helper", url: `${ORIGIN}/u/helper_hal` },
          },
        ],
      },
    });
  });

  test("the canonical address is the canonical slug's: any other slug is a redirect to it, never a page with its own", async () => {
    const t = createTestThread(db, asker, { title: "Roaming charges in Spain", at: tick() });
    const response = await settle(() => thread.loader({ request: getRequest(`/t/${t.id}/old-title?sort=votes`), params: { id: String(t.id), slug: "old-title" }, context: contextFor(db, null) }));
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`/t/${t.id}/roaming-charges-in-spain`);
    const { tags } = await head(thread, "routes/t.$id.($slug)", `/t/${t.id}/${t.slug}?utm_source=mail&page=3`, { id: String(t.id), slug: t.slug });
    expect(canonicalOf(tags)).toEqual([`${ORIGIN}/t/${t.id}/roaming-charges-in-spain`]);
  });

  test("hidden, deleted and held answers are in no one's metadata, though their author and moderators still read them on the page", async () => {
    const t = createTestThread(db, asker, { title: "The box loses its settings after a power cut", at: tick() });
    const kept = createTestAnswer(db, helper, t.id, "Save a backup of the settings from the admin page.", tick());
    const hidden = createTestAnswer(db, other, t.id, "SECRET-HIDDEN buy my unlocking tool", tick());
    const deleted = createTestAnswer(db, helper, t.id, "SECRET-DELETED answer written by mistake", tick());
    const held = createTestAnswer(db, other, t.id, "SECRET-HELD answer waiting for review", tick());
    // The accepted answer, then hidden: no acceptedAnswer at all.
    acceptAnswer(db, asker, hidden.id, tick());
    hidePost(db, moderator, hidden.id, "Spam", tick());
    deletePost(db, moderator, deleted.id, tick());
    holdPublishedPost(db, db.select().from(posts).where(eq(posts.id, held.id)).get()!, "Spam flags", tick());

    for (const [who, userId, seenOnPage] of [
      ["a visitor", null, 1],
      ["the hidden answer's author", other.id, 3],
      ["a moderator", moderator.id, 4],
    ] as const) {
      const { status, data, tags } = await threadHead(t, userId);
      expect(status, who).toBe(200);
      // The page itself shows them what it shows them (so the test means something)...
      expect(data!.answers.length, who).toBe(seenOnPage);
      // ...its metadata only what a visitor reads.
      const [qa] = jsonLdOf(tags);
      expect(qa!.mainEntity.answerCount, who).toBe(1);
      expect(qa!.mainEntity.acceptedAnswer, who).toBeUndefined();
      expect(qa!.mainEntity.suggestedAnswer.map((a: Json) => a.url), who).toEqual([`${ORIGIN}/t/${t.id}/${t.slug}#post-${kept.id}`]);
      expect(canonicalOf(tags), who).toEqual([`${ORIGIN}/t/${t.id}/${t.slug}`]);
      // Nor in the data that travels with the page for its meta.
      expect(JSON.stringify(data!.pageMeta), who).not.toMatch(/SECRET/);
      expect(textOf(tags), who).not.toMatch(/SECRET/);
    }
  });

  test("a hidden, deleted or held question's thread has no canonical, previews' tags or structured data, even for the moderator reading it", async () => {
    const hiddenThread = createTestThread(db, asker, { title: "SECRET hidden question about free phones", at: tick() });
    createTestAnswer(db, helper, hiddenThread.id, "An answer under a hidden question.", tick());
    hidePost(db, moderator, questionOf(hiddenThread.id).id, "Spam", tick());
    const deletedThread = createTestThread(db, asker, { title: "SECRET deleted question about the old offer", at: tick() });
    deletePost(db, moderator, questionOf(deletedThread.id).id, tick());
    const heldThread = createTestThread(db, other, { title: "SECRET held question about cheap watches", at: tick() });
    holdPublishedPost(db, questionOf(heldThread.id), "Spam flags", tick());

    const cases = [
      { t: hiddenThread, readers: [moderator.id, asker.id] },
      { t: deletedThread, readers: [moderator.id] },
      { t: heldThread, readers: [moderator.id, other.id] },
    ];
    for (const { t, readers } of cases) {
      expect((await threadHead(t, null)).status).toBe(404);
      for (const reader of readers) {
        const { status, data, tags } = await threadHead(t, reader);
        expect(status).toBe(200);
        expect(data!.pageMeta).toBeNull();
        noPreviews(tags);
        // No feed either: only a thread any visitor may read has one.
        expect(tags.filter((tag) => "rel" in tag && tag.rel === "alternate")).toEqual([]);
      }
    }
  });

  test("hostile titles and bodies: the text goes in as data, plain, and markup from a body never does", async () => {
    const title = `Why </script><script>alert("x")</script> & "quotes" <!-- break?`;
    const body = [
      'Look: <script>window.pwned = 1</script><img src="x" onerror="alert(1)"> and `</script><b>` in code.',
      "",
      "Tom &amp; Jerry &lt;3 &#x1F600; <b>bold</b>",
    ].join("\n");
    const t = createTestThread(db, asker, { title, body, at: tick() });
    createTestAnswer(db, helper, t.id, "</script><script>alert('answer')</script> Plain **answer** here.", tick());
    const { tags } = await threadHead(t);
    expect(property(tags, "og:title")).toEqual([title]);
    const [qa] = jsonLdOf(tags);
    expect(qa!.mainEntity.name).toBe(title);
    // The sanitiser removed the script and the handler; what was shown as code is text.
    expect(qa!.mainEntity.text).toBe("Look: and </script><b> in code. Tom & Jerry <3 😀 bold");
    expect(qa!.mainEntity.text).not.toMatch(/pwned|onerror/);
    expect(qa!.mainEntity.suggestedAnswer[0].text).toBe("Plain answer here.");
    expect(property(tags, "og:description")).toEqual([qa!.mainEntity.text]);
    // What Remix writes inside <script type="application/ld+json"> (JSON.stringify, then <, > and & escaped):
    // it parses back to the same data and cannot close the script element.
    const written = JSON.stringify(qa).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    expect(written).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(written)).toEqual(qa);
  });

  // Half of a character outside the BMP: a high surrogate not followed by a low one, or a low one alone.
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  test("a long question's description and text are cut, never in the middle of a character", async () => {
    const t = createTestThread(db, asker, { title: "A very long question", body: "😀".repeat(2_000), at: tick() });
    const { tags } = await threadHead(t);
    const [description] = property(tags, "og:description");
    expect(description!.length).toBeLessThanOrEqual(160);
    expect(description!.endsWith("…")).toBe(true);
    expect(description).not.toMatch(LONE_SURROGATE);
    const [qa] = jsonLdOf(tags);
    expect(qa!.mainEntity.text.length).toBeLessThanOrEqual(1_000);
    expect(qa!.mainEntity.text).not.toMatch(LONE_SURROGATE);
  });
});

describe("a knowledge-base article", () => {
  const write = (title: string, publish: boolean) => {
    const result = createArticle(db, moderator, { title, body: `All about it: **${title}** <script>alert(1)</script>.`, category: "billing", tags: [], note: "", publish }, tick());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.article;
  };
  const articleHead = (slug: string, userId: number | null = null) => head(kbArticle, "routes/kb.$slug", `/kb/${slug}`, { slug }, userId);

  test("a published one: canonical address, previews' tags (an article) and Article data written by the brand", async () => {
    const article = write("Read your invoice line by line", true);
    const { tags } = await articleHead(article.slug);
    const url = `${ORIGIN}/kb/${article.slug}`;
    expect(canonicalOf(tags)).toEqual([url]);
    expect(property(tags, "og:type")).toEqual(["article"]);
    expect(property(tags, "og:title")).toEqual(["Read your invoice line by line"]);
    expect(property(tags, "og:description")).toEqual(["All about it: Read your invoice line by line ."]);
    expect(property(tags, "og:site_name")).toEqual([BRAND]);
    const brand = { "@type": "Organization", name: BRAND, url: `${ORIGIN}/` };
    expect(jsonLdOf(tags)).toEqual([
      {
        "@context": "https://schema.org",
        "@type": "Article",
        headline: "Read your invoice line by line",
        description: "All about it: Read your invoice line by line .",
        datePublished: (article.publishedAt ?? article.createdAt).toISOString(),
        dateModified: article.updatedAt.toISOString(),
        author: brand,
        publisher: brand,
        mainEntityOfPage: url,
        url,
      },
    ]);
  });

  test("a draft or an archived one has none, even for the moderator reading it", async () => {
    const draft = write("SECRET draft about refunds", false);
    const archived = write("SECRET archived pricing", true);
    setArticleStatus(db, moderator, archived.id, "archived", tick());
    for (const article of [draft, archived]) {
      expect((await articleHead(article.slug)).status).toBe(404);
      const { status, data, tags } = await articleHead(article.slug, moderator.id);
      expect(status).toBe(200);
      expect(data!.pageMeta).toBeNull();
      noPreviews(tags);
      expect(named(tags, "robots")).toEqual(["noindex"]);
    }
  });
});

describe("early access", () => {
  test("an early-access announcement is no status page, and no page's metadata names it", async () => {
    const early = createEarlyAccess(db, moderator, { title: "SECRET-EARLY the new box", body: "SECRET-EARLY coming soon.", expiresAt: null }, tick());
    if (!early.ok) throw new Error(JSON.stringify(early));
    for (const userId of [null, moderator.id]) {
      const page = await head(incident, "routes/status.$id", `/status/${early.announcement.id}`, { id: String(early.announcement.id) }, userId);
      expect(page.status).toBe(404);
      noPreviews(page.tags);
    }
    const pages = [
      await head(home, "routes/_index", "/", {}),
      await head(statusIndex, "routes/status._index", "/status", {}),
      await head(kbIndex, "routes/kb._index", "/kb", {}),
    ];
    for (const { tags } of pages) expect(textOf(tags)).not.toMatch(/SECRET-EARLY/);
  });
});

describe("canonical addresses of the lists and directories", () => {
  test("each public page names itself on the site's origin, with only the parameters that change what it lists", async () => {
    createTestThread(db, asker, { title: "Which router for fibre?", tags: ["router", "c++"], at: tick() });
    const incidentResult = openIncident(db, moderator, { title: "Payments are slow", severity: "degraded", category: "billing", body: "We are **on it**." }, tick());
    if (!incidentResult.ok) throw new Error(JSON.stringify(incidentResult));
    const incidentId = incidentResult.incident.id;

    const cases: [Route, string, string, Record<string, string>, string][] = [
      [home, "routes/_index", "/?utm_source=mail", {}, `${ORIGIN}/`],
      [home, "routes/_index", "/?sort=active&page=1", {}, `${ORIGIN}/`],
      [home, "routes/_index", "/?sort=newest&page=2", {}, `${ORIGIN}/?sort=newest&page=2`],
      [home, "routes/_index", "/?sort=bogus&page=-4", {}, `${ORIGIN}/`],
      [category, "routes/c.$slug", "/c/billing?page=3&ref=x", { slug: "billing" }, `${ORIGIN}/c/billing?page=3`],
      [tag, "routes/tags.$tag", "/tags/c%2B%2B?sort=top", { tag: "c++" }, `${ORIGIN}/tags/c%2B%2B?sort=top`],
      [kbIndex, "routes/kb._index", "/kb?sort=helpful&category=billing", {}, `${ORIGIN}/kb?category=billing`],
      [kbIndex, "routes/kb._index", "/kb?sort=newest&page=2", {}, `${ORIGIN}/kb?sort=newest&page=2`],
      [profile, "routes/u.$username", "/u/asker_ada", { username: "asker_ada" }, `${ORIGIN}/u/asker_ada`],
      [profile, "routes/u.$username", "/u/asker_ada?tab=questions&page=2", { username: "asker_ada" }, `${ORIGIN}/u/asker_ada?tab=questions&page=2`],
      [incident, "routes/status.$id", `/status/${incidentId}?from=banner`, { id: String(incidentId) }, `${ORIGIN}/status/${incidentId}`],
      [statusIndex, "routes/status._index", "/status", {}, `${ORIGIN}/status`],
      [leaderboard, "routes/leaderboard", "/leaderboard?period=week", {}, `${ORIGIN}/leaderboard`],
      [leaderboard, "routes/leaderboard", "/leaderboard?period=month&category=billing", {}, `${ORIGIN}/leaderboard?period=month&category=billing`],
      [badges, "routes/badges", "/badges?x=1", {}, `${ORIGIN}/badges`],
    ];
    for (const [route, id, path, params, expected] of cases) {
      const { status, tags } = await head(route, id, path, params);
      expect(status, path).toBe(200);
      expect(canonicalOf(tags), path).toEqual([expected]);
      expect(property(tags, "og:url"), path).toEqual([expected]);
      expect(property(tags, "og:site_name"), path).toEqual([BRAND]);
      expect(property(tags, "og:type"), path).toEqual(["website"]);
      expect(property(tags, "og:title"), path).toEqual([titleOf(tags)]);
      expect(named(tags, "twitter:card"), path).toEqual(["summary"]);
      // A description, when there is one, is the previews' too.
      expect(property(tags, "og:description"), path).toEqual(named(tags, "description").filter(Boolean));
      expect(jsonLdOf(tags), path).toEqual([]);
    }
  });

  test("the home page keeps root's title and description; an unknown category or member has no canonical", async () => {
    const { tags, rootData } = await head(home, "routes/_index", "/", {});
    expect(titleOf(tags)).toBe(`${BRAND} Community`);
    expect(named(tags, "description")).toEqual([rootData.site.tagline]);
    expect(property(tags, "og:description")).toEqual([rootData.site.tagline]);
    for (const [route, id, path, params] of [
      [category, "routes/c.$slug", "/c/nowhere", { slug: "nowhere" }],
      [profile, "routes/u.$username", "/u/nobody_here", { username: "nobody_here" }],
      [tag, "routes/tags.$tag", "/tags/nothing", { tag: "nothing" }],
    ] as const) {
      const page = await head(route, id, path, params);
      expect(page.status).toBe(404);
      noPreviews(page.tags);
    }
  });

  test("a profile's description is its bio as plain text, cut; without a bio, words about the member", async () => {
    const { tags } = await head(profile, "routes/u.$username", "/u/helper_hal", { username: "helper_hal" });
    expect(named(tags, "description")).toEqual(["Hal Helper's questions, answers, reputation and badges in the community."]);
    const bio = `I fix   routers.\n<b>Not bold</b> ${"and more ".repeat(40)}`;
    updateProfile(db, asCurrentUser(db, helper.id), { displayName: "Hal Helper", bio });
    const after = await head(profile, "routes/u.$username", "/u/helper_hal", { username: "helper_hal" });
    const [description] = named(after.tags, "description");
    expect(description!.startsWith("I fix routers. <b>Not bold</b> and more")).toBe(true);
    expect(description!.length).toBe(160);
    expect(property(after.tags, "og:description")).toEqual([description]);
  });
});

describe("the helpers", () => {
  test("canonicalUrl leaves out empty values; htmlText and shorten make plain, cut text", () => {
    expect(canonicalUrl(ORIGIN, "/kb", { category: null, sort: undefined, page: "" })).toBe(`${ORIGIN}/kb`);
    expect(canonicalUrl(ORIGIN, "/", { q: "a&b c" })).toBe(`${ORIGIN}/?q=a%26b+c`);
    expect(htmlText("<p>a&amp;b</p><p>&lt;i&gt; &#39;x&#39; &#x41; &nbsp;&unknown;</p>", 100)).toBe("a&b <i> 'x' A &unknown;");
    expect(shorten("  one   two three ", 9)).toBe("one two…");
    expect(shorten("ab😀cd", 4)).toBe("ab…");
    // A long post is read as far as its first words need: what is cut at the end (a tag, an entity, half an emoji) is dropped.
    expect(htmlText(`<p>${"a".repeat(20)}<a href="https://example.com/a-long-address">x</a></p>`, 10)).toBe("aaaaaaaaa…");
    expect(htmlText(`<p>word ${"<b></b>".repeat(10)}`, 10)).toBe("word …");
    expect(htmlText(`<p>${"<b></b>".repeat(3)}xy&amp;${"z".repeat(30)}</p>`, 10)).toBe("xy …");
    expect(htmlText(`<p>${"<b></b>".repeat(3)}x${"😀".repeat(5)}</p>`, 10)).toBe("x😀😀 …");
  });
});
