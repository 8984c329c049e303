import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import { posts, revisions } from "../../../db/schema";

type NewPost = typeof posts.$inferInsert & { createdAt: Date };

// Every question, answer and comment is written through these two.
const insertPost = preparedQuery((db) =>
  db
    .insert(posts)
    .values({
      threadId: sql.placeholder("threadId"),
      kind: sql.placeholder("kind"),
      parentId: sql.placeholder("parentId"),
      authorId: sql.placeholder("authorId"),
      body: sql.placeholder("body"),
      bodyHtml: sql.placeholder("bodyHtml"),
      createdAt: sql.placeholder("createdAt"),
      official: sql.placeholder("official"),
    })
    .returning()
    .prepare(),
);
const insertRevision = preparedQuery((db) =>
  db
    .insert(revisions)
    .values({
      postId: sql.placeholder("postId"),
      editorId: sql.placeholder("editorId"),
      title: sql.placeholder("title"),
      body: sql.placeholder("body"),
      createdAt: sql.placeholder("createdAt"),
    })
    .prepare(),
);
const PREPARED_FIELDS = new Set(["threadId", "kind", "parentId", "authorId", "body", "bodyHtml", "createdAt", "official"]);

/**
 * Writes a post and its first revision (the original text), inside the
 * caller's transaction: every post's history starts with what was posted.
 */
export function insertPostWithRevision(tx: DbOrTx, values: NewPost, title: string | null = null) {
  const given = Object.entries(values).filter(([, value]) => value !== undefined);
  const post = given.every(([key]) => PREPARED_FIELDS.has(key))
    ? // The columns not given take their defaults, as in the insert below.
      insertPost(tx).get({ parentId: null, official: false, ...Object.fromEntries(given) })!
    : tx.insert(posts).values(values).returning().get();
  insertRevision(tx).run({ postId: post.id, editorId: values.authorId, title, body: values.body, createdAt: values.createdAt });
  return post;
}
