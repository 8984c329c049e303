// The knowledge base against a real migrated database: promotion from an
// answer (credit, backlink, one article per answer, +25 once), versions,
// statuses and what search finds, "Was this helpful?", the review queue and
// its triggers, who may do what, and the audit trail.
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { acceptAnswer } from "../../../app/models/forum/acceptance.server";
import { articlesForAnswers, createArticle, getArticleForEdit, getArticleHistory, getArticlePage, listArticles, listUnpublishedArticles, promotionDraft, restoreArticleVersion, setArticleStatus, updateArticle, type Article, type ArticleInput } from "../../../app/models/kb/kb.server";
import { listNegativeFeedback, recordFeedback, type FeedbackVoter } from "../../../app/models/kb/kb-feedback.server";
import { listReviews, requestReview, resolveReview } from "../../../app/models/kb/kb-review.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { REPUTATION } from "../../../app/models/reputation/reputation.server";
import { DEFAULT_KB_REVIEW_RULE, updateKbReviewRule } from "../../../app/models/site/settings.server";
import { findSimilar, searchContent, type SearchFilters } from "../../../app/models/search/search.server";
import { threadPath } from "../../../app/models/forum/thread.server";
import type { Actor } from "../../../app/policy";
import {
  articleFeedback,
  articleReviews,
  articles,
  articleTags,
  articleVersions,
  auditEvents,
  posts,
  reputationEvents,
  tags,
  users,
} from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { serverT } from "../../../app/i18n/i18n.server";
import { reviewDetailText } from "../../../app/utils/review-detail";
import { createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser, giveReputation } from "../../support/factories";
import { expectRefused as expectRefusedIn, seededRandom } from "../../support/model-helpers";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
// Accounts are older than the clock's start, so posting limits stay out of the way.
const established = new Date(Date.now() - 60 * DAY);
let clock = Date.now() - 30 * DAY;
const tick = () => new Date((clock += 60 * 60_000));
/** A review as the moderators' pages show it (in English): the site's own details are catalogue keys. */
const asModeratorsRead = <T extends { reason: string; detail: string }>(review: T) => ({ ...review, detail: reviewDetailText(serverT("en"), review) });

let asker: User;
let helper: User;
let other: User;
let member: User;
let mod: User;
let mod2: User;

beforeAll(async () => {
  createTestCategory(db, { slug: "network", name: "Network" });
  createTestCategory(db, { slug: "billing", name: "Billing" });
  asker = await createUser(db, { createdAt: established });
  helper = await createUser(db, { createdAt: established });
  other = await createUser(db, { createdAt: established });
  // `other` comments on threads it did not start: that takes reputation.
  giveReputation(db, other, 100);
  member = await createUser(db, { createdAt: established });
  mod = await createUser(db, { createdAt: established, role: "moderator" });
  mod2 = await createUser(db, { createdAt: established, role: "moderator" });
});

// ---------------------------------------------------------------------------
// Builders and readers.

/** A question by `asker` and an answer to it by `helper`. */
function answeredThread(extra: { title?: string; body?: string; answer?: string; tags?: string[]; category?: string } = {}) {
  const thread = createTestThread(db, asker, {
    title: extra.title,
    body: extra.body,
    tags: extra.tags,
    category: extra.category ?? "network",
    at: tick(),
  });
  const answer = createTestAnswer(db, helper, thread.id, extra.answer, tick());
  return { thread, answer };
}

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    title: "Restarting your box the right way",
    body: "Unplug the box, wait thirty seconds, plug it back in and wait for the white light.",
    category: "network",
    tags: [],
    note: "",
    ...overrides,
  };
}

/** An article written by `by` (a moderator): official, or promoted when answerId is given. */
function writeArticle(overrides: Partial<ArticleInput> & { answerId?: number; publish?: boolean } = {}, by: User = mod): Article {
  const { answerId, publish = true, ...rest } = overrides;
  const result = createArticle(db, by, { ...input(rest), answerId, publish }, tick());
  if (!result.ok) throw new Error(`createArticle failed: ${JSON.stringify(result.errors)}`);
  return result.article;
}

function articleRow(id: number) {
  return db.select().from(articles).where(eq(articles.id, id)).get()!;
}
function reputation(user: User) {
  return db.select({ r: users.reputation }).from(users).where(eq(users.id, user.id)).get()!.r;
}
function promotionEvents(answerId: number) {
  return db
    .select({ userId: reputationEvents.userId, points: reputationEvents.points, actorId: reputationEvents.actorId })
    .from(reputationEvents)
    .where(and(eq(reputationEvents.postId, answerId), eq(reputationEvents.reason, "answer_promoted")))
    .all();
}
function feedbackRows(articleId: number) {
  return db.select().from(articleFeedback).where(eq(articleFeedback.articleId, articleId)).orderBy(asc(articleFeedback.id)).all();
}
function reviewsOf(articleId: number) {
  return db.select().from(articleReviews).where(eq(articleReviews.articleId, articleId)).orderBy(asc(articleReviews.id)).all();
}
function openReviews(articleId: number, reason?: string) {
  return reviewsOf(articleId).filter((r) => r.status === "open" && (!reason || r.reason === reason));
}
function auditOf(articleId: number) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "article"), eq(auditEvents.targetId, articleId)))
    .orderBy(asc(auditEvents.id))
    .all()
    .map((e) => ({ action: e.action, actorId: e.actorId, details: JSON.parse(e.details) as Record<string, unknown>, reason: e.reason }));
}
function feedback(articleId: number, voter: FeedbackVoter, helpful: boolean, comment = "") {
  recordFeedback(db, articleId, voter, { helpful, comment }, tick());
}

