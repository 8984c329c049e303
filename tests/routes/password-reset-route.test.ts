// The account-link pages as Remix calls them (issue #13): /forgot-password,
// /reset-password/:token, /verify-email/:token, /verify-email/resend, the
// frame's "confirm your address" flag and banner, and the settings page's
// pending change and tabs. Hostile and malformed input gets a 4xx, never a 500.
import type { AppLoadContext } from "@remix-run/node";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { readSession, startSession } from "../../app/auth/session.server";
import { EmailConfirmBanner } from "../../app/components/email-confirm-banner";
import { THROTTLE_LIMIT, recordFailure } from "../../app/models/accounts/throttle.server";
import { authenticate, getUserById } from "../../app/models/accounts/user.server";
import { loader as rootLoader } from "../../app/root";
import { action as forgotAction } from "../../app/routes/forgot-password";
import { action as resetAction, headers as resetHeaders, loader as resetLoader } from "../../app/routes/reset-password.$token";
import Settings, { action as settingsAction, loader as settingsLoader } from "../../app/routes/settings";
import { action as verifyAction, loader as verifyLoader } from "../../app/routes/verify-email.$token";
import { action as resendAction, loader as resendLoader } from "../../app/routes/verify-email_.resend";
import { outboxMessages } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createUser, TEST_PASSWORD } from "../support/factories";
import { bodyOf, contextFrom, cookieHeaderFrom, freshAddress } from "../support/http-helpers";
import { renderPage } from "../support/render-page";
import { snapshot } from "../support/model-helpers";

const db = createTestDb();
const ORIGIN = "https://community.example";
const NEW_PASSWORD = "the tide comes in twice a day";

beforeAll(() => {
  vi.stubEnv("PUBLIC_URL", ORIGIN);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

function lastLink(address: string, path: "reset-password" | "verify-email"): string {
  const pattern = new RegExp(`/${path}/([A-Za-z0-9_-]{43})\\b`);
  const bodies = db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address)).orderBy(outboxMessages.id).all();
  const tokens = bodies.map((m) => pattern.exec(m.body)?.[1]).filter((t): t is string => !!t);
  if (!tokens.length) throw new Error(`No ${path} link for ${address}`);
  return tokens[tokens.length - 1]!;
}

function args(request: Request, context: AppLoadContext, params: Record<string, string> = {}) {
  return { request, context, params };
}

const forgot = (login: string, context = contextFrom(db, freshAddress())) =>
  settle(() => forgotAction(args(formRequest("/forgot-password", { login }), context)));
const resetPage = (token: string) => settle(() => resetLoader(args(getRequest(`/reset-password/${encodeURIComponent(token)}`), contextFor(db), { token })));
const reset = (token: string, fields: Record<string, string>, context = contextFor(db)) =>
  settle(() => resetAction(args(formRequest(`/reset-password/${encodeURIComponent(token)}`, fields), context, { token })));
const verifyPage = (token: string) => settle(() => verifyLoader(args(getRequest(`/verify-email/${encodeURIComponent(token)}`), contextFor(db), { token })));
const verify = (token: string) => settle(() => verifyAction(args(formRequest(`/verify-email/${encodeURIComponent(token)}`, {}), contextFor(db), { token })));

