import { z } from "zod";
import { LANGUAGES } from "./i18n/languages";

const boolean = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

// Every environment variable Entraide reads, with its default. The README
// lists the same table.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("data/entraide.db"),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z.string().optional(),
  SEED_DEMO: boolean.default("true"),
  /** The language of the demo community seeded on the first start and by `npm run seed`. */
  SEED_LANGUAGE: z.enum(LANGUAGES).default("en"),
  /** How many processes serve requests; 0 means one per CPU core. */
  WEB_CONCURRENCY: z.coerce.number().int().min(0).max(256).default(0),
  /** The anonymous page cache's memory budget per process, in MiB; 0 turns it off. */
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(65536).default(64),
  /** How long a CDN in front may keep a public page (s-maxage), in seconds. */
  CDN_MAX_AGE: z.coerce.number().int().min(0).max(86400).default(10),
  /** Called (POST) when public pages change, to purge a CDN in front (see app/http/cdn-purge.server.ts). */
  CDN_PURGE_URL: z.string().url().optional(),
  CDN_PURGE_TOKEN: z.string().optional(),
  /** The fewest seconds between serving the join and ask forms and accepting them (a bot is quicker). */
  FORM_MIN_SECONDS: z.coerce.number().int().min(0).max(600).default(3),
});

export type Config = z.infer<typeof schema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
