// The Atom and RSS feeds (app/routes/feeds.*.tsx, app/models/site/feeds.server.ts):
// the right entries newest first, with absolute links from PUBLIC_URL and the
// brand's name; nothing a visitor may not see, whoever asks (a moderator's
// cookie changes nothing); 404s; conditional GET; well-formed XML whatever
// the titles hold. The XML is read by a small strict parser below (no XML
// parser is a dependency of the project): it refuses what XML refuses and
// that this output could get wrong (unbalanced tags, a bare "&" or "<" in
// text, a "]]>" outside CDATA, text outside the root).
import { and, eq } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { anonymiseAccount } from "../../app/models/accounts/account-deletion.server";
import { deletePost } from "../../app/models/forum/post.server";
import { holdPublishedPost } from "../../app/models/forum/held-posts.server";
import { createArticle, setArticleStatus } from "../../app/models/kb/kb.server";
import { openIncident, postIncidentUpdate } from "../../app/models/moderation/incident.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { createEarlyAccess } from "../../app/models/reputation/early-access.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import { loader as siteFeedLoader } from "../../app/routes/feeds.$feed";
import { loader as categoryFeedLoader } from "../../app/routes/feeds.c.$feed";
import { loader as tagFeedLoader } from "../../app/routes/feeds.tags.$feed";
import { loader as threadFeedLoader } from "../../app/routes/feeds.t.$feed";
import { feedAlternates, feedLinks, feedPaths } from "../../app/utils/feed-paths";
import { posts } from "../../db/schema";
import { contextFor, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
const ORIGIN = "https://help.example.com";
const HOSTILE_TITLE = "Why does <script>alert(1)</script> ]]> & ]]> break my box?";

type User = Awaited<ReturnType<typeof createEstablishedMember>>;
let author: User;
let moderator: User;

// Words that must never reach a feed: each planted in hidden, deleted, held, draft, archived or early-access content.
const FORBIDDEN = [
  "wordhiddenquestion",
  "worddeletedquestion",
  "wordheldquestion",
  "worddeletedanswer",
  "wordhiddenanswer",
  "wordheldanswer",
  "wordanswerinhiddenthread",
  "worddraftarticle",
  "wordarchivedarticle",
  "wordearlyaccess",
];

const ids = {} as Record<string, number>;
// Each write a minute after the last, past the posting limits.
let clock = Date.now() - 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));

