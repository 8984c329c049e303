// Keeping the search index in step: one document per thread (its title, its
// question, its visible answers) and per published article, rewritten inside
// the transaction of every change to what it says or who may read it. The
// index holds each document's words as text-analysis.server.ts reads them
// (search_fts), its text as written (search_fts_text, for highlighting) and
// every word it has held (search_fts_words).
import type Database from "better-sqlite3";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { connectionOf } from "../../../db/prepared";
import { articles, posts, searchDocuments, threads, type SearchKind } from "../../../db/schema";
import { canSeeArticle, canSeeThread } from "../../policy";
import { conditionText, hiddenQuestionThreadIds, liveThreads, postSeenByAll, PUBLIC_SIGHT, seenOf, threadNotHidden, visibleArticles } from "../visibility.server";
import { htmlToText } from "../../utils/markdown.server";
import { indexText } from "./search-query.server";
import { analyseDocument, type DocumentText, type Vocabulary } from "./text-analysis.server";

// Every model function that changes what a thread says, or who may read it,
// calls reindexThread inside its own transaction.

type DocumentFacts = { id: number; categoryId: number; solved: boolean; createdAt: Date };

/** Remembers the words a document holds, with the languages they were read in (added to those already known). */
function rememberWords(connection: Database.Database, vocabulary: Vocabulary) {
  if (!vocabulary.size) return;
  const rows = [...vocabulary].map(([word, known]) => [word, known.form, known.languages]);
  connection
    .prepare<[string]>(
      `insert into search_fts_words (word, form, langs) select value ->> 0, value ->> 1, value ->> 2 from json_each(?) where true
       on conflict (word) do update set langs = langs | excluded.langs where langs <> (langs | excluded.langs)`,
    )
    .run(JSON.stringify(rows));
}

/** Writes a document's words and text (its row in search_documents exists): what it held before is replaced. */
function writeText(tx: DbOrTx, id: number, text: DocumentText) {
  const connection = connectionOf(tx);
  const written = { title: indexText(text.title), body: indexText(text.body), answers: indexText(text.answers) };
  const analysed = analyseDocument(written);
  connection.prepare<[number]>("delete from search_fts where rowid = ?").run(id);
  connection
    .prepare<[number, string, string, string]>("insert or replace into search_fts_text (id, title, body, answers) values (?, ?, ?, ?)")
    .run(id, written.title, written.body, written.answers);
  rememberWords(connection, analysed.vocabulary);
  connection
    .prepare<[number, string, string, string]>("insert into search_fts (rowid, title, body, answers) values (?, ?, ?, ?)")
    .run(id, analysed.title, analysed.body, analysed.answers);
}

function writeDocument(tx: DbOrTx, kind: SearchKind, facts: DocumentFacts, text: DocumentText) {
  const existing = tx
    .select({ id: searchDocuments.id })
    .from(searchDocuments)
    .where(and(eq(searchDocuments.kind, kind), eq(searchDocuments.refId, facts.id)))
    .get();
  let id: number;
  if (existing) {
    id = existing.id;
    tx.update(searchDocuments).set({ categoryId: facts.categoryId, solved: facts.solved }).where(eq(searchDocuments.id, id)).run();
  } else {
    id = tx
      .insert(searchDocuments)
      .values({ kind, refId: facts.id, categoryId: facts.categoryId, solved: facts.solved, createdAt: facts.createdAt })
      .returning({ id: searchDocuments.id })
      .get().id;
  }
  writeText(tx, id, text);
}

/** Removes a document from the index (a deleted thread, an unpublished article). */
export function removeDocument(tx: DbOrTx, kind: SearchKind, refId: number) {
  const existing = tx
    .select({ id: searchDocuments.id })
    .from(searchDocuments)
    .where(and(eq(searchDocuments.kind, kind), eq(searchDocuments.refId, refId)))
    .get();
  if (!existing) return;
  tx.run(sql`delete from search_fts where rowid = ${existing.id}`);
  tx.run(sql`delete from search_fts_text where id = ${existing.id}`);
  tx.delete(searchDocuments).where(eq(searchDocuments.id, existing.id)).run();
}

/**
 * Rewrites a thread's search document from what the thread says now: its
 * title, its question and its visible answers (not deleted, not hidden). A
 * deleted thread, or one whose question a moderator hid, leaves the index.
 */
