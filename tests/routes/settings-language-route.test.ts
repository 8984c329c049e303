// A member's language on their account (#14.2): /settings has a plain form
// (Automatic / English / Français). The choice is theirs alone, comes before
// the switcher's cookie and the browser, and the page after saving is in it.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createHttpApp } from "../../app/http.server";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/settings";
import { users } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createUser } from "../support/factories";
import { bodyOf, cookieHeaderFrom } from "../support/http-helpers";

const db = createTestDb();
let build: ServerBuild;
let server: Server;
let base: string;

beforeAll(async () => {
  // The server as it runs (npm run build first): the edge decides each request's language.
  build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  server = createHttpApp({ db, build, publicDir: path.resolve("public"), pageCache: false }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server?.close());

function languageOf(userId: number) {
  return db.select({ language: users.language }).from(users).where(eq(users.id, userId)).get()!.language;
}

async function signedIn(userId: number) {
  return cookieHeaderFrom(await startSession(db, userId, { secure: false }));
}

/** A form posted through the edge, as a browser on this site sends it. */
function post(cookie: string, fields: Record<string, string>) {
  return fetch(`${base}/settings`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en-GB,en;q=0.9" },
    redirect: "manual",
  });
}

/** A page through the edge, from a browser asking for English. */
async function page(cookie: string, where = "/settings") {
  const response = await fetch(`${base}${where}`, { headers: { Cookie: cookie, "Accept-Language": "en-GB,en;q=0.9" } });
  const html = await response.text();
  return { status: response.status, html, lang: /<html lang="([a-z]+)"/.exec(html)?.[1] };
}

/** The language choice the page shows as checked. */
function checkedChoice(html: string) {
  const checked = [...html.matchAll(/<input[^>]*name="language"[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes("checked"));
  expect(checked).toHaveLength(1);
  return /value="([a-z]+)"/.exec(checked[0]!)![1];
}

describe("choosing the interface's language in the settings", () => {
  test("saving French makes the member's next pages French, even with a browser asking for English; the page says it was saved, in French", async () => {
    const member = await createUser(db, { username: "lang_chooser" });
    const cookie = await signedIn(member.id);
    expect((await page(cookie)).lang).toBe("en");

    const saved = await post(cookie, { intent: "language", language: "fr" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/settings?saved=language#language");
    // The switcher's cookie follows (the same language after signing out).
    expect(saved.headers.getSetCookie()).toContainEqual("lang=fr; Max-Age=31536000; Path=/; SameSite=Lax");
    expect(languageOf(member.id)).toBe("fr");

    // Without the cookie the account decides: the next request is French.
    const next = await page(cookie, "/settings?saved=language");
    expect(next.status).toBe(200);
    expect(next.lang).toBe("fr");
    expect(next.html).toContain("Vos paramètres");
    expect(next.html).toContain("Votre langue a été enregistrée.");
    expect(checkedChoice(next.html)).toBe("fr");
    // Every other page too.
    expect((await page(cookie, "/leaderboard")).lang).toBe("fr");
  });

  test("“automatic” clears the choice and the switcher's cookie: the browser decides again", async () => {
    const member = await createUser(db, { username: "lang_auto" });
    const cookie = await signedIn(member.id);
    await post(cookie, { intent: "language", language: "fr" });
    expect(languageOf(member.id)).toBe("fr");

    const cleared = await post(cookie, { intent: "language", language: "automatic" });
    expect(cleared.status).toBe(302);
    expect(cleared.headers.getSetCookie()).toContainEqual("lang=; Max-Age=0; Path=/; SameSite=Lax");
    expect(languageOf(member.id)).toBeNull();
    const next = await page(cookie, "/settings?saved=language");
    expect(next.lang).toBe("en");
    expect(next.html).toContain("Your language was saved.");
    expect(checkedChoice(next.html)).toBe("automatic");
    // A browser asking for French now gets French: nothing on the account says otherwise.
    const french = await fetch(`${base}/settings`, { headers: { Cookie: cookie, "Accept-Language": "fr-FR,fr" } });
    expect(/<html lang="([a-z]+)"/.exec(await french.text())?.[1]).toBe("fr");
  });

  test("a language we do not speak, or none, is a 400 beside the field, never a 500, and nothing changes", async () => {
    const member = await createUser(db, { username: "lang_bad" });
    for (const fields of <Record<string, string>[]>[{ language: "de" }, { language: "" }, {}, { language: " fr" }, { language: "FR" }, { language: "automatic ".repeat(5000) }]) {
      const response = await settle(() => settingsAction({ request: formRequest("/settings", { intent: "language", ...fields }), params: {}, context: contextFor(db, member.id) }));
      expect(response.status, JSON.stringify(fields).slice(0, 40)).toBe(400);
      const reply = await bodyOf<{ intent: string; errors: Record<string, string> }>(response);
      expect(reply).toMatchObject({ intent: "language", errors: { language: "Choose one of the languages, or automatic." } });
    }
    expect(languageOf(member.id)).toBeNull();
    // Said in the language of the page.
    const context = contextFor(db, member.id);
    context.language = "fr";
    const french = await settle(() => settingsAction({ request: formRequest("/settings", { intent: "language", language: "klingon" }), params: {}, context }));
    expect((await bodyOf(french)).errors.language).toBe("Choisissez l'une des langues, ou automatique.");
  });

  test("a member changes only their own language; a visitor changes nothing", async () => {
    const chooser = await createUser(db, { username: "lang_own" });
    const other = await createUser(db, { username: "lang_other" });
    const before = languageOf(other.id);
    // A forged field naming someone else is not read: the session says whose account it is.
    const response = await settle(() =>
      settingsAction({ request: formRequest("/settings", { intent: "language", language: "fr", userId: String(other.id), username: "lang_other" }), params: {}, context: contextFor(db, chooser.id) }),
    );
    expect(response.status).toBe(302);
    expect(languageOf(chooser.id)).toBe("fr");
    expect(languageOf(other.id)).toBe(before);

    const visitor = await settle(() => settingsAction({ request: formRequest("/settings", { intent: "language", language: "fr" }), params: {}, context: contextFor(db) }));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect(visitor.headers.get("Set-Cookie")).toBeNull();
    expect(languageOf(other.id)).toBe(before);
  });

  test("the loader tells the page the current choice (null for automatic)", async () => {
    const member = await createUser(db, { username: "lang_loader" });
    const load = async () => (await bodyOf<{ chosenLanguage: string | null }>(await settle(() => settingsLoader({ request: getRequest("/settings"), params: {}, context: contextFor(db, member.id) })))).chosenLanguage;
    expect(await load()).toBeNull();
    await settle(() => settingsAction({ request: formRequest("/settings", { intent: "language", language: "en" }), params: {}, context: contextFor(db, member.id) }));
    expect(await load()).toBe("en");
  });
});
