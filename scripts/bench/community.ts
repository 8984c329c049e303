// The pages benchmark's community: built once from a fixed seed in
// data/bench-pages.db — 20,000 threads in the demo's categories, a few hundred
// of them with exactly 20 answers and comments, markdown rendered by the
// application's own renderer — then reused until the generator changes
// (GENERATOR_VERSION) or `--fresh` asks for a new one.
//
// Threads, posts and users go straight into the tables with prepared
// statements in large transactions: the model functions hash a password and
// render markdown per row, which would take many minutes at this scale. What
// the measured pages depend on for being real — the member who signs in, the
// knowledge-base articles, the search index — is written by the application's
// own model functions. Left out: revisions, votes and the reputation ledger
// (users carry a total), which no measured page reads.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createArticle } from "../../app/models/kb/kb.server";
import { ensureSearchIndex, rebuildSearchIndex } from "../../app/models/search/search-index.server";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import { slugify } from "../../app/models/forum/thread.server";
import { registerUser } from "../../app/models/accounts/user.server";
import { renderInlineMarkdown, renderMarkdown } from "../../app/utils/markdown.server";
import { articlePath, threadPath } from "../../app/utils/paths";
import { createDb, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { settings, threads, users } from "../../db/schema";
import { CATEGORIES, DEVICES, FIRST_NAMES, LAST_NAMES, SEED, between, chance, pick, random, zipf } from "../bench-search-text";
import { DEMO_BRAND } from "../demo-community";
import { answerMarkdown, articleMarkdown, commentMarkdown, makeSubject, makeTitle, questionMarkdown, type Subject } from "./community-text";

// Bump when anything below changes what is generated, so older databases are built again.
const GENERATOR_VERSION = 1;
const MARKER_KEY = "benchPages";
export const BENCH_PAGES_DB = path.resolve(import.meta.dirname, "..", "..", "data", "bench-pages.db");

const USERS = 3_000;
const MODERATORS = 5;
const THREADS = 20_000;
// Every 80th thread is a long one: 250 threads of exactly 20 answers, spread over the years.
const LONG_EVERY = 80;
const LONG_THREAD_ANSWERS = 20;
const TAGS = 120;
const THREADS_PER_TRANSACTION = 2_000;
// Distinct texts per category, each rendered once and shared by several posts
// (rendering every post separately would be most of the build's time).
const QUESTION_TEXTS = 500;
const ANSWER_TEXTS = 900;
const COMMENT_TEXTS = 1_500;
const PROMOTED_ARTICLES = 6;
const BUILD_CACHE_KB = 256 * 1024;
const OFFICIAL_ARTICLES = 4;

/** The member the benchmark signs in as: a real account with a real (argon2) password. */
export const BENCH_MEMBER = {
  username: "bench-member",
  email: "bench-member@example.test",
  password: "pages-benchmark-member-2025",
};

/** What the search page is asked: two common words of the community. */
export const BENCH_SEARCH = "router disconnecting";

// Fixed dates, not "now": the same seed must give the same database.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const HISTORY_END = Date.UTC(2025, 5, 1);
const HISTORY_START = HISTORY_END - 2 * 365 * DAY;

type Marker = { version: number; seed: number; threadId: number; articleSlug: string; buildSeconds: number };

export type BenchCommunity = {
  dbPath: string;
  reused: boolean;
  buildSeconds: number;
  rows: { users: number; threads: number; answers: number; comments: number; articles: number };
  /** The pages measured, as paths that both servers answer. */
  paths: { thread: string; home: string; category: string; search: string; article: string };
  thread: { id: number; answers: number; comments: number };
  member: typeof BENCH_MEMBER;
};

// ---------------------------------------------------------------------------
// Texts: a pool per category, each text rendered once.

type Text = { body: string; bodyHtml: string };
type CategoryTexts = { topic: () => string; questions: Text[]; answers: Text[] };

function renderPool(count: number, write: () => string, render: (source: string) => string): Text[] {
  const pool = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const body = write();
    if (!pool.has(body)) pool.set(body, render(body));
  }
  return [...pool].map(([body, bodyHtml]) => ({ body, bodyHtml }));
}

function subjectIn(category: CategoryTexts): Subject {
  return makeSubject(category.topic, chance(0.1));
}

function categoryTexts(): CategoryTexts[] {
  return CATEGORIES.map((c) => {
    const category: CategoryTexts = { topic: zipf(c.topics, 0.9), questions: [], answers: [] };
    category.questions = renderPool(QUESTION_TEXTS, () => questionMarkdown(subjectIn(category)), (s) => renderMarkdown(s));
    category.answers = renderPool(ANSWER_TEXTS, () => answerMarkdown(subjectIn(category)), (s) => renderMarkdown(s));
    return category;
  });
}

