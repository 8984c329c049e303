// Nothing restricted leaves through the API or the feeds. The community plants
// hidden, deleted, held-for-review, draft, archived and early-access content,
// each with a word of its own; every read operation of the API (taken from
// the registry, so a new one is walked without a change here) and every feed
// is requested as a visitor, a member and a moderator, and a planted word may
// appear only where that viewer may read it. A positive control checks that
// the walk would see a word: the moderator reads the hidden answer.
import { and, eq } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { API_OPERATIONS } from "../../app/api/registry.server";
import { updateAccountRules } from "../../app/models/accounts/account-rules.server";
import { holdPublishedPost } from "../../app/models/forum/held-posts.server";
import { deletePost } from "../../app/models/forum/post.server";
import { createArticle, setArticleStatus } from "../../app/models/kb/kb.server";
import { openIncident } from "../../app/models/moderation/incident.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import { setWatch } from "../../app/models/notify/watch.server";
import { createEarlyAccess } from "../../app/models/reputation/early-access.server";
import { createKnownIssue } from "../../app/models/known-issues/known-issues.server";
import { createTeam } from "../../app/models/known-issues/teams.server";
import { loader as siteFeedLoader } from "../../app/routes/feeds.$feed";
import { loader as categoryFeedLoader } from "../../app/routes/feeds.c.$feed";
import { loader as tagFeedLoader } from "../../app/routes/feeds.tags.$feed";
import { loader as threadFeedLoader } from "../../app/routes/feeds.t.$feed";
import { posts } from "../../db/schema";
import { apiClient, tokenFor } from "../support/api";
import { asCurrentUser, contextFor, createTestDb } from "../support/db";
import { createEstablishedMember, createTestAnswer, createTestCategory, createTestComment, createTestThread, createUser } from "../support/factories";

const db = createTestDb();
const api = apiClient(db);

/** Words nobody but staff (and their authors) may read: hidden, deleted, held. */
const STAFF_ONLY = ["leakhiddenanswer", "leakdeletedanswer", "leakheldanswer", "leakhiddenquestion", "leakanswerinhiddenthread", "leakdeletedquestion", "leakheldquestion", "leakhiddencomment"];
/** Words no API read or feed may carry for anyone: drafts and archived articles are staff pages' business, early access has no API, a known issue's team, its route and its internal note are staff-only. */
const NEVER_PUBLIC = ["leakdraftarticle", "leakarchivedarticle", "leakearlyaccess", "leakteamname", "leakteamdescription", "leakteamroute", "leakinternalnote"];
const ALL = [...STAFF_ONLY, ...NEVER_PUBLIC];

type User = Awaited<ReturnType<typeof createEstablishedMember>>;
let author: User;
let member: User;
let moderator: User;
const ids = {} as Record<string, number>;
const slugs = {} as Record<string, string>;
const usernames: string[] = [];

