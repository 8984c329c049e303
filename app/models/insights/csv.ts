// CSV as RFC 4180 writes it: fields separated by commas, records by CRLF; a
// field holding a comma, a double quote, CR or LF is quoted, its quotes
// doubled. A text that a spreadsheet would run as a formula (=, +, -, @, tab,
// CR first) is given a leading apostrophe; numbers are written as they are.
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: CsvCell[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
