// Builders for users (and, as the forum grows, threads and answers). Tests and
// the demo seed both use them, so the demo community is built the way the
// application builds things.
import { hashPassword } from "../app/auth/password.server";
import { createCategory, type NewCategory } from "../app/models/category.server";
import { registerUser, type NewUser } from "../app/models/user.server";
import type { Db } from "../db/client";

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
