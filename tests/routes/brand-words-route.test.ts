// The brand's own words in both languages (#14.3): categories and badges at
// /admin/words, ranks at /admin/rewards; readers see their language's words,
// falling back to the default ones.
import { beforeAll, describe, expect, test } from "vitest";
import { siteFrameFor } from "../../app/models/site/site-frame.server";
import { getRewardRules } from "../../app/models/reputation/reward-rules.server";
import { getSiteSettings } from "../../app/models/site/settings.server";
import BrandWords, { action as wordsAction, loader as wordsLoader } from "../../app/routes/admin.words";
import { renderIn, textOf } from "./render-in-language";
import { localRankName } from "../../app/utils/brand-words";
import type { Db } from "../../db/client";
import { contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createTestCategory, createUser } from "../support/factories";
import { snapshot } from "../support/model-helpers";
import { actionArgs, bodyOf, loaderArgs } from "../support/http-helpers";

const db: Db = createTestDb();
let admin: { id: number };
let moderator: { id: number };
let category: { id: number; slug: string };

beforeAll(async () => {
  admin = await createUser(db, { role: "admin" });
  moderator = await createUser(db, { role: "moderator" });
  category = createTestCategory(db, { name: "Billing", description: "Invoices and payments." });
});

const frame = (language: "en" | "fr") => siteFrameFor(db, null, new URL("http://localhost/"), language);
const post = (fields: Record<string, string>, userId = admin.id) =>
  settle(() => wordsAction(actionArgs(formRequest("/admin/words", fields), contextFor(db, userId))));

describe("categories' words", () => {
  test("an admin gives a category its French name and description; French readers see them, English readers the default", async () => {
    const response = await post({ intent: "category", categoryId: String(category.id), name: "Billing", description: "Invoices and payments.", name_fr: "Facturation", description_fr: "" });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).message).toBe("“Billing” saved.");
    expect(frame("fr").categoryWords[category.slug]).toEqual({ name: "Facturation", description: "Invoices and payments." });
    expect(frame("en").categoryWords[category.slug]).toBeUndefined();
    const page = await bodyOf(await settle(() => wordsLoader(loaderArgs(getRequest("/admin/words"), contextFor(db, admin.id)))));
    expect(page.categories.find((c: { id: number }) => c.id === category.id).translations).toEqual({ fr: { name: "Facturation" } });
    expect(page.otherLanguages).toEqual(["fr"]);
  });

  test("a blank default name or one too long is refused beside its field, the text kept, nothing saved", async () => {
    const before = snapshot(db);
    const blank = await post({ intent: "category", categoryId: String(category.id), name: "  ", description: "", name_fr: "Facturation <b>" });
    expect(blank.status).toBe(400);
    const reply = await bodyOf(blank);
    expect(reply.errors.name).toBe("Name the category.");
    expect(reply.values.name_fr).toBe("Facturation <b>");
    const long = await post({ intent: "category", categoryId: String(category.id), name: "Billing", description: "", name_fr: "F".repeat(61) });
    expect((await bodyOf(long)).errors.name_fr).toBe("A category's name has at most 60 characters.");
    const french = await settle(() => wordsAction(actionArgs(formRequest("/admin/words", { intent: "category", categoryId: String(category.id), name: "" }), { ...contextFor(db, admin.id), language: "fr" })));
    expect((await bodyOf(french)).errors.name).toBe("Nommez la catégorie.");
    expect(snapshot(db)).toBe(before);
  });

  test("no such category is a 404; a moderator is refused and nothing changes", async () => {
    expect((await post({ intent: "category", categoryId: "999999", name: "Ghost", description: "" })).status).toBe(404);
    const before = snapshot(db);
    expect((await post({ intent: "category", categoryId: String(category.id), name: "Hijacked", description: "" }, moderator.id)).status).toBe(403);
    expect((await settle(() => wordsLoader(loaderArgs(getRequest("/admin/words"), contextFor(db, moderator.id))))).status).toBe(403);
    expect(snapshot(db)).toBe(before);
  });
});

describe("badges' and ranks' names", () => {
  test("an admin renames a badge in French only; the frame gives French readers that name and English readers none", async () => {
    const response = await post({ intent: "badges", badge_solver_fr: "Dépanneur" });
    expect(response.status).toBe(200);
    expect(getSiteSettings(db).badgeNames).toEqual({ fr: { solver: "Dépanneur" } });
    expect(frame("fr").badgeNames).toEqual({ solver: "Dépanneur" });
    expect(frame("en").badgeNames).toEqual({});
    const long = await post({ intent: "badges", badge_solver_fr: "D".repeat(41) });
    expect(long.status).toBe(400);
    expect(getSiteSettings(db).badgeNames).toEqual({ fr: { solver: "Dépanneur" } });
  });

  test("the ranks' names are shown in the reader's language; the default name stays the rank's identity", () => {
    const ranks = getRewardRules(db).ranks;
    expect(frame("fr").ranks.map((rank) => rank.name)).toEqual(["Nouveau venu", "Membre", "Contributeur", "Expert", "Champion"]);
    expect(frame("en").ranks.map((rank) => rank.name)).toEqual(["Newcomer", "Member", "Contributor", "Expert", "Champion"]);
    expect(localRankName(ranks, "Contributor", "fr")).toBe("Contributeur");
    expect(ranks.map((rank) => rank.name)).toContain("Contributor");
  });
});

describe("the admins' page", () => {
  test("shows each category's default words and a French fieldset filled with what was saved, in the admin's language", async () => {
    const route = { id: "routes/admin.words", path: "admin/words", loader: wordsLoader, Component: BrandWords };
    const { html } = await renderIn("fr", contextFor(db, admin.id), "/admin/words", [route]);
    const text = textOf(html);
    expect(text).toContain("En Français");
    expect(text).toContain("Nom en Français");
    expect(html).toMatch(new RegExp(`id="name-fr-${category.id}"[^>]*value="Facturation"|value="Facturation"[^>]*id="name-fr-${category.id}"`));
    expect(html).toContain('lang="fr"');
    expect(html).toContain('value="Dépanneur"');
  });
});
