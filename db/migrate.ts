import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client";

// Kept apart from client.ts: the Remix server bundle imports the client, and
// only the process entry points (server, scripts, tests) apply migrations.
export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export function migrateDb(db: Db) {
  migrate(db, { migrationsFolder });
}
