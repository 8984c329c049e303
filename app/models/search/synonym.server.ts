import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { searchSynonyms, users } from "../../../db/schema";
import { SYNONYM_WORDS_MAX } from "../../forms/search";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import type { FieldErrors } from "../../utils/form.server";
import { recordAudit } from "../moderation/audit.server";
import { wordsOf } from "./search-query.server";
import { actorT } from "../../i18n/messages.server";
import { refusedWith } from "../../i18n/message";

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
  const t = actorT(actor);
  const term = phraseOf(input.term);
  if (!term) return { ok: false, errors: { term: t("contentServer.synonym.noLetters") } };
  if (term.split(" ").length > SYNONYM_WORDS_MAX) {
    return { ok: false, errors: { term: t("contentServer.synonym.termTooManyWords", { max: SYNONYM_WORDS_MAX }) } };
  }
  const wanted = [...new Set(input.synonyms.split(",").map(phraseOf).filter(Boolean))].filter((s) => s !== term);
  if (!wanted.length) return { ok: false, errors: { synonyms: t("contentServer.synonym.nothingNew") } };
  const tooLong = wanted.find((s) => s.split(" ").length > SYNONYM_WORDS_MAX);
  if (tooLong) return { ok: false, errors: { synonyms: t("contentServer.synonym.phraseTooLong", { phrase: tooLong, max: SYNONYM_WORDS_MAX }) } };

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
    if (!added.length) return { ok: false as const, errors: { synonyms: t("contentServer.synonym.alreadyThere", { term, count: wanted.length }) } };
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
  if (!row) throw refusedWith(404, "contentServer.synonym.notFound");
  db.transaction((tx) => {
    tx.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).run();
    recordAudit(tx, { actorId: actor!.id, action: "synonym.remove", targetType: "synonym", targetId: id, details: { term: row.term, synonym: row.synonym } });
  });
  return row;
}
