// The HTTP layer around Remix: security headers, the same-origin check for
// every state-changing request, static files, and the per-request context
// (database, session, nonce) that loaders and actions receive.
import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Db } from "../db/client";
import { readSession } from "./auth/session.server";
import { getRewardRules } from "./models/reward-rules.server";

export type HttpOptions = {
  db: Db;
  build: ServerBuild;
  /** Where the built assets and static files live. */
  publicDir: string;
  /** The site's public origin, e.g. https://community.example.com; optional. */
  publicUrl?: string;
  /** Express "trust proxy" setting, for X-Forwarded-* behind a proxy. */
  trustProxy?: string | boolean;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_BODY_BYTES = 1024 * 1024;

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

function refusalPage(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><link rel="stylesheet" href="/styles/app.css"></head><body><main class="page-narrow refusal"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to the community</a></p></main></body></html>`;
}

export function createHttpApp(options: HttpOptions) {
  const { db, build, publicDir, publicUrl, trustProxy } = options;
  const app = express();
  app.disable("x-powered-by");
  if (trustProxy) app.set("trust proxy", trustProxy);
  const servedOverHttps = publicUrl?.startsWith("https://") ?? false;

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
      res
        .status(403)
        .type("html")
        .send(refusalPage("Request refused", "This form was sent from another site, so it was refused to protect your account."));
      return;
    }
    const length = Number(req.get("content-length") ?? 0);
    if (length > MAX_BODY_BYTES) {
      res.status(413).type("html").send(refusalPage("Too large", "What you sent is larger than this site accepts."));
      return;
    }
    next();
  });

  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: async (req, res) => {
        const secureCookies = servedOverHttps || req.secure;
        const state = await readSession(db, req.headers.cookie, { secure: secureCookies });
        if (state.setCookie) res.append("Set-Cookie", state.setCookie);
        return {
          db,
          nonce: res.locals.nonce as string,
          clientAddress: req.ip ?? "unknown",
          // The privilege thresholds travel with the user, so the policy stays pure.
          user: state.user ? { ...state.user, privileges: getRewardRules(db).privileges } : null,
          sessionId: state.sessionId,
          secureCookies,
        };
      },
    }),
  );

  return app;
}
