// The API's reads (app/api/operations/read-*.server.ts, app/api/present.server.ts):
// every answer checked against the OpenAPI document; lists walked to the end
// by cursor against the rows in the database; hidden, deleted and held
// content absent for a visitor and a member, present for staff where the
// site shows it to them; 404 for what does not exist or may not be seen.
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { anonymiseAccount } from "../../app/models/accounts/account-deletion.server";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { holdPublishedPost } from "../../app/models/forum/held-posts.server";
import { deletePost } from "../../app/models/forum/post.server";
import { castVote } from "../../app/models/forum/vote.server";
import { createArticle, setArticleStatus } from "../../app/models/kb/kb.server";
import { linkThread, openIncident, postIncidentUpdate, resolveIncident } from "../../app/models/moderation/incident.server";
import { closeAsDuplicate, hidePost, lockThread, pinThread } from "../../app/models/moderation/moderation.server";
import { announcementUpdates, categories, posts, threads, users } from "../../db/schema";
import { apiClient, expectConforms, tokenFor } from "../support/api";
import { asCurrentUser, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
const api = apiClient(db);

type User = Awaited<ReturnType<typeof createUser>>;
let author: User;
let other: User;
let moderator: User;
let tokens: { author: string; other: string; bystander: string; moderator: string };

// Words planted in what a visitor and a member must never read through the API.
const FORBIDDEN = ["wordhiddenanswer", "worddeletedanswer", "wordheldanswer", "wordhiddenquestion", "worddeletedquestion", "wordheldquestion", "wordcommentunderhidden", "worddraftarticle"];

const ids = {} as Record<string, number>;
let clock = Date.now() - 3 * 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));
const questionOf = (threadId: number) => db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;
const postRow = (id: number) => db.select().from(posts).where(eq(posts.id, id)).get()!;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  db.update(categories).set({ translations: { fr: { name: "Facturation" } } }).where(eq(categories.slug, "billing")).run();
  createTestCategory(db, { slug: "network", name: "Network" });
  author = await createEstablishedMember(db, { username: "author_ada" });
  other = await createEstablishedMember(db, { username: "other_otto" });
  const leaver = await createEstablishedMember(db, { username: "leaver_lea" });
  const bystander = await createUser(db, { username: "bystander_bo" });
  moderator = await createUser(db, { username: "mod_mo", role: "moderator" });
  tokens = {
    author: tokenFor(db, author.id, ["read", "write"]),
    other: tokenFor(db, other.id, ["read"]),
    bystander: tokenFor(db, bystander.id, ["read"]),
    moderator: tokenFor(db, moderator.id, ["read"]),
  };

  const a = createTestThread(db, author, { title: "Why is my invoice higher this month?", body: "My invoice doubled, wordquestiona.", category: "billing", tags: ["invoice", "roaming"], at: tick() });
  ids.a = a.id;
  ids.live1 = createTestAnswer(db, other, a.id, "Check the roaming line, wordliveanswer1.", tick()).id;
  ids.comment1 = createTestComment(db, author, ids.live1, "It was roaming, thanks.", tick()).id;
  ids.deleted = createTestAnswer(db, other, a.id, "Call the team, worddeletedanswer.", tick()).id;
  ids.hidden = createTestAnswer(db, other, a.id, "Buy my pills, wordhiddenanswer.", tick()).id;
  ids.commentUnderHidden = createTestComment(db, author, ids.hidden, "No, wordcommentunderhidden.", tick()).id;
  ids.held = createTestAnswer(db, other, a.id, "Click here, wordheldanswer.", tick()).id;
  ids.live2 = createTestAnswer(db, leaver, a.id, "Or ask for a refund, wordliveanswer2.", tick()).id;
  deletePost(db, moderator, ids.deleted, tick());
  hidePost(db, moderator, ids.hidden, "Spam", tick());
  holdPublishedPost(db, postRow(ids.held), "Spam flags", tick());
  castVote(db, author, ids.live2, "up", tick());
  acceptAnswer(db, author, ids.live1, tick());

  const hiddenThread = createTestThread(db, author, { title: "Free phones for everyone here", body: "Click, wordhiddenquestion.", category: "billing", tags: ["roaming"], at: tick() });
  ids.hiddenThread = hiddenThread.id;
  hidePost(db, moderator, questionOf(hiddenThread.id).id, "Spam", tick());
  const deletedThread = createTestThread(db, author, { title: "Old question about the former offer", body: "Still on, worddeletedquestion?", category: "billing", at: tick() });
  ids.deletedThread = deletedThread.id;
  deletePost(db, moderator, questionOf(deletedThread.id).id, tick());
  const heldThread = createTestThread(db, other, { title: "Cheap watches at my shop today", body: "Visit, wordheldquestion.", category: "network", at: tick() });
  ids.heldThread = heldThread.id;
  holdPublishedPost(db, questionOf(heldThread.id), "Spam flags", tick());

  // Enough live questions for several pages, in both categories, some answered, one locked, one pinned.
  for (let i = 0; i < 9; i += 1) {
    const asker = i % 2 ? author : other;
    const thread = createTestThread(db, asker, { title: `Question number ${i} about the box lights`, body: `The lights blink, question ${i}.`, category: i % 3 ? "network" : "billing", tags: i % 2 ? ["lights"] : [], at: tick() });
    ids[`q${i}`] = thread.id;
    if (i % 3 === 0) createTestAnswer(db, i % 2 ? other : author, thread.id, `Unplug it for a minute, answer ${i}.`, tick());
  }
  lockThread(db, moderator, ids.q1!, tick());
  expect(closeAsDuplicate(db, moderator, ids.q5!, String(ids.a), tick())).toMatchObject({ ok: true });
  // q6's original is hidden after the closing: its id is no longer for everyone.
  expect(closeAsDuplicate(db, moderator, ids.q6!, String(ids.q0), tick())).toMatchObject({ ok: true });
  hidePost(db, moderator, questionOf(ids.q0!).id, "Spam", tick());
  pinThread(db, moderator, ids.q4!, "category", tick());
  castVote(db, author, questionOf(ids.q2!).id, "up", tick());
  anonymiseAccount(db, leaver.id, tick());

  const publish = (title: string, body: string, publish: boolean, category = "billing") => {
    const result = createArticle(db, moderator, { title, body, category, tags: ["router"], note: "", publish }, tick());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.article;
  };
  ids.article1 = publish("Reset your router", "Hold the button for ten seconds, wordarticleone.", true).id;
  ids.draft = publish("A draft about refunds", "Not ready, worddraftarticle.", false).id;
  ids.article2 = publish("Read your invoice", "Line by line, wordarticletwo.", true, "network").id;
  ids.archived = publish("The old pricing explained", "Gone now.", true).id;
  setArticleStatus(db, moderator, ids.archived, "archived", tick());

  const incident = openIncident(db, moderator, { title: "Payments are slow", severity: "degraded", category: "billing", body: "We are on it." }, tick());
  if (!incident.ok) throw new Error(JSON.stringify(incident));
  ids.incident = incident.incident.id;
  postIncidentUpdate(db, moderator, { incidentId: ids.incident, body: "A fix is rolling out." }, tick());
  linkThread(db, moderator, { incidentId: ids.incident, thread: String(ids.a) }, tick());
  linkThread(db, moderator, { incidentId: ids.incident, thread: String(ids.hiddenThread) }, tick());
  const resolved = openIncident(db, moderator, { title: "Mail was down", severity: "outage", category: "all", body: "Mail is down." }, tick());
  if (!resolved.ok) throw new Error(JSON.stringify(resolved));
  ids.resolvedIncident = resolved.incident.id;
  resolveIncident(db, moderator, { incidentId: ids.resolvedIncident, note: "Mail is back." }, tick());
});

