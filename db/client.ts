import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export function createDb(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Gathers the statistics the query planner needs, where they are missing or
  // stale (without them it may pick an index on deleted_at over a primary key).
  sqlite.pragma("optimize = 0x10002");
  return drizzle(sqlite, { schema });
}

export type Db = ReturnType<typeof createDb>;
/** The handle a model function gets inside db.transaction(). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Helpers that run on their own or inside a caller's transaction take either. */
export type DbOrTx = Db | Tx;
