// The support vocabulary in French with its English words: a French speaker's
// words also find the community's English threads ("facture": bill, invoice),
// before any moderator adds a synonym. Applied as a moderator's synonyms are
// (the page says "Also looked for"), matched by French stem, so "factures",
// "facturé" and "facturation" all find bills. Moderators' synonyms come first.
import { FRENCH, termsOf, tokenize, STOPWORDS, foldWord } from "./text-analysis.server";

const FRENCH_TO_ENGLISH: [string, string][] = [
  ["facture", "bill, invoice"],
  ["panne", "outage, fault"],
  ["coupure", "outage"],
  ["réseau", "network, signal"],
  ["remboursement", "refund"],
  ["mot de passe", "password"],
  ["identifiant", "username, login"],
  ["compte", "account"],
  ["connexion", "connection"],
  ["débit", "speed"],
  ["lent", "slow"],
  ["prélèvement", "direct debit"],
  ["paiement", "payment"],
  ["forfait", "plan"],
  ["abonnement", "subscription"],
  ["résiliation", "cancel"],
  ["résilier", "cancel"],
  ["déménagement", "moving"],
  ["livraison", "delivery"],
  ["carte sim", "sim card"],
  ["appel", "call"],
  ["messagerie", "voicemail"],
  ["répondeur", "voicemail"],
  ["décodeur", "decoder"],
  ["chaîne", "channel"],
  ["télécommande", "remote"],
  ["mise à jour", "update"],
  ["redémarrer", "restart, reboot"],
  ["redémarrage", "restart, reboot"],
  ["réinitialiser", "reset"],
  ["application", "app"],
  ["technicien", "technician, engineer"],
  ["rendez-vous", "appointment"],
  ["garantie", "warranty"],
  ["réparation", "repair"],
  ["frais", "fee, charge"],
  ["tarif", "price"],
  ["prix", "price"],
  ["augmentation", "increase"],
  ["numéro", "number"],
  ["portabilité", "porting"],
  ["itinérance", "roaming"],
  ["étranger", "abroad"],
  ["courriel", "email"],
  ["adresse", "address"],
  ["téléphone", "phone"],
  ["portable", "mobile, phone"],
  ["antenne", "mast, antenna"],
  ["couverture", "coverage"],
  ["écran", "screen"],
  ["chargeur", "charger"],
  ["batterie", "battery"],
  ["voyant", "light"],
  ["lumière", "light"],
];

/** The French stems of the meaningful words of a phrase, as a key. */
export function frenchKey(forms: string[]): string {
  return forms.map((form) => termsOf(form, FRENCH)[0]).join(" ");
}

function meaningfulForms(text: string): string[] {
  return tokenize(text.normalize("NFKC"))
    .flatMap((token) => token.parts)
    .filter((form) => !STOPWORDS.has(foldWord(form)));
}

const GLOSSARY = new Map<string, string[]>();
for (const [french, english] of FRENCH_TO_ENGLISH) {
  const key = frenchKey(meaningfulForms(french));
  GLOSSARY.set(key, [...new Set([...(GLOSSARY.get(key) ?? []), ...english.split(",").map((e) => e.trim())])]);
}

/** The longest run of words the glossary has, in words. */
export const GLOSSARY_PHRASE_MAX_WORDS = 2;

/** The English words for a run of query words (as typed, lower case), if the glossary has it. */
export function englishFor(forms: string[]): string[] | undefined {
  return GLOSSARY.get(frenchKey(forms));
}