/** GET and check against the document. */
async function get(path: string, template: string, token?: string, status = 200) {
  const response = await api.call("GET", path, { token });
  const body = await expectConforms(response, "GET", template);
  expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(status);
  return body;
}

/** Every page of a list, following nextCursor; the items in order. */
async function walk(path: string, template: string, token?: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page: any = await get(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path, template, token);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { items, pages };
}

/** The threads every list shows, straight from the table: not deleted, question neither hidden nor held. */
function publicThreads() {
  return db.select().from(threads).where(and(isNull(threads.deletedAt), isNull(threads.hiddenAt))).all();
}

/** Who must not read what was planted: a visitor, and a member who wrote none of it. */
const viewers = () => [
  { name: "a visitor", token: undefined },
  { name: "a member", token: tokens.bystander },
];

describe("GET /threads", () => {
  const SORTS = {
    newest: (a: typeof threads.$inferSelect, b: typeof threads.$inferSelect) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
    active: (a: typeof threads.$inferSelect, b: typeof threads.$inferSelect) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id,
    top: (a: typeof threads.$inferSelect, b: typeof threads.$inferSelect) =>
      b.score - a.score || b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id,
  };

  test.each(Object.keys(SORTS) as (keyof typeof SORTS)[])("sort=%s walks every public question exactly once, in the site's order", async (sort) => {
    const expected = publicThreads().sort(SORTS[sort]).map((t) => t.id);
    for (const { token } of [...viewers(), { token: tokens.moderator }]) {
      const { items, pages } = await walk(`/threads?sort=${sort}&limit=4`, "/threads", token);
      expect(items.map((t) => t.id)).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 4));
    }
  });

  test("filters: category, tag, author and status, each walked to the end", async () => {
    const all = publicThreads();
    const networkId = db.select().from(categories).where(eq(categories.slug, "network")).get()!.id;
    const cases: [string, number[]][] = [
      ["category=network", all.filter((t) => t.categoryId === networkId).map((t) => t.id)],
      ["tag=lights", [ids.q1!, ids.q3!, ids.q5!, ids.q7!]],
      ["author=author_ada", all.filter((t) => t.authorId === author.id).map((t) => t.id)],
      ["status=unanswered", all.filter((t) => t.answerCount === 0 && !t.lockedAt && !t.duplicateOfId).map((t) => t.id)],
      ["status=answered", all.filter((t) => t.answerCount > 0).map((t) => t.id)],
      ["status=solved", [ids.a!]],
      ["status=unsolved", all.filter((t) => t.acceptedAnswerId === null).map((t) => t.id)],
      ["sort=unanswered", all.filter((t) => t.answerCount === 0 && !t.lockedAt && !t.duplicateOfId).map((t) => t.id)],
    ];
    for (const [filter, expected] of cases) {
      const { items } = await walk(`/threads?${filter}&limit=3`, "/threads");
      expect(items.map((t) => t.id).sort((x, y) => x - y), filter).toEqual([...expected].sort((x, y) => x - y));
      expect(items.length, filter).toBeGreaterThan(0);
    }
  });

  test("no hidden, deleted or held question in any list, whoever asks (the site's lists show the public's view)", async () => {
    for (const token of [undefined, tokens.other, tokens.author, tokens.moderator]) {
      const { items } = await walk("/threads?limit=100", "/threads", token);
      const listed = items.map((t) => t.id);
      for (const key of ["hiddenThread", "deletedThread", "heldThread"]) expect(listed).not.toContain(ids[key]);
    }
  });

  test("a summary's counts and marks are the rows'", async () => {
    const { items } = await walk("/threads?limit=100", "/threads");
    const a = items.find((t) => t.id === ids.a);
    expect(a).toMatchObject({ answerCount: 2, solved: true, acceptedAnswerId: ids.live1, tags: ["invoice", "roaming"], category: { slug: "billing", name: "Billing" } });
    expect(a.url).toBe(`http://community.test/t/${ids.a}/why-is-my-invoice-higher-this-month`);
    expect(a.author).toMatchObject({ username: "author_ada", bot: false });
    expect(items.find((t) => t.id === ids.q1)).toMatchObject({ locked: true });
    expect(items.find((t) => t.id === ids.q4)).toMatchObject({ pinned: true });
    expect(items.find((t) => t.id === ids.q2)).toMatchObject({ score: 1 });
    // A duplicate names its original only to those who may open it.
    expect(items.find((t) => t.id === ids.q5)).toMatchObject({ duplicateOfId: ids.a });
    expect(items.find((t) => t.id === ids.q6)).toMatchObject({ duplicateOfId: null });
    expect(await get(`/threads/${ids.q6}`, "/threads/{id}", tokens.moderator)).toMatchObject({ duplicateOfId: ids.q0 });
    for (const item of items) {
      const row = db.select().from(threads).where(eq(threads.id, item.id)).get()!;
      expect(item).toMatchObject({ score: row.score, answerCount: row.answerCount, viewCount: row.viewCount });
      const visibleAnswers = db.select().from(posts).where(and(eq(posts.threadId, item.id), eq(posts.kind, "answer"), isNull(posts.deletedAt), isNull(posts.hiddenAt))).all();
      expect(item.answerCount).toBe(visibleAnswers.length);
    }
  });

  test("a category's threadCount equals the questions its list walks", async () => {
    const categories = await get("/categories", "/categories");
    for (const category of categories.items) {
      const { items } = await walk(`/threads?category=${category.slug}&limit=5`, "/threads");
      expect(items.length).toBe(category.threadCount);
    }
  });

  test("names in the caller's language: a French token owner reads the category's French name", async () => {
    const french = await createUser(db, { username: "francoise" });
    db.update(users).set({ language: "fr" }).where(eq(users.id, french.id)).run();
    const { items } = await walk("/threads?category=billing&limit=100", "/threads", tokenFor(db, french.id, ["read"]));
    expect(items[0].category.name).toBe("Facturation");
  });

  test("bad input: an unknown category or author, a bad sort, a cursor of another list or of nothing: 422 on the field", async () => {
    const unknown = await get("/threads?category=nowhere", "/threads", undefined, 422);
    expect(unknown.errors).toEqual([expect.objectContaining({ field: "category" })]);
    expect((await get("/threads?author=nobody_here", "/threads", undefined, 422)).errors[0].field).toBe("author");
    expect((await get("/threads?sort=sideways", "/threads", undefined, 422)).errors[0].field).toBe("sort");
    expect((await get("/threads?limit=0", "/threads", undefined, 422)).errors[0].field).toBe("limit");
    expect((await get("/threads?limit=101", "/threads", undefined, 422)).errors[0].field).toBe("limit");
    expect((await get("/threads?cursor=garbage", "/threads", undefined, 422)).errors[0].field).toBe("cursor");
    const first = await get("/threads?sort=newest&limit=2", "/threads");
    expect((await get(`/threads?sort=top&limit=2&cursor=${first.nextCursor}`, "/threads", undefined, 422)).errors[0].field).toBe("cursor");
  });
});