/** The article hits a search returns (ids), and how many article documents matched in the index. */
function articleSearch(q: string, filters: SearchFilters = {}) {
  const results = searchContent(db, { q, filters: { ...filters, kind: "article" } });
  return { ids: results.hits.map((h) => h.id), total: results.total, hits: results.hits };
}

/** The knowledge-base tables, which the shared snapshot does not cover. */
function kbSnapshot() {
  return JSON.stringify({
    articles: db.select().from(articles).all(),
    articleTags: db.select().from(articleTags).all(),
    articleVersions: db.select().from(articleVersions).all(),
    articleFeedback: db.select().from(articleFeedback).all(),
    articleReviews: db.select().from(articleReviews).all(),
    tags: db.select().from(tags).all(),
  });
}
/** Refused with `status`, and nothing changed: neither the forum's tables nor the knowledge base's. */
function expectRefused(run: () => unknown, status = 403) {
  const before = kbSnapshot();
  const response = expectRefusedIn(db, run, status);
  expect(kbSnapshot()).toBe(before);
  return response;
}

// ---------------------------------------------------------------------------

describe("promotion", () => {
  test("promotionDraft starts from the question's title, the answer's text, the thread's category and tags", () => {
    const { thread, answer } = answeredThread({
      title: "Router drops the connection every evening",
      answer: "Change the wireless channel to 1, 6 or 11 in the router's settings.",
      tags: ["wifi", "router"],
    });
    const promotion = promotionDraft(db, mod, answer.id);
    expect(promotion.existing).toBeNull();
    expect(promotion.draft).toEqual({
      title: "Router drops the connection every evening",
      body: "Change the wireless channel to 1, 6 or 11 in the router's settings.",
      category: "network",
      tags: "router, wifi",
      answerId: answer.id,
    });
    expect(promotion.source).toMatchObject({
      threadTitle: thread.title,
      threadPath: threadPath(thread),
      answerId: answer.id,
      author: { username: helper.username },
    });
  });

  test("a promoted article credits the answer's author and links back to the thread and the answer", () => {
    const { thread, answer } = answeredThread({ title: "Television freezes after the update", category: "billing" });
    const article = writeArticle({ answerId: answer.id, category: "billing", publish: false });
    expect(article).toMatchObject({
      creditUserId: helper.id,
      sourceThreadId: thread.id,
      sourceAnswerId: answer.id,
      authorId: mod.id,
      status: "draft",
    });
    const page = getArticlePage(db, mod, article.slug, null)!;
    expect(page.credit?.username).toBe(helper.username);
    expect(page.source).toEqual({ title: thread.title, path: `${threadPath(thread)}#post-${answer.id}` });
    expect(page.category.slug).toBe("billing");
  });

  test("the thread's backlink shows a published article to everyone and a draft only to moderators", () => {
    const { answer } = answeredThread();
    const { answer: notPromoted } = answeredThread();
    const article = writeArticle({ answerId: answer.id, title: "Backlink test: resetting the box", publish: false });
    const ids = [answer.id, notPromoted.id];

    expect(articlesForAnswers(db, member, ids).size).toBe(0);
    expect(articlesForAnswers(db, null, ids).size).toBe(0);
    const forMod = articlesForAnswers(db, mod, ids);
    expect([...forMod.keys()]).toEqual([answer.id]);
    expect(forMod.get(answer.id)).toEqual({ slug: article.slug, title: article.title, status: "draft" });

    setArticleStatus(db, mod, article.id, "published", tick());
    for (const viewer of [member, null, mod] as Actor[]) {
      const map = articlesForAnswers(db, viewer, ids);
      expect([...map.keys()]).toEqual([answer.id]);
      expect(map.get(answer.id)).toEqual({ slug: article.slug, title: article.title, status: "published" });
    }
  });

  test("an answer becomes one article at most: a second promotion is turned away and the draft shows the existing one", () => {
    const { answer } = answeredThread();
    const first = writeArticle({ answerId: answer.id, title: "Only once: the first article" });
    const before = kbSnapshot();
    const second = createArticle(db, mod2, { ...input({ title: "Only once: a second try" }), answerId: answer.id, publish: true }, tick());
    expect(second.ok).toBe(false);
    expect(second.ok ? null : second.errors.form).toBeTruthy();
    expect(kbSnapshot()).toBe(before);
    expect(db.select().from(articles).where(eq(articles.sourceAnswerId, answer.id)).all().map((a) => a.id)).toEqual([first.id]);
    expect(promotionDraft(db, mod, answer.id)).toEqual({ existing: articleRow(first.id) });
  });

  test("a deleted answer, a question or a missing post cannot be promoted", () => {
    const { thread, answer } = answeredThread();
    deletePost(db, mod, answer.id, tick());
    expectRefused(() => promotionDraft(db, mod, answer.id), 404);
    const before = kbSnapshot();
    const result = createArticle(db, mod, { ...input(), answerId: answer.id, publish: true }, tick());
    expect(result.ok ? null : result.errors.form).toBeTruthy();
    expect(kbSnapshot()).toBe(before);
    expect(promotionEvents(answer.id)).toEqual([]);

    const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
    expectRefused(() => promotionDraft(db, mod, question.id), 404);
    expectRefused(() => promotionDraft(db, mod, 999_999), 404);
  });

  test("the first publication gives the credited author +25 once: unpublishing, archiving and publishing again give nothing more", () => {
    const { answer } = answeredThread();
    const start = reputation(helper);
    const article = writeArticle({ answerId: answer.id, title: "Credit once: setting up the guest network", publish: false });
    expect(reputation(helper)).toBe(start);
    expect(promotionEvents(answer.id)).toEqual([]);

    setArticleStatus(db, mod2, article.id, "published", tick());
    expect(REPUTATION.answerPromoted).toBe(25);
    expect(reputation(helper)).toBe(start + 25);
    expect(promotionEvents(answer.id)).toEqual([{ userId: helper.id, points: 25, actorId: mod2.id }]);

    setArticleStatus(db, mod, article.id, "draft", tick());
    setArticleStatus(db, mod, article.id, "published", tick());
    setArticleStatus(db, mod, article.id, "archived", tick());
    setArticleStatus(db, mod, article.id, "published", tick());
    expect(reputation(helper)).toBe(start + 25);
    expect(promotionEvents(answer.id)).toHaveLength(1);
  });

  test("promoting straight to published credits the author at once", () => {
    const { answer } = answeredThread();
    const start = reputation(helper);
    writeArticle({ answerId: answer.id, title: "Credit at once: moving the box", publish: true });
    expect(reputation(helper)).toBe(start + REPUTATION.answerPromoted);
    expect(promotionEvents(answer.id)).toHaveLength(1);
  });

  test("an official article (not from an answer) credits nobody and links to no thread", () => {
    const eventsBefore = db.select({ n: sql<number>`count(*)` }).from(reputationEvents).get()!.n;
    const reputations = db.select({ id: users.id, r: users.reputation }).from(users).all();
    const article = writeArticle({ title: "Official: our opening hours" });
    expect(article).toMatchObject({ creditUserId: null, sourceAnswerId: null, sourceThreadId: null, authorId: mod.id });
    expect(db.select({ n: sql<number>`count(*)` }).from(reputationEvents).get()!.n).toBe(eventsBefore);
    expect(db.select({ id: users.id, r: users.reputation }).from(users).all()).toEqual(reputations);
    const page = getArticlePage(db, member, article.slug, null)!;
    expect(page.credit).toBeNull();
    expect(page.source).toBeNull();
    const listed = listArticles(db, {}, "newest", 1, 100).articles.find((a) => a.id === article.id);
    expect(listed?.official).toBe(true);
  });
});

