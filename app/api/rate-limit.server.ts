// Requests per token (and per address for anonymous reads) in fixed windows,
// counted in the database (rate-limiter-flexible's SQLite store over the
// api_rate_limits table of our migrations), so every server process shares one
// count. Answers carry RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers);
// a caller over its limit gets 429 with Retry-After.
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiRateLimits } from "../../db/schema";

export type RateLimitOptions = {
  /** Requests a token may make per window. */
  perToken: number;
  /** Requests an address may make per window without a token. */
  perAddress: number;
  windowSeconds: number;
};

function envNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** The limits: API_RATE_LIMIT_TOKEN / API_RATE_LIMIT_ANONYMOUS requests per API_RATE_LIMIT_WINDOW seconds. */
export function rateLimitsFromEnv(env: Record<string, string | undefined> = process.env): RateLimitOptions {
  return {
    perToken: envNumber(env.API_RATE_LIMIT_TOKEN, 600),
    perAddress: envNumber(env.API_RATE_LIMIT_ANONYMOUS, 60),
    windowSeconds: envNumber(env.API_RATE_LIMIT_WINDOW, 60),
  };
}

export type RateDecision = { allowed: boolean; headers: Record<string, string> };

export type RateLimiter = { consume(key: { tokenId: number } | { address: string }): Promise<RateDecision> };

export function createRateLimiter(db: Db, options: RateLimitOptions): RateLimiter {
  const client = db.$client;
  const limiter = (points: number, keyPrefix: string) =>
    new RateLimiterSQLite({ storeClient: client, storeType: "better-sqlite3", tableName: "api_rate_limits", tableCreated: true, keyPrefix, points, duration: options.windowSeconds });
  const tokens = limiter(options.perToken, "token");
  const addresses = limiter(options.perAddress, "address");

  function headers(limit: number, res: RateLimiterRes, refused: boolean): Record<string, string> {
    const reset = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    const out: Record<string, string> = {
      "RateLimit-Policy": `${limit};w=${options.windowSeconds}`,
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(Math.max(0, res.remainingPoints)),
      "RateLimit-Reset": String(reset),
    };
    if (refused) out["Retry-After"] = String(reset);
    return out;
  }

  return {
    async consume(key) {
      const [store, limit, id] = "tokenId" in key ? [tokens, options.perToken, String(key.tokenId)] : [addresses, options.perAddress, key.address];
      try {
        const res = await store.consume(id);
        return { allowed: true, headers: headers(limit, res, false) };
      } catch (thrown) {
        if (thrown instanceof RateLimiterRes) return { allowed: false, headers: headers(limit, thrown, true) };
        throw thrown;
      }
    },
  };
}

/**
 * Forgets the counts whose window has ended (each address ever seen keeps a
 * row until then): the worker's hourly "api-rate-limits" job. Returns how
 * many it removed.
 */
export function clearExpiredRateLimits(db: Db, now = new Date()): number {
  return db.delete(apiRateLimits).where(lt(apiRateLimits.expire, now.getTime())).run().changes;
}
