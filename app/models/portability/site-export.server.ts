// The full export: the whole community in one file, read from one consistent
// snapshot and written as a stream, so memory stays flat whatever its size.
//
// The format ("entraide-export", version 1) is gzip'd JSON lines:
//   line 1    the manifest: { format: "entraide-export", version: 1, createdAt,
//             schema (the migrations applied), withSecrets, tables (in the
//             order they follow), counts (rows per table) }
//   then      one line per row, table by table in that order (parents before
//             the rows that refer to them): { table, row } where row holds
//             the table's columns by their SQL names, values as SQLite keeps
//             them (dates in milliseconds, booleans 0/1, JSON as text; a blob
//             as { $base64 })
//   last      the trailer: { trailer: { counts, sequences } }: the rows
//             written per table (a file without it, or whose counts differ,
//             is truncated) and each table's next-id counter, so ids of
//             deleted rows are never handed out again.
// Which tables are carried, and what stays behind without --with-secrets, is
// decided in site-tables.server.ts.
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import Database from "better-sqlite3";
import type { Db } from "../../../db/client";
import { schemaLevel, tableOrder, unclassifiedTables, withoutSecretsFor, type SqliteRow } from "./site-tables.server";

export const EXPORT_FORMAT = "entraide-export";
export const EXPORT_VERSION = 1;

export type ExportManifest = {
  format: typeof EXPORT_FORMAT;
  version: number;
  createdAt: string;
  schema: number;
  withSecrets: boolean;
  tables: string[];
  counts: Record<string, number>;
};

export type ExportTrailer = { counts: Record<string, number>; sequences: Record<string, number> };

export type ExportProgress = { done: number; total: number; table: string };

export type ExportOptions = {
  withSecrets?: boolean;
  now?: Date;
  /** Called every few thousand rows and at the end of each table. */
  onProgress?: (progress: ExportProgress) => void | Promise<void>;
};

export type ExportReport = { manifest: ExportManifest; rows: number; bytes: number };

const PROGRESS_EVERY = 2_000;

/** A value as the file holds it: SQLite's scalars as they are, a blob in base64. */
function encodeValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { $base64: value.toString("base64") };
  if (typeof value === "bigint") return Number(value);
  return value;
}

function encodeRow(row: SqliteRow): SqliteRow {
  const encoded: SqliteRow = {};
  for (const [column, value] of Object.entries(row)) encoded[column] = encodeValue(value);
  return encoded;
}

function countKept(sqlite: Database.Database, table: string, strip: (row: SqliteRow, at: number) => SqliteRow | null, at: number): number {
  let kept = 0;
  for (const row of sqlite.prepare<[], SqliteRow>(`select * from "${table}"`).iterate()) if (strip(row, at)) kept += 1;
  return kept;
}

/**
 * A connection of its own, reading one snapshot: the export streams for a
 * while, and the process's connection must stay free (an open iterator
 * keeps a connection busy) and see its own writes meanwhile.
 */
function snapshotConnection(db: Db): { sqlite: Database.Database; close: () => void } {
  const file = db.$client.name;
  if (!file || file === ":memory:" || db.$client.memory) return { sqlite: db.$client, close: () => {} };
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return { sqlite, close: () => sqlite.close() };
}

/**
 * Writes the community to `file` (a gzip'd JSON lines file, see above):
 * first to a neighbour ".partial" file, renamed once complete, so a file by
 * that name is always whole. Refuses while a table is unclassified.
 */
export async function exportSite(db: Db, file: string, options: ExportOptions = {}): Promise<ExportReport> {
  const withSecrets = options.withSecrets ?? false;
  const now = options.now ?? new Date();
  const { sqlite, close } = snapshotConnection(db);
  const partial = `${file}.partial`;
  const ownSnapshot = sqlite !== db.$client;
  try {
    const unclassified = unclassifiedTables(sqlite);
    if (unclassified.length) {
      throw new Error(`The export does not know what to do with the table(s) ${unclassified.join(", ")}: classify them in app/models/portability/site-tables.server.ts.`);
    }
    // Every read below sees the database as it was at the first one.
    if (ownSnapshot) sqlite.exec("begin");
    const tables = tableOrder(sqlite);
    const counts: Record<string, number> = {};
    const toRead: Record<string, number> = {};
    for (const table of tables) {
      toRead[table] = sqlite.prepare<[], { n: number }>(`select count(*) as n from "${table}"`).get()!.n;
      const strip = withSecrets ? undefined : withoutSecretsFor(table);
      // The manifest announces the rows the file holds: those a secret keeps behind are not counted.
      counts[table] = strip ? countKept(sqlite, table, strip, now.getTime()) : toRead[table];
    }
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      createdAt: now.toISOString(),
      schema: schemaLevel(sqlite),
      withSecrets,
      tables,
      counts,
    };
    const total = tables.reduce((sum, table) => sum + toRead[table], 0);

    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(partial));
    // A failure of the file (a full disk) surfaces through `written`; write() only waits.
    written.catch(() => {});
    const writeLine = async (value: unknown) => {
      if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, "drain");
    };

    await writeLine(manifest);
    const trailerCounts: Record<string, number> = {};
    let done = 0;
    for (const table of tables) {
      const strip = withSecrets ? undefined : withoutSecretsFor(table);
      let rows = 0;
      for (const raw of sqlite.prepare<[], SqliteRow>(`select * from "${table}" order by rowid`).iterate()) {
        const row = strip ? strip(raw, now.getTime()) : raw;
        done += 1;
        if (row) {
          await writeLine({ table, row: encodeRow(row) });
          rows += 1;
        }
        if (done % PROGRESS_EVERY === 0) await options.onProgress?.({ done, total, table });
      }
      trailerCounts[table] = rows;
      await options.onProgress?.({ done, total, table });
    }
    const sequences: Record<string, number> = {};
    for (const { name, seq } of sqlite.prepare<[], { name: string; seq: number }>("select name, seq from sqlite_sequence").all()) {
      if (tables.includes(name)) sequences[name] = seq;
    }
    const trailer: ExportTrailer = { counts: trailerCounts, sequences };
    await writeLine({ trailer });
    gzip.end();
    await written;
    if (ownSnapshot) sqlite.exec("commit");
    renameSync(partial, file);
    return { manifest, rows: done, bytes: statSync(file).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    close();
  }
}