describe("GET /threads/{id}", () => {
  test("a visitor and a member read the question, the live answers (accepted first) and their comments, nothing planted", async () => {
    for (const { token } of viewers()) {
      const response = await api.call("GET", `/threads/${ids.a}`, { token });
      const text = await response.clone().text();
      const thread = await expectConforms(response, "GET", "/threads/{id}");
      expect(thread.question).toMatchObject({ kind: "question", body: "My invoice doubled, wordquestiona.", hidden: false, deleted: false });
      expect(thread.answers.map((a: { id: number }) => a.id)).toEqual([ids.live1, ids.live2]);
      expect(thread.answers[0]).toMatchObject({ accepted: true, comments: [expect.objectContaining({ id: ids.comment1, kind: "comment", parentId: ids.live1 })] });
      // A former member's answer stays, under nobody.
      expect(thread.answers[1]).toMatchObject({ author: null, score: 1 });
      expect(thread.answers[0].bodyHtml).toBe(postRow(ids.live1).bodyHtml);
      for (const word of FORBIDDEN) expect(text).not.toContain(word);
      expect(thread.answerCount).toBe(thread.answers.length);
    }
  });

  test("the author of a hidden answer reads it with the reason; staff read every answer with its state", async () => {
    const mine = await get(`/threads/${ids.a}`, "/threads/{id}", tokens.author);
    expect(mine.answers.map((a: { id: number }) => a.id)).not.toContain(ids.hidden);
    const others = await get(`/threads/${ids.a}`, "/threads/{id}", tokens.other);
    expect(others.answers.find((a: { id: number }) => a.id === ids.hidden)).toMatchObject({ hidden: true, hiddenReason: "Spam", held: false });
    expect(others.answers.find((a: { id: number }) => a.id === ids.held)).toMatchObject({ hidden: true, held: true });
    expect(others.answers.map((a: { id: number }) => a.id)).not.toContain(ids.deleted);

    const staff = await get(`/threads/${ids.a}`, "/threads/{id}", tokens.moderator);
    const byId = new Map(staff.answers.map((a: { id: number }) => [a.id, a]));
    expect(byId.get(ids.deleted)).toMatchObject({ deleted: true });
    expect(byId.get(ids.hidden)).toMatchObject({ hidden: true, comments: [expect.objectContaining({ id: ids.commentUnderHidden })] });
    expect(byId.get(ids.held)).toMatchObject({ held: true });
  });

  test("hidden, deleted and held questions: 404 for a visitor and a member, readable by staff (and a hidden one by its asker)", async () => {
    for (const key of ["hiddenThread", "deletedThread", "heldThread"]) {
      for (const { token } of viewers()) {
        const problem = await get(`/threads/${ids[key]}`, "/threads/{id}", token, 404);
        expect(problem).toMatchObject({ status: 404, type: "/api/docs#problem-not-found" });
      }
      expect(await get(`/threads/${ids[key]}`, "/threads/{id}", tokens.moderator)).toMatchObject({ id: ids[key] });
    }
    expect(await get(`/threads/${ids.heldThread}`, "/threads/{id}", tokens.author, 404)).toMatchObject({ status: 404 });
    expect(await get(`/threads/${ids.hiddenThread}`, "/threads/{id}", tokens.author)).toMatchObject({ hidden: true, question: { hidden: true } });
    expect(await get(`/threads/${ids.heldThread}`, "/threads/{id}", tokens.other)).toMatchObject({ question: { held: true } });
    expect(await get(`/threads/${ids.deletedThread}`, "/threads/{id}", tokens.author, 404)).toMatchObject({ status: 404 });
    expect(await get(`/threads/${ids.deletedThread}`, "/threads/{id}", tokens.moderator)).toMatchObject({ deleted: true });
  });

  test("an id that names nothing: 404", async () => {
    await get("/threads/999999", "/threads/{id}", undefined, 404);
    await get("/threads/abc", "/threads/{id}", undefined, 404);
    await get("/threads/0", "/threads/{id}", undefined, 404);
  });
});

