// The server as deployed: one serving process per core over one SQLite file,
// the background jobs in exactly one process, and a write seen by every
// process's page cache at once.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestCategory, createTestThread, createUser } from "../support/factories";
import { startApp, type RunningApp } from "./harness";

let app: RunningApp;
let threadUrl = "";
let threadId = 0;

beforeAll(async () => {
  app = await startApp(
    async (db) => {
      createTestCategory(db, { slug: "cluster", name: "Cluster" });
      const asker = await createUser(db, { username: "cluster_asker" });
      const thread = createTestThread(db, asker, { title: "Does the box restart by itself at night?", category: "cluster" });
      threadId = thread.id;
      threadUrl = `/t/${thread.id}/${thread.slug}`;
    },
    { env: { WEB_CONCURRENCY: "2" } },
  );
});

afterAll(async () => {
  await app?.stop();
});

test("two processes serve, and the background jobs run in one of them only", async () => {
  expect(app.output()).toContain("2 processes serve requests");
  expect(app.output().match(/Background jobs run in process/g)).toHaveLength(1);
  const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.url}${threadUrl}`)));
  expect(pages.map((p) => p.status)).toEqual(Array(20).fill(200));
});

test("a write made elsewhere shows at once in every process's cached pages", async () => {
  // Warm both processes' caches.
  await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.url}/`).then((r) => r.text())));
  app.db.$client.prepare("UPDATE threads SET title = ? WHERE id = ?").run("Does the box restart by itself every night at 3?", threadId);
  const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.url}/`).then((r) => r.text())));
  for (const html of pages) expect(html).toContain("restart by itself every night at 3");
});
