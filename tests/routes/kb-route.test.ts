// The knowledge base pages as Remix calls them: /kb (published articles only,
// by category, most helpful or newest) and /kb/:slug (drafts hidden from
// readers, "Was this helpful?" for accounts and visitor cookies, the
// moderators' status and review actions, refusals that change nothing).
import { and, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { Outlet } from "@remix-run/react";
import { beforeAll, describe, expect, test } from "vitest";
import { createArticle, setArticleStatus, type Article } from "../../app/models/kb/kb.server";
import { recordFeedback } from "../../app/models/kb/kb-feedback.server";
import { DEFAULT_SETTINGS } from "../../app/models/site/settings.server";
import { loader as kbLoader } from "../../app/routes/kb._index";
import ArticlePage, { action as articleAction, loader as articleLoader, ReaderComments } from "../../app/routes/kb.$slug";
import { articleFeedback, articleReviews, articles, auditEvents } from "../../db/schema";
import { contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { bodyOf, cookieAttributes, cookieHeaderFrom } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 10 * DAY;
const tick = () => new Date((clock += 60_000));

let member: User;
let mod: User;

type ListPage = {
  categories: { slug: string; name: string; articles: number }[];
  category: { slug: string } | null;
  sort: string;
  list: { total: number; page: number; pageCount: number; articles: { slug: string; official: boolean; status: string; helpfulYes: number }[] };
};
type ArticleData = {
  article: { id: number; slug: string; title: string; status: string; bodyHtml: string; helpfulYes: number; helpfulNo: number };
  feedback: { helpful: boolean; comment: string } | null;
  openReviews: { reason: string; detail: string }[];
  readerComments: { comment: string }[];
  credit: unknown;
  description: string;
};
type Reply = { intent: string; errors: Record<string, string>; values: Record<string, string> };

let sequence = 0;
function article(options: { title?: string; category?: string; publish?: boolean; body?: string; answerId?: number } = {}): Article {
  sequence += 1;
  const result = createArticle(
    db,
    mod,
    {
      title: options.title ?? `How to fix problem number ${sequence} on the box`,
      body: options.body ?? "Unplug the box, wait thirty seconds, then plug it back in.",
      category: options.category ?? "billing",
      tags: [],
      note: "",
      publish: options.publish ?? true,
      answerId: options.answerId,
    },
    tick(),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.article;
}

const articleRow = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;
const feedbackRows = (id: number) => db.select().from(articleFeedback).where(eq(articleFeedback.articleId, id)).all();

function list(query = "", userId: number | null = null) {
  return settle(() => kbLoader({ request: getRequest(`/kb${query}`), params: {}, context: contextFor(db, userId) }));
}

function view(slug: string, userId: number | null = null, cookie?: string) {
  const request = new Request(`http://localhost/kb/${slug}`, { headers: cookie ? { Cookie: cookie } : {} });
  return settle(() => articleLoader({ request, params: { slug }, context: contextFor(db, userId) }));
}

function post(slug: string, fields: Record<string, string>, userId: number | null = null, cookie?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" };
  if (cookie) headers.Cookie = cookie;
  const request = new Request(`http://localhost/kb/${slug}`, { method: "POST", body: new URLSearchParams(fields), headers });
  return settle(() => articleAction({ request, params: { slug }, context: contextFor(db, userId) }));
}

/** Everything a refused knowledge-base action could have touched. */
function kbSnapshot() {
  return JSON.stringify({
    rest: snapshot(db),
    articles: db.select().from(articles).all(),
    feedback: db.select().from(articleFeedback).all(),
    reviews: db.select().from(articleReviews).all(),
  });
}

/** The article page rendered to HTML, as the server sends it (root data: the site settings and the viewer). */
async function renderArticle(slug: string, userId: number | null = null) {
  const context = contextFor(db, userId);
  const user = context.user ? { ...context.user, createdAt: context.user.createdAt.toISOString() } : null;
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => ({ site: DEFAULT_SETTINGS, user }),
      Component: Outlet,
      children: [{ id: "routes/kb.$slug", path: "kb/:slug", loader: (args) => articleLoader({ ...args, context }), Component: ArticlePage }],
    },
  ]);
  const state = await handler.query(getRequest(`/kb/${slug}`));
  if (state instanceof Response) throw new Error(`Unexpected response ${state.status}`);
  expect(state.errors).toBeNull();
  const html = renderToString(
    createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, state), context: state, hydrate: false }),
  );
  // React's text separators, so assertions can read the text as a person would.
  return html.replaceAll("<!-- -->", "");
}

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  createTestCategory(db, { slug: "devices", name: "Devices" });
  createTestCategory(db, { slug: "empty", name: "Nothing here" });
  const established = new Date(Date.now() - 30 * DAY);
  member = await createUser(db, { createdAt: established });
  mod = await createUser(db, { createdAt: established, role: "moderator" });
});

