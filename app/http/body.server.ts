// The one bounded reader every request body goes through, whatever its
// framing: a Content-Length over the limit is refused before a byte is read,
// and a chunked body is counted as it arrives and dropped at the limit.
import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

type RawBodyError = Error & { type?: string; status?: number };

/** Reads the whole body into memory, never more than `limit` bytes. */
export async function readBoundedBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = req.headers["content-length"];
  try {
    return await getRawBody(req, { limit, length: declared === undefined ? undefined : Number(declared) });
  } catch (error) {
    const type = (error as RawBodyError).type;
    if (type === "entity.too.large") throw new BodyError(413, "too large");
    throw new BodyError(400, "unreadable");
  }
}

/** Whether a request carries a body at all (RFC 9112: a length, or a transfer coding). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}
