import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { users } from "../../../db/schema";
import type { CurrentUser } from "../../auth/session.server";
import type { Language } from "../../i18n/languages";
import { getSiteSettings } from "../site/settings.server";

/**
 * Keeps the interface's language a member chose (null: follow the switcher's
 * cookie, the browser, then the site's default). Their own account only.
 */
export function setChosenLanguage(db: Db, user: CurrentUser, language: Language | null) {
  db.update(users).set({ language }).where(eq(users.id, user.id)).run();
}

/** The language to write to someone in when they are not there to ask (emails, digests): theirs, else the site's. */
export function recipientLanguage(db: DbOrTx, chosen: Language | null | undefined): Language {
  return chosen ?? getSiteSettings(db).defaultLanguage;
}
