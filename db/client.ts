import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";
import { cacheStatements } from "./statement-cache";

function open(path: string) {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return cacheStatements(sqlite);
}

/**
 * FTS5 reads and deletes the pages of its index by rowid range. Statistics
 * taken while the index was empty (its data table then holds 2 rows) make the
 * planner scan the whole table for each of those instead, so every write to
 * the index costs as much as the index is large, until the next ANALYZE: a
 * rebuild of a large index takes hours instead of a minute. Those statistics
 * are forgotten; without any, the planner walks the rowid range. Says whether
 * it forgot some (the connection still holds them: open another).
 */
function forgetEmptyIndexStatistics(sqlite: Database.Database): boolean {
  const analyzed = sqlite.prepare("select 1 from sqlite_schema where type = 'table' and name = 'sqlite_stat1'").get();
  if (!analyzed) return false;
  const forgotten = sqlite.prepare("delete from sqlite_stat1 where tbl = 'search_fts_data' and cast(stat as integer) < 100").run();
  return forgotten.changes > 0;
}

export function createDb(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let sqlite = open(path);
  // Gathers the statistics the query planner needs, where they are missing or
  // stale (without them it may pick an index on deleted_at over a primary key).
  sqlite.pragma("optimize = 0x10002");
  if (path !== ":memory:" && forgetEmptyIndexStatistics(sqlite)) {
    sqlite.close();
    sqlite = open(path);
  }
  return drizzle(sqlite, { schema });
}

export type Db = ReturnType<typeof createDb>;
/** The handle a model function gets inside db.transaction(). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Helpers that run on their own or inside a caller's transaction take either. */
export type DbOrTx = Db | Tx;
