// npm run seed [-- --lang en|fr]: seeds the demo community into a fresh
// database (DATABASE_PATH, default data/entraide.db), in the language of
// --lang, else SEED_LANGUAGE, else English.
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { isLanguage, LANGUAGES } from "../app/i18n/languages";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { isEmptyCommunity, printDemoLogins, seedDemoCommunity } from "./demo-community";

const USAGE = `Usage: npm run seed [-- --lang ${LANGUAGES.join("|")}]`;

function refuse(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

let options: { lang?: string };
try {
  options = parseArgs({ options: { lang: { type: "string" } }, strict: true }).values;
} catch (error) {
  refuse((error as Error).message);
}
let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (error) {
  refuse((error as Error).message);
}
const language = options.lang ?? config.SEED_LANGUAGE;
if (!isLanguage(language)) refuse(`--lang: the demo community speaks ${LANGUAGES.join(" or ")}, not "${language}".`);

const file = path.resolve(config.DATABASE_PATH);
const db = createDb(file);
migrateDb(db);
if (!isEmptyCommunity(db)) {
  console.error(`${file} already holds a community. Seed a fresh one with DATABASE_PATH=path/to/new.db npm run seed.`);
  process.exit(1);
}
printDemoLogins(await seedDemoCommunity(db, { language }));
console.log(`  Seeded ${file} (language: ${language})`);
db.$client.close();
