import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll } from "vitest";
import type { CurrentUser } from "../../app/auth/session.server";
import { createDb, type Db } from "../../db/client";
import { getUserById } from "../../app/models/accounts/user.server";
import { migrateDb } from "../../db/migrate";
import { issueFormStamp } from "../../app/utils/form-guard.server";

/**
 * A fresh, migrated SQLite database in a temporary folder, removed when the
 * test file ends. One per test file: call it at the top level of the file.
 */
export function createTestDb(): Db {
  const dir = mkdtempSync(path.join(tmpdir(), "entraide-test-"));
  const db = createDb(path.join(dir, "test.db"));
  migrateDb(db);
  afterAll(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

/** The CurrentUser shape the session layer gives routes, read fresh from the database. */
export function asCurrentUser(db: Db, userId: number): CurrentUser {
  const row = getUserById(db, userId);
  if (!row) throw new Error(`No user ${userId}`);
  const { passwordHash: _hash, language: chosenLanguage, ...user } = row;
  return { ...user, chosenLanguage, language: chosenLanguage ?? "en" };
}

/** A load context as the HTTP server builds it, for calling loaders and actions directly. */
export function contextFor(db: Db, userId?: number | null, sessionId: string | null = null): AppLoadContext {
  return {
    db,
    nonce: "test-nonce",
    language: "en",
    clientAddress: "203.0.113.7",
    user: userId ? asCurrentUser(db, userId) : null,
    sessionId,
    secureCookies: false,
  };
}

const ORIGIN = "http://localhost";

export function formRequest(pathname: string, fields: Record<string, string>, init: RequestInit = {}) {
  return new Request(`${ORIGIN}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
    ...init,
  });
}

export function getRequest(pathname: string) {
  return new Request(`${ORIGIN}${pathname}`);
}

/** Runs a loader or action and returns the thrown or returned Response. */
export async function settle(run: () => Promise<unknown> | unknown): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A form's fields with the stamp of a form served a minute ago, as a person sends it (see app/utils/form-guard.server.ts). */
export function personForm(db: Db, fields: Record<string, string>): Record<string, string> {
  return { formStamp: issueFormStamp(db, Date.now() - 60_000), ...fields };
}