describe("/forgot-password", () => {
  test("answers the same, status and body, for an account and for nobody", async () => {
    const user = await createUser(db);
    const known = await forgot(user.username);
    const unknown = await forgot("nobody_by_that_name");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const body = await known.text();
    expect(await unknown.text()).toBe(body);
    expect(JSON.parse(body)).toEqual({ sent: true });
    expect(lastLink(user.email, "reset-password")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test("an empty login is refused beside the field; a connection past the limit is told to wait (429)", async () => {
    const empty = await forgot("   ");
    expect(empty.status).toBe(400);
    expect((await bodyOf(empty)).errors.login).toMatch(/Enter your username or email/);

    const address = freshAddress();
    recordFailure(db, Array.from({ length: THROTTLE_LIMIT }, () => `reset:ip:${address}`));
    const throttled = await forgot("anyone", contextFrom(db, address));
    expect(throttled.status).toBe(429);
    expect((await bodyOf(throttled)).errors.form).toMatch(/try again in/);
  });

  test("a body that is not a form is a 400, not a 500", async () => {
    const request = new Request("http://localhost/forgot-password", { method: "POST", body: '{"login":"x"}', headers: { "Content-Type": "application/json" } });
    expect((await settle(() => forgotAction(args(request, contextFor(db))))).status).toBe(400);
  });
});

describe("/reset-password/:token", () => {
  test("a working link: the form, never cached; then the new password, every old session ended, signed in", async () => {
    const user = await createUser(db);
    const oldCookie = await startSession(db, user.id, { secure: false });
    await forgot(user.email);
    const token = lastLink(user.email, "reset-password");

    const page = await resetPage(token);
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    expect(new Headers(resetHeaders({} as never)).get("Cache-Control")).toBe("no-store");
    expect(await bodyOf(page)).toEqual({ ok: true, username: user.username });

    const mismatch = await reset(token, { password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    expect(mismatch.status).toBe(400);
    const mismatchText = await mismatch.text();
    expect(JSON.parse(mismatchText).errors.confirmPassword).toMatch(/not the same/);
    expect(mismatchText).not.toContain(NEW_PASSWORD);

    const done = await reset(token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/");
    const session = await readSession(db, cookieHeaderFrom(done.headers.get("Set-Cookie")), { secure: false });
    expect(session.user?.id).toBe(user.id);
    expect((await readSession(db, cookieHeaderFrom(oldCookie), { secure: false })).user).toBeNull();
    expect((await authenticate(db, { login: user.username, password: NEW_PASSWORD, address: freshAddress() })).ok).toBe(true);

    // Used: a clear page, not the form.
    const used = await resetPage(token);
    expect(used.status).toBe(410);
    expect(await bodyOf(used)).toEqual({ ok: false, problem: "used" });
    const again = await reset(token, { password: "one more long sentence", confirmPassword: "one more long sentence" });
    expect(again.status).toBe(410);
    expect(await bodyOf(again)).toEqual({ problem: "used" });
  });

  test("tampered, malformed and confirmation links: 400, nothing changed", async () => {
    const user = await createUser(db, { emailVerified: false });
    const verifyToken = lastLink(user.email, "verify-email");
    await forgot(user.username);
    const token = lastLink(user.email, "reset-password");
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const before = snapshot(db);
    for (const bad of [tampered, verifyToken, "short", "x".repeat(4000), "%E0%A4%A", "../../admin", ""]) {
      const page = await resetPage(bad);
      expect(page.status).toBe(400);
      expect(await bodyOf(page)).toEqual({ ok: false, problem: "invalid" });
      const post = await reset(bad, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(post.status).toBe(400);
      expect(await bodyOf(post)).toEqual({ problem: "invalid" });
    }
    expect(snapshot(db)).toBe(before);
    expect(getUserById(db, user.id)!.passwordHash).toBe(user.passwordHash);
  });
});

describe("/verify-email/:token", () => {
  test("shows the address, confirms on the button (not on opening), then the link is used", async () => {
    const user = await createUser(db, { emailVerified: false });
    const token = lastLink(user.email, "verify-email");
    const page = await verifyPage(token);
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    expect(await bodyOf(page)).toEqual({ ok: true, email: user.email, change: false });
    expect(getUserById(db, user.id)!.emailVerifiedAt).toBeNull();

    const confirmed = await verify(token);
    expect(confirmed.status).toBe(200);
    expect(await bodyOf(confirmed)).toEqual({ confirmed: user.email });
    expect(getUserById(db, user.id)!.emailVerifiedAt).not.toBeNull();
    expect((await verifyPage(token)).status).toBe(410);
    expect((await verify(token)).status).toBe(410);
  });

  test("a reset link, a tampered or malformed one: 400, nothing changed", async () => {
    const user = await createUser(db, { emailVerified: false });
    await forgot(user.username);
    const resetToken = lastLink(user.email, "reset-password");
    const before = snapshot(db);
    for (const bad of [resetToken, `${lastLink(user.email, "verify-email").slice(0, -1)}-`, "nope", "é".repeat(43)]) {
      expect((await verifyPage(bad)).status).toBe(400);
      const post = await verify(bad);
      expect(post.status).toBe(400);
      expect(await bodyOf(post)).toEqual({ problem: "invalid" });
    }
    expect(snapshot(db)).toBe(before);
  });
});

describe("the banner and /verify-email/resend", () => {
  test("the frame names an unconfirmed address only, and the banner offers the resend button (a POST form)", async () => {
    const unconfirmed = await createUser(db, { emailVerified: false });
    const confirmed = await createUser(db);
    const frameOf = async (userId: number | null) => (await bodyOf(await settle(() => rootLoader(args(getRequest("/"), contextFor(db, userId)))))).user;
    expect((await frameOf(unconfirmed.id)).unconfirmedEmail).toBe(unconfirmed.email);
    expect((await frameOf(confirmed.id)).unconfirmedEmail).toBeNull();
    expect(await frameOf(null)).toBeNull();

    const render = async (email: string | null) =>
      (await renderPage(contextFor(db), "/banner", [{ id: "banner", path: "banner", loader: () => null, Component: () => createElement(EmailConfirmBanner, { email }) }])).html;
    const shown = await render(unconfirmed.email);
    expect(shown).toContain(unconfirmed.email);
    expect(shown).toMatch(/<form[^>]*method="post"[^>]*action="\/verify-email\/resend"/);
    expect(shown).toMatch(/<button[^>]*>Resend the confirmation email<\/button>/);
    expect(await render(null)).not.toContain("Resend the confirmation email");
  });

  test("a visitor is sent to sign in; a member gets a new link; past the limit, 429", async () => {
    const visitor = await settle(() => resendAction(args(formRequest("/verify-email/resend", {}), contextFor(db))));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const user = await createUser(db, { emailVerified: false });
    const status = await settle(() => resendLoader(args(getRequest("/verify-email/resend"), contextFor(db, user.id))));
    expect(await bodyOf(status)).toEqual({ email: user.email, confirmed: false, pending: null });
    const first = lastLink(user.email, "verify-email");
    const sent = await settle(() => resendAction(args(formRequest("/verify-email/resend", {}), contextFrom(db, freshAddress(), user.id))));
    expect(sent.status).toBe(200);
    expect(await bodyOf(sent)).toEqual({ sent: user.email });
    expect(lastLink(user.email, "verify-email")).not.toBe(first);

    recordFailure(db, Array.from({ length: THROTTLE_LIMIT }, () => `verify:account:${user.id}`));
    const throttled = await settle(() => resendAction(args(formRequest("/verify-email/resend", {}), contextFrom(db, freshAddress(), user.id))));
    expect(throttled.status).toBe(429);
  });
});

describe("settings", () => {
  test("a change waits for confirmation: the page says so, the tabs link to the other settings pages", async () => {
    const user = await createUser(db);
    const posted = await settle(() =>
      settingsAction(args(formRequest("/settings", { intent: "email", email: "next@example.test", currentPassword: TEST_PASSWORD }), contextFor(db, user.id))),
    );
    expect(posted.status).toBe(200);
    expect((await bodyOf(posted)).message).toMatch(/We sent a confirmation link to next@example.test/);
    expect(getUserById(db, user.id)!.email).toBe(user.email);

    const data = await bodyOf(await settle(() => settingsLoader(args(getRequest("/settings"), contextFor(db, user.id)))));
    expect(data.pendingEmail).toBe("next@example.test");

    const { html } = await renderPage(contextFor(db, user.id), "/settings", [{ id: "routes/settings", path: "settings", loader: settingsLoader, Component: Settings }]);
    expect(html).toContain("Waiting for confirmation of <strong>next@example.test</strong>");
    for (const [href, label] of [["/settings/security", "Security"], ["/settings/connections", "Sign-in connections"], ["/settings/data", "Your data"]]) {
      expect(html).toMatch(new RegExp(`<a[^>]*href="${href}"[^>]*>${label}</a>`));
    }
  });
});
