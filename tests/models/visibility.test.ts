// The SQL scope (models/visibility.server.ts) and the pure policy (canSeeThread,
// canSeePost) decide the same, for every kind of viewer, on a community of
// threads, answers and comments in every state: deleted, hidden, both or
// neither, the thread's as well as the post's and its parent's, some written
// by the viewer. Drawn from a fixed seed, so a failure can be replayed.
import { and, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, test } from "vitest";
import { PREPARED_SIGHT, readsEarlyAccess, sightOf, sightValues, visibleArticles, visibleEarlyAccess, visiblePosts, visibleThreads } from "../../app/models/visibility.server";
import { can, canSeeArticle, canSeePost, canSeeThread, DEFAULT_PRIVILEGES, type Actor } from "../../app/policy";
import { accessGrants, announcements, ARTICLE_STATUSES, articles, categories, posts, threads, users } from "../../db/schema";
import { createTestDb } from "../support/db";
import { createTestCategory } from "../support/factories";

const db = createTestDb();
const THREADS = 60;

/** A small deterministic random generator (mulberry32), so every run draws the same community. */
function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Viewer = { name: string; actor: Actor };
const viewers: Viewer[] = [];
let authorId = 0;

function insertUser(username: string, role: "member" | "moderator" | "admin", reputation: number, suspended = false) {
  const now = new Date("2026-01-01T00:00:00Z");
  return db
    .insert(users)
    .values({
      username,
      email: `${username}@example.com`,
      displayName: username,
      passwordHash: "not-a-password",
      role,
      reputation,
      createdAt: now,
      suspendedUntil: suspended ? new Date("2099-01-01T00:00:00Z") : null,
    })
    .returning()
    .get();
}

beforeAll(() => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const category = db.select().from(categories).get()!;
  const author = insertUser("author", "member", 120);
  authorId = author.id;
  const others = [insertUser("someone", "member", 40), insertUser("another", "member", 9)];
  viewers.push(
    { name: "visitor", actor: null },
    { name: "member", actor: insertUser("member", "member", 60) },
    { name: "author", actor: author },
    { name: "top contributor", actor: insertUser("top", "member", 5_000) },
    { name: "moderator", actor: insertUser("mod", "moderator", 1) },
    { name: "admin", actor: insertUser("admin", "admin", 1) },
    { name: "suspended", actor: insertUser("suspended", "member", 300, true) },
  );

  const random = randomFrom(20261202);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const writer = () => (random() < 0.4 ? author.id : pick(others).id);
  const when = (chance: number) => (random() < chance ? new Date("2026-02-01T00:00:00Z") : null);
  const now = new Date("2026-01-15T00:00:00Z");

  for (let i = 0; i < THREADS; i += 1) {
    const asker = writer();
    const questionHidden = when(0.25);
    const thread = db
      .insert(threads)
      .values({ title: `Thread ${i}`, slug: `thread-${i}`, categoryId: category.id, authorId: asker, lastActivityAt: now, createdAt: now, deletedAt: when(0.2), hiddenAt: questionHidden })
      .returning()
      .get();
    const post = (kind: "question" | "answer" | "comment", authorOf: number, parentId: number | null, hiddenAt = when(0.25)) =>
      db
        .insert(posts)
        .values({ threadId: thread.id, kind, authorId: authorOf, parentId, body: "text", bodyHtml: "<p>text</p>", createdAt: now, deletedAt: when(0.2), hiddenAt })
        .returning()
        .get();
    // The thread's hidden_at mirrors its question's.
    const question = post("question", asker, null, questionHidden);
    const parents = [question];
    for (let a = 0; a < 3; a += 1) parents.push(post("answer", writer(), null));
    for (const parent of parents) for (let c = 0; c < 2; c += 1) post("comment", writer(), parent.id);
  }
  ARTICLE_STATUSES.forEach((status, i) => {
    for (let n = 0; n < 3; n += 1) {
      db.insert(articles)
        .values({ slug: `article-${status}-${n}`, title: `Article ${i}.${n}`, body: "text", bodyHtml: "<p>text</p>", categoryId: category.id, status, authorId: author.id, createdAt: now, updatedAt: now })
        .run();
    }
  });
});

const seen = (row: { authorId: number; deletedAt: Date | null; hiddenAt: Date | null }) => ({
  authorId: row.authorId,
  deleted: !!row.deletedAt,
  hidden: !!row.hiddenAt,
});

function pureVisiblePostIds(actor: Actor) {
  const all = db.select().from(posts).innerJoin(threads, eq(threads.id, posts.threadId)).all();
  const byId = new Map(all.map((row) => [row.posts.id, row.posts]));
  return all
    .filter((row) => {
      const parent = row.posts.parentId === null ? null : byId.get(row.posts.parentId)!;
      return canSeePost(actor, seen(row.posts), seen(row.threads), parent ? seen(parent) : null);
    })
    .map((row) => row.posts.id)
    .sort((a, b) => a - b);
}

