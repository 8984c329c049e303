// Single sign-on with OpenID Connect: the providers (admins' rows and
// OIDC_<SLUG>_* environment variables), the authorization code flow (PKCE,
// state, nonce, the ID token's signature and claims — all checked by
// openid-client), and what a verified identity leads to: a sign-in, a link to
// the signed-in account, or the welcome page that creates an account.
//
// What travels between the steps is kept in two signed, httpOnly, SameSite=Lax
// cookies (the sign-in under way, then the claims awaiting a username), never
// in a form field the browser could rewrite.
import { liveAccounts } from "../visibility.server";
import { createCookie } from "@remix-run/node";
import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import * as oidc from "openid-client";
import { z } from "zod";
import type { Db } from "../../../db/client";
import type { Role } from "../../../db/enums";
import { oidcProviders, userIdentities, users } from "../../../db/schema";
import { safeRedirect } from "../../auth/current-user.server";
import type { CurrentUser } from "../../auth/session.server";
import { readConfig } from "../../config.server";
import { DISPLAY_NAME_MAX, email as emailSchema, USERNAME_MAX, USERNAME_MIN } from "../../forms/account";
import { callbackUrl, issuerProblem, providerSlug, SSO_MESSAGES, type SsoMessageCode } from "../../forms/sso";
import type { Actor } from "../../policy";
import { assertCan } from "../../policy.server";
import { refusedWith } from "../../i18n/message";
import { DEFAULT_LANGUAGE, type Language } from "../../i18n/languages";
import { sayIn, wordsFor } from "./account-words.server";
import { recordAudit } from "../moderation/audit.server";
import { appSecret } from "../site/app-secret.server";
import { getAccountRules, updateAccountRules, type AccountRules } from "./account-rules.server";
import { checkThrottle, recordFailure } from "./throttle.server";
import { findUserByUsername, getUserById, registerUser, type Result } from "./user.server";

type Env = Record<string, string | undefined>;

export type SignInProvider = {
  /** Null for a provider from the environment. */
  id: number | null;
  slug: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  enabled: boolean;
  fromEnvironment: boolean;
};

/** A provider as the pages may see it: never its secret. */
export type ProviderSummary = Omit<SignInProvider, "clientSecret">;

// ---------------------------------------------------------------------------
// Providers

// OIDC_<SLUG>_<FIELD>; the shortest slug that leaves a known field wins.
const ENV_KEY = /^OIDC_([A-Z0-9_]+?)_(ISSUER|CLIENT_ID|CLIENT_SECRET|LABEL)$/;
const warned = new Set<string>();

/** Whether this warning is new (each is logged once per process). */
function firstWarning(key: string): boolean {
  if (warned.has(key)) return false;
  warned.add(key);
  return true;
}

function defaultLabel(slug: string) {
  return slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, " ");
}

/** The providers set with OIDC_<SLUG>_ISSUER, _CLIENT_ID, _CLIENT_SECRET and (optional) _LABEL: always enabled. */
export function environmentProviders(env: Env = process.env): SignInProvider[] {
  const found = new Map<string, Partial<Record<string, string>>>();
  for (const [name, value] of Object.entries(env)) {
    const match = ENV_KEY.exec(name);
    if (!match || !value?.trim()) continue;
    const slug = match[1]!.toLowerCase().replace(/_/g, "-");
    found.set(slug, { ...found.get(slug), [match[2]!]: value.trim() });
  }
  const providers: SignInProvider[] = [];
  for (const [slug, fields] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    const { ISSUER: issuer, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret, LABEL: label } = fields;
    const problem = !providerSlug.safeParse(slug).success
      ? `its name "${slug}" is not a valid slug`
      : !issuer || !clientId || !clientSecret
        ? "ISSUER, CLIENT_ID and CLIENT_SECRET are all needed"
        : // The warning is for whoever runs the server: in English, like the rest of the log.
          (() => {
            const key = issuerProblem(issuer);
            return key ? sayIn("en", key) : null;
          })();
    if (problem) {
      const variable = `OIDC_${slug.toUpperCase().replace(/-/g, "_")}_*`;
      if (firstWarning(`${variable} ${problem}`)) console.warn(`Single sign-on: the provider ${variable} is ignored: ${problem}`);
      continue;
    }
    providers.push({ id: null, slug, label: label || defaultLabel(slug), issuer: issuer!, clientId: clientId!, clientSecret: clientSecret!, enabled: true, fromEnvironment: true });
  }
  return providers;
}

