// The knowledge-base editor pages as Remix calls them: /kb/new (writing and
// promoting), /kb/:slug/edit, /kb/:slug/history (compare, restore) and the
// moderators' /mod/kb (review queue), with real Requests on a real database,
// and the refusals for members and visitors.
import { and, asc, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getArticlePage } from "../../app/models/kb/kb.server";
import { recordFeedback } from "../../app/models/kb/kb-feedback.server";
import { requestReview } from "../../app/models/kb/kb-review.server";
import { action as editAction, loader as editLoader } from "../../app/routes/kb.$slug_.edit";
import { action as historyAction, loader as historyLoader } from "../../app/routes/kb.$slug_.history";
import { action as newAction, loader as newLoader } from "../../app/routes/kb.new";
import { action as modKbAction, loader as modKbLoader } from "../../app/routes/mod.kb";
import type { Db } from "../../db/client";
import { articleFeedback, articleReviews, articles, articleTags, articleVersions, reputationEvents } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
type Reply = { errors?: Record<string, string>; values?: Record<string, string>; previewHtml?: string };
type DiffPart = { value: string; added: boolean; removed: boolean };

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 5 * DAY;
const tick = () => new Date((clock += 60_000));

/** Everything a refused request could have touched, the knowledge base included. */
function kbSnapshot(database: Db) {
  return JSON.stringify({
    forum: snapshot(database),
    articles: database.select().from(articles).all(),
    versions: database.select().from(articleVersions).all(),
    tags: database.select().from(articleTags).all(),
    feedback: database.select().from(articleFeedback).all(),
    reviews: database.select().from(articleReviews).all(),
  });
}

const articleBySlug = (slug: string) => db.select().from(articles).where(eq(articles.slug, slug)).get();
const versionsOf = (articleId: number) =>
  db.select().from(articleVersions).where(eq(articleVersions.articleId, articleId)).orderBy(asc(articleVersions.number)).all();

function newLoad(query: string, userId: number | null) {
  return settle(() => newLoader({ request: getRequest(`/kb/new${query}`), params: {}, context: contextFor(db, userId) }));
}
function newPost(fields: Record<string, string>, userId: number | null, query = "") {
  return settle(() => newAction({ request: formRequest(`/kb/new${query}`, fields), params: {}, context: contextFor(db, userId) }));
}
function editLoad(slug: string, userId: number | null) {
  return settle(() => editLoader({ request: getRequest(`/kb/${slug}/edit`), params: { slug }, context: contextFor(db, userId) }));
}
function editPost(slug: string, fields: Record<string, string>, userId: number | null) {
  return settle(() => editAction({ request: formRequest(`/kb/${slug}/edit`, fields), params: { slug }, context: contextFor(db, userId) }));
}
function historyLoad(slug: string, userId: number | null, query = "") {
  return settle(() => historyLoader({ request: getRequest(`/kb/${slug}/history${query}`), params: { slug }, context: contextFor(db, userId) }));
}
function historyPost(slug: string, fields: Record<string, string>, userId: number | null) {
  return settle(() => historyAction({ request: formRequest(`/kb/${slug}/history`, fields), params: { slug }, context: contextFor(db, userId) }));
}
function modKbLoad(userId: number | null, query = "") {
  return settle(() => modKbLoader({ request: getRequest(`/mod/kb${query}`), params: {}, context: contextFor(db, userId) }));
}
function modKbPost(fields: Record<string, string>, userId: number | null) {
  return settle(() => modKbAction({ request: formRequest("/mod/kb", fields), params: {}, context: contextFor(db, userId) }));
}

let member: User;
let helper: User;
let mod: User;
let thread: { id: number; slug: string; title: string };
let answer: { id: number; body: string };
/** The article promoted from `answer` (set by the publishing test). */
let promotedSlug = "";

const ANSWER_TEXT = "It overheats: move the router **away from the radiator** and give it some air. It stopped for me.";
const ARTICLE = {
  title: "Stop your router rebooting in the evening",
  body: "Routers restart when they overheat.\n\nMove yours away from the radiator and keep its vents clear.",
  category: "devices",
  tags: "router, heat",
  note: "Written from the support notes",
};

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  createTestCategory(db, { slug: "devices", name: "Devices" });
  const established = new Date(Date.now() - 30 * DAY);
  member = await createUser(db, { createdAt: established });
  helper = await createUser(db, { createdAt: established, displayName: "Helpful Hana" });
  mod = await createUser(db, { createdAt: established, role: "moderator" });
  thread = createTestThread(db, member, {
    title: "Router keeps rebooting every evening",
    body: "Every evening at eight the router restarts by itself.",
    category: "devices",
    tags: ["router", "wi-fi"],
    at: tick(),
  });
  answer = createTestAnswer(db, helper, thread.id, ANSWER_TEXT, tick());
});

