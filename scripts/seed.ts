// npm run seed: seeds the demo community into a fresh database
// (DATABASE_PATH, default data/entraide.db).
import path from "node:path";
import { readConfig } from "../app/config.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { isEmptyCommunity, printDemoLogins, seedDemoCommunity } from "./demo-community";

const config = readConfig();
const file = path.resolve(config.DATABASE_PATH);
const db = createDb(file);
migrateDb(db);
if (!isEmptyCommunity(db)) {
  console.error(`${file} already holds a community. Seed a fresh one with DATABASE_PATH=path/to/new.db npm run seed.`);
  process.exit(1);
}
printDemoLogins(await seedDemoCommunity(db));
console.log(`  Seeded ${file}`);
db.$client.close();
