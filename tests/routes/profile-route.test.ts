// A member's public profile (/u/<name>), #14.7: a suspended member is marked
// as such ("Suspended until <date>"; the reason to staff only), and the
// profile says when someone joined as a month and a year, in the reader's
// language, never "member since 4 months ago".
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { describe, expect, test } from "vitest";
import { LanguageProvider } from "../../app/i18n/i18n";
import type { Language } from "../../app/i18n/languages";
import Profile, { loader as profileLoader } from "../../app/routes/u.$username";
import { monthAndYear } from "../../app/utils/month-year";
import { users } from "../../db/schema";
import { contextFor, createTestDb, getRequest, settle } from "../support/db";
import { createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { renderPage } from "../support/render-page";

const db = createTestDb();
const DAY = 86_400_000;

function contextIn(language: Language, userId: number | null = null) {
  const context = contextFor(db, userId);
  context.language = language;
  if (context.user) context.user = { ...context.user, language };
  return context;
}

async function render(language: Language, viewerId: number | null, username: string) {
  const Component = () => createElement(LanguageProvider, { language, children: createElement(Profile) });
  const page = await renderPage(contextIn(language, viewerId), `/u/${username}`, [{ id: "routes/u.$username", path: "u/:username", loader: profileLoader as never, Component }]);
  expect(page.status).toBe(200);
  return page.html;
}

async function loaded(username: string, viewerId: number | null = null) {
  const response = await settle(() => profileLoader({ request: getRequest(`/u/${username}`), params: { username }, context: contextFor(db, viewerId) }));
  return { status: response.status, body: response.status === 200 ? await bodyOf(response) : await response.text() };
}

function suspend(userId: number, until: Date, reason: string) {
  db.update(users).set({ suspendedUntil: until, suspendReason: reason }).where(eq(users.id, userId)).run();
}

describe("a suspended member's profile", () => {
  test("everyone sees “Suspended until <date>”; only staff see the reason", async () => {
    const member = await createUser(db, { username: "suspended_sam" });
    const moderator = await createUser(db, { username: "profile_mod", role: "moderator" });
    const reader = await createUser(db, { username: "profile_reader" });
    const until = new Date(Date.UTC(2099, 4, 17, 9, 30));
    suspend(member.id, until, "Repeated spam links in answers");

    for (const viewer of [null, reader.id]) {
      const { body } = await loaded("suspended_sam", viewer);
      expect(body.profile.suspension).toEqual({ until: until.toISOString(), reason: null });
      expect(JSON.stringify(body)).not.toContain("Repeated spam");
    }
    expect((await loaded("suspended_sam", moderator.id)).body.profile.suspension).toEqual({ until: until.toISOString(), reason: "Repeated spam links in answers" });

    const visitorPage = await render("en", null, "suspended_sam");
    expect(visitorPage).toContain("Suspended until May 17, 2099 at 9:30 AM UTC");
    expect(visitorPage).not.toContain("Repeated spam");
    const staffPage = await render("en", moderator.id, "suspended_sam");
    expect(staffPage).toContain("Reason (shown to staff only): Repeated spam links in answers");
    const frenchPage = await render("fr", null, "suspended_sam");
    expect(frenchPage).toContain("Suspendu jusqu&#x27;au 17 mai 2099 à 09:30 UTC");
  });

  test("a suspension that is over, or none, marks nothing", async () => {
    const past = await createUser(db, { username: "was_suspended" });
    suspend(past.id, new Date(Date.now() - DAY), "Old story");
    const never = await createUser(db, { username: "never_suspended" });
    for (const name of ["was_suspended", "never_suspended"]) {
      expect((await loaded(name)).body.profile.suspension).toBeNull();
      expect(await render("en", null, name)).not.toContain("Suspended");
    }
    expect(never.id).toBeGreaterThan(0);
  });
});

describe("when a member joined", () => {
  test("“Member since March 2026”, in the reader's language, never a relative time", async () => {
    await createUser(db, { username: "march_joiner", createdAt: new Date(Date.UTC(2026, 2, 10, 12)) });
    const english = await render("en", null, "march_joiner");
    expect(english).toContain("Member since March 2026");
    expect(english).not.toMatch(/Member since[^<]*ago/);
    expect(await render("fr", null, "march_joiner")).toContain("Membre depuis mars 2026");
    // The last day of a month in UTC stays in that month, wherever the server runs.
    expect(monthAndYear(new Date(Date.UTC(2026, 0, 31, 23, 59)), "en")).toBe("January 2026");
    expect(monthAndYear("2026-12-01T00:00:00.000Z", "fr")).toBe("décembre 2026");
  });

  test("an unknown or deleted member is a 404 whose reason is a catalogue key", async () => {
    const missing = await loaded("nobody_here");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body as string)).toEqual({ message: "accountsServer.notFound.member" });
  });
});
