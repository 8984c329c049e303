// /ideas, /ideas/new, /ideas/:id/vote and /ideas/:id/status called the way
// Remix calls them (real Requests, the server's load context), and the pages
// and the idea's panel rendered as the server sends them.
import { createElement } from "react";
import { useLoaderData } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { IdeaPanel } from "../../app/components/idea-panel";
import { ideaPanelFor } from "../../app/models/ideas/idea-panel.server";
import IdeasPage, { loader as ideasLoader } from "../../app/routes/ideas._index";
import ProposeIdea, { action as proposeAction, loader as proposeLoader } from "../../app/routes/ideas.new";
import { action as voteAction, loader as voteLoader } from "../../app/routes/ideas.$id.vote";
import IdeaStatusPage, { action as statusAction, loader as statusLoader } from "../../app/routes/ideas.$id.status";
import { auditEvents, ideaVotes, notifications, threads } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, personForm, settle } from "../support/db";
import { createEstablishedMember, createTestCategory, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { renderPage } from "../support/render-page";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;

const listRoute = { id: "routes/ideas._index", path: "ideas", loader: ideasLoader, Component: IdeasPage };
const newRoute = { id: "routes/ideas.new", path: "ideas/new", loader: proposeLoader, Component: ProposeIdea };
const statusRoute = { id: "routes/ideas.$id.status", path: "ideas/:id/status", loader: statusLoader, Component: IdeaStatusPage };

function PanelPage() {
  const { data, threadId } = useLoaderData() as { data: NonNullable<ReturnType<typeof ideaPanelFor>>; threadId: number };
  return createElement(IdeaPanel, { data, threadId });
}
/** The panel as the thread page shows it, for this viewer. */
async function panelHtml(userId: number | null, threadId: number) {
  const route = { id: "panel", path: "t/:id", loader: () => ({ data: ideaPanelFor(db, contextFor(db, userId).user, threadId), threadId }), Component: PanelPage };
  return (await renderPage(contextFor(db, userId), `/t/${threadId}`, [route])).html;
}

const propose = (userId: number | null, fields: Record<string, string>) =>
  settle(() => proposeAction({ request: formRequest("/ideas/new", personForm(db, fields)), params: {}, context: contextFor(db, userId) }));
const vote = (userId: number | null, threadId: number, fields: Record<string, string>) =>
  settle(() => voteAction({ request: formRequest(`/ideas/${threadId}/vote`, fields), params: { id: String(threadId) }, context: contextFor(db, userId) }));
const setStatus = (userId: number | null, threadId: number, fields: Record<string, string>) =>
  settle(() => statusAction({ request: formRequest(`/ideas/${threadId}/status`, fields), params: { id: String(threadId) }, context: contextFor(db, userId) }));
const row = (id: number) => db.select().from(threads).where(eq(threads.id, id)).get()!;

let member: User;
let voter: User;
let mod: User;
let ideaId = 0;
let ideaPath = "";

describe("without an ideas category", () => {
  test("/ideas says there is none, and tells staff how to open one", async () => {
    member = await createEstablishedMember(db);
    voter = await createEstablishedMember(db);
    mod = await createEstablishedMember(db, { role: "moderator" });
    const visitor = await renderPage(contextFor(db), "/ideas", [listRoute]);
    expect(visitor.status).toBe(200);
    expect(visitor.html).toContain("There is no ideas board yet.");
    expect(visitor.html).not.toContain("an admin adds a category");
    expect((await renderPage(contextFor(db, mod.id), "/ideas", [listRoute])).html).toContain("an admin adds a category whose kind is “ideas”");
  });

  test("/ideas/new needs an account, then refuses clearly", async () => {
    const visitor = await settle(() => proposeLoader({ request: getRequest("/ideas/new"), params: {}, context: contextFor(db) }));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe("/login?redirectTo=%2Fideas%2Fnew");
    const page = await renderPage(contextFor(db, member.id), "/ideas/new", [newRoute]);
    expect(page.html).toContain("Ideas cannot be proposed yet: there is no ideas board on this site.");
    expect(page.html).not.toContain('name="title"');
    const posted = await propose(member.id, { title: "Let me pause the Wi-Fi for the children", body: "A button in the app, to pause one device at dinner time.", tags: "" });
    expect(posted.status).toBe(400);
    expect((await bodyOf(posted)).errors.form).toBe("Ideas cannot be proposed yet: there is no ideas board on this site.");
  });
});

describe("proposing an idea", () => {
  test("errors come back beside their fields, with the text kept", async () => {
    createTestCategory(db, { slug: "ideas", name: "Ideas", kind: "ideas" });
    const response = await propose(member.id, { title: "Dark mode", body: "A dark mode, for the evenings on the sofa.", tags: "app, Not A Tag!" });
    expect(response.status).toBe(400);
    const reply = await bodyOf(response);
    expect(Object.keys(reply.errors).sort()).toEqual(["tags", "title"]);
    expect(reply.values).toMatchObject({ title: "Dark mode", body: "A dark mode, for the evenings on the sofa." });
    expect(db.select().from(threads).all()).toHaveLength(0);
  });

  test("an idea is posted to the ideas category and opens on its page, with its proposer's vote", async () => {
    const form = (await renderPage(contextFor(db, member.id), "/ideas/new", [newRoute])).html;
    for (const label of ['<label for="field-title">Your idea in one sentence</label>', '<label for="field-body">Details</label>', '<label for="field-tags">Tags</label>', "Propose this idea"]) {
      expect(form).toContain(label);
    }
    const response = await propose(member.id, { title: "Let me schedule the Wi-Fi to sleep at night", body: "The router could switch the Wi-Fi off from midnight to six.", tags: "wifi" });
    expect(response.status).toBe(302);
    ideaPath = response.headers.get("Location")!;
    expect(ideaPath).toMatch(/^\/t\/\d+\/let-me-schedule-the-wi-fi-to-sleep-at-night$/);
    ideaId = Number(ideaPath.split("/")[2]);
    expect(row(ideaId).ideaVoteCount).toBe(1);
  });
});

describe("the list", () => {
  test("each row links to the idea, with its votes, status, replies and a vote form back to the list", async () => {
    const { html, status } = await renderPage(contextFor(db, voter.id), "/ideas?sort=trending", [listRoute]);
    expect(status).toBe(200);
    expect(html).toContain(`href="${ideaPath}"`);
    expect(html).toContain("<strong>1</strong> vote");
    expect(html).toContain("<strong>0</strong> replies");
    expect(html).toMatch(/class="badge idea-status idea-status-open[^"]*">Open</);
    expect(html).toContain(`action="/ideas/${ideaId}/vote"`);
    expect(html).toContain(`name="redirectTo" value="/ideas?sort=trending#idea-${ideaId}"`);
    expect(html).toContain('aria-label="Vote for this idea: “Let me schedule the Wi-Fi to sleep at night”"');
    expect(html).toMatch(/<a aria-current="page"[^>]*href="\/ideas\?sort=trending">Trending<\/a>/);
  });

  test("an unknown status is a clear message over every idea, not an error page", async () => {
    const response = await settle(() => ideasLoader({ request: getRequest("/ideas?status=shipped&sort=bogus&page=-3"), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(200);
    const data = await bodyOf(response);
    expect(data.statusError).toBe("There is no status “shipped”: showing ideas of every status.");
    expect([data.sort, data.page, data.status, data.ideas.length]).toEqual(["votes", 1, null, 1]);
    const page = await renderPage(contextFor(db), "/ideas?status=shipped", [listRoute]);
    expect(page.html).toContain("There is no status “shipped”");
  });

  test("a known status filters", async () => {
    const data = await bodyOf(await settle(() => ideasLoader({ request: getRequest("/ideas?status=planned"), params: {}, context: contextFor(db) })));
    expect(data.ideas).toEqual([]);
    expect((await renderPage(contextFor(db), "/ideas?status=planned", [listRoute])).html).toContain("No idea is “Planned” yet.");
  });
});

describe("voting", () => {
  test("GET is refused (405): votes are posted", async () => {
    const response = await settle(() => voteLoader());
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });

  test("a visitor is sent to sign in and comes back to the page", async () => {
    const response = await vote(null, ideaId, { intent: "vote-for-idea", redirectTo: "/ideas?sort=newest" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fideas%3Fsort%3Dnewest");
    expect(row(ideaId).ideaVoteCount).toBe(1);
  });

  test("vote and unvote go back to a page of this site only", async () => {
    const voted = await vote(voter.id, ideaId, { intent: "vote-for-idea", redirectTo: `/ideas#idea-${ideaId}` });
    expect(voted.status).toBe(302);
    expect(voted.headers.get("Location")).toBe(`/ideas#idea-${ideaId}`);
    expect(row(ideaId).ideaVoteCount).toBe(2);
    const page = await renderPage(contextFor(db, voter.id), "/ideas", [listRoute]);
    expect(page.html).toContain('value="withdraw-vote"');
    expect(page.html).toContain("Withdraw my vote");
    for (const elsewhere of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      expect((await vote(voter.id, ideaId, { intent: "withdraw-vote", redirectTo: elsewhere })).status).toBe(400);
    }
    expect(row(ideaId).ideaVoteCount).toBe(2);
    const unvoted = await vote(voter.id, ideaId, { intent: "withdraw-vote" });
    expect(unvoted.headers.get("Location")).toBe(`${ideaPath}#idea`);
    expect(row(ideaId).ideaVoteCount).toBe(1);
    expect((await vote(voter.id, ideaId, { intent: "upvote" })).status).toBe(400);
    expect((await vote(voter.id, 999_999, { intent: "vote-for-idea" })).status).toBe(404);
  });

  test("50 members posting their votes at once count 50", async () => {
    const members: User[] = [];
    for (let i = 0; i < 50; i++) members.push(await createEstablishedMember(db));
    const responses = await Promise.all(members.map((m) => vote(m.id, ideaId, { intent: "vote-for-idea", redirectTo: "/ideas" })));
    expect(responses.every((r) => r.status === 302)).toBe(true);
    expect(row(ideaId).ideaVoteCount).toBe(51);
    expect(db.select().from(ideaVotes).where(eq(ideaVotes.threadId, ideaId)).all()).toHaveLength(51);
    await Promise.all(members.map((m) => vote(m.id, ideaId, { intent: "withdraw-vote" })));
    expect(row(ideaId).ideaVoteCount).toBe(1);
  }, 60_000);
});

describe("the idea's panel and its status", () => {
  test("members get the vote form and no status form; a visitor's button sends them to sign in", async () => {
    const html = await panelHtml(voter.id, ideaId);
    expect(html).toContain(`action="/ideas/${ideaId}/vote"`);
    expect(html).toContain(`name="redirectTo" value="/t/${ideaId}#idea"`);
    expect(html).toContain("Vote for this idea");
    expect(html).not.toContain(`action="/ideas/${ideaId}/status"`);
    expect(await panelHtml(null, ideaId)).toContain("Vote for this idea");
  });

  test("staff get the status form, with labelled fields", async () => {
    const html = await panelHtml(mod.id, ideaId);
    expect(html).toContain(`action="/ideas/${ideaId}/status"`);
    expect(html).toMatch(new RegExp(`<label for="idea-status-${ideaId}">Status</label>`));
    expect(html).toMatch(new RegExp(`<label for="idea-reason-${ideaId}">Reason</label>`));
    expect(html).toContain("Early-access readers first");
    expect(html).not.toContain("Tell everyone");
  });

  test("a member posting a status is refused, and nothing changes", async () => {
    const response = await setStatus(member.id, ideaId, { intent: "set", status: "planned", reason: "" });
    expect(response.status).toBe(403);
    expect(row(ideaId).ideaStatus).toBe("open");
    expect((await settle(() => statusLoader({ request: getRequest(`/ideas/${ideaId}/status`), params: { id: String(ideaId) }, context: contextFor(db, member.id) }))).status).toBe(403);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "idea.status")).all()).toHaveLength(0);
  });

  test("declining without a reason comes back with the message beside the reason, the choice kept", async () => {
    const response = await setStatus(mod.id, ideaId, { intent: "set", status: "declined", reason: "" });
    expect(response.status).toBe(400);
    const reply = await bodyOf(response);
    expect(reply.errors).toEqual({ reason: "Say why the idea is declined: the reason is shown with the status." });
    expect(reply.values.status).toBe("declined");
    expect(row(ideaId).ideaStatus).toBe("open");
    const page = await renderPage(contextFor(db, mod.id), `/ideas/${ideaId}/status`, [statusRoute]);
    expect(page.status).toBe(200);
    expect(page.html).toContain("The idea&#x27;s status");
  });

  test("planned for early access first: members still read Open; staff get Tell everyone, which tells them", async () => {
    expect((await vote(voter.id, ideaId, { intent: "vote-for-idea" })).status).toBe(302);
    const response = await setStatus(mod.id, ideaId, { intent: "set", status: "planned", reason: "For the spring release.", earlyAccess: "1" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${ideaPath}#idea`);
    expect(row(ideaId)).toMatchObject({ ideaStatus: "planned", ideaPublicStatus: "open" });
    const memberPanel = await panelHtml(voter.id, ideaId);
    expect(memberPanel).toContain(">Open<");
    expect(memberPanel).not.toContain("Planned");
    expect(memberPanel).not.toContain("For the spring release.");
    const listHtml = (await renderPage(contextFor(db, voter.id), "/ideas", [listRoute])).html;
    expect(listHtml).not.toMatch(/idea-status-planned/);
    const staffPanel = await panelHtml(mod.id, ideaId);
    expect(staffPanel).toContain("Early access: not told to everyone yet");
    expect(staffPanel).toContain("Tell everyone");
    expect(toldOfStatus(voter.id)).toEqual([]);

    expect((await setStatus(mod.id, ideaId, { intent: "publish" })).status).toBe(302);
    expect(row(ideaId).ideaPublicStatus).toBe("planned");
    expect(toldOfStatus(voter.id)).toEqual(["planned"]);
    expect(toldOfStatus(member.id)).toEqual(["planned"]);
    expect(await panelHtml(voter.id, ideaId)).toContain("For the spring release.");
  });
});

function toldOfStatus(userId: number) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "idea_status"), eq(notifications.threadId, ideaId)))
    .all()
    .map((n) => JSON.parse(n.data).status as string);
}
