// Webhooks in a browser: an admin adds a webhook pointing at a receiver on
// this machine (private addresses allowed first, on the same page), reads its
// secret, sends a test ping, and sees it delivered in the log; the receiver
// got it, signed with that secret.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { verifyWebhookSignature } from "../../app/models/notify/webhook-delivery.server";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { startWebhookReceiver, type WebhookReceiver } from "../models/notify/webhook-receiver";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "admin_ada", displayName: "Ada Administrator", role: "admin", createdAt: new Date(Date.now() - 30 * 24 * 60 * 60_000) });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await receiver?.close();
});

describe("an admin's webhook", () => {
  test("added, pinged, delivered, in the log", async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, "admin_ada", TEST_PASSWORD);
    await page.goto(`${app.url}/admin/webhooks`);

    // A receiver on this machine is refused until private addresses are allowed.
    await page.getByLabel("Address (URL)").fill(receiver.url);
    await page.getByLabel("A question is asked").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    expect(await textOf(page.locator("#url-error"))).toMatch(/private network/);
    expect(await page.getByLabel("Address (URL)").inputValue()).toBe(receiver.url);

    await page.getByLabel("Allow deliveries to private addresses").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await visible(page.getByText("The rule on private addresses is saved."));

    await page.getByLabel("Address (URL)").fill(receiver.url);
    await page.getByLabel("Description").fill("Our help desk");
    await page.getByLabel("A question is asked").check();
    await page.getByLabel("An answer is accepted").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.waitForURL(/\/admin\/webhooks\/\d+/);
    await visible(page.getByText("Webhook added."));
    const secret = await textOf(page.locator("code.webhook-secret"));
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await visible(page.getByText("Nothing delivered yet."));

    await page.getByRole("button", { name: "Send a test ping" }).click();
    await visible(page.getByText("The test ping was delivered."));
    const row = page.locator("table.webhook-log tbody tr").first();
    await expect.poll(() => row.innerText()).toMatch(/ping[\s\S]*Delivered[\s\S]*204/);
    await visible(row.getByRole("button", { name: /Redeliver/ }));

    expect(receiver.received).toHaveLength(1);
    const [ping] = receiver.received;
    expect(ping!.json).toMatchObject({ event: "ping", data: { url: receiver.url, events: ["thread.created", "answer.accepted"] } });
    const headers = ping!.headers as Record<string, string>;
    expect(verifyWebhookSignature(secret, { timestamp: headers["x-entraide-timestamp"]!, body: ping!.body, signature: headers["x-entraide-signature"]! })).toBe(true);

    // Back on the list: its last delivery.
    await page.getByRole("link", { name: "Back to the webhooks" }).click();
    await expect.poll(() => page.locator(".sso-provider").first().innerText()).toMatch(/Delivered \(204\)/);
    await page.close();
  });
});
