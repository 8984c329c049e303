// Builders for users (and, as the forum grows, threads and answers). Tests and
// the demo seed both use them, so the demo community is built the way the
// application builds things.
import { hashPassword } from "../app/auth/password.server";
import { createCategory, type NewCategory } from "../app/models/category.server";
import { createAnswer, createComment } from "../app/models/post.server";
import { createThread, type NewThread } from "../app/models/thread.server";
import { registerUser, type NewUser } from "../app/models/user.server";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { reputationEvents, users } from "../db/schema";

export const TEST_PASSWORD = "correct-horse-battery-staple";
let testPasswordHash: Promise<string> | null = null;
let sequence = 0;

export function uniqueName(prefix = "user") {
  sequence += 1;
  return `${prefix}${sequence}_${Math.random().toString(36).slice(2, 7)}`;
}

/** A user; by default with TEST_PASSWORD, hashed once per process to keep tests fast. */
export async function createUser(db: Db, overrides: Partial<NewUser> = {}) {
  const username = overrides.username ?? uniqueName();
  let passwordHash = overrides.passwordHash;
  if (!passwordHash && !overrides.password) {
    testPasswordHash ??= hashPassword(TEST_PASSWORD);
    passwordHash = await testPasswordHash;
  }
  const result = await registerUser(db, {
    username,
    email: overrides.email ?? `${username.toLowerCase()}@example.test`,
    password: overrides.password ?? TEST_PASSWORD,
    ...overrides,
    passwordHash,
  });
  if (!result.ok) throw new Error(`createUser failed: ${JSON.stringify(result.errors)}`);
  return result.user;
}

export function createTestCategory(db: Db, overrides: Partial<NewCategory> = {}) {
  const slug = overrides.slug ?? uniqueName("category").toLowerCase().replace(/_/g, "-");
  return createCategory(db, { slug, name: overrides.name ?? `Category ${slug}`, description: "A test category.", ...overrides });
}

type Author = Parameters<typeof createThread>[1];

/** A question (and its thread), posted by `author` at `at` (default now). */
export function createTestThread(
  db: Db,
  author: NonNullable<Author>,
  overrides: Partial<NewThread> & { at?: Date } = {},
) {
  sequence += 1;
  const result = createThread(
    db,
    author,
    {
      title: overrides.title ?? `How do I fix problem number ${sequence} with my box?`,
      body: overrides.body ?? "It started yesterday evening and nothing I try helps. Any idea?",
      category: overrides.category ?? "billing",
      tags: overrides.tags ?? [],
    },
    overrides.at ?? new Date(),
  );
  if (!result.ok) throw new Error(`createTestThread failed: ${JSON.stringify(result.errors)}`);
  return result.thread;
}

export function createTestAnswer(db: Db, author: NonNullable<Author>, threadId: number, body?: string, at = new Date()) {
  const result = createAnswer(db, author, { threadId, body: body ?? "Restart the box, wait two minutes, then check the lights again." }, at);
  if (!result.ok) throw new Error(`createTestAnswer failed: ${JSON.stringify(result.errors)}`);
  return result.answer;
}

export function createTestComment(db: Db, author: NonNullable<Author>, postId: number, body?: string, at = new Date()) {
  return createComment(db, author, { postId, body: body ?? "Same problem here since Tuesday." }, at).comment;
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