const questionOf = (threadId: number) => db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", `${ORIGIN}/some/path`);
  writeSiteSettings(db, { brandName: "Acme Box" });
  createTestCategory(db, { slug: "billing", name: "Billing" });
  createTestCategory(db, { slug: "network", name: "Network" });
  author = await createEstablishedMember(db, { username: "author_ada" });
  const other = await createEstablishedMember(db, { username: "other_otto" });
  const leaver = await createEstablishedMember(db, { username: "leaver_lea", displayName: "Lea Leaver" });
  moderator = await createUser(db, { username: "mod_mo", role: "moderator" });

  const a = createTestThread(db, author, { title: "Why is my invoice higher this month?", body: "My invoice doubled, wordquestiona.", category: "billing", tags: ["router"], at: tick() });
  ids.a = a.id;
  ids.live1 = createTestAnswer(db, other, a.id, "Check the roaming line, wordliveanswer1.", tick()).id;
  createTestComment(db, author, ids.live1, "It was roaming, wordcommentnotananswer.", tick());
  const deleted = createTestAnswer(db, other, a.id, "Call the team, worddeletedanswer.", tick());
  const hidden = createTestAnswer(db, other, a.id, "Buy my pills, wordhiddenanswer.", tick());
  const held = createTestAnswer(db, other, a.id, "Click here, wordheldanswer.", tick());
  ids.live2 = createTestAnswer(db, leaver, a.id, "Or ask for a refund, wordliveanswer2.", tick()).id;
  deletePost(db, moderator, deleted.id, tick());
  hidePost(db, moderator, hidden.id, "Spam", tick());
  holdPublishedPost(db, db.select().from(posts).where(eq(posts.id, held.id)).get()!, "Spam flags", tick());

  const hiddenThread = createTestThread(db, author, { title: "Free phones for everyone here", body: "Click, wordhiddenquestion.", category: "billing", tags: ["router"], at: tick() });
  ids.hiddenThread = hiddenThread.id;
  createTestAnswer(db, other, hiddenThread.id, "Do not click, wordanswerinhiddenthread.", tick());
  hidePost(db, moderator, questionOf(hiddenThread.id).id, "Spam", tick());

  const deletedThread = createTestThread(db, author, { title: "Old question about the former offer", body: "Still on, worddeletedquestion?", category: "billing", at: tick() });
  ids.deletedThread = deletedThread.id;
  deletePost(db, moderator, questionOf(deletedThread.id).id, tick());

  const heldThread = createTestThread(db, author, { title: "Cheap watches at my shop today", body: "Visit, wordheldquestion.", category: "network", tags: ["router"], at: tick() });
  ids.heldThread = heldThread.id;
  holdPublishedPost(db, questionOf(heldThread.id), "Spam flags", tick());

  ids.b = createTestThread(db, other, { title: HOSTILE_TITLE, body: "The lights blink ]]> twice ]]> and <script>alert(2)</script> & more, wordquestionb.", category: "network", tags: ["router"], at: tick() }).id;
  ids.c = createTestThread(db, leaver, { title: "Can I move my line to a new flat?", body: "Moving soon, wordquestionc.", category: "network", at: tick() }).id;
  anonymiseAccount(db, leaver.id, tick());

  const publish = (title: string, body: string, publish: boolean) => {
    const result = createArticle(db, moderator, { title, body, category: "billing", tags: [], note: "", publish }, tick());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.article;
  };
  ids.article1 = publish("Reset your router", "Hold the button for ten seconds, wordarticleone.", true).id;
  publish("A draft about refunds", "Not ready, worddraftarticle.", false);
  const archived = publish("The old pricing explained", "Gone now, wordarchivedarticle.", true);
  setArticleStatus(db, moderator, archived.id, "archived", tick());
  ids.article2 = publish("Read your invoice", "Line by line, wordarticletwo.", true).id;

  const incident = openIncident(db, moderator, { title: "Payments are slow", severity: "degraded", category: "billing", body: "We are on it, wordincident." }, tick());
  if (!incident.ok) throw new Error(JSON.stringify(incident));
  ids.incident = incident.incident.id;
  postIncidentUpdate(db, moderator, { incidentId: ids.incident, body: "A fix is rolling out, wordincidentupdate." }, tick());
  const early = createEarlyAccess(db, moderator, { title: "The new box, wordearlyaccess", body: "Coming soon, wordearlyaccess.", expiresAt: null }, tick());
  if (!early.ok) throw new Error(JSON.stringify(early));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

/** Every feed's address, with the loader that answers it and its one parameter. */
const FEEDS: { path: string; loader: Loader; feed: string }[] = [];
for (const format of ["atom", "rss"]) {
  FEEDS.push(
    { path: `/feeds/questions.${format}`, loader: siteFeedLoader, feed: `questions.${format}` },
    { path: `/feeds/kb.${format}`, loader: siteFeedLoader, feed: `kb.${format}` },
    { path: `/feeds/status.${format}`, loader: siteFeedLoader, feed: `status.${format}` },
    { path: `/feeds/c/billing.${format}`, loader: categoryFeedLoader, feed: `billing.${format}` },
    { path: `/feeds/c/network.${format}`, loader: categoryFeedLoader, feed: `network.${format}` },
    { path: `/feeds/tags/router.${format}`, loader: tagFeedLoader, feed: `router.${format}` },
  );
}
const threadFeed = (format: string) => ({ path: `/feeds/t/${ids.a}.${format}`, loader: threadFeedLoader, feed: `${ids.a}.${format}` });
const hostileThreadFeed = () => ({ path: `/feeds/t/${ids.b}.atom`, loader: threadFeedLoader, feed: `${ids.b}.atom` });

async function get(feed: { path: string; loader: Loader; feed: string }, headers: Record<string, string> = {}, viewer: User | null = null) {
  return feed.loader({ request: new Request(`http://localhost${feed.path}`, { headers }), params: { feed: feed.feed }, context: contextFor(db, viewer?.id ?? null) });
}

// --- A small strict XML reader -------------------------------------------------

type XmlElement = { name: string; attributes: Record<string, string>; children: (XmlElement | string)[] };
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_all, name: string) =>
    name[0] === "#" ? String.fromCodePoint(name[1] === "x" ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name]!,
  );