describe("the visibility scope and the policy agree", () => {
  test("the community has every state to decide on", () => {
    const all = db.select().from(posts).all();
    expect(all.some((p) => p.deletedAt && p.kind === "answer")).toBe(true);
    expect(all.some((p) => p.hiddenAt && p.kind === "answer")).toBe(true);
    expect(all.some((p) => p.hiddenAt && p.authorId === authorId)).toBe(true);
    expect(db.select().from(threads).all().some((t) => t.deletedAt && t.hiddenAt)).toBe(true);
  });

  test.each(["visitor", "member", "author", "top contributor", "moderator", "admin", "suspended"])("on threads, for a %s", (name) => {
    const { actor } = viewers.find((v) => v.name === name)!;
    const sql = db
      .select({ id: threads.id })
      .from(threads)
      .where(visibleThreads(sightOf(actor)))
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b);
    const pure = db
      .select()
      .from(threads)
      .all()
      .filter((t) => canSeeThread(actor, seen(t)))
      .map((t) => t.id)
      .sort((a, b) => a - b);
    expect(sql).toEqual(pure);
    if (name === "admin") expect(sql).toHaveLength(THREADS);
    if (name === "visitor") expect(sql.length).toBeLessThan(THREADS);
  });

  test.each(["visitor", "member", "author", "top contributor", "moderator", "admin", "suspended"])("on posts, for a %s, with the viewer's values and prepared", (name) => {
    const { actor } = viewers.find((v) => v.name === name)!;
    const pure = pureVisiblePostIds(actor);
    const direct = db
      .select({ id: posts.id })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(visiblePosts(sightOf(actor)))
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b);
    const prepared = db
      .select({ id: posts.id })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(visiblePosts(PREPARED_SIGHT))
      .prepare()
      .all(sightValues(actor))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(direct).toEqual(pure);
    expect(prepared).toEqual(pure);
  });

  test.each(["visitor", "member", "author", "top contributor", "moderator", "admin", "suspended"])("on articles, for a %s, with the viewer's values and prepared", (name) => {
    const { actor } = viewers.find((v) => v.name === name)!;
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
    const pure = ids(db.select().from(articles).all().filter((a) => canSeeArticle(actor, a)));
    expect(ids(db.select({ id: articles.id }).from(articles).where(visibleArticles(sightOf(actor))).all())).toEqual(pure);
    expect(ids(db.select({ id: articles.id }).from(articles).where(visibleArticles(PREPARED_SIGHT)).prepare().all(sightValues(actor)))).toEqual(pure);
    expect(pure.length).toBe(name === "moderator" || name === "admin" ? 9 : 3);
  });

  test("on early access: the readers the SQL finds are those the policy lets read, at any threshold", () => {
    const moderator = viewers.find((v) => v.name === "moderator")!.actor!;
    const grant = (username: string, revoked: boolean) => {
      const user = insertUser(username, "member", 20);
      db.insert(accessGrants)
        .values({ userId: user.id, grantedById: moderator.id, reason: "Beta tester", createdAt: new Date("2026-03-01T00:00:00Z"), revokedAt: revoked ? new Date("2026-03-02T00:00:00Z") : null })
        .run();
    };
    grant("granted", false);
    grant("revoked", true);
    const grantedNow = new Set(db.select({ userId: accessGrants.userId }).from(accessGrants).where(isNull(accessGrants.revokedAt)).all().map((r) => r.userId));
    for (const threshold of [1, 60, 120, 1_000, 10_000]) {
      const sql = db
        .select({ id: users.id })
        .from(users)
        .where(readsEarlyAccess(threshold))
        .all()
        .map((r) => r.id)
        .sort((a, b) => a - b);
      const pure = db
        .select()
        .from(users)
        .all()
        .filter((u) => can({ ...u, privileges: { ...DEFAULT_PRIVILEGES, earlyAccess: threshold } }, "earlyAccess.read", { granted: grantedNow.has(u.id) }))
        .map((u) => u.id)
        .sort((a, b) => a - b);
      expect(sql, `threshold ${threshold}`).toEqual(pure);
    }
  });

  test("on early-access announcements: readers see the ones not expired, staff the expired ones too", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const author = viewers.find((v) => v.name === "moderator")!.actor!;
    const publish = (title: string, expiresAt: Date | null) =>
      db.insert(announcements).values({ kind: "early_access", title, body: "b", bodyHtml: "<p>b</p>", authorId: author.id, createdAt: new Date("2026-05-01T00:00:00Z"), expiresAt }).returning().get().id;
    const open = publish("No end", null);
    const later = publish("Ends tomorrow", new Date("2026-06-02T00:00:00Z"));
    const ended = publish("Ended yesterday", new Date("2026-05-31T00:00:00Z"));
    const endsNow = publish("Ends at this very moment", now);
    const seen = (name: string) =>
      db
        .select({ id: announcements.id })
        .from(announcements)
        .where(and(eq(announcements.kind, "early_access"), visibleEarlyAccess(sightOf(viewers.find((v) => v.name === name)!.actor), now)))
        .all()
        .map((r) => r.id)
        .sort((a, b) => a - b);
    expect(seen("top contributor")).toEqual([open, later]);
    expect(seen("moderator")).toEqual([open, later, ended, endsNow]);
  });

  test("on an alias of the tables (as a query joining posts twice writes it)", () => {
    const answer = alias(posts, "answer");
    const thread = alias(threads, "t");
    const actor = viewers.find((v) => v.name === "author")!.actor;
    const ids = db
      .select({ id: answer.id })
      .from(answer)
      .innerJoin(thread, eq(thread.id, answer.threadId))
      .where(and(eq(answer.kind, "comment"), visiblePosts(sightOf(actor), answer, thread)))
      .all()
      .map((r) => r.id)
      .sort((a, b) => a - b);
    const comments = new Set(db.select({ id: posts.id }).from(posts).where(eq(posts.kind, "comment")).all().map((r) => r.id));
    expect(ids).toEqual(pureVisiblePostIds(actor).filter((id) => comments.has(id)));
  });
});
