// The HTTP layer around Remix: security headers, the same-origin check for
// every state-changing request, one bounded reader for every body, the
// anonymous page cache, compression, static files, view counts, and the
// per-request context (database, session, nonce) that loaders and actions
// receive. The pieces live in app/http/.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import fresh from "fresh";
import helmet from "helmet";
import { isbot } from "isbot";
import type { Db } from "../db/client";
import { readSession } from "./auth/session.server";
import { BodyError, hasBody, readBoundedBody } from "./http/body.server";
import { compress, isCompressible, preferredEncoding } from "./http/compression.server";
import { createPageCache, isCacheableRequest, isCacheableResponse, type CachedPage, type PageCacheOptions } from "./http/page-cache.server";
import { getRewardRules } from "./models/reputation/reward-rules.server";
import { getSiteSettings } from "./models/site/settings.server";
import { pageCacheKey, visitorLanguage } from "./http/language.server";
import { serverT } from "./i18n/i18n.server";
import type { Language } from "./i18n/languages";
import { createViewCounter, type ViewCounter } from "./models/forum/thread-views.server";
import { API_BASE, createApiHandler, MAX_API_BODY_BYTES } from "./api/handler.server";
import { problemResponse, problemTypeUri } from "./api/problem.server";
import type { RateLimitOptions } from "./api/rate-limit.server";

export { MAX_BODY_BYTES } from "./http/body.server";

