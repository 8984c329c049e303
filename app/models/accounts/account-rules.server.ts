// The rules admins set for accounts: how people sign in (two-factor for
// staff, members' own passwords when single sign-on is on) and the spam
// defences for new accounts. One JSON row in the settings table.
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { settings } from "../../../db/schema";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { DEFAULT_ACCOUNT_RULES, type AccountRules } from "../../utils/account-rules";
import { recordAudit } from "../moderation/audit.server";
import { writeSiteSettings } from "../site/settings.server";

export { DEFAULT_ACCOUNT_RULES, type AccountRules } from "../../utils/account-rules";

const KEY = "accountRules";

export function getAccountRules(db: DbOrTx): AccountRules {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  return row ? { ...DEFAULT_ACCOUNT_RULES, ...(JSON.parse(row.value) as Partial<AccountRules>) } : DEFAULT_ACCOUNT_RULES;
}

/** Changes some of the rules (the rest stay), audit-logged. Admins only. */
export function updateAccountRules(db: Db, actor: Actor, changes: Partial<AccountRules>) {
  assertCan(actor, "admin.settings");
  db.transaction((tx) => {
    const before = getAccountRules(tx);
    const after = { ...before, ...changes };
    writeSiteSettings(tx, { [KEY]: after });
    recordAudit(tx, { actorId: actor!.id, action: "settings.accounts", targetType: "settings", details: { before, after } });
  });
}
