// The brand's own words that are not settings of their own (/admin/words):
// each category's name and description in the default language and, if
// admins give them, in others; the badges' names, if admins rename them.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { categories, type BrandTranslations } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { recordAudit } from "../moderation/audit.server";
import { getSiteSettings, updateSiteSettings, type SiteSettings } from "./settings.server";
import { LANGUAGES } from "../../i18n/languages";

/** The page: every category with its words, the badges' names, and the languages other than the site's default. */
export function brandWordsPageFor(db: Db, actor: Actor) {
  assertCan(actor, "admin.settings");
  const { defaultLanguage, badgeNames } = getSiteSettings(db);
  return {
    badgeNames,
    categories: db
      .select({ id: categories.id, slug: categories.slug, name: categories.name, description: categories.description, translations: categories.translations })
      .from(categories)
      .orderBy(asc(categories.position), asc(categories.name))
      .all(),
    otherLanguages: LANGUAGES.filter((language) => language !== defaultLanguage),
  };
}

export type CategoryWords = { name: string; description: string; translations: BrandTranslations<"name" | "description"> };

/** Saves a category's words, audit-logged with what they were. False when there is no such category. */
export function updateCategoryWords(db: Db, actor: Actor, categoryId: number, words: CategoryWords): boolean {
  assertCan(actor, "admin.settings");
  return db.transaction((tx) => {
    const before = tx
      .select({ name: categories.name, description: categories.description, translations: categories.translations })
      .from(categories)
      .where(eq(categories.id, categoryId))
      .get();
    if (!before) return false;
    tx.update(categories).set(words).where(eq(categories.id, categoryId)).run();
    recordAudit(tx, { actorId: actor!.id, action: "category.update", targetType: "category", targetId: categoryId, details: { before, after: words } });
    return true;
  });
}

/** Saves the badges' names in every language (blank ones left out: the interface's name is shown). */
export function updateBadgeNames(db: Db, actor: Actor, badgeNames: SiteSettings["badgeNames"]) {
  updateSiteSettings(db, actor, { badgeNames });
}
