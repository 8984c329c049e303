// Compression of the pages and JSON we send: brotli where the browser takes
// it, else gzip. Which one a request accepts is negotiated by `accepts`.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import accepts from "accepts";
import type { IncomingMessage } from "node:http";

export type Encoding = "br" | "gzip" | "identity";

/** Below this a compressed body is hardly smaller, and costs a round of CPU. */
const MIN_BYTES = 1024;

export function preferredEncoding(req: IncomingMessage): Encoding {
  const chosen = accepts(req).encodings(["br", "gzip", "identity"]);
  return chosen === "br" || chosen === "gzip" ? chosen : "identity";
}

export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && /^(text\/|application\/(json|javascript|xml|atom\+xml|rss\+xml|problem\+json)|image\/svg\+xml)/.test(contentType);
}

/**
 * Compresses `body` for `encoding`. `effort` trades CPU for size: pages kept
 * in the cache are compressed once and sent many times, so they get more.
 */
export function compress(body: Buffer, encoding: Encoding, effort: "once" | "each-time"): Buffer {
  if (encoding === "identity" || body.length < MIN_BYTES) return body;
  if (encoding === "gzip") return gzipSync(body, { level: effort === "once" ? 9 : 5 });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: effort === "once" ? 9 : 4,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}
