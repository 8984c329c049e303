// Product ideas' verbs on a real database: proposing (through the site's own
// thread creation), voting and withdrawing (idempotent, no reputation),
// statuses (staff only, declining needs a reason, audit-logged, each voter
// and the proposer told once), and what the policy refuses.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { ideaPanelFor } from "../../../app/models/ideas/idea-panel.server";
import { ideasCategory, proposeIdea, publishIdeaStatus, setIdeaStatus, voteForIdea, withdrawIdeaVote } from "../../../app/models/ideas/ideas.server";
import { deletePost } from "../../../app/models/forum/post.server";
import { auditEvents, categories, ideaVotes, notifications, posts, reputationEvents, searchDocuments, threads, users } from "../../../db/schema";
import { createTestDb } from "../../support/db";
import { createEstablishedMember, createTestCategory, createUser } from "../../support/factories";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const DAY = 24 * 60 * 60 * 1000;
// Each idea a minute after the last, so no posting limit gets in the way.
let clock = Date.now() - DAY;
const tick = () => new Date((clock += 60_000));

let proposer: User;
let voters: User[];
let mod: User;
let other: User;

function idea(author: User = proposer, title = `Let me schedule the Wi-Fi to switch off at night ${clock}`) {
  const result = proposeIdea(db, author, { title, body: "Every night the router stays on while we sleep; a schedule would save power.", tags: ["wifi"], now: tick() });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.thread;
}

const row = (id: number) => db.select().from(threads).where(eq(threads.id, id)).get()!;
const votesOf = (id: number) => db.select().from(ideaVotes).where(eq(ideaVotes.threadId, id)).all();
const statusNotices = (id: number) => db.select().from(notifications).where(and(eq(notifications.threadId, id), eq(notifications.kind, "idea_status"))).all();

async function thrown(run: () => unknown): Promise<Response> {
  try {
    run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("Expected a refusal");
}

beforeAll(async () => {
  proposer = await createEstablishedMember(db);
  voters = [await createEstablishedMember(db), await createEstablishedMember(db), await createEstablishedMember(db)];
  mod = await createEstablishedMember(db, { role: "moderator" });
  other = await createEstablishedMember(db);
});

describe("before there is an ideas category", () => {
  test("there is none, and proposing says so beside the form", () => {
    expect(ideasCategory(db)).toBeNull();
    const result = proposeIdea(db, proposer, { title: "Let me pause the Wi-Fi for the children", body: "A button in the app to pause the Wi-Fi for one device." });
    expect(result).toEqual({ ok: false, errors: { form: "Ideas cannot be proposed yet: there is no ideas board on this site." } });
    expect(db.select().from(threads).all()).toHaveLength(0);
  });
});

describe("proposing an idea", () => {
  beforeAll(() => {
    createTestCategory(db, { slug: "billing", name: "Billing" });
    createTestCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas", position: 5 });
  });

  test("the ideas category is the one whose kind is ideas; categories are for questions by default", () => {
    expect(ideasCategory(db)?.slug).toBe("ideas");
    expect(db.select().from(categories).where(eq(categories.slug, "billing")).get()!.kind).toBe("questions");
  });

  test("makes a thread in the ideas category, open, with the proposer's vote as its first; searchable like any thread", () => {
    const thread = idea(proposer, "Let me choose the colour of the router's lights");
    const category = ideasCategory(db)!;
    expect(thread.categoryId).toBe(category.id);
    expect(thread.ideaStatus).toBe("open");
    expect(thread.ideaPublicStatus).toBe("open");
    expect(thread.ideaVoteCount).toBe(1);
    expect(votesOf(thread.id).map((v) => v.userId)).toEqual([proposer.id]);
    expect(db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).all()).toHaveLength(1);
    expect(db.select().from(searchDocuments).where(and(eq(searchDocuments.kind, "thread"), eq(searchDocuments.refId, thread.id))).get()).toBeDefined();
  });

  test("goes through the thread's checks: the posting limit holds (the form's schema checks the fields: see the route's test)", () => {
    const at = tick();
    expect(proposeIdea(db, other, { title: "A dark mode for the customer app", body: "A dark mode in the app, for the evenings.", now: at }).ok).toBe(true);
    const again = proposeIdea(db, other, { title: "A widget for the phone's home screen", body: "The data left this month, at a glance.", now: new Date(at.getTime() + 1_000) });
    expect(again).toMatchObject({ ok: false, throttled: true });
  });
});