export function reindexThread(tx: DbOrTx, threadId: number) {
  const thread = tx.select().from(threads).where(eq(threads.id, threadId)).get();
  // The index is what everyone may find: a thread a visitor may not open leaves it.
  if (!thread || !canSeeThread(null, seenOf(thread))) return removeDocument(tx, "thread", threadId);
  const rows = tx
    .select({ kind: posts.kind, bodyHtml: posts.bodyHtml })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), inArray(posts.kind, ["question", "answer"]), postSeenByAll()))
    .orderBy(asc(posts.id))
    .all();
  const question = rows.find((r) => r.kind === "question");
  if (!question) return removeDocument(tx, "thread", threadId);
  writeDocument(
    tx,
    "thread",
    { id: thread.id, categoryId: thread.categoryId, solved: thread.acceptedAnswerId !== null, createdAt: thread.createdAt },
    {
      title: thread.title,
      body: htmlToText(question.bodyHtml),
      answers: rows
        .filter((r) => r.kind === "answer")
        .map((r) => htmlToText(r.bodyHtml))
        .join("\n"),
    },
  );
}

/**
 * A new answer, visible to all: its text goes at the end of its thread's
 * document, as reindexThread would put it there (answers in the order they
 * were written, and a new answer is the last one), without reading and
 * converting every other post of the thread again. A thread without a
 * document (its question is hidden) is left to reindexThread.
 */
export function indexNewAnswer(tx: DbOrTx, threadId: number, answerHtml: string) {
  const document = connectionOf(tx)
    .prepare<[number], { id: number; title: string; body: string; answers: string }>(
      `select d.id, t.title, t.body, t.answers from search_documents d join search_fts_text t on t.id = d.id
       where d.kind = 'thread' and d.ref_id = ?`,
    )
    .get(threadId);
  if (!document) return reindexThread(tx, threadId);
  const answer = htmlToText(answerHtml);
  writeText(tx, document.id, { title: document.title, body: document.body, answers: document.answers ? `${document.answers}\n${answer}` : answer });
}

/** A published article is indexed (title and text); any other state leaves the index. */
export function reindexArticle(tx: DbOrTx, articleId: number) {
  const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || !canSeeArticle(null, article)) return removeDocument(tx, "article", articleId);
  writeDocument(
    tx,
    "article",
    { id: article.id, categoryId: article.categoryId, solved: false, createdAt: article.publishedAt ?? article.createdAt },
    { title: article.title, body: htmlToText(article.bodyHtml), answers: "" },
  );
}

const REBUILD_BATCH = 500;
const WORDS_BATCH = 5_000;

type RebuildThread = { id: number; title: string; categoryId: number; solved: number; createdAt: number };
type RebuildPost = { threadId: number; kind: "question" | "answer"; bodyHtml: string };

/**
 * Indexes every visible thread again, a batch at a time: one query for the
 * threads of a batch, one for their posts, then their documents, their text,
 * then their words in one statement. The words go last and together: FTS5
 * writes what it holds in memory as a new segment of the index before any
 * other statement of the transaction that could fail halfway (as an insert
 * into a table with a unique index can), so a document row written between
 * two texts would cost a segment, and merging segments, per thread. The
 * words every document holds are gathered and written once at the end. For
 * a new installation of an existing database, a migration that changes how
 * words are read, and the search benchmark.
 */
