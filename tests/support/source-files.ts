// Reading the project's own code, for the tests that keep its layout honest
// (no import from tests/, no import cycle, one visibility scope).
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const root = path.resolve(import.meta.dirname, "..", "..");

/** Every .ts and .tsx file under a folder, as absolute paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The module specifiers a source imports, with their offset, read with
 * TypeScript's own pre-processor: imports split over lines, `export … from`,
 * dynamic `import()` and `require` count; comments and strings do not.
 */
export function importedSpecifiers(source: string): { specifier: string; pos: number }[] {
  return ts.preProcessFile(source, true, true).importedFiles.map(({ fileName, pos }) => ({ specifier: fileName, pos }));
}
