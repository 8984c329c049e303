// Keeping the search index in step: one document per thread (its title, its
// question, its visible answers) and per published article, rewritten inside
// the transaction of every change to what it says or who may read it.
import { and, asc, eq, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { articles, posts, searchDocuments, threads, type SearchKind } from "../../db/schema";
import { htmlToText } from "../utils/markdown.server";
import { indexText } from "./search-query.server";

/**
 * The threads whose question a moderator hid: out of every list and of the
 * index. They are few (a partial index holds just them), so lists leave them
 * out by id rather than probing the question of every thread they count.
 */
export function hiddenQuestionThreadIds(db: DbOrTx): number[] {
  return db
    .select({ id: threads.id })
    .from(threads)
    .where(isNotNull(threads.hiddenAt))
    .all()
    .map((row) => row.id);
}

/** The condition that leaves those threads out; none when there are none. */
export function threadNotHidden(hiddenIds: number[]) {
  return hiddenIds.length ? notInArray(threads.id, hiddenIds) : undefined;
}

// Every model function that changes what a thread says, or who may read it,
// calls reindexThread inside its own transaction.

type ThreadText = { title: string; body: string; answers: string };
type DocumentFacts = { id: number; categoryId: number; solved: boolean; createdAt: Date };

function writeDocument(tx: DbOrTx, kind: SearchKind, facts: DocumentFacts, text: ThreadText) {
  const existing = tx
    .select({ id: searchDocuments.id })
    .from(searchDocuments)
    .where(and(eq(searchDocuments.kind, kind), eq(searchDocuments.refId, facts.id)))
    .get();
  let id: number;
  if (existing) {
    id = existing.id;
    tx.update(searchDocuments).set({ categoryId: facts.categoryId, solved: facts.solved }).where(eq(searchDocuments.id, id)).run();
    tx.run(sql`delete from search_fts where rowid = ${id}`);
  } else {
    id = tx
      .insert(searchDocuments)
      .values({ kind, refId: facts.id, categoryId: facts.categoryId, solved: facts.solved, createdAt: facts.createdAt })
      .returning({ id: searchDocuments.id })
      .get().id;
  }
  tx.run(
    sql`insert into search_fts (rowid, title, body, answers) values (${id}, ${indexText(text.title)}, ${indexText(text.body)}, ${indexText(text.answers)})`,
  );
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
  tx.delete(searchDocuments).where(eq(searchDocuments.id, existing.id)).run();
}

/**
 * Rewrites a thread's search document from what the thread says now: its
 * title, its question and its visible answers (not deleted, not hidden). A
 * deleted thread, or one whose question a moderator hid, leaves the index.
 */
export function reindexThread(tx: DbOrTx, threadId: number) {
  const thread = tx.select().from(threads).where(eq(threads.id, threadId)).get();
  if (!thread || thread.deletedAt) return removeDocument(tx, "thread", threadId);
  const rows = tx
    .select({ kind: posts.kind, bodyHtml: posts.bodyHtml })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), inArray(posts.kind, ["question", "answer"]), isNull(posts.deletedAt), isNull(posts.hiddenAt)))
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

/** A published article is indexed (title and text); any other state leaves the index. */
export function reindexArticle(tx: DbOrTx, articleId: number) {
  const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || article.status !== "published") return removeDocument(tx, "article", articleId);
  writeDocument(
    tx,
    "article",
    { id: article.id, categoryId: article.categoryId, solved: false, createdAt: article.publishedAt ?? article.createdAt },
    { title: article.title, body: htmlToText(article.bodyHtml), answers: "" },
  );
}

const REBUILD_BATCH = 500;

/**
 * Indexes every visible thread again, a batch at a time (one query for the
 * threads of a batch, one for their posts). For a new installation of an
 * existing database, and for the search benchmark.
 */
export function rebuildSearchIndex(db: Db) {
  db.transaction((tx) => {
    tx.run(sql`delete from search_fts`);
    tx.delete(searchDocuments).run();
    const published = tx.select({ id: articles.id }).from(articles).where(eq(articles.status, "published")).all();
    for (const article of published) reindexArticle(tx, article.id);
  });
  let after = 0;
  for (;;) {
    const batch = db
      .select()
      .from(threads)
      .where(and(isNull(threads.deletedAt), sql`${threads.id} > ${after}`))
      .orderBy(asc(threads.id))
      .limit(REBUILD_BATCH)
      .all();
    if (!batch.length) {
      // Merge the index's segments once the batches are written.
      db.run(sql`insert into search_fts (search_fts) values ('optimize')`);
      return;
    }
    after = batch[batch.length - 1].id;
    const rows = db
      .select({ threadId: posts.threadId, kind: posts.kind, bodyHtml: posts.bodyHtml })
      .from(posts)
      .where(
        and(
          inArray(
            posts.threadId,
            batch.map((t) => t.id),
          ),
          inArray(posts.kind, ["question", "answer"]),
          isNull(posts.deletedAt),
          isNull(posts.hiddenAt),
        ),
      )
      .orderBy(asc(posts.id))
      .all();
    const text = new Map<number, ThreadText & { hasQuestion?: boolean }>();
    for (const row of rows) {
      const entry = text.get(row.threadId) ?? { title: "", body: "", answers: "" };
      if (row.kind === "question") {
        entry.body = htmlToText(row.bodyHtml);
        entry.hasQuestion = true;
      } else entry.answers += `${htmlToText(row.bodyHtml)}\n`;
      text.set(row.threadId, entry);
    }
    db.transaction((tx) => {
      for (const thread of batch) {
        const entry = text.get(thread.id);
        // No visible question (a moderator hid it): the thread stays out.
        if (!entry?.hasQuestion) continue;
        const facts = { id: thread.id, categoryId: thread.categoryId, solved: thread.acceptedAnswerId !== null, createdAt: thread.createdAt };
        writeDocument(tx, "thread", facts, { body: entry.body, answers: entry.answers, title: thread.title });
      }
    });
  }
}

/** At start: index what an older version left unindexed. Cheap when all is in step. */
export function ensureSearchIndex(db: Db): boolean {
  const visible =
    db.select({ n: sql<number>`count(*)` }).from(threads).where(and(isNull(threads.deletedAt), threadNotHidden(hiddenQuestionThreadIds(db)))).get()!.n +
    db.select({ n: sql<number>`count(*)` }).from(articles).where(eq(articles.status, "published")).get()!.n;
  const indexed = db.select({ n: sql<number>`count(*)` }).from(searchDocuments).get()!.n;
  if (visible === indexed) return false;
  rebuildSearchIndex(db);
  return true;
}