/** Every provider: the environment's first, then the admins' (one with an environment provider's slug is hidden by it). */
export function listProviders(db: Db, env: Env = process.env): SignInProvider[] {
  const fromEnv = environmentProviders(env);
  const taken = new Set(fromEnv.map((p) => p.slug));
  const rows = db.select().from(oidcProviders).orderBy(asc(oidcProviders.label), asc(oidcProviders.id)).all();
  return [
    ...fromEnv,
    ...rows
      .filter((row) => !taken.has(row.slug))
      .map((row) => ({ id: row.id, slug: row.slug, label: row.label, issuer: row.issuer, clientId: row.clientId, clientSecret: row.clientSecret, enabled: row.enabled, fromEnvironment: false })),
  ];
}

/** The buttons: each enabled provider's slug and label. */
export function enabledProviders(db: Db, env: Env = process.env): { slug: string; label: string }[] {
  return listProviders(db, env)
    .filter((p) => p.enabled)
    .map(({ slug, label }) => ({ slug, label }));
}

export function findEnabledProvider(db: Db, slug: string, env: Env = process.env): SignInProvider | null {
  return listProviders(db, env).find((p) => p.slug === slug && p.enabled) ?? null;
}

// ---------------------------------------------------------------------------
// Discovery, cached per provider for a few minutes

const DISCOVERY_TTL_MS = 5 * 60_000;
const discovered = new Map<string, { config: Promise<oidc.Configuration>; expiresAt: number }>();

function isLoopback(issuer: URL) {
  return ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

function discover(provider: Pick<SignInProvider, "issuer" | "clientId" | "clientSecret">): Promise<oidc.Configuration> {
  const issuer = new URL(provider.issuer);
  // Plain http only for a provider on this machine (tests, development); the
  // ID token's signature is always checked, not only the TLS channel.
  const execute = [oidc.enableNonRepudiationChecks];
  if (issuer.protocol === "http:" && isLoopback(issuer)) execute.push(oidc.allowInsecureRequests);
  return oidc.discovery(issuer, provider.clientId, { client_secret: provider.clientSecret }, oidc.ClientSecretBasic(provider.clientSecret), { execute, timeout: 10 });
}

/** The provider's discovered configuration, from the cache when it is fresh. */
export function configurationFor(provider: SignInProvider, now = Date.now()): Promise<oidc.Configuration> {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);
  const cached = discovered.get(key);
  if (cached && cached.expiresAt > now) return cached.config;
  const config = discover(provider);
  discovered.set(key, { config, expiresAt: now + DISCOVERY_TTL_MS });
  // A failure is not kept: the next sign-in asks again.
  config.catch(() => discovered.delete(key));
  return config;
}

/** Forgets every discovered configuration (after a provider is edited; tests). */
export function forgetDiscovery() {
  discovered.clear();
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The provider's own error code (invalid_grant, access_denied…) says the most.
  const said = error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError ? `: ${error.error} ${error.error_description ?? ""}`.trimEnd() : "";
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${said}${cause}`.slice(0, 300);
}

/**
 * Null when the provider's discovery document can be read and names this
 * issuer; else what went wrong, in the admin's words (the provider's own
 * error text is kept as it came).
 */
async function discoveryProblem(input: Pick<SignInProvider, "issuer" | "clientId" | "clientSecret">, language: Language): Promise<string | null> {
  try {
    const config = await discover(input);
    const metadata = config.serverMetadata();
    if (!metadata.authorization_endpoint || !metadata.token_endpoint) return sayIn(language, "accountsServer.sso.admin.noEndpoints");
    return null;
  } catch (error) {
    const where = `${input.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    return sayIn(language, "accountsServer.sso.admin.discoveryFailed", { where, error: describeError(error) });
  }
}

