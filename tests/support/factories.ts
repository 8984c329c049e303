// The tests' factories. The builders the demo seed shares (users, threads,
// answers, comments) live in scripts/demo/builders.ts, so the server never
// loads tests/; they are re-exported here with the test-only helpers:
// categories, reputation, established members.
import { createCategory, type NewCategory } from "../../app/models/forum/category.server";
import type { NewUser } from "../../app/models/accounts/user.server";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reputationEvents, users } from "../../db/schema";
import { createUser, uniqueName } from "../../scripts/demo/builders";

export {
  TEST_PASSWORD,
  createTestAnswer,
  createTestComment,
  createTestThread,
  createUser,
  uniqueName,
} from "../../scripts/demo/builders";

export function createTestCategory(db: Db, overrides: Partial<NewCategory> = {}) {
  const slug = overrides.slug ?? uniqueName("category").toLowerCase().replace(/_/g, "-");
  return createCategory(db, { slug, name: overrides.name ?? `Category ${slug}`, description: "A test category.", ...overrides });
}

/**
 * Reputation given through the ledger (as if from earlier answers), for tests
 * whose users need privileges: voting, commenting on others' posts. The user
 * object acting in the test is updated too, as a fresh request would see it.
 */
export function giveReputation(db: Db, user: { id: number; reputation: number }, points: number) {
  db.transaction((tx) => {
    tx.insert(reputationEvents).values({ userId: user.id, points, reason: "answer_accepted", postId: null, actorId: user.id }).run();
    tx.update(users).set({ reputation: sql`${users.reputation} + ${points}` }).where(eq(users.id, user.id)).run();
  });
  user.reputation += points;
}

/** A member who joined two days ago (past the new-account posting limits) with the reputation to vote and comment. */
export async function createEstablishedMember(db: Db, overrides: Partial<NewUser> = {}) {
  const user = await createUser(db, { createdAt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000), ...overrides });
  giveReputation(db, user, 200);
  return user;
}

/** The comment createComment made, or the errors it answered with, thrown. */
export function madeComment<T>(result: { ok: true; comment: T } | { ok: false; errors: Record<string, string | undefined> }): T {
  if (!result.ok) throw new Error(`The comment was refused: ${JSON.stringify(result.errors)}`);
  return result.comment;
}
