// The known issues' pages and forms (issue #17, points 3 and 5), called the
// way Remix calls them: /known-issues (with a validated ?status=),
// /known-issues/:id (the public page, and staff's section on it), "me too"
// and the fix check (POST only), /mod/known-issues and its "new" form with
// suggested duplicates. Nothing staff-only reaches anyone else, nor a thread
// the viewer may not open.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { KnownIssueBanner, KnownIssueStaffLink } from "../../app/components/known-issue-banner";
import { LanguageProvider } from "../../app/i18n/i18n";
import { acceptAnswer } from "../../app/models/forum/acceptance.server";
import { deletePost } from "../../app/models/forum/post.server";
import { knownIssueBannerFor } from "../../app/models/known-issues/known-issue-banner.server";
import { createKnownIssue, mergeKnownIssues, setKnownIssueStatus } from "../../app/models/known-issues/known-issues.server";
import { hidePost } from "../../app/models/moderation/moderation.server";
import KnownIssuePage, { action as issueAction, loader as issueLoader } from "../../app/routes/known-issues.$id";
import { action as checkAction, loader as checkLoader } from "../../app/routes/known-issues.$id_.check";
import { action as meTooAction, loader as meTooLoader } from "../../app/routes/known-issues.$id_.me-too";
import KnownIssuesList, { loader as listLoader } from "../../app/routes/known-issues._index";
import ModKnownIssues, { loader as modListLoader } from "../../app/routes/mod.known-issues";
import NewKnownIssue, { action as newAction, loader as newLoader } from "../../app/routes/mod.known-issues_.new";
import { knownIssueChecks, knownIssueMeToos, knownIssues, posts, teams, threads } from "../../db/schema";
import { asCurrentUser, contextFor, createTestDb, formRequest, getRequest, settle } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { snapshot } from "../support/model-helpers";
import { renderIn, textOf, type LanguagePageRoute } from "./render-in-language";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
type Thread = ReturnType<typeof createTestThread>;
const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 10 * DAY;
const tick = () => new Date((clock += 60_000));
const actor = (user: User) => asCurrentUser(db, user.id);

// Words only staff may ever read: planted in the team, the internal note and a hidden and a deleted thread.
const TEAM_WORD = "Okapifirmwareteam";
const NOTE_WORD = "Zebranoteinternal";
const HIDDEN_WORD = "Hiddenquokka";
const DELETED_WORD = "Deletedwombat";

let mod: User;
let member: User;
let asker: User;
let other: User;
let open1: Thread;
let open2: Thread;
let solved: Thread;
let hidden: Thread;
let deleted: Thread;
let unrelated: Thread;
let issueId: number;
let teamId: number;

const routes: LanguagePageRoute[] = [
  { id: "routes/known-issues._index", path: "known-issues", loader: listLoader, Component: KnownIssuesList },
  { id: "routes/known-issues.$id", path: "known-issues/:id", loader: issueLoader, action: issueAction, Component: KnownIssuePage },
  { id: "routes/mod.known-issues", path: "mod/known-issues", loader: modListLoader, Component: ModKnownIssues },
  { id: "routes/mod.known-issues_.new", path: "mod/known-issues/new", loader: newLoader, action: newAction, Component: NewKnownIssue },
];

async function page(path: string, user: User | null, language: "en" | "fr" = "en") {
  const rendered = await renderIn(language, contextFor(db, user?.id ?? null), path, routes);
  return { ...rendered, text: textOf(rendered.html) };
}

const load = (loader: (args: LoaderFunctionArgs) => unknown, path: string, params: Record<string, string>, user: User | null) =>
  settle(() => loader({ request: getRequest(path), params, context: contextFor(db, user?.id ?? null) }));

const post = (action: (args: ActionFunctionArgs) => unknown, path: string, params: Record<string, string>, fields: Record<string, string>, user: User | null) =>
  settle(() => action({ request: formRequest(path, fields), params, context: contextFor(db, user?.id ?? null) }));

