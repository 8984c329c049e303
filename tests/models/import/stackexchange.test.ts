// The Stack Exchange importer on the two real dumps and on small hand-made
// bad ones: what it brings in equals what the dump holds (counted here by a
// separate, simple reading of the XML), nothing twice, nothing unsafe.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { importSources, posts, reputationEvents, revisions, tags, threads, users } from "../../../db/schema";
import {
  CommunityExistsError,
  ImportFileError,
  ImportInterruptedError,
  importStackExchange,
} from "../../../app/models/import/stackexchange.server";
import { reputationMismatches } from "../../../app/models/reputation/reputation.server";
import { threadPageFor } from "../../../app/models/forum/thread-page.server";
import { createTestDb } from "../../support/db";
import { createTestCategory } from "../../support/factories";
import type { Db } from "../../../db/client";
import { stackExchangeDump } from "../../support/stackexchange-dumps";

const FIXTURES = path.resolve("tests", "fixtures", "stackexchange");

function decode(text: string) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#xA;/g, "\n")
    .replace(/&#xD;/g, "\r")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Every <row ...> of a dump file as a map of attributes: a plain regular-expression reading, not the importer's. */
function rows(folder: string, file: string): Record<string, string>[] {
  const text = readFileSync(path.join(folder, file), "utf8");
  return [...text.matchAll(/<row ([^>]*?)\/>/g)].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)])),
  );
}

/** What the dump holds, as the forum should show it. */
function expectedCounts(folder: string) {
  const all = rows(folder, "Posts.xml");
  const questions = new Set(all.filter((r) => r.PostTypeId === "1").map((r) => r.Id));
  const answers = all.filter((r) => r.PostTypeId === "2" && questions.has(r.ParentId!));
  const answerIds = new Set(answers.map((r) => r.Id));
  const posts = new Set([...questions, ...answerIds]);
  return {
    threads: questions.size,
    answers: answers.length,
    comments: rows(folder, "Comments.xml").filter((r) => posts.has(r.PostId!)).length,
    tags: rows(folder, "Tags.xml").length,
    accepted: all.filter((r) => r.PostTypeId === "1" && r.AcceptedAnswerId && answerIds.has(r.AcceptedAnswerId)).length,
  };
}

function source(site: string) {
  return `stackexchange:${site}`;
}

