// The README's worked examples work: its webhook receiver, run as the file a
// reader would save, accepts a real delivery and refuses a forged one; its
// curl example's request asks a question through the API.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { deliverDueWebhooks } from "../app/models/notify/webhook-delivery.server";
import { createWebhook } from "../app/models/notify/webhooks.server";
import { updateAllowPrivateWebhookAddresses } from "../app/models/site/settings.server";
import { webhookDeliveries, webhooks } from "../db/schema";
import { apiClient, tokenFor } from "./support/api";
import { asCurrentUser, createTestDb } from "./support/db";
import { createEstablishedMember, createTestCategory, createTestThread, createUser } from "./support/factories";
import { root } from "./support/source-files";

const readme = readFileSync(path.join(root, "README.md"), "utf8");
const db = createTestDb();
const dir = mkdtempSync(path.join(tmpdir(), "entraide-readme-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** The first fenced block of `language` after `heading` in the README. */
function blockAfter(heading: string, language: string): string {
  const start = readme.indexOf(heading);
  expect(start, `the README says "${heading}"`).toBeGreaterThan(-1);
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(readme.slice(start));
  expect(match, `a ${language} block follows "${heading}"`).not.toBeNull();
  return match![1]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("the README's examples", () => {
  test("the webhook receiver verifies a real delivery's signature and refuses a wrong one", async () => {
    const file = path.join(dir, "receiver.mjs");
    writeFileSync(file, blockAfter("A receiver that checks the signature", "js"));
    const admin = asCurrentUser(db, (await createUser(db, { role: "admin" })).id);
    updateAllowPrivateWebhookAddresses(db, admin, true);
    createTestCategory(db, { slug: "network", name: "Network" });

    const port = await freePort();
    const good = createWebhook(db, admin, { url: `http://127.0.0.1:${port}/hook`, description: "README", events: ["thread.created"] });
    const forged = createWebhook(db, admin, { url: `http://127.0.0.1:${port}/forged`, description: "README", events: ["thread.created"] });
    if (!good.ok || !forged.ok) throw new Error("the webhooks were refused");
    // The second webhook's secret is not the one the receiver knows.
    db.update(webhooks).set({ secret: "another-secret-entirely-0123456789" }).where(eq(webhooks.id, forged.webhook.id)).run();

    const child = spawn(process.execPath, [file], { env: { ...process.env, WEBHOOK_SECRET: good.webhook.secret, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    // Wait until it listens.
    await expect
      .poll(async () => fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "{}" }).then((r) => r.status).catch(() => 0), { timeout: 10_000 })
      .toBe(401);

    const member = await createEstablishedMember(db);
    createTestThread(db, member, { title: "Wi-Fi drops every evening", category: "network" });
    await deliverDueWebhooks(db, new Date());
    const deliveries = db.select().from(webhookDeliveries).all();
    const byWebhook = (id: number) => deliveries.find((d) => d.webhookId === id)!;
    expect(byWebhook(good.webhook.id)).toMatchObject({ status: "sent", responseStatus: 204 });
    expect(byWebhook(forged.webhook.id).responseStatus).toBe(401);
    await expect.poll(() => output).toContain("thread.created");
  });

  test("the curl example asks a question through the API", async () => {
    const curl = blockAfter("Asking a question with a token", "sh");
    const [, pathname] = /http:\/\/localhost:3000(\/api\/v1\/\S+)/.exec(curl)!;
    const [, json] = /-d '([^']+)'/.exec(curl)!;
    const member = await createEstablishedMember(db);
    const api = apiClient(db);
    const response = await api.call("POST", pathname!.replace("/api/v1", ""), { token: tokenFor(db, member.id, ["read", "write"]), body: JSON.parse(json!) });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toMatch(/\/api\/v1\/threads\/\d+$/);
    expect((await response.json()).title).toBe(JSON.parse(json!).title);
  });
});
