// "Ideas voting is race-free (50 concurrent votes count 50)" (issue #17): 50
// members vote at once from five processes, each with its own connection to
// the same database file, as the server's processes do; each votes twice.
// The count is set from the votes' rows inside the transaction that adds one,
// so none is lost and none counts twice.
import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { proposeIdea, withdrawIdeaVote } from "../../../app/models/ideas/ideas.server";
import { ideaVotes, threads } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestCategory } from "../../support/factories";
import { root } from "../../support/source-files";

const db = createTestDb();
const PROCESSES = 5;
const VOTERS = 50;

type Outcome = { code: number | null; counted: number | null; started: number; finished: number; stderr: string };
type Child = { ready: Promise<void>; done: Promise<Outcome>; go: () => void };

function startVoter(threadId: number, userIds: number[]): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/models/ideas/vote-race-child.ts", db.$client.name, String(threadId), ...userIds.map(String)], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Outcome>((resolve) =>
    child.on("close", (code) => {
      markReady();
      const last = stdout.trim().split("\n").at(-1) ?? "";
      const report = last.startsWith("{") ? (JSON.parse(last) as { counted: number; started: number; finished: number }) : { counted: null, started: 0, finished: 0 };
      resolve({ code, ...report, stderr });
    }),
  );
  return { ready, done, go: () => child.stdin.write("go\n") };
}

describe("voting for an idea from many processes at once", () => {
  test("50 members voting at once (twice each) count 50", async () => {
    createTestCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas" });
    const proposer = await createEstablishedMember(db);
    const result = proposeIdea(db, proposer, { title: "Let me pick the Wi-Fi channel in the app", body: "The neighbours' networks crowd mine every evening." });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    // The proposer's own vote is taken back, so the count is exactly the race's.
    expect(withdrawIdeaVote(db, proposer, { threadId: result.id }).votes).toBe(0);
    const voters: number[] = [];
    for (let i = 0; i < VOTERS; i++) voters.push((await createEstablishedMember(db)).id);

    const children = Array.from({ length: PROCESSES }, (_, i) => startVoter(result.id, voters.filter((_, j) => j % PROCESSES === i)));
    await Promise.all(children.map((c) => c.ready));
    for (const child of children) child.go();
    const outcomes = await Promise.all(children.map((c) => c.done));

    expect(outcomes.map((o) => [o.code, o.stderr])).toEqual(children.map(() => [0, ""]));
    // Each process saw a count of its own votes at least, never more than all of them.
    for (const outcome of outcomes) expect(outcome.counted).toBeGreaterThanOrEqual(VOTERS / PROCESSES);
    for (const outcome of outcomes) expect(outcome.counted).toBeLessThanOrEqual(VOTERS);
    expect(db.select().from(ideaVotes).where(eq(ideaVotes.threadId, result.id)).all()).toHaveLength(VOTERS);
    expect(db.select().from(threads).where(eq(threads.id, result.id)).get()!.ideaVoteCount).toBe(VOTERS);
    // The last process to finish counted everyone.
    expect(Math.max(...outcomes.map((o) => o.counted ?? 0))).toBe(VOTERS);
    // A real race: some processes were voting while another was.
    const overlapping = outcomes.filter((a) => outcomes.some((b) => a !== b && a.started < b.finished && b.started < a.finished));
    expect(overlapping.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