const postToIssue = (id: number, fields: Record<string, string>, user: User | null) => post(issueAction, `/known-issues/${id}`, { id: String(id) }, fields, user);

function thread(author: User, title: string) {
  return createTestThread(db, actor(author), { title, category: "network", at: tick() });
}
const questionOf = (threadId: number) => db.select().from(posts).where(and(eq(posts.threadId, threadId), eq(posts.kind, "question"))).get()!;
const threadIssue = (id: number) => db.select({ knownIssueId: threads.knownIssueId }).from(threads).where(eq(threads.id, id)).get()!.knownIssueId;

beforeAll(async () => {
  createTestCategory(db, { slug: "network", name: "Network" });
  const joined = { createdAt: new Date(Date.now() - 30 * DAY) };
  mod = await createUser(db, { ...joined, role: "moderator" });
  member = await createUser(db, joined);
  asker = await createUser(db, joined);
  other = await createUser(db, joined);
  teamId = db.insert(teams).values({ name: TEAM_WORD, description: "Fixes the box's firmware" }).returning().get().id;

  open1 = thread(asker, "Wi-Fi drops every evening after the firmware update");
  open2 = thread(other, "Evening Wi-Fi drops since firmware update on the box");
  solved = thread(other, "Wi-Fi drops in the evening, firmware update, solved now");
  const accepted = createTestAnswer(db, actor(member), solved.id, "Turn off the band steering in the box settings.", tick());
  acceptAnswer(db, actor(other), accepted.id, tick());
  unrelated = thread(other, "How do I change the billing address on my invoice?");
  hidden = thread(other, `${HIDDEN_WORD} Wi-Fi drops every evening`);
  deleted = thread(other, `${DELETED_WORD} Wi-Fi drops every evening`);

  const made = createKnownIssue(db, actor(mod), {
    title: "Evening Wi-Fi drops after firmware 7.2",
    description: "Since firmware 7.2 the Wi-Fi drops every evening. A fix is being prepared.",
    teamId,
    internalNote: `${NOTE_WORD}: ticket FW-881`,
    threadIds: [open1.id, hidden.id, deleted.id],
  });
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  issueId = made.id;
  // Hidden and deleted after they were linked.
  expect(hidePost(db, actor(mod), questionOf(hidden.id).id, "Personal details in the question").ok).toBe(true);
  deletePost(db, actor(mod), questionOf(deleted.id).id);
});

describe("/known-issues", () => {
  test("lists the issues with their status, linked questions and me-too counts", async () => {
    const { status, text } = await page("/known-issues", null);
    expect(status).toBe(200);
    expect(text).toContain("Evening Wi-Fi drops after firmware 7.2");
    expect(text).toContain("Investigating");
    // Only the public thread counts: the hidden and deleted ones are left out.
    expect(text).toContain("1 question reports it");
    expect(text).toContain("0 people have this problem");
    expect(text).not.toContain(TEAM_WORD);
    expect(text).not.toContain(NOTE_WORD);
  });

  test("?status= filters; an unknown status is a 400 with a message beside the filter, and the list", async () => {
    expect((await page("/known-issues?status=fixed", null)).text).not.toContain("Evening Wi-Fi drops after firmware 7.2");
    expect((await page("/known-issues?status=investigating", null)).text).toContain("Evening Wi-Fi drops after firmware 7.2");
    const bad = await page("/known-issues?status=<b>broken</b>", null);
    expect(bad.status).toBe(400);
    expect(bad.errors).toBeNull();
    expect(bad.text).toContain("is not a status");
    expect(bad.html).not.toContain("<b>broken</b>");
    expect(bad.text).toContain("Evening Wi-Fi drops after firmware 7.2");
  });

  test("in French", async () => {
    const { text } = await page("/known-issues", null, "fr");
    expect(text).toContain("Problèmes connus");
    expect(text).toContain("En cours d'analyse");
  });
});