function tagNames(): string[] {
  const names = new Set<string>();
  for (const name of [...CATEGORIES.flatMap((c) => c.topics), ...DEVICES]) {
    const tag = slugify(name).slice(0, 25);
    if (tag.length >= 2) names.add(tag);
  }
  return [...names].slice(0, TAGS);
}

// ---------------------------------------------------------------------------
// Generation, straight into the tables.

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Db) {
  const sqlite = db.$client;
  return {
    user: sqlite.prepare(
      "insert into users (id, username, email, display_name, password_hash, role, reputation, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    category: sqlite.prepare("insert into categories (id, slug, name, description, position, created_at) values (?, ?, ?, ?, ?, ?)"),
    tag: sqlite.prepare("insert into tags (id, name, created_at) values (?, ?, ?)"),
    thread: sqlite.prepare(
      `insert into threads (id, title, slug, category_id, author_id, score, answer_count, accepted_answer_id, view_count,
         last_activity_at, last_activity_by_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    post: sqlite.prepare(
      "insert into posts (id, thread_id, kind, parent_id, author_id, body, body_html, score, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    threadTag: sqlite.prepare("insert into thread_tags (thread_id, tag_id) values (?, ?)"),
  };
}

function writePeopleAndPlaces(statements: Statements, tags: string[]) {
  for (let id = 1; id <= USERS; id++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const username = `${slugify(first)}${slugify(last).slice(0, 3)}${id}`;
    const role = id === 1 ? "admin" : id <= 1 + MODERATORS ? "moderator" : "member";
    // A few regulars hold most of the reputation, as on any forum.
    const reputation = chance(0.05) ? between(500, 12_000) : between(1, 200);
    const createdAt = HISTORY_START - 365 * DAY + Math.floor(random() * 365 * DAY);
    // Not a real hash: these members never sign in (the bench member does, with a real one).
    statements.user.run(id, username, `${username}@example.test`, `${first} ${last}`, "bench-not-a-real-hash", role, reputation, createdAt);
  }
  CATEGORIES.forEach((c, i) => statements.category.run(i + 1, c.slug, c.name, c.description, i, HISTORY_START));
  tags.forEach((name, i) => statements.tag.run(i + 1, name, HISTORY_START));
}

type Post = { id: number; kind: "question" | "answer" | "comment"; parentId: number | null; authorId: number; text: Text; score: number; at: number };

type Generator = {
  statements: Statements;
  texts: CategoryTexts[];
  comments: Text[];
  author: () => number;
  tag: () => number;
  nextPostId: number;
};

/** An exponentially distributed delay: most replies come quickly, some much later. */
const after = (at: number, meanHours: number) => Math.min(HISTORY_END, at + Math.floor(-Math.log(1 - random()) * meanHours * HOUR));

const isLong = (index: number) => (index + 1) % LONG_EVERY === 0;

function answersFor(index: number): number {
  if (isLong(index)) return LONG_THREAD_ANSWERS;
  return chance(0.08) ? 0 : Math.min(12, 1 + Math.floor(-Math.log(1 - random()) * 2));
}

function commentsFor(index: number): number {
  if (isLong(index)) return between(8, 16);
  return chance(0.25) ? between(1, 3) : 0;
}

/** One thread's posts: the question, its answers, comments under either. */
function threadPosts(g: Generator, category: CategoryTexts, index: number, askerId: number, createdAt: number): Post[] {
  const newPost = (kind: Post["kind"], parentId: number | null, text: Text, at: number, score: number): Post => ({
    id: g.nextPostId++, kind, parentId, authorId: kind === "question" ? askerId : g.author(), text, score, at,
  });
  const question = newPost("question", null, pick(category.questions), createdAt, chance(0.5) ? 0 : between(-2, 25));
  const answers: Post[] = [];
  let at = createdAt;
  for (let a = answersFor(index); a > 0; a--) {
    at = after(at, 6);
    answers.push(newPost("answer", null, pick(category.answers), at, chance(0.6) ? 0 : between(-1, 15)));
  }
  const comments: Post[] = [];
  for (let c = commentsFor(index); c > 0; c--) {
    const parent = answers.length && chance(0.7) ? pick(answers) : question;
    comments.push(newPost("comment", parent.id, pick(g.comments), after(parent.at, 3), 0));
  }
  return [question, ...answers, ...comments];
}

function writeThread(g: Generator, index: number) {
  const categoryIndex = Math.floor(random() * CATEGORIES.length);
  const category = g.texts[categoryIndex];
  const title = makeTitle(subjectIn(category));
  const createdAt = HISTORY_START + Math.floor(((index + random()) / THREADS) * (HISTORY_END - HISTORY_START));
  const askerId = g.author();
  const threadId = index + 1;
  const posts = threadPosts(g, category, index, askerId, createdAt);
  const answers = posts.filter((p) => p.kind === "answer");
  const accepted = answers.length && (isLong(index) || chance(0.44)) ? pick(answers) : null;
  const last = posts.reduce((latest, p) => (p.at > latest.at ? p : latest));
  g.statements.thread.run(
    threadId, title, slugify(title), categoryIndex + 1, askerId, posts[0].score, answers.length, accepted?.id ?? null,
    between(5, 5_000), last.at, last.authorId, createdAt,
  );
  for (const p of posts) g.statements.post.run(p.id, threadId, p.kind, p.parentId, p.authorId, p.text.body, p.text.bodyHtml, p.score, p.at);
  const tagIds = new Set(Array.from({ length: between(0, 3) }, g.tag));
  for (const tagId of tagIds) g.statements.threadTag.run(threadId, tagId);
}

type Texts = { categories: CategoryTexts[]; comments: Text[] };

function renderTexts(): Texts {
  const categories = categoryTexts();
  const comments = renderPool(COMMENT_TEXTS, () => commentMarkdown(subjectIn(pick(categories))), (s) => renderInlineMarkdown(s));
  return { categories, comments };
}

function generate(db: Db, texts: Texts) {
  const sqlite = db.$client;
  // A half-built database has no marker and is thrown away, so durability does not matter here.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  const statements = prepareStatements(db);
  const tags = tagNames();
  sqlite.transaction(() => writePeopleAndPlaces(statements, tags))();

  const g: Generator = {
    statements,
    texts: texts.categories,
    comments: texts.comments,
    // Some members write much more than others.
    author: zipf(Array.from({ length: USERS }, (_, i) => i + 1), 0.8),
    tag: zipf(Array.from({ length: tags.length }, (_, i) => i + 1), 1.1),
    nextPostId: 1,
  };
  const writeThreads = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) writeThread(g, i);
  });
  for (let from = 0; from < THREADS; from += THREADS_PER_TRANSACTION) writeThreads(from, Math.min(THREADS, from + THREADS_PER_TRANSACTION));
  sqlite.pragma("foreign_keys = ON");
}

// ---------------------------------------------------------------------------
// Through the application's own model functions.

type User = typeof users.$inferSelect;

async function createBenchMember(db: Db): Promise<User> {
  const result = await registerUser(db, { ...BENCH_MEMBER, displayName: "Bench Member", createdAt: new Date(HISTORY_START), emailVerified: true });
  if (!result.ok) throw new Error(`Could not create the bench member: ${JSON.stringify(result.errors)}`);
  return result.user;
}

/** The long threads, newest first: the measured one and the ones whose accepted answers became articles. */
function longThreads(db: Db) {
  return db.$client
    .prepare("select id, title, accepted_answer_id as acceptedAnswerId from threads where answer_count = ? order by id desc")
    .all(LONG_THREAD_ANSWERS) as { id: number; title: string; acceptedAnswerId: number }[];
}

/**
 * Articles written the way moderators write them: the accepted answers of the
 * newest long threads promoted (the measured thread shows "This answer is in
 * the knowledge base"), and official articles. Returns the slug of the first
 * official one, the page measured.
 */
function writeArticles(db: Db, long: ReturnType<typeof longThreads>): string {
  const moderator = db.select().from(users).where(eq(users.role, "moderator")).limit(1).get()!;
  const write = (input: Omit<Parameters<typeof createArticle>[2], "publish" | "tags" | "note">, daysAgo: number) => {
    const result = createArticle(db, moderator, { ...input, tags: [], note: "First version", publish: true }, new Date(HISTORY_END - daysAgo * DAY));
    if (!result.ok) throw new Error(`Could not write an article: ${JSON.stringify(result.errors)}`);
    return result.article;
  };
  long.slice(0, PROMOTED_ARTICLES).forEach((thread, i) => {
    const answer = db.$client.prepare("select body from posts where id = ?").get(thread.acceptedAnswerId) as { body: string };
    const category = CATEGORIES[i % CATEGORIES.length].slug;
    write({ title: thread.title, body: answer.body, category, answerId: thread.acceptedAnswerId }, 30 + i);
  });
  const official = Array.from({ length: OFFICIAL_ARTICLES }, (_, i) => {
    const category = CATEGORIES[i % CATEGORIES.length];
    const subject = makeSubject(zipf(category.topics, 0.9), false);
    return write({ title: `Your ${subject.topics[0]} and the ${subject.device}: a step-by-step guide`, body: articleMarkdown(subject), category: category.slug }, 10 + i);
  });
  return official[0].slug;
}

// ---------------------------------------------------------------------------
// Build or reuse.

function removeDatabase() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(BENCH_PAGES_DB + suffix, { force: true });
}

function readMarker(db: Db): Marker | null {
  const row = db.select().from(settings).where(eq(settings.key, MARKER_KEY)).get();
  if (!row) return null;
  const marker = JSON.parse(row.value) as Marker;
  return marker.version === GENERATOR_VERSION && marker.seed === SEED ? marker : null;
}

/** Runs one step of the build and says how long it took. */
async function step<T>(label: string, run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`  ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * A connection for building: the server's settings (WAL), with a large page
 * cache — with the default 2 MB, inserting into the indexes of a database this
 * size spends most of its time reading and writing the same pages again.
 */
function buildConnection(): Db {
  const db = createDb(BENCH_PAGES_DB);
  db.$client.pragma(`cache_size = -${BUILD_CACHE_KB}`);
  return db;
}

async function build(): Promise<Marker> {
  console.log(`Building ${path.relative(process.cwd(), BENCH_PAGES_DB)} (seed ${SEED}, generator ${GENERATOR_VERSION})...`);
  const started = performance.now();
  const generation = buildConnection();
  migrateDb(generation);
  const texts = await step("texts rendered", renderTexts);
  await step("threads, posts and users written", () => generate(generation, texts));
  generation.$client.close();

  const db = buildConnection();
  writeSiteSettings(db, DEMO_BRAND);
  await step("bench member signed up", () => createBenchMember(db));
  const long = longThreads(db);
  const articleSlug = await step("articles written", () => writeArticles(db, long));
  await step("search index built", () => rebuildSearchIndex(db));
  // Statistics for the query planner, in the file, so both servers plan with the same ones from their first query.
  await step("statistics gathered", () => db.$client.exec("analyze"));
  const marker: Marker = { version: GENERATOR_VERSION, seed: SEED, threadId: long[0].id, articleSlug, buildSeconds: (performance.now() - started) / 1000 };
  // Written last: its presence means the database is complete.
  db.insert(settings).values({ key: MARKER_KEY, value: JSON.stringify(marker) }).run();
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  console.log(`  built in ${marker.buildSeconds.toFixed(1)} s`);
  return marker;
}

/** The marker of a complete database of this generator, after bringing it up to date; null when it must be built. */
function reusable(): Marker | null {
  if (!existsSync(BENCH_PAGES_DB)) return null;
  const db = createDb(BENCH_PAGES_DB);
  try {
    migrateDb(db);
    const marker = readMarker(db);
    // A migration may have rebuilt the search tables: index again, as the server would at start.
    if (marker && ensureSearchIndex(db)) console.log("  The search index was out of step: rebuilt.");
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    return marker;
  } finally {
    db.$client.close();
  }
}

function describe(marker: Marker, reused: boolean): BenchCommunity {
  const db = createDb(BENCH_PAGES_DB);
  try {
    const count = (sql: string, ...params: number[]) => (db.$client.prepare(sql).get(...params) as { n: number }).n;
    const thread = db.select({ id: threads.id, slug: threads.slug }).from(threads).where(eq(threads.id, marker.threadId)).get()!;
    return {
      dbPath: BENCH_PAGES_DB,
      reused,
      buildSeconds: marker.buildSeconds,
      rows: {
        users: count("select count(*) as n from users"),
        threads: count("select count(*) as n from threads"),
        answers: count("select count(*) as n from posts where kind = 'answer'"),
        comments: count("select count(*) as n from posts where kind = 'comment'"),
        articles: count("select count(*) as n from articles where status = 'published'"),
      },
      paths: {
        thread: threadPath(thread),
        home: "/",
        category: `/c/${CATEGORIES[0].slug}`,
        search: `/search?q=${encodeURIComponent(BENCH_SEARCH)}`,
        article: articlePath({ slug: marker.articleSlug }),
      },
      thread: {
        id: thread.id,
        answers: count("select count(*) as n from posts where thread_id = ? and kind = 'answer'", thread.id),
        comments: count("select count(*) as n from posts where thread_id = ? and kind = 'comment'", thread.id),
      },
      member: BENCH_MEMBER,
    };
  } finally {
    db.$client.close();
  }
}

/** The benchmark's database, built when missing, from another generator version, or when `fresh` asks for it. */
export async function ensureBenchCommunity(options: { fresh?: boolean } = {}): Promise<BenchCommunity> {
  if (options.fresh) removeDatabase();
  const existing = reusable();
  if (existing) return describe(existing, true);
  removeDatabase();
  return describe(await build(), false);
}
