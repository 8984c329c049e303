// Reads a Stack Exchange dump file (<posts><row .../>...</posts>) as a stream,
// a batch of rows at a time, so memory stays flat whatever the file's size.
import { createReadStream, existsSync, statSync } from "node:fs";
import { SaxesParser } from "saxes";

/** A file of the dump that is missing or not well-formed XML: names the file and the row (line). */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line ? `, line ${line}` : ""}: ${problem}`);
    this.name = "ImportFileError";
  }
}

export type XmlRow = { line: number; attributes: Record<string, string> };

export function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/**
 * The `<row>` elements of `file`, in batches of about `batchSize`, each with
 * its line (to name it in the report) and its attributes. `onBytes` hears how
 * far the file has been read, for the progress display.
 */
export async function* readRows(
  file: string,
  root: string,
  { batchSize = 1000, onBytes }: { batchSize?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<XmlRow[]> {
  if (!existsSync(file)) throw new ImportFileError(file, null, "missing file");
  const parser = new SaxesParser({ position: true });
  let pending: XmlRow[] = [];
  let failure: ImportFileError | null = null;
  let sawRoot = false;
  let depth = 0;
  parser.on("error", (error) => {
    failure ??= new ImportFileError(file, parser.line, error.message.replace(/^[^:]*:\d+:\d+: /, ""));
  });
  parser.on("opentag", (tag) => {
    depth++;
    if (depth === 1) {
      if (tag.name !== root) failure ??= new ImportFileError(file, parser.line, `root element <${tag.name}>, expected <${root}>`);
      sawRoot = true;
      return;
    }
    if (depth === 2 && tag.name === "row") pending.push({ line: parser.line, attributes: tag.attributes as Record<string, string> });
  });
  parser.on("closetag", () => {
    depth--;
  });
  let bytes = 0;
  let first = true;
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      bytes += Buffer.byteLength(chunk);
      // The dumps start with a byte order mark, which is not XML.
      parser.write(first ? chunk.replace(/^\uFEFF/, "") : chunk);
      first = false;
      if (failure) throw failure;
      onBytes?.(bytes);
      if (pending.length >= batchSize) {
        const batch = pending;
        pending = [];
        yield batch;
      }
    }
    parser.close();
    if (failure) throw failure;
    if (!sawRoot) throw new ImportFileError(file, parser.line, `no <${root}> element`);
  } finally {
    stream.destroy();
  }
  if (pending.length) yield pending;
}
