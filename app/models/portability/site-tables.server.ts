// Which tables a full export carries, and why the others stay behind. Every
// table of the database is in exactly one of the two lists: export refuses to
// run while one is in neither (unclassifiedTables), and a test fails, so a
// table added by a later migration is decided on, never silently dropped.
import type Database from "better-sqlite3";

export type SqliteRow = Record<string, unknown>;

/**
 * What a table's rows become in an export made without --with-secrets: the
 * row changed (a secret column blanked), or null when the row stays behind.
 * Never called when secrets are exported.
 */
type WithoutSecrets = (row: SqliteRow, exportedAt: number) => SqliteRow | null;

/** The reason key a webhook reads when its secret stayed behind (shown through the catalogue). */
export const WEBHOOK_SECRET_NOT_EXPORTED = "siteExport.webhookSecretNotExported";
/** The settings key of the application's own secret (app/models/site/app-secret.server.ts). */
const APP_SECRET_KEY = "appSecret";

/**
 * The community's tables, exported in this order (parents before the rows
 * that refer to them; tableOrder checks it against the foreign keys).
 */
export const EXPORTED_TABLES: ReadonlyArray<{ name: string; withoutSecrets?: WithoutSecrets }> = [
  {
    name: "users",
    // A member without a password hash cannot sign in until a password reset
    // sets one (the convention of SSO and bot accounts); two-factor starts over.
    withoutSecrets: (row) => ({ ...row, password_hash: "", totp_secret: "", totp_enabled_at: null }),
  },
  { name: "categories" },
  {
    name: "settings",
    withoutSecrets: (row) => (row.key === APP_SECRET_KEY ? null : row),
  },
  { name: "tags" },
  { name: "oidc_providers", withoutSecrets: (row) => ({ ...row, client_secret: "" }) },
  { name: "user_identities" },
  // Two-factor recovery codes (hashed): only with the secrets.
  { name: "recovery_codes", withoutSecrets: () => null },
  { name: "announcements" },
  { name: "announcement_updates" },
  { name: "announcement_comments" },
  { name: "threads" },
  { name: "posts" },
  { name: "revisions" },
  { name: "votes" },
  { name: "thread_tags" },
  { name: "reputation_events" },
  { name: "user_badges" },
  { name: "answer_thanks" },
  { name: "access_grants" },
  { name: "flags" },
  { name: "escalations" },
  { name: "articles" },
  { name: "article_versions" },
  { name: "article_tags" },
  { name: "article_feedback" },
  { name: "article_reviews" },
  { name: "watches" },
  { name: "notifications" },
  { name: "audit_events" },
  { name: "search_synonyms" },
  { name: "search_queries" },
  { name: "deflections" },
  {
    name: "webhooks",
    // Without its secret a webhook cannot sign: it comes back paused, saying why.
    withoutSecrets: (row, exportedAt) => ({
      ...row,
      secret: "",
      disabled_at: row.disabled_at ?? exportedAt,
      disabled_reason: row.disabled_at ? row.disabled_reason : WEBHOOK_SECRET_NOT_EXPORTED,
    }),
  },
  // Known issues and product ideas (teams after the webhooks their routes may use).
  { name: "teams" },
  { name: "known_issues" },
  { name: "known_issue_updates" },
  { name: "known_issue_me_toos" },
  { name: "known_issue_checks" },
  { name: "idea_votes" },
  // Where imported rows came from: a Stack Exchange import run again on the
  // new installation still adds nothing twice.
  { name: "import_sources" },
  { name: "import_runs" },
];

/**
 * Why a table stays behind:
 * - "credential": it opens an account or an integration (a session, a
 *   single-use link, an API token's hash); never exported, even with secrets;
 * - "derived": rebuilt from the exported tables (the search index is rebuilt
 *   after an import, the page cache's counter starts afresh);
 * - "installation": this installation's working state, meaningless or
 *   harmful elsewhere (queues that would send again, throttling counters,
 *   prepared downloads, the migrations' bookkeeping).
 */