describe("/known-issues/:id for the public", () => {
  test("title, status, description, history and the threads the viewer may open; nothing staff-only", async () => {
    for (const viewer of [null, member, other]) {
      const { status, text, html } = await page(`/known-issues/${issueId}`, viewer);
      expect(status).toBe(200);
      expect(text).toContain("Evening Wi-Fi drops after firmware 7.2");
      expect(text).toContain("Since firmware 7.2 the Wi-Fi drops every evening.");
      expect(text).toContain(open1.title);
      for (const word of [TEAM_WORD, NOTE_WORD, DELETED_WORD, "Staff only", "FW-881"]) expect(text, `${word} for ${viewer?.username ?? "a visitor"}`).not.toContain(word);
      // No staff form (their intents), only "me too".
      expect(html).not.toMatch(/name="intent" value="(status|link|unlink|edit|merge)"/);
      // The hidden thread is its asker's (other) and staff's alone.
      if (viewer === other) expect(text).toContain(HIDDEN_WORD);
      else expect(text).not.toContain(HIDDEN_WORD);
    }
  });

  test("the loader's data carries nothing staff-only either", async () => {
    const body = await (await load(issueLoader, `/known-issues/${issueId}`, { id: String(issueId) }, member)).text();
    for (const word of [TEAM_WORD, NOTE_WORD, HIDDEN_WORD, DELETED_WORD]) expect(body).not.toContain(word);
    expect(JSON.parse(body).staff).toBeNull();
  });

  test("a visitor is offered to sign in; a member the Me too button", async () => {
    expect((await page(`/known-issues/${issueId}`, null)).text).toContain("Sign in to say you have this problem too");
    const { html } = await page(`/known-issues/${issueId}`, member);
    expect(html).toContain(`action="/known-issues/${issueId}/me-too"`);
  });

  test("bad and unknown ids are 404s with a message", async () => {
    for (const id of ["abc", "0", "1e3", "99999"]) {
      const response = await load(issueLoader, `/known-issues/${id}`, { id }, null);
      expect(response.status).toBe(404);
      expect(await response.text()).toMatch(/knownIssues\.errors\.notFound|does not exist/);
    }
  });

  test("a merged issue's page redirects (301) to the issue it was merged into", async () => {
    const from = createKnownIssue(db, actor(mod), { title: "Duplicate of the evening drops", description: "Same as the evening Wi-Fi drops." });
    const into = createKnownIssue(db, actor(mod), { title: "Target of the merge here", description: "The one that stays after merging." });
    if (!from.ok || !into.ok) throw new Error("not made");
    expect(mergeKnownIssues(db, actor(mod), { fromId: from.id, intoId: into.id }).ok).toBe(true);
    const response = await load(issueLoader, `/known-issues/${from.id}`, { id: String(from.id) }, null);
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`/known-issues/${into.id}`);
    expect((await page("/known-issues", null)).text).not.toContain("Duplicate of the evening drops");
  });
});

