// Shared by the model tests: a replayable random generator, and the check that
// a refused action throws a Response and leaves every table as it was.
import { expect } from "vitest";
import type { Db } from "../db/client";
import { sql } from "drizzle-orm";
import {
  accessGrants,
  announcements,
  auditEvents,
  escalations,
  notifications,
  outboxMessages,
  userBadges,
  watches,
  deflections,
  flags,
  posts,
  reputationEvents,
  revisions,
  searchDocuments,
  searchQueries,
  searchSynonyms,
  threads,
  threadTags,
  users,
  votes,
} from "../db/schema";

export { seededRandom } from "./seeded-random";

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
    searchDocuments: db.select().from(searchDocuments).all(),
    searchText: db.all(sql`select rowid, title, body, answers from search_fts order by rowid`),
    searchQueries: db.select().from(searchQueries).all(),
    deflections: db.select().from(deflections).all(),
    synonyms: db.select().from(searchSynonyms).all(),
    notifications: db.select().from(notifications).all(),
    badges: db.select().from(userBadges).all(),
    announcements: db.select().from(announcements).all(),
    accessGrants: db.select().from(accessGrants).all(),
    watches: db.select().from(watches).all(),
    outbox: db.select().from(outboxMessages).all(),
    escalations: db.select().from(escalations).all(),
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