function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const addText = (text: string) => {
    if (!stack.length) {
      if (text.trim()) throw new Error(`Text outside the root: ${text.slice(0, 40)}`);
      return;
    }
    stack.at(-1)!.children.push(text);
  };
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/y;
  while (i < xml.length) {
    if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i);
      if (end < 0) throw new Error("Unclosed CDATA");
      addText(xml.slice(i + 9, end));
      i = end + 3;
    } else if (xml.startsWith("<?", i)) {
      if (stack.length) throw new Error("Processing instruction inside the root");
      i = xml.indexOf("?>", i) + 2;
    } else if (xml[i] === "<") {
      tag.lastIndex = i;
      const match = tag.exec(xml);
      if (!match) throw new Error(`Malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
      const [all, closing, name, attributeText, selfClosing] = match;
      i += all.length;
      if (closing) {
        const open = stack.pop();
        if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attributeText!.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)) {
        if (ENTITY.test(value!)) throw new Error(`A bare & in ${key}="${value}"`);
        attributes[key!] = decode(value!);
      }
      const element: XmlElement = { name: name!, attributes, children: [] };
      if (stack.length) stack.at(-1)!.children.push(element);
      else if (root) throw new Error("A second root");
      else root = element;
      if (!selfClosing) stack.push(element);
    } else {
      const next = xml.indexOf("<", i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      if (ENTITY.test(raw)) throw new Error(`A bare & in text: ${raw.slice(0, 40)}`);
      if (raw.includes("]]>")) throw new Error(`"]]>" outside CDATA: ${raw.slice(0, 40)}`);
      addText(decode(raw));
      i += raw.length;
    }
  }
  if (stack.length || !root) throw new Error(`Unclosed <${stack.at(-1)?.name}>`);
  return root;
}

const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
const child = (element: XmlElement, name: string) => childrenNamed(element, name)[0];
const textOf = (element: XmlElement | undefined): string => (element ? element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("") : "");

/** A feed's entries as plain objects, whichever format. */
function entriesOf(xml: string) {
  const root = parseXml(xml);
  if (root.name === "feed") {
    return {
      title: textOf(child(root, "title")),
      entries: childrenNamed(root, "entry").map((entry) => ({
        id: textOf(child(entry, "id")),
        title: textOf(child(entry, "title")),
        link: child(entry, "link")!.attributes.href!,
        author: textOf(child(child(entry, "author")!, "name")),
        content: textOf(child(entry, "content")),
        updated: textOf(child(entry, "updated")),
        published: textOf(child(entry, "published")),
      })),
    };
  }
  const channel = child(root, "channel")!;
  return {
    title: textOf(child(channel, "title")),
    entries: childrenNamed(channel, "item").map((item) => ({
      id: textOf(child(item, "guid")),
      title: textOf(child(item, "title")),
      link: textOf(child(item, "link")),
      author: textOf(child(item, "author")),
      content: textOf(child(item, "content:encoded")),
      updated: "",
      published: textOf(child(item, "pubDate")),
    })),
  };
}

async function feedOf(feed: { path: string; loader: Loader; feed: string }) {
  const response = await get(feed);
  expect(response.status, feed.path).toBe(200);
  return entriesOf(await response.text());
}

// --- The tests ----------------------------------------------------------------

describe("feeds list the right entries, newest first", () => {
  test.each(["atom", "rss"])("latest questions (%s): visible questions only, absolute links, the brand's name", async (format) => {
    const feed = await feedOf({ path: `/feeds/questions.${format}`, loader: siteFeedLoader, feed: `questions.${format}` });
    expect(feed.title).toBe("Acme Box: latest questions");
    expect(feed.entries.map((e) => e.link)).toEqual([
      expect.stringMatching(new RegExp(`^${ORIGIN}/t/${ids.c}/`)),
      expect.stringMatching(new RegExp(`^${ORIGIN}/t/${ids.b}/`)),
      expect.stringMatching(new RegExp(`^${ORIGIN}/t/${ids.a}/`)),
    ]);
    expect(feed.entries[2]!.content).toContain("wordquestiona");
    expect(feed.entries[2]!.author).toBe("author_ada");
    // A deleted account's question stays, under the marker name.
    expect(feed.entries[0]!.author).toBe("a former member");
    expect(feed.entries[0]!.content).not.toContain("Lea Leaver");
  });

  test("a category's feed holds its own questions", async () => {
    const billing = await feedOf({ path: "/feeds/c/billing.atom", loader: categoryFeedLoader, feed: "billing.atom" });
    expect(billing.title).toBe("Acme Box: Billing");
    expect(billing.entries.map((e) => e.id)).toEqual([`${ORIGIN}/t/${ids.a}`]);
    const network = await feedOf({ path: "/feeds/c/network.rss", loader: categoryFeedLoader, feed: "network.rss" });
    expect(network.entries.map((e) => e.id)).toEqual([`${ORIGIN}/t/${ids.c}`, `${ORIGIN}/t/${ids.b}`]);
  });

  test("a tag's feed holds the visible questions carrying it", async () => {
    const feed = await feedOf({ path: "/feeds/tags/router.atom", loader: tagFeedLoader, feed: "router.atom" });
    expect(feed.entries.map((e) => e.id)).toEqual([`${ORIGIN}/t/${ids.b}`, `${ORIGIN}/t/${ids.a}`]);
    // The tag's address is matched as the tag page matches it.
    const upper = await feedOf({ path: "/feeds/tags/Router.atom", loader: tagFeedLoader, feed: "Router.atom" });
    expect(upper.entries).toHaveLength(2);
  });

  test.each(["atom", "rss"])("a thread's answers (%s): visible answers only, no comments, newest first", async (format) => {
    const feed = await feedOf(threadFeed(format));
    expect(feed.entries.map((e) => e.link)).toEqual([
      expect.stringMatching(new RegExp(`^${ORIGIN}/t/${ids.a}/[^#]+#post-${ids.live2}$`)),
      expect.stringMatching(new RegExp(`^${ORIGIN}/t/${ids.a}/[^#]+#post-${ids.live1}$`)),
    ]);
    expect(feed.entries[0]!.content).toContain("wordliveanswer2");
    expect(feed.entries[0]!.author).toBe("a former member");
    expect(feed.entries[1]!.content).toContain("wordliveanswer1");
    expect(feed.entries.some((e) => e.content.includes("wordcommentnotananswer"))).toBe(false);
    // The stored HTML, not the markdown.
    expect(feed.entries[1]!.content).toMatch(/^<p>Check the roaming line, wordliveanswer1\.<\/p>/);
  });

  test("the knowledge base's published articles, last changed first", async () => {
    const feed = await feedOf({ path: "/feeds/kb.atom", loader: siteFeedLoader, feed: "kb.atom" });
    expect(feed.title).toBe("Acme Box: knowledge base");
    expect(feed.entries.map((e) => e.title)).toEqual(["Read your invoice", "Reset your router"]);
    expect(feed.entries[1]!.link).toBe(`${ORIGIN}/kb/reset-your-router`);
    expect(feed.entries[1]!.content).toContain("wordarticleone");
  });

  test("status incidents, with their updates, never early access", async () => {
    const feed = await feedOf({ path: "/feeds/status.rss", loader: siteFeedLoader, feed: "status.rss" });
    expect(feed.entries.map((e) => e.link)).toEqual([`${ORIGIN}/status/${ids.incident}`]);
    expect(feed.entries[0]!.content).toContain("wordincident");
    expect(feed.entries[0]!.content).toContain("wordincidentupdate");
  });
});

