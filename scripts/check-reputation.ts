// npm run check:reputation
// Recomputes every user's total from the reputation ledger and reports any
// difference. Exits with 1 when there is one, so it can guard a deployment.
import { existsSync } from "node:fs";
import path from "node:path";
import { readConfig } from "../app/config.server";
import { reputationMismatches } from "../app/models/reputation/reputation.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { users } from "../db/schema";
import { count } from "drizzle-orm";

const config = readConfig();
const file = path.resolve(config.DATABASE_PATH);
// A mistyped path must not pass as "in step for 0 users" on a new empty database.
if (!existsSync(file)) {
  console.error(`No database at ${file}: set DATABASE_PATH to the file to check.`);
  process.exit(2);
}
const db = createDb(file);
migrateDb(db);
const checked = db.select({ n: count() }).from(users).get()!.n;
const mismatches = reputationMismatches(db);
if (!mismatches.length) {
  console.log(`Reputation is in step with the ledger for all ${checked} users.`);
  process.exit(0);
}
console.error(`${mismatches.length} of ${checked} users have a total that differs from 1 + their ledger:`);
for (const m of mismatches) console.error(`  @${m.username} (id ${m.id}): total ${m.total}, ledger says ${m.ledger} (${m.total - m.ledger > 0 ? "+" : ""}${m.total - m.ledger})`);
process.exit(1);
