// Brings a full export (site-export.server.ts describes the format) into an
// empty database, with every id as it was, so links keep working. All of it
// is written in one transaction: a malformed or truncated file, a row the
// schema refuses or a broken reference is reported with its line, and the
// database is left as it was. The search index is rebuilt at the end.
import { createReadStream, existsSync } from "node:fs";
import { pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import type Database from "better-sqlite3";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { rebuildSearchIndex } from "../search/search-index.server";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportManifest } from "./site-export.server";
import { isExportedTable, schemaLevel } from "./site-tables.server";

/** Why an import was refused; `line` is the file's line (1 is the manifest) when one is to blame. */
export class SiteImportError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = "SiteImportError";
  }
}

export type ImportOptions = {
  merge?: boolean;
  onProgress?: (progress: { rows: number; table: string }) => void;
};

export type ImportReport = { manifest: ExportManifest; rows: number; counts: Record<string, number> };

const counts = z.record(z.string(), z.number().int().nonnegative());
const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  createdAt: z.string(),
  schema: z.number().int().nonnegative(),
  withSecrets: z.boolean(),
  tables: z.array(z.string()),
  counts,
});
const trailerSchema = z.object({ trailer: z.object({ counts, sequences: z.record(z.string(), z.number().int()) }) });
const rowLineSchema = z.object({ table: z.string(), row: z.record(z.string(), z.unknown()) });

const PROGRESS_EVERY = 5_000;

/** The tables that show a database already holds a community (settings alone do not: a started server writes some). */
function occupiedTables(sqlite: Database.Database, tables: string[]): string[] {
  return tables.filter((table) => table !== "settings" && sqlite.prepare(`select 1 from "${table}" limit 1`).get());
}

/** The lines of a gzip'd file, numbered from 1; a damaged or cut-off stream throws with the line it reached. */
async function* numberedLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const gunzip = createGunzip();
  pipeline(createReadStream(file), gunzip, () => {});
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let line = 0;
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let end: number;
      while ((end = pending.indexOf("\n")) >= 0) {
        line += 1;
        yield { line, text: pending.slice(0, end) };
        pending = pending.slice(end + 1);
      }
    }
  } catch (error) {
    throw new SiteImportError(`the file is damaged or cut off (${(error as Error).message}): it is not a complete export.`, line + 1);
  }
  pending += decoder.end();
  if (pending) {
    line += 1;
    yield { line, text: pending };
  }
}

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SiteImportError("this is not a JSON line: the file is malformed.", line);
  }
}

function decodeValue(value: unknown, column: string, line: number): unknown {
  if (value === null || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value && typeof value === "object" && typeof (value as { $base64?: unknown }).$base64 === "string") {
    return Buffer.from((value as { $base64: string }).$base64, "base64");
  }
  throw new SiteImportError(`the column "${column}" holds a value SQLite cannot keep.`, line);
}

/**
 * Imports `file` into `db`, which must hold no community (merging into one
 * is not supported yet). Resolves with what was imported; rejects with a
 * SiteImportError, the database untouched.
 */
