// Single sign-on in the browser: a visitor clicks "Sign in with Nimbus ID" on
// the sign-in page, signs in at a real OpenID provider (running in this test's
// process; the server reads it from OIDC_NIMBUS_* variables), picks a username
// on the welcome page and lands signed in.
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findUserByUsername } from "../../app/models/accounts/user.server";
import { userIdentities } from "../../db/schema";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { launchBrowser, signIn, startApp, textOf, visible, type RunningApp } from "./harness";

const SECRET = "e2e-client-secret-0123456789abcdef";
let op: TestOidcProvider;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  op = await startOidcProvider({
    accounts: [
      { sub: "nimbus-0001", email: "robin@nimbus.test", email_verified: true, preferred_username: "robin", name: "Robin Okafor" },
      { sub: "nimbus-0002", email: "sasha@nimbus.test", email_verified: false, preferred_username: "sasha", name: "Sasha Petrov" },
    ],
  });
  browser = await launchBrowser();
  app = await startApp(
    async (db) => {
      // "robin" is taken here, so the welcome page proposes another name.
      await createUser(db, { username: "robin", email: "robin.elsewhere@example.test" });
      await createUser(db, { username: "site_admin", role: "admin" });
    },
    { env: { OIDC_NIMBUS_ISSUER: op.issuer, OIDC_NIMBUS_CLIENT_ID: "entraide-e2e", OIDC_NIMBUS_CLIENT_SECRET: SECRET, OIDC_NIMBUS_LABEL: "Nimbus ID" } },
  );
  // The server's address is known only now: register its callback at the provider.
  op.addClient({ clientId: "entraide-e2e", clientSecret: SECRET, redirectUris: [`${app.url}/auth/nimbus/callback`] });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await op?.stop();
});

describe("single sign-on in the browser", () => {
  test("a visitor signs in with the provider, picks a username on the welcome page and lands signed in", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/login`);
    await page.getByRole("link", { name: "Sign in with Nimbus ID" }).click();

    // At the provider's own sign-in page.
    await visible(page.getByRole("heading", { name: "Sign in to Test Identity" }));
    expect(new URL(page.url()).origin).toBe(op.issuer);
    await page.getByLabel("Account").fill("nimbus-0001");
    await page.getByRole("button", { name: "Sign in" }).click();

    // Back here: the welcome page proposes a free name from the claims.
    await page.waitForURL(`${app.url}/auth/welcome`);
    await visible(page.getByRole("heading", { name: "Welcome" }));
    expect(await page.getByLabel("Username").inputValue()).toBe("robin2");
    await expect.poll(() => textOf(page.getByText("Your email address:"))).toContain("robin@nimbus.test (confirmed by the provider)");

    // A taken name is refused beside the field, with the text kept.
    await page.getByLabel("Username").fill("Robin");
    await page.getByRole("button", { name: "Create your account" }).click();
    await expect.poll(() => textOf(page.locator("#username-error"))).toBe("That username is taken. Please choose another.");
    expect(await page.getByLabel("Username").inputValue()).toBe("Robin");

    await page.getByLabel("Username").fill("robin_o");
    await page.getByRole("button", { name: "Create your account" }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => textOf(page.locator(".user-menu-name"))).toBe("Robin Okafor");

    const user = findUserByUsername(app.db, "robin_o")!;
    expect(user).toMatchObject({ email: "robin@nimbus.test", passwordHash: "" });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(app.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id)).get()).toMatchObject({ provider: "nimbus", subject: "nimbus-0001" });
    await page.close();
  });

  test("an address the provider has not confirmed stays unconfirmed", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/join`);
    await page.getByRole("link", { name: "Sign in with Nimbus ID" }).click();
    await page.getByLabel("Account").fill("nimbus-0002");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/auth/welcome`);
    await expect.poll(() => textOf(page.getByText("Your email address:"))).toContain("(not confirmed yet)");
    await page.getByRole("button", { name: "Create your account" }).click();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => textOf(page.locator(".user-menu-name"))).toBe("Sasha Petrov");
    expect(findUserByUsername(app.db, "sasha")!.emailVerifiedAt).toBeNull();
    await page.close();
  });

  test("an admin adds a provider (its discovery read first, a bad issuer shown beside the field) and its button shows on the sign-in page", async () => {
    const page = await browser.newPage();
    await signIn(page, app.url, "site_admin", TEST_PASSWORD);
    await page.goto(`${app.url}/admin/sign-in`);
    await visible(page.getByRole("heading", { name: "Single sign-on providers" }));
    await visible(page.getByText("From the environment"));
    await page.getByLabel("Button label").fill("Staff login");
    await page.getByLabel("Short name").fill("staff");
    await page.getByLabel("Issuer").fill("http://127.0.0.1:9");
    await page.getByLabel("Client id").fill("entraide-e2e");
    await page.getByLabel("Client secret").fill(SECRET);
    await page.getByRole("button", { name: "Add the provider" }).click();
    await expect.poll(() => textOf(page.locator("#issuer-error"))).toMatch(/could not use the provider's configuration at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration/);
    expect(await page.getByLabel("Button label").inputValue()).toBe("Staff login");

    await page.getByLabel("Issuer").fill(op.issuer);
    await page.getByLabel("Client secret").fill(SECRET);
    await page.getByRole("button", { name: "Add the provider" }).click();
    await visible(page.getByText("Staff login was added"));
    await visible(page.getByRole("heading", { name: /Staff login/ }));
    await page.close();

    const visitor = await browser.newPage();
    await visitor.goto(`${app.url}/login`);
    await visible(visitor.getByRole("link", { name: "Sign in with Staff login" }));
    await visible(visitor.getByRole("link", { name: "Sign in with Nimbus ID" }));
    await visitor.close();
  });
});
