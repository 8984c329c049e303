// A personal API token in a real browser, against the running server: a
// member makes one at /settings/tokens, copies the secret shown once, calls
// GET /api/v1/me with it over HTTP, then revokes it on the page, and the
// very next call is refused with 401. The tokens pages and the API reference
// pass axe-core in both languages.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { blocking, runAxe } from "./a11y-helpers";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "tess_tokens", displayName: "Tess Tokens" });
    await createUser(db, { username: "abe_admin", role: "admin" });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const callMe = (secret: string) => fetch(`${app.url}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}`, Accept: "application/json" } });

describe("API tokens in the browser", () => {
  test("a member makes a token, uses it over HTTP, revokes it, and the next call is 401", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    const page = await context.newPage();
    await signIn(page, app.url, "tess_tokens", TEST_PASSWORD);

    // From the settings' tabs to the tokens page.
    await page.goto(`${app.url}/settings`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" }).click();
    await page.waitForURL(/\/settings\/tokens$/);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("API tokens");
    await visible(page.getByText("You have no tokens yet."));
    // A member is not offered the moderate scope.
    expect(await page.getByRole("checkbox", { name: /moderate/ }).count()).toBe(0);

    await page.getByLabel("Name", { exact: true }).fill("Laptop script");
    await page.getByRole("checkbox", { name: /write/ }).check();
    await page.getByRole("radio", { name: "In 90 days" }).check();
    await page.getByRole("button", { name: "Make the token" }).click();

    // The secret, shown once in a read-only field; "Copy" puts it on the clipboard.
    const field = page.getByLabel("The token", { exact: true });
    await visible(field);
    expect(await field.getAttribute("readonly")).not.toBeNull();
    const secret = await field.inputValue();
    expect(secret).toMatch(/^entraide_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await visible(page.getByText("Copied to the clipboard."));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The list now holds it, by its prefix only.
    const row = page.getByRole("row", { name: /Laptop script/ });
    await visible(row);
    await visible(row.getByText(`${secret.slice(0, 15)}…`));

    // The API answers as the member.
    const me = await callMe(secret);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: "tess_tokens", bot: false, token: { kind: "personal", scopes: ["read", "write"] } });

    // Reloaded, the page never shows the secret again, and the token's last use is recorded.
    await page.goto(`${app.url}/settings/tokens`);
    await visible(page.getByRole("row", { name: /Laptop script/ }));
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByLabel("The token", { exact: true }).count()).toBe(0);
    await expect.poll(() => textOf(page.getByRole("row", { name: /Laptop script/ }).locator('td[data-label="Last used"]'))).not.toBe("Never used");

    // Revoke: a second step, then it stops at once.
    await page.getByRole("row", { name: /Laptop script/ }).getByText("Revoke", { exact: true }).click();
    await page.getByRole("button", { name: "Revoke “Laptop script” now" }).click();
    await visible(page.getByText("The token was revoked: it no longer works."));
    await visible(page.getByRole("row", { name: /Laptop script/ }).getByText(/^Revoked on /));

    const refused = await callMe(secret);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ status: 401, type: "/api/docs#problem-unauthorized" });
    await context.close();
  });

  test("the tokens pages and the reference pass axe-core, in English and in French", async () => {
    // bypassCSP lets axe be injected (as in tests/e2e/a11y.test.ts).
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app.url, "abe_admin", TEST_PASSWORD);
    const found: string[] = [];
    const check = async (label: string) => {
      for (const violation of (await runAxe(page)).filter(blocking)) found.push(`${label} ${violation.id}: ${violation.help} ${violation.nodes.map((n) => n.html).join(" | ")}`);
    };
    for (const language of ["en", "fr"] as const) {
      await context.addCookies([{ name: "lang", value: language, url: app.url }]);
      await page.goto(`${app.url}/settings/tokens`);
      await visible(page.locator("main h1"));
      expect(await page.locator("html").getAttribute("lang")).toBe(language);
      // A refused form (errors beside the fields), then a token made (its secret shown).
      await page.locator('input[name="scopes"][value="read"]').uncheck();
      await page.locator('#new-token-section button[type="submit"]').click();
      await visible(page.locator("#scopes-error"));
      await visible(page.locator("#name-error"));
      await check(`${language} /settings/tokens (refused)`);
      await page.locator("#token-name").fill(`Token ${language}`);
      await page.locator('input[name="scopes"][value="read"]').check();
      await page.locator('#new-token-section button[type="submit"]').click();
      await visible(page.locator("#new-token-secret"));
      await check(`${language} /settings/tokens (made)`);
      await page.goto(`${app.url}/admin/api`);
      await visible(page.locator("main h1"));
      await check(`${language} /admin/api`);
      await page.goto(`${app.url}/api/docs`);
      await visible(page.locator("main h1"));
      await check(`${language} /api/docs`);
    }
    expect(found, found.join("\n")).toEqual([]);
    await context.close();
  });
});
