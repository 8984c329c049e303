// A real OpenID provider (the oidc-provider package) running in the test's own
// process on a free loopback port, so single sign-on is tested against the
// protocol as a provider speaks it, not a mock. Its sign-in page is one small
// form ("Account", "Sign in") that logs in and grants consent at once, so a
// browser, or `signInAtProvider` below with fetch, gets through it in one step.
//
// For the refusal tests it can rotate its signing key (same key id, other key:
// a client holding the old key sees a bad signature), and re-sign the ID token
// of its next answers with changed claims (another audience, issuer or nonce)
// using its real key, so only the claim is wrong.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type TestAccount = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
};

export type TestClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type IdTokenClaims = Record<string, unknown>;

export type TestOidcProvider = {
  /** http://127.0.0.1:<port>: allowed by Entraide because the host is loopback. */
  issuer: string;
  /** The accounts one may sign in as, by `sub`. */
  accounts: Map<string, TestAccount>;
  addAccount(account: TestAccount): void;
  /** Registers a client (a relying party); the provider is rebuilt on its next request. */
  addClient(client: TestClient): void;
  /** A new signing key under the same key id: ID tokens signed from now on fail against a cached key. */
  rotateKeys(): void;
  /** When set, each ID token issued is re-signed (with the real key) after this changes its claims. */
  tamperIdToken: ((claims: IdTokenClaims) => IdTokenClaims) | null;
  stop(): Promise<void>;
};

const KEY_ID = "entraide-test-key";

function newSigningKey() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, jwk: { ...privateKey.export({ format: "jwk" }), kid: KEY_ID, alg: "RS256", use: "sig" } };
}

function base64url(value: string | Buffer) {
  return Buffer.from(value).toString("base64url");
}

/** A JWT with these claims, signed RS256 with `key` under our key id. */
function signJwt(claims: IdTokenClaims, key: KeyObject): string {
  const input = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: KEY_ID }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign("sha256", Buffer.from(input), key))}`;
}

function claimsOf(jwt: string): IdTokenClaims {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as IdTokenClaims;
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startOidcProvider(options: { accounts?: TestAccount[]; clients?: TestClient[] } = {}): Promise<TestOidcProvider> {
  const accounts = new Map((options.accounts ?? []).map((a) => [a.sub, a]));
  const clients: TestClient[] = [...(options.clients ?? [])];
  let key = newSigningKey();
  let provider: Provider | null = null;
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let issuer = "";

  const op: TestOidcProvider = {
    get issuer() {
      return issuer;
    },
    accounts,
    addAccount(account) {
      accounts.set(account.sub, account);
    },
    addClient(client) {
      clients.push(client);
      provider = null;
    },
    rotateKeys() {
      key = newSigningKey();
      provider = null;
    },
    tamperIdToken: null,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  function build(): Provider {
    const built = new Provider(issuer, {
      clients: clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: c.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      })),
      jwks: { keys: [key.jwk] },
      async findAccount(_ctx: unknown, sub: string) {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return { accountId: sub, claims: async () => ({ ...account }) };
      },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      cookies: { keys: ["entraide-tests-only-cookie-key"] },
      pkce: { required: () => true },
      // Lifetimes said outright, so the provider does not print a notice for each.
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    });
    const signingKey = key.privateKey;
    built.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | null;
      if (op.tamperIdToken && ctx.path === "/token" && body && typeof body.id_token === "string") {
        body.id_token = signJwt(op.tamperIdToken(claimsOf(body.id_token)), signingKey);
      }
    });
    return built;
  }

  /** The sign-in page: one account field, and signing in grants what the client asked for. */
  async function interaction(req: IncomingMessage, res: ServerResponse, current: Provider) {
    const details = await current.interactionDetails(req, res);
    if (req.method === "GET") {
      const first = [...accounts.keys()][0] ?? "";
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test Identity</title></head><body>` +
          `<h1>Sign in to Test Identity</h1><form method="post" action="/interaction/${escapeHtml(details.uid)}">` +
          `<label for="account">Account</label> <input id="account" name="account" value="${escapeHtml(first)}"> ` +
          `<button type="submit">Sign in</button></form></body></html>`,
      );
      return;
    }
    const accountId = (await readBody(req)).get("account") ?? "";
    if (!accounts.has(accountId)) {
      await current.interactionFinished(req, res, { error: "access_denied", error_description: "No such account" }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new current.Grant({ accountId, clientId: details.params.client_id! });
    grant.addOIDCScope(details.params.scope ?? "openid");
    const grantId = await grant.save();
    await current.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  const server: Server = createServer((req, res) => {
    if (!provider) {
      provider = build();
      handle = provider.callback();
    }
    const current = provider;
    if (req.url?.startsWith("/interaction/")) {
      interaction(req, res, current).catch((error: Error) => {
        res.writeHead(400, { "Content-Type": "text/plain" });
        res.end(error.message);
      });
      return;
    }
    handle!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return op;
}

/** Cookies per origin, as a browser keeps them for the provider's pages. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * Follows the provider's pages from the authorization address (where
 * Entraide sent the browser) as a browser would, signs in as `account`, and
 * returns the address the provider sends the browser back to (Entraide's
 * callback, with its code and state).
 */
export async function signInAtProvider(authorizationUrl: string, account: string): Promise<URL> {
  const jar = new CookieJar();
  const start = new URL(authorizationUrl);
  let url = start;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: { Cookie: jar.header(), ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    });
    jar.store(response);
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      // Back at the relying party: that is what the caller sends on.
      if (next.origin !== start.origin) return next;
      url = next;
      method = "GET";
      body = undefined;
      continue;
    }
    const text = await response.text();
    if (response.status === 200 && text.includes('name="account"')) {
      method = "POST";
      body = new URLSearchParams({ account }).toString();
      continue;
    }
    throw new Error(`The provider answered ${response.status} at ${url}: ${text.slice(0, 300)}`);
  }
  throw new Error("The provider never sent the browser back");
}