export type HttpOptions = {
  db: Db;
  build: ServerBuild;
  /** Where the built assets and static files live. */
  publicDir: string;
  /** The site's public origin, e.g. https://community.example.com; optional. */
  publicUrl?: string;
  /** Express "trust proxy" setting, for X-Forwarded-* behind a proxy. */
  trustProxy?: string | boolean;
  /** The anonymous page cache's budget, or false to serve every page fresh. */
  pageCache?: PageCacheOptions | false;
  /** How long a CDN in front may keep a public page (s-maxage), in seconds. */
  cdnMaxAgeSeconds?: number;
  /** Counts thread views (one is made if not given; the caller stops it). */
  viewCounter?: ViewCounter;
  /** The API's rate limits (from the environment when not given). */
  apiRateLimits?: RateLimitOptions;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function ownOrigin(req: Request, publicUrl?: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${req.protocol}://${req.get("host")}`.toLowerCase();
}

/**
 * Refuses a state-changing request that a browser says came from another
 * site: the Origin header must be our own origin, or, where a browser sends
 * no Origin, Sec-Fetch-Site must say "same-origin". A request carrying
 * neither is refused too.
 */
export function isSameOriginRequest(
  method: string,
  headers: { origin?: string; secFetchSite?: string },
  expectedOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const { origin, secFetchSite } = headers;
  if (origin) return origin.toLowerCase() === expectedOrigin.toLowerCase();
  return secFetchSite === "same-origin";
}

/** What the edge itself refuses, before any page: its catalogue words under "edge". */
type EdgeRefusal = "crossSite" | "tooLarge" | "unreadable" | "notUnderstood" | "failed";

function refusalPage(language: Language, refusal: EdgeRefusal): string {
  const t = serverT(language);
  // The catalogue's own words: nothing a visitor sent goes into this page.
  const title = t(`edge.${refusal}.title`);
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><link rel="stylesheet" href="/styles/app.css"></head><body><main class="page-narrow refusal"><h1>${title}</h1><p>${t(`edge.${refusal}.text`)}</p><p><a href="/">${t("edge.back")}</a></p></main></body></html>`;
}

/** A thread page's id, when the path is one (not its data request: that is the same visit). */
const THREAD_PAGE = /^\/t\/(\d+)(?:\/[^/]*)?$/;

/** An address that may be a file of public/: its last segment has an extension. */
const STATIC_FILE = /\.[A-Za-z0-9]+$/;

export function createHttpApp(options: HttpOptions) {
  const { db, build, publicDir, publicUrl, trustProxy } = options;
  const app = express();
  app.disable("x-powered-by");
  if (trustProxy) app.set("trust proxy", trustProxy);
  const servedOverHttps = publicUrl?.startsWith("https://") ?? false;
  const pageCache = options.pageCache === false ? null : createPageCache(db, options.pageCache);
  const views = options.viewCounter ?? createViewCounter(db);
  const remix = createRequestHandler(build, build.mode);
  const siteDefaultLanguage = () => getSiteSettings(db).defaultLanguage;
  /** A refusal of the edge's own, in the visitor's language. */
  function refuse(req: IncomingMessage, res: Response, status: number, refusal: EdgeRefusal) {
    res.status(status).type("html").send(refusalPage(visitorLanguage(req.headers, siteDefaultLanguage), refusal));
  }
  const publicCacheControl = `public, max-age=0, must-revalidate, s-maxage=${options.cdnMaxAgeSeconds ?? 10}, stale-while-revalidate=30`;
  /** Renders under way for a cacheable page: a second visitor waits for the first render. */
  const rendering = new Map<string, Promise<CachedPage | null>>();

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "https:", "http:", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
      xFrameOptions: { action: "deny" },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      strictTransportSecurity: servedOverHttps ? { maxAge: 15552000 } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  // The API answers before the same-origin check: it reads no cookie, so a
  // request from another site can do nothing a token does not allow.
  const api = createApiHandler(db, { rateLimits: options.apiRateLimits });
  app.use(API_BASE, async (req: Request, res: Response) => {
    try {
      const body = hasBody(req) ? await readBoundedBody(req, MAX_API_BODY_BYTES) : undefined;
      const response = await api(toFetchRequest(req, res, SAFE_METHODS.has(req.method) ? undefined : body), {
        clientAddress: req.ip ?? "unknown",
        origin: ownOrigin(req, publicUrl),
      });
      await sendResponse(req, res, response);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const t = serverT(visitorLanguage(req.headers, siteDefaultLanguage));
      const type = error instanceof BodyError ? (error.status === 413 ? "too-large" : "bad-request") : "server-error";
      const detail = error instanceof BodyError ? (error.status === 413 ? t("api.errors.tooLarge", { max: MAX_API_BODY_BYTES }) : t("api.errors.unreadable")) : t("api.errors.failed");
      if (error instanceof BodyError) res.setHeader("Connection", "close");
      else console.error(error);
      const problem = { type: problemTypeUri(type), title: t(`api.problems.${type}.title`), status: error instanceof BodyError ? error.status : 500, detail };
      await sendResponse(req, res, problemResponse(problem));
    }
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const expected = ownOrigin(req, publicUrl);
    // One-click unsubscribe (RFC 8058) is posted by mail providers' servers, from
    // no origin of ours; it proves who it is for by the signed token in its
    // address, not by a cookie, so a cross-site request can do nothing more.
    const oneClickUnsubscribe = req.path === "/unsubscribe";
    // Remix refuses a post whose Origin is another site's; this one's origin means nothing.
    if (oneClickUnsubscribe) delete req.headers.origin;
    const allowed =
      oneClickUnsubscribe ||
      isSameOriginRequest(req.method, { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") }, expected);
    if (!allowed) {
      refuse(req, res, 403, "crossSite");
      return;
    }
    next();
  });

  // Built assets never change under a name (their names carry a hash); other static files may.
  const assets = express.Router();
  assets.use(compression());
  assets.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y" }));
  assets.use(express.static(publicDir, { maxAge: "1h" }));
  // Every file in public/ has an extension and no page's address ends with
  // one, so pages skip the assets' compression wrapper and file lookups.
  app.use((req, res, next) => (STATIC_FILE.test(req.path) ? assets(req, res, next) : next()));

  /**
   * The headers a cached page is sent with, made once from those of the
   * response that first sent it (the security headers included), with its
   * own validators and its inline scripts allowed by hash instead of a nonce.
   */
  function headersForCachedPage(res: Response, page: CachedPage): CachedHeaders {
    for (const [name, value] of page.headers) res.setHeader(name, value);
    const csp = res.getHeader("Content-Security-Policy");
    if (typeof csp === "string") res.setHeader("Content-Security-Policy", csp.replace(`'nonce-${res.locals.nonce}'`, page.scriptSources || "'self'"));
    res.setHeader("Cache-Control", publicCacheControl);
    // One copy per language: the switcher's cookie, else the browser's languages.
    res.setHeader("Vary", "Accept-Encoding, Accept-Language, Cookie");
    res.setHeader("ETag", page.etag);
    const headers: CachedHeaders = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value !== undefined && !VOLATILE_HEADERS.has(name)) headers[name] = value as string | string[];
    }
    return headers;
  }

  /** Sends a cached page: a 304 when the browser has it, else the body in the encoding it takes. */
  function sendCachedPage(req: IncomingMessage, res: ServerResponse, key: string, page: CachedPage, hit: boolean) {
    const headers: CachedHeaders = { ...page.sendHeaders!, "x-page-cache": hit ? "hit" : "miss" };
    if (fresh(req.headers, { etag: page.etag })) {
      res.writeHead(304, headers).end();
      return;
    }
    const encoding = preferredEncoding(req);
    const body = pageCache!.encodedBody(key, page, encoding);
    if (body !== page.body) headers["content-encoding"] = encoding;
    headers["content-length"] = String(body.length);
    res.writeHead(page.status, headers);
    if (req.method === "HEAD") res.end();
    else res.end(body);
  }

  /**
   * The way most visitors are answered: a page already in the cache, sent
   * before Express, helmet or Remix do any work (its headers were made when
   * it was first sent). Says whether it answered.
   */
  function answerFromCache(req: IncomingMessage, res: ServerResponse): boolean {
    if (!pageCache || !isCacheableRequest(req.method ?? "", req.headers.cookie)) return false;
    const key = pageCacheKey(visitorLanguage(req.headers, siteDefaultLanguage), req.url ?? "/");
    const page = pageCache.get(key);
    if (!page?.sendHeaders) return false;
    sendCachedPage(req, res, key, page, true);
    countView(req, page.status);
    return true;
  }

  async function sendResponse(req: Request, res: Response, response: globalThis.Response) {
    res.status(response.status);
    if (response.statusText) res.statusMessage = response.statusText;
    for (const [name, value] of response.headers) {
      if (name !== "set-cookie") res.setHeader(name, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader("Set-Cookie", cookies);
    if (!response.body || req.method === "HEAD") {
      res.end();
      return;
    }
    const type = response.headers.get("content-type");
    if (!isCompressible(type)) {
      await writeReadableStreamToWritable(response.body, res);
      return;
    }
    let body: Buffer = Buffer.from(await response.arrayBuffer());
    res.setHeader("Vary", appendVary(res.getHeader("Vary"), "Accept-Encoding"));
    const encoding = preferredEncoding(req);
    const compressed = compress(body, encoding, "each-time");
    if (compressed !== body) {
      body = compressed;
      res.setHeader("Content-Encoding", encoding);
    }
    res.setHeader("Content-Length", body.length);
    res.end(body);
  }

  function toFetchRequest(req: Request, res: Response, body: Buffer | undefined): globalThis.Request {
    const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      // A header the edge took out (the Origin of a one-click unsubscribe) stays out.
      if (req.headers[name.toLowerCase()] !== undefined) headers.append(name, req.rawHeaders[i + 1]!);
    }
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    return new globalThis.Request(url, { method: req.method, headers, body: body as BodyInit | undefined, signal: controller.signal });
  }

  async function render(req: Request, res: Response, body: Buffer | undefined) {
    const secureCookies = servedOverHttps || req.secure;
    const state = await readSession(db, req.headers.cookie, { secure: secureCookies });
    if (state.setCookie) res.append("Set-Cookie", state.setCookie);
    // A member's own choice first; then as for any visitor.
    const language = state.user?.chosenLanguage ?? visitorLanguage(req.headers, siteDefaultLanguage);
    return remix(toFetchRequest(req, res, body), {
      db,
      language,
      nonce: res.locals.nonce as string,
      clientAddress: req.ip ?? "unknown",
      // The privilege thresholds travel with the user, so the policy stays pure.
      user: state.user ? { ...state.user, language, privileges: getRewardRules(db).privileges } : null,
      sessionId: state.sessionId,
      secureCookies,
    });
  }

  /** Renders a cacheable page once, however many visitors ask for it at the same moment. */
  async function renderForCache(req: Request, res: Response, key: string): Promise<{ page: CachedPage | null; response: globalThis.Response | null }> {
    const pending = rendering.get(key);
    if (pending) {
      const page = await pending;
      if (page) return { page, response: null };
    }
    const version = pageCache!.currentVersion();
    let settle: (page: CachedPage | null) => void = () => {};
    rendering.set(key, new Promise((resolve) => (settle = resolve)));
    try {
      const response = await render(req, res, undefined);
      if (!isCacheableResponse(response) || res.getHeader("Set-Cookie")) {
        settle(null);
        return { page: null, response };
      }
      const page = pageCache!.store(
        key,
        version,
        { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) },
        res.locals.nonce as string,
      );
      settle(page);
      return { page, response: null };
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      rendering.delete(key);
    }
  }

  function countView(req: IncomingMessage, status: number) {
    if (req.method !== "GET" || status !== 200) return;
    const [path = "", query = ""] = (req.url ?? "").split("?", 2);
    const match = THREAD_PAGE.exec(path);
    if (!match || /(^|&)_data=/.test(query) || isbot(req.headers["user-agent"] ?? "")) return;
    // A reload after one of the page's own forms is not a new visit.
    const referer = req.headers.referer;
    if (referer) {
      try {
        if (new URL(referer, "http://x").pathname.startsWith(`/t/${match[1]}`)) return;
      } catch {
        // An unreadable Referer counts as an arrival.
      }
    }
    views.count(Number(match[1]));
  }

  app.all("*", async (req: Request, res: Response) => {
    try {
      if (pageCache && isCacheableRequest(req.method, req.headers.cookie)) {
        const key = pageCacheKey(visitorLanguage(req.headers, siteDefaultLanguage), req.originalUrl);
        const cached = pageCache.get(key);
        const { page, response } = cached ? { page: cached, response: null } : await renderForCache(req, res, key);
        if (page) {
          page.sendHeaders ??= headersForCachedPage(res, page);
          // Says where the page came from, for whoever measures (a CDN's own header has another name).
          sendCachedPage(req, res, key, page, !!cached);
          countView(req, page.status);
        } else {
          res.setHeader("X-Page-Cache", "miss");
          await sendResponse(req, res, response!);
          countView(req, response!.status);
        }
        return;
      }
      // A body is always read through the bounded reader (a GET's too, and dropped).
      const body = hasBody(req) ? await readBoundedBody(req) : undefined;
      const response = await render(req, res, SAFE_METHODS.has(req.method) ? undefined : body);
      await sendResponse(req, res, response);
      countView(req, response.status);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyError) {
        // The rest of an oversized body is not read: close the connection after answering.
        res.setHeader("Connection", "close");
        refuse(req, res, error.status, error.status === 413 ? "tooLarge" : "unreadable");
        return;
      }
      if (error instanceof TypeError && /URL|header/i.test(error.message)) {
        refuse(req, res, 400, "notUnderstood");
        return;
      }
      console.error(error);
      refuse(req, res, 500, "failed");
    }
  });

  /** The handler: the cache first, then Express. `listen` as Express's, for tests and the server. */
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!answerFromCache(req, res)) app(req, res);
  };
  const listen = ((...args: unknown[]) => {
    const server = createServer(handler);
    return (server.listen as (...a: unknown[]) => Server).apply(server, args);
  }) as Server["listen"];
  return Object.assign(handler, { listen });
}

type CachedHeaders = Record<string, string | string[]>;

/** Headers that belong to one response, never sent again with a cached page. */
const VOLATILE_HEADERS = new Set(["date", "connection", "keep-alive", "content-length", "content-encoding", "set-cookie", "x-page-cache", "transfer-encoding"]);

function appendVary(current: unknown, field: string): string {
  const fields = String(current ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  if (!fields.some((f) => f.toLowerCase() === field.toLowerCase())) fields.push(field);
  return fields.join(", ");
}
