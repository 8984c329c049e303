// A moderator whom the admins require to use two-factor: sent to
// /settings/security, turns it on with the QR code's key (the test plays the
// authenticator app with otpauth), keeps the recovery codes, signs out, and
// signs in again with the password and then the code; a recovery code works too.
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeSiteSettings } from "../../app/models/site/settings.server";
import { findUserByUsername } from "../../app/models/accounts/user.server";
import { WRONG_CODE_MESSAGE } from "../../app/models/accounts/two-factor.server";
import { sessions } from "../../db/schema";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "mod_mira", displayName: "Mira (moderator)", role: "moderator" });
    writeSiteSettings(db, { accountRules: { requireStaffTwoFactor: true } });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function codeAt(secret: string, timestamp: number) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp });
}

function sessionsOf(username: string) {
  const user = findUserByUsername(app.db, username)!;
  return app.db.select().from(sessions).where(eq(sessions.userId, user.id)).all().length;
}

async function signOut(page: Page) {
  await page.locator(".user-menu summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await visible(page.getByRole("link", { name: "Sign in" }));
}

/** The password step, which must stop at the code step. */
async function passwordStep(page: Page) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Username or email").fill("mod_mira");
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.url}/login/two-factor`);
  await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Two-factor sign-in");
}

describe("two-factor sign-in in the browser", () => {
  test("a moderator turns it on, then needs the code to sign in", async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, "mod_mira", TEST_PASSWORD);

    // The admins require it: the moderation pages wait until it is on.
    await page.goto(`${app.url}/mod`);
    await page.waitForURL(`${app.url}/settings/security`);
    await visible(page.getByText("Moderators and admins must use two-factor sign-in on this community."));

    await page.getByRole("button", { name: "Turn on two-factor" }).click();
    await visible(page.getByRole("img", { name: /QR code to add this account to your authenticator app/ }));
    const secret = (await textOf(page.locator(".two-factor-key"))).replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.locator(".two-factor-qr svg path").count()).toBeGreaterThan(0);

    await page.getByLabel("Code from your app", { exact: true }).fill(codeAt(secret, Date.now()));
    await page.getByRole("button", { name: "Confirm and turn on" }).click();
    await visible(page.getByText("Two-factor sign-in is on."));
    await visible(page.getByRole("heading", { name: "Your recovery codes" }));
    const recoveryCodes = await page.locator(".recovery-codes code").allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    await visible(page.getByText("Recovery codes left: 10 of 10."));

    // Now the moderation pages open.
    await page.goto(`${app.url}/mod`);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Moderation");

    await signOut(page);
    expect(sessionsOf("mod_mira")).toBe(0);

    // The password alone is not enough.
    await passwordStep(page);
    const valid = new Set([-1, 0, 1, 2].map((d) => codeAt(secret, Date.now() + d * 30_000)));
    const wrong = ["000000", "111111", "222222"].find((c) => !valid.has(c))!;
    await page.getByLabel("Authentication code").fill(wrong);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect.poll(() => textOf(page.locator("#code-error"))).toBe(WRONG_CODE_MESSAGE);
    expect(sessionsOf("mod_mira")).toBe(0);

    // Without the code they are not signed in.
    await page.goto(`${app.url}/mod`);
    await page.waitForURL((url) => url.pathname === "/login");
    await visible(page.getByRole("heading", { name: "Sign in" }));
    expect(sessionsOf("mod_mira")).toBe(0);

    // Back to the code step (its cookie lasts five minutes): the right code signs in.
    await page.goto(`${app.url}/login/two-factor`);
    // The next step's code: the one of now may be the code that turned two-factor on, which works only once.
    await page.getByLabel("Authentication code").fill(codeAt(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => textOf(page.locator(".user-menu-name"))).toBe("Mira (moderator)");
    expect(sessionsOf("mod_mira")).toBe(1);
    await page.goto(`${app.url}/mod`);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Moderation");

    // A recovery code, through the folded second form, works once.
    await signOut(page);
    await passwordStep(page);
    await page.getByText("Use a recovery code").click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Sign in with a recovery code" }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => textOf(page.locator(".user-menu-name"))).toBe("Mira (moderator)");
    await page.goto(`${app.url}/settings/security`);
    await visible(page.getByText("Recovery codes left: 9 of 10."));
    await page.close();
  });

  test("the code step without its cookie is a clear page back to sign in", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.url}/login/two-factor`);
    expect(response?.status()).toBe(400);
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Sign in again");
    await page.getByRole("link", { name: "Back to sign in" }).click();
    await page.waitForURL(`${app.url}/login`);
    await page.close();
  });
});
