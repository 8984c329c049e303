// The Stack Exchange importer: an official data dump folder (Posts.xml,
// Users.xml, Comments.xml, Votes.xml, Tags.xml, PostHistory.xml,
// PostLinks.xml) into this forum.
//
// - Every file is streamed (saxes), a batch of rows at a time; each batch is
//   one transaction with prepared statements, and writes, with its rows, the
//   import_sources rows that map each source id to ours and the run's state
//   (phase, counts, skipped rows). So memory stays flat (maps of ids, never
//   bodies), a second run finds every row mapped and adds nothing, and a run
//   killed mid-way resumes where its last batch ended.
// - Bodies are HTML: turned into markdown (turndown) then rendered by our
//   own pipeline, so the stored HTML is ours and sanitised. That conversion
//   is done by worker threads (body-conversion.server.ts) while the main
//   thread, the only writer, inserts the batch before: a batch's bodies are
//   sent as soon as it is read, and taken back, in order, when it is written.
// - Scores are the dump's (Posts.xml Score: public dumps do not say who
//   voted). Reputation is rebuilt through our own ledger (award()) from the
//   dump's up- and downvotes and acceptances, at their dates, by our rules;
//   Users.xml's Reputation is never copied. An anonymous vote's "actor" is
//   the source's own account (the site's name, without a password).
// - Users become members without a password (passwordHash "", like SSO and
//   bot accounts): they claim the account by SSO or by an admin's reset.
import { z } from "zod";
import path from "node:path";
import { readFileSync } from "node:fs";
import type Database from "better-sqlite3";
import type { Db } from "../../../db/client";
import { BIO_MAX, DISPLAY_NAME_MAX, USERNAME_MAX } from "../../forms/account";
import { htmlToText } from "../../utils/markdown.server";
import { slugify } from "../forum/thread.server";
import { award } from "../reputation/reputation.server";
import { getRewardRules, type RewardRules } from "../reputation/reward-rules.server";
import { rebuildSearchIndex } from "../search/search-index.server";
import { conditionText, livePosts } from "../visibility.server";
import { BodyConverter, defaultWorkerCount, type ConversionTicket } from "./body-conversion.server";
import { convertBodies, type BodyKind, type Conversion } from "./html-to-markdown.server";
import { countNotImported, countRow, emptyReport, skipRow, type ImportReport, type NotImportedReason, type SkipReason } from "./import-report.server";
import type { ImportProgress } from "./import-progress";
import { fileSize, ImportFileError, readRows, type XmlRow } from "./xml-rows.server";

export { ImportFileError } from "./xml-rows.server";

export const DEFAULT_LICENSE = "CC BY-SA 3.0";
const PHASES = ["tags", "users", "questions", "answers", "comments", "history", "votes", "links", "finish"] as const;
type Phase = (typeof PHASES)[number];

/** The files each phase reads; Posts.xml and Users.xml must be there, the others are optional. */
const FILES: Record<Exclude<Phase, "finish">, { file: string; root: string }> = {
  tags: { file: "Tags.xml", root: "tags" },
  users: { file: "Users.xml", root: "users" },
  questions: { file: "Posts.xml", root: "posts" },
  answers: { file: "Posts.xml", root: "posts" },
  comments: { file: "Comments.xml", root: "comments" },
  history: { file: "PostHistory.xml", root: "posthistory" },
  votes: { file: "Votes.xml", root: "votes" },
  links: { file: "PostLinks.xml", root: "postlinks" },
};
const REQUIRED_FILES = ["Posts.xml", "Users.xml"];

/** The database already holds threads that did not come from this source, and --merge was not given. */
export class CommunityExistsError extends Error {
  constructor(readonly threads: number) {
    super(`the database already holds ${threads} threads not imported from this source`);
    this.name = "CommunityExistsError";
  }
}

/** The run stopped on purpose (a signal, or the test hook) after a committed batch: run again to resume. */
export class ImportInterruptedError extends Error {
  constructor(readonly runId: number) {
    super(`import run ${runId} interrupted`);
    this.name = "ImportInterruptedError";
  }
}

/** --map: question tags → categories (the first of a question's tags found here decides). */
export const categoryMapSchema = z.object({
  /** slug → name, for the categories to create when missing. */
  categories: z.record(z.string().regex(/^[a-z0-9-]{1,60}$/), z.string().min(1).max(80)).default({}),
  /** tag → category slug. */
  tags: z.record(z.string(), z.string().regex(/^[a-z0-9-]{1,60}$/)).default({}),
  /** The category of questions none of whose tags is mapped (default: the site's own category). */
  default: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
});
export type CategoryMap = z.infer<typeof categoryMapSchema>;

