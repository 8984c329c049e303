// The bare server the pages benchmark compares Entraide with: node:http and
// better-sqlite3 on the same database, one process, prepared statements and
// an HTML string per page, nothing else — no framework, no sessions, no
// security headers, no cache. It is what a page costs at the least, so
// Entraide's figures read as a share of it.
//
//   node --import tsx scripts/bench/baseline-server.ts --db data/bench-pages.db --port 3001
import http from "node:http";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const LIST_LENGTH = 30;
const RESULTS_PER_PAGE = 20;

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    port: { type: "string", default: "3001" },
    host: { type: "string", default: "127.0.0.1" },
  },
  strict: true,
});
if (!args.db) throw new Error("Usage: baseline-server.ts --db path/to/database.db [--port 3001] [--host 127.0.0.1]");

const sqlite = new Database(args.db, { fileMustExist: true });
// The same connection settings as the application's (db/client.ts), so the comparison is about the code above them.
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("busy_timeout = 5000");

const statements = {
  thread: sqlite.prepare(
    `select t.id, t.title, t.slug, t.answer_count as answerCount, t.accepted_answer_id as acceptedAnswerId, t.view_count as viewCount,
       c.name as categoryName, c.slug as categorySlug
     from threads t join categories c on c.id = t.category_id
     where t.id = ? and t.deleted_at is null and t.hidden_at is null`,
  ),
  // The question, its answers (accepted first, then by score) and every comment, with their authors.
  posts: sqlite.prepare(
    `select p.id, p.kind, p.parent_id as parentId, p.body_html as bodyHtml, p.score, p.created_at as createdAt,
       u.username, u.display_name as displayName, u.reputation
     from posts p join users u on u.id = p.author_id
     where p.thread_id = ? and p.deleted_at is null and p.hidden_at is null
     order by case when p.id = ? then 0 else 1 end, p.score desc, p.created_at, p.id`,
  ),
  threadTags: sqlite.prepare("select t.name from thread_tags tt join tags t on t.id = tt.tag_id where tt.thread_id = ? order by t.name"),
  categories: sqlite.prepare("select slug, name, description from categories order by position, name"),
  category: sqlite.prepare("select id, slug, name, description from categories where slug = ?"),
  latest: sqlite.prepare(
    `select t.id, t.title, t.slug, t.answer_count as answerCount, t.score, t.last_activity_at as lastActivityAt,
       u.display_name as authorName, c.name as categoryName
     from threads t join users u on u.id = t.author_id join categories c on c.id = t.category_id
     where t.deleted_at is null and t.hidden_at is null
     order by t.last_activity_at desc limit ${LIST_LENGTH}`,
  ),
  latestIn: sqlite.prepare(
    `select t.id, t.title, t.slug, t.answer_count as answerCount, t.score, t.last_activity_at as lastActivityAt,
       u.display_name as authorName, c.name as categoryName
     from threads t join users u on u.id = t.author_id join categories c on c.id = t.category_id
     where t.category_id = ? and t.deleted_at is null and t.hidden_at is null
     order by t.last_activity_at desc limit ${LIST_LENGTH}`,
  ),
  article: sqlite.prepare(
    `select a.title, a.body_html as bodyHtml, a.updated_at as updatedAt, a.helpful_yes as helpfulYes, c.name as categoryName
     from articles a join categories c on c.id = a.category_id where a.slug = ? and a.status = 'published'`,
  ),
  searchCount: sqlite.prepare("select count(*) as n from search_fts where search_fts match ?"),
  // The same index as the application's search (search_fts, BM25 ranking), a page of results with the start of their text.
  searchPage: sqlite.prepare(
    `select d.kind, d.ref_id as refId, coalesce(t.title, a.title) as title, coalesce(t.slug, a.slug) as slug, substr(f.body, 1, 200) as excerpt
     from (select rowid, rank from search_fts where search_fts match ? order by rank limit ${RESULTS_PER_PAGE}) m
     join search_documents d on d.id = m.rowid
     join search_fts_text f on f.id = m.rowid
     left join threads t on d.kind = 'thread' and t.id = d.ref_id
     left join articles a on d.kind = 'article' and a.id = d.ref_id
     order by m.rank`,
  ),
};

