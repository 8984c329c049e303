import { inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { settings } from "../../db/schema";
import type { Actor } from "../policy";
import { assertCan } from "../policy.server";
import { recordAudit } from "./audit.server";

export type SiteSettings = {
  brandName: string;
  tagline: string;
};

export const DEFAULT_SETTINGS: SiteSettings = {
  brandName: "Entraide",
  tagline: "Ask the community, share what you know.",
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SiteSettings)[];

export function getSiteSettings(db: Db): SiteSettings {
  const rows = db.select().from(settings).where(inArray(settings.key, KEYS)).all();
  const result = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    (result as Record<string, unknown>)[row.key] = JSON.parse(row.value);
  }
  return result;
}

/** Used by the seed (no actor) and by the admin settings page (through updateSiteSettings). */
export function writeSiteSettings(db: DbOrTx, values: Partial<SiteSettings>) {
  for (const [key, value] of Object.entries(values)) {
    db.insert(settings)
      .values({ key, value: JSON.stringify(value) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value) } })
      .run();
  }
}

export function updateSiteSettings(db: Db, actor: Actor, values: SiteSettings) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getSiteSettings(db);
    writeSiteSettings(tx, values);
    recordAudit(tx, {
      actorId: actor!.id,
      action: "settings.update",
      targetType: "settings",
      details: { before, after: values },
    });
  });
}
