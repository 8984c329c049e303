// The search page's own defects (#14.7): an article's result said "0 answers ·
// 14 votes · asked last week" (14 being how many found it helpful); the page's
// search form shared its landmark name with the header's; and applying the
// filters one by one (they apply as soon as they change) must not log the
// same search once per filter.
import { desc, eq } from "drizzle-orm";
import { createElement } from "react";
import { beforeAll, describe, expect, test } from "vitest";
import { createArticle } from "../../app/models/kb/kb.server";
import { REFINING_MS } from "../../app/models/search/search-page.server";
import { LanguageProvider } from "../../app/i18n/i18n";
import type { Language } from "../../app/i18n/languages";
import Search, { loader as searchLoader } from "../../app/routes/search";
import { articles, searchQueries } from "../../db/schema";
import { contextFor, createTestDb, settle } from "../support/db";
import { createTestAnswer, createTestCategory, createTestThread, createUser } from "../support/factories";
import { bodyOf } from "../support/http-helpers";
import { renderPage } from "../support/render-page";

const db = createTestDb();
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  createTestCategory(db, { slug: "network", name: "Network" });
  createTestCategory(db, { slug: "billing", name: "Billing" });
  const joined = new Date(Date.now() - 30 * DAY);
  const member = await createUser(db, { createdAt: joined });
  const mod = await createUser(db, { role: "moderator", createdAt: joined });
  const thread = createTestThread(db, member, { title: "Router lights blink orange after the update", body: "Since the update the router lights blink orange.", category: "network", at: new Date(Date.now() - 8 * DAY) });
  createTestAnswer(db, mod, thread.id, "Orange means the router is still updating: leave it alone for ten minutes.", new Date(Date.now() - 7 * DAY));
  const article = createArticle(db, mod, { title: "What the router lights mean", body: "Orange router lights: updating. Red: no line. Green: all good.", category: "network", tags: [], note: "", publish: true }, new Date(Date.now() - 7 * DAY));
  if (!article.ok) throw new Error(JSON.stringify(article.errors));
  db.update(articles).set({ helpfulYes: 14, helpfulNo: 2 }).where(eq(articles.id, article.article.id)).run();
});

async function render(query: string, language: Language = "en") {
  const context = contextFor(db, null);
  context.language = language;
  const Page = () => createElement(LanguageProvider, { language, children: createElement(Search) });
  return renderPage(context, `/search?${query}`, [{ id: "routes/search", path: "search", loader: searchLoader, Component: Page }]);
}

/** The text of each result's card (tags stripped), in order. */
function resultCards(html: string) {
  return [...html.matchAll(/<li class="card search-result">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim());
}

describe("an article among the results", () => {
  test("says how many found it helpful and when it was updated, never answers or votes", async () => {
    const cards = resultCards((await render("q=router+lights")).html);
    const article = cards.find((c) => c.startsWith("Article"))!;
    const question = cards.find((c) => c.startsWith("Question"))!;
    expect(article).toMatch(/14 found it helpful · updated (last week|\d+ days ago)$/);
    expect(article).not.toMatch(/answers?|votes?|asked/);
    expect(question).toMatch(/1 answer · 0 votes · asked/);
  });

  test("in French", async () => {
    const cards = resultCards((await render("q=router+lights", "fr")).html);
    const article = cards.find((c) => c.startsWith("Article"))!;
    expect(article).toContain("14 personnes l'ont trouvé utile · mis à jour");
    expect(article).not.toContain("votes");
  });
});

describe("the search form", () => {
  test("is a search landmark with its own name, not the header's", async () => {
    const { html } = await render("q=router");
    expect(html).toMatch(/<form[^>]*role="search"[^>]*aria-label="Search and filter the results"/);
    expect(html).not.toMatch(/<form[^>]*role="search"[^>]*aria-label="Search the community"/);
  });

  test("keeps its Search button (without JavaScript, the button applies the filters), and its choices fit their words", async () => {
    const { html } = await render("q=router");
    expect(html).toMatch(/<button type="submit" class="button button-primary">Search<\/button>/);
    expect(html).toContain(">Articles</option>");
  });
});

describe("the search log", () => {
  const search = (query: string) => settle(() => searchLoader({ request: new Request(`http://localhost/search?${query}`), params: {}, context: contextFor(db, null) }));
  const logCount = () => db.select().from(searchQueries).all().length;

  test("the same words with other filters, carrying the search's log id, are one search: logged once", async () => {
    const first = await bodyOf<{ logId: number }>(await search("q=router+lights"));
    const before = logCount();
    const refined = await bodyOf<{ logId: number; results: { total: number } }>(await search(`q=router+lights&type=article&log=${first.logId}`));
    expect(refined.logId).toBe(first.logId);
    expect(refined.results.total).toBe(1);
    await search(`q=router+lights&category=network&status=&log=${first.logId}`);
    expect(logCount()).toBe(before);
  });

  test("other words, a forged id or an old search are logged as a new search", async () => {
    const first = await bodyOf<{ logId: number }>(await search("q=router+lights"));
    const before = logCount();
    const other = await bodyOf<{ logId: number }>(await search(`q=orange&log=${first.logId}`));
    expect(other.logId).not.toBe(first.logId);
    expect(logCount()).toBe(before + 1);
    db.update(searchQueries).set({ createdAt: new Date(Date.now() - REFINING_MS - 1000) }).where(eq(searchQueries.id, first.logId)).run();
    const later = await bodyOf<{ logId: number }>(await search(`q=router+lights&type=thread&log=${first.logId}`));
    expect(later.logId).not.toBe(first.logId);
    expect(db.select().from(searchQueries).orderBy(desc(searchQueries.id)).get()!.id).toBe(later.logId);
  });
});
