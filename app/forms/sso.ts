// Single sign-on's forms (the admins' providers and sign-in rules, the
// welcome page) and what the pages say when a sign-in with a provider did not
// go through. Shared by the pages and the server. Messages are catalogue keys
// (accountsServer.sso.*), put into words in the reader's language.
import { z } from "zod";
import { email, username } from "./account";

export const PROVIDER_LABEL_MAX = 40;

/** Slugs that would be taken for another page under /auth/. */
export const RESERVED_SLUGS = ["welcome"];

/** Loopback hosts, the only ones an http:// issuer may have (a provider on the same machine, in tests). */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Null when `value` may be an issuer: an https address (http only on loopback), no query, no fragment; else the problem's catalogue key. */
export function issuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "accountsServer.sso.issuer.invalid";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname))) {
    return "accountsServer.sso.issuer.https";
  }
  if (url.search || url.hash || url.username || url.password) return "accountsServer.sso.issuer.extra";
  return null;
}

/** Where a provider sends the browser back: the address to register at the provider. */
export function callbackUrl(origin: string, slug: string) {
  return `${origin}/auth/${slug}/callback`;
}

export const providerSlug = z
  .string({ required_error: "accountsServer.sso.slug.required" })
  .trim()
  .min(1, "accountsServer.sso.slug.required")
  .max(30, "accountsServer.sso.slug.long")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "accountsServer.sso.slug.characters")
  .refine((slug) => !RESERVED_SLUGS.includes(slug), "accountsServer.sso.slug.reserved");

const label = z
  .string({ required_error: "accountsServer.sso.label.required" })
  .trim()
  .min(1, "accountsServer.sso.label.required")
  .max(PROVIDER_LABEL_MAX, "accountsServer.sso.label.long");

const issuer = z
  .string({ required_error: "accountsServer.sso.issuer.required" })
  .trim()
  .min(1, "accountsServer.sso.issuer.required")
  .max(500, "accountsServer.sso.issuer.long")
  .superRefine((value, ctx) => {
    const problem = issuerProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const clientId = z
  .string({ required_error: "accountsServer.sso.clientId.required" })
  .trim()
  .min(1, "accountsServer.sso.clientId.required")
  .max(300, "accountsServer.sso.clientId.long");
const clientSecret = z.string().trim().max(500, "accountsServer.sso.clientSecret.long").default("");

export const providerAddSchema = z.object({
  slug: providerSlug,
  label,
  issuer,
  clientId,
  clientSecret: z
    .string({ required_error: "accountsServer.sso.clientSecret.required" })
    .trim()
    .min(1, "accountsServer.sso.clientSecret.required")
    .max(500, "accountsServer.sso.clientSecret.long"),
});

/** Editing keeps the slug (linked accounts are filed under it); an empty secret keeps the one saved. */
export const providerEditSchema = z.object({
  id: z.coerce.number().int().positive(),
  label,
  issuer,
  clientId,
  clientSecret,
});

export const providerIdSchema = z.object({ id: z.coerce.number().int().positive() });

const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

export const signInRulesSchema = z.object({
  memberPasswords: checkbox,
  requireStaffTwoFactor: checkbox,
});

export const welcomeSchema = z.object({ username });

/** When the provider gave no address, the person types one (it is not confirmed). */
export const welcomeWithEmailSchema = z.object({ username, email });

export const identityIdSchema = z.object({ identityId: z.coerce.number().int().positive() });

/**
 * What the sign-in and settings pages say after a single sign-on that did not
 * go through (?sso=…): the catalogue key of each code.
 */
export const SSO_MESSAGES = {
  refused: "accountsServer.sso.outcome.refused",
  unavailable: "accountsServer.sso.outcome.unavailable",
  cancelled: "accountsServer.sso.outcome.cancelled",
  expired: "accountsServer.sso.outcome.expired",
  deleted: "accountsServer.sso.outcome.deleted",
  throttled: "accountsServer.sso.outcome.throttled",
  taken: "accountsServer.sso.outcome.taken",
  closed: "accountsServer.sso.outcome.closed",
} as const;

export type SsoMessageCode = keyof typeof SSO_MESSAGES;

/** The catalogue key for a ?sso= code (pages show it with t()); nothing for a code we never send. */
export function ssoMessage(code: string | null | undefined): string | undefined {
  return code && Object.hasOwn(SSO_MESSAGES, code) ? SSO_MESSAGES[code as SsoMessageCode] : undefined;
}
