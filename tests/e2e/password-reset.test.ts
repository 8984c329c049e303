// Forgotten passwords and confirmed addresses in the browser (issue #13): a
// member signed in on one device resets their password from another through
// the emailed link (read from the outbox, as an admin would see it held),
// lands signed in, and the first device is signed out; the used link then
// shows a clear page. A newcomer sees the banner, asks for the email again,
// confirms, and the banner is gone.
import { and, desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { outboxMessages } from "../../db/schema";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

let app: RunningApp;
let browser: Browser;
const NEW_PASSWORD = "a lantern on the harbour wall";

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp(async (db) => {
    await createUser(db, { username: "rosa_reset", email: "rosa@example.test", displayName: "Rosa Reset" });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The path of the newest link of this kind emailed to `address`, once it is in the outbox. */
async function linkFromOutbox(address: string, kind: "reset-password" | "verify-email", after = 0): Promise<{ path: string; id: number }> {
  let found: { path: string; id: number } | null = null;
  await expect
    .poll(() => {
      const message = app.db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.toAddress, address), like(outboxMessages.body, `%/${kind}/%`)))
        .orderBy(desc(outboxMessages.id))
        .get();
      const match = message && message.id > after ? new RegExp(`/${kind}/[A-Za-z0-9_-]{43}`).exec(message.body) : null;
      found = match ? { path: match[0], id: message!.id } : null;
      return !!found;
    })
    .toBe(true);
  return found!;
}

describe("password reset and email confirmation in the browser", () => {
  test("reset from a second browser: signed in there, signed out on the first, and the used link explains itself", async () => {
    const first = await browser.newContext();
    const laptop = await first.newPage();
    await signIn(laptop, app.url, "rosa_reset", TEST_PASSWORD);
    await expect.poll(() => textOf(laptop.locator(".user-menu-name"))).toBe("Rosa Reset");

    const second = await browser.newContext();
    const phone = await second.newPage();
    await phone.goto(`${app.url}/login`);
    await phone.getByRole("link", { name: "Forgot your password?" }).click();
    await phone.waitForURL(`${app.url}/forgot-password`);
    // The address changes a moment before the page: the sign-in form has a field of the same name.
    await visible(phone.getByRole("heading", { name: "Forgot your password?", level: 1 }));
    await phone.getByLabel("Username or email").fill("rosa@example.test");
    await phone.getByRole("button", { name: "Email me a link" }).click();
    await visible(phone.getByText("If an account matches what you typed"));

    const link = await linkFromOutbox("rosa@example.test", "reset-password");
    await phone.goto(`${app.url}${link.path}`);
    await expect.poll(() => textOf(phone.getByRole("heading", { level: 1 }))).toBe("Choose a new password");
    await phone.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await phone.getByLabel("New password, again").fill(NEW_PASSWORD);
    await phone.getByRole("button", { name: "Set my new password" }).click();
    await phone.waitForURL(`${app.url}/`);
    await expect.poll(() => textOf(phone.locator(".user-menu-name"))).toBe("Rosa Reset");

    // The laptop's session ended with the reset.
    await laptop.reload();
    await visible(laptop.getByRole("link", { name: "Sign in" }));
    expect(await laptop.locator(".user-menu-name").count()).toBe(0);

    // The link worked once; now it says so and offers another.
    await phone.goto(`${app.url}${link.path}`);
    await expect.poll(() => textOf(phone.getByRole("heading", { level: 1 }))).toBe("This link was already used");
    await visible(phone.getByRole("link", { name: "Ask for a new link" }));
    expect(await phone.getByLabel("New password", { exact: true }).count()).toBe(0);

    // And the new password is the one that signs in.
    const third = await browser.newContext();
    const desktop = await third.newPage();
    await signIn(desktop, app.url, "rosa_reset", NEW_PASSWORD);
    await expect.poll(() => textOf(desktop.locator(".user-menu-name"))).toBe("Rosa Reset");
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  test("a newcomer sees the banner, resends the email, confirms, and the banner is gone", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/join`);
    await page.getByLabel("Username").fill("confirm_me");
    await page.getByLabel("Email").fill("confirm-me@example.test");
    await page.getByLabel("Password").fill("a quiet harbour at dawn");
    await page.getByRole("button", { name: "Create your account" }).click();
    await page.waitForURL(`${app.url}/`);
    const banner = page.locator(".notice-confirm-email");
    await visible(banner);
    expect(await textOf(banner)).toContain("confirm-me@example.test");
    const joined = await linkFromOutbox("confirm-me@example.test", "verify-email");

    await banner.getByRole("button", { name: "Resend the confirmation email" }).click();
    await visible(page.getByText("We sent a new confirmation link to"));
    const resent = await linkFromOutbox("confirm-me@example.test", "verify-email", joined.id);
    expect(resent.path).not.toBe(joined.path);

    await page.goto(`${app.url}${resent.path}`);
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect.poll(() => textOf(page.getByRole("heading", { level: 1 }))).toBe("Your email address is confirmed");
    await page.getByRole("link", { name: "Back to the community" }).click();
    await page.waitForURL(`${app.url}/`);
    await visible(page.locator(".user-menu-name"));
    expect(await page.locator(".notice-confirm-email").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Resend the confirmation email" }).count()).toBe(0);
    await context.close();
  });
});
