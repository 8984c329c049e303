// Nothing staff-only about a known issue's routing leaves through the public
// faces (issue #17, "Bad input"): a team, its description, its route's email
// address and webhook address, and the issue's internal note, each planted
// with a word of its own, appear in no API read (every GET operation of the
// registry, as a visitor and as a member), no feed, and neither known-issue
// page read by a visitor or a member — while the public title does.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { API_OPERATIONS } from "../../../app/api/registry.server";
import { createTeam } from "../../../app/models/known-issues/teams.server";
import { routeKnownIssue } from "../../../app/models/known-issues/routing.server";
import { loader as siteFeedLoader } from "../../../app/routes/feeds.$feed";
import { loader as categoryFeedLoader } from "../../../app/routes/feeds.c.$feed";
import { loader as tagFeedLoader } from "../../../app/routes/feeds.tags.$feed";
import { loader as threadFeedLoader } from "../../../app/routes/feeds.t.$feed";
import { loader as knownIssuesLoader } from "../../../app/routes/known-issues._index";
import { loader as knownIssueLoader } from "../../../app/routes/known-issues.$id";
import { knownIssues, threads } from "../../../db/schema";
import { apiClient, tokenFor } from "../../support/api";
import { asCurrentUser, contextFor, createTestDb, settle } from "../../support/db";
import { createEstablishedMember, createTestCategory, createTestThread, createUser } from "../../support/factories";

const db = createTestDb();
const api = apiClient(db);
const PLANTED = ["leakteamname", "leakteamdescription", "leakteamroute", "leakteamhook", "leakinternalnote"];

type User = Awaited<ReturnType<typeof createUser>>;
let member: User;
let issueId = 0;
let threadId = 0;
let moderatorId = 0;
const usernames: string[] = [];

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", "https://community.example.com");
  createTestCategory(db, { slug: "network", name: "Network" });
  const admin = await createUser(db, { username: "leak_admin", role: "admin" });
  const moderator = await createUser(db, { username: "leak_mod", role: "moderator" });
  member = await createEstablishedMember(db, { username: "leak_member" });
  moderatorId = moderator.id;
  usernames.push(admin.username, moderator.username, member.username);
  const adminActor = asCurrentUser(db, admin.id);
  const byEmail = createTeam(db, adminActor, { name: "Firmware leakteamname", description: "Routers leakteamdescription", route: "email", routeEmail: "leakteamroute@example.test", meTooThreshold: 1 });
  const byHook = createTeam(db, adminActor, { name: "Hooks leakteamname", route: "webhook", routeUrl: "https://leakteamhook.example.com/in", meTooThreshold: 1 });
  if (!byEmail.ok || !byHook.ok) throw new Error("teams refused");

  const thread = createTestThread(db, member, { title: "Wi-Fi drops every evening", body: "Since the update.", category: "network", tags: ["wifi"] });
  threadId = thread.id;
  const now = new Date();
  const issue = db
    .insert(knownIssues)
    .values({ title: "Evening Wi-Fi drops publicissuetitle", description: "We are on it.", descriptionHtml: "<p>We are on it.</p>", internalNote: "Rollback leakinternalnote", teamId: byEmail.id, threadCount: 1, createdById: moderator.id, updatedAt: now })
    .returning()
    .get();
  issueId = issue.id;
  db.update(threads).set({ knownIssueId: issue.id }).where(eq(threads.id, thread.id)).run();
  db.transaction((tx) => routeKnownIssue(tx, issue.id, "opened", now));
  const other = db.insert(knownIssues).values({ title: "Hook routed", teamId: byHook.id, internalNote: "leakinternalnote", createdById: moderator.id, updatedAt: now }).returning().get();
  db.transaction((tx) => routeKnownIssue(tx, other.id, "opened", now));
});

/** Real values for a read operation's parameters; an operation whose parameters the walk cannot fill is named, to be added here. */
function addressesOf(path: string): string[] {
  if (!path.includes("{")) return path === "/search" ? [...PLANTED, "wifi", "firmware", "hooks"].map((q) => `/search?q=${q}`) : [path];
  const fill: Record<string, string[]> = {
    "{id}": [String(threadId), String(issueId)],
    "{username}": usernames,
    "{slug}": ["wifi", "network"],
  };
  let addresses = [path];
  for (const [param, values] of Object.entries(fill)) {
    if (path.includes(param)) addresses = addresses.flatMap((address) => values.map((value) => address.replace(param, value)));
  }
  return addresses.filter((address) => !address.includes("{"));
}

function hitsIn(where: string, text: string): string[] {
  return PLANTED.filter((word) => text.toLowerCase().includes(word)).map((word) => `${word} in ${where}`);
}

describe("a team and its route never reach the public", () => {
  test("no API read, as a visitor or a member", async () => {
    const hits: string[] = [];
    let read = "";
    for (const token of [null, tokenFor(db, member.id, ["read", "write"])]) {
      for (const operation of API_OPERATIONS.filter((op) => op.method === "get")) {
        for (const address of addressesOf(operation.path)) {
          const text = await (await api.call("GET", address, { token })).text();
          read += text;
          hits.push(...hitsIn(`GET ${address}`, text));
        }
      }
    }
    expect(hits).toEqual([]);
    // The walk reads the linked thread.
    expect(read).toContain("Wi-Fi drops every evening");
  });

  test("no feed, whoever asks", async () => {
    type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
    const feeds: { loader: Loader; feed: string }[] = [];
    for (const format of ["atom", "rss"]) {
      feeds.push(
        { loader: siteFeedLoader, feed: `questions.${format}` },
        { loader: siteFeedLoader, feed: `kb.${format}` },
        { loader: siteFeedLoader, feed: `status.${format}` },
        { loader: categoryFeedLoader, feed: `network.${format}` },
        { loader: tagFeedLoader, feed: `wifi.${format}` },
        { loader: threadFeedLoader, feed: `${threadId}.${format}` },
      );
    }
    const hits: string[] = [];
    for (const viewer of [null, member.id]) {
      for (const { loader, feed } of feeds) {
        const response = await settle(() => loader({ request: new Request(`http://localhost/feeds/${feed}`), params: { feed }, context: contextFor(db, viewer) }));
        hits.push(...hitsIn(feed, await response.text()));
      }
    }
    expect(hits).toEqual([]);
  });

  test("neither known-issue page, for a visitor or a member; the public title is there", async () => {
    const hits: string[] = [];
    let read = "";
    for (const viewer of [null, member.id]) {
      const list = await settle(() => knownIssuesLoader({ request: new Request("http://localhost/known-issues"), params: {}, context: contextFor(db, viewer) }));
      const page = await settle(() => knownIssueLoader({ request: new Request(`http://localhost/known-issues/${issueId}`), params: { id: String(issueId) }, context: contextFor(db, viewer) }));
      const listText = await list.text();
      const pageText = await page.text();
      read += listText + pageText;
      hits.push(...hitsIn("/known-issues", listText), ...hitsIn(`/known-issues/${issueId}`, pageText));
    }
    expect(hits).toEqual([]);
    expect(read).toContain("publicissuetitle");
    // A positive control: staff read the internal note on the same page.
    const staff = await settle(() => knownIssueLoader({ request: new Request(`http://localhost/known-issues/${issueId}`), params: { id: String(issueId) }, context: contextFor(db, moderatorId) }));
    expect(await staff.text()).toContain("leakinternalnote");
  });
});
