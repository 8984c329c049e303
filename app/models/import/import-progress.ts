// Where an import stands, as the importer reports it after each batch, and
// how a terminal shows it: a bar with counts, rate and time left on a TTY,
// plain lines otherwise. No server-only code: pure functions of the numbers.
export type ImportProgress = {
  phase: string;
  /** Rows read in this phase so far. */
  rows: number;
  /** Rows written in the whole run so far (not those already there). */
  imported: number;
  /** Bytes of the dump read so far, over all the files the run reads. */
  bytesDone: number;
  bytesTotal: number;
  /** Milliseconds since the run (or its resumption) started. */
  elapsedMs: number;
};

function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--:--";
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** The share done, the rate of rows a second and the time left, from the bytes read. */
export function progressFigures(progress: ImportProgress) {
  const fraction = progress.bytesTotal ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 0;
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? progress.imported / seconds : 0;
  const left = fraction > 0.01 ? (progress.elapsedMs * (1 - fraction)) / fraction : Number.NaN;
  return { fraction, rate, left: duration(left), elapsed: duration(progress.elapsedMs) };
}

/** One line for a terminal: `questions [#####-----]  42% 12,345 rows · 1,234/s · 00:10 left`. */
export function progressBar(progress: ImportProgress, width = 24): string {
  const { fraction, rate, left } = progressFigures(progress);
  const filled = Math.round(fraction * width);
  const bar = "█".repeat(filled) + "░".repeat(width - filled);
  const percent = `${Math.floor(fraction * 100)}`.padStart(3);
  return `${progress.phase.padEnd(9)} ${bar} ${percent}% ${progress.imported.toLocaleString("en")} imported · ${Math.round(rate).toLocaleString("en")}/s · ${left} left`;
}

/** One line for a log (not a terminal). */
export function progressLine(progress: ImportProgress): string {
  const { fraction, rate, elapsed, left } = progressFigures(progress);
  return `[${elapsed}] ${progress.phase}: ${progress.rows} rows read, ${progress.imported} imported in all, ${Math.floor(fraction * 100)}% of the dump, ${Math.round(rate)}/s, ${left} left`;
}