function importedCounts(db: Db, site: string) {
  const mapped = (kind: "tag" | "thread") =>
    db.select({ n: count() }).from(importSources).where(sql`${importSources.source} = ${source(site)} and ${importSources.kind} = ${kind}`).get()!.n;
  const kind = (k: "answer" | "comment") =>
    db.select({ n: count() }).from(posts).where(sql`${posts.kind} = ${k} and ${posts.sourceUrl} like ${`https://${site}/%`}`).get()!.n;
  return {
    threads: mapped("thread"),
    answers: kind("answer"),
    comments: kind("comment"),
    tags: mapped("tag"),
    accepted: db
      .select({ n: count() })
      .from(threads)
      .where(sql`${threads.acceptedAnswerId} is not null and ${threads.id} in (select target_id from import_sources where source = ${source(site)} and kind = 'thread')`)
      .get()!.n,
  };
}

function tableCounts(db: Db) {
  const n = (table: typeof users | typeof posts | typeof threads | typeof revisions | typeof reputationEvents | typeof importSources | typeof tags) =>
    db.select({ n: count() }).from(table).get()!.n;
  return { users: n(users), posts: n(posts), threads: n(threads), revisions: n(revisions), ledger: n(reputationEvents), sources: n(importSources), tags: n(tags) };
}

const dumps = [
  { name: "french-meta" as const, site: "french.meta.stackexchange.com" },
  { name: "conlang-meta" as const, site: "conlang.meta.stackexchange.com" },
];

describe.each(dumps)("importing the $name dump", ({ name, site }) => {
  const db = createTestDb();
  const folder = stackExchangeDump(name);
  const expected = expectedCounts(folder);
  let firstReport: Awaited<ReturnType<typeof importStackExchange>>["report"];

  test("brings in as many threads, answers, comments, tags and accepted answers as the dump holds", async () => {
    const { report } = await importStackExchange(db, { folder });
    firstReport = report;
    expect(report.site).toBe(site);
    expect(importedCounts(db, site)).toEqual(expected);
    expect(report.counts.questions!.imported).toBe(expected.threads);
    expect(report.counts.answers!.imported).toBe(expected.answers);
    // The bodies were converted by worker threads (none stopped and left them to the main thread).
    expect(report.notes.filter((note) => note.startsWith("conversion-worker-failed"))).toEqual([]);
  }, 60_000);

  test("reports the votes, history rows, posts and links it leaves out, by type, so every row read is accounted for", () => {
    const byType = (file: string, attribute: string, kept: string[]) => {
      const counts: Record<string, number> = {};
      for (const row of rows(folder, file)) if (!kept.includes(row[attribute]!)) counts[row[attribute]!] = (counts[row[attribute]!] ?? 0) + 1;
      return counts;
    };
    const reported = (prefix: string) =>
      Object.fromEntries(Object.entries(firstReport.notImported).filter(([reason]) => reason.startsWith(`${prefix}:`)).map(([reason, n]) => [reason.split(":")[1], n]));
    expect(reported("vote-type")).toEqual(byType("Votes.xml", "VoteTypeId", ["1", "2", "3"]));
    expect(Object.keys(reported("vote-type")).length).toBeGreaterThan(0);
    expect(reported("history-type")).toEqual(byType("PostHistory.xml", "PostHistoryTypeId", ["1", "2", "4", "5", "7", "8", "14", "15"]));
    expect(reported("post-type")).toEqual(byType("Posts.xml", "PostTypeId", ["1", "2"]));
    expect(reported("link-type")).toEqual(byType("PostLinks.xml", "LinkTypeId", ["3"]));
    // Votes.xml, row by row: imported, or left out with a reason, or skipped (a vote on a post that is not a question or an answer).
    const votes = rows(folder, "Votes.xml");
    const leftOut = Object.entries(firstReport.notImported)
      .filter(([reason]) => reason.startsWith("vote-type:") || reason.startsWith("acceptance-"))
      .reduce((sum, [, n]) => sum + n, 0);
    const answersAndQuestions = new Set(rows(folder, "Posts.xml").filter((r) => r.PostTypeId === "1" || r.PostTypeId === "2").map((r) => r.Id));
    const onOtherPosts = votes.filter((r) => ["1", "2", "3"].includes(r.VoteTypeId!) && !answersAndQuestions.has(r.PostId!)).length;
    expect(firstReport.skipped["unknown-post"]?.count ?? 0).toBeGreaterThanOrEqual(onOtherPosts);
    expect(firstReport.counts.votes!.imported + firstReport.counts.acceptances!.imported + leftOut + onOtherPosts).toBe(votes.length);
  });

  test("keeps code blocks, links and lists in the bodies, rendered by our pipeline", () => {
    const source = rows(folder, "Posts.xml").filter((r) => r.PostTypeId === "1" || r.PostTypeId === "2");
    const sample = (marker: RegExp) => source.filter((r) => marker.test(r.Body ?? "")).slice(0, 5);
    const bodyOf = (row: Record<string, string>) =>
      db.select({ html: posts.bodyHtml, body: posts.body }).from(posts).where(eq(posts.sourceUrl, `https://${site}/${row.PostTypeId === "1" ? "q" : "a"}/${row.Id}`)).get()!;
    const checks: [RegExp, RegExp][] = [
      [/<pre[^>]*><code>/, /<pre><code[^>]*>/],
      [/<a href="https?:/, /<a href="https?:[^"]*" rel="nofollow ugc noopener">/],
      [/<(ul|ol)>/, /<(ul|ol)[^>]*>\s*<li>/],
    ];
    let checked = 0;
    for (const [inDump, inOurs] of checks) {
      for (const row of sample(inDump)) {
        expect(bodyOf(row).html, `post ${row.Id}`).toMatch(inOurs);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  test("rebuilds reputation through the ledger, not from the dump's figures", () => {
    expect(reputationMismatches(db)).toEqual([]);
    const ledgerRows = db.select({ n: count() }).from(reputationEvents).get()!.n;
    expect(ledgerRows).toBeGreaterThan(0);
    // The dump's Reputation is Stack Exchange's: ours comes from our rules, so at least one member differs.
    const dumpReputation = new Map(rows(folder, "Users.xml").map((r) => [r.DisplayName, Number(r.Reputation)]));
    const ours = db.select({ displayName: users.displayName, reputation: users.reputation }).from(users).all();
    expect(ours.some((u) => dumpReputation.has(u.displayName) && dumpReputation.get(u.displayName) !== u.reputation)).toBe(true);
    // Members without a password: they claim their account by SSO or an admin's reset.
    expect(db.select({ n: count() }).from(users).where(sql`${users.passwordHash} <> ''`).get()!.n).toBe(0);
  });

  test("the thread page credits and links the source, on the question and on each answer", () => {
    const thread = db
      .select({ id: threads.id })
      .from(threads)
      .where(sql`${threads.answerCount} > 0 and ${threads.deletedAt} is null`)
      .limit(1)
      .get()!;
    const page = threadPageFor(db, null, thread.id, "en")!;
    const question = db.select({ url: posts.sourceUrl, license: posts.sourceLicense, author: users.displayName }).from(posts).innerJoin(users, eq(users.id, posts.authorId)).where(eq(posts.id, page.question.id)).get()!;
    expect(question.url).toMatch(new RegExp(`^https://${site.replace(/\./g, "\\.")}/q/\\d+$`));
    expect(page.question.bodyHtml).toContain(`<p class="source-credit"><a href="${question.url}"`);
    const escaped = question.author.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    expect(page.question.bodyHtml).toContain(`Imported from ${site} · by ${escaped} · ${question.license}`);
    for (const answer of page.answers) expect(answer.bodyHtml).toMatch(new RegExp(`source-credit"><a href="https://${site.replace(/\./g, "\\.")}/a/\\d+"`));
    const french = threadPageFor(db, null, thread.id, "fr")!;
    expect(french.question.bodyHtml).toContain(`Importé de ${site}`);
  });

  test("a second run adds nothing", async () => {
    const before = tableCounts(db);
    const { report } = await importStackExchange(db, { folder });
    expect(tableCounts(db)).toEqual(before);
    for (const [kind, counts] of Object.entries(report.counts)) {
      expect(counts.imported, kind).toBe(0);
      expect(counts.existing, kind).toBe(firstReport.counts[kind]!.imported);
    }
    expect(reputationMismatches(db)).toEqual([]);
  }, 60_000);
});

describe("converting bodies in worker threads or in the main thread", () => {
  const folder = stackExchangeDump("conlang-meta");
  const inline = createTestDb();
  const pooled = createTestDb();

  test("gives the same posts, in the same order, with the same source ids", async () => {
    const [one, two] = await Promise.all([importStackExchange(inline, { folder, workers: 0 }), importStackExchange(pooled, { folder, workers: 2, batchSize: 100 })]);
    expect(two.report.counts).toEqual(one.report.counts);
    expect(two.report.notImported).toEqual(one.report.notImported);
    const dump = (db: Db) => ({
      posts: db.select({ id: posts.id, kind: posts.kind, body: posts.body, bodyHtml: posts.bodyHtml, sourceUrl: posts.sourceUrl }).from(posts).orderBy(posts.id).all(),
      sources: db.select().from(importSources).orderBy(importSources.kind, importSources.sourceId).all(),
    });
    const expected = dump(inline);
    expect(expected.posts.length).toBeGreaterThan(100);
    expect(dump(pooled)).toEqual(expected);
  }, 60_000);
});

describe("an interrupted import", () => {
  const db = createTestDb();
  const folder = stackExchangeDump("conlang-meta");

  test("resumes where it stopped and ends as an uninterrupted one", async () => {
    const expected = expectedCounts(folder);
    await expect(importStackExchange(db, { folder, stopAfterRows: 150, batchSize: 50 })).rejects.toBeInstanceOf(ImportInterruptedError);
    const partial = importedCounts(db, "conlang.meta.stackexchange.com");
    expect(partial.threads + partial.answers + partial.comments).toBeLessThan(expected.threads + expected.answers + expected.comments);
    await expect(importStackExchange(db, { folder, stopAfterRows: 900, batchSize: 50 })).rejects.toBeInstanceOf(ImportInterruptedError);
    const { report } = await importStackExchange(db, { folder, batchSize: 50 });
    expect(importedCounts(db, "conlang.meta.stackexchange.com")).toEqual(expected);
    expect(report.counts.questions!.imported).toBe(expected.threads);
    // Each source row once: no post twice.
    const urls = db.select({ n: count(), distinct: sql<number>`count(distinct ${posts.sourceUrl})` }).from(posts).where(isNotNull(posts.sourceUrl)).get()!;
    expect(urls.n).toBe(urls.distinct);
    expect(reputationMismatches(db)).toEqual([]);
  }, 60_000);
});

describe("bad input", () => {
  const site = "example.stackexchange.com";

  test("hostile HTML is neutralised, a broken row is skipped and reported, unknown attributes ignored", async () => {
    const db = createTestDb();
    const { report } = await importStackExchange(db, { folder: path.join(FIXTURES, "bad-rows"), site });
    const question = db.select().from(posts).where(eq(posts.sourceUrl, `https://${site}/q/10`)).get()!;
    expect(question.bodyHtml).toContain("Safe text");
    expect(question.bodyHtml).not.toMatch(/<script|<iframe|onerror|onclick|javascript:/i);
    expect(question.body).not.toMatch(/<script|alert\(3\)/);
    expect(question.sourceLicense).toBe("CC BY-SA 4.0");
    const alice = db.select().from(users).where(eq(users.displayName, "Alice Asker")).get()!;
    expect(alice.bio).toBe("Hi there");
    expect(alice.reputation).not.toBe(9999);
    expect(report.skipped["bad-date:CreationDate"]?.examples).toEqual([{ file: "Users.xml", line: 5, id: "3" }]);
    expect(report.skipped["missing-attribute:CreationDate"]?.examples).toEqual([{ file: "Posts.xml", line: 5, id: "12" }]);
    expect(report.skipped["unknown-question"]?.examples).toEqual([{ file: "Posts.xml", line: 6, id: "13" }]);
    expect(report.skipped["unknown-post"]?.examples).toEqual([{ file: "Votes.xml", line: 6, id: "4" }]);
    expect(report.counts.questions!.imported).toBe(1);
    expect(report.counts.answers!.imported).toBe(1);
    expect(report.counts.acceptances!.imported).toBe(1);
    expect(report.missingFiles).toEqual(expect.arrayContaining(["Comments.xml", "PostHistory.xml", "PostLinks.xml", "Tags.xml"]));
    // Every post has its first revision; tags come from the question even without Tags.xml.
    expect(db.select({ n: count() }).from(revisions).get()!.n).toBe(2);
    expect(db.select({ name: tags.name }).from(tags).all().map((t) => t.name).sort()).toEqual(["html", "security"]);
    expect(reputationMismatches(db)).toEqual([]);
  });

  test("a body that cannot be converted skips its row, reported, and the others are imported", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "entraide-se-deep-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const escape = (html: string) => html.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    // Nested deeper than a thread's stack allows: turndown overflows on it.
    const tooDeep = `${"<blockquote>".repeat(6_000)}deep${"</blockquote>".repeat(6_000)}`;
    const question = (id: number, body: string) =>
      `  <row Id="${id}" PostTypeId="1" CreationDate="2020-02-01T10:00:00.000" Score="0" Body="${escape(body)}" OwnerUserId="1" Title="Question ${id}" Tags="&lt;deep&gt;" />`;
    writeFileSync(
      path.join(folder, "Posts.xml"),
      ['<?xml version="1.0" encoding="utf-8"?>', "<posts>", question(1, "<p>First</p>"), question(2, tooDeep), question(3, "<p>Third</p>"), "</posts>", ""].join("\n"),
    );
    writeFileSync(
      path.join(folder, "Users.xml"),
      ['<?xml version="1.0" encoding="utf-8"?>', "<users>", '  <row Id="1" CreationDate="2020-01-01T10:00:00.000" DisplayName="Deep Diver" />', "</users>", ""].join("\n"),
    );
    for (const workers of [1, 0]) {
      const db = createTestDb();
      const { report } = await importStackExchange(db, { folder, site, workers });
      expect(report.skipped["conversion-failed"], `workers: ${workers}`).toEqual({ count: 1, examples: [{ file: "Posts.xml", line: 4, id: "2" }] });
      expect(report.counts.questions!.imported).toBe(2);
      expect(db.select({ url: posts.sourceUrl }).from(posts).orderBy(posts.id).all().map((p) => p.url)).toEqual([`https://${site}/q/1`, `https://${site}/q/3`]);
    }
  }, 60_000);

  test("a malformed file names the file and the line", async () => {
    const db = createTestDb();
    const error = await importStackExchange(db, { folder: path.join(FIXTURES, "malformed"), site }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).file).toMatch(/Posts\.xml$/);
    expect((error as ImportFileError).line).toBe(4);
    // The run says how far it got.
    const run = db.$client.prepare("select status, state from import_runs").get() as { status: string; state: string };
    expect(run.status).toBe("failed");
    expect(JSON.parse(run.state).report.notes.join(" ")).toContain("Posts.xml");
  });

  test("a missing file is named before anything is written", async () => {
    const db = createTestDb();
    const error = await importStackExchange(db, { folder: path.join(FIXTURES, "missing-posts"), site }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).message).toMatch(/Posts\.xml: missing file/);
    expect(db.select({ n: count() }).from(users).get()!.n).toBe(0);
  });

  test("a database that holds a community refuses, unless --merge", async () => {
    const db = createTestDb();
    const category = createTestCategory(db);
    const author = db.insert(users).values({ username: "existing", email: "existing@example.org", displayName: "Existing", passwordHash: "" }).returning().get();
    db.insert(threads).values({ title: "Already here", slug: "already-here", categoryId: category.id, authorId: author.id, lastActivityAt: new Date() }).run();
    const folder = path.join(FIXTURES, "bad-rows");
    await expect(importStackExchange(db, { folder, site })).rejects.toBeInstanceOf(CommunityExistsError);
    expect(db.select({ n: count() }).from(importSources).get()!.n).toBe(0);
    const { report } = await importStackExchange(db, { folder, site, merge: true });
    expect(report.counts.questions!.imported).toBe(1);
    expect(db.select({ n: count() }).from(threads).get()!.n).toBe(2);
  });
});