function actorLanguage(actor: Actor): Language {
  return actor?.language ?? DEFAULT_LANGUAGE;
}

// ---------------------------------------------------------------------------
// The admins' page (admins only, every change audit-logged)

export function signInAdminPage(db: Db, actor: Actor, env: Env = process.env) {
  assertCan(actor, "admin.settings");
  const linked = new Map(
    db
      .select({ provider: userIdentities.provider, n: count() })
      .from(userIdentities)
      .groupBy(userIdentities.provider)
      .all()
      .map((row) => [row.provider, row.n]),
  );
  const providers = listProviders(db, env).map(({ clientSecret: _secret, ...provider }) => ({ ...provider, linkedAccounts: linked.get(provider.slug) ?? 0 }));
  return { providers, rules: getAccountRules(db) };
}

export type ProviderInput = { slug: string; label: string; issuer: string; clientId: string; clientSecret: string };

function providerRow(db: Db, id: number) {
  const row = db.select().from(oidcProviders).where(eq(oidcProviders.id, id)).get();
  if (!row) throw refusedWith(404, "accountsServer.sso.noSuchProvider");
  return row;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Error && error.message.includes("UNIQUE");
}

/** Adds a provider once its discovery document has been read. */
export async function addProvider(db: Db, actor: Actor, input: ProviderInput, env: Env = process.env): Promise<Result<{ id: number }>> {
  assertCan(actor, "admin.settings");
  const t = wordsFor(actor);
  if (environmentProviders(env).some((p) => p.slug === input.slug)) {
    return { ok: false, errors: { slug: t("accountsServer.sso.admin.slugInEnvironment") } };
  }
  if (db.select({ id: oidcProviders.id }).from(oidcProviders).where(eq(oidcProviders.slug, input.slug)).get()) {
    return { ok: false, errors: { slug: t("accountsServer.sso.admin.slugTaken") } };
  }
  const problem = await discoveryProblem(input, actorLanguage(actor));
  if (problem) return { ok: false, errors: { issuer: problem } };
  try {
    const id = db.transaction((tx) => {
      const row = tx.insert(oidcProviders).values({ ...input, enabled: true }).returning({ id: oidcProviders.id }).get();
      recordAudit(tx, {
        actorId: actor!.id,
        action: "sso.provider_add",
        targetType: "sign_in_provider",
        targetId: row.id,
        details: { slug: input.slug, label: input.label, issuer: input.issuer, clientId: input.clientId },
      });
      return row.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { slug: t("accountsServer.sso.admin.slugTaken") } };
    throw error;
  }
}

/** Changes a provider's label, issuer, client id and (when one is given) secret; its slug stays. */
export async function editProvider(
  db: Db,
  actor: Actor,
  input: { id: number; label: string; issuer: string; clientId: string; clientSecret: string },
): Promise<Result<object>> {
  assertCan(actor, "admin.settings");
  const row = providerRow(db, input.id);
  const clientSecret = input.clientSecret || row.clientSecret;
  const problem = await discoveryProblem({ issuer: input.issuer, clientId: input.clientId, clientSecret }, actorLanguage(actor));
  if (problem) return { ok: false, errors: { issuer: problem } };
  db.transaction((tx) => {
    tx.update(oidcProviders).set({ label: input.label, issuer: input.issuer, clientId: input.clientId, clientSecret }).where(eq(oidcProviders.id, row.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "sso.provider_edit",
      targetType: "sign_in_provider",
      targetId: row.id,
      details: {
        slug: row.slug,
        before: { label: row.label, issuer: row.issuer, clientId: row.clientId },
        after: { label: input.label, issuer: input.issuer, clientId: input.clientId },
        secretChanged: clientSecret !== row.clientSecret,
      },
    });
  });
  forgetDiscovery();
  return { ok: true };
}

const LAST_PROVIDER = "accountsServer.sso.admin.lastProvider";

function enabledCount(db: Db, env: Env) {
  return listProviders(db, env).filter((p) => p.enabled).length;
}

/** Turns a provider on or off. The last one stays on while members may not use passwords. */
export function setProviderEnabled(db: Db, actor: Actor, input: { id: number; enabled: boolean }, env: Env = process.env): Result<{ label: string }> {
  assertCan(actor, "admin.settings");
  const row = providerRow(db, input.id);
  if (row.enabled === input.enabled) return { ok: true, label: row.label };
  if (!input.enabled && !getAccountRules(db).memberPasswords && enabledCount(db, env) <= 1) return { ok: false, errors: { form: wordsFor(actor)(LAST_PROVIDER) } };
  db.transaction((tx) => {
    tx.update(oidcProviders).set({ enabled: input.enabled }).where(eq(oidcProviders.id, row.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "sso.provider_edit",
      targetType: "sign_in_provider",
      targetId: row.id,
      details: { slug: row.slug, enabled: { from: row.enabled, to: input.enabled } },
    });
  });
  return { ok: true, label: row.label };
}

/**
 * Removes a provider. The accounts linked through it keep their rows, so a
 * provider added again under the same slug finds them.
 */
export function removeProvider(db: Db, actor: Actor, input: { id: number }, env: Env = process.env): Result<{ label: string }> {
  assertCan(actor, "admin.settings");
  const row = providerRow(db, input.id);
  if (row.enabled && !getAccountRules(db).memberPasswords && enabledCount(db, env) <= 1) return { ok: false, errors: { form: wordsFor(actor)(LAST_PROVIDER) } };
  db.transaction((tx) => {
    tx.delete(oidcProviders).where(eq(oidcProviders.id, row.id)).run();
    recordAudit(tx, {
      actorId: actor!.id,
      action: "sso.provider_remove",
      targetType: "sign_in_provider",
      targetId: row.id,
      details: { slug: row.slug, label: row.label, issuer: row.issuer, clientId: row.clientId },
    });
  });
  return { ok: true, label: row.label };
}

/** The two sign-in rules. Members' passwords may be turned off only while a provider is on. */
export function saveSignInRules(
  db: Db,
  actor: Actor,
  input: Pick<AccountRules, "memberPasswords" | "requireStaffTwoFactor">,
  env: Env = process.env,
): Result<object> {
  assertCan(actor, "admin.settings");
  if (!input.memberPasswords && enabledCount(db, env) === 0) {
    return { ok: false, errors: { memberPasswords: wordsFor(actor)("accountsServer.sso.admin.providerFirst") } };
  }
  updateAccountRules(db, actor, { memberPasswords: input.memberPasswords, requireStaffTwoFactor: input.requireStaffTwoFactor });
  return { ok: true };
}

// ---------------------------------------------------------------------------
// The two cookies

/** The sign-in under way, from the start to the callback. */
const TRANSACTION_MS = 10 * 60_000;
/** The provider's claims, from the callback to the welcome page's account. */
const WELCOME_MS = 15 * 60_000;

function signedCookie(db: Db, name: string, maxAgeMs: number) {
  return createCookie(name, {
    secrets: [appSecret(db)],
    httpOnly: true,
    sameSite: "lax",
    path: "/auth",
    maxAge: maxAgeMs / 1000,
  });
}

const transactionSchema = z.object({
  /** The provider's slug. */
  p: z.string(),
  s: z.string(),
  n: z.string(),
  /** The PKCE code verifier. */
  c: z.string(),
  /** Where to go afterwards (a local path, or "" for the default). */
  r: z.string(),
  /** The signed-in account this sign-in links to, or null for a visitor. */
  l: z.number().int().nullable(),
  /** Expires at (ms): the cookie's own Max-Age is only the browser's word. */
  x: z.number(),
});
type Transaction = z.infer<typeof transactionSchema>;

const welcomeSchema = z.object({
  p: z.string(),
  /** The provider's `sub`. */
  s: z.string(),
  /** The address the provider gave ("" for none) and whether it said it was verified. */
  e: z.string(),
  v: z.boolean(),
  n: z.string(),
  u: z.string(),
  r: z.string(),
  x: z.number(),
});
export type PendingWelcome = z.infer<typeof welcomeSchema>;

const TRANSACTION_COOKIE = "entraide_sso";
const WELCOME_COOKIE = "entraide_sso_welcome";

async function readSigned<T>(db: Db, name: string, schema: z.ZodType<T>, cookieHeader: string | null, now: number): Promise<T | null> {
  if (!cookieHeader?.includes(`${name}=`)) return null;
  let value: unknown;
  try {
    value = await signedCookie(db, name, 0).parse(cookieHeader);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return null;
  return (parsed.data as { x: number }).x > now ? parsed.data : null;
}

function clearCookie(db: Db, name: string, secure: boolean) {
  return signedCookie(db, name, 0).serialize("", { maxAge: 0, expires: new Date(0), secure });
}

export function readPendingWelcome(db: Db, cookieHeader: string | null, now = Date.now()) {
  return readSigned(db, WELCOME_COOKIE, welcomeSchema, cookieHeader, now);
}

export function clearPendingWelcome(db: Db, secure: boolean) {
  return clearCookie(db, WELCOME_COOKIE, secure);
}

// ---------------------------------------------------------------------------
// The flow

/** The site's origin for the callback address: PUBLIC_URL, else the request's own. */
export function siteOrigin(request: Request, env: Env = process.env): string {
  const { PUBLIC_URL } = readConfig(env);
  return PUBLIC_URL ? new URL(PUBLIC_URL).origin : new URL(request.url).origin;
}

export type BeginResult =
  | { kind: "redirect"; location: string; cookie: string }
  | { kind: "unknown" }
  | { kind: "unavailable"; location: string };

/**
 * Starts a sign-in with a provider: a fresh state, nonce and PKCE verifier,
 * kept in the signed cookie, and the provider's address to send the browser
 * to. A signed-in person starts a link to their account instead (or, when
 * the identity is already theirs, a fresh sign-in: re-authentication).
 */
export async function beginSignIn(
  db: Db,
  input: { slug: string; redirectTo: FormDataEntryValue | string | null; viewer: { id: number } | null; origin: string; secure: boolean },
  env: Env = process.env,
): Promise<BeginResult> {
  const provider = findEnabledProvider(db, input.slug, env);
  if (!provider) return { kind: "unknown" };
  let config: oidc.Configuration;
  try {
    config = await configurationFor(provider);
  } catch (error) {
    console.error(`Single sign-on: ${provider.slug} (${provider.issuer}) could not be discovered: ${describeError(error)}`);
    return { kind: "unavailable", location: `${input.viewer ? "/settings/connections" : "/login"}?sso=unavailable` };
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const transaction: Transaction = {
    p: provider.slug,
    s: oidc.randomState(),
    n: oidc.randomNonce(),
    c: verifier,
    r: safeRedirect(input.redirectTo, ""),
    l: input.viewer?.id ?? null,
    x: Date.now() + TRANSACTION_MS,
  };
  const location = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(input.origin, provider.slug),
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: transaction.s,
    nonce: transaction.n,
  });
  const cookie = await signedCookie(db, TRANSACTION_COOKIE, TRANSACTION_MS).serialize(transaction, { secure: input.secure });
  return { kind: "redirect", location: location.href, cookie };
}

/** What the provider says about the person, read from the verified ID token and UserInfo. */
export type ProviderClaims = { sub: string; email: string; emailVerified: boolean; preferredUsername: string; name: string };

function readClaims(raw: Record<string, unknown>): ProviderClaims {
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const address = text(raw.email).toLowerCase();
  const email = emailSchema.safeParse(address).success ? address : "";
  return {
    sub: String(raw.sub),
    email,
    // Only the provider's own word, and only a real `true`.
    emailVerified: !!email && raw.email_verified === true,
    preferredUsername: text(raw.preferred_username),
    name: text(raw.name),
  };
}

function usernameFrom(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, USERNAME_MAX);
}