describe("versions", () => {
  test("each save is a version with its editor and note; restoring version 1 adds version 3 with version 1's text", () => {
    const v1 = { title: "Versions: pairing the remote control", body: "Hold the OK and the red button together for five seconds." };
    const article = writeArticle({ ...v1, note: "" });
    expect(article.version).toBe(1);

    const v2 = { title: "Versions: pairing a new remote control", body: "Hold OK and Back together until the light blinks twice." };
    const updated = updateArticle(db, mod2, article.id, input({ ...v2, note: "New remotes pair differently" }), tick());
    expect(updated.ok && updated.article).toMatchObject({ ...v2, version: 2 });

    const restored = restoreArticleVersion(db, mod, article.id, 1, tick());
    expect(restored).toMatchObject({ ...v1, version: 3 });
    expect(articleRow(article.id)).toMatchObject({ ...v1, version: 3 });
    expect(articleRow(article.id).bodyHtml).toContain("red button");

    const { versions } = getArticleHistory(db, mod, article.slug);
    expect(versions.map((v) => ({ number: v.number, title: v.title, body: v.body, note: v.note, editor: v.editorUsername }))).toEqual([
      { number: 3, ...v1, note: "Restored version 1", editor: mod.username },
      { number: 2, ...v2, note: "New remotes pair differently", editor: mod2.username },
      { number: 1, ...v1, note: "First version", editor: mod.username },
    ]);
    expect(getArticlePage(db, member, article.slug, null)!.article.body).toBe(v1.body);
  });

  test("restoring a version that does not exist is a 404 and changes nothing", () => {
    const article = writeArticle({ title: "Versions: a missing version" });
    expectRefused(() => restoreArticleVersion(db, mod, article.id, 2, tick()), 404);
    expectRefused(() => restoreArticleVersion(db, mod, article.id, 0, tick()), 404);
    expectRefused(() => restoreArticleVersion(db, mod, 999_999, 1, tick()), 404);
  });

  test("restoring the current version is a 400 and adds no version", () => {
    const article = writeArticle({ title: "Versions: restoring the current one" });
    expectRefused(() => restoreArticleVersion(db, mod, article.id, 1, tick()), 400);
  });
});

