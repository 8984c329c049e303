// The page version: one number that changes whenever something a visitor can
// see changes (triggers bump it inside the writing transaction; see migration
// 0009). The page cache compares it on every request; reads that every page
// makes (site settings, reward rules, the open incidents) are kept per
// process until it moves, instead of being queried again for each request.
import type Database from "better-sqlite3";
import type { DbOrTx } from "../../../db/client";

const readers = new WeakMap<Database.Database, Database.Statement>();
const memos = new WeakMap<Database.Database, Map<string, { version: number; value: unknown }>>();

function clientOf(db: DbOrTx): Database.Database | null {
  return (db as { $client?: Database.Database }).$client ?? null;
}

export function pageVersionOf(client: Database.Database): number {
  let reader = readers.get(client);
  if (!reader) {
    reader = client.prepare("SELECT version FROM page_version WHERE id = 1").pluck();
    readers.set(client, reader);
  }
  return (reader.get() as number | undefined) ?? 0;
}

/**
 * `compute()`, or what it gave the last time if the page version has not
 * moved since. Only for reads of tables that bump the version. The value is
 * shared: callers must not change it.
 */
export function memoByPageVersion<T>(db: DbOrTx, name: string, compute: () => T): T {
  const client = clientOf(db);
  if (!client) return compute();
  const version = pageVersionOf(client);
  let memo = memos.get(client);
  if (!memo) {
    memo = new Map();
    memos.set(client, memo);
  }
  const kept = memo.get(name);
  if (kept && kept.version === version) return kept.value as T;
  const value = compute();
  memo.set(name, { version, value });
  return value;
}