type Row = Record<string, unknown>;
type ListRow = { id: number; title: string; slug: string; answerCount: number; score: number; lastActivityAt: number; authorName: string; categoryName: string };
type PostRow = { id: number; kind: string; parentId: number | null; bodyHtml: string; score: number; createdAt: number; username: string; displayName: string; reputation: number };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function page(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><link rel="stylesheet" href="/styles/app.css"></head><body><header><a href="/">Community</a><form action="/search"><input type="search" name="q"></form></header><main>${main}</main></body></html>`;
}

function postHtml(post: PostRow, comments: PostRow[]): string {
  const commentList = comments
    .map((c) => `<li id="post-${c.id}">${c.bodyHtml} — <a href="/u/${escape(c.username)}">${escape(c.displayName)}</a> ${date(c.createdAt)}</li>`)
    .join("");
  return `<article id="post-${post.id}" class="post"><div class="score">${post.score}</div><div class="body">${post.bodyHtml}</div><p class="byline"><a href="/u/${escape(post.username)}">${escape(post.displayName)}</a> (${post.reputation}) ${date(post.createdAt)}</p><ul class="comments">${commentList}</ul></article>`;
}

function threadPage(id: number): string | null {
  const thread = statements.thread.get(id) as Row | undefined;
  if (!thread) return null;
  const posts = statements.posts.all(id, thread.acceptedAnswerId ?? 0) as PostRow[];
  const question = posts.find((p) => p.kind === "question");
  if (!question) return null;
  const commentsOf = (postId: number) => posts.filter((p) => p.kind === "comment" && p.parentId === postId).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const answers = posts.filter((p) => p.kind === "answer");
  const tags = (statements.threadTags.all(id) as { name: string }[]).map((t) => `<a href="/tags/${escape(t.name)}">${escape(t.name)}</a>`).join(" ");
  return page(
    String(thread.title),
    `<p><a href="/c/${escape(thread.categorySlug)}">${escape(thread.categoryName)}</a></p><h1>${escape(thread.title)}</h1><p>${tags} · ${thread.viewCount} views</p>` +
      postHtml(question, commentsOf(question.id)) +
      `<h2>${answers.length} answers</h2>${answers.map((a) => postHtml(a, commentsOf(a.id))).join("")}`,
  );
}

function threadList(rows: ListRow[]): string {
  const items = rows
    .map(
      (t) =>
        `<li><a href="/t/${t.id}/${escape(t.slug)}">${escape(t.title)}</a> <span>${escape(t.categoryName)} · ${escape(t.authorName)} · ${t.answerCount} answers · ${t.score} votes · ${date(t.lastActivityAt)}</span></li>`,
    )
    .join("");
  return `<ul class="threads">${items}</ul>`;
}

function homePage(): string {
  const categories = (statements.categories.all() as { slug: string; name: string; description: string }[])
    .map((c) => `<li><a href="/c/${escape(c.slug)}">${escape(c.name)}</a> ${escape(c.description)}</li>`)
    .join("");
  return page("Community", `<h1>Community</h1><ul class="categories">${categories}</ul><h2>Latest questions</h2>${threadList(statements.latest.all() as ListRow[])}`);
}

function categoryPage(slug: string): string | null {
  const category = statements.category.get(slug) as { id: number; name: string; description: string } | undefined;
  if (!category) return null;
  return page(category.name, `<h1>${escape(category.name)}</h1><p>${escape(category.description)}</p>${threadList(statements.latestIn.all(category.id) as ListRow[])}`);
}

function articlePage(slug: string): string | null {
  const article = statements.article.get(slug) as { title: string; bodyHtml: string; updatedAt: number; helpfulYes: number; categoryName: string } | undefined;
  if (!article) return null;
  return page(
    article.title,
    `<p>${escape(article.categoryName)}</p><h1>${escape(article.title)}</h1><p>Updated ${date(article.updatedAt)} · ${article.helpfulYes} found this helpful</p>${article.bodyHtml}`,
  );
}

/**
 * Every word quoted (so nothing typed is FTS5 syntax) and required, the last
 * one a prefix as it is in the application's search box: the same index work.
 */
function matchExpression(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `"${w}"*` : `"${w}"`)).join(" AND ");
}

function searchPage(q: string): string {
  const match = matchExpression(q);
  if (!match) return page("Search", "<h1>Search</h1>");
  const total = (statements.searchCount.get(match) as { n: number }).n;
  const results = (statements.searchPage.all(match) as { kind: string; refId: number; title: string; slug: string; excerpt: string }[])
    .map((r) => `<li><a href="${r.kind === "thread" ? `/t/${r.refId}/${escape(r.slug)}` : `/kb/${escape(r.slug)}`}">${escape(r.title)}</a><p>${escape(r.excerpt)}…</p></li>`)
    .join("");
  return page(`${q} · Search`, `<h1>${total} results for “${escape(q)}”</h1><ol>${results}</ol>`);
}

function route(url: URL): string | null {
  const thread = /^\/t\/(\d+)(?:\/[^/]*)?$/.exec(url.pathname);
  if (thread) return threadPage(Number(thread[1]));
  const category = /^\/c\/([^/]+)$/.exec(url.pathname);
  if (category) return categoryPage(decodeURIComponent(category[1]));
  const article = /^\/kb\/([^/]+)$/.exec(url.pathname);
  if (article) return articlePage(decodeURIComponent(article[1]));
  if (url.pathname === "/search") return searchPage(url.searchParams.get("q") ?? "");
  if (url.pathname === "/") return homePage();
  return null;
}

const server = http.createServer((req, res) => {
  let html: string | null;
  try {
    html = route(new URL(req.url ?? "/", "http://baseline"));
  } catch (error) {
    console.error(error);
    res.writeHead(500, { "content-type": "text/plain" }).end("error");
    return;
  }
  if (html === null) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) }).end(html);
});

server.listen(Number(args.port), args.host, () => {
  console.log(`Baseline (node:http + better-sqlite3, one process) ready on http://${args.host}:${args.port}`);
});

function shutdown() {
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