describe("statuses and search", () => {
  test("a draft is not searchable and only moderators can open it", () => {
    const article = writeArticle({ title: "Zorblat adapter draft guide", body: "How to fit the zorblat adapter behind the box.", publish: false });
    expect(articleSearch("zorblat")).toMatchObject({ ids: [], total: 0 });
    expect(findSimilar(db, "zorblat adapter").filter((s) => s.kind === "article")).toEqual([]);
    expect(getArticlePage(db, member, article.slug, null)).toBeNull();
    expect(getArticlePage(db, null, article.slug, null)).toBeNull();
    expect(getArticlePage(db, mod, article.slug, null)?.article.id).toBe(article.id);
  });

  test("publishing makes it findable as an article at /kb/slug, and similar questions put it before threads", () => {
    // A solved thread that matches the words at least as well as the article does.
    const { thread, answer } = answeredThread({
      title: "Quillon lantern blinking",
      body: "The quillon lantern keeps blinking, quillon lantern blinking all night.",
      answer: "The quillon lantern blinking means the line is resyncing.",
    });
    acceptAnswer(db, asker, answer.id);
    const article = writeArticle({
      title: "What the quillon lantern on your box is telling you",
      body: "A blinking quillon lantern means the box is looking for the line.",
      publish: false,
    });
    expect(articleSearch("quillon").ids).toEqual([]);

    setArticleStatus(db, mod, article.id, "published", tick());
    const hits = searchContent(db, { q: "quillon lantern blinking" }).hits;
    expect(hits.map((h) => h.kind).sort()).toEqual(["article", "thread"]);
    expect(hits.find((h) => h.kind === "article")).toMatchObject({ id: article.id, path: `/kb/${article.slug}`, categorySlug: "network" });
    // By relevance alone the thread comes first; similar questions still put the article first.
    expect(hits[0]).toMatchObject({ kind: "thread", id: thread.id });

    const similar = findSimilar(db, "quillon lantern blinking");
    expect(similar.map((s) => [s.kind, s.id])).toEqual([
      ["article", article.id],
      ["thread", thread.id],
    ]);
    expect(similar[0]).toMatchObject({ path: `/kb/${article.slug}`, title: article.title });
    expect(getArticlePage(db, null, article.slug, null)?.article.id).toBe(article.id);
  });

  test("an edit changes the words an article is found by at once", () => {
    const article = writeArticle({ title: "Flimwort settings explained", body: "Open the flimwort page of the box settings." });
    expect(articleSearch("flimwort").ids).toEqual([article.id]);
    updateArticle(db, mod, article.id, input({ title: "Gralloch settings explained", body: "Open the gralloch page of the box settings.", note: "Renamed" }), tick());
    expect(articleSearch("flimwort")).toMatchObject({ ids: [], total: 0 });
    expect(articleSearch("gralloch").ids).toEqual([article.id]);
    expect(findSimilar(db, "gralloch settings").map((s) => s.id)).toContain(article.id);
  });

  test("a restored version is found by its words again at once", () => {
    const article = writeArticle({ title: "Wombatty cable colours", body: "The wombatty cable is the grey one." });
    updateArticle(db, mod, article.id, input({ title: "Numbat cable colours", body: "The numbat cable is the grey one." }), tick());
    expect(articleSearch("wombatty").ids).toEqual([]);
    restoreArticleVersion(db, mod, article.id, 1, tick());
    expect(articleSearch("wombatty").ids).toEqual([article.id]);
    expect(articleSearch("numbat")).toMatchObject({ ids: [], total: 0 });
  });

  test("unpublishing or archiving takes an article out of search and out of readers' reach at once", () => {
    const article = writeArticle({ title: "Pelmatic splitter installation", body: "Screw the pelmatic splitter onto the wall socket." });
    expect(articleSearch("pelmatic").ids).toEqual([article.id]);

    setArticleStatus(db, mod, article.id, "draft", tick());
    expect(articleSearch("pelmatic")).toMatchObject({ ids: [], total: 0 });
    expect(findSimilar(db, "pelmatic splitter")).toEqual([]);
    expect(getArticlePage(db, member, article.slug, null)).toBeNull();

    setArticleStatus(db, mod, article.id, "published", tick());
    expect(articleSearch("pelmatic").ids).toEqual([article.id]);

    setArticleStatus(db, mod, article.id, "archived", tick());
    expect(articleSearch("pelmatic")).toMatchObject({ ids: [], total: 0 });
    expect(findSimilar(db, "pelmatic splitter")).toEqual([]);
    expect(getArticlePage(db, member, article.slug, null)).toBeNull();
    expect(getArticlePage(db, mod, article.slug, null)?.article.status).toBe("archived");
    expect(listUnpublishedArticles(db, mod, "archived").map((a) => a.id)).toContain(article.id);
  });

  test("each article gets its own address, and none takes the editor's /kb/new", () => {
    const first = writeArticle({ title: "Slugs: Paying by direct debit" });
    const second = writeArticle({ title: "Slugs: paying by direct debit!" });
    expect(first.slug).toBe("slugs-paying-by-direct-debit");
    expect(second.slug).toBe("slugs-paying-by-direct-debit-2");
    expect(writeArticle({ title: "New" }).slug).toBe("new-article");
    expect(getArticlePage(db, null, second.slug, null)?.article.id).toBe(second.id);
  });

  test("setting the status an article already has changes nothing", () => {
    const article = writeArticle({ title: "Same status twice" });
    const before = kbSnapshot();
    const audits = auditOf(article.id).length;
    setArticleStatus(db, mod, article.id, "published", tick());
    expect(kbSnapshot()).toBe(before);
    expect(auditOf(article.id)).toHaveLength(audits);
  });

  test("the tag filter finds articles with that tag, and the kind filter keeps articles or threads", () => {
    const tagged = writeArticle({ title: "Trundlebox firmware update", body: "Update the trundlebox firmware from the app.", tags: ["firmware", "trundle"] });
    const untagged = writeArticle({ title: "Trundlebox power supply", body: "The trundlebox needs the 12 V supply." });
    const { thread } = answeredThread({ title: "My trundlebox will not start", body: "The trundlebox stays dark.", tags: ["trundle"] });

    const byTag = searchContent(db, { q: "trundlebox", filters: { tag: "firmware" } }).hits;
    expect(byTag.map((h) => [h.kind, h.id])).toEqual([["article", tagged.id]]);
    expect(byTag[0].tags).toEqual(["firmware", "trundle"]);
    const sharedTag = searchContent(db, { q: "trundlebox", filters: { tag: "trundle" } }).hits;
    expect(sharedTag.map((h) => `${h.kind}:${h.id}`).sort()).toEqual([`article:${tagged.id}`, `thread:${thread.id}`].sort());

    expect(articleSearch("trundlebox").ids.sort((a, b) => a - b)).toEqual([tagged.id, untagged.id]);
    const threadsOnly = searchContent(db, { q: "trundlebox", filters: { kind: "thread" } }).hits;
    expect(threadsOnly.map((h) => [h.kind, h.id])).toEqual([["thread", thread.id]]);
  });

  test("a tag given in an edit replaces the old ones for the tag filter", () => {
    const article = writeArticle({ title: "Snorkelbox reset", body: "Reset the snorkelbox with a pin.", tags: ["reset"] });
    updateArticle(db, mod, article.id, input({ title: "Snorkelbox reset", body: "Reset the snorkelbox with a pin.", tags: ["factory-reset"] }), tick());
    expect(articleSearch("snorkelbox", { tag: "reset" }).ids).toEqual([]);
    expect(articleSearch("snorkelbox", { tag: "factory-reset" }).ids).toEqual([article.id]);
  });
});

