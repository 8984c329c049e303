// Joining gives a welcome (#14.7): the join answers with a short flash cookie
// naming the new account; the page they land on reads it once (readWelcome,
// from root's loader), shows what to do first and how reputation opens
// comments and votes, and clears it. Only that account sees it.
import { createElement } from "react";
import { useLoaderData } from "@remix-run/react";
import { describe, expect, test } from "vitest";
import { completeSignIn } from "../../app/auth/sign-in.server";
import { readWelcome, WELCOME_COOKIE } from "../../app/auth/welcome.server";
import { WelcomeNotice, type WelcomeNoticeData } from "../../app/components/welcome-notice";
import { LanguageProvider } from "../../app/i18n/i18n";
import type { Language } from "../../app/i18n/languages";
import { findUserByUsername } from "../../app/models/accounts/user.server";
import { action as joinAction } from "../../app/routes/join";
import { DEFAULT_PRIVILEGES } from "../../app/policy";
import { contextFor, createTestDb, formRequest, personForm, settle } from "../support/db";
import { createUser } from "../support/factories";
import { renderPage } from "../support/render-page";

const db = createTestDb();

function landing(cookie: string | null) {
  return new Request("http://localhost/", cookie ? { headers: { Cookie: cookie } } : {});
}

async function joined(username: string) {
  const response = await settle(() =>
    joinAction({ request: formRequest("/join", personForm(db, { username, email: `${username}@example.test`, password: "a quiet harbour at dawn" })), params: {}, context: contextFor(db) }),
  );
  expect(response.status).toBe(302);
  const welcome = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${WELCOME_COOKIE}=`));
  expect(welcome).toBeDefined();
  return { user: findUserByUsername(db, username)!, cookie: welcome!.split(";")[0]! };
}

describe("the welcome after joining", () => {
  test("the page the new member lands on welcomes them once: their address to confirm, and the reputation that opens comments and votes", async () => {
    const { user, cookie } = await joined("fresh_face");
    const welcome = readWelcome(landing(`lang=fr; ${cookie}`), contextFor(db, user.id));
    expect(welcome).toEqual({
      notice: { username: "fresh_face", unconfirmedEmail: "fresh_face@example.test", commentAt: DEFAULT_PRIVILEGES.comment, upvoteAt: DEFAULT_PRIVILEGES.upvote },
      clear: `${WELCOME_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`,
    });
    // The thresholds are the ones in force (the admins' reward rules, set per request).
    const context = contextFor(db, user.id);
    context.user = { ...context.user!, privileges: { ...DEFAULT_PRIVILEGES, comment: 80, upvote: 20 } };
    expect(readWelcome(landing(cookie), context)?.notice).toMatchObject({ commentAt: 80, upvoteAt: 20 });
    // Once cleared (no cookie), no welcome.
    expect(readWelcome(landing(null), contextFor(db, user.id))).toBeNull();
  });

  test("nobody else sees it: another member with the cookie, a visitor, a forged value", async () => {
    const { cookie } = await joined("only_mine");
    const other = await createUser(db, { username: "not_them" });
    expect(readWelcome(landing(cookie), contextFor(db, other.id))).toBeNull();
    expect(readWelcome(landing(cookie), contextFor(db))).toBeNull();
    expect(readWelcome(landing(`${WELCOME_COOKIE}=${other.id}x`), contextFor(db, other.id))).toBeNull();
    expect(readWelcome(landing(`${WELCOME_COOKIE}=`), contextFor(db, other.id))).toBeNull();
    // An address confirmed already (a provider vouched for it) is not asked for.
    expect(readWelcome(landing(`${WELCOME_COOKIE}=${other.id}`), contextFor(db, other.id))?.notice.unconfirmedEmail).toBeNull();
  });

  test("a refused join welcomes nobody", async () => {
    const response = await settle(() => joinAction({ request: formRequest("/join", personForm(db, { username: "x", email: "bad", password: "short" })), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test("a single sign-on account is welcomed too: the session's cookie first, then the welcome's", async () => {
    const user = await createUser(db, { username: "sso_newcomer" });
    const response = await completeSignIn(contextFor(db), { id: user.id, role: "member" }, { method: "sso", redirectTo: "/kb", welcome: true });
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[1]).toMatch(new RegExp(`^${WELCOME_COOKIE}=${user.id};`));
    expect(response.headers.get("Location")).toBe("/kb");
    // A plain sign-in is no welcome.
    const again = await completeSignIn(contextFor(db), { id: user.id, role: "member" }, { method: "sso" });
    expect(again.headers.getSetCookie().some((cookie) => cookie.startsWith(`${WELCOME_COOKIE}=`))).toBe(false);
  });
});

describe("the welcome's words", () => {
  async function rendered(language: Language, notice: WelcomeNoticeData) {
    const Shown = () => createElement(LanguageProvider, { language, children: createElement(WelcomeNotice, { notice: useLoaderData() as WelcomeNoticeData }) });
    const page = await renderPage(contextFor(db), "/landing", [{ id: "routes/landing", path: "landing", loader: (() => notice) as never, Component: Shown }]);
    return page.html;
  }

  test("what to do first, in the reader's language, with the thresholds in force", async () => {
    const notice = { username: "fresh_face", unconfirmedEmail: "fresh@example.test", commentAt: 1500, upvoteAt: 15 };
    const english = await rendered("en", notice);
    expect(english).toContain("Welcome to the community, @fresh_face!");
    expect(english).toContain("open the link we sent to <strong>fresh@example.test</strong>");
    expect(english).toContain('href="/ask"');
    expect(english).toContain('href="/search"');
    expect(english).toContain("you can upvote from 15 points and comment on others&#x27; posts from 1,500 points.");
    const french = await rendered("fr", notice);
    expect(french).toContain("Bienvenue dans la communauté, @fresh_face !");
    expect(french).toMatch(/commenter les messages des autres à partir de 1\s500 points\./u);
    expect(french).not.toMatch(/\b(Welcome|Ask|Search)\b/);
    // Confirmed already: that step is left out.
    expect(await rendered("en", { ...notice, unconfirmedEmail: null })).not.toContain("Confirm your email address");
  });
});
