import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { searchSynonyms, users } from "../../../db/schema";
import { SYNONYM_WORDS_MAX } from "../../forms/search";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { wordsOf } from "./search-query.server";

/** Every synonym, grouped by the customers' word, with who added it. */
export function listSynonyms(db: Db, actor: Actor) {
  assertCan(actor, "search.synonyms");
  const rows = db
    .select({
      id: searchSynonyms.id,
      term: searchSynonyms.term,
      synonym: searchSynonyms.synonym,
      createdAt: searchSynonyms.createdAt,
      createdBy: users.username,
    })
    .from(searchSynonyms)
    .leftJoin(users, eq(users.id, searchSynonyms.createdById))
    .orderBy(asc(searchSynonyms.term), asc(searchSynonyms.id))
    .all();
  const groups: { term: string; synonyms: typeof rows }[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last?.term === row.term) last.synonyms.push(row);
    else groups.push({ term: row.term, synonyms: [row] });
  }
  return groups;
}

function phraseOf(text: string) {
  return wordsOf(text).join(" ");
}

/**
 * Maps a customers' word (or short phrase) to one or more of the brand's:
 * "box" → "router, modem". Words are stored as the index sees them (lower
 * case, no accents), so "Box" and "bôx" are the same term.
 */
export function addSynonyms(
  db: Db,
  actor: Actor,
  input: { term: string; synonyms: string },
): { ok: true; term: string; added: string[] } | { ok: false; errors: FieldErrors } {
  assertCan(actor, "search.synonyms");
  const term = phraseOf(input.term);
  if (!term) return { ok: false, errors: { term: "Use letters or digits: punctuation is ignored by search." } };
  if (term.split(" ").length > SYNONYM_WORDS_MAX) {
    return { ok: false, errors: { term: `Use a word or a phrase of at most ${SYNONYM_WORDS_MAX} words.` } };
  }
  const wanted = [...new Set(input.synonyms.split(",").map(phraseOf).filter(Boolean))].filter((s) => s !== term);
  if (!wanted.length) return { ok: false, errors: { synonyms: "Write at least one word that differs from the customers' word." } };
  const tooLong = wanted.find((s) => s.split(" ").length > SYNONYM_WORDS_MAX);
  if (tooLong) return { ok: false, errors: { synonyms: `“${tooLong}” is longer than ${SYNONYM_WORDS_MAX} words.` } };

  return db.transaction((tx) => {
    const existing = new Set(
      tx
        .select({ synonym: searchSynonyms.synonym })
        .from(searchSynonyms)
        .where(and(eq(searchSynonyms.term, term), inArray(searchSynonyms.synonym, wanted)))
        .all()
        .map((r) => r.synonym),
    );
    const added = wanted.filter((s) => !existing.has(s));
    if (!added.length) return { ok: false as const, errors: { synonyms: `“${term}” already has ${wanted.length > 1 ? "these synonyms" : "this synonym"}.` } };
    tx.insert(searchSynonyms)
      .values(added.map((synonym) => ({ term, synonym, createdById: actor!.id })))
      .run();
    recordAudit(tx, { actorId: actor!.id, action: "synonym.add", targetType: "synonym", details: { term, synonyms: added } });
    return { ok: true as const, term, added };
  });
}

export function removeSynonym(db: Db, actor: Actor, id: number) {
  assertCan(actor, "search.synonyms");
  const row = db.select().from(searchSynonyms).where(eq(searchSynonyms.id, id)).get();
  if (!row) throw new Response("That synonym no longer exists.", { status: 404 });
  db.transaction((tx) => {
    tx.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).run();
    recordAudit(tx, { actorId: actor!.id, action: "synonym.remove", targetType: "synonym", targetId: id, details: { term: row.term, synonym: row.synonym } });
  });
  return row;
}