describe("feedback", () => {
  test("'Yes' from a member credits the answer's author +2; changing to 'No' takes it back; visitors and the author earn nothing", () => {
    const thread = createTestThread(db, asker, { title: "Helpful credit: which cable for the box?", at: tick() });
    const answer = createTestAnswer(db, helper, thread.id, "Use the grey Ethernet cable from the box's bag.", tick());
    const article = writeArticle({ title: "Which cable to use for the box", answerId: answer.id });
    const start = reputation(helper);
    feedback(article.id, { userId: member.id }, true);
    expect(reputation(helper)).toBe(start + 2);
    feedback(article.id, { userId: member.id }, true);
    expect(reputation(helper)).toBe(start + 2);
    feedback(article.id, { visitorId: "visitor-credit" }, true);
    feedback(article.id, { userId: helper.id }, true);
    expect(reputation(helper)).toBe(start + 2);
    feedback(article.id, { userId: member.id }, false);
    expect(reputation(helper)).toBe(start);
    expect(db.select().from(reputationEvents).where(and(eq(reputationEvents.postId, answer.id), eq(reputationEvents.reason, "article_helpful"))).all()).toEqual([]);
  });

  test("one answer per account and per visitor, which they may change", () => {
    const article = writeArticle({ title: "Feedback: one per reader" });
    feedback(article.id, { userId: member.id }, true);
    feedback(article.id, { userId: member.id }, true);
    feedback(article.id, { visitorId: "visitor-a" }, false, "Too short");
    feedback(article.id, { visitorId: "visitor-a" }, false, "Still too short");
    feedback(article.id, { visitorId: "visitor-b" }, true);

    const rows = feedbackRows(article.id);
    expect(rows.map((r) => ({ userId: r.userId, visitorId: r.visitorId, helpful: r.helpful, comment: r.comment }))).toEqual([
      { userId: member.id, visitorId: null, helpful: true, comment: "" },
      { userId: null, visitorId: "visitor-a", helpful: false, comment: "Still too short" },
      { userId: null, visitorId: "visitor-b", helpful: true, comment: "" },
    ]);
    expect(articleRow(article.id)).toMatchObject({ helpfulYes: 2, helpfulNo: 1 });

    feedback(article.id, { userId: member.id }, false, "Did not work for me");
    expect(feedbackRows(article.id)).toHaveLength(3);
    expect(articleRow(article.id)).toMatchObject({ helpfulYes: 1, helpfulNo: 2 });
    expect(getArticlePage(db, member, article.slug, { userId: member.id })!.feedback).toEqual({ helpful: false, comment: "Did not work for me" });
    expect(getArticlePage(db, null, article.slug, { visitorId: "visitor-b" })!.feedback).toEqual({ helpful: true, comment: "" });
    expect(getArticlePage(db, null, article.slug, { visitorId: "visitor-new" })!.feedback).toBeNull();
    // A visitor id never picks up an account's answer, and the reverse.
    expect(getArticlePage(db, member, article.slug, { userId: other.id })!.feedback).toBeNull();
  });

  test("the helpful counts always equal the answers on record, however readers change their minds", () => {
    const article = writeArticle({ title: "Feedback: counts stay true" });
    const random = seededRandom(20240611);
    const voters: FeedbackVoter[] = [
      { userId: member.id },
      { userId: other.id },
      { userId: asker.id },
      { visitorId: "counts-1" },
      { visitorId: "counts-2" },
      { visitorId: "counts-3" },
    ];
    for (let step = 0; step < 60; step++) {
      const voter = voters[Math.floor(random() * voters.length)];
      feedback(article.id, voter, random() < 0.5, "Not what I needed");
      const rows = feedbackRows(article.id);
      const { helpfulYes, helpfulNo } = articleRow(article.id);
      expect({ helpfulYes, helpfulNo }, `step ${step}`).toEqual({
        helpfulYes: rows.filter((r) => r.helpful).length,
        helpfulNo: rows.filter((r) => !r.helpful).length,
      });
    }
  });

  test("a comment is kept only with No, and moderators read those newest first", () => {
    const article = writeArticle({ title: "Feedback: comments with No" });
    feedback(article.id, { visitorId: "c-1" }, true, "Great, thanks");
    feedback(article.id, { visitorId: "c-2" }, false, "The menu has moved");
    feedback(article.id, { visitorId: "c-3" }, false, "");
    feedback(article.id, { visitorId: "c-4" }, false, "Screenshots please");
    expect(listNegativeFeedback(db, mod, article.id).map((f) => f.comment)).toEqual(["Screenshots please", "The menu has moved"]);
    feedback(article.id, { visitorId: "c-4" }, true, "Found it after all");
    expect(listNegativeFeedback(db, mod, article.id).map((f) => f.comment)).toEqual(["The menu has moved"]);
  });

  test("feedback on a draft, an archived or a missing article is a 404 and records nothing", () => {
    const draft = writeArticle({ title: "Feedback: a draft", publish: false });
    expectRefused(() => recordFeedback(db, draft.id, { userId: member.id }, { helpful: false, comment: "" }, tick()), 404);
    expectRefused(() => recordFeedback(db, draft.id, { visitorId: "v" }, { helpful: true, comment: "" }, tick()), 404);
    const archived = writeArticle({ title: "Feedback: archived" });
    setArticleStatus(db, mod, archived.id, "archived", tick());
    expectRefused(() => recordFeedback(db, archived.id, { userId: member.id }, { helpful: false, comment: "" }, tick()), 404);
    expectRefused(() => recordFeedback(db, 999_999, { userId: member.id }, { helpful: false, comment: "" }, tick()), 404);
  });
});

