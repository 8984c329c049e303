// Small readers for what a route sends back: its Set-Cookie, its JSON body,
// and the Cookie header a browser would send with that cookie.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { SESSION_COOKIE } from "../../app/auth/session.server";
import type { Db } from "../../db/client";
import { contextFor } from "./db";

/** The Cookie request header a browser sends back after receiving this Set-Cookie value. */
export function cookieHeaderFrom(setCookie: string | null): string {
  if (!setCookie) throw new Error("No Set-Cookie value");
  return setCookie.split(";")[0]!.trim();
}

/** The session id inside a Set-Cookie value ("" for a blank cookie). */
export function sessionIdFrom(setCookie: string | null): string {
  const pair = cookieHeaderFrom(setCookie);
  const [name, value] = pair.split("=");
  if (name !== SESSION_COOKIE) throw new Error(`Not the session cookie: ${pair}`);
  return value ?? "";
}

/** The attributes of a Set-Cookie value, lower-cased names ("httponly", "max-age", ...). */
export function cookieAttributes(setCookie: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of setCookie.split(";").slice(1)) {
    const [name, ...rest] = part.trim().split("=");
    attributes.set(name!.toLowerCase(), rest.join("="));
  }
  return attributes;
}

/** Seconds from now until the cookie expires, from Max-Age or Expires. */
export function cookieLifetimeSeconds(setCookie: string, now = Date.now()): number | null {
  const attributes = cookieAttributes(setCookie);
  const maxAge = attributes.get("max-age");
  if (maxAge !== undefined) return Number(maxAge);
  const expires = attributes.get("expires");
  if (expires !== undefined) return (new Date(expires).getTime() - now) / 1000;
  return null;
}

export async function bodyOf<T = any>(response: Response): Promise<T> {
  return JSON.parse(await response.text()) as T;
}

/** A load context as contextFor builds it, from a given client address. */
export function contextFrom(db: Db, address: string, userId?: number | null, sessionId: string | null = null): AppLoadContext {
  return { ...contextFor(db, userId, sessionId), clientAddress: address };
}

export function actionArgs(request: Request, context: AppLoadContext): ActionFunctionArgs {
  return { request, context, params: {} };
}

export function loaderArgs(request: Request, context: AppLoadContext): LoaderFunctionArgs {
  return { request, context, params: {} };
}

let addressSequence = 0;
/** A client address no other test in this process has used, so throttles do not leak between tests. */
export function freshAddress(): string {
  addressSequence += 1;
  return `198.51.${Math.floor(addressSequence / 250)}.${addressSequence % 250}`;
}