describe("/known-issues/:id for staff", () => {
  test("the staff section: team, internal note, forms, every linked thread", async () => {
    const { text, html } = await page(`/known-issues/${issueId}`, mod);
    expect(text).toContain("Staff only");
    expect(text).toContain(TEAM_WORD);
    expect(text).toContain(NOTE_WORD);
    expect(text).toContain(HIDDEN_WORD);
    for (const intent of ["edit", "status", "link", "unlink", "merge"]) expect(html).toContain(`name="intent" value="${intent}"`);
  });

  test("a member's forged staff form is refused (403) and nothing changes", async () => {
    const before = snapshot(db);
    const forged: Record<string, string>[] = [
      { intent: "status", status: "fixed", note: "x" },
      { intent: "link", thread: String(open2.id) },
      { intent: "unlink", threadId: String(open1.id) },
      { intent: "merge", into: "1" },
    ];
    for (const fields of forged) {
      expect((await postToIssue(issueId, fields, member)).status).toBe(403);
    }
    expect((await postToIssue(issueId, { intent: "status", status: "fixed" }, null)).status).toBe(302);
    expect(snapshot(db)).toBe(before);
  });

  test("linking: by address; unknown, hidden or already-linked threads are field messages shown again", async () => {
    const unknown = await postToIssue(issueId, { intent: "link", thread: "/t/987654/nothing" }, mod);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors.thread).toMatch(/no question #987654/);
    const notAThread = await postToIssue(issueId, { intent: "link", thread: "banana" }, mod);
    expect((await notAThread.json()).errors.thread).toMatch(/not the address or number/);
    const hiddenOne = thread(other, "Another evening Wi-Fi drop to hide");
    hidePost(db, actor(mod), questionOf(hiddenOne.id).id, "Spam");
    expect((await (await postToIssue(issueId, { intent: "link", thread: String(hiddenOne.id) }, mod)).json()).errors.thread).toBeTruthy();
    const linked = await postToIssue(issueId, { intent: "link", thread: `http://localhost/t/${open2.id}/${open2.slug}` }, mod);
    expect(linked.status).toBe(302);
    expect(threadIssue(open2.id)).toBe(issueId);
    const twice = await renderIn("en", contextFor(db, mod.id), `/known-issues/${issueId}`, routes, formRequest(`/known-issues/${issueId}`, { intent: "link", thread: String(open2.id) }));
    expect(twice.status).toBe(400);
    expect(textOf(twice.html)).toContain("is already linked to this known issue");
  });

  test("a status change with its note goes into the public history", async () => {
    const response = await postToIssue(issueId, { intent: "status", status: "fix_planned", note: "Firmware 7.3 fixes it next week." }, mod);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/known-issues/${issueId}#history`);
    const { text } = await page(`/known-issues/${issueId}`, null);
    expect(text).toContain("Fix planned");
    expect(text).toContain("Firmware 7.3 fixes it next week.");
    const badStatus = await postToIssue(issueId, { intent: "status", status: "gone", note: "" }, mod);
    expect(badStatus.status).toBe(400);
    expect((await badStatus.json()).errors.status).toMatch(/Choose one of the statuses/);
  });
});

describe("me too and the fix check (POST only)", () => {
  test("GET is a 405 naming POST", async () => {
    for (const loader of [meTooLoader, checkLoader]) {
      const response = await settle(() => loader());
      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("POST");
    }
  });

  test("a member says it once and goes back to the thread; a foreign redirect goes to the issue instead", async () => {
    const path = `/known-issues/${issueId}/me-too`;
    const params = { id: String(issueId) };
    // A post meant for another form (no "me-too" intent) is refused and counts nothing.
    expect((await post(meTooAction, path, params, { intent: "vote", threadId: String(open1.id) }, member)).status).toBe(400);
    expect(db.select().from(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, issueId)).all()).toHaveLength(0);
    const first = await post(meTooAction, path, params, { intent: "me-too", threadId: String(open1.id), redirectTo: `/t/${open1.id}#known-issue` }, member);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/t/${open1.id}#known-issue`);
    const again = await post(meTooAction, path, params, { intent: "me-too", redirectTo: "//evil.example/steal" }, member);
    expect(again.headers.get("Location")).toBe(`/known-issues/${issueId}`);
    expect(db.select().from(knownIssueMeToos).where(eq(knownIssueMeToos.knownIssueId, issueId)).all()).toHaveLength(1);
    const visitor = await post(meTooAction, path, params, { intent: "me-too" }, null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect((await post(meTooAction, "/known-issues/424242/me-too", { id: "424242" }, { intent: "me-too" }, member)).status).toBe(404);
  });

  test("fixed: the asker answers at #fix-check; anyone else is refused", async () => {
    expect(setKnownIssueStatus(db, actor(mod), { issueId, status: "fixed", note: "Firmware 7.3 is rolling out." })).toMatchObject({ ok: true });
    const path = `/known-issues/${issueId}/check`;
    const params = { id: String(issueId) };
    const refused = await post(checkAction, path, params, { threadId: String(open1.id), answer: "solved" }, other);
    expect(refused.status).toBe(403);
    const bad = await post(checkAction, path, params, { threadId: String(open1.id), answer: "maybe" }, asker);
    expect(bad.status).toBe(400);
    const answered = await post(checkAction, path, params, { threadId: String(open1.id), answer: "not_solved", redirectTo: `/t/${open1.id}#fix-check` }, asker);
    expect(answered.status).toBe(302);
    expect(answered.headers.get("Location")).toBe(`/t/${open1.id}#fix-check`);
    const check = db.select().from(knownIssueChecks).where(and(eq(knownIssueChecks.knownIssueId, issueId), eq(knownIssueChecks.threadId, open1.id))).get()!;
    expect(check.answer).toBe("not_solved");
    // Staff read it on the issue's page, with the counts.
    const { text } = await page(`/known-issues/${issueId}`, mod);
    expect(text).toContain("Not solved: 1");
    expect(text).toContain(asker.displayName);
  });
});