export type ExclusionReason = "credential" | "derived" | "installation";

export const EXCLUDED_TABLES: Readonly<Record<string, ExclusionReason>> = {
  sessions: "credential",
  account_tokens: "credential",
  // Hashes of bearer tokens: members and admins make new ones.
  api_tokens: "credential",
  login_attempts: "installation",
  api_rate_limits: "installation",
  // Pending emails would be sent twice, and sent ones hold reset and sign-in links.
  outbox_messages: "installation",
  // Pending deliveries would be sent again by the new installation.
  webhook_deliveries: "installation",
  // Members' own downloads (7 days) and the admins' full exports: files of this installation.
  data_exports: "installation",
  site_exports: "installation",
  __drizzle_migrations: "installation",
  // Carried in the trailer instead (the next ids), see site-export.server.ts.
  sqlite_sequence: "installation",
  page_version: "derived",
  search_documents: "derived",
  search_fts: "derived",
  search_fts_config: "derived",
  search_fts_data: "derived",
  search_fts_docsize: "derived",
  search_fts_idx: "derived",
  search_fts_text: "derived",
  search_fts_vocab: "derived",
  search_fts_words: "derived",
};

const EXPORTED_NAMES = new Set(EXPORTED_TABLES.map((table) => table.name));

/** SQLite's statistics tables (ANALYZE, PRAGMA optimize) come and go: the planner's, not the schema's. */
const isStatistics = (name: string) => /^sqlite_stat\d$/.test(name);

export function isExportedTable(name: string): boolean {
  return EXPORTED_NAMES.has(name);
}

export function databaseTables(sqlite: Database.Database): string[] {
  return sqlite
    .prepare<[], { name: string }>("select name from sqlite_schema where type = 'table' order by name")
    .all()
    .map((row) => row.name)
    .filter((name) => !isStatistics(name));
}

/** The tables of this database that neither list names: export refuses to run while there is one. */
export function unclassifiedTables(sqlite: Database.Database): string[] {
  return databaseTables(sqlite).filter((name) => !EXPORTED_NAMES.has(name) && !(name in EXCLUDED_TABLES));
}

/**
 * The exported tables in an order where every table comes after the tables
 * its foreign keys point at (the listed order where it already is).
 */
export function tableOrder(sqlite: Database.Database): string[] {
  const parents = new Map<string, Set<string>>();
  for (const { name } of EXPORTED_TABLES) {
    const keys = sqlite.prepare<[], { table: string }>(`select "table" from pragma_foreign_key_list('${name}')`).all();
    parents.set(name, new Set(keys.map((key) => key.table).filter((parent) => parent !== name && EXPORTED_NAMES.has(parent))));
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < EXPORTED_TABLES.length) {
    const next = EXPORTED_TABLES.find(({ name }) => !placed.has(name) && [...parents.get(name)!].every((parent) => placed.has(parent)));
    if (!next) throw new Error(`The exported tables' foreign keys form a cycle among: ${EXPORTED_TABLES.filter(({ name }) => !placed.has(name)).map(({ name }) => name).join(", ")}`);
    ordered.push(next.name);
    placed.add(next.name);
  }
  return ordered;
}

export function withoutSecretsFor(name: string): WithoutSecrets | undefined {
  return EXPORTED_TABLES.find((table) => table.name === name)?.withoutSecrets;
}

/** The migration this database's schema is at: a count, so a file from a newer schema is recognised. */
export function schemaLevel(sqlite: Database.Database): number {
  const exists = sqlite.prepare("select 1 from sqlite_schema where type = 'table' and name = '__drizzle_migrations'").get();
  if (!exists) return 0;
  return sqlite.prepare<[], { n: number }>("select count(*) as n from __drizzle_migrations").get()!.n;
}
