// Single sign-on's forms (the admins' providers and sign-in rules, the
// welcome page) and what the pages say when a sign-in with a provider did not
// go through. Shared by the pages and the server.
import { z } from "zod";
import { email, username } from "./account";

export const PROVIDER_LABEL_MAX = 40;

/** Slugs that would be taken for another page under /auth/. */
export const RESERVED_SLUGS = ["welcome"];

/** Loopback hosts, the only ones an http:// issuer may have (a provider on the same machine, in tests). */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Null when `value` may be an issuer: an https address (http only on loopback), no query, no fragment. */
export function issuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the provider's address, like https://login.example.com.";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname))) {
    return "Use an https:// address (http:// only for localhost).";
  }
  if (url.search || url.hash || url.username || url.password) return "The address has no query, fragment or password: just the issuer, like https://login.example.com.";
  return null;
}

/** Where a provider sends the browser back: the address to register at the provider. */
export function callbackUrl(origin: string, slug: string) {
  return `${origin}/auth/${slug}/callback`;
}

export const providerSlug = z
  .string()
  .trim()
  .min(1, "Choose a short name for the address, like “company”.")
  .max(30, "At most 30 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and - (not at the ends).")
  .refine((slug) => !RESERVED_SLUGS.includes(slug), "That name is used by another page. Please choose another.");

const label = z
  .string()
  .trim()
  .min(1, "Enter the name shown on the button, like “Nimbus staff account”.")
  .max(PROVIDER_LABEL_MAX, `A button label has at most ${PROVIDER_LABEL_MAX} characters.`);

const issuer = z
  .string()
  .trim()
  .min(1, "Enter the provider's address (its issuer).")
  .max(500, "An address has at most 500 characters.")
  .superRefine((value, ctx) => {
    const problem = issuerProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const clientId = z.string().trim().min(1, "Enter the client id the provider gave you.").max(300, "A client id has at most 300 characters.");
const clientSecret = z.string().trim().max(500, "A client secret has at most 500 characters.");

export const providerAddSchema = z.object({
  slug: providerSlug,
  label,
  issuer,
  clientId,
  clientSecret: clientSecret.min(1, "Enter the client secret the provider gave you."),
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

/** What the sign-in and settings pages say after a single sign-on that did not go through (?sso=…). */
export const SSO_MESSAGES = {
  refused: "That sign-in could not be checked, so it was refused. Please try again.",
  unavailable: "The sign-in provider is not answering right now. Please try again in a moment.",
  cancelled: "The sign-in was cancelled at the provider.",
  expired: "That sign-in took too long and expired. Please start again.",
  deleted: "That account was deleted, so it can no longer be signed in to.",
  throttled: "Too many sign-ins failed from your network. Please try again in a few minutes.",
  taken: "That account at the provider is already linked to another account here.",
  closed: "That sign-in provider is turned off.",
} as const;

export type SsoMessageCode = keyof typeof SSO_MESSAGES;

export function ssoMessage(code: string | null | undefined): string | undefined {
  return code && Object.hasOwn(SSO_MESSAGES, code) ? SSO_MESSAGES[code as SsoMessageCode] : undefined;
}