describe("GET /posts/{id}", () => {
  test("a live post for everyone; hidden, deleted, held ones and a comment under a hidden answer: 404 but for their author and staff", async () => {
    expect(await get(`/posts/${ids.live1}`, "/posts/{id}")).toMatchObject({ id: ids.live1, kind: "answer", accepted: true, threadId: ids.a, body: "Check the roaming line, wordliveanswer1." });
    expect(await get(`/posts/${ids.comment1}`, "/posts/{id}")).toMatchObject({ kind: "comment", parentId: ids.live1 });
    for (const key of ["hidden", "deleted", "held", "commentUnderHidden"]) {
      for (const { token } of viewers()) await get(`/posts/${ids[key]}`, "/posts/{id}", token, 404);
      expect(await get(`/posts/${ids[key]}`, "/posts/{id}", tokens.moderator)).toMatchObject({ id: ids[key] });
    }
    // other_otto wrote the hidden, held and deleted answers; author_ada the comment under the hidden one.
    expect(await get(`/posts/${ids.hidden}`, "/posts/{id}", tokens.other)).toMatchObject({ hidden: true, hiddenReason: "Spam" });
    expect(await get(`/posts/${ids.held}`, "/posts/{id}", tokens.other)).toMatchObject({ held: true });
    await get(`/posts/${ids.deleted}`, "/posts/{id}", tokens.other, 404);
    await get(`/posts/${ids.commentUnderHidden}`, "/posts/{id}", tokens.author, 404);
    await get(`/posts/${questionOf(ids.hiddenThread!).id}`, "/posts/{id}", undefined, 404);
    await get("/posts/999999", "/posts/{id}", undefined, 404);
  });
});