describe("/kb/new: promoting an answer", () => {
  test("the editor starts from the answer: the question's title, the answer's text, the thread's category and tags", async () => {
    const response = await newLoad(`?answer=${answer.id}`, mod.id);
    expect(response.status).toBe(200);
    const page = await bodyOf(response);
    expect(page.draft).toEqual({ title: thread.title, body: ANSWER_TEXT, category: "devices", tags: "router, wi-fi", answerId: answer.id });
    expect(page.source).toMatchObject({ threadTitle: thread.title, threadPath: `/t/${thread.id}/${thread.slug}`, answerId: answer.id });
    expect(page.source.author).toMatchObject({ username: helper.username, displayName: "Helpful Hana" });
    expect(page.categories.map((c: { slug: string }) => c.slug)).toEqual(expect.arrayContaining(["billing", "devices"]));
  });

  test("an unknown, deleted or malformed answer id is a 404", async () => {
    for (const query of ["?answer=99999", "?answer=abc", "?answer=-1", "?answer=1.5"]) {
      expect((await newLoad(query, mod.id)).status, query).toBe(404);
    }
  });

  test("publishing redirects to the article, which credits the answer's author and links back to the thread", async () => {
    const before = helper.reputation;
    const response = await newPost(
      { answerId: String(answer.id), title: thread.title, body: ANSWER_TEXT, category: "devices", tags: "router, wi-fi", note: "", intent: "publish" },
      mod.id,
      `?answer=${answer.id}`,
    );
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toBe("/kb/router-keeps-rebooting-every-evening");
    promotedSlug = location.slice("/kb/".length);
    const article = articleBySlug(promotedSlug)!;
    expect(article).toMatchObject({ status: "published", sourceAnswerId: answer.id, sourceThreadId: thread.id, creditUserId: helper.id, authorId: mod.id });
    expect(versionsOf(article.id)).toMatchObject([{ number: 1, body: ANSWER_TEXT, note: "Promoted from an answer" }]);

    const page = getArticlePage(db, null, promotedSlug, null)!;
    expect(page.credit).toMatchObject({ username: helper.username, reputation: before + 25 });
    expect(page.source?.path).toBe(`/t/${thread.id}/${thread.slug}#post-${answer.id}`);
    expect(page.tags).toEqual(["router", "wi-fi"]);
    const credit = db.select().from(reputationEvents).where(and(eq(reputationEvents.userId, helper.id), eq(reputationEvents.reason, "answer_promoted"))).all();
    expect(credit).toHaveLength(1);
  });

  test("a second promotion of the same answer goes to the existing article; a second post is refused and saves nothing", async () => {
    const again = await newLoad(`?answer=${answer.id}`, mod.id);
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/kb/${promotedSlug}`);

    const before = kbSnapshot(db);
    const fields = { answerId: String(answer.id), title: "Router reboots: a second copy of it", body: ANSWER_TEXT, category: "devices", tags: "", intent: "publish" };
    const response = await newPost(fields, mod.id);
    expect(response.status).toBe(409);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.form).toMatch(/already in the knowledge base/);
    expect(reply.values).toMatchObject({ title: fields.title, body: fields.body });
    expect(kbSnapshot(db)).toBe(before);
  });
});

describe("/kb/new: writing an article", () => {
  test("a blank editor for moderators", async () => {
    const page = await bodyOf(await newLoad("", mod.id));
    expect(page).toMatchObject({ draft: null, source: null });
  });

  test("a bad title keeps every field's text, says why beside the title, and saves nothing", async () => {
    const before = kbSnapshot(db);
    const fields = { ...ARTICLE, title: "Router", body: "  Keep **this** text exactly as typed, please.  ", intent: "publish" };
    const response = await newPost(fields, mod.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors).toEqual({ title: expect.stringMatching(/at least 10 characters/) });
    expect(reply.values).toMatchObject({ title: "Router", body: fields.body, category: "devices", tags: "router, heat", note: ARTICLE.note });
    expect(kbSnapshot(db)).toBe(before);
  });

  test("every bad field gets its message; an unknown category is refused by the model with the text kept", async () => {
    const bad = await bodyOf<Reply>(await newPost({ title: "", body: "short", category: "", tags: "Not A Tag!", intent: "draft" }, mod.id));
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(["body", "category", "tags", "title"]);

    const before = kbSnapshot(db);
    const response = await newPost({ ...ARTICLE, category: "no-such-category", intent: "publish" }, mod.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.category).toBe("Choose one of the categories.");
    expect(reply.values).toMatchObject({ title: ARTICLE.title, body: ARTICLE.body });
    expect(kbSnapshot(db)).toBe(before);
  });

  test("preview renders the markdown, sanitized, without saving", async () => {
    const before = kbSnapshot(db);
    const body = "Move it **away** from heat.\n\n<script>alert(1)</script><img src=x onerror=alert(1)>";
    const reply = await bodyOf<Reply>(await newPost({ ...ARTICLE, body, intent: "preview" }, mod.id));
    expect(reply.previewHtml).toContain("<strong>away</strong>");
    expect(reply.previewHtml).not.toMatch(/<script|onerror/);
    expect(reply.values).toMatchObject({ title: ARTICLE.title, body });
    expect(kbSnapshot(db)).toBe(before);
  });

  test("'Save as draft' keeps the article unpublished; 'Publish' publishes it", async () => {
    const draft = await newPost({ ...ARTICLE, title: "A draft about router placement", intent: "draft" }, mod.id);
    expect(draft.status).toBe(302);
    const saved = articleBySlug(draft.headers.get("Location")!.slice("/kb/".length))!;
    expect(saved).toMatchObject({ status: "draft", creditUserId: null, sourceAnswerId: null, publishedAt: null });
    expect(versionsOf(saved.id)).toMatchObject([{ number: 1, note: ARTICLE.note }]);
    expect(getArticlePage(db, null, saved.slug, null)).toBeNull();

    const published = await newPost({ ...ARTICLE, intent: "publish" }, mod.id);
    expect(published.headers.get("Location")).toBe("/kb/stop-your-router-rebooting-in-the-evening");
    expect(articleBySlug("stop-your-router-rebooting-in-the-evening")).toMatchObject({ status: "published", title: ARTICLE.title });
  });
});

describe("/kb/:slug/edit and /kb/:slug/history", () => {
  const slug = "stop-your-router-rebooting-in-the-evening";
  const EDITED = {
    title: "Stop your router rebooting every evening",
    body: "Routers restart when they overheat.\n\nMove yours away from the radiator, keep its vents clear and update it.",
    category: "devices",
    tags: "router, heat, firmware",
    note: "Added the update step",
  };

  test("the editor starts from the article; a bad edit keeps the text and saves nothing", async () => {
    const page = await bodyOf(await editLoad(slug, mod.id));
    expect(page.article).toMatchObject({ slug, title: ARTICLE.title, body: ARTICLE.body, version: 1 });
    expect(page).toMatchObject({ category: "devices", tags: "heat, router" });

    const before = kbSnapshot(db);
    const response = await editPost(slug, { ...EDITED, body: "too short", intent: "save" }, mod.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors).toEqual({ body: expect.any(String) });
    expect(reply.values).toMatchObject({ title: EDITED.title, body: "too short", note: EDITED.note });
    expect(kbSnapshot(db)).toBe(before);
  });

  test("saving creates version 2 with its note, and redirects to the article", async () => {
    const response = await editPost(slug, { ...EDITED, intent: "save" }, mod.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/kb/${slug}`);
    const article = articleBySlug(slug)!;
    expect(article).toMatchObject({ version: 2, title: EDITED.title, body: EDITED.body });
    expect(versionsOf(article.id).map((v) => [v.number, v.note])).toEqual([
      [1, ARTICLE.note],
      [2, EDITED.note],
    ]);
    expect(getArticlePage(db, null, slug, null)!.tags).toEqual(["firmware", "heat", "router"]);
  });

  test("the history lists every version newest first, and compares an old one with the current text", async () => {
    const page = await bodyOf(await historyLoad(slug, mod.id));
    expect(page.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(page.versions[0]).toMatchObject({ title: EDITED.title, note: EDITED.note, editorUsername: mod.username });
    expect(page.compare).toBeNull();

    const compared = await bodyOf(await historyLoad(slug, mod.id, "?compare=1"));
    const parts: DiffPart[] = compared.compare.parts;
    expect(compared.compare.number).toBe(1);
    expect(compared.compare.title).toEqual({ before: ARTICLE.title, after: EDITED.title });
    // The parts rebuild both texts exactly: old = kept + removed, current = kept + added.
    expect(parts.filter((p) => !p.added).map((p) => p.value).join("")).toBe(ARTICLE.body);
    expect(parts.filter((p) => !p.removed).map((p) => p.value).join("")).toBe(EDITED.body);
    expect(parts.filter((p) => p.added).map((p) => p.value).join("")).toContain("update");
    expect(parts.some((p) => p.removed)).toBe(true);

    expect((await historyLoad(slug, mod.id, "?compare=99")).status).toBe(404);
  });

  test("restoring version 1 creates version 3 with version 1's text", async () => {
    const response = await historyPost(slug, { intent: "restore", number: "1" }, mod.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/kb/${slug}/history?restored=1`);
    const article = articleBySlug(slug)!;
    expect(article).toMatchObject({ version: 3, title: ARTICLE.title, body: ARTICLE.body });
    expect(versionsOf(article.id).at(-1)).toMatchObject({ number: 3, title: ARTICLE.title, body: ARTICLE.body, editorId: mod.id, note: "Restored version 1" });

    const page = await bodyOf(await historyLoad(slug, mod.id, "?restored=1"));
    expect(page.restored).toBe(1);
    expect(page.versions.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    const same = await bodyOf(await historyLoad(slug, mod.id, "?compare=1"));
    expect(same.compare.title).toBeNull();
    expect(same.compare.parts.every((p: DiffPart) => !p.added && !p.removed)).toBe(true);
  });

  test("an unknown version or a malformed restore is refused and changes nothing", async () => {
    const before = kbSnapshot(db);
    expect((await historyPost(slug, { intent: "restore", number: "42" }, mod.id)).status).toBe(404);
    expect((await historyPost(slug, { intent: "restore", number: "one" }, mod.id)).status).toBe(400);
    expect((await historyPost(slug, { intent: "delete", number: "1" }, mod.id)).status).toBe(400);
    expect((await historyPost("no-such-article", { intent: "restore", number: "1" }, mod.id)).status).toBe(404);
    expect((await editLoad("no-such-article", mod.id)).status).toBe(404);
    expect(kbSnapshot(db)).toBe(before);
  });
});

describe("/mod/kb: the review queue", () => {
  let reviewId = 0;

  test("lists open reviews with the reason in words, counts and readers' comments; drafts are listed", async () => {
    const article = articleBySlug(promotedSlug)!;
    for (const [i, comment] of ["Still reboots after moving it.", "", "Mine is not near a radiator."].entries()) {
      recordFeedback(db, article.id, { visitorId: `visitor-${i}` }, { helpful: false, comment }, tick());
    }
    const other = articleBySlug("stop-your-router-rebooting-in-the-evening")!;
    requestReview(db, mod, other.id, "Check the firmware step against the new router", tick());

    const page = await bodyOf(await modKbLoad(mod.id));
    expect(page.openTotal).toBe(2);
    const feedback = page.open.find((r: { reason: string }) => r.reason === "feedback");
    expect(feedback).toMatchObject({ articleSlug: promotedSlug, helpfulYes: 0, helpfulNo: 3 });
    expect(page.comments[article.id].map((c: { comment: string }) => c.comment).sort()).toEqual(["Mine is not near a radiator.", "Still reboots after moving it."]);
    expect(page.open.find((r: { reason: string }) => r.reason === "manual")).toMatchObject({ detail: "Check the firmware step against the new router" });
    expect(page.drafts.map((a: { title: string }) => a.title)).toContain("A draft about router placement");
    expect(page.archived).toEqual([]);
    reviewId = feedback.id;
  });

  test("a resolution that is too short keeps the text, says why, and resolves nothing", async () => {
    const before = kbSnapshot(db);
    const response = await modKbPost({ reviewId: String(reviewId), resolution: "ok" }, mod.id);
    expect(response.status).toBe(400);
    const reply = await bodyOf<Reply>(response);
    expect(reply.errors?.resolution).toMatch(/at least 3 characters/);
    expect(reply.values).toMatchObject({ reviewId: String(reviewId), resolution: "ok" });
    expect(kbSnapshot(db)).toBe(before);
  });

  test("resolving moves the review to 'recently resolved' with who and what; resolving it again says so", async () => {
    const response = await modKbPost({ reviewId: String(reviewId), resolution: "Added a step for routers far from heat." }, mod.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mod/kb?resolved=${reviewId}`);
    const page = await bodyOf(await modKbLoad(mod.id, `?resolved=${reviewId}`));
    expect(page.open.map((r: { id: number }) => r.id)).not.toContain(reviewId);
    expect(page.resolved[0]).toMatchObject({ id: reviewId, resolvedBy: mod.username, resolution: "Added a step for routers far from heat." });
    expect(page.justResolved).toMatchObject({ id: reviewId });

    const again = await modKbPost({ reviewId: String(reviewId), resolution: "Done twice." }, mod.id);
    expect(again.status).toBe(409);
    expect((await bodyOf<Reply>(again)).errors?.form).toMatch(/already|resolved/);
    expect(db.select().from(articleReviews).where(eq(articleReviews.id, reviewId)).get()!.resolution).toBe("Added a step for routers far from heat.");
  });
});

