// The accounts' server-made words (form errors, refusals, emails) come from
// the catalogues' accountsServer keys, in the language of whoever reads them:
// the person acting (their request's language), a visitor (the page's
// language, passed in by the route) or an email's recipient.
//
// Through serverT (i18n.server), so the catalogues are registered wherever
// these models run — the server, the worker, scripts and tests alike.
import type { TFunction } from "i18next";
import { serverT } from "../../i18n/i18n.server";
import { isMessageKey } from "../../i18n/message";
import { languageOf } from "../../i18n/messages.server";
import type { Language } from "../../i18n/languages";

/** The translator for what a model says back to the person acting (no actor: the default language). */
export function wordsFor(actor: { language?: Language | null } | null | undefined): TFunction {
  return serverT(languageOf(actor ? { language: actor.language ?? undefined } : null));
}

/** The translator of a language (a visitor's page, an email's recipient). */
export function wordsIn(language: Language): TFunction {
  return serverT(language);
}

/** A catalogue key in words (anything else, a sentence from elsewhere, is kept as it is). */
export function sayIn(language: Language, message: string, values?: Record<string, unknown>): string {
  return isMessageKey(message) ? (serverT(language)(message, values ?? {}) as string) : message;
}
