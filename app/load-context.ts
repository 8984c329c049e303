import type { Db } from "../db/client";
import type { CurrentUser } from "./auth/session.server";
import type { Language } from "./i18n/languages";

// What the HTTP server hands every loader and action (see app/http.server.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Db;
    /** The interface's language for this request (see app/http/language.server.ts). */
    language: Language;
    /** The per-request Content-Security-Policy nonce for inline scripts. */
    nonce: string;
    /** The client's address, for throttling sign-in attempts. */
    clientAddress: string;
    /** Read from the database on every request, role included. */
    user: CurrentUser | null;
    sessionId: string | null;
    /** Whether cookies must be Secure (the site is served over https). */
    secureCookies: boolean;
  }
}

export {};
