// Hot queries built once per connection. drizzle builds the SQL of a query
// each time it runs (a select of a whole thread row costs several times what
// SQLite takes to run it); a prepared query keeps the SQL, its parameters'
// places and its row mapping, and takes the values as placeholders.
import type Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "./client";

/**
 * The SQLite connection under a database or one of its transactions. A
 * transaction runs on its database's single connection, which drizzle keeps
 * on the session the two share.
 */
export function connectionOf(db: DbOrTx): Database.Database {
  const connection = (db as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!connection) throw new Error("No SQLite connection behind this database handle: has drizzle-orm changed how it keeps it?");
  return connection;
}

/**
 * A query prepared the first time a connection needs it, then reused by that
 * connection (inside its transactions too). `prepare` builds it with
 * `sql.placeholder(...)` for the values and ends with `.prepare()`.
 */
export function preparedQuery<Query>(prepare: (db: DbOrTx) => Query): (db: DbOrTx) => Query {
  const byConnection = new WeakMap<Database.Database, Query>();
  return (db) => {
    const connection = connectionOf(db);
    let query = byConnection.get(connection);
    if (query === undefined) {
      query = prepare(db);
      byConnection.set(connection, query);
    }
    return query;
  };
}

/**
 * `column in (the ids)` for a prepared query: the ids are one placeholder
 * holding a JSON array (pass `JSON.stringify(ids)`), read with json_each, so
 * a list of any length uses the same statement and the column's index.
 */
export function inJsonIds(column: SQLiteColumn, placeholder: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(placeholder)}))`;
}
