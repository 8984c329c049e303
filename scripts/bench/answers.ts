// Answers posted per second through the application's real write path:
// createAnswer with everything it does in its transaction (the post and its
// first revision, the thread's counters, the search index, notifications and
// their emails, badges, follow-ups, watches). On a copy of a database, so the
// benchmark's own community is left as it was.
//
//   tsx scripts/bench/answers.ts <database> [--answers 3000]
//
// The members who answer have accounts older than a day and take turns, and
// the clock each answer is posted at moves on a second an answer: nobody posts
// faster than the posting limits allow, and the limits stay as they are.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createAnswer } from "../../app/models/forum/post.server";
import { POSTING_INTERVALS } from "../../app/models/forum/posting-limits.server";
import { getRewardRules } from "../../app/models/reputation/reward-rules.server";
import type { Actor } from "../../app/policy";
import { createDb, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seededRandom } from "./seeded-random";

export type AnswersResult = { answers: number; seconds: number; perSecond: number };

const DEFAULT_ANSWERS = 3_000;
const WARM_UP = 100;
const MEMBERS = 40;
const THREADS = 600;
const DAY_MS = 86_400_000;
// Each member's turn comes back every MEMBERS seconds: longer than any posting interval.
const STEP_MS = 1_000;
const SEED = 11;

type Member = NonNullable<Actor> & { username: string };

/** Members who may answer: not staff, not suspended, older than a day at `start`, spread over the community. */
function answerers(db: Db, start: number): Member[] {
  const privileges = getRewardRules(db).privileges;
  const rows = db.$client
    .prepare<[number], { id: number; username: string; role: "member"; reputation: number; createdAt: number }>(
      `select id, username, role, reputation, created_at as createdAt from users
       where role = 'member' and suspended_until is null and created_at < ?
       order by id`,
    )
    .all(start - DAY_MS);
  if (rows.length < MEMBERS) throw new Error(`The database has ${rows.length} members who may answer; the benchmark needs ${MEMBERS}.`);
  const every = rows.length / MEMBERS;
  return Array.from({ length: MEMBERS }, (_, i) => {
    const row = rows[Math.floor(i * every)];
    return { ...row, createdAt: new Date(row.createdAt), privileges };
  });
}

/** Open threads anyone may answer, spread over the community's history. */
function openThreads(db: Db): number[] {
  const ids = db.$client
    .prepare<[], { id: number }>(
      `select id from threads
       where deleted_at is null and hidden_at is null and locked_at is null and duplicate_of_id is null
       order by id`,
    )
    .all()
    .map((row) => row.id);
  if (!ids.length) throw new Error("The database has no open thread to answer.");
  const every = Math.max(1, ids.length / THREADS);
  return Array.from({ length: Math.min(THREADS, ids.length) }, (_, i) => ids[Math.floor(i * every)]);
}

const OPENINGS = [
  "I had the same problem last week.",
  "This usually comes from the settings rather than the line itself.",
  "Try restarting the router first, then wait five minutes.",
  "Check the **account page**: the option is under *Services*.",
  "Support told me this is a known issue in some areas.",
];
const STEPS = [
  "Unplug the power cable for thirty seconds.",
  "Sign in to the app and open *My plan*.",
  "Run the line test from the help page.",
  "Switch the Wi-Fi channel to 1, 6 or 11.",
  "Ask for a refund of the days without service.",
  "Update the firmware from the admin page (`192.168.1.1`).",
];
const CLOSINGS = [
  "Hope this helps!",
  "It worked for me within the hour.",
  "If not, ask support to check the line from their side.",
  "See the [help page](https://example.test/help) for the details.",
];

/** A few lines of markdown, now and then with a list, and a mention of another member. */
function answerBody(random: () => number, members: Member[], self: Member): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const lines = [pick(OPENINGS)];
  if (random() < 0.5) {
    const count = 2 + Math.floor(random() * 3);
    lines.push("", ...Array.from({ length: count }, (_, i) => `${i + 1}. ${pick(STEPS)}`));
  } else {
    lines.push(pick(STEPS));
  }
  const other = pick(members);
  if (random() < 0.1 && other.id !== self.id) lines.push("", `@${other.username} had the same router, maybe they know more.`);
  lines.push("", pick(CLOSINGS));
  return lines.join("\n");
}

function copyDatabase(dbPath: string, dir: string): string {
  const copy = path.join(dir, "answers.db");
  copyFileSync(dbPath, copy);
  // What a writer left in the write-ahead log belongs to the database too.
  if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
  return copy;
}

/**
 * Copies the database to a temporary file, then posts `answers` answers (after
 * a short warm-up) by forty members to six hundred threads through
 * createAnswer, one after the other as a server process would, and says how
 * many went through per second of the calls' own time.
 */
export async function measureAnswersPerSecond(dbPath: string, answers = DEFAULT_ANSWERS): Promise<AnswersResult> {
  if (!existsSync(dbPath)) throw new Error(`No database at ${dbPath}.`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "entraide-answers-"));
  try {
    const db = createDb(copyDatabase(dbPath, dir));
    try {
      migrateDb(db);
      const latest = db.$client.prepare<[], { at: number | null }>("select max(created_at) as at from posts").get()?.at ?? 0;
      // After everything already written, so the members' last posts are behind them.
      let now = Math.max(Date.now(), latest) + DAY_MS;
      const members = answerers(db, now);
      const threads = openThreads(db);
      if (MEMBERS * STEP_MS < POSTING_INTERVALS.established.answer * 1000) throw new Error("Too few members for the posting limits.");
      const random = seededRandom(SEED);
      // Prepared beforehand: the benchmark times createAnswer, not the text it is given.
      const posts = Array.from({ length: WARM_UP + answers }, (_, i) => {
        const member = members[i % members.length];
        return { member, threadId: threads[Math.floor(random() * threads.length)], body: answerBody(random, members, member) };
      });
      let seconds = 0;
      posts.forEach((post, i) => {
        now += STEP_MS;
        const started = performance.now();
        const result = createAnswer(db, post.member, { threadId: post.threadId, body: post.body }, new Date(now));
        if (i >= WARM_UP) seconds += (performance.now() - started) / 1000;
        if (!result.ok) throw new Error(`Answer ${i + 1} by ${post.member.username} was refused: ${JSON.stringify(result.errors)}`);
      });
      return { answers, seconds, perSecond: answers / seconds };
    } finally {
      db.$client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    options: { answers: { type: "string", default: String(DEFAULT_ANSWERS) } },
    allowPositionals: true,
    strict: true,
  });
  const dbPath = positionals[0];
  if (!dbPath) {
    console.error("Usage: tsx scripts/bench/answers.ts <database> [--answers 3000]");
    process.exit(1);
  }
  const answers = Math.max(1, Number.parseInt(values.answers, 10) || DEFAULT_ANSWERS);
  const result = await measureAnswersPerSecond(path.resolve(dbPath), answers);
  console.log(`${result.answers} answers through createAnswer in ${result.seconds.toFixed(2)} s: ${result.perSecond.toFixed(0)} answers/s`);
}
