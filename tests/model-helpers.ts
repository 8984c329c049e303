// Shared by the model tests: a replayable random generator, and the check that
// a refused action throws a Response and leaves every table as it was.
import { expect } from "vitest";
import type { Db } from "../db/client";
import { auditEvents, flags, posts, reputationEvents, revisions, threads, threadTags, users, votes } from "../db/schema";

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
export function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Response a model function throws, failing the test if it returns instead. */
export function refusal(run: () => unknown): Response {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("Expected the action to be refused, but it was allowed.");
}

/** Everything a refused action could have touched. */
export function snapshot(db: Db) {
  return JSON.stringify({
    threads: db.select().from(threads).all(),
    posts: db.select().from(posts).all(),
    revisions: db.select().from(revisions).all(),
    threadTags: db.select().from(threadTags).all(),
    votes: db.select().from(votes).all(),
    reputationEvents: db.select().from(reputationEvents).all(),
    reputation: db.select({ id: users.id, reputation: users.reputation }).from(users).all(),
    flags: db.select().from(flags).all(),
    audit: db.select().from(auditEvents).all(),
  });
}

/** Runs an action that must be refused with `status`, and checks nothing changed. */
export function expectRefused(db: Db, run: () => unknown, status = 403) {
  const before = snapshot(db);
  const response = refusal(run);
  expect(response.status).toBe(status);
  expect(snapshot(db)).toBe(before);
  return response;
}
