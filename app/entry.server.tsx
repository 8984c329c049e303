import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./utils/nonce";

/**
 * What a signed-in person is sent is theirs: no shared cache (a proxy, a CDN)
 * may keep it and hand it to someone else. Pages that say otherwise keep
 * their own Cache-Control.
 */
function keepPrivate(headers: Headers, loadContext: AppLoadContext | undefined) {
  if (loadContext?.user && !headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-cache");
}

export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  keepPrivate(response.headers, context);
  return response;
}

/**
 * Pages are rendered to one string, not streamed. No route defers data, so
 * streaming gained nothing, and React 18's Node stream writer corrupts a
 * multi-byte character that straddles its internal chunk boundary (it writes
 * uninitialised bytes, NULs included; fixed upstream only in React 19). A
 * whole string is also what the page cache and compression need.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.nonce ?? "";
  keepPrivate(responseHeaders, loadContext);
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Bytes, not a string: a Response made from a string is scanned and encoded again when read.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A refusal (400, 404, 405...) is an answer, not an error: logging each one
  // would let anyone flood the log with mangled requests.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