/** A free username from the claims: preferred_username, else the email's local part, else the name. */
export function proposeUsername(db: Db, claims: Pick<ProviderClaims, "preferredUsername" | "email" | "name">): string {
  const base = [claims.preferredUsername, claims.email.split("@")[0] ?? "", claims.name].map(usernameFrom).find((name) => name.length >= USERNAME_MIN) ?? "member";
  for (let n = 1; n < 100; n++) {
    const suffix = n === 1 ? "" : String(n);
    const candidate = `${base.slice(0, USERNAME_MAX - suffix.length)}${suffix}`;
    if (!findUserByUsername(db, candidate)) return candidate;
  }
  return base;
}

function findIdentity(db: Db, provider: string, subject: string) {
  return db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)))
    .get();
}

/** The live account whose confirmed address is this one. */
function verifiedAccountWithEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNotNull(users.emailVerifiedAt), liveAccounts()))
    .get();
}

function linkIdentity(db: Db, userId: number, provider: string, claims: ProviderClaims) {
  db.insert(userIdentities).values({ userId, provider, subject: claims.sub, email: claims.email }).onConflictDoNothing().run();
  // Two callbacks racing for one identity: whoever was first keeps it.
  return findIdentity(db, provider, claims.sub)!.userId === userId;
}

/** Who a refusal is recorded under: the signed-in person, else the first admin (the audit log needs an actor). */
function refusalActorId(db: Db, viewerId: number | null): number | null {
  if (viewerId) return viewerId;
  return (
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), liveAccounts()))
      .orderBy(asc(users.id))
      .get()?.id ?? null
  );
}

