// Shared by the API's write tests: calling an operation and checking its
// answer against the OpenAPI document, the database's state without the
// door's own bookkeeping (rate-limit counters, a token's last use), and the
// reputation ledger's rule (a total is always 1 + the sum of its rows).
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../db/client";
import { reputationEvents, users } from "../../db/schema";
import { apiClient, expectConforms } from "../support/api";
import { snapshot } from "../support/model-helpers";

export type Sent = { status: number; body: any; headers: Headers };

export function writeClient(db: Db) {
  const api = apiClient(db);
  /** Sends a request to `path` (an instance of `template`) and checks the answer against the document. */
  async function send(method: string, template: string, path: string, options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Sent> {
    // A body is sent with its length, as an HTTP client sends it (the door takes a request without one as bodiless).
    const text = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    const headers = text === undefined ? options.headers : { "Content-Length": String(Buffer.byteLength(text)), ...options.headers };
    const response = await api.call(method, path, { ...options, body: text, headers: { "Content-Type": "application/json", ...headers } });
    const status = response.status;
    const body = await expectConforms(response, method, template);
    return { status, body, headers: response.headers };
  }
  return { api, send };
}

/**
 * Every row of every table, less what the API's door writes on every request
 * whatever its outcome: its rate-limit counters and a token's last use.
 */
export function contentState(db: Db): string {
  const rows = JSON.parse(snapshot(db)) as Record<string, Record<string, unknown>[]>;
  delete rows.api_rate_limits;
  rows.api_tokens = (rows.api_tokens ?? []).map(({ last_used_at: _lastUse, ...token }) => token);
  return JSON.stringify(rows);
}

/** Runs a request that must be refused with `status` (and, if given, the problem type) and checks nothing changed. */
export async function expectRefusedUnchanged(db: Db, run: () => Promise<Sent>, status: number, type?: string): Promise<Sent> {
  const before = contentState(db);
  const sent = await run();
  expect(sent.status, JSON.stringify(sent.body)).toBe(status);
  expect(sent.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  if (type) expect(sent.body.type).toBe(`/api/docs#problem-${type}`);
  expect(contentState(db)).toBe(before);
  return sent;
}

export function reputationOf(db: Db, userId: number): number {
  return db.select({ reputation: users.reputation }).from(users).where(eq(users.id, userId)).get()!.reputation;
}

/** The ledger's rule: a user's total is 1 + the sum of their rows. */
export function expectLedgerAgrees(db: Db, ...userIds: number[]) {
  for (const userId of userIds) {
    const sum = db.select({ n: sql<number>`coalesce(sum(${reputationEvents.points}), 0)` }).from(reputationEvents).where(eq(reputationEvents.userId, userId)).get()!.n;
    expect(reputationOf(db, userId), `user ${userId}'s total against the ledger`).toBe(1 + Number(sum));
  }
}