let clock = Date.now() - 24 * 60 * 60 * 1000;
const tick = () => new Date((clock += 60_000));
const questionOf = (threadId: number) => db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  author = await createEstablishedMember(db, { username: "leak_author" });
  member = await createEstablishedMember(db, { username: "leak_member" });
  const other = await createEstablishedMember(db, { username: "leak_other" });
  moderator = await createUser(db, { username: "leak_mod", role: "moderator" });
  const admin = await createUser(db, { username: "leak_admin", role: "admin" });
  usernames.push(author.username, member.username, other.username, moderator.username);

  const open = createTestThread(db, other, { title: "Invoice higher than usual", body: "It doubled, leakvisiblequestion.", category: "billing", tags: ["invoice"], at: tick() });
  ids.open = open.id;
  // The member watches it: notifications of what happens in it must not carry hidden words either.
  setWatch(db, asCurrentUser(db, member.id), { targetType: "thread", targetId: open.id, level: "watching" });
  ids.live = createTestAnswer(db, other, open.id, "Check roaming, leakvisibleanswer.", tick()).id;
  const deleted = createTestAnswer(db, author, open.id, "Call them, leakdeletedanswer.", tick());
  const hidden = createTestAnswer(db, author, open.id, "Buy pills, leakhiddenanswer.", tick());
  const held = createTestAnswer(db, author, open.id, "Click here, leakheldanswer.", tick());
  const hiddenComment = createTestComment(db, author, ids.live, "Rude, leakhiddencomment.", tick());
  ids.deleted = deleted.id;
  ids.hidden = hidden.id;
  ids.held = held.id;
  ids.hiddenComment = hiddenComment.id;
  deletePost(db, moderator, deleted.id, tick());
  hidePost(db, moderator, hidden.id, "Spam", tick());
  hidePost(db, moderator, hiddenComment.id, "Rude", tick());
  holdPublishedPost(db, db.select().from(posts).where(eq(posts.id, held.id)).get()!, "Spam flags", tick());

  const hiddenThread = createTestThread(db, author, { title: "Free phones leakhiddenquestion", body: "Click, leakhiddenquestion.", category: "billing", tags: ["invoice"], at: tick() });
  ids.hiddenThread = hiddenThread.id;
  ids.answerInHidden = createTestAnswer(db, other, hiddenThread.id, "Do not, leakanswerinhiddenthread.", tick()).id;
  hidePost(db, moderator, questionOf(hiddenThread.id).id, "Spam", tick());

  const deletedThread = createTestThread(db, author, { title: "Old offer leakdeletedquestion", body: "Still on, leakdeletedquestion?", category: "billing", at: tick() });
  ids.deletedThread = deletedThread.id;
  deletePost(db, moderator, questionOf(deletedThread.id).id, tick());

  updateAccountRules(db, asCurrentUser(db, admin.id), { holdForReview: "first" });
  const newcomer = await createEstablishedMember(db, { username: "leak_newcomer" });
  const heldThread = createTestThread(db, newcomer, { title: "Cheap watches leakheldquestion", body: "Visit, leakheldquestion.", category: "billing", tags: ["invoice"], at: tick() });
  ids.heldThread = heldThread.id;
  updateAccountRules(db, asCurrentUser(db, admin.id), { holdForReview: "off" });
  usernames.push(newcomer.username);

  const article = (title: string, body: string, publish: boolean) => {
    const result = createArticle(db, moderator, { title, body, category: "billing", tags: [], note: "", publish }, tick());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.article;
  };
  slugs.published = article("Reset your router", "Hold it, leakvisiblearticle.", true).slug;
  slugs.draft = article("Refunds draft", "Not ready, leakdraftarticle.", false).slug;
  const archived = article("Old pricing", "Gone, leakarchivedarticle.", true);
  setArticleStatus(db, moderator, archived.id, "archived", tick());
  slugs.archived = archived.slug;

  const incident = openIncident(db, moderator, { title: "Payments slow", severity: "degraded", category: "billing", body: "On it, leakvisibleincident." }, tick());
  if (!incident.ok) throw new Error(JSON.stringify(incident));
  ids.incident = incident.incident.id;
  const early = createEarlyAccess(db, moderator, { title: "New box leakearlyaccess", body: "Soon, leakearlyaccess.", expiresAt: null }, tick());
  if (!early.ok) throw new Error(JSON.stringify(early));

  const team = createTeam(db, asCurrentUser(db, admin.id), { name: "Team leakteamname", description: "leakteamdescription", route: "email", routeEmail: "leakteamroute@example.test", meTooThreshold: 1 });
  if (!team.ok) throw new Error(JSON.stringify(team.errors));
  const issue = createKnownIssue(db, moderator, { title: "Invoice doubled", description: "We are looking into it.", teamId: team.id, internalNote: "leakinternalnote", threadIds: [open.id], now: tick() });
  if (!issue.ok) throw new Error(JSON.stringify(issue.errors));
});