export type CallbackResult = { cookies: string[] } & (
  | { kind: "sign-in"; user: { id: number; role: Role }; redirectTo: string }
  | { kind: "linked" | "welcome" | "refused"; location: string }
  | { kind: "unknown" }
);

/** An error that says the provider's answer failed a check (rather than the provider not answering). */
function isProtocolError(error: unknown) {
  return error instanceof oidc.ClientError || error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError;
}

/**
 * The provider's answer: the state, the PKCE verifier, the ID token's
 * signature, issuer, audience, nonce and times are checked by openid-client;
 * whatever fails is refused, recorded in the audit log ('sso.refused') and
 * signs nobody in.
 */
export async function finishSignIn(
  db: Db,
  input: { slug: string; url: URL; cookieHeader: string | null; origin: string; viewer: CurrentUser | null; address: string; secure: boolean },
  env: Env = process.env,
): Promise<CallbackResult> {
  const cookies = [await clearCookie(db, TRANSACTION_COOKIE, input.secure)];
  const provider = findEnabledProvider(db, input.slug, env);
  if (!provider) return { kind: "unknown", cookies };
  const transaction = await readSigned(db, TRANSACTION_COOKIE, transactionSchema, input.cookieHeader, Date.now());
  const linking = transaction?.l ?? null;
  const back = (code: SsoMessageCode) => `${linking || input.viewer ? "/settings/connections" : "/login"}?sso=${code}`;
  const go = (kind: "linked" | "welcome" | "refused", location: string): CallbackResult => ({ kind, location, cookies });

  const throttleKeys = [`sso:${input.address}`];
  if (!checkThrottle(db, throttleKeys).allowed) return go("refused", back("throttled"));
  const refuse = (reason: string, code: SsoMessageCode = "refused") => {
    const actorId = refusalActorId(db, input.viewer?.id ?? null);
    if (actorId) {
      recordAudit(db, {
        actorId,
        action: "sso.refused",
        targetType: "sign_in_provider",
        targetId: provider.id,
        details: { slug: provider.slug, reason, address: input.address, signedIn: !!input.viewer },
      });
    }
    recordFailure(db, throttleKeys);
    return go("refused", back(code));
  };

  if (!transaction) return refuse("no sign-in under way here: its cookie is missing, altered or expired");
  if (transaction.p !== provider.slug) return refuse(`the sign-in was started with another provider (${transaction.p})`);
  if (linking !== null && input.viewer?.id !== linking) return refuse("the signed-in account changed during the sign-in");

  let config: oidc.Configuration;
  try {
    config = await configurationFor(provider);
  } catch (error) {
    console.error(`Single sign-on: ${provider.slug} (${provider.issuer}) could not be discovered: ${describeError(error)}`);
    return go("refused", back("unavailable"));
  }

  // The callback address as registered (PUBLIC_URL behind a proxy), with what the provider sent.
  const current = new URL(callbackUrl(input.origin, provider.slug));
  current.search = input.url.search;
  let claims: ProviderClaims;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      expectedState: transaction.s,
      expectedNonce: transaction.n,
      pkceCodeVerifier: transaction.c,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    let raw: Record<string, unknown> = { ...idToken };
    // Many providers put the profile in UserInfo only; its `sub` must be the ID token's.
    if ((!raw.email || !raw.preferred_username || !raw.name) && config.serverMetadata().userinfo_endpoint) {
      raw = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
    }
    claims = readClaims(raw);
  } catch (error) {
    if (error instanceof oidc.AuthorizationResponseError && error.error === "access_denied") return go("refused", back("cancelled"));
    if (!isProtocolError(error)) {
      console.error(`Single sign-on: ${provider.slug} did not answer: ${describeError(error)}`);
      return go("refused", back("unavailable"));
    }
    return refuse(describeError(error));
  }

  const identity = findIdentity(db, provider.slug, claims.sub);
  const redirectTo = transaction.r;

  if (linking !== null) {
    const viewer = input.viewer!;
    // Already theirs: a fresh sign-in (re-authentication before a sensitive step).
    if (identity?.userId === viewer.id) return { kind: "sign-in", user: viewer, redirectTo: redirectTo || "/settings/connections", cookies };
    if (identity) return refuse(`the identity ${claims.sub} is linked to another account`, "taken");
    if (!linkIdentity(db, viewer.id, provider.slug, claims)) return refuse(`the identity ${claims.sub} is linked to another account`, "taken");
    return go("linked", redirectTo || `/settings/connections?linked=${encodeURIComponent(provider.slug)}`);
  }

  if (identity) {
    const user = getUserById(db, identity.userId);
    if (!user || user.deletedAt) return go("refused", back("deleted"));
    return { kind: "sign-in", user, redirectTo, cookies };
  }

  // Someone we know by an address both sides have confirmed: the same person.
  if (claims.emailVerified) {
    const user = verifiedAccountWithEmail(db, claims.email);
    if (user && linkIdentity(db, user.id, provider.slug, claims)) return { kind: "sign-in", user, redirectTo, cookies };
  }

  const pending: PendingWelcome = {
    p: provider.slug,
    s: claims.sub,
    e: claims.email,
    v: claims.emailVerified,
    n: claims.name,
    u: proposeUsername(db, claims),
    r: redirectTo,
    x: Date.now() + WELCOME_MS,
  };
  cookies.push(await signedCookie(db, WELCOME_COOKIE, WELCOME_MS).serialize(pending, { secure: input.secure }));
  return go("welcome", "/auth/welcome");
}

