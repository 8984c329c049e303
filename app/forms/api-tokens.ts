// The API tokens' forms (/settings/tokens, /admin/api), shared by the pages
// and the server (the truth). Messages are catalogue keys (apiPages.errors.*
// in app/i18n/catalogues/<language>/api-pages.json; a bot's username and
// display name use the account forms' own keys): parseForm puts them into
// words in the reader's language.
import { z } from "zod";
import { API_SCOPES, type ApiScope } from "../../db/enums";
import { DISPLAY_NAME_MAX, textField, username } from "./account";

export const TOKEN_NAME_MAX = 60;
/** When a token stops working: never, after 30 or 90 days, or at the end of a chosen day (UTC). */
export const EXPIRY_CHOICES = ["never", "30", "90", "date"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];
/** The furthest a chosen expiry date may be (about five years). */
export const EXPIRY_MAX_DAYS = 1830;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The moment a `YYYY-MM-DD` day ends (UTC), or null when it is no real day. */
export function endOfDay(day: string): Date | null {
  const match = DATE_SHAPE.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(Date.UTC(year, month - 1, date));
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== date) return null;
  return new Date(start.getTime() + DAY_MS);
}

/**
 * Checkboxes sharing a name arrive as several values, and a form's schema
 * reads one value per name: the scopes ticked travel as one space-separated
 * value (see tokenFormFields). Checked with refinements, not transforms, so
 * that a missing scope and a bad date are both told at once.
 */
const scopes = z
  .preprocess((value) => (typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : []), z.array(z.string()))
  .superRefine((list, context) => {
    if (!list.length) context.addIssue({ code: "custom", message: "apiPages.errors.scopeRequired" });
    else if (list.some((scope) => !(API_SCOPES as readonly string[]).includes(scope))) context.addIssue({ code: "custom", message: "apiPages.errors.scopeUnknown" });
  });

/** The scopes a form asked for, in their usual order. */
export function chosenScopes(list: readonly string[]): ApiScope[] {
  return API_SCOPES.filter((scope) => list.includes(scope));
}

const tokenFields = {
  name: textField("apiPages.errors.nameRequired").trim().min(1, "apiPages.errors.nameRequired").max(TOKEN_NAME_MAX, "apiPages.errors.nameLong"),
  scopes,
  expires: z.enum(EXPIRY_CHOICES, { errorMap: () => ({ message: "apiPages.errors.expiry" }) }).default("never"),
  expiresOn: z.string().trim().default(""),
};

type TokenFields = { expires: ExpiryChoice; expiresOn: string };

/** A chosen date must be a real day, after today, and not too far. */
function checkExpiryDate(value: TokenFields, context: z.RefinementCtx) {
  if (value.expires !== "date") return;
  if (!value.expiresOn) return context.addIssue({ code: "custom", path: ["expiresOn"], message: "apiPages.errors.dateRequired" });
  const end = endOfDay(value.expiresOn);
  if (!end) return context.addIssue({ code: "custom", path: ["expiresOn"], message: "apiPages.errors.dateInvalid" });
  const now = Date.now();
  if (end.getTime() - DAY_MS <= now) return context.addIssue({ code: "custom", path: ["expiresOn"], message: "apiPages.errors.datePast" });
  if (end.getTime() - now > EXPIRY_MAX_DAYS * DAY_MS) {
    context.addIssue({ code: "custom", path: ["expiresOn"], message: "apiPages.errors.dateFar", params: { max: EXPIRY_MAX_DAYS } });
  }
}

/** A personal token (/settings/tokens). Whether its owner may have `moderate` is the policy's to say. */
export const newTokenSchema = z.object(tokenFields).superRefine(checkExpiryDate);
export type NewTokenInput = z.infer<typeof newTokenSchema>;

/** A bot token (/admin/api): the same, for one of the bot accounts. */
export const newBotTokenSchema = z
  .object({ ...tokenFields, botId: z.coerce.number({ invalid_type_error: "apiPages.errors.bot" }).int("apiPages.errors.bot").positive("apiPages.errors.bot") })
  .superRefine(checkExpiryDate);

/** When a token made with this choice stops working (null: never). */
export function expiryDate(input: TokenFields, now = new Date()): Date | null {
  if (input.expires === "30" || input.expires === "90") return new Date(now.getTime() + Number(input.expires) * DAY_MS);
  if (input.expires === "date") return endOfDay(input.expiresOn);
  return null;
}

/** The form's fields as the schemas read them: the ticked scopes joined into one value. */
export function tokenFormFields(form: FormData): FormData {
  const fields = new FormData();
  for (const [name, value] of form.entries()) if (name !== "scopes") fields.append(name, value);
  const ticked = form.getAll("scopes").map(String);
  if (ticked.length) fields.set("scopes", ticked.join(" "));
  return fields;
}

export const BOT_ROLES = ["member", "moderator"] as const;
export type BotRole = (typeof BOT_ROLES)[number];

/** A bot account (/admin/api): its username follows the same rules as a member's. */
export const botAccountSchema = z.object({
  username,
  displayName: textField("accountsServer.displayName.required").trim().min(1, "accountsServer.displayName.required").max(DISPLAY_NAME_MAX, "accountsServer.displayName.long"),
  role: z.enum(BOT_ROLES, { errorMap: () => ({ message: "apiPages.errors.role" }) }),
});
export type BotAccountInput = z.infer<typeof botAccountSchema>;

export const revokeTokenSchema = z.object({
  tokenId: z.coerce.number({ invalid_type_error: "apiPages.errors.token" }).int("apiPages.errors.token").positive("apiPages.errors.token"),
});