describe("review triggers", () => {
  test("No from three people and no Yes opens one feedback review; a fourth No adds none", () => {
    const article = writeArticle({ title: "Reviews: three times No" });
    feedback(article.id, { userId: member.id }, false, "Wrong menu");
    feedback(article.id, { visitorId: "no-1" }, false);
    expect(reviewsOf(article.id)).toEqual([]);
    // The same person saying No again is not a third person.
    feedback(article.id, { visitorId: "no-1" }, false);
    expect(reviewsOf(article.id)).toEqual([]);

    feedback(article.id, { visitorId: "no-2" }, false);
    expect(openReviews(article.id)).toEqual([
      expect.objectContaining({ reason: "feedback", detail: "3 of 3 readers said it did not help.", requestedById: null, status: "open" }),
    ]);
    feedback(article.id, { userId: other.id }, false);
    expect(reviewsOf(article.id)).toHaveLength(1);
    expect(listReviews(db, mod).find((r) => r.articleId === article.id)).toMatchObject({ reason: "feedback", helpfulYes: 0, helpfulNo: 4 });
  });

  test("3 No against 8 Yes (27%) opens no review; a 4th No (33%) does", () => {
    const article = writeArticle({ title: "Reviews: mostly helpful" });
    for (let i = 1; i <= 8; i++) feedback(article.id, { visitorId: `yes-${i}` }, true);
    for (let i = 1; i <= 3; i++) feedback(article.id, { visitorId: `no-${i}` }, false);
    expect(articleRow(article.id)).toMatchObject({ helpfulYes: 8, helpfulNo: 3 });
    expect(reviewsOf(article.id)).toEqual([]);
    feedback(article.id, { visitorId: "no-4" }, false);
    expect(openReviews(article.id, "feedback")).toHaveLength(1);
  });

  test("an answer or a comment on the source thread after promotion opens one source-activity review while it is open", () => {
    const { thread, answer } = answeredThread();
    const { thread: elsewhere } = answeredThread();
    const article = writeArticle({ answerId: answer.id, title: "Reviews: the source thread moves on" });
    expect(reviewsOf(article.id)).toEqual([]);

    createTestAnswer(db, other, elsewhere.id, "An answer on another thread entirely.", tick());
    expect(reviewsOf(article.id)).toEqual([]);
    // A comment dated before the promotion (an import of older posts) is not news to the article.
    createTestComment(db, other, answer.id, "An older comment, imported late.", new Date(article.createdAt.getTime() - 60_000));
    expect(reviewsOf(article.id)).toEqual([]);

    createTestAnswer(db, other, thread.id, "Since the last update there is a simpler way: use the app.", tick());
    // The site's own detail is a catalogue key: moderators read it in their language.
    expect(openReviews(article.id).map(asModeratorsRead)).toEqual([
      expect.objectContaining({ reason: "source_activity", detail: "A new answer was posted on the source thread.", status: "open" }),
    ]);
    createTestComment(db, other, answer.id, "This no longer works for me.", tick());
    expect(reviewsOf(article.id)).toHaveLength(1);
  });

  test("a comment alone on the source thread opens a source-activity review, and a draft is watched too", () => {
    const { answer } = answeredThread();
    const article = writeArticle({ answerId: answer.id, title: "Reviews: a comment on the source", publish: false });
    createTestComment(db, other, answer.id, "Worked for me too.", tick());
    expect(openReviews(article.id).map(asModeratorsRead)).toEqual([
      expect.objectContaining({ reason: "source_activity", detail: "A new comment was posted on the source thread." }),
    ]);
  });

  test("requestReview opens a manual review with the note and the requester, once while it is open", () => {
    const article = writeArticle({ title: "Reviews: asked for by a moderator" });
    expect(requestReview(db, mod2, article.id, "Prices changed in March", tick())).toBe(true);
    expect(openReviews(article.id)).toEqual([
      expect.objectContaining({ reason: "manual", detail: "Prices changed in March", requestedById: mod2.id, status: "open" }),
    ]);
    expect(requestReview(db, mod, article.id, "Check the prices", tick())).toBe(false);
    expect(reviewsOf(article.id)).toHaveLength(1);
    expectRefused(() => requestReview(db, mod, 999_999, "No such article", tick()), 404);
  });

  test("resolveReview records who, when and what was done; resolving again is a 409; a new trigger then opens a new entry", () => {
    const article = writeArticle({ title: "Reviews: resolved and reopened" });
    requestReview(db, mod, article.id, "Check the screenshots", tick());
    const [review] = openReviews(article.id);
    const at = tick();
    resolveReview(db, mod2, review.id, "Replaced the screenshots", at);
    expect(reviewsOf(article.id)).toEqual([
      expect.objectContaining({ id: review.id, status: "resolved", resolution: "Replaced the screenshots", resolvedById: mod2.id, resolvedAt: at }),
    ]);
    expect(listReviews(db, mod, "resolved").find((r) => r.id === review.id)).toMatchObject({
      resolvedBy: mod2.username,
      resolution: "Replaced the screenshots",
      resolvedAt: at,
    });
    expect(listReviews(db, mod, "open").map((r) => r.id)).not.toContain(review.id);

    expectRefused(() => resolveReview(db, mod, review.id, "Again", tick()), 409);
    expectRefused(() => resolveReview(db, mod, 999_999, "Nothing", tick()), 404);

    expect(requestReview(db, mod, article.id, "Check the screenshots again", tick())).toBe(true);
    expect(openReviews(article.id, "manual")).toHaveLength(1);
    expect(reviewsOf(article.id)).toHaveLength(2);
  });

  test("after a feedback or source-activity review is resolved, the next trigger opens a new one", () => {
    const { thread, answer } = answeredThread();
    const article = writeArticle({ answerId: answer.id, title: "Reviews: triggers after resolution" });
    for (let i = 1; i <= 3; i++) feedback(article.id, { visitorId: `again-${i}` }, false);
    createTestAnswer(db, other, thread.id, "Another way to do it, with the app.", tick());
    for (const review of openReviews(article.id)) resolveReview(db, mod, review.id, "Rewrote the steps", tick());
    expect(openReviews(article.id)).toEqual([]);

    feedback(article.id, { visitorId: "again-4" }, false);
    createTestComment(db, other, answer.id, "Still an issue here.", tick());
    expect(openReviews(article.id).map((r) => r.reason).sort()).toEqual(["feedback", "source_activity"]);
    expect(reviewsOf(article.id)).toHaveLength(4);
  });

  test("the review queue lists open reviews oldest first", () => {
    const first = writeArticle({ title: "Queue order: first" });
    const second = writeArticle({ title: "Queue order: second" });
    requestReview(db, mod, second.id, "Second asked later", tick());
    const later = openReviews(second.id)[0];
    // Asked earlier in time than the one above, though written after it.
    const earlier = new Date(later.createdAt.getTime() - 10 * 60_000);
    requestReview(db, mod, first.id, "First asked earlier", earlier);
    const ids = listReviews(db, mod, "open").map((r) => r.articleId).filter((id) => id === first.id || id === second.id);
    expect(ids).toEqual([first.id, second.id]);
  });
});

