// The search pages as Remix calls them: /search (and its log), /search/go,
// the similar-questions step and deflections on /ask, and the moderators'
// /mod/search and /mod/synonyms with their refusals.
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { deletePost } from "../../app/models/forum/post.server";
import { action as askAction, loader as askLoader } from "../../app/routes/ask";
import { loader as modSearchLoader } from "../../app/routes/mod.search";
import { action as synonymsAction, loader as synonymsLoader } from "../../app/routes/mod.synonyms";
import Search, { loader as searchLoader } from "../../app/routes/search";
import { loader as goLoader } from "../../app/routes/search_.go";
import { deflections, posts, searchQueries, searchSynonyms, threads } from "../../db/schema";
import { contextFor, createTestDb, formRequest, getRequest, personForm, settle } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { snapshot } from "../support/model-helpers";
import { renderPage } from "../support/render-page";

const db = createTestDb();
type User = Awaited<ReturnType<typeof createUser>>;
const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 10 * DAY;
const tick = () => new Date((clock += 60_000));

let member: User;
let mod: User;
let solved: { id: number; slug: string };
let open: { id: number; slug: string };

type SearchPage = {
  q: string;
  logId: number | null;
  results: null | {
    total: number;
    hits: { id: number; path: string; title: { text: string; mark: boolean }[] }[];
    expanded: string[];
    corrected: string | null;
    suggestion: string | null;
  };
};

