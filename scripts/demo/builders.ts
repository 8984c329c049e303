// Builders for users, threads, answers and comments, shared by the demo seed
// and the tests (tests/factories.ts re-exports them). They post through the
// application's own model functions, so the demo community and the tests'
// data are built the way the site builds them. Here, not in tests/, because
// the server seeds the demo on its first start and must not load tests/.
import { hashPassword } from "../../app/auth/password.server";
import { createAnswer, createComment } from "../../app/models/forum/post.server";
import { createThread, type NewThread } from "../../app/models/forum/thread.server";
import { registerUser, type NewUser } from "../../app/models/accounts/user.server";
import type { Db } from "../../db/client";

/** The password of users built without one (the demo always gives its people their own). */
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
    // Built people read their mail unless a test says otherwise.
    emailVerified: true,
    ...overrides,
    passwordHash,
  });
  if (!result.ok) throw new Error(`createUser failed: ${JSON.stringify(result.errors)}`);
  return result.user;
}

type Author = NonNullable<Parameters<typeof createThread>[1]>;

/** A question (and its thread), posted by `author` at `at` (default now). */
export function createTestThread(db: Db, author: Author, overrides: Partial<NewThread> & { at?: Date } = {}) {
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

export function createTestAnswer(db: Db, author: Author, threadId: number, body?: string, at = new Date()) {
  const result = createAnswer(db, author, { threadId, body: body ?? "Restart the box, wait two minutes, then check the lights again." }, at);
  if (!result.ok) throw new Error(`createTestAnswer failed: ${JSON.stringify(result.errors)}`);
  return result.answer;
}

export function createTestComment(db: Db, author: Author, postId: number, body?: string, at = new Date()) {
  const result = createComment(db, author, { postId, body: body ?? "Same problem here since Tuesday." }, at);
  if (!result.ok) throw new Error(`createTestComment failed: ${JSON.stringify(result.errors)}`);
  return result.comment;
}
