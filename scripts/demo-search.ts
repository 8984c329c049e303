// The demo community's search history: what its customers typed over the last
// weeks (some found nothing, some opened a result, some stopped asking because
// a thread answered them) and the synonyms its moderator set up. Written with
// the same model functions as the site, so /mod/search has something to show.
import type { Db } from "../db/client";
import type { users } from "../db/schema";
import { logSearch, recordDeflection, recordSearchClick } from "../app/models/search/search-log.server";
import { findSimilar, searchContent } from "../app/models/search/search.server";
import { addSynonyms } from "../app/models/search/synonym.server";

type Person = typeof users.$inferSelect;
const DAY = 24 * 60 * 60 * 1000;

const SYNONYMS = [
  { term: "modem", synonyms: "box, router" },
  { term: "invoice", synonyms: "bill" },
  { term: "internet down", synonyms: "outage" },
];

// [what was typed, how many times, opened the first result?]
const SEARCHES: [string, number, boolean][] = [
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
];

// Titles that were about to be asked when a thread answered them.
const DEFLECTIONS = ["my box restarts at night", "charged twice this month", "can I keep my number"];

export function seedDemoSearch(db: Db, moderator: Person, now: number) {
  for (const synonym of SYNONYMS) addSynonyms(db, moderator, synonym);
  let step = 0;
  for (const [query, times, opens] of SEARCHES) {
    const results = searchContent(db, { q: query });
    for (let i = 0; i < times; i++) {
      const at = new Date(now - ((step++ * 7) % 20) * DAY - i * 3_600_000);
      const id = logSearch(db, { query, resultCount: results.total, signedIn: i % 3 === 0 }, at);
      const first = results.hits[0];
      if (opens && first && i % 2 === 0) recordSearchClick(db, id, first.kind, first.id, at);
    }
  }
  DEFLECTIONS.forEach((title, i) => {
    const match = findSimilar(db, title)[0];
    if (match) recordDeflection(db, { query: title, kind: match.kind, id: match.id, signedIn: false }, new Date(now - (i + 1) * 2 * DAY));
  });
}
