// What a run did, kept in import_runs.state as it goes (so an interrupted run
// resumes with its counts), and given back at the end: imported per kind,
// already there (a second run), skipped with reasons and a few examples.
export const SKIPPED_EXAMPLES = 5;

/** Why a row was skipped: a short code (the command puts it into words). */
export type SkipReason =
  | `missing-attribute:${string}`
  | `bad-number:${string}`
  | `bad-date:${string}`
  | `post-type:${string}`
  | "unknown-question"
  | "unknown-post"
  | "unknown-parent"
  | "not-a-question"
  | "empty-body";

export type SkippedRow = { file: string; line: number; id: string | null };

export type ImportCounts = { imported: number; existing: number };

export type ImportReport = {
  site: string;
  source: string;
  /** Per kind of row: users, tags, questions, answers, comments, revisions, votes, acceptances, duplicates. */
  counts: Record<string, ImportCounts>;
  skipped: Record<string, { count: number; examples: SkippedRow[] }>;
  /** Optional files the dump lacks: their part was not imported. */
  missingFiles: string[];
  /** Files read but not imported, and why (a code). */
  notes: string[];
};

export function emptyReport(site: string, source: string): ImportReport {
  return { site, source, counts: {}, skipped: {}, missingFiles: [], notes: [] };
}

export function countRow(report: ImportReport, kind: string, outcome: keyof ImportCounts, n = 1) {
  const counts = (report.counts[kind] ??= { imported: 0, existing: 0 });
  counts[outcome] += n;
}

export function skipRow(report: ImportReport, reason: SkipReason, row: SkippedRow) {
  const entry = (report.skipped[reason] ??= { count: 0, examples: [] });
  entry.count++;
  if (entry.examples.length < SKIPPED_EXAMPLES) entry.examples.push(row);
}

export function totalSkipped(report: ImportReport): number {
  return Object.values(report.skipped).reduce((sum, entry) => sum + entry.count, 0);
}

export function totalImported(report: ImportReport): number {
  return Object.values(report.counts).reduce((sum, entry) => sum + entry.imported, 0);
}