function search(query: string, userId: number | null = null, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/search?${query}`, { headers });
  return settle(() => searchLoader({ request, params: {}, context: contextFor(db, userId) }));
}
function ask(fields: Record<string, string>, userId: number | null) {
  return settle(() => askAction({ request: formRequest("/ask", personForm(db, fields)), params: {}, context: contextFor(db, userId) }));
}
const lastLog = () => db.select().from(searchQueries).orderBy(desc(searchQueries.id)).get();
const threadCount = () => db.select({ n: sql<number>`count(*)` }).from(threads).get()!.n;

beforeAll(async () => {
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const established = new Date(Date.now() - 30 * DAY);
  member = await createUser(db, { createdAt: established });
  mod = await createUser(db, { createdAt: established, role: "moderator" });
  const helper = await createUser(db, { createdAt: established });
  solved = createTestThread(db, member, { title: "Router keeps rebooting every evening", body: "Every evening at eight the router restarts.", at: tick() });
  const answer = createTestAnswer(db, helper, solved.id, "It overheats: move it away from the radiator.", tick());
  db.update(threads).set({ acceptedAnswerId: answer.id }).where(eq(threads.id, solved.id)).run();
  open = createTestThread(db, member, { title: "Router lights blink orange all day", body: "Orange light and no internet since Monday.", at: tick() });
});

describe("/search", () => {
  test("shows results with highlighted titles and logs the search, normalised, with its count", async () => {
    const page = await bodyOf<SearchPage>(await search("q=%20Router%20%20REBOOTING"));
    expect(page.results?.total).toBe(1);
    expect(page.results?.hits[0].title).toContainEqual({ text: "Router", mark: true });
    expect(lastLog()).toMatchObject({ id: page.logId, query: "router rebooting", resultCount: 1, signedIn: false });
    await search("q=nothing-like-this", member.id);
    expect(lastLog()).toMatchObject({ query: "nothing-like-this", resultCount: 0, signedIn: true });
  });

  test("crawlers, later pages and empty queries are not logged; later pages keep the first page's log id", async () => {
    const before = lastLog()!.id;
    await search("q=router", null, { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
    await search("q=", null);
    await search("q=%22%2A%28", null);
    expect(lastLog()!.id).toBe(before);
    const first = await bodyOf<SearchPage>(await search("q=router"));
    const second = await bodyOf<SearchPage>(await search(`q=router&page=2&log=${first.logId}`));
    expect(second.logId).toBe(first.logId);
    const forged = await bodyOf<SearchPage>(await search(`q=other&page=2&log=${first.logId}`));
    expect(forged.logId).toBeNull();
  });

  test("hostile queries and odd parameters give a page, never an error", async () => {
    for (const query of ['q=%22NEAR(', "q=-*", "q=AND%20OR%20NOT", "q=)))&sort=bogus&page=-4&status=x&type=y&category=nope", `q=${"a".repeat(3000)}`]) {
      expect((await search(query)).status).toBe(200);
    }
  });

  test("a result link records the click and leads to the thread; a gone result is a 404", async () => {
    const page = await bodyOf<SearchPage>(await search("q=orange"));
    const hit = page.results!.hits[0];
    const response = await settle(() => goLoader({ request: getRequest(`/search/go?log=${page.logId}&type=thread&id=${hit.id}`), params: {}, context: contextFor(db) }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(hit.path);
    expect(db.select().from(searchQueries).where(eq(searchQueries.id, page.logId!)).get()).toMatchObject({ clickedKind: "thread", clickedId: hit.id });
    const bad = await settle(() => goLoader({ request: getRequest("/search/go?type=user&id=1"), params: {}, context: contextFor(db) }));
    expect(bad.status).toBe(400);
    const gone = await settle(() => goLoader({ request: getRequest("/search/go?type=thread&id=99999"), params: {}, context: contextFor(db) }));
    expect(gone.status).toBe(404);
  });
});

describe("/search: misspellings and other ways of writing a word", () => {
  const render = async (query: string) =>
    (await renderPage(contextFor(db), `/search?${query}`, [{ id: "routes/search", path: "search", loader: searchLoader, Component: Search }])).html;

  test("a word found nowhere shows the results for the closest word the community uses, and says so", async () => {
    const page = await bodyOf<SearchPage>(await search("q=rooter"));
    expect(page.results).toMatchObject({ corrected: "router", suggestion: null });
    expect(page.results?.hits.map((h) => h.id)).toContain(solved.id);
    // The search log keeps what was typed, with what it found.
    expect(lastLog()).toMatchObject({ query: "rooter", resultCount: page.results?.total });
    const html = await render("q=rooter");
    expect(html).toContain("Showing results for <strong>router</strong>: nothing matched “rooter”.");
    expect(html).toContain("results for “router”");
  });

  test("when some words match, the better spelling is offered as a link: Did you mean …?", async () => {
    const page = await bodyOf<SearchPage>(await search("q=rooter%20rebooting%20orange"));
    expect(page.results).toMatchObject({ corrected: null, suggestion: "router rebooting orange" });
    expect(page.results!.total).toBeGreaterThan(0);
    const html = await render("q=rooter%20rebooting%20orange");
    expect(html).toMatch(/Did you mean <a[^>]*href="\/search\?q=router%20rebooting%20orange"[^>]*>router rebooting orange<\/a>\?/);
  });

  test("stems, hyphens and French elisions: the words customers type find the threads", async () => {
    const ids = async (query: string) => (await bodyOf<SearchPage>(await search(query))).results?.hits.map((h) => h.id) ?? [];
    expect(await ids("q=restarting")).toContain(solved.id);
    expect(await ids("q=Re-booting")).toEqual(await ids("q=rebooting"));
    expect(await ids("q=l%27orange%20lights")).toContain(open.id);
  });

  test("nothing to correct, nothing offered; a hostile query is never corrected into syntax", async () => {
    expect((await bodyOf<SearchPage>(await search("q=router"))).results).toMatchObject({ corrected: null, suggestion: null });
    const hostile = await search("q=rooter%22%20OR%20*%20NEAR(");
    expect(hostile.status).toBe(200);
    const html = await render("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20rooter");
    expect(html).not.toContain("<script>alert");
  });
});

describe("/ask: similar questions and deflection", () => {
  test("a visitor's typed title brings similar threads, solved first", async () => {
    const page = await bodyOf<{ similar: { id: number; solved: boolean }[] }>(
      await settle(() => askLoader({ request: getRequest("/ask?title=my%20router%20keeps%20rebooting"), params: {}, context: contextFor(db) })),
    );
    expect(page.similar[0]).toMatchObject({ id: solved.id, solved: true });
  });

  test("without JavaScript, posting first shows similar questions and saves nothing; posting again saves", async () => {
    const fields = { intent: "post", title: "My router is rebooting all the time", body: "Since last week it restarts every hour or so.", category: "billing", tags: "" };
    const before = threadCount();
    const step = await ask(fields, member.id);
    expect(step.status).toBe(200);
    const reply = await bodyOf<{ step: boolean; similar: { id: number }[]; values: Record<string, string> }>(step);
    expect(reply.step).toBe(true);
    expect(reply.similar.map((s) => s.id)).toContain(solved.id);
    expect(reply.values).toMatchObject({ title: fields.title, body: fields.body, checked: "1" });
    expect(threadCount()).toBe(before);
    const posted = await ask({ ...fields, checked: "1" }, member.id);
    expect(posted.status).toBe(302);
    expect(threadCount()).toBe(before + 1);
  });

  test("the check button shows suggestions without posting, for visitors too", async () => {
    const reply = await bodyOf<{ similar: { id: number }[] }>(await ask({ intent: "similar", title: "orange lights on the router" }, null));
    expect(reply.similar.map((s) => s.id)).toContain(open.id);
  });

  test("'This answered my question' records a deflection with the title typed and goes to the thread", async () => {
    const before = threadCount();
    const response = await ask({ title: "Router Rebooting Again", category: "", deflect: `thread:${solved.id}` }, null);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/t/${solved.id}/${solved.slug}`);
    expect(db.select().from(deflections).orderBy(desc(deflections.id)).get()).toMatchObject({
      query: "router rebooting again",
      targetKind: "thread",
      targetId: solved.id,
      signedIn: false,
    });
    expect(threadCount()).toBe(before);
  });

  test("a deflection to a deleted thread is refused and not counted", async () => {
    const doomed = createTestThread(db, mod, { title: "A thread that will be deleted soon", at: tick() });
    const questionId = db.select().from(posts).where(and(eq(posts.threadId, doomed.id), eq(posts.kind, "question"))).get()!.id;
    deletePost(db, mod, questionId, tick());
    const count = db.select({ n: sql<number>`count(*)` }).from(deflections).get()!.n;
    const response = await ask({ title: "whatever", deflect: `thread:${doomed.id}` }, null);
    expect(response.status).toBe(404);
    expect(db.select({ n: sql<number>`count(*)` }).from(deflections).get()!.n).toBe(count);
  });

  test("sign in from /ask comes back with the title and category", async () => {
    const response = await ask({ intent: "signin", title: "Orange light on my box", category: "billing" }, null);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/ask?title=Orange+light+on+my+box&category=billing")}`);
  });
});

