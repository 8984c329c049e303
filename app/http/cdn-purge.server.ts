// The purge hook for a CDN in front of the site. Public pages tell a CDN it
// may keep them for CDN_MAX_AGE seconds (s-maxage); when that is not short
// enough, CDN_PURGE_URL is called (POST, JSON `{"purge_everything":true}`, the
// body Cloudflare's purge API takes, with `Authorization: Bearer
// CDN_PURGE_TOKEN`) whenever something a visitor can see has changed — the
// same page version the in-process cache follows. Run by the background worker,
// so once per site however many processes serve.
import type { Db } from "../../db/client";
import { pageVersionOf } from "../models/site/page-version.server";

export type CdnPurgeOptions = { url: string; token?: string; fetch?: typeof fetch; log?: Pick<Console, "error"> };

export function createCdnPurge(db: Db, { url, token, fetch: send = fetch, log = console }: CdnPurgeOptions) {
  let purgedAt: number | null = null;

  /** Purges if the pages changed since the last purge; says whether it sent one. */
  return async function purgeIfChanged(): Promise<boolean> {
    const version = pageVersionOf(db.$client);
    // The first look only notes where things stand: the CDN's copies are as old as the process.
    if (purgedAt === null) purgedAt = version;
    if (version === purgedAt) return false;
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      const response = await send(url, { method: "POST", headers, body: JSON.stringify({ purge_everything: true }), signal: AbortSignal.timeout(10_000) });
      if (!response.ok) {
        log.error(`[cdn] the purge was refused: HTTP ${response.status}`);
        return false;
      }
    } catch (error) {
      log.error("[cdn] the purge could not be sent:", error);
      return false;
    }
    purgedAt = version;
    return true;
  };
}
