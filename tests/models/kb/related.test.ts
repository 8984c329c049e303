// An article's "Related" panel (#14.7: every article said "Nothing closely
// related yet", even with its source thread there). The article and the thread
// it came from share its title word for word: they were often the only
// documents near enough to its title, and the panel left both out (the article
// was also asked for one suggestion too few). The source question is now the
// panel's first line, and the suggestions are asked for without those two.
import { beforeAll, describe, expect, test } from "vitest";
import { createArticle, getArticlePage } from "../../../app/models/kb/kb.server";
import { findSimilar } from "../../../app/models/search/search.server";
import { threadPath } from "../../../app/models/forum/thread.server";
import ArticlePage, { loader as articleLoader } from "../../../app/routes/kb.$slug";
import { contextFor, createTestDb } from "../../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../../support/factories";
import { renderPage } from "../../support/render-page";

const db = createTestDb();
const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now() - 20 * DAY;
const tick = () => new Date((clock += 60 * 60_000));

const TITLE = "Why does my router restart every night?";
let sourceThread: { id: number; slug: string };
let promotedSlug = "";
let officialSlug = "";
let neighbours: string[] = [];

beforeAll(async () => {
  createTestCategory(db, { slug: "network", name: "Network" });
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const joined = new Date(Date.now() - 60 * DAY);
  const asker = await createUser(db, { createdAt: joined });
  const helper = await createUser(db, { createdAt: joined });
  const mod = await createUser(db, { role: "moderator", createdAt: joined });
  const thread = createTestThread(db, asker, { title: TITLE, body: "Every night at 3 am the router restarts and the TV drops.", category: "network", at: tick() });
  sourceThread = thread;
  const answer = createTestAnswer(db, helper, thread.id, "That is the nightly update: move it to another hour in the router's settings.", tick());
  // Threads about the same thing, worded differently, and one about something else.
  neighbours = ["My router restarts during the night since the update", "Router keeps restarting every night after new firmware"];
  for (const title of neighbours) createTestThread(db, asker, { title, body: "The router restarts by itself at night, every night.", category: "network", at: tick() });
  createTestThread(db, asker, { title: "How do I change the address on my bill?", body: "I moved house and the bill still has the old address.", category: "billing", at: tick() });

  const promoted = createArticle(db, mod, { title: TITLE, body: answer.body, category: "network", tags: [], note: "", answerId: answer.id, publish: true }, tick());
  if (!promoted.ok) throw new Error(JSON.stringify(promoted.errors));
  promotedSlug = promoted.article.slug;
  const official = createArticle(db, mod, { title: "Router restarts every night: what to do", body: "The router restarts at night to update itself; choose the hour in the settings.", category: "network", tags: [], note: "", publish: true }, tick());
  if (!official.ok) throw new Error(JSON.stringify(official.errors));
  officialSlug = official.article.slug;
});

describe("an article's related threads", () => {
  test("the documents left out are never suggested, and the others near the title still are", () => {
    const all = findSimilar(db, TITLE, 6);
    const source = all.find((s) => s.kind === "thread" && s.title === TITLE)!;
    expect(source).toBeDefined();
    const without = findSimilar(db, TITLE, 6, { exclude: [{ kind: "thread", id: source.id }] });
    expect(without.map((s) => `${s.kind}:${s.id}`)).not.toContain(`thread:${source.id}`);
    for (const title of neighbours) expect(without.map((s) => s.title)).toContain(title);
  });

  test("a promoted article shows its source question and the threads about the same thing, not itself nor unrelated ones", () => {
    const page = getArticlePage(db, null, promotedSlug, null)!;
    expect(page.source).toEqual({ title: TITLE, path: `${threadPath(sourceThread)}#post-${page.article.sourceAnswerId}` });
    const related = page.related.map((r) => r.title);
    for (const title of neighbours) expect(related).toContain(title);
    expect(related).not.toContain(TITLE);
    expect(related).not.toContain("How do I change the address on my bill?");
    expect(page.related.every((r) => !(r.kind === "article" && r.id === page.article.id))).toBe(true);
  });

  test("an official article (no source thread) also finds its neighbours, never itself", () => {
    const page = getArticlePage(db, null, officialSlug, null)!;
    expect(page.source).toBeNull();
    expect(page.related.length).toBeGreaterThan(0);
    expect(page.related.some((r) => r.kind === "article" && r.id === page.article.id)).toBe(false);
  });

  test("the page lists the source question first, and no longer says there is nothing related", async () => {
    const { html } = await renderPage(contextFor(db, null), `/kb/${promotedSlug}`, [{ id: "routes/kb.$slug", path: "kb/:slug", loader: articleLoader, Component: ArticlePage }]);
    const aside = html.slice(html.indexOf('id="related-title"'));
    expect(aside).not.toContain("Nothing closely related yet.");
    expect(aside).toContain("The original question");
    expect(aside.indexOf(TITLE)).toBeLessThan(aside.indexOf(neighbours[0]!));
    for (const title of neighbours) expect(aside).toContain(title);
  });
});
