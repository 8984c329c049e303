// Starts Entraide: opens and migrates the database, seeds the demo community
// on first run, and serves the built Remix app.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { readConfig } from "../app/config.server";
import { createHttpApp } from "../app/http.server";
import { startWorker } from "../app/worker.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { ensureSearchIndex } from "../app/models/search-index.server";
import { isEmptyCommunity, printDemoLogins, seedDemoCommunity } from "./demo-community";

const root = path.resolve(import.meta.dirname, "..");
const config = readConfig();
const buildPath = path.join(root, "build", "index.js");
if (!existsSync(buildPath)) {
  console.error("No build found. Run `npm run build` first (or `npm start`, which builds).");
  process.exit(1);
}

const db = createDb(path.resolve(root, config.DATABASE_PATH));
migrateDb(db);

if (config.SEED_DEMO && isEmptyCommunity(db)) {
  const logins = await seedDemoCommunity(db);
  printDemoLogins(logins);
}
// A database from before search existed, or restored from a backup: index it.
if (ensureSearchIndex(db)) console.log("Search index rebuilt.");

// Delivers the outbox (emails, escalations) and runs the periodic jobs.
const worker = startWorker(db);

const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
const app = createHttpApp({
  db,
  build,
  publicDir: path.join(root, "public"),
  publicUrl: config.PUBLIC_URL,
  trustProxy: config.TRUST_PROXY,
});

const server = app.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  console.log(`Entraide is ready on http://localhost:${port}`);
});

function shutdown() {
  server.close(async () => {
    await worker.stop();
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
