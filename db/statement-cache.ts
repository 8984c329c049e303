// drizzle prepares a fresh SQLite statement for every query it runs; parsing
// and planning the same SQL on every request costs more than running it.
// This keeps the prepared statements of a connection by their SQL text and
// hands back the same one, reset to its defaults, the next time the same SQL
// is asked for. One statement in use (being iterated) is never handed out twice.
import type Database from "better-sqlite3";

export function cacheStatements(sqlite: Database.Database, max = 1000): Database.Database {
  const prepareFresh = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const kept = statements.get(source);
    if (kept && !kept.busy) {
      // Least recently used goes first: move this one to the end.
      statements.delete(source);
      statements.set(source, kept);
      if (kept.reader) kept.raw(false).pluck(false).expand(false);
      return kept;
    }
    const statement = prepareFresh(source);
    if (!kept) {
      statements.set(source, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
    }
    return statement;
  }) as Database.Database["prepare"];
  return sqlite;
}