export function readCategoryMap(file: string): CategoryMap {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ImportFileError(file, null, (error as Error).message);
  }
  const parsed = categoryMapSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportFileError(file, null, `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

export type ImportOptions = {
  folder: string;
  /** The site's host (french.stackexchange.com); by default guessed from the folder's name. */
  site?: string;
  map?: CategoryMap;
  merge?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the run (after a committed batch) when aborted: it resumes on the next run. */
  signal?: AbortSignal;
  /** For tests: stop after this many rows read (after their batch is committed), as an interruption would. */
  stopAfterRows?: number;
  batchSize?: number;
  /** Worker threads converting bodies (default: one per core but one, at least one); 0 converts in the main thread. */
  workers?: number;
};

/** "french-meta" → french.meta.stackexchange.com; "cooking" → cooking.stackexchange.com; a host stays as it is. */
export function siteFromFolder(folder: string): string {
  const name = path.basename(path.resolve(folder)).toLowerCase();
  if (name.includes(".")) return name;
  const meta = /^(.+)-meta$/.exec(name);
  return meta ? `${meta[1]}.meta.stackexchange.com` : `${name}.stackexchange.com`;
}

export function normaliseSite(site: string): string {
  return site
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/.*$/, "")
    .toLowerCase();
}

type RunState = {
  site: string;
  done: Phase[];
  report: ImportReport;
  categoryId: number;
  voterId: number;
  /** How many rows of the phase under way committed batches hold: a resumed run does not report them twice. */
  position?: { phase: Phase; rows: number };
};

/** The phases whose rows carry bodies to convert. */
const CONVERTING_PHASES = new Set<Phase>(["questions", "answers", "comments"]);

/** The rows of a batch whose bodies were sent for conversion, and the ticket to take them back. */
type BodyBatch = { rows: XmlRow[]; ticket: ConversionTicket };

type PostRef = { id: number; threadId: number; kind: "question" | "answer" | "comment"; authorId: number; createdAt: number };

// ---------------------------------------------------------------- reading rows

class BrokenRow extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

function required(row: XmlRow, name: string): string {
  const value = row.attributes[name];
  if (value === undefined) throw new BrokenRow(`missing-attribute:${name}`);
  return value;
}

function int(row: XmlRow, name: string): number {
  const value = Number(required(row, name));
  if (!Number.isSafeInteger(value)) throw new BrokenRow(`bad-number:${name}`);
  return value;
}

function optionalInt(row: XmlRow, name: string): number | null {
  return row.attributes[name] === undefined || row.attributes[name] === "" ? null : int(row, name);
}

/** Stack Exchange's dates are UTC without a zone: 2011-08-17T20:18:56.507. */
function date(row: XmlRow, name: string): number {
  const text = required(row, name);
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  if (!Number.isFinite(time)) throw new BrokenRow(`bad-date:${name}`);
  return time;
}

function optionalDate(row: XmlRow, name: string): number | null {
  return row.attributes[name] ? date(row, name) : null;
}

/** "<a><b-c>" (older dumps) or "|a|b-c|" (newer ones). */
export function parseTagList(text: string | undefined): string[] {
  if (!text) return [];
  const names = text.startsWith("<") ? [...text.matchAll(/<([^>]+)>/g)].map((m) => m[1]!) : text.split("|");
  return [...new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean))];
}

// ---------------------------------------------------------------- the run

export async function importStackExchange(db: Db, options: ImportOptions): Promise<{ runId: number; report: ImportReport }> {
  const importer = new StackExchangeImport(db, options);
  return importer.run();
}

class StackExchangeImport {
  private readonly sqlite: Database.Database;
  private readonly site: string;
  private readonly source: string;
  private readonly batchSize: number;
  private runId = 0;
  private state!: RunState;
  private rowsRead = 0;
  private bytesBefore = 0;
  private bytesTotal = 0;
  private started = Date.now();
  private readonly users = new Map<number, number>();
  private readonly posts = new Map<number, PostRef>();
  private readonly tags = new Map<string, number>();
  private readonly categories = new Map<string, number>();
  private usernames = new Set<string>();
  private emails = new Set<string>();
  private readonly statements: ReturnType<StackExchangeImport["prepare"]>;
  // The reward rules, read once for the run (award() would read them per vote).
  private readonly rules: RewardRules;

  constructor(
    private readonly db: Db,
    private readonly options: ImportOptions,
  ) {
    this.sqlite = db.$client;
    this.site = normaliseSite(options.site ?? siteFromFolder(options.folder));
    this.source = `stackexchange:${this.site}`;
    this.batchSize = options.batchSize ?? 2000;
    this.statements = this.prepare();
    this.rules = getRewardRules(db);
  }

  private award(entry: Parameters<typeof award>[1]) {
    award(this.db, entry, this.rules);
  }

  private file(name: string) {
    return path.join(this.options.folder, name);
  }

  private prepare() {
    const s = this.sqlite;
    return {
      mapped: s.prepare<[string, string]>("select source_id as sourceId, target_id as targetId from import_sources where source = ? and kind = ?"),
      mapOne: s.prepare<[string, string, string]>("select target_id from import_sources where source = ? and kind = ? and source_id = ?").pluck(),
      remember: s.prepare<[string, string, string, number]>("insert or ignore into import_sources (source, kind, source_id, target_id) values (?, ?, ?, ?)"),
      saveState: s.prepare<[string, string, number]>("update import_runs set phase = ?, state = ? where id = ?"),
      insertUser: s.prepare(
        `insert into users (username, email, display_name, bio, password_hash, email_notifications, created_at, is_bot)
         values (@username, @email, @displayName, @bio, '', 'off', @createdAt, @isBot) returning id`,
      ).pluck(),
      insertTag: s.prepare<[string, number]>("insert or ignore into tags (name, created_at) values (?, ?)"),
      tagId: s.prepare<[string]>("select id from tags where name = ?").pluck(),
      insertThread: s.prepare(
        `insert into threads (title, slug, category_id, author_id, score, view_count, last_activity_at, last_activity_by_id, created_at, locked_at, deleted_at, deleted_by_id)
         values (@title, @slug, @categoryId, @authorId, @score, @viewCount, @lastActivityAt, @authorId, @createdAt, @lockedAt, @deletedAt, @deletedById) returning id`,
      ).pluck(),
      insertPost: s.prepare(
        `insert into posts (thread_id, kind, parent_id, author_id, body, body_html, score, created_at, edited_at, edited_by_id, deleted_at, deleted_by_id, source_url, source_license)
         values (@threadId, @kind, @parentId, @authorId, @body, @bodyHtml, @score, @createdAt, @editedAt, @editedById, @deletedAt, @deletedById, @sourceUrl, @sourceLicense) returning id`,
      ).pluck(),
      insertThreadTag: s.prepare<[number, number]>("insert or ignore into thread_tags (thread_id, tag_id) values (?, ?)"),
      lastRevision: s.prepare<[number]>("select title, body from revisions where post_id = ? order by id desc limit 1"),
      postBody: s.prepare<[number]>("select p.body, t.title from posts p join threads t on t.id = p.thread_id where p.id = ?"),
      insertRevision: s.prepare<[number, number, string | null, string, string, number]>(
        "insert into revisions (post_id, editor_id, title, body, reason, created_at) values (?, ?, ?, ?, ?, ?)",
      ),
      insertVote: s.prepare<[number, number, number, number]>("insert or ignore into votes (post_id, user_id, value, created_at) values (?, ?, ?, ?)"),
      setAccepted: s.prepare<[{ target: number; threadId: number }]>("update threads set accepted_answer_id = @target where id = @threadId and accepted_answer_id is not @target"),
      setDuplicate: s.prepare<[{ target: number; threadId: number }]>("update threads set duplicate_of_id = @target where id = @threadId and duplicate_of_id is not @target"),
      setLocked: s.prepare<[number | null, number]>("update threads set locked_at = ? where id = ?"),
    };
  }

  async run(): Promise<{ runId: number; report: ImportReport }> {
    for (const name of REQUIRED_FILES) if (!fileSize(this.file(name))) throw new ImportFileError(this.file(name), null, "missing file");
    this.refuseOtherCommunity();
    this.openRun();
    this.loadMaps();
    const phases = PHASES.filter((phase) => !this.state.done.includes(phase));
    this.bytesTotal = phases.reduce((sum, phase) => sum + (phase === "finish" ? 0 : fileSize(this.file(FILES[phase].file))), 0);
    // Started now, the workers load their modules while tags and users are read.
    if (phases.some((phase) => CONVERTING_PHASES.has(phase))) this.converter = new BodyConverter(this.options.workers ?? defaultWorkerCount());
    try {
      for (const phase of phases) {
        await this.runPhase(phase);
        this.state.done.push(phase);
        if (phase === "comments") await this.closeConverter();
        this.saveState(phase);
      }
    } catch (error) {
      if (!(error instanceof ImportInterruptedError)) {
        // The report keeps what was done and why it stopped; the next run resumes.
        this.state.report.notes.push(`failed:${(error as Error).message}`);
        this.sqlite.prepare("update import_runs set status = 'failed', state = ? where id = ?").run(JSON.stringify(this.state), this.runId);
      }
      throw error;
    } finally {
      await this.closeConverter();
    }
    this.sqlite
      .prepare("update import_runs set status = 'finished', phase = 'finish', state = ?, finished_at = ? where id = ?")
      .run(JSON.stringify(this.state), Date.now(), this.runId);
    return { runId: this.runId, report: this.state.report };
  }

  /** Any thread not imported from this source is another community: only with --merge. */
  private refuseOtherCommunity() {
    if (this.options.merge) return;
    const others = this.sqlite
      .prepare("select count(*) from threads where id not in (select target_id from import_sources where source = ? and kind = 'thread')")
      .pluck()
      .get(this.source) as number;
    if (others > 0) throw new CommunityExistsError(others);
  }

  /** Resumes this source's unfinished run, or starts a new one (which finds what earlier runs imported). */
  private openRun() {
    const unfinished = this.sqlite
      .prepare("select id, state from import_runs where source = ? and status <> 'finished' order by id desc limit 1")
      .get(this.source) as { id: number; state: string } | undefined;
    if (unfinished) {
      const state = JSON.parse(unfinished.state) as Partial<RunState>;
      if (state.report && state.categoryId && state.voterId) {
        this.runId = unfinished.id;
        this.state = state as RunState;
        this.resumed = true;
        this.state.report.notes = this.state.report.notes.filter((note) => !note.startsWith("failed:"));
        // A run begun before rows were reported as not imported.
        this.state.report.notImported ??= {};
        this.sqlite.prepare("update import_runs set status = 'running' where id = ?").run(this.runId);
        return;
      }
      this.sqlite.prepare("update import_runs set status = 'failed' where id = ?").run(unfinished.id);
    }
    this.sqlite.transaction(() => {
      this.runId = Number(
        this.sqlite
          .prepare("insert into import_runs (source, location, status, phase, state) values (?, ?, 'running', 'tags', '{}') returning id")
          .pluck()
          .get(this.source, path.resolve(this.options.folder)),
      );
      const report = emptyReport(this.site, this.source);
      this.state = { site: this.site, done: [], report, categoryId: this.siteCategory(), voterId: this.voterAccount() };
      this.saveState("tags");
    })();
  }

  private saveState(phase: Phase) {
    this.statements.saveState.run(phase, JSON.stringify(this.state), this.runId);
  }

  private siteCategory(): number {
    const slug = this.site.replace(/\.stackexchange\.com$/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "imported";
    return this.ensureCategory(slug, this.site);
  }

  private ensureCategory(slug: string, name: string): number {
    const existing = this.sqlite.prepare("select id from categories where slug = ?").pluck().get(slug) as number | undefined;
    if (existing) return existing;
    const position = this.sqlite.prepare("select coalesce(max(position), 0) + 1 from categories").pluck().get() as number;
    return Number(this.sqlite.prepare("insert into categories (slug, name, position) values (?, ?, ?) returning id").pluck().get(slug, name, position));
  }

  /** The source's own account: the actor of anonymous votes and the author of rows whose author the dump lost. */
  private voterAccount(): number {
    const known = this.statements.mapOne.get(this.source, "user", "source") as number | undefined;
    if (known) return known;
    this.usernames = new Set(this.sqlite.prepare("select lower(username) from users").pluck().all() as string[]);
    const username = this.freeUsername(this.site.replace(/\.stackexchange\.com$/, "").replace(/\./g, "-"), "import");
    const id = Number(
      this.statements.insertUser.get({
        username,
        email: `${username.toLowerCase()}@${this.site}.invalid`,
        displayName: this.site.slice(0, DISPLAY_NAME_MAX),
        bio: "",
        createdAt: Date.now(),
        isBot: 1,
      }),
    );
    this.statements.remember.run(this.source, "user", "source", id);
    return id;
  }

  private loadMaps() {
    const { mapped } = this.statements;
    for (const row of mapped.all(this.source, "user") as { sourceId: string; targetId: number }[]) {
      if (row.sourceId !== "source") this.users.set(Number(row.sourceId), row.targetId);
    }
    for (const row of this.sqlite.prepare("select id, name from tags").all() as { id: number; name: string }[]) this.tags.set(row.name, row.id);
    for (const row of this.sqlite.prepare("select id, slug from categories").all() as { id: number; slug: string }[]) this.categories.set(row.slug, row.id);
    const posts = this.sqlite.prepare(
      `select s.source_id as sourceId, p.id, p.thread_id as threadId, p.kind, p.author_id as authorId, p.created_at as createdAt
       from import_sources s join posts p on p.id = s.target_id where s.source = ? and s.kind = 'post'`,
    );
    for (const row of posts.iterate(this.source) as Iterable<PostRef & { sourceId: string }>) {
      const { sourceId, ...ref } = row;
      // Comments ("c<id>") are nobody's parent: only questions and answers are kept here.
      if (sourceId.startsWith("c")) continue;
      this.posts.set(Number(sourceId), ref);
    }
    this.usernames = new Set(this.sqlite.prepare("select lower(username) from users").pluck().all() as string[]);
    this.emails = new Set(this.sqlite.prepare("select lower(email) from users").pluck().all() as string[]);
  }

  private get report() {
    return this.state.report;
  }

  // A resumed run finds its own rows: they were counted when written, not "already there".
  private resumed = false;

  private existing(kind: string) {
    if (!this.resumed) countRow(this.report, kind, "existing");
  }

  // ------------------------------------------------------------ phases

  private async runPhase(phase: Phase) {
    if (phase === "finish") return this.finish();
    const { file: name, root } = FILES[phase];
    const file = this.file(name);
    if (!fileSize(file)) {
      if (!this.report.missingFiles.includes(name)) this.report.missingFiles.push(name);
      if (phase === "votes") this.transaction(phase, () => this.awardUnvotedAcceptances());
      return;
    }
    const handle = this.handlerFor(phase);
    let phaseRows = 0;
    // Rows a resumed run reads again were reported by the run it resumes.
    this.reportFrom = this.state.position?.phase === phase ? this.state.position.rows : 0;
    const before = this.bytesBefore;
    const rows = readRows(file, root, { batchSize: this.batchSize, onBytes: (bytes) => (this.bytesBefore = before + bytes) });
    // Reads a batch and sends its bodies to the workers at once.
    const read = async (): Promise<{ batch: XmlRow[]; bodies: BodyBatch | null } | { error: unknown } | null> => {
      try {
        const next = await rows.next();
        return next.done ? null : { batch: next.value, bodies: this.submitBodies(phase, next.value) };
      } catch (error) {
        return { error };
      }
    };
    try {
      let next = await read();
      while (next) {
        if ("error" in next) throw next.error;
        const { batch, bodies } = next;
        // The next batch is read and converted while this one is written (a broken file stops the run after this batch).
        next = await read();
        this.conversions = bodies ? await this.takeBodies(bodies) : null;
        this.transaction(phase, () => {
          for (const row of batch) {
            this.rowIndex = phaseRows++;
            try {
              handle(row);
            } catch (error) {
              if (!(error instanceof BrokenRow)) throw error;
              if (this.rowIndex >= this.reportFrom) skipRow(this.report, error.reason, { file: name, line: row.line, id: row.attributes.Id ?? null });
            }
          }
          this.state.position = { phase, rows: phaseRows };
        });
        this.conversions = null;
        this.rowsRead += batch.length;
        this.progress(phase, phaseRows);
        if (this.options.signal?.aborted || (this.options.stopAfterRows !== undefined && this.rowsRead >= this.options.stopAfterRows)) {
          throw new ImportInterruptedError(this.runId);
        }
      }
    } finally {
      this.conversions = null;
      await rows.return(undefined);
    }
    this.bytesBefore = before + fileSize(file);
    if (phase === "answers") this.transaction(phase, () => this.applyAcceptances());
    if (phase === "history") this.transaction(phase, () => this.flushRevision());
    if (phase === "history") this.transaction(phase, () => this.applyLocks());
    if (phase === "votes") this.transaction(phase, () => this.awardUnvotedAcceptances());
  }

  // ------------------------------------------------------------ bodies

  private converter: BodyConverter | null = null;
  /** The converted bodies of the batch being written, by row. */
  private conversions: Map<XmlRow, Conversion> | null = null;

  private async closeConverter() {
    const converter = this.converter;
    this.converter = null;
    if (!converter) return;
    for (const why of converter.failures) {
      const note = `conversion-worker-failed:${why}`;
      if (!this.report.notes.includes(note)) this.report.notes.push(note);
    }
    await converter.close();
  }

  /**
   * Sends the bodies a batch will need to the workers: those of rows not
   * imported yet (an already mapped row needs none; a row found broken later
   * only cost its conversion).
   */
  private submitBodies(phase: Phase, batch: XmlRow[]): BodyBatch | null {
    if (!this.converter || !CONVERTING_PHASES.has(phase)) return null;
    const rows: XmlRow[] = [];
    const texts: string[] = [];
    if (phase === "comments") {
      for (const row of batch) {
        const text = row.attributes.Text;
        if (text !== undefined && !this.isMapped("post", `c${row.attributes.Id}`)) {
          rows.push(row);
          texts.push(text);
        }
      }
    } else {
      const wanted = phase === "questions" ? "1" : "2";
      for (const row of batch) {
        const { PostTypeId: type, Body: body, Id: id } = row.attributes;
        if (type === wanted && body !== undefined && !this.posts.has(Number(id))) {
          rows.push(row);
          texts.push(body);
        }
      }
    }
    if (!rows.length) return null;
    return { rows, ticket: this.converter.submit(phase === "comments" ? "comment" : "post", texts) };
  }

  private async takeBodies({ rows, ticket }: BodyBatch): Promise<Map<XmlRow, Conversion>> {
    const results = await this.converter!.results(ticket);
    const conversions = new Map<XmlRow, Conversion>();
    for (let i = 0; i < rows.length; i++) conversions.set(rows[i]!, results[i]!);
    return conversions;
  }

  /** A row's converted body (converted here if it was not sent); a body whose conversion failed skips its row. */
  private converted(row: XmlRow, kind: BodyKind, text: string): { body: string; bodyHtml: string } {
    const done = this.conversions?.get(row) ?? convertBodies(kind, [text])[0]!;
    if ("error" in done) throw new BrokenRow("conversion-failed");
    return done;
  }

  /** The index, in its phase, of the row being handled, and from which index rows are reported (after a resumption). */
  private rowIndex = 0;
  private reportFrom = 0;

  private notImported(reason: NotImportedReason) {
    if (this.rowIndex >= this.reportFrom) countNotImported(this.report, reason);
  }

  /** One batch: its rows, their source ids and the run's state, together or not at all. */
  private transaction(phase: Phase, write: () => void) {
    this.sqlite.transaction(() => {
      write();
      this.saveState(phase);
    })();
  }

  private progress(phase: Phase, rows: number) {
    if (!this.options.onProgress) return;
    const imported = Object.values(this.report.counts).reduce((sum, c) => sum + c.imported, 0);
    this.options.onProgress({ phase, rows, imported, bytesDone: this.bytesBefore, bytesTotal: this.bytesTotal, elapsedMs: Date.now() - this.started });
  }

  private handlerFor(phase: Exclude<Phase, "finish">): (row: XmlRow) => void {
    switch (phase) {
      case "tags":
        return (row) => this.importTag(row);
      case "users":
        return (row) => this.importUser(row);
      case "questions":
        return (row) => this.importPost(row, "1");
      case "answers":
        return (row) => this.importPost(row, "2");
      case "comments":
        return (row) => this.importComment(row);
      case "history":
        return (row) => this.importHistory(row);
      case "votes":
        return (row) => this.importVote(row);
      case "links":
        return (row) => this.importLink(row);
    }
  }

  // The source ids already mapped, per kind: read once per run, not once per row.
  private readonly mappedIds = new Map<string, Set<string>>();

  private isMapped(kind: string, sourceId: string): boolean {
    let ids = this.mappedIds.get(kind);
    if (!ids) {
      ids = new Set((this.statements.mapped.all(this.source, kind) as { sourceId: string }[]).map((row) => row.sourceId));
      this.mappedIds.set(kind, ids);
    }
    return ids.has(sourceId);
  }

  private remember(kind: string, sourceId: string | number, targetId: number) {
    this.statements.remember.run(this.source, kind, String(sourceId), targetId);
    this.mappedIds.get(kind)?.add(String(sourceId));
  }

  private tagIdOf(name: string, createdAt: number): number {
    let id = this.tags.get(name);
    if (id === undefined) {
      this.statements.insertTag.run(name, createdAt);
      id = this.statements.tagId.get(name) as number;
      this.tags.set(name, id);
    }
    return id;
  }

  private importTag(row: XmlRow) {
    const id = int(row, "Id");
    const name = required(row, "TagName").trim().toLowerCase();
    if (this.isMapped("tag", String(id))) return this.existing("tags");
    this.remember("tag", id, this.tagIdOf(name, Date.now()));
    countRow(this.report, "tags", "imported");
  }

  private freeUsername(displayName: string, suffix: string): string {
    const base = displayName
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, "-")
      .replace(/[^A-Za-z0-9_-]/g, "")
      .replace(/^-+|-+$/g, "")
      .slice(0, USERNAME_MAX);
    const candidates = base.length >= 3 ? [base] : [];
    for (let n = 0; ; n++) {
      const tail = n === 0 ? `-${suffix}` : `-${suffix}-${n}`;
      candidates.push(`${(base || "user").slice(0, USERNAME_MAX - tail.length)}${tail}`);
      for (const candidate of candidates) {
        if (!this.usernames.has(candidate.toLowerCase())) {
          this.usernames.add(candidate.toLowerCase());
          return candidate;
        }
      }
      candidates.length = 0;
    }
  }

  private importUser(row: XmlRow) {
    const sourceId = int(row, "Id");
    if (this.users.has(sourceId)) return this.existing("users");
    const displayName = (row.attributes.DisplayName ?? "").trim().slice(0, DISPLAY_NAME_MAX) || `user${sourceId}`;
    const createdAt = date(row, "CreationDate");
    const username = this.freeUsername(displayName, String(sourceId).replace("-", "m"));
    // Official dumps carry no address: a placeholder that can receive no mail (SSO or an admin's reset claims the account).
    const given = (row.attributes.EmailAddress ?? row.attributes.Email ?? "").trim();
    const email = given && /^[^\s@]+@[^\s@]+$/.test(given) && !this.emails.has(given.toLowerCase()) ? given : `se-${String(sourceId).replace("-", "m")}@${this.site}.invalid`;
    this.emails.add(email.toLowerCase());
    const bio = row.attributes.AboutMe ? htmlToText(row.attributes.AboutMe).slice(0, BIO_MAX) : "";
    const id = Number(this.statements.insertUser.get({ username, email, displayName, bio, createdAt, isBot: 0 }));
    this.users.set(sourceId, id);
    this.remember("user", sourceId, id);
    countRow(this.report, "users", "imported");
  }

  private authorOf(row: XmlRow, attribute: string): number {
    const userId = optionalInt(row, attribute);
    return (userId !== null && this.users.get(userId)) || this.state.voterId;
  }

  private categoryFor(tagNames: string[]): number {
    const map = this.options.map;
    if (!map) return this.state.categoryId;
    const slug = tagNames.map((tag) => map.tags[tag]).find(Boolean) ?? map.default;
    if (!slug) return this.state.categoryId;
    let id = this.categories.get(slug);
    if (id === undefined) {
      id = this.ensureCategory(slug, map.categories[slug] ?? slug);
      this.categories.set(slug, id);
    }
    return id;
  }

  private sourceUrl(kind: "q" | "a", id: number) {
    return `https://${this.site}/${kind}/${id}`;
  }

  private importPost(row: XmlRow, wanted: "1" | "2") {
    const type = required(row, "PostTypeId");
    if (type !== "1" && type !== "2") {
      // Tag wikis, nominations...: not threads; counted once, in the questions' pass.
      if (wanted === "1") this.notImported(`post-type:${type}`);
      return;
    }
    if (type !== wanted) {
      // The answers' pass notes which answer each question accepted (applied once every answer is in).
      if (type === "1" && row.attributes.AcceptedAnswerId) this.accepted.set(int(row, "Id"), int(row, "AcceptedAnswerId"));
      return;
    }
    const sourceId = int(row, "Id");
    const kindName = type === "1" ? "questions" : "answers";
    if (this.posts.has(sourceId)) return this.existing(kindName);
    const createdAt = date(row, "CreationDate");
    const html = required(row, "Body");
    const authorId = this.authorOf(row, "OwnerUserId");
    const deletedAt = optionalDate(row, "DeletionDate");
    const editedAt = optionalDate(row, "LastEditDate");
    const common = {
      authorId,
      score: optionalInt(row, "Score") ?? 0,
      createdAt,
      editedAt,
      editedById: editedAt ? this.authorOf(row, "LastEditorUserId") : null,
      deletedAt,
      deletedById: deletedAt ? this.state.voterId : null,
      sourceLicense: row.attributes.ContentLicense?.trim() || DEFAULT_LICENSE,
    };
    if (type === "1") {
      const title = required(row, "Title").trim();
      if (!title) throw new BrokenRow("missing-attribute:Title");
      const tagNames = parseTagList(row.attributes.Tags);
      const { body, bodyHtml } = this.converted(row, "post", html);
      const threadId = Number(
        this.statements.insertThread.get({
          title: title.slice(0, 300),
          slug: slugify(title),
          categoryId: this.categoryFor(tagNames),
          authorId,
          score: common.score,
          viewCount: optionalInt(row, "ViewCount") ?? 0,
          lastActivityAt: optionalDate(row, "LastActivityDate") ?? createdAt,
          createdAt,
          // A closed question takes no more answers: our lock.
          lockedAt: optionalDate(row, "ClosedDate"),
          deletedAt,
          deletedById: common.deletedById,
        }),
      );
      const postId = Number(
        this.statements.insertPost.get({ ...common, threadId, kind: "question", parentId: null, body, bodyHtml, sourceUrl: this.sourceUrl("q", sourceId) }),
      );
      for (const name of tagNames) this.statements.insertThreadTag.run(threadId, this.tagIdOf(name, createdAt));
      this.remember("thread", sourceId, threadId);
      this.remember("post", sourceId, postId);
      this.posts.set(sourceId, { id: postId, threadId, kind: "question", authorId, createdAt });
    } else {
      const parent = this.posts.get(int(row, "ParentId"));
      if (!parent) throw new BrokenRow("unknown-question");
      if (parent.kind !== "question") throw new BrokenRow("not-a-question");
      const { body, bodyHtml } = this.converted(row, "post", html);
      const postId = Number(
        this.statements.insertPost.get({ ...common, threadId: parent.threadId, kind: "answer", parentId: null, body, bodyHtml, sourceUrl: this.sourceUrl("a", sourceId) }),
      );
      this.remember("post", sourceId, postId);
      this.posts.set(sourceId, { id: postId, threadId: parent.threadId, kind: "answer", authorId, createdAt });
    }
    countRow(this.report, kindName, "imported");
  }

  /** Accepted answers, from the questions' AcceptedAnswerId, once every answer is in. */
  private readonly accepted = new Map<number, number>();

  private applyAcceptances() {
    for (const [questionSource, answerSource] of this.accepted) {
      const question = this.posts.get(questionSource);
      const answer = this.posts.get(answerSource);
      if (!question || !answer || answer.kind !== "answer" || answer.threadId !== question.threadId) continue;
      this.statements.setAccepted.run({ target: answer.id, threadId: question.threadId });
    }
    this.accepted.clear();
  }

  private importComment(row: XmlRow) {
    const sourceId = int(row, "Id");
    if (this.isMapped("post", `c${sourceId}`)) return this.existing("comments");
    const parentSource = int(row, "PostId");
    const parent = this.posts.get(parentSource);
    if (!parent) throw new BrokenRow("unknown-parent");
    const text = required(row, "Text");
    const { body, bodyHtml } = this.converted(row, "comment", text);
    if (!body) throw new BrokenRow("empty-body");
    const createdAt = date(row, "CreationDate");
    const postId = Number(
      this.statements.insertPost.get({
        threadId: parent.threadId,
        kind: "comment",
        parentId: parent.id,
        authorId: this.authorOf(row, "UserId"),
        body,
        bodyHtml,
        score: optionalInt(row, "Score") ?? 0,
        createdAt,
        editedAt: null,
        editedById: null,
        deletedAt: null,
        deletedById: null,
        sourceUrl: `${this.sourceUrl(parent.kind === "question" ? "q" : "a", parentSource)}#comment${sourceId}_${parentSource}`,
        sourceLicense: row.attributes.ContentLicense?.trim() || DEFAULT_LICENSE,
      }),
    );
    this.remember("post", `c${sourceId}`, postId);
    countRow(this.report, "comments", "imported");
  }

  // PostHistory: the rows of one revision share a RevisionGUID (its title,
  // body and tags); they are gathered, then written as one of our revisions.
  private openRevision: {
    key: string;
    post: PostRef;
    title: string | null;
    body: string | null;
    editorId: number;
    createdAt: number;
    reason: string;
  } | null = null;
  private readonly locks = new Map<number, number | null>();
  private readonly revisionsThisRun = new Set<string>();

  private importHistory(row: XmlRow) {
    const type = int(row, "PostHistoryTypeId");
    const postSource = int(row, "PostId");
    const post = this.posts.get(postSource);
    // Locks and unlocks (14, 15) of questions: applied at the end of the pass.
    if (type === 14 || type === 15) {
      if (post?.kind === "question") this.locks.set(post.threadId, type === 14 ? date(row, "CreationDate") : null);
      else if (post) this.notImported("answer-lock");
      else throw new BrokenRow("unknown-post");
      return;
    }
    const isTitle = type === 1 || type === 4 || type === 7;
    const isBody = type === 2 || type === 5 || type === 8;
    // Tags, closing, deletion, notices...: the post's state comes from Posts.xml, not from its history.
    if (!isTitle && !isBody) return this.notImported(`history-type:${type}`);
    if (!post) throw new BrokenRow("unknown-post");
    const key = `${postSource}:${row.attributes.RevisionGUID ?? row.attributes.Id}`;
    if (this.openRevision?.key !== key) {
      this.flushRevision();
      this.openRevision = {
        key,
        post,
        title: null,
        body: null,
        editorId: this.authorOf(row, "UserId"),
        createdAt: date(row, "CreationDate"),
        reason: (row.attributes.Comment ?? "").slice(0, 300),
      };
    }
    const text = row.attributes.Text ?? "";
    if (isTitle) this.openRevision.title = text;
    else this.openRevision.body = text;
  }

  private flushRevision() {
    const revision = this.openRevision;
    this.openRevision = null;
    if (!revision) return;
    if (this.isMapped("revision", revision.key)) {
      // The same revision met again further on in the file (its rows were not together): already written by this run.
      if (this.revisionsThisRun.has(revision.key)) return;
      this.revisionsThisRun.add(revision.key);
      return this.existing("revisions");
    }
    this.revisionsThisRun.add(revision.key);
    const before = this.statements.lastRevision.get(revision.post.id) as { title: string | null; body: string } | undefined;
    const current = before ? null : (this.statements.postBody.get(revision.post.id) as { body: string; title: string });
    const isQuestion = revision.post.kind === "question";
    const title = isQuestion ? (revision.title ?? before?.title ?? current?.title ?? null) : null;
    const body = revision.body ?? before?.body ?? current!.body;
    const info = this.statements.insertRevision.run(revision.post.id, revision.editorId, title, body, revision.reason, revision.createdAt);
    this.remember("revision", revision.key, Number(info.lastInsertRowid));
    countRow(this.report, "revisions", "imported");
  }

  private applyLocks() {
    for (const [threadId, lockedAt] of this.locks) this.statements.setLocked.run(lockedAt, threadId);
  }

  private acceptedAnswers: Map<number, number> | null = null;

  private acceptedAnswerOf(threadId: number): number | undefined {
    if (!this.acceptedAnswers) {
      this.acceptedAnswers = new Map();
      const rows = this.sqlite
        .prepare(
          `select t.id, t.accepted_answer_id as answerId from threads t join import_sources s on s.target_id = t.id and s.source = ? and s.kind = 'thread'
           where t.accepted_answer_id is not null`,
        )
        .all(this.source) as { id: number; answerId: number }[];
      for (const row of rows) this.acceptedAnswers.set(row.id, row.answerId);
    }
    return this.acceptedAnswers.get(threadId);
  }

  private importVote(row: XmlRow) {
    const type = int(row, "VoteTypeId");
    // 1 accepted, 2 up, 3 down; the others (favourites, bounties, close and deletion votes) are not scores.
    if (type !== 1 && type !== 2 && type !== 3) return this.notImported(`vote-type:${type}`);
    const sourceId = int(row, "Id");
    if (this.isMapped("vote", String(sourceId))) return this.existing(type === 1 ? "acceptances" : "votes");
    const post = this.posts.get(int(row, "PostId"));
    if (!post || post.kind === "comment") throw new BrokenRow("unknown-post");
    const now = new Date(date(row, "CreationDate"));
    if (type === 1) {
      this.remember("vote", sourceId, post.id);
      if (this.acceptedAnswerOf(post.threadId) !== post.id) return this.notImported("acceptance-not-current");
      if (!this.awardAcceptance(post, now)) this.notImported("acceptance-again");
      return;
    }
    const voterSource = optionalInt(row, "UserId");
    const voter = voterSource === null ? undefined : this.users.get(voterSource);
    const value = type === 2 ? 1 : -1;
    if (voter !== undefined && voter !== post.authorId) this.statements.insertVote.run(post.id, voter, value, now.getTime());
    const actorId = voter ?? this.state.voterId;
    if (actorId !== post.authorId) {
      if (value === 1) this.award({ userId: post.authorId, reason: post.kind === "answer" ? "answer_upvoted" : "question_upvoted", postId: post.id, actorId, now });
      else {
        this.award({ userId: post.authorId, reason: "post_downvoted", postId: post.id, actorId, now });
        if (voter !== undefined && post.kind === "answer") this.award({ userId: voter, reason: "downvoted_answer", postId: post.id, actorId, now });
      }
    }
    this.remember("vote", sourceId, post.id);
    countRow(this.report, "votes", "imported");
  }

  /** The asker's acceptance gives the answer's author and the asker their points (not for accepting one's own answer). */
  private awardAcceptance(answer: PostRef, now: Date): boolean {
    if (this.isMapped("vote", `accepted:${answer.id}`)) return false;
    const askerId = this.sqlite.prepare("select author_id from threads where id = ?").pluck().get(answer.threadId) as number;
    if (answer.authorId !== askerId) {
      this.award({ userId: answer.authorId, reason: "answer_accepted", postId: answer.id, actorId: askerId, now });
      this.award({ userId: askerId, reason: "accepted_answer", postId: answer.id, actorId: askerId, now });
    }
    this.remember("vote", `accepted:${answer.id}`, answer.id);
    countRow(this.report, "acceptances", "imported");
    return true;
  }

  /** Accepted answers that Votes.xml gives no acceptance vote for: their points, at the answer's date. */
  private awardUnvotedAcceptances() {
    const rows = this.sqlite
      .prepare(
        `select a.id, a.thread_id as threadId, a.kind, a.author_id as authorId, a.created_at as createdAt
         from threads t join import_sources s on s.target_id = t.id and s.source = ? and s.kind = 'thread'
         join posts a on a.id = t.accepted_answer_id
         where not exists (select 1 from import_sources v where v.source = s.source and v.kind = 'vote' and v.source_id = 'accepted:' || a.id)`,
      )
      .all(this.source) as PostRef[];
    for (const answer of rows) this.awardAcceptance(answer, new Date(answer.createdAt));
  }

  private importLink(row: XmlRow) {
    // 3: closed as a duplicate of RelatedPostId; 1 (linked) is only a link in the text.
    if (row.attributes.LinkTypeId !== "3") return this.notImported(`link-type:${row.attributes.LinkTypeId ?? ""}`);
    const sourceId = int(row, "Id");
    if (this.isMapped("link", String(sourceId))) return this.existing("duplicates");
    const duplicate = this.posts.get(int(row, "PostId"));
    const original = this.posts.get(int(row, "RelatedPostId"));
    if (!duplicate || !original) throw new BrokenRow("unknown-post");
    if (duplicate.kind !== "question" || original.kind !== "question") throw new BrokenRow("not-a-question");
    if (duplicate.threadId === original.threadId) return this.notImported("self-duplicate");
    this.statements.setDuplicate.run({ target: original.threadId, threadId: duplicate.threadId });
    this.remember("link", sourceId, duplicate.threadId);
    countRow(this.report, "duplicates", "imported");
  }

  /** Counters, first revisions of posts without history, then the search index, once. */
  private async finish() {
    this.transaction("finish", () => {
      const imported = "select target_id from import_sources where source = ? and kind = 'thread'";
      this.sqlite
        .prepare(
          `update threads set
             answer_count = (select count(*) from posts where posts.thread_id = threads.id and posts.kind = 'answer' and ${conditionText(livePosts())}),
             last_activity_by_id = coalesce((select p.author_id from posts p where p.thread_id = threads.id and p.kind <> 'comment' order by p.created_at desc, p.id desc limit 1), author_id)
           where id in (${imported})`,
        )
        .run(this.source);
      // Every post's history starts with a revision: those PostHistory said nothing about get their text as imported.
      this.sqlite
        .prepare(
          `insert into revisions (post_id, editor_id, title, body, created_at)
           select p.id, p.author_id, case when p.kind = 'question' then t.title end, p.body, p.created_at
           from import_sources s join posts p on p.id = s.target_id join threads t on t.id = p.thread_id
           where s.source = ? and s.kind = 'post' and not exists (select 1 from revisions r where r.post_id = p.id)`,
        )
        .run(this.source);
      if (!this.report.notes.includes("badges-not-imported")) this.report.notes.push("badges-not-imported");
    });
    rebuildSearchIndex(this.db);
  }
}