// ---------------------------------------------------------------------------
// The welcome page: a new account from a provider's identity

function accountWithEmail(db: Db, email: string) {
  return db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`).get();
}

function emailTakenMessage(language: Language, email: string, label: string) {
  return sayIn(language, "accountsServer.sso.welcome.emailTaken", { email, provider: label });
}

/** The welcome page's data; `language` is the page's (the person is not signed in yet). */
export function welcomePage(db: Db, pending: PendingWelcome, env: Env = process.env, language: Language = DEFAULT_LANGUAGE) {
  const provider = findEnabledProvider(db, pending.p, env);
  return {
    providerLabel: provider?.label ?? pending.p,
    closed: !provider,
    proposedUsername: pending.u,
    email: pending.e,
    emailVerified: pending.v,
    /** Without an address from the provider, the person gives one. */
    needsEmail: !pending.e,
    emailTaken: pending.e && accountWithEmail(db, pending.e) ? emailTakenMessage(language, pending.e, provider?.label ?? pending.p) : null,
  };
}

/**
 * Creates the account the welcome page asked for: no password, the address
 * confirmed only when the provider said `email_verified`, and the identity
 * linked to it. An address already used by another account is refused: that
 * person signs in there and links the provider.
 */
export async function createAccountFromWelcome(
  db: Db,
  pending: PendingWelcome,
  input: { username: string; email?: string; language?: Language },
  env: Env = process.env,
): Promise<Result<{ user: { id: number; role: Role } }>> {
  const language = input.language ?? DEFAULT_LANGUAGE;
  const provider = findEnabledProvider(db, pending.p, env);
  if (!provider) return { ok: false, errors: { form: sayIn(language, SSO_MESSAGES.closed) } };
  // Sent twice (a double click, or the cookie replayed): the first made the
  // account, and only a new sign-in at the provider signs in to it.
  const alreadyCreated = sayIn(language, "accountsServer.sso.welcome.alreadyCreated", { provider: provider.label });
  if (findIdentity(db, provider.slug, pending.s)) return { ok: false, errors: { form: alreadyCreated } };
  if (pending.e && accountWithEmail(db, pending.e)) return { ok: false, errors: { form: emailTakenMessage(language, pending.e, provider.label) } };
  const email = pending.e || input.email || "";
  const displayName = pending.n.slice(0, DISPLAY_NAME_MAX).trim() || input.username;
  const result = await registerUser(db, { username: input.username, email, displayName, emailVerified: !!pending.e && pending.v === true, language });
  if (!result.ok) return result;
  const user = result.user;
  try {
    db.insert(userIdentities).values({ userId: user.id, provider: provider.slug, subject: pending.s, email: pending.e }).run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The identity was linked meanwhile (the same form sent twice at once): the first account stays.
    db.delete(users).where(eq(users.id, user.id)).run();
    return { ok: false, errors: { form: alreadyCreated } };
  }
  return { ok: true, user };
}

// ---------------------------------------------------------------------------
// Settings → Sign-in connections

export function connectionsPage(db: Db, actor: CurrentUser, env: Env = process.env) {
  const providers = new Map(listProviders(db, env).map((p) => [p.slug, p]));
  const rows = db.select().from(userIdentities).where(eq(userIdentities.userId, actor.id)).orderBy(asc(userIdentities.createdAt), asc(userIdentities.id)).all();
  const passwordWorks = passwordSignInWorks(db, actor);
  const usable = rows.filter((row) => providers.get(row.provider)?.enabled);
  return {
    identities: rows.map((row) => {
      const provider = providers.get(row.provider);
      return {
        id: row.id,
        provider: row.provider,
        label: provider?.label ?? row.provider,
        enabled: !!provider?.enabled,
        email: row.email,
        createdAt: row.createdAt,
        // Never the last way in: a password that works, or another provider that is on.
        canUnlink: passwordWorks || usable.some((other) => other.id !== row.id),
      };
    }),
    linkable: [...providers.values()].filter((p) => p.enabled && !rows.some((row) => row.provider === p.slug)).map(({ slug, label }) => ({ slug, label })),
    passwordWorks,
  };
}

/** Whether this person can sign in with a password of ours: they have one, and members' passwords are allowed. */
function passwordSignInWorks(db: Db, actor: { id: number; role: Role }) {
  const user = getUserById(db, actor.id);
  return !!user?.passwordHash && (actor.role !== "member" || getAccountRules(db).memberPasswords);
}

const LAST_WAY_IN = "accountsServer.sso.lastWayIn";
/** The English words (tests compare with them). */
export const LAST_WAY_IN_MESSAGE = sayIn("en", LAST_WAY_IN);

export function unlinkIdentity(db: Db, actor: CurrentUser, input: { identityId: number }, env: Env = process.env): Result<{ label: string }> {
  const row = db
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.id, input.identityId), eq(userIdentities.userId, actor.id)))
    .get();
  // Someone else's identity reads as none at all.
  if (!row) throw refusedWith(404, "accountsServer.sso.noSuchConnection");
  const page = connectionsPage(db, actor, env);
  const shown = page.identities.find((identity) => identity.id === row.id)!;
  if (!shown.canUnlink) return { ok: false, errors: { form: wordsFor(actor)(LAST_WAY_IN) } };
  db.delete(userIdentities).where(eq(userIdentities.id, row.id)).run();
  return { ok: true, label: shown.label };
}