describe("the thread's banner", () => {
  async function renderBanner(user: User | null, threadId: number) {
    const data = knownIssueBannerFor(db, user ? actor(user) : null, threadId);
    if (!data) return null;
    const element = createElement(LanguageProvider, {
      language: "en",
      children: createElement("div", null, createElement(KnownIssueBanner, { data, threadId }), createElement(KnownIssueStaffLink, { threadId })),
    });
    const handler = createStaticHandler([{ id: "page", path: "/", Component: () => element }]);
    const state = await handler.query(getRequest("/"));
    if (state instanceof Response) throw new Error("unexpected");
    return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, state), context: state, hydrate: false }));
  }

  test("a notice with the status in words, a link to the issue, Me too, and the asker's fix check", async () => {
    const html = (await renderBanner(asker, open1.id))!;
    const text = textOf(html);
    expect(html).toContain('aria-labelledby="known-issue-title"');
    expect(text).toContain("Known issue: Fixed");
    expect(html).toContain(`href="/known-issues/${issueId}"`);
    expect(html).toContain('id="fix-check"');
    expect(text).toContain("Did the fix solve your problem?");
    expect(html).toContain(`action="/known-issues/${issueId}/check"`);
    expect(html).toContain(`action="/known-issues/${issueId}/me-too"`);
    expect(html).toContain(`href="/mod/known-issues/new?thread=${open1.id}"`);
    const others = textOf((await renderBanner(member, open2.id))!);
    expect(others).not.toContain("Did the fix solve your problem?");
    expect(await renderBanner(member, unrelated.id)).toBeNull();
  });
});

