// The demo community's search history: what its customers typed over the last
// weeks (some found nothing, some opened a result, some stopped asking because
// a thread answered them) and the synonyms its moderator set up, in the
// community's language. Written with the same model functions as the site,
// so /mod/search has something to show.
import type { Db } from "../db/client";
import type { users } from "../db/schema";
import { logSearch, recordDeflection, recordSearchClick } from "../app/models/search/search-log.server";
import { findSimilar, searchContent } from "../app/models/search/search.server";
import { addSynonyms } from "../app/models/search/synonym.server";
import type { Language } from "../app/i18n/languages";

type Person = typeof users.$inferSelect;
const DAY = 24 * 60 * 60 * 1000;

type SearchHistory = {
  synonyms: { term: string; synonyms: string }[];
  /** [what was typed, how many times, opened the first result?] */
  searches: [string, number, boolean][];
  /** Titles that were about to be asked when a thread answered them. */
  deflections: string[];
};

const HISTORY: Record<Language, SearchHistory> = {
  en: {
    synonyms: [
      { term: "modem", synonyms: "box, router" },
      { term: "invoice", synonyms: "bill" },
      { term: "internet down", synonyms: "outage" },
    ],
    searches: [
      ["bill", 9, true],
      ["router lights", 6, true],
      ["roaming", 5, true],
      ["direct debit date", 4, true],
      ["esim transfer", 4, false],
      ["speed test", 3, false],
      ["cancel contract", 3, true],
      ["parental controls", 3, false],
      ["refund", 2, true],
      ["ipv6", 2, false],
      ["static ip", 2, false],
      ["voicemail pin", 1, false],
      ["hotspot", 4, false],
      ["tethering", 2, false],
      ["smartwatch", 2, false],
      ["fax", 1, false],
    ],
    deflections: ["my box restarts at night", "charged twice this month", "can I keep my number"],
  },
  // What French customers type: few accents, "box" for any router, "wifi"
  // written every way, "forfait" for the plan, and English words the
  // community never uses (hotspot, smartwatch), which find nothing.
  fr: {
    synonyms: [
      { term: "box", synonyms: "routeur, modem" },
      { term: "facture", synonyms: "facturation" },
      { term: "wifi", synonyms: "wi-fi" },
      { term: "coupure internet", synonyms: "panne" },
      { term: "forfait", synonyms: "abonnement, offre" },
    ],
    searches: [
      ["facture", 9, true],
      ["voyant box", 6, true],
      ["itinerance", 5, true],
      ["date prelevement", 4, true],
      ["transfert esim", 4, false],
      ["test debit", 3, false],
      ["resilier contrat", 3, true],
      ["controle parental", 3, false],
      ["remboursement", 2, true],
      ["ipv6", 2, false],
      ["ip fixe", 2, false],
      ["repondeur", 1, false],
      ["partage de connexion", 4, false],
      ["hotspot", 2, false],
      ["smartwatch", 2, false],
      ["fax", 1, false],
    ],
    deflections: ["ma box redémarre toute seule la nuit", "prélevé deux fois ce mois ci", "garder mon numéro en changeant d'opérateur"],
  },
};

export function seedDemoSearch(db: Db, moderator: Person, now: number, language: Language = "en") {
  const { synonyms, searches, deflections } = HISTORY[language];
  for (const synonym of synonyms) addSynonyms(db, moderator, synonym);
  let step = 0;
  for (const [query, times, opens] of searches) {
    const results = searchContent(db, { q: query });
    for (let i = 0; i < times; i++) {
      const at = new Date(now - ((step++ * 7) % 20) * DAY - i * 3_600_000);
      const id = logSearch(db, { query, resultCount: results.total, signedIn: i % 3 === 0 }, at);
      const first = results.hits[0];
      if (opens && first && i % 2 === 0) recordSearchClick(db, id, first.kind, first.id, at);
    }
  }
  deflections.forEach((title, i) => {
    const match = findSimilar(db, title)[0];
    if (match) recordDeflection(db, { query: title, kind: match.kind, id: match.id, signedIn: false }, new Date(now - (i + 1) * 2 * DAY));
  });
}