describe("who may manage the knowledge base", () => {
  // Things a refused call could act on: an answer not yet promoted, an
  // article with a review waiting, and its feedback.
  let target: Article;
  let freeAnswerId: number;
  let reviewId: number;

  beforeAll(() => {
    freeAnswerId = answeredThread().answer.id;
    const { answer } = answeredThread();
    target = writeArticle({ answerId: answer.id, title: "Refusals: the target article", publish: false });
    updateArticle(db, mod, target.id, input({ title: "Refusals: the target article", note: "Second version" }), tick());
    requestReview(db, mod, target.id, "Check it", tick());
    reviewId = openReviews(target.id)[0].id;
  });

  const calls: [string, (actor: Actor) => unknown][] = [
    ["promotionDraft", (a) => promotionDraft(db, a, freeAnswerId)],
    ["createArticle", (a) => createArticle(db, a, { ...input({ title: "Refused article" }), answerId: freeAnswerId, publish: true }, tick())],
    ["updateArticle", (a) => updateArticle(db, a, target.id, input({ title: "Refused edit" }), tick())],
    ["setArticleStatus", (a) => setArticleStatus(db, a, target.id, "published", tick())],
    ["restoreArticleVersion", (a) => restoreArticleVersion(db, a, target.id, 1, tick())],
    ["requestReview", (a) => requestReview(db, a, target.id, "Refused request", tick())],
    ["resolveReview", (a) => resolveReview(db, a, reviewId, "Refused resolution", tick())],
    ["listReviews", (a) => listReviews(db, a)],
    ["listUnpublishedArticles", (a) => listUnpublishedArticles(db, a, "draft")],
    ["getArticleForEdit", (a) => getArticleForEdit(db, a, target.slug)],
    ["getArticleHistory", (a) => getArticleHistory(db, a, target.slug)],
    ["listNegativeFeedback", (a) => listNegativeFeedback(db, a, target.id)],
  ];

  test.each(calls)("%s: a member gets 403 and a visitor 401, and nothing changes", (_name, call) => {
    expectRefused(() => call(member), 403);
    expectRefused(() => call(null), 401);
  });

  test("moderators, and a member who becomes one, are allowed", async () => {
    expect(listUnpublishedArticles(db, mod, "draft").map((a) => a.id)).toContain(target.id);
    expect(getArticleHistory(db, mod2, target.slug).versions.map((v) => v.number)).toEqual([2, 1]);
    const promoted = await createUser(db, { createdAt: established, role: "moderator" });
    expect(getArticleForEdit(db, promoted, target.slug).article.id).toBe(target.id);
  });
});

