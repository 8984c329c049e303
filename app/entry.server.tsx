import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

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

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Bots and crawlers get the whole document at once; browsers get it as
  // soon as the shell is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = loadContext?.nonce ?? "";
  keepPrivate(responseHeaders, loadContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