describe("/kb", () => {
  let older: Article;
  let newer: Article;
  let draft: Article;
  let archived: Article;

  beforeAll(() => {
    older = article({ title: "Read your first bill line by line", category: "billing" });
    newer = article({ title: "Pair a new phone with the box", category: "devices" });
    draft = article({ title: "A draft nobody may read yet", publish: false });
    archived = article({ title: "An article that was archived", category: "devices" });
    setArticleStatus(db, mod, archived.id, "archived", tick());
    // The older article is the more helpful one, so the two orders differ.
    recordFeedback(db, older.id, { userId: member.id }, { helpful: true, comment: "" });
    recordFeedback(db, older.id, { visitorId: crypto.randomUUID() }, { helpful: true, comment: "" });
    recordFeedback(db, newer.id, { userId: member.id }, { helpful: true, comment: "" });
  });

  test("lists only published articles, for visitors and moderators alike, with counts per category", async () => {
    for (const userId of [null, member.id, mod.id]) {
      const response = await list("", userId);
      expect(response.status).toBe(200);
      const page = await bodyOf<ListPage>(response);
      const slugs = page.list.articles.map((a) => a.slug);
      expect(slugs).toEqual(expect.arrayContaining([older.slug, newer.slug]));
      expect(slugs).not.toContain(draft.slug);
      expect(slugs).not.toContain(archived.slug);
      expect(page.list.articles.every((a) => a.status === "published" && a.official)).toBe(true);
      expect(page.categories).toEqual([
        { slug: "billing", name: "Billing", articles: 1 },
        { slug: "devices", name: "Devices", articles: 1 },
        { slug: "empty", name: "Nothing here", articles: 0 },
      ]);
    }
  });

  test("filters by category; an unknown category shows everything", async () => {
    const billing = await bodyOf<ListPage>(await list("?category=billing"));
    expect(billing.category).toMatchObject({ slug: "billing" });
    expect(billing.list.articles.map((a) => a.slug)).toEqual([older.slug]);
    const empty = await bodyOf<ListPage>(await list("?category=empty"));
    expect(empty.list).toMatchObject({ total: 0, articles: [] });
    const unknown = await bodyOf<ListPage>(await list("?category=nope"));
    expect(unknown.category).toBeNull();
    expect(unknown.list.total).toBe(2);
  });

  test("sorts by most helpful (the default) or newest; odd parameters fall back, never fail", async () => {
    const helpful = await bodyOf<ListPage>(await list());
    expect(helpful.sort).toBe("helpful");
    expect(helpful.list.articles.map((a) => a.slug)).toEqual([older.slug, newer.slug]);
    expect(helpful.list.articles[0].helpfulYes).toBe(2);
    const newest = await bodyOf<ListPage>(await list("?sort=newest"));
    expect(newest.list.articles.map((a) => a.slug)).toEqual([newer.slug, older.slug]);
    for (const query of ["?sort=bogus", "?page=-3", "?page=abc&category=", `?category=${"x".repeat(500)}`]) {
      const response = await list(query);
      expect(response.status, query).toBe(200);
      expect((await bodyOf<ListPage>(response)).list.total, query).toBe(2);
    }
    const beyond = await bodyOf<ListPage>(await list("?page=5"));
    expect(beyond.list).toMatchObject({ page: 5, pageCount: 1, articles: [] });
  });
});

