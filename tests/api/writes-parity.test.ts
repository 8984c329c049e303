// The API writes what the site writes: the same action through the API and
// through the site's own page (the thread page's and the ask page's actions,
// called as Remix calls them), on two threads in the same state, changes the
// same tables by the same number of rows — the post, its counters, its
// reputation rows, its search entry, its notifications, its watches.
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { posts } from "../../db/schema";
import { action as askAction } from "../../app/routes/ask";
import { action as threadAction } from "../../app/routes/t.$id.($slug)";
import { tokenFor } from "../support/api";
import { contextFor, createTestDb, formRequest, personForm, settle } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestThread } from "../support/factories";
import { snapshot } from "../support/model-helpers";
import { writeClient } from "./writes-support";

const db = createTestDb();
const { send } = writeClient(db);
const HOUR = 60 * 60 * 1000;
let minutes = 0;
const past = () => new Date(Date.now() - 10 * HOUR + (minutes += 1) * 60_000);

type Member = Awaited<ReturnType<typeof createEstablishedMember>>;

const INDEX_INNARDS = /^search_fts_(vocab|words|data|idx|config|docsize)$/;

/**
 * Rows each table gained and lost (a changed row is one of each), less the
 * API door's own bookkeeping and the full-text index's inner tables (its
 * vocabulary and segments grow with the words it sees first, whichever run
 * came first; what it holds per document, search_fts and search_fts_text, is
 * compared).
 */
async function changesOf(run: () => Promise<unknown>) {
  const read = () => JSON.parse(snapshot(db)) as Record<string, unknown[]>;
  const before = read();
  await run();
  const after = read();
  const changes: Record<string, { added: number; removed: number }> = {};
  for (const table of Object.keys(after)) {
    if (table === "api_rate_limits" || table === "api_tokens" || INDEX_INNARDS.test(table)) continue;
    const was = new Map<string, number>();
    for (const row of before[table] ?? []) was.set(JSON.stringify(row), (was.get(JSON.stringify(row)) ?? 0) + 1);
    let added = 0;
    for (const row of after[table]!) {
      const key = JSON.stringify(row);
      const left = was.get(key) ?? 0;
      if (left > 0) was.set(key, left - 1);
      else added += 1;
    }
    const removed = [...was.values()].reduce((sum, n) => sum + n, 0);
    if (added || removed) changes[table] = { added, removed };
  }
  return changes;
}

let category: ReturnType<typeof createTestCategory>;
const people: Record<"asker" | "answerer" | "viaApi" | "viaSite", Member[]> = { asker: [], answerer: [], viaApi: [], viaSite: [] };

beforeAll(async () => {
  category = createTestCategory(db, { slug: "routers", name: "Routers" });
  for (const role of Object.keys(people) as (keyof typeof people)[]) {
    for (let i = 0; i < 2; i += 1) people[role].push(await createEstablishedMember(db));
  }
});

/** Two threads in the same state: a question and an answer, by two pairs of members alike. */
function twinThreads() {
  return [0, 1].map((i) => {
    const thread = createTestThread(db, people.asker[i]!, { category: category.slug, at: past() });
    const answer = createTestAnswer(db, people.answerer[i]!, thread.id, "Update the firmware, then restart it twice in a row.", past());
    const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
    return { thread, answer, question };
  });
}

function onThreadPage(thread: { id: number; slug: string }, userId: number, fields: Record<string, string>) {
  const path = `/t/${thread.id}/${thread.slug}`;
  return settle(() => threadAction({ request: formRequest(path, fields), params: { id: String(thread.id), slug: thread.slug }, context: contextFor(db, userId) }));
}

test("answer, comment, vote, accept and flag change what the thread page's forms change", async () => {
  const [viaApi, viaSite] = twinThreads() as [ReturnType<typeof twinThreads>[number], ReturnType<typeof twinThreads>[number]];
  const apiToken = tokenFor(db, people.viaApi[0]!.id, ["write"]);
  const askerToken = tokenFor(db, people.asker[0]!.id, ["write"]);
  const siteUser = people.viaSite[0]!.id;
  const siteAsker = people.asker[1]!.id;
  const text = "Check the cable at the back of the box as well.";

  const answered = await changesOf(() => send("POST", "/threads/{id}/answers", `/threads/${viaApi.thread.id}/answers`, { token: apiToken, body: { body: text } }));
  expect(answered).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteUser, { intent: "answer", body: text })));
  expect(answered.posts).toEqual({ added: 1, removed: 0 });

  const commented = await changesOf(() => send("POST", "/posts/{id}/comments", `/posts/${viaApi.answer.id}/comments`, { token: apiToken, body: { body: "Did that help you?" } }));
  expect(commented).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteUser, { intent: "comment", postId: String(viaSite.answer.id), comment: "Did that help you?" })));

  const voted = await changesOf(() => send("PUT", "/posts/{id}/vote", `/posts/${viaApi.answer.id}/vote`, { token: apiToken, body: { direction: "up" } }));
  expect(voted).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteUser, { intent: "vote", postId: String(viaSite.answer.id), direction: "up" })));
  expect(voted.reputation_events).toEqual({ added: 1, removed: 0 });

  const withdrawn = await changesOf(() => send("DELETE", "/posts/{id}/vote", `/posts/${viaApi.answer.id}/vote`, { token: apiToken }));
  expect(withdrawn).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteUser, { intent: "vote", postId: String(viaSite.answer.id), direction: "up" })));

  const accepted = await changesOf(() => send("PUT", "/threads/{id}/accepted-answer", `/threads/${viaApi.thread.id}/accepted-answer`, { token: askerToken, body: { answerId: viaApi.answer.id } }));
  expect(accepted).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteAsker, { intent: "accept", postId: String(viaSite.answer.id) })));
  expect(accepted.reputation_events?.added).toBeGreaterThan(0);

  const unaccepted = await changesOf(() => send("DELETE", "/threads/{id}/accepted-answer", `/threads/${viaApi.thread.id}/accepted-answer`, { token: askerToken }));
  expect(unaccepted).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteAsker, { intent: "unaccept", postId: String(viaSite.answer.id) })));

  const flagged = await changesOf(() => send("POST", "/posts/{id}/flags", `/posts/${viaApi.question.id}/flags`, { token: apiToken, body: { reason: "off-topic" } }));
  expect(flagged).toEqual(await changesOf(() => onThreadPage(viaSite.thread, siteUser, { intent: "flag", postId: String(viaSite.question.id), reason: "off-topic", note: "" })));
  expect(flagged.flags).toEqual({ added: 1, removed: 0 });
});

test("asking changes what the ask page changes", async () => {
  const token = tokenFor(db, people.viaApi[1]!.id, ["write"]);
  const fields = { title: "Which plug fits the blorptastic adapter best?", body: "The adapter came without a manual; which plug fits it?", category: category.slug };
  const viaApi = await changesOf(() => send("POST", "/threads", "/threads", { token, body: { ...fields, tags: ["adapter-api"] } }));
  const viaSite = await changesOf(() => askAction({ request: formRequest("/ask", personForm(db, { ...fields, tags: "adapter-site", checked: "1" })), params: {}, context: contextFor(db, people.viaSite[1]!.id) }));
  // The ask page's form guard keeps its own record of the stamps it has seen; the rest is the same.
  delete viaSite.settings;
  expect(viaApi).toEqual(viaSite);
  expect(viaApi.threads).toEqual({ added: 1, removed: 0 });
});
