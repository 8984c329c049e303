import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { hydrated, launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";
import { findUserByUsername } from "../../app/models/accounts/user.server";
import { unsubscribeToken } from "../../app/models/notify/notification-settings.server";

let app: RunningApp;
let browser: Browser;
let unsubscribeLink = "";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "existing", email: "existing@example.test", displayName: "Existing Member" });
    const reader = await createUser(db, { username: "mail_reader" });
    unsubscribeLink = `/unsubscribe?token=${encodeURIComponent(unsubscribeToken(db, reader.id))}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("accounts in the browser", () => {
  test("join, sign out, sign in and change the display name", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Nimbus Telecom Community");
    await visible(page.getByRole("link", { name: "Billing" }));

    await page.getByRole("link", { name: "Join" }).click();
    await page.getByLabel("Username").fill("newcomer_1");
    await page.getByLabel("Email").fill("newcomer@example.test");
    await page.getByLabel("Password").fill("a quiet harbour at dawn");
    await page.getByRole("button", { name: "Create your account" }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => textOf(page.locator(".user-menu-name"))).toBe("newcomer_1");

    // Sign out through the user menu (a POST form).
    await page.locator(".user-menu summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await visible(page.getByRole("link", { name: "Sign in" }));

    await signIn(page, app.url, "newcomer@example.test", "a quiet harbour at dawn");
    await expect.poll(() => textOf(page.locator(".user-menu-name"))).toBe("newcomer_1");

    await page.goto(`${app.url}/settings`);
    await hydrated(page);
    await page.getByLabel("Display name").fill("Newcomer Nadia");
    await page.getByRole("button", { name: "Save profile" }).click();
    await visible(page.getByText("Your profile was saved."));
    await visible(page.locator(".user-menu-name", { hasText: "Newcomer Nadia" }));
    expect(findUserByUsername(app.db, "newcomer_1")?.displayName).toBe("Newcomer Nadia");
    await page.close();
  });

  test("a wrong password shows the message and keeps the login typed", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Username or email").fill("existing");
    await page.getByLabel("Password").fill("not the right password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => textOf(page.getByRole("alert"))).toBe("That username or email and password do not match.");
    expect(await page.getByLabel("Username or email").inputValue()).toBe("existing");
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    await page.close();
  });

  test("join with bad input shows messages beside the fields and keeps the text", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/join`);
    await page.getByLabel("Username").fill("Existing");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: "Create your account" }).click();
    await expect.poll(() => textOf(page.locator("#email-error"))).toMatch(/valid email/);
    expect(await page.getByLabel("Username").inputValue()).toBe("Existing");
    await page.getByLabel("Email").fill("someone@example.test");
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: "Create your account" }).click();
    await expect.poll(() => textOf(page.locator("#password-error"))).toMatch(/most common/);
    await expect.poll(() => textOf(page.locator("#username-error"))).toBe("That username is taken. Please choose another.");
    await page.close();
  });

  test("a form posted from another origin is refused and changes nothing", async () => {
    // An attacker's page on the same host but another port: same site, so
    // the SameSite=Lax cookie goes along, and only the Origin check stands.
    const attacker: Server = createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(`<!doctype html><form id="f" method="post" action="${app.url}/settings">
        <input name="intent" value="profile"><input name="displayName" value="Hacked"><input name="bio" value="">
        <button>Win a prize</button></form>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.url, "existing", TEST_PASSWORD);
    await page.goto(attackerUrl);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${app.url}/settings`)),
      page.getByRole("button", { name: "Win a prize" }).click(),
    ]);
    expect(response.status()).toBe(403);
    await visible(page.getByRole("heading", { name: "Request refused" }));
    expect(findUserByUsername(app.db, "existing")?.displayName).toBe("Existing Member");
    await context.close();
    await new Promise((resolve) => attacker.close(resolve));
  });

  test("every response carries the security headers", async () => {
    const response = await fetch(`${app.url}/login`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    // A visitor's page comes from the page cache: its inline scripts are allowed by their hashes, never by a shared nonce.
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(csp).not.toContain("'nonce-");
    expect(await response.text()).not.toContain("nonce=");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const missing = await fetch(`${app.url}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await missing.text()).toContain("find that page");
  });

  test("a mail provider's one-click unsubscribe (RFC 8058), posted from its own servers, works", async () => {
    const response = await fetch(`${app.url}${unsubscribeLink}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(findUserByUsername(app.db, "mail_reader")?.emailNotifications).toBe("off");
  });

  test("what a signed-in person is sent is marked private, pages and their data alike", async () => {
    // A visitor's page is the same for every visitor: a CDN may keep it briefly.
    const visitor = await fetch(`${app.url}/`);
    expect(visitor.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+/);
    const page = await browser.newPage();
    await signIn(page, app.url, "existing", TEST_PASSWORD);
    for (const path of ["/", "/notifications", "/?_data=root"]) {
      const response = await page.request.get(`${app.url}${path}`);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toBe("private, no-cache");
      // And its script nonce is this response's own.
      if (!path.includes("_data")) expect(response.headers()["content-security-policy"], path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    }
    await page.close();
  });
});