describe("GET /users/{username}", () => {
  test("a public profile, its counts what everyone may read", async () => {
    const profile = await get("/users/Author_Ada", "/users/{username}");
    const askedPublicly = publicThreads().filter((t) => t.authorId === author.id).length;
    expect(profile).toMatchObject({ id: author.id, username: "author_ada", role: "member", bot: false, questionCount: askedPublicly, reputation: asCurrentUser(db, author.id).reputation });
    expect(profile.rank).toBeTruthy();
    const otto = await get("/users/other_otto", "/users/{username}");
    const liveAnswers = db
      .select()
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(and(eq(posts.authorId, other.id), eq(posts.kind, "answer"), isNull(posts.deletedAt), isNull(posts.hiddenAt), isNull(threads.deletedAt), isNull(threads.hiddenAt)))
      .all();
    expect(otto.answerCount).toBe(liveAnswers.length);
    expect(JSON.stringify(profile)).not.toContain("@example.test");
  });

  test("an unknown member or a deleted account: 404", async () => {
    await get("/users/nobody_here", "/users/{username}", undefined, 404);
    await get("/users/leaver_lea", "/users/{username}", undefined, 404);
  });
});

describe("GET /articles and /articles/{slug}", () => {
  test("published articles for everyone, walked to the end in both sorts; drafts and archived ones only for staff", async () => {
    for (const sort of ["helpful", "newest"]) {
      const { items } = await walk(`/articles?sort=${sort}&limit=1`, "/articles");
      expect(items.map((a) => a.id).sort()).toEqual([ids.article1, ids.article2].sort());
    }
    expect((await walk("/articles?category=network", "/articles")).items.map((a) => a.id)).toEqual([ids.article2]);
    expect((await walk("/articles?status=draft", "/articles", tokens.other)).items).toEqual([]);
    expect((await walk("/articles?status=draft", "/articles", tokens.moderator)).items.map((a) => a.id)).toEqual([ids.draft]);
    expect((await walk("/articles?status=archived", "/articles", tokens.moderator)).items.map((a) => a.id)).toEqual([ids.archived]);
  });

  test("an article with its body; a draft is a 404 but for staff; an unknown slug a 404", async () => {
    const article = await get("/articles/reset-your-router", "/articles/{slug}");
    expect(article).toMatchObject({ id: ids.article1, status: "published", tags: ["router"], body: "Hold the button for ten seconds, wordarticleone.", url: "http://community.test/kb/reset-your-router" });
    await get("/articles/a-draft-about-refunds", "/articles/{slug}", undefined, 404);
    await get("/articles/a-draft-about-refunds", "/articles/{slug}", tokens.other, 404);
    expect(await get("/articles/a-draft-about-refunds", "/articles/{slug}", tokens.moderator)).toMatchObject({ status: "draft" });
    await get("/articles/no-such-article", "/articles/{slug}", undefined, 404);
  });
});

