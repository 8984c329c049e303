// The words the server makes (form errors, a model's refusals, emails) are
// written as catalogue keys where they are decided, and put into words once,
// in the language of whoever will read them.
import type { TFunction } from "i18next";
import "./i18n.server";
import { translatorFor } from "./i18n";
import { isMessageKey } from "./message";
import { DEFAULT_LANGUAGE, type Language } from "./languages";


/**
 * A message in `language`: a catalogue key is translated with its values;
 * anything else (a sentence written before the key was made) is kept.
 */
export function translateMessage(language: Language, message: string, values?: Record<string, unknown>): string {
  if (!isMessageKey(message)) return message;
  return translatorFor(language)(message, values ?? {}) as string;
}

/** The translator for what a model says back to the person acting (a visitor: the default language). */
export function actorT(actor: { language?: Language | null } | null | undefined): TFunction {
  return translatorFor(languageOf(actor));
}

/** The language a request speaks to the person acting in. */
export function languageOf(actor: { language?: Language | null } | null | undefined): Language {
  return actor?.language ?? DEFAULT_LANGUAGE;
}