describe("audit", () => {
  test("promotion, publication, unpublication, archiving, restoring and review requests and resolutions are recorded with the moderator", () => {
    const { answer } = answeredThread();
    const article = writeArticle({ answerId: answer.id, title: "Audit: every step of an article", publish: false }, mod);
    setArticleStatus(db, mod2, article.id, "published", tick());
    setArticleStatus(db, mod, article.id, "draft", tick());
    updateArticle(db, mod2, article.id, input({ title: "Audit: every step, edited" }), tick());
    restoreArticleVersion(db, mod2, article.id, 1, tick());
    setArticleStatus(db, mod2, article.id, "archived", tick());
    requestReview(db, mod, article.id, "Is this still true?", tick());
    const [review] = openReviews(article.id);
    resolveReview(db, mod2, review.id, "Checked, still true", tick());

    // Edits have their own entries; this test is about the steps listed above.
    expect(auditOf(article.id).filter((e) => e.action !== "article.edit")).toEqual([
      { action: "article.promote", actorId: mod.id, details: { title: article.title, status: "draft", answerId: answer.id }, reason: "" },
      { action: "article.publish", actorId: mod2.id, details: { from: "draft", to: "published" }, reason: "" },
      { action: "article.unpublish", actorId: mod.id, details: { from: "published", to: "draft" }, reason: "" },
      { action: "article.restore", actorId: mod2.id, details: { version: 1, newVersion: 3 }, reason: "" },
      { action: "article.archive", actorId: mod2.id, details: { from: "draft", to: "archived" }, reason: "" },
      { action: "article.review_request", actorId: mod.id, details: {}, reason: "Is this still true?" },
      { action: "article.review_resolve", actorId: mod2.id, details: { reviewId: review.id, reason: "manual" }, reason: "Checked, still true" },
    ]);
  });

  test("an official article's creation is recorded as a creation, not a promotion", () => {
    const article = writeArticle({ title: "Audit: an official article" }, mod2);
    expect(auditOf(article.id)).toEqual([
      { action: "article.create", actorId: mod2.id, details: { title: article.title, status: "published", answerId: null }, reason: "" },
    ]);
  });
});

describe("the review rule set by admins", () => {
  test("a stricter rule (5 and more than 50%) holds back what the default would have queued", async () => {
    const admin = await createUser(db, { role: "admin", createdAt: new Date(Date.now() - 60 * 24 * 60 * 60 * 1000) });
    updateKbReviewRule(db, admin, { minNo: 5, noPercent: 50 });
    try {
      const result = createArticle(db, mod, { title: "An article judged by a stricter rule", body: "Text long enough to be an article body.", category: "billing", tags: [], note: "", publish: true });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const queued = () => db.select().from(articleReviews).where(eq(articleReviews.articleId, result.article.id)).all().length;
      for (let i = 0; i < 4; i++) recordFeedback(db, result.article.id, { visitorId: `strict-${i}` }, { helpful: false, comment: "" });
      expect(queued()).toBe(0);
      recordFeedback(db, result.article.id, { visitorId: "strict-4" }, { helpful: false, comment: "" });
      expect(queued()).toBe(1);
    } finally {
      updateKbReviewRule(db, admin, DEFAULT_KB_REVIEW_RULE);
    }
  });
});