describe("nothing a visitor may not see", () => {
  test.each(["a visitor", "a moderator"])("no planted word in any feed, fetched by %s", async (who) => {
    const viewer = who === "a moderator" ? moderator : null;
    for (const feed of [...FEEDS, threadFeed("atom"), threadFeed("rss")]) {
      const response = await get(feed, {}, viewer);
      expect(response.status, feed.path).toBe(200);
      const xml = await response.text();
      parseXml(xml);
      expect(FORBIDDEN.filter((word) => xml.includes(word)), feed.path).toEqual([]);
    }
  });

  test("the feeds do carry the live content (the leak test can see words)", async () => {
    const xml = await (await get({ path: "/feeds/questions.atom", loader: siteFeedLoader, feed: "questions.atom" })).text();
    expect(xml).toContain("wordquestiona");
  });
});

describe("404s", () => {
  test.each([
    ["an unknown category", categoryFeedLoader, "nope.atom"],
    ["an unknown tag", tagFeedLoader, "nope.rss"],
    ["a thread that does not exist", threadFeedLoader, "999999.atom"],
    ["a thread id that is not a number", threadFeedLoader, "abc.atom"],
    ["an unknown site feed", siteFeedLoader, "users.atom"],
    ["an unknown format", siteFeedLoader, "questions.json"],
    ["no format", siteFeedLoader, "questions"],
  ] as const)("%s", async (_name, loader, feed) => {
    expect((await get({ path: `/feeds/x/${feed}`, loader, feed })).status).toBe(404);
  });

  test.each(["hiddenThread", "deletedThread", "heldThread"])("the %s's feed, even for a moderator", async (key) => {
    for (const viewer of [null, moderator]) {
      const response = await get({ path: `/feeds/t/${ids[key]}.atom`, loader: threadFeedLoader, feed: `${ids[key]}.atom` }, {}, viewer);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/word/);
    }
  });
});