/** Every address a read operation answers, with real values for its parameters. */
function addressesOf(path: string): string[] {
  const threadIds = [ids.open, ids.hiddenThread, ids.deletedThread, ids.heldThread];
  const postIds = [ids.live, ids.deleted, ids.hidden, ids.held, ids.hiddenComment, ids.answerInHidden, questionOf(ids.hiddenThread!).id, questionOf(ids.heldThread!).id, questionOf(ids.deletedThread!).id];
  const values: Record<string, () => string[]> = {
    "/me": () => ["/me"],
    "/categories": () => ["/categories"],
    "/threads": () => ["/threads", "/threads?category=billing", "/threads?tag=invoice", "/threads?sort=top", "/threads?sort=newest", "/threads?sort=unanswered", "/threads?status=solved", "/threads?author=leak_author", "/threads?limit=100"],
    "/threads/{id}": () => threadIds.map((id) => `/threads/${id}`),
    "/posts/{id}": () => postIds.map((id) => `/posts/${id}`),
    "/users/{username}": () => usernames.map((name) => `/users/${name}`),
    "/articles": () => ["/articles", "/articles?limit=100", "/articles?status=draft", "/articles?status=archived"],
    "/articles/{slug}": () => Object.values(slugs).map((slug) => `/articles/${slug}`),
    "/search": () => ALL.map((word) => `/search?q=${word}`).concat(["/search?q=leak"]),
    "/incidents": () => ["/incidents"],
    "/incidents/{id}": () => [`/incidents/${ids.incident}`],
    "/leaderboard": () => ["/leaderboard", "/leaderboard?period=all"],
    "/notifications": () => ["/notifications"],
  };
  const make = values[path];
  if (!make) throw new Error(`The leak walk has no addresses for GET ${path}: add them to addressesOf`);
  return make();
}

async function walkApi(token: string | null): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const operation of API_OPERATIONS.filter((op) => op.method === "get")) {
    for (const address of addressesOf(operation.path)) {
      const response = await api.call("GET", address, { token });
      // Every address is one the operation understands: a refusal of the query would walk nothing.
      expect([200, 401, 404], `GET ${address}`).toContain(response.status);
      answers.set(address, (await response.text()).toLowerCase());
    }
  }
  return answers;
}

function found(answers: Map<string, string>, words: string[]): string[] {
  const hits: string[] = [];
  for (const [address, text] of answers) for (const word of words) if (text.includes(word)) hits.push(`${word} in ${address}`);
  return hits;
}

describe("the API leaks nothing", () => {
  test("a visitor reads none of the planted words, through any read operation", async () => {
    const answers = await walkApi(null);
    expect(found(answers, ALL)).toEqual([]);
    // The walk reads what it should: the visible words are there.
    expect(found(answers, ["leakvisibleanswer", "leakvisiblearticle", "leakvisibleincident"]).length).toBeGreaterThan(2);
  });

  test("a member with a read+write token reads none of them either, notifications included", async () => {
    const answers = await walkApi(tokenFor(db, member.id, ["read", "write"]));
    expect(found(answers, ALL)).toEqual([]);
  });

  test("a moderator reads what staff may (the hidden answer), and never early-access content", async () => {
    const answers = await walkApi(tokenFor(db, moderator.id, ["read", "write", "moderate"]));
    expect(found(answers, ["leakhiddenanswer"]).length).toBeGreaterThan(0);
    expect(found(answers, ["leakearlyaccess"])).toEqual([]);
  });
});

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

describe("the feeds leak nothing, whoever asks", () => {
  test("every feed, as a visitor, a member and a moderator", async () => {
    const feeds: { loader: Loader; feed: string }[] = [];
    for (const format of ["atom", "rss"]) {
      feeds.push(
        { loader: siteFeedLoader, feed: `questions.${format}` },
        { loader: siteFeedLoader, feed: `kb.${format}` },
        { loader: siteFeedLoader, feed: `status.${format}` },
        { loader: categoryFeedLoader, feed: `billing.${format}` },
        { loader: tagFeedLoader, feed: `invoice.${format}` },
        ...[ids.open, ids.hiddenThread, ids.deletedThread, ids.heldThread].map((id) => ({ loader: threadFeedLoader, feed: `${id}.${format}` })),
      );
    }
    const hits: string[] = [];
    for (const viewer of [null, member, moderator]) {
      for (const { loader, feed } of feeds) {
        let text = "";
        try {
          const response = await loader({ request: new Request(`http://localhost/feeds/${feed}`), params: { feed }, context: contextFor(db, viewer?.id ?? null) });
          text = (await response.text()).toLowerCase();
        } catch (thrown) {
          if (!(thrown instanceof Response) || thrown.status !== 404) throw thrown;
        }
        for (const word of ALL) if (text.includes(word)) hits.push(`${word} in ${feed} for ${viewer?.username ?? "a visitor"}`);
      }
    }
    expect(hits).toEqual([]);
  });
});
