// Starts Entraide: opens and migrates the database, seeds the demo community
// on first run, then serves the built Remix app from one process per CPU core
// (WEB_CONCURRENCY) sharing the SQLite file. The primary process serves
// nothing: it prepares the database and runs the background worker (outbox,
// digests, follow-ups), so that runs exactly once however many processes serve.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { readConfig } from "../app/config.server";
import { createHttpApp } from "../app/http.server";
import { createViewCounter } from "../app/models/forum/thread-views.server";
import { startWorker } from "../app/worker.server";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { ensureSearchIndex } from "../app/models/search/search-index.server";
import { isEmptyCommunity, printDemoLogins, seedDemoCommunity } from "./demo-community";

const root = path.resolve(import.meta.dirname, "..");
const config = readConfig();
const buildPath = path.join(root, "build", "index.js");
const databasePath = path.resolve(root, config.DATABASE_PATH);
const processes = config.WEB_CONCURRENCY || os.availableParallelism();

async function prepareDatabase() {
  if (!existsSync(buildPath)) {
    console.error("No build found. Run `npm run build` first (or `npm start`, which builds).");
    process.exit(1);
  }
  const db = createDb(databasePath);
  migrateDb(db);
  if (config.SEED_DEMO && isEmptyCommunity(db)) {
    const logins = await seedDemoCommunity(db, { language: config.SEED_LANGUAGE });
    printDemoLogins(logins);
  }
  // A database from before search existed, or restored from a backup: index it.
  if (ensureSearchIndex(db)) console.log("Search index rebuilt.");
  return db;
}

/** One serving process: its own connection, page cache and view counter. */
async function serve(onListening: (port: number) => void) {
  const db = createDb(databasePath);
  const views = createViewCounter(db);
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createHttpApp({
    db,
    build,
    publicDir: path.join(root, "public"),
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
    pageCache: config.PAGE_CACHE_MB > 0 ? { maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 } : false,
    cdnMaxAgeSeconds: config.CDN_MAX_AGE,
    viewCounter: views,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    onListening(typeof address === "object" && address ? address.port : config.PORT);
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      views.stop();
      db.$client.close();
    });
}

function ready(port: number) {
  console.log(`Entraide is ready on http://localhost:${port}`);
}

function exitOnSignal(stop: () => Promise<void>) {
  const shutdown = () => {
    setTimeout(() => process.exit(0), 3000).unref();
    void stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (cluster.isPrimary) {
  const db = await prepareDatabase();
  const worker = startWorker(db);
  console.log(`Background jobs run in process ${process.pid}; ${processes} process${processes === 1 ? "" : "es"} serve requests.`);
  if (processes === 1) {
    const stopServing = await serve(ready);
    exitOnSignal(async () => {
      await stopServing();
      await worker.stop();
      db.$client.close();
    });
  } else {
    let listening = 0;
    let stopping = false;
    cluster.on("listening", (_process, address) => {
      listening += 1;
      if (listening === processes) ready(address.port);
    });
    // A serving process that dies is replaced, unless we are stopping.
    cluster.on("exit", (dead, code) => {
      if (stopping) return;
      console.error(`A serving process (${dead.process.pid}) stopped with code ${code}; starting another.`);
      cluster.fork();
    });
    for (let i = 0; i < processes; i += 1) cluster.fork();
    exitOnSignal(async () => {
      stopping = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (child) => new Promise<void>((resolve) => {
            child!.once("exit", () => resolve());
            child!.kill("SIGTERM");
          }),
        ),
      );
      await worker.stop();
      db.$client.close();
    });
  }
} else {
  const stopServing = await serve(() => {});
  exitOnSignal(stopServing);
}
