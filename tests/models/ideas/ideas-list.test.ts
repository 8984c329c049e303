// /ideas' list on a hand-countable board: most votes, trending (votes of the
// last seven days) and newest; the status filter; pages; the viewer's own
// votes; deleted ideas and other categories' threads left out.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { deletePost } from "../../../app/models/forum/post.server";
import { ideasPageFor, type IdeaSort } from "../../../app/models/ideas/ideas-page.server";
import { proposeIdea, setIdeaStatus, voteForIdea } from "../../../app/models/ideas/ideas.server";
import type { IdeaStatus } from "../../../db/enums";
import { posts } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createTestCategory, createTestThread, createUser, giveReputation } from "../../support/factories";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const daysAgo = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY + minutes * 60_000);

let people: User[];
let mod: User;
const ids: Record<"router" | "widget" | "darkMode" | "gone", number> = { router: 0, widget: 0, darkMode: 0, gone: 0 };

function propose(author: User, title: string, at: Date) {
  const result = proposeIdea(db, author, { title, body: "It would make the box easier to live with, every day.", now: at });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.id;
}

function page(viewer: User | null, sort: IdeaSort, status: IdeaStatus | null = null, pageNumber = 1, perPage = 30) {
  const result = ideasPageFor(db, viewer, { sort, status, page: pageNumber }, perPage, now);
  if (!result.category) throw new Error("no ideas category");
  return result;
}
const titles = (viewer: User | null, sort: IdeaSort, status: IdeaStatus | null = null) => page(viewer, sort, status).ideas.map((idea) => idea.id);

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  createTestCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas" });
  people = [];
  for (let i = 0; i < 6; i++) {
    const person = await createUser(db, { createdAt: daysAgo(90) });
    giveReputation(db, person, 200);
    people.push(person);
  }
  mod = await createUser(db, { role: "moderator", createdAt: daysAgo(90) });
  // The router idea: proposed 20 days ago, four more votes 10 days ago: 5 votes, none this week.
  ids.router = propose(people[0]!, "Schedule the router's Wi-Fi for the night", daysAgo(20));
  for (const voter of people.slice(1, 5)) voteForIdea(db, voter, { threadId: ids.router, now: daysAgo(10) });
  // The widget idea: proposed 19 days ago, three more votes yesterday: 4 votes, 3 this week.
  ids.widget = propose(people[1]!, "A phone widget with the data left this month", daysAgo(19));
  for (const voter of [people[2]!, people[3]!, people[5]!]) voteForIdea(db, voter, { threadId: ids.widget, now: daysAgo(1) });
  // The dark mode idea: proposed today, its proposer's vote only: 1 vote, 1 this week.
  ids.darkMode = propose(people[2]!, "A dark mode for the customer app, please", daysAgo(0, -60));
  // A deleted idea with many votes is never listed.
  ids.gone = propose(people[3]!, "Spam spam spam spam spam spam spam spam", daysAgo(2));
  for (const voter of people) voteForIdea(db, voter, { threadId: ids.gone, now: daysAgo(1) });
  deletePost(db, mod, db.select().from(posts).where(and(eq(posts.threadId, ids.gone), eq(posts.kind, "question"))).get()!.id);
  // A question in another category is not an idea.
  createTestThread(db, people[4]!, { category: "billing", at: daysAgo(3) });
  setIdeaStatus(db, mod, { threadId: ids.widget, status: "planned", reason: "", earlyAccess: false });
  setIdeaStatus(db, mod, { threadId: ids.router, status: "under_review", reason: "", earlyAccess: false });
});

describe("the ideas list", () => {
  test("by votes (the default order): 5, 4, 1", () => {
    const list = page(null, "votes");
    expect(list.ideas.map((i) => [i.id, i.votes])).toEqual([
      [ids.router, 5],
      [ids.widget, 4],
      [ids.darkMode, 1],
    ]);
    expect(list.total).toBe(3);
  });

  test("trending: the votes of the last seven days, 3, 1, 0", () => {
    const list = page(null, "trending");
    expect(list.ideas.map((i) => [i.id, i.recentVotes])).toEqual([
      [ids.widget, 3],
      [ids.darkMode, 1],
      [ids.router, 0],
    ]);
  });

  test("newest first", () => {
    expect(titles(null, "newest")).toEqual([ids.darkMode, ids.widget, ids.router]);
  });

  test("filtered by status", () => {
    expect(titles(null, "votes", "planned")).toEqual([ids.widget]);
    expect(titles(null, "votes", "under_review")).toEqual([ids.router]);
    expect(titles(null, "votes", "open")).toEqual([ids.darkMode]);
    expect(titles(null, "votes", "done")).toEqual([]);
    expect(page(null, "votes", "planned").total).toBe(1);
  });

  test("each row: its status, answers, and for the viewer whether they voted and may vote", () => {
    const rows = page(people[5]!, "votes").ideas;
    expect(rows.map((r) => [r.id, r.status, r.voted, r.canVote, r.answerCount])).toEqual([
      [ids.router, "under_review", false, true, 0],
      [ids.widget, "planned", true, true, 0],
      [ids.darkMode, "open", false, true, 0],
    ]);
    // Visitors may not vote (the button sends them to sign in).
    expect(page(null, "votes").ideas.every((r) => !r.canVote && !r.voted)).toBe(true);
  });

  test("a page at a time", () => {
    const first = page(null, "votes", null, 1, 2);
    const second = page(null, "votes", null, 2, 2);
    expect(first.ideas.map((i) => i.id)).toEqual([ids.router, ids.widget]);
    expect(second.ideas.map((i) => i.id)).toEqual([ids.darkMode]);
    expect([first.pageCount, second.page]).toEqual([2, 2]);
  });

  test("the list's queries use the category's indexes", () => {
    const plan = db.$client
      .prepare("explain query plan select id from threads where category_id = ? and deleted_at is null order by idea_vote_count desc limit 30")
      .all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/threads_category_idea_votes_idx/);
  });
});
