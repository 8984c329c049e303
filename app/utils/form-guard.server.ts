// Two cheap defences against bots on the forms that create things (join,
// ask): a honeypot field people never see, and a minimum time between the
// form being served and sent. The time is a stamp signed with the app
// secret, so a bot cannot claim it loaded the page long ago.
import type { DbOrTx } from "../../db/client";
import { readConfig } from "../config.server";
import { appSecret, sign, verifySignature } from "../models/site/app-secret.server";

export const HONEYPOT_FIELD = "website";
export const STAMP_FIELD = "formStamp";
const PURPOSE = "form-stamp";
// A stamp older than this was served before a restart of the day: send the
// form again with a fresh one rather than trusting it.
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Catalogue keys: the route says them in the reader's language (translateMessage). */
export const TOO_FAST_MESSAGE = "guard.tooFast";
export const STALE_MESSAGE = "guard.stale";

/** The stamp a form carries: when it was served, signed. */
export function issueFormStamp(db: DbOrTx, now = Date.now()): string {
  const issued = String(now);
  return `${issued}.${sign(appSecret(db), PURPOSE, issued)}`;
}

let minSeconds: number | null = null;
function minimumSeconds(): number {
  minSeconds ??= readConfig().FORM_MIN_SECONDS;
  return minSeconds;
}

export type FormGuardResult = { ok: true } | { ok: false; reason: "honeypot" | "too-fast" | "stale"; message: string };

/**
 * Whether a person sent this form. A filled honeypot gets the same words as
 * sending too fast, so a bot learns nothing about which check it failed.
 */
export function checkFormGuard(db: DbOrTx, form: FormData, now = Date.now(), minimum = minimumSeconds()): FormGuardResult {
  if (String(form.get(HONEYPOT_FIELD) ?? "") !== "") return { ok: false, reason: "honeypot", message: TOO_FAST_MESSAGE };
  const stamp = String(form.get(STAMP_FIELD) ?? "");
  const [issued = "", signature = ""] = stamp.split(".");
  const at = /^\d{1,15}$/.test(issued) ? Number(issued) : NaN;
  if (!Number.isFinite(at) || !verifySignature(appSecret(db), PURPOSE, issued, signature)) {
    return { ok: false, reason: "stale", message: STALE_MESSAGE };
  }
  if (now - at > MAX_AGE_MS) return { ok: false, reason: "stale", message: STALE_MESSAGE };
  if (now - at < minimum * 1000) return { ok: false, reason: "too-fast", message: TOO_FAST_MESSAGE };
  return { ok: true };
}
