// Which language a request is answered in (issue #14, point 2), the footer's
// switcher, and the catalogue the browser fetches.
import { describe, expect, test } from "vitest";
import { languageCookie, pageCacheKey, visitorLanguage } from "../../app/http/language.server";
import { catalogueUrl, catalogueVersion, CATALOGUES } from "../../app/i18n/i18n.server";
import { exactTime, timeAgo } from "../../app/utils/time";
import { action as languageAction } from "../../app/routes/language";
import { loader as catalogueLoader } from "../../app/routes/i18n.$language";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createUser } from "../support/factories";
import { getSiteSettings } from "../../app/models/site/settings.server";
import { action as settingsAction } from "../../app/routes/admin.settings";

const db = createTestDb();

describe("the reader's language", () => {
  test("the switcher's cookie first, then the browser's languages, then the site's default", () => {
    expect(visitorLanguage({ cookie: "a=1; lang=fr", "accept-language": "en-GB,en" }, "en")).toBe("fr");
    expect(visitorLanguage({ cookie: "lang=de", "accept-language": "fr-CA,fr;q=0.9" }, "en")).toBe("fr");
    expect(visitorLanguage({ "accept-language": "en-US,en;q=0.9,fr;q=0.8" }, "fr")).toBe("en");
    expect(visitorLanguage({ "accept-language": "de-DE,de" }, "fr")).toBe("fr");
    expect(visitorLanguage({}, "fr")).toBe("fr");
    expect(languageCookie("lang=xx")).toBeNull();
    // The site's default is read only when nothing else decides (it is a read on the page cache's path).
    let asked = 0;
    const siteDefault = () => (asked++, "fr" as const);
    expect(visitorLanguage({ cookie: "lang=en" }, siteDefault)).toBe("en");
    expect(visitorLanguage({ "accept-language": "en-US" }, siteDefault)).toBe("en");
    expect(asked).toBe(0);
    expect(visitorLanguage({ "accept-language": "de" }, siteDefault)).toBe("fr");
    expect(asked).toBe(1);
    expect(pageCacheKey("fr", "/t/1")).not.toBe(pageCacheKey("en", "/t/1"));
  });

  test("admins choose the default language at /admin/settings; a wrong value is refused beside the field", async () => {
    const admin = await createUser(db, { username: "lang_admin", role: "admin" });
    const post = (fields: Record<string, string>) =>
      settle(() => settingsAction({ request: formRequest("/admin/settings", { brandName: "Nimbus", tagline: "", ...fields }), params: {}, context: contextFor(db, admin.id) }));
    const bad = await post({ defaultLanguage: "de" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.defaultLanguage).toBe("Choose one of the languages.");
    expect(getSiteSettings(db).defaultLanguage).toBe("en");
    expect((await post({ defaultLanguage: "fr" })).status).toBe(200);
    expect(getSiteSettings(db).defaultLanguage).toBe("fr");
    expect(visitorLanguage({}, getSiteSettings(db).defaultLanguage)).toBe("fr");
    // The site form sent without the field keeps the language.
    expect((await post({})).status).toBe(200);
    expect(getSiteSettings(db).defaultLanguage).toBe("fr");
  });

  test("the footer's switcher sets the cookie and goes back to the page, never to another site", async () => {
    const response = await settle(() => languageAction({ request: formRequest("/language", { language: "fr", redirectTo: "/t/1/a?x=1" }), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/t/1/a?x=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/^lang=fr; Path=\/; Max-Age=31536000; SameSite=Lax$/);
    const away = await settle(() => languageAction({ request: formRequest("/language", { language: "en", redirectTo: "//evil.example" }), params: {}, context: contextFor(db) }));
    expect(away.headers.get("Location")).toBe("/");
    const bad = await settle(() => languageAction({ request: formRequest("/language", { language: "klingon" }), params: {}, context: contextFor(db) }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Set-Cookie")).toBeNull();
  });

  test("a catalogue is served whole, kept a year when asked for with its version, and an unknown language is a 404", async () => {
    const current = await settle(() => catalogueLoader({ request: getRequest(catalogueUrl("fr")), params: { language: "fr" }, context: contextFor(db) }));
    expect(current.headers.get("Cache-Control")).toContain("immutable");
    expect(await current.json()).toEqual(CATALOGUES.fr);
    const old = await settle(() => catalogueLoader({ request: getRequest("/i18n/fr?v=old"), params: { language: "fr" }, context: contextFor(db) }));
    expect(old.headers.get("Cache-Control")).not.toContain("immutable");
    expect(catalogueVersion("fr")).not.toBe(catalogueVersion("en"));
    const unknown = await settle(() => catalogueLoader({ request: getRequest("/i18n/xx"), params: { language: "xx" }, context: contextFor(db) }));
    expect(unknown.status).toBe(404);
  });

  test("dates and relative times in the reader's language", () => {
    const now = Date.UTC(2026, 10, 23, 12, 49);
    expect(timeAgo(now - 3 * 3600_000, now, "en")).toBe("3 hours ago");
    expect(timeAgo(now - 3 * 3600_000, now, "fr")).toBe("il y a 3 heures");
    expect(timeAgo(now - 5_000, now, "fr")).toBe("à l'instant");
    expect(exactTime(now, "en")).toBe("November 23, 2026 at 12:49 PM UTC");
    expect(exactTime(now, "fr")).toBe("23 novembre 2026 à 12:49 UTC");
  });
});
