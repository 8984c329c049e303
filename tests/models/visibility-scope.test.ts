// The visibility scope is the one place that writes the SQL conditions on
// deleted and hidden threads and posts, and on which articles are published
// (app/models/visibility.server.ts).
// This test reads the application's code and fails on such a condition
// anywhere else, so a new read path can't write its own by mistake. (Plain
// SQL written for speed takes the scope's text: conditionText.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { root, sourceFiles } from "../support/source-files";

const SCOPE = "app/models/visibility.server.ts";

/** A condition on deleted or hidden rows, or on published articles: drizzle's isNull/isNotNull/eq on those columns, or the same in SQL text. */
const CONDITION =
  /\bis(?:Not)?Null\(\s*\w+\.(?:deletedAt|hiddenAt)\s*\)|\b(?:deletedAt|hiddenAt)\}\s+is\s+(?:not\s+)?null|\b(?:deleted_at|hidden_at)\s+is\s+(?:not\s+)?null|\beq\(\s*\w+\.status,\s*"published"\s*\)|\bstatus\s*=\s*'published'/gi;

function conditionsIn(source: string): number {
  return source.match(CONDITION)?.length ?? 0;
}

describe("the visibility scope is the one place that writes who sees deleted and hidden rows", () => {
  test("the detector finds the conditions, in drizzle and in SQL text", () => {
    expect(conditionsIn("and(isNull(posts.deletedAt), isNull(threads.hiddenAt))")).toBe(2);
    expect(conditionsIn("sql`${threads.deletedAt} is null or ${posts.hiddenAt} is not null`")).toBe(2);
    expect(conditionsIn("where answers.deleted_at is null and hidden_at IS NULL")).toBe(2);
    expect(conditionsIn("and(eq(articles.status, \"published\"), eq(a.status, 'draft')) or status = 'published'")).toBe(2);
    expect(conditionsIn("isNull(threads.acceptedAnswerId), eq(posts.deletedAt, now)")).toBe(0);
  });

  test("no other file of the application writes one", () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(path.join(root, "app")).map((full) => path.relative(root, full))) {
      if (file === SCOPE) continue;
      const count = conditionsIn(readFileSync(path.join(root, file), "utf8"));
      if (count) found[file] = count;
    }
    expect(found, "write these through app/models/visibility.server.ts").toEqual({});
  });
});