describe("/mod/known-issues and its new form", () => {
  test("staff only; the list names each issue's team; a bad filter is a 400 with a message", async () => {
    expect((await load(modListLoader, "/mod/known-issues", {}, member)).status).toBe(403);
    const { text } = await page("/mod/known-issues", mod);
    expect(text).toContain(TEAM_WORD);
    const bad = await page("/mod/known-issues?status=nope&team=abc", mod);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("is not a status");
    expect(bad.text).toContain("Choose one of the teams listed.");
  });

  test("from a thread: its title, similar open threads offered (solved, linked and unrelated ones not), the source ticked", async () => {
    const source = thread(member, "My Wi-Fi drops every evening since the firmware update");
    const alike = thread(other, "The Wi-Fi drops every evening here too since the update");
    const { status, html, text } = await page(`/mod/known-issues/new?thread=${source.id}`, mod);
    expect(status).toBe(200);
    expect(html).toContain('value="My Wi-Fi drops every evening since the firmware update"');
    const box = (id: number) => html.match(new RegExp(`<input type="checkbox" name="threadId"[^>]*value="${id}"[^>]*>`))?.[0];
    expect(box(source.id)).toContain('checked=""');
    expect(box(alike.id)).toBeDefined();
    expect(box(alike.id)).not.toContain("checked");
    expect(text).not.toContain(solved.title);
    expect(text).not.toContain(unrelated.title);
    expect(text).not.toContain(open1.title); // linked already
    expect(text).not.toContain(HIDDEN_WORD);
    expect((await load(newLoader, "/mod/known-issues/new", {}, member)).status).toBe(403);
  });

  test("from a term: the title prefilled and the threads search finds", async () => {
    const fresh = thread(other, "Router reboots at night after the firmware update");
    const { html, text } = await page("/mod/known-issues/new?term=reboots", mod);
    expect(html).toContain('value="reboots"');
    expect(text).toContain(fresh.title);
  });

  test("an unknown thread is a message, not an error page", async () => {
    const { status, text, errors } = await page("/mod/known-issues/new?thread=abc", mod);
    expect(status).toBe(400);
    expect(errors).toBeNull();
    expect(text).toContain("does not exist or is not public");
  });

  test("creating links the ticked threads and leads to the issue; a thread linked meanwhile is a message with the ticks kept", async () => {
    const a = thread(member, "Wi-Fi drops each evening around eight since the update");
    const b = thread(other, "Evening Wi-Fi drops on the new firmware again");
    const fields = new URLSearchParams({ title: "Evening drops, second wave", description: "Another wave of evening drops after the update.", team: String(teamId) });
    fields.append("threadId", String(a.id));
    fields.append("threadId", String(open1.id));
    const refused = await settle(() =>
      newAction({ request: new Request("http://localhost/mod/known-issues/new", { method: "POST", body: fields, headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, context: contextFor(db, mod.id) }),
    );
    expect(refused.status).toBe(400);
    const reply = await refused.json();
    expect(reply.errors.threads).toContain("is already linked to the known issue");
    expect(reply.threadIds).toEqual([a.id, open1.id]);
    expect(threadIssue(a.id)).toBeNull();

    fields.delete("threadId");
    fields.append("threadId", String(a.id));
    fields.append("threadId", String(b.id));
    const made = await settle(() =>
      newAction({ request: new Request("http://localhost/mod/known-issues/new", { method: "POST", body: fields, headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, context: contextFor(db, mod.id) }),
    );
    expect(made.status).toBe(302);
    const id = Number(made.headers.get("Location")!.split("/").at(-1));
    expect(db.select().from(knownIssues).where(eq(knownIssues.id, id)).get()).toMatchObject({ title: "Evening drops, second wave", teamId, threadCount: 2 });
    expect([threadIssue(a.id), threadIssue(b.id)]).toEqual([id, id]);
  });

  test("a member cannot create one", async () => {
    const before = snapshot(db);
    const response = await post(newAction, "/mod/known-issues/new", {}, { title: "A member's known issue", description: "Members do not make these." }, member);
    expect(response.status).toBe(403);
    expect(snapshot(db)).toBe(before);
  });
});

describe("the lists' counts", () => {
  test("each issue's count of questions is its own linked rows', on the public list and the staff's", async () => {
    // Ids that differ from every thread's: a count that compared a thread's own id would read 0 or 1.
    for (let i = 0; i < 3; i++) db.insert(knownIssues).values({ title: `Filler ${i}`, createdById: mod.id, updatedAt: tick(), mergedIntoId: issueId }).run();
    const first = thread(other, "The app logs me out every morning since Monday");
    const second = thread(member, "Logged out of the app each morning this week");
    const made = createKnownIssue(db, actor(mod), { title: "Two questions about one thing", description: "Counted right.", threadIds: [first.id, second.id] });
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    expect([first.id, second.id]).not.toContain(made.id);
    const linked = db.select().from(threads).where(eq(threads.knownIssueId, made.id)).all();
    expect(linked).toHaveLength(2);
    const publicList = await page("/known-issues", null);
    expect(publicList.text).toMatch(/Two questions about one thing.*2 questions report it/s);
    const staffList = await page("/mod/known-issues", mod);
    expect(staffList.status).toBe(200);
    expect(staffList.text).toContain("Two questions about one thing");
  });
});