describe("voting", () => {
  test("one vote per member: voting twice counts once, withdrawing twice takes one back; no reputation moves", () => {
    const thread = idea();
    const before = db.select().from(users).where(eq(users.id, voters[0]!.id)).get()!.reputation;
    const ledger = db.select().from(reputationEvents).all().length;
    expect(voteForIdea(db, voters[0]!, { threadId: thread.id }).votes).toBe(2);
    expect(voteForIdea(db, voters[0]!, { threadId: thread.id }).votes).toBe(2);
    expect(voteForIdea(db, voters[1]!, { threadId: thread.id }).votes).toBe(3);
    expect(row(thread.id).ideaVoteCount).toBe(3);
    expect(withdrawIdeaVote(db, voters[0]!, { threadId: thread.id }).votes).toBe(2);
    expect(withdrawIdeaVote(db, voters[0]!, { threadId: thread.id }).votes).toBe(2);
    expect(votesOf(thread.id).map((v) => v.userId).sort()).toEqual([proposer.id, voters[1]!.id].sort());
    // The proposer may take their own vote back too.
    expect(withdrawIdeaVote(db, proposer, { threadId: thread.id }).votes).toBe(1);
    expect(db.select().from(users).where(eq(users.id, voters[0]!.id)).get()!.reputation).toBe(before);
    expect(db.select().from(reputationEvents).all()).toHaveLength(ledger);
  });

  test("apart from answers' votes: the thread's score stays", () => {
    const thread = idea();
    voteForIdea(db, voters[2]!, { threadId: thread.id });
    expect(row(thread.id).score).toBe(0);
  });

  test("a visitor is sent to sign in (401); a question that is not an idea is not found", async () => {
    const thread = idea();
    expect((await thrown(() => voteForIdea(db, null, { threadId: thread.id }))).status).toBe(401);
    const question = db.insert(threads).values({ title: "Why is my bill higher?", slug: "why", categoryId: db.select().from(categories).where(eq(categories.slug, "billing")).get()!.id, authorId: other.id, lastActivityAt: new Date() }).returning().get();
    expect((await thrown(() => voteForIdea(db, voters[0]!, { threadId: question.id }))).status).toBe(404);
  });

  test("closed once done or declined: refused in words, nothing counted", async () => {
    for (const status of ["done", "declined"] as const) {
      const thread = idea();
      expect(setIdeaStatus(db, mod, { threadId: thread.id, status, reason: "Shipped, or not for us.", earlyAccess: false }).ok).toBe(true);
      const refused = await thrown(() => voteForIdea(db, voters[0]!, { threadId: thread.id }));
      expect(refused.status).toBe(403);
      expect(await refused.text()).toBe("Voting on this idea is closed: it is done or declined.");
      expect(row(thread.id).ideaVoteCount).toBe(1);
      const panel = ideaPanelFor(db, voters[0]!, thread.id)!;
      expect(panel).toMatchObject({ canVote: false, refusal: "Voting on this idea is closed: it is done or declined." });
    }
  });

  test("a deleted idea is not found by members; staff, who still see it, are refused", async () => {
    const thread = idea(other);
    const question = db.select().from(posts).where(and(eq(posts.threadId, thread.id), eq(posts.kind, "question"))).get()!;
    deletePost(db, mod, question.id);
    expect(row(thread.id).deletedAt).not.toBeNull();
    expect((await thrown(() => voteForIdea(db, voters[0]!, { threadId: thread.id }))).status).toBe(404);
    expect((await thrown(() => voteForIdea(db, mod, { threadId: thread.id }))).status).toBe(403);
    expect(ideaPanelFor(db, voters[0]!, thread.id)).toBeNull();
  });

  test("a hidden idea (a moderator hid its question) can be voted on by nobody but its proposer and staff", async () => {
    const thread = idea(other);
    db.update(threads).set({ hiddenAt: new Date() }).where(eq(threads.id, thread.id)).run();
    expect((await thrown(() => voteForIdea(db, voters[0]!, { threadId: thread.id }))).status).toBe(404);
    expect(withdrawIdeaVote(db, other, { threadId: thread.id }).votes).toBe(0);
  });
});