export function rebuildSearchIndex(db: Db) {
  db.transaction((tx) => {
    tx.run(sql`insert into search_fts (search_fts) values ('delete-all')`);
    tx.run(sql`delete from search_fts_text`);
    tx.run(sql`delete from search_fts_words`);
    tx.delete(searchDocuments).run();
    const published = tx.select({ id: articles.id }).from(articles).where(visibleArticles(PUBLIC_SIGHT)).all();
    for (const article of published) reindexArticle(tx, article.id);
  });
  const sqlite = db.$client;
  const selectThreads = sqlite.prepare<[number, number], RebuildThread>(
    `select id, title, category_id as categoryId, accepted_answer_id is not null as solved, created_at as createdAt
     from threads where ${conditionText(liveThreads())} and id > ? order by id limit ?`,
  );
  // Every thread of a batch is between its first and last id: a range of the
  // posts' thread index rather than a list of ids.
  const selectPosts = sqlite.prepare<[number, number], RebuildPost>(
    `select thread_id as threadId, kind, body_html as bodyHtml from posts
     where thread_id between ? and ? and kind in ('question', 'answer') and ${conditionText(postSeenByAll())}
     order by id`,
  );
  const selectDocument = sqlite.prepare<[number], { id: number }>("select id from search_documents where kind = 'thread' and ref_id = ?");
  const updateDocument = sqlite.prepare<[number, number, number]>("update search_documents set category_id = ?, solved = ? where id = ?");
  const deleteWords = sqlite.prepare<[number]>("delete from search_fts where rowid = ?");
  const insertDocument = sqlite.prepare<[number, number, number, number], { id: number }>(
    "insert into search_documents (kind, ref_id, category_id, solved, created_at) values ('thread', ?, ?, ?, ?) returning id",
  );
  const insertTexts = sqlite.prepare<[string]>(
    "insert or replace into search_fts_text (id, title, body, answers) select value ->> 0, value ->> 1, value ->> 2, value ->> 3 from json_each(?)",
  );
  const insertWords = sqlite.prepare<[string]>(
    "insert into search_fts (rowid, title, body, answers) select value ->> 0, value ->> 1, value ->> 2, value ->> 3 from json_each(?)",
  );
  const vocabulary: Vocabulary = new Map();
  const writeBatch = sqlite.transaction((batch: RebuildThread[], text: Map<number, { body: string | null; answers: string[] }>) => {
    const texts: [number, string, string, string][] = [];
    const words: [number, string, string, string][] = [];
    for (const thread of batch) {
      const entry = text.get(thread.id);
      // No visible question (a moderator hid it): the thread stays out.
      if (entry?.body == null) continue;
      const existing = selectDocument.get(thread.id);
      let id: number;
      if (existing) {
        // Indexed meanwhile by a write of the running forum: written again.
        id = existing.id;
        updateDocument.run(thread.categoryId, thread.solved, id);
        deleteWords.run(id);
      } else {
        id = insertDocument.get(thread.id, thread.categoryId, thread.solved, thread.createdAt)!.id;
      }
      const written = { title: indexText(thread.title), body: indexText(entry.body), answers: indexText(entry.answers.join("\n")) };
      const analysed = analyseDocument(written);
      for (const [word, known] of analysed.vocabulary) {
        const seen = vocabulary.get(word);
        if (seen) seen.languages |= known.languages;
        else vocabulary.set(word, known);
      }
      texts.push([id, written.title, written.body, written.answers]);
      words.push([id, analysed.title, analysed.body, analysed.answers]);
    }
    if (texts.length) insertTexts.run(JSON.stringify(texts));
    if (words.length) insertWords.run(JSON.stringify(words));
  });
  let after = 0;
  for (;;) {
    const batch = selectThreads.all(after, REBUILD_BATCH);
    if (!batch.length) break;
    after = batch[batch.length - 1].id;
    const text = new Map<number, { body: string | null; answers: string[] }>();
    for (const thread of batch) text.set(thread.id, { body: null, answers: [] });
    for (const post of selectPosts.all(batch[0].id, after)) {
      // A deleted thread's id can lie between those of the batch.
      const entry = text.get(post.threadId);
      if (!entry) continue;
      if (post.kind === "question") entry.body = htmlToText(post.bodyHtml);
      else entry.answers.push(htmlToText(post.bodyHtml));
    }
    writeBatch(batch, text);
  }
  const entries = [...vocabulary];
  for (let i = 0; i < entries.length; i += WORDS_BATCH) {
    sqlite.transaction(() => rememberWords(sqlite, new Map(entries.slice(i, i + WORDS_BATCH))))();
  }
  // Merge the index's segments once the batches are written.
  db.run(sql`insert into search_fts (search_fts) values ('optimize')`);
}

/** At start: index what an older version left unindexed. Cheap when all is in step. */
export function ensureSearchIndex(db: Db): boolean {
  const visible =
    db.select({ n: sql<number>`count(*)` }).from(threads).where(and(liveThreads(), threadNotHidden(hiddenQuestionThreadIds(db)))).get()!.n +
    db.select({ n: sql<number>`count(*)` }).from(articles).where(visibleArticles(PUBLIC_SIGHT)).get()!.n;
  const indexed = db.select({ n: sql<number>`count(*)` }).from(searchDocuments).get()!.n;
  if (visible === indexed) return false;
  rebuildSearchIndex(db);
  return true;
}
