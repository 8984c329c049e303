import type { DbOrTx } from "../../db/client";
import { posts, revisions } from "../../db/schema";

type NewPost = typeof posts.$inferInsert & { createdAt: Date };

/**
 * Writes a post and its first revision (the original text), inside the
 * caller's transaction: every post's history starts with what was posted.
 */
export function insertPostWithRevision(tx: DbOrTx, values: NewPost, title: string | null = null) {
  const post = tx.insert(posts).values(values).returning().get();
  tx.insert(revisions)
    .values({ postId: post.id, editorId: values.authorId, title, body: values.body, createdAt: values.createdAt })
    .run();
  return post;
}