describe("statuses", () => {
  test("a member may not set a status: refused, and nothing changed, logged or told", async () => {
    const thread = idea();
    voteForIdea(db, voters[0]!, { threadId: thread.id });
    const audit = db.select().from(auditEvents).all().length;
    const refused = await thrown(() => setIdeaStatus(db, voters[0]!, { threadId: thread.id, status: "planned", reason: "", earlyAccess: false }));
    expect(refused.status).toBe(403);
    expect((await thrown(() => publishIdeaStatus(db, voters[0]!, { threadId: thread.id }))).status).toBe(403);
    expect(row(thread.id)).toMatchObject({ ideaStatus: "open", ideaPublicStatus: "open", ideaStatusReason: "" });
    expect(db.select().from(auditEvents).all()).toHaveLength(audit);
    expect(statusNotices(thread.id)).toHaveLength(0);
  });

  test("declining needs a reason, said beside the reason field; an unknown status is refused beside the status", () => {
    const thread = idea();
    expect(setIdeaStatus(db, mod, { threadId: thread.id, status: "declined", reason: "   ", earlyAccess: false })).toEqual({
      ok: false,
      errors: { reason: "Say why the idea is declined: the reason is shown with the status." },
    });
    expect(setIdeaStatus(db, mod, { threadId: thread.id, status: "shipped", reason: "", earlyAccess: false })).toMatchObject({ ok: false, errors: { status: expect.any(String) } });
    expect(setIdeaStatus(db, mod, { threadId: thread.id, status: "open", reason: "", earlyAccess: false }).ok).toBe(false);
    expect(row(thread.id).ideaStatus).toBe("open");
    expect(setIdeaStatus(db, mod, { threadId: thread.id, status: "declined", reason: "It would break the parental controls.", earlyAccess: false }).ok).toBe(true);
    expect(row(thread.id)).toMatchObject({ ideaStatus: "declined", ideaPublicStatus: "declined", ideaStatusReason: "It would break the parental controls." });
    expect(ideaPanelFor(db, null, thread.id)).toMatchObject({ status: "declined", reason: "It would break the parental controls.", earlyAccess: false });
  });

  test("a change is audit-logged as idea.status with who, what and why", () => {
    const thread = idea();
    const at = tick();
    setIdeaStatus(db, mod, { threadId: thread.id, status: "under_review", reason: "We are looking at it.", earlyAccess: false, now: at });
    const entry = db.select().from(auditEvents).where(and(eq(auditEvents.action, "idea.status"), eq(auditEvents.targetId, thread.id))).get()!;
    expect(entry).toMatchObject({ actorId: mod.id, targetType: "thread", reason: "We are looking at it.", createdAt: at });
    expect(JSON.parse(entry.details)).toMatchObject({ from: "open", to: "under_review", earlyAccess: false });
  });

  test("voters and the proposer are told once each (a voter who is also the proposer once; the moderator not at all)", () => {
    const thread = idea();
    for (const voter of voters) voteForIdea(db, voter, { threadId: thread.id });
    voteForIdea(db, mod, { threadId: thread.id });
    expect(setIdeaStatus(db, mod, { threadId: thread.id, status: "planned", reason: "", earlyAccess: false }).ok).toBe(true);
    const told = statusNotices(thread.id);
    expect(told.map((n) => n.userId).sort()).toEqual([proposer.id, ...voters.map((v) => v.id)].sort());
    expect(told.every((n) => JSON.parse(n.data).status === "planned")).toBe(true);
    // The same status again (a new reason) tells nobody again; a new one tells each once more.
    setIdeaStatus(db, mod, { threadId: thread.id, status: "planned", reason: "For the autumn.", earlyAccess: false });
    expect(statusNotices(thread.id)).toHaveLength(4);
    setIdeaStatus(db, mod, { threadId: thread.id, status: "in_progress", reason: "", earlyAccess: false });
    expect(statusNotices(thread.id)).toHaveLength(8);
  });

  test("a withdrawn voter is not told", () => {
    const thread = idea();
    voteForIdea(db, voters[0]!, { threadId: thread.id });
    voteForIdea(db, voters[1]!, { threadId: thread.id });
    withdrawIdeaVote(db, voters[1]!, { threadId: thread.id });
    setIdeaStatus(db, mod, { threadId: thread.id, status: "under_review", reason: "", earlyAccess: false });
    expect(statusNotices(thread.id).map((n) => n.userId).sort()).toEqual([proposer.id, voters[0]!.id].sort());
  });

  test("publishing with no early status pending is refused in words", () => {
    const thread = idea();
    expect(publishIdeaStatus(db, mod, { threadId: thread.id })).toEqual({ ok: false, errors: { form: "Everyone already reads this idea's status." } });
  });
});
