// The application's own secret, for links that must prove they came from us
// (the one-click unsubscribe link in every email). `APP_SECRET` when set;
// otherwise generated once and kept in the settings table, so links in emails
// already sent keep working after a restart.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { settings } from "../../../db/schema";

const SECRET_KEY = "appSecret";

export function appSecret(db: DbOrTx, env: Record<string, string | undefined> = process.env): string {
  if (env.APP_SECRET) return env.APP_SECRET;
  // Insert-if-missing then read: two processes starting together agree on one secret.
  db.insert(settings)
    .values({ key: SECRET_KEY, value: JSON.stringify(randomBytes(32).toString("base64url")) })
    .onConflictDoNothing()
    .run();
  const row = db.select().from(settings).where(eq(settings.key, SECRET_KEY)).get()!;
  return JSON.parse(row.value) as string;
}

/** A signature of `purpose` and `value` (base64url, 43 characters). */
export function sign(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${value}`).digest("base64url");
}

/** Whether `signature` is ours for `purpose` and `value`, compared in constant time. */
export function verifySignature(secret: string, purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