export async function importSite(db: Db, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (options.merge) {
    throw new SiteImportError(
      "--merge is not supported yet: the export keeps every id as it was, and merging would mean renumbering every row and every link between them. Import into an empty database.",
    );
  }
  if (!existsSync(file)) throw new SiteImportError(`${file} does not exist.`);
  const sqlite = db.$client;
  const lines = numberedLines(file);

  const first = await lines.next();
  if (first.done) throw new SiteImportError("the file is empty: it is not an export.", 1);
  const manifestValue = parseJson(first.value.text, 1);
  const looksLikeOurs = !!manifestValue && typeof manifestValue === "object" && (manifestValue as { format?: unknown }).format === EXPORT_FORMAT;
  if (!looksLikeOurs) throw new SiteImportError(`the first line is not the manifest of an "${EXPORT_FORMAT}" file.`, 1);
  const version = (manifestValue as { version?: unknown }).version;
  if (version !== EXPORT_VERSION) {
    throw new SiteImportError(`the file is in version ${JSON.stringify(version)} of the format; this Entraide reads version ${EXPORT_VERSION}.`, 1);
  }
  const parsedManifest = manifestSchema.safeParse(manifestValue);
  if (!parsedManifest.success) throw new SiteImportError(`the manifest is malformed (${parsedManifest.error.issues[0].path.join(".")}: ${parsedManifest.error.issues[0].message}).`, 1);
  const manifest = parsedManifest.data as ExportManifest;
  if (manifest.schema > schemaLevel(sqlite)) {
    throw new SiteImportError(`the file comes from a newer Entraide (${manifest.schema} migrations, this one has ${schemaLevel(sqlite)}): update this installation first.`, 1);
  }
  const unknown = manifest.tables.filter((table) => !isExportedTable(table));
  if (unknown.length) throw new SiteImportError(`the manifest names tables this Entraide does not import: ${unknown.join(", ")}.`, 1);
  const occupied = occupiedTables(sqlite, manifest.tables);
  if (occupied.length) {
    throw new SiteImportError(
      `the database already holds a community (rows in ${occupied.slice(0, 4).join(", ")}${occupied.length > 4 ? ` and ${occupied.length - 4} more tables` : ""}). Import into an empty database (merging is not supported yet).`,
    );
  }

  const columnsOf = new Map<string, Set<string>>();
  const columns = (table: string) => {
    let known = columnsOf.get(table);
    if (!known) {
      known = new Set(sqlite.prepare<[], { name: string }>(`select name from pragma_table_info('${table}')`).all().map((c) => c.name));
      columnsOf.set(table, known);
    }
    return known;
  };
  const inserts = new Map<string, Database.Statement>();
  const insertFor = (table: string, names: string[]) => {
    const key = `${table}\u0000${names.join(",")}`;
    let statement = inserts.get(key);
    if (!statement) {
      // Settings a started server already wrote (its language...) give way to the file's.
      const verb = table === "settings" ? "insert or replace" : "insert";
      statement = sqlite.prepare(`${verb} into "${table}" (${names.map((n) => `"${n}"`).join(", ")}) values (${names.map(() => "?").join(", ")})`);
      inserts.set(key, statement);
    }
    return statement;
  };

  const imported: Record<string, number> = Object.fromEntries(manifest.tables.map((table) => [table, 0]));
  let tableIndex = 0;
  let rows = 0;
  let trailer: z.infer<typeof trailerSchema>["trailer"] | null = null;
  let lastLine = 1;

  sqlite.exec("begin immediate");
  try {
    // References are checked at the end, with the line-free report of foreign_key_check.
    sqlite.pragma("defer_foreign_keys = on");
    for await (const { line, text } of lines) {
      lastLine = line;
      if (!text.trim()) continue;
      if (trailer) throw new SiteImportError("there is more after the trailer: the file is malformed.", line);
      const value = parseJson(text, line);
      const asTrailer = trailerSchema.safeParse(value);
      if (asTrailer.success) {
        trailer = asTrailer.data.trailer;
        continue;
      }
      const parsed = rowLineSchema.safeParse(value);
      if (!parsed.success) throw new SiteImportError('this line is neither a row ({ "table", "row" }) nor the trailer.', line);
      const { table, row } = parsed.data;
      // Tables come one after the other, in the manifest's order.
      while (tableIndex < manifest.tables.length && manifest.tables[tableIndex] !== table) tableIndex += 1;
      if (tableIndex === manifest.tables.length) {
        throw new SiteImportError(
          manifest.tables.includes(table) ? `a row of "${table}" comes after the tables that follow it.` : `the table "${table}" is not in the manifest.`,
          line,
        );
      }
      const known = columns(table);
      const names = Object.keys(row);
      const stranger = names.find((name) => !known.has(name));
      if (stranger) throw new SiteImportError(`the table "${table}" has no column "${stranger}".`, line);
      const values = names.map((name) => decodeValue(row[name], name, line));
      try {
        insertFor(table, names).run(values);
      } catch (error) {
        throw new SiteImportError(`the row of "${table}" was refused: ${(error as Error).message}.`, line);
      }
      imported[table] += 1;
      rows += 1;
      if (rows % PROGRESS_EVERY === 0) options.onProgress?.({ rows, table });
    }
    if (!trailer) {
      throw new SiteImportError(`the file ends without its trailer after ${lastLine} lines: it is truncated. Nothing was imported.`, lastLine);
    }
    for (const table of manifest.tables) {
      const announced = manifest.counts[table] ?? 0;
      const written = trailer.counts[table] ?? 0;
      if (imported[table] !== written || imported[table] !== announced) {
        throw new SiteImportError(
          `the file holds ${imported[table]} rows of "${table}" where its manifest announces ${announced} and its trailer ${written}: it is incomplete. Nothing was imported.`,
          lastLine,
        );
      }
    }
    // Ids of rows deleted before the export are not handed out again.
    const sequenceOf = sqlite.prepare<[string], { seq: number }>("select seq from sqlite_sequence where name = ?");
    const raiseSequence = sqlite.prepare<[number, string]>("update sqlite_sequence set seq = max(seq, ?) where name = ?");
    const addSequence = sqlite.prepare<[string, number]>("insert into sqlite_sequence (name, seq) values (?, ?)");
    for (const [table, seq] of Object.entries(trailer.sequences)) {
      if (!manifest.tables.includes(table)) continue;
      if (sequenceOf.get(table)) raiseSequence.run(seq, table);
      else addSequence.run(table, seq);
    }
    const broken = sqlite.prepare<[], { table: string; rowid: number; parent: string }>("pragma foreign_key_check").all();
    if (broken.length) {
      const examples = broken.slice(0, 5).map((b) => `${b.table} row ${b.rowid} → ${b.parent}`).join("; ");
      throw new SiteImportError(`${broken.length} rows refer to rows the file does not hold (${examples}). Nothing was imported.`);
    }
    sqlite.exec("commit");
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("rollback");
    await lines.return(undefined);
    if (error instanceof SiteImportError) throw error;
    throw new SiteImportError(`the import failed: ${(error as Error).message}. Nothing was imported.`, lastLine);
  }
  options.onProgress?.({ rows, table: manifest.tables[manifest.tables.length - 1] ?? "" });
  rebuildSearchIndex(db);
  return { manifest, rows, counts: imported };
}