describe("moderators' search pages", () => {
  test("/mod/search shows the period's insights to moderators and refuses members and visitors", async () => {
    const page = await bodyOf<{ insights: { totals: { searches: number; deflections: number } } }>(
      await settle(() => modSearchLoader({ request: getRequest("/mod/search?days=7"), params: {}, context: contextFor(db, mod.id) })),
    );
    expect(page.insights.totals.searches).toBeGreaterThan(0);
    expect(page.insights.totals.deflections).toBe(1);
    const refused = await settle(() => modSearchLoader({ request: getRequest("/mod/search"), params: {}, context: contextFor(db, member.id) }));
    expect(refused.status).toBe(403);
    const visitor = await settle(() => modSearchLoader({ request: getRequest("/mod/search"), params: {}, context: contextFor(db, null) }));
    expect(visitor.status).toBe(302);
  });

  test("a member's forged synonym post is refused and changes nothing", async () => {
    const before = snapshot(db);
    const forged = await settle(() => synonymsAction({ request: formRequest("/mod/synonyms", { term: "box", synonyms: "router" }), params: {}, context: contextFor(db, member.id) }));
    expect(forged.status).toBe(403);
    expect((await settle(() => synonymsLoader({ request: getRequest("/mod/synonyms"), params: {}, context: contextFor(db, member.id) }))).status).toBe(403);
    expect(snapshot(db)).toBe(before);
  });

  test("a moderator adds a synonym (bad input keeps the text), and search uses it", async () => {
    const bad = await settle(() => synonymsAction({ request: formRequest("/mod/synonyms", { term: "", synonyms: "router" }), params: {}, context: contextFor(db, mod.id) }));
    expect(bad.status).toBe(400);
    expect(await bodyOf(bad)).toMatchObject({ errors: { term: expect.any(String) }, values: { synonyms: "router" } });
    const ok = await settle(() => synonymsAction({ request: formRequest("/mod/synonyms", { term: "Box", synonyms: "router" }), params: {}, context: contextFor(db, mod.id) }));
    expect(await bodyOf(ok)).toMatchObject({ message: expect.stringContaining("box") });
    const page = await bodyOf<SearchPage>(await search("q=box%20rebooting"));
    expect(page.results?.hits.map((h) => h.id)).toContain(solved.id);
    expect(page.results?.hits.map((h) => h.id)).not.toContain(open.id);
    expect(page.results?.expanded).toEqual(["router"]);
    const id = db.select().from(searchSynonyms).get()!.id;
    const removed = await settle(() => synonymsAction({ request: formRequest("/mod/synonyms", { intent: "remove", id: String(id) }), params: {}, context: contextFor(db, mod.id) }));
    expect(removed.status).toBe(302);
    expect(db.select().from(searchSynonyms).all()).toEqual([]);
  });
});
