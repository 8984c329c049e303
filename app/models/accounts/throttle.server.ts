import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loginAttempts } from "../../../db/schema";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/languages";
import { sayIn } from "./account-words.server";

export const THROTTLE_LIMIT = 10;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export type ThrottleState = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Sign-in attempts are throttled per account and per address: after
 * THROTTLE_LIMIT failures within the window, a key is refused until the
 * oldest of those failures leaves the window.
 */
export function checkThrottle(db: Db, keys: string[], now = Date.now()): ThrottleState {
  let retryAt = 0;
  for (const key of keys) {
    const recent = db
      .select({ createdAt: loginAttempts.createdAt })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.key, key), gt(loginAttempts.createdAt, new Date(now - THROTTLE_WINDOW_MS))))
      .orderBy(desc(loginAttempts.createdAt))
      .limit(THROTTLE_LIMIT)
      .all();
    if (recent.length >= THROTTLE_LIMIT) {
      const oldest = recent[recent.length - 1]!.createdAt.getTime();
      retryAt = Math.max(retryAt, oldest + THROTTLE_WINDOW_MS);
    }
  }
  return retryAt > now ? { allowed: false, retryAt: new Date(retryAt) } : { allowed: true };
}

export function recordFailure(db: Db, keys: string[], now = Date.now()) {
  db.transaction((tx) => {
    tx.delete(loginAttempts).where(lt(loginAttempts.createdAt, new Date(now - THROTTLE_WINDOW_MS))).run();
    tx.insert(loginAttempts)
      .values(keys.map((key) => ({ key, createdAt: new Date(now) })))
      .run();
  });
}

export function clearThrottle(db: Db, keys: string[]) {
  db.delete(loginAttempts).where(inArray(loginAttempts.key, keys)).run();
}

/** Whole minutes until `retryAt`, at least one. */
export function minutesUntil(retryAt: Date, now = Date.now()): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now) / 60000));
}

/** "Too many sign-in attempts…", in the language of whoever is told. */
export function waitMessage(retryAt: Date, now = Date.now(), language: Language = DEFAULT_LANGUAGE): string {
  return sayIn(language, "accountsServer.throttle.signIn", { count: minutesUntil(retryAt, now) });
}