describe("/kb/:slug", () => {
  test("a draft or archived article is a 404 for members and visitors, and shown to moderators", async () => {
    const draft = article({ publish: false });
    const archived = article();
    setArticleStatus(db, mod, archived.id, "archived", tick());
    for (const hidden of [draft, archived]) {
      expect((await view(hidden.slug, null)).status).toBe(404);
      expect((await view(hidden.slug, member.id)).status).toBe(404);
      const staff = await view(hidden.slug, mod.id);
      expect(staff.status).toBe(200);
      expect((await bodyOf<ArticleData>(staff)).article.status).toBe(hidden.status === "draft" ? "draft" : "archived");
    }
    expect((await view("no-such-article")).status).toBe(404);
  });

  test("a published article shows its sanitized body and a plain-text description", async () => {
    const published = article({ body: "Restart it <script>alert(1)</script> and **wait** two minutes. <img src=x onerror=alert(1)>" });
    const response = await view(published.slug);
    expect(response.status).toBe(200);
    const data = await bodyOf<ArticleData>(response);
    expect(data.article.bodyHtml).toContain("<strong>wait</strong>");
    expect(data.article.bodyHtml.toLowerCase()).not.toMatch(/<script|onerror/);
    expect(data.description).not.toMatch(/[<>]/);
    expect(data.description).toContain("Restart it");
    expect(data).toMatchObject({ credit: null, feedback: null, openReviews: [], readerComments: [] });
  });

  test("feedback from a signed-in member: one row, the answer can change, the counts follow", async () => {
    const target = article();
    const yes = await post(target.slug, { intent: "feedback", helpful: "yes" }, member.id);
    expect(yes.status).toBe(303);
    expect(yes.headers.get("Location")).toBe(`/kb/${target.slug}#feedback`);
    expect(yes.headers.get("Set-Cookie")).toBeNull();
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });

    await post(target.slug, { intent: "feedback", helpful: "yes" }, member.id);
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });

    await post(target.slug, { intent: "feedback", helpful: "no", comment: "  It says nothing about the blue light.  " }, member.id);
    expect(feedbackRows(target.id)).toHaveLength(1);
    expect(feedbackRows(target.id)[0]).toMatchObject({ userId: member.id, visitorId: null, helpful: false, comment: "It says nothing about the blue light." });
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 0, helpfulNo: 1 });

    const data = await bodyOf<ArticleData>(await view(target.slug, member.id));
    expect(data.feedback).toEqual({ helpful: false, comment: "It says nothing about the blue light." });
    expect(data.article).toMatchObject({ helpfulYes: 0, helpfulNo: 1 });
    // Someone else has not answered yet.
    expect((await bodyOf<ArticleData>(await view(target.slug, mod.id))).feedback).toBeNull();
  });

  test("feedback from a visitor: a long-lived cookie is set on the first answer and reused after", async () => {
    const target = article();
    const first = await post(target.slug, { intent: "feedback", helpful: "no" });
    expect(first.status).toBe(303);
    const setCookie = first.headers.get("Set-Cookie");
    expect(setCookie).toMatch(/^kb_visitor=/);
    const attributes = cookieAttributes(setCookie!);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(attributes.get("path")).toBe("/");
    expect(Number(attributes.get("max-age"))).toBe(365 * 24 * 60 * 60);
    const cookie = cookieHeaderFrom(setCookie);
    expect(feedbackRows(target.id)).toHaveLength(1);
    const visitorId = feedbackRows(target.id)[0].visitorId;
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 0, helpfulNo: 1 });
    expect((await bodyOf<ArticleData>(await view(target.slug, null, cookie))).feedback).toEqual({ helpful: false, comment: "" });

    const second = await post(target.slug, { intent: "feedback", helpful: "yes" }, null, cookie);
    expect(second.status).toBe(303);
    expect(second.headers.get("Set-Cookie")).toBeNull();
    expect(feedbackRows(target.id)).toEqual([expect.objectContaining({ visitorId, userId: null, helpful: true })]);
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });

    // Another browser, or a cookie that is not ours, is another visitor.
    for (const other of [undefined, "kb_visitor=bm90LWEtdXVpZA%3D%3D"]) {
      const response = await post(target.slug, { intent: "feedback", helpful: "yes" }, null, other);
      expect(response.headers.get("Set-Cookie")).toMatch(/^kb_visitor=/);
      expect(cookieHeaderFrom(response.headers.get("Set-Cookie"))).not.toBe(cookie);
    }
    expect(feedbackRows(target.id)).toHaveLength(3);
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 3, helpfulNo: 0 });
    // A visitor without the cookie has no answer on the page.
    expect((await bodyOf<ArticleData>(await view(target.slug))).feedback).toBeNull();
  });

  test("bad feedback comes back with the error beside the field and the text kept; nothing is stored", async () => {
    const target = article();
    const long = "x".repeat(1001);
    const tooLong = await post(target.slug, { intent: "feedback", helpful: "no", comment: long });
    expect(tooLong.status).toBe(400);
    const reply = await bodyOf<Reply>(tooLong);
    expect(reply.errors.comment).toMatch(/1,000/);
    expect(reply.values.comment).toBe(long);
    expect(tooLong.headers.get("Set-Cookie")).toBeNull();
    const forged = await bodyOf<Reply>(await post(target.slug, { intent: "feedback", helpful: "maybe" }, member.id));
    expect(forged.errors.helpful).toBe("Choose Yes or No.");
    expect(feedbackRows(target.id)).toHaveLength(0);
    expect(articleRow(target.id)).toMatchObject({ helpfulYes: 0, helpfulNo: 0 });
  });

  test("nobody can answer 'Was this helpful?' on a draft", async () => {
    const draft = article({ publish: false });
    for (const userId of [null, member.id, mod.id]) {
      expect((await post(draft.slug, { intent: "feedback", helpful: "yes" }, userId)).status).toBe(404);
    }
    expect(feedbackRows(draft.id)).toHaveLength(0);
  });

  test("a member's forged status and review posts are refused and change nothing; a visitor is sent to sign in", async () => {
    const target = article();
    const before = kbSnapshot();
    const forged: Record<string, string>[] = [
      { intent: "status", status: "archived" },
      { intent: "status", status: "draft" },
      { intent: "review", note: "Please check the numbers again." },
    ];
    for (const fields of forged) {
      expect((await post(target.slug, fields, member.id)).status).toBe(403);
      const visitor = await post(target.slug, fields);
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect(kbSnapshot()).toBe(before);
    expect(articleRow(target.id).status).toBe("published");
    // A member can't even reach a draft to act on it.
    const draft = article({ publish: false });
    const withDraft = kbSnapshot();
    expect((await post(draft.slug, { intent: "status", status: "published" }, member.id)).status).toBe(404);
    expect(kbSnapshot()).toBe(withDraft);
  });

  test("moderators publish, unpublish and archive; readers see the article only while it is published", async () => {
    const target = article({ publish: false });
    const statusOf = async () => (await view(target.slug)).status;
    const setStatus = async (status: string) => {
      const response = await post(target.slug, { intent: "status", status }, mod.id);
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`/kb/${target.slug}`);
    };
    expect(await statusOf()).toBe(404);
    await setStatus("published");
    expect(articleRow(target.id)).toMatchObject({ status: "published" });
    expect(articleRow(target.id).publishedAt).not.toBeNull();
    expect(await statusOf()).toBe(200);
    expect((await bodyOf<ListPage>(await list())).list.articles.map((a) => a.slug)).toContain(target.slug);
    await setStatus("draft");
    expect(articleRow(target.id).status).toBe("draft");
    expect(await statusOf()).toBe(404);
    await setStatus("archived");
    expect(articleRow(target.id).status).toBe("archived");
    expect(await statusOf()).toBe(404);
    expect((await bodyOf<ListPage>(await list())).list.articles.map((a) => a.slug)).not.toContain(target.slug);
    const actions = db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "article"), eq(auditEvents.targetId, target.id)))
      .all()
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["article.publish", "article.unpublish", "article.archive"]));
    expect((await post(target.slug, { intent: "status", status: "deleted" }, mod.id)).status).toBe(400);
    expect((await post(target.slug, { intent: "promote" }, mod.id)).status).toBe(400);
  });

  test("'Mark for review': errors beside the note with the text kept, then the review shows to moderators only", async () => {
    const target = article();
    const short = await post(target.slug, { intent: "review", note: "hm" }, mod.id);
    expect(short.status).toBe(400);
    expect(await bodyOf<Reply>(short)).toMatchObject({ intent: "review", errors: { note: expect.stringMatching(/at least 5/) }, values: { note: "hm" } });

    const note = "The prices changed in March; check the table.";
    const marked = await post(target.slug, { intent: "review", note }, mod.id);
    expect(marked.status).toBe(303);
    expect(marked.headers.get("Location")).toBe(`/kb/${target.slug}#reviews`);
    expect((await bodyOf<ArticleData>(await view(target.slug, mod.id))).openReviews).toEqual([expect.objectContaining({ reason: "manual", detail: note })]);
    expect((await bodyOf<ArticleData>(await view(target.slug, member.id))).openReviews).toEqual([]);

    const again = await post(target.slug, { intent: "review", note: "Another thing to check here." }, mod.id);
    expect(again.status).toBe(409);
    expect(await bodyOf<Reply>(again)).toMatchObject({ errors: { form: expect.any(String) }, values: { note: "Another thing to check here." } });
    expect(db.select({ n: sql<number>`count(*)` }).from(articleReviews).where(eq(articleReviews.articleId, target.id)).get()!.n).toBe(1);
  });

  test("a hostile comment is stored as typed, shown only to moderators, and only ever as text", async () => {
    const target = article();
    const hostile = `<script>alert("kb")</script><img src=x onerror=alert(1)>`;
    await post(target.slug, { intent: "feedback", helpful: "no", comment: hostile });
    expect(feedbackRows(target.id)[0].comment).toBe(hostile);

    expect((await bodyOf<ArticleData>(await view(target.slug))).readerComments).toEqual([]);
    expect((await bodyOf<ArticleData>(await view(target.slug, member.id))).readerComments).toEqual([]);
    expect((await bodyOf<ArticleData>(await view(target.slug, mod.id))).readerComments).toEqual([expect.objectContaining({ comment: hostile })]);

    const fragment = renderToString(createElement(ReaderComments, { comments: [{ comment: hostile, updatedAt: new Date() }] }));
    expect(fragment).toContain("&lt;script&gt;");
    expect(fragment).not.toMatch(/<script|<img/);

    const staffPage = await renderArticle(target.slug, mod.id);
    expect(staffPage).toContain("&lt;script&gt;alert(&quot;kb&quot;)&lt;/script&gt;");
    expect(staffPage).not.toMatch(/<script|<img/);
    const readerPage = await renderArticle(target.slug, member.id);
    expect(readerPage).not.toContain("alert");
  });

  test("the rendered page: the reader's answer pressed, moderators' tools only for moderators", async () => {
    const target = article({ title: "Set up voicemail on a new line" });
    await post(target.slug, { intent: "feedback", helpful: "yes" }, member.id);
    const memberPage = await renderArticle(target.slug, member.id);
    expect(memberPage).toContain("Set up voicemail on a new line");
    expect(memberPage).toMatch(/<button[^>]*value="yes"[^>]*aria-pressed="true"/);
    expect(memberPage).toMatch(/<button[^>]*value="no"[^>]*aria-pressed="false"/);
    expect(memberPage).toContain("You said this helped");
    expect(memberPage).toContain(`Official</span> article from ${DEFAULT_SETTINGS.brandName}`);
    expect(memberPage).not.toContain("Mark for review");
    expect(memberPage).not.toContain(`/kb/${target.slug}/edit`);

    const staffPage = await renderArticle(target.slug, mod.id);
    for (const text of ["Mark for review", `/kb/${target.slug}/edit`, `/kb/${target.slug}/history`, "Unpublish", "Archive"]) {
      expect(staffPage).toContain(text);
    }
    expect(staffPage).not.toContain("You said this helped");
  });

  test("a promoted answer credits its author and links to the thread it came from", async () => {
    const helper = await createUser(db, { createdAt: new Date(Date.now() - 30 * DAY), displayName: "Helpful Hana" });
    const thread = createTestThread(db, member, { title: "Voicemail greeting resets after a reboot", at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "Record the greeting again from the handset, not the app.", tick());
    const promoted = article({ title: "Keep your voicemail greeting after a reboot", answerId: answer.id });
    const data = await bodyOf<ArticleData & { source: { path: string } }>(await view(promoted.slug));
    expect(data.credit).toMatchObject({ username: helper.username, displayName: "Helpful Hana" });
    expect(data.source.path).toBe(`/t/${thread.id}/${thread.slug}#post-${answer.id}`);
    const page = await renderArticle(promoted.slug);
    expect(page).toContain(`From an answer by <span class="user-link"><a data-discover="true" href="/u/${helper.username}">Helpful Hana</a>`);
    expect(page).toContain(`href="/t/${thread.id}/${thread.slug}#post-${answer.id}"`);
    expect(page).not.toContain("Official</span> article");
  });
});