describe("GET /search", () => {
  test("finds what a visitor may read, never what is hidden, deleted or held", async () => {
    const found = await get("/search?q=invoice", "/search");
    expect(found.items.map((h: { kind: string; id: number }) => `${h.kind}:${h.id}`)).toEqual(expect.arrayContaining([`thread:${ids.a}`, `article:${ids.article2}`]));
    expect(found.total).toBe(found.items.length);
    const hit = found.items.find((h: { id: number; kind: string }) => h.kind === "thread" && h.id === ids.a);
    expect(hit.highlights.title.some((part: { mark: boolean; text: string }) => part.mark && /invoice/i.test(part.text))).toBe(true);
    for (const word of FORBIDDEN) {
      for (const { token } of [...viewers(), { token: tokens.moderator }]) {
        const result = await get(`/search?q=${word}`, "/search", token);
        expect(result.items, word).toEqual([]);
      }
    }
    expect((await get("/search?q=invoice&type=article", "/search")).items.map((h: { id: number }) => h.id)).toEqual([ids.article2]);
    expect((await get("/search?q=invoice&status=solved", "/search")).items.map((h: { id: number }) => h.id)).toEqual([ids.a]);
  });

  test("pages of 20 by cursor, each result once", async () => {
    const { items } = await walk("/search?q=lights&sort=newest", "/search");
    const expected = publicThreads().filter((t) => /lights/.test(t.title)).length;
    expect(items.length).toBe(expected);
    expect(new Set(items.map((h) => h.id)).size).toBe(items.length);
  });

  test("a query is required", async () => {
    expect((await get("/search", "/search", undefined, 422)).errors[0].field).toBe("q");
    expect((await get("/search?q=%20", "/search", undefined, 422)).errors[0].field).toBe("q");
  });
});