describe("who may use the editor pages", () => {
  test("a member is refused (403) on every page and every forged post, and nothing changes", async () => {
    const slug = "stop-your-router-rebooting-in-the-evening";
    const openReview = db.select().from(articleReviews).where(eq(articleReviews.status, "open")).orderBy(desc(articleReviews.id)).get()!;
    const other = createTestAnswer(db, helper, thread.id, "Another answer a member would like to promote themselves.", tick());
    const before = kbSnapshot(db);
    const attempts: [string, () => Promise<Response>][] = [
      ["GET /kb/new", () => newLoad("", member.id)],
      ["GET /kb/new?answer", () => newLoad(`?answer=${other.id}`, member.id)],
      ["POST /kb/new publish", () => newPost({ ...ARTICLE, title: "A member's own official article", intent: "publish" }, member.id)],
      ["POST /kb/new promote", () => newPost({ ...ARTICLE, answerId: String(other.id), intent: "publish" }, member.id, `?answer=${other.id}`)],
      ["POST /kb/new bad input", () => newPost({ title: "x", intent: "publish" }, member.id)],
      ["POST /kb/new preview", () => newPost({ ...ARTICLE, intent: "preview" }, member.id)],
      ["GET edit", () => editLoad(slug, member.id)],
      ["POST edit", () => editPost(slug, { ...ARTICLE, title: "Vandalised by a member of the forum", intent: "save" }, member.id)],
      ["POST edit preview", () => editPost(slug, { ...ARTICLE, intent: "preview" }, member.id)],
      ["GET history", () => historyLoad(slug, member.id)],
      ["GET history compare", () => historyLoad(slug, member.id, "?compare=1")],
      ["POST restore", () => historyPost(slug, { intent: "restore", number: "2" }, member.id)],
      ["GET /mod/kb", () => modKbLoad(member.id)],
      ["POST resolve", () => modKbPost({ reviewId: String(openReview.id), resolution: "Nothing to see here." }, member.id)],
      ["POST resolve bad input", () => modKbPost({ reviewId: String(openReview.id), resolution: "" }, member.id)],
    ];
    for (const [name, attempt] of attempts) {
      expect((await attempt()).status, name).toBe(403);
    }
    expect(kbSnapshot(db)).toBe(before);
  });

  test("a visitor is sent to sign in, and comes back to the page", async () => {
    const slug = "stop-your-router-rebooting-in-the-evening";
    const before = kbSnapshot(db);
    const attempts: [string, () => Promise<Response>, string][] = [
      ["GET /kb/new", () => newLoad(`?answer=${answer.id}`, null), `/kb/new?answer=${answer.id}`],
      ["POST /kb/new", () => newPost({ ...ARTICLE, intent: "publish" }, null), "/kb/new"],
      ["GET edit", () => editLoad(slug, null), `/kb/${slug}/edit`],
      ["POST edit", () => editPost(slug, { ...ARTICLE, intent: "save" }, null), `/kb/${slug}/edit`],
      ["GET history", () => historyLoad(slug, null), `/kb/${slug}/history`],
      ["POST restore", () => historyPost(slug, { intent: "restore", number: "1" }, null), `/kb/${slug}/history`],
      ["GET /mod/kb", () => modKbLoad(null), "/mod/kb"],
      ["POST resolve", () => modKbPost({ reviewId: "1", resolution: "Resolved by a visitor" }, null), "/mod/kb"],
    ];
    for (const [name, attempt, back] of attempts) {
      const response = await attempt();
      expect(response.status, name).toBe(302);
      expect(response.headers.get("Location"), name).toBe(`/login?redirectTo=${encodeURIComponent(back)}`);
    }
    expect(kbSnapshot(db)).toBe(before);
  });

  test("an admin may use the editor too", async () => {
    const admin = await createUser(db, { role: "admin" });
    expect((await newLoad("", admin.id)).status).toBe(200);
    expect((await modKbLoad(admin.id)).status).toBe(200);
  });
});
