// Shared by the model tests: a replayable random generator, and the check that
// a refused action throws a Response and leaves every table as it was.
import { expect } from "vitest";
import type { Db } from "../../db/client";

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

/**
 * Every row of every table, read from sqlite_master so that a new table is
 * covered without a change here (the search index's own tables included).
 */
export function snapshot(db: Db) {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows: Record<string, unknown[]> = {};
  for (const name of tables) rows[name] = db.$client.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all();
  return JSON.stringify(rows);
}

/** Runs an action that must be refused with `status`, and checks nothing changed. */
export function expectRefused(db: Db, run: () => unknown, status = 403) {
  const before = snapshot(db);
  const response = refusal(run);
  expect(response.status).toBe(status);
  expect(snapshot(db)).toBe(before);
  return response;
}
