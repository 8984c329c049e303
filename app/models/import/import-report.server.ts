// What a run did, kept in import_runs.state as it goes (so an interrupted run
// resumes with its counts), and given back at the end: imported per kind,
// already there (a second run), skipped with reasons and a few examples, and
// not imported on purpose (rows this forum has no place for), with reasons:
// so the report accounts for every row read.
export const SKIPPED_EXAMPLES = 5;

/** Why a row was skipped: a short code (the command puts it into words). */
export type SkipReason =
  | `missing-attribute:${string}`
  | `bad-number:${string}`
  | `bad-date:${string}`
  | "unknown-question"
  | "unknown-post"
  | "unknown-parent"
  | "not-a-question"
  | "empty-body"
  | "conversion-failed";

/**
 * Why a well-formed row was left out on purpose: a short code (the command
 * puts it into words). Types are the dump's numbers (VoteTypeId,
 * PostHistoryTypeId, PostTypeId, LinkTypeId).
 */
export type NotImportedReason =
  | `vote-type:${number}`
  | `history-type:${number}`
  | `post-type:${string}`
  | `link-type:${string}`
  /** An acceptance vote for an answer its question no longer accepts. */
  | "acceptance-not-current"
  /** A second acceptance vote for the same answer. */
  | "acceptance-again"
  /** A lock or unlock of an answer (we lock threads, not answers). */
  | "answer-lock"
  /** A question closed as a duplicate of itself. */
  | "self-duplicate";

export type SkippedRow = { file: string; line: number; id: string | null };

export type ImportCounts = { imported: number; existing: number };

export type ImportReport = {
  site: string;
  source: string;
  /** Per kind of row: users, tags, questions, answers, comments, revisions, votes, acceptances, duplicates. */
  counts: Record<string, ImportCounts>;
  skipped: Record<string, { count: number; examples: SkippedRow[] }>;
  /** Rows left out on purpose, per reason. */
  notImported: Record<string, number>;
  /** Optional files the dump lacks: their part was not imported. */
  missingFiles: string[];
  /** Files read but not imported, and why (a code). */
  notes: string[];
};

export function emptyReport(site: string, source: string): ImportReport {
  return { site, source, counts: {}, skipped: {}, notImported: {}, missingFiles: [], notes: [] };
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

export function countNotImported(report: ImportReport, reason: NotImportedReason) {
  report.notImported[reason] = (report.notImported[reason] ?? 0) + 1;
}

export function totalNotImported(report: ImportReport): number {
  return Object.values(report.notImported ?? {}).reduce((sum, count) => sum + count, 0);
}

export function totalSkipped(report: ImportReport): number {
  return Object.values(report.skipped).reduce((sum, entry) => sum + entry.count, 0);
}

export function totalImported(report: ImportReport): number {
  return Object.values(report.counts).reduce((sum, entry) => sum + entry.imported, 0);
}