describe("conditional GET", () => {
  test.each(["atom", "rss"])("headers, then 304 with the ETag or the date, 200 once something changed (%s)", async (format) => {
    const feed = threadFeed(format);
    const first = await get(feed);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe(format === "atom" ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    const etag = first.headers.get("ETag")!;
    const lastModified = first.headers.get("Last-Modified")!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    // The same content, the same validator (never a clock in the body).
    expect((await get(feed)).headers.get("ETag")).toBe(etag);

    const again = await get(feed, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect((await get(feed, { "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await get(feed, { "If-None-Match": 'W/"something-else"' })).status).toBe(200);
    expect((await get(feed, { "If-Modified-Since": new Date(Date.parse(lastModified) - 60_000).toUTCString() })).status).toBe(200);
  });

  test("a new answer changes the validators", async () => {
    const feed = threadFeed("atom");
    const before = await get(feed);
    const etag = before.headers.get("ETag")!;
    const other = await createEstablishedMember(db, { username: "late_lou" });
    createTestAnswer(db, other, ids.a, "A late answer, wordlateanswer.", new Date(clock + 3_600_000));
    const after = await get(feed, { "If-None-Match": etag, "If-Modified-Since": before.headers.get("Last-Modified")! });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
    expect(await after.text()).toContain("wordlateanswer");
  });
});

describe("hostile titles", () => {
  test.each(["atom", "rss"])("come out escaped and well-formed in the site's feed (%s)", async (format) => {
    const xml = await (await get({ path: `/feeds/questions.${format}`, loader: siteFeedLoader, feed: `questions.${format}` })).text();
    expect(xml).not.toContain("<script");
    const entry = entriesOf(xml).entries.find((e) => e.id.endsWith(`/t/${ids.b}`))!;
    // The title is HTML (Atom says type="html"): escaped, it reads as the text the asker typed.
    expect(entry.title).toBe(HOSTILE_TITLE.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  });

  test("as a thread feed's own title (plain text), escaped and well-formed", async () => {
    const response = await get(hostileThreadFeed());
    const xml = await response.text();
    expect(xml).not.toContain("<script");
    expect(entriesOf(xml).title).toBe(`Acme Box: answers to “${HOSTILE_TITLE}”`);
  });
});

describe("the pages' <link rel=\"alternate\">", () => {
  test("name the addresses the feed routes answer, with their media types", async () => {
    const links = feedAlternates((format) => feedPaths.thread(ids.a, format), "Answers");
    expect(links).toEqual([
      { tagName: "link", rel: "alternate", type: "application/atom+xml", href: `/feeds/t/${ids.a}.atom`, title: "Answers" },
      { tagName: "link", rel: "alternate", type: "application/rss+xml", href: `/feeds/t/${ids.a}.rss`, title: "Answers" },
    ]);
    expect(feedLinks(feedPaths.questions)).toEqual([
      { rel: "alternate", type: "application/atom+xml", href: "/feeds/questions.atom", title: "Atom" },
      { rel: "alternate", type: "application/rss+xml", href: "/feeds/questions.rss", title: "RSS" },
    ]);
    expect(feedPaths.category("billing", "rss")).toBe("/feeds/c/billing.rss");
    expect(feedPaths.tag("c++", "atom")).toBe("/feeds/tags/c%2B%2B.atom");
    for (const link of links) expect((await get({ path: link.href, loader: threadFeedLoader, feed: link.href.split("/").at(-1)! })).status).toBe(200);
  });
});