describe("GET /incidents and /incidents/{id}", () => {
  test("the list, newest first, filtered by status, walked to the end", async () => {
    expect((await walk("/incidents?limit=1", "/incidents")).items.map((i) => i.id)).toEqual([ids.resolvedIncident, ids.incident]);
    expect((await walk("/incidents?status=open", "/incidents")).items.map((i) => i.id)).toEqual([ids.incident]);
    expect((await walk("/incidents?status=resolved", "/incidents")).items).toEqual([expect.objectContaining({ id: ids.resolvedIncident, resolved: true, category: null, severity: "outage" })]);
  });

  test("an incident with its updates; the linked questions the caller may open", async () => {
    const incident = await get(`/incidents/${ids.incident}`, "/incidents/{id}");
    const updates = db.select().from(announcementUpdates).where(eq(announcementUpdates.announcementId, ids.incident!)).all();
    expect(incident).toMatchObject({ title: "Payments are slow", severity: "degraded", resolved: false, category: { slug: "billing" }, updateCount: updates.length, threadIds: [ids.a] });
    expect(incident.updates.map((u: { id: number }) => u.id)).toEqual(updates.map((u) => u.id));
    expect(incident.updates.at(-1)).toMatchObject({ body: "A fix is rolling out.", author: expect.objectContaining({ username: "mod_mo" }) });
    expect((await get(`/incidents/${ids.incident}`, "/incidents/{id}", tokens.moderator)).threadIds.sort()).toEqual([ids.a, ids.hiddenThread].sort());
    await get("/incidents/999999", "/incidents/{id}", undefined, 404);
  });
});

describe("GET /leaderboard", () => {
  test("members only, with their points and ranks, per period and category", async () => {
    for (const period of ["week", "month", "all"]) {
      const board = await get(`/leaderboard?period=${period}`, "/leaderboard");
      expect(board.period).toBe(period);
      const names = board.items.map((row: { user: { username: string } | null }) => row.user?.username);
      expect(names).not.toContain("mod_mo");
      for (const row of board.items) expect(row.points).toBeGreaterThan(0);
    }
    const billing = await get("/leaderboard?period=all&category=billing", "/leaderboard");
    expect(billing.category).toMatchObject({ slug: "billing" });
    expect((await get("/leaderboard?period=year", "/leaderboard", undefined, 422)).errors[0].field).toBe("period");
  });
});
